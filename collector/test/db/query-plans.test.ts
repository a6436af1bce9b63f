// The metrics and listing routes must stay fast as data grows: none of their queries may scan
// the responses table in full. Each SQL statement the routes prepare is checked with EXPLAIN.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite';
import { bearer, buildSqliteTestApp, createSite, createSurvey, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp & { store: SqliteStore };
let site: TestSite;
let survey: { id: string };
let prepared: string[];

beforeEach(async () => {
  t = await buildSqliteTestApp();
  site = await createSite(t.app, { timezone: 'Europe/Paris' });
  survey = await createSurvey(t.app, site);
  for (let i = 0; i < 30; i++) await seedAnswer(t.app, site, survey.id, `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, { nps: i % 11, comment: i % 2 ? 'x' : undefined });
  const db = t.store.internals.db;
  const original = db.prepare.bind(db);
  prepared = [];
  t.store.internals.reader.statements.clear();
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return original(sql);
  }) as typeof db.prepare;
});
afterEach(async () => {
  await t.close();
});

function plan(sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  const rows = t.store.internals.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans', () => {
  it.each([
    ['metrics, all time', '/metrics'],
    ['metrics by month', '/metrics?interval=month'],
    ['metrics, 30 days by day', '/metrics?from=2026-05-01&to=2026-05-30&interval=day'],
    ['metrics of one survey', '/metrics?survey=SURVEY&interval=week'],
    ['metrics segmented by an attribute', '/metrics?segment=plan&from=2026-02-01'],
    ['responses, newest first', '/responses?limit=10'],
    ['responses of one survey', '/responses?survey=SURVEY&limit=10'],
    ['responses filtered', '/responses?from=2026-02-01&to=2026-03-01&category=detractor&hasComment=true'],
  ])('%s never scans the responses table', async (_, path) => {
    const url = `/v1/sites/${site.id}${path.replace('SURVEY', survey.id)}`;
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    // Both connections: the main one, and the reader that runs lists and metrics off the loop.
    const selects = [...prepared, ...t.store.internals.reader.statements].filter((sql) => /^\s*SELECT/i.test(sql));
    expect(selects.length).toBeGreaterThan(0);
    for (const sql of selects) {
      const p = plan(sql);
      expect(p, sql).not.toMatch(/SCAN responses/);
      // Metrics read counters; of the responses only the few contacted detractors, through an index holding just them.
      if (path.startsWith('/metrics')) expect(p.replace(/SEARCH responses USING (COVERING )?INDEX responses_contacted_detractors \([^)]*\)/g, ''), sql).not.toMatch(/responses/);
      // Listing newest first walks the index backwards; it never sorts the rows it found.
      else expect(p, sql).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('churn sums its events from an index in day order and probes customers in the walk, scanning nothing', async () => {
    const events = [
      { id: 'e1', customer: 'c1', type: 'acquired', at: '2026-01-10T10:00:00Z', mrr: 10 },
      { id: 'e2', customer: 'c1', type: 'lost', at: '2026-02-10T10:00:00Z' },
    ];
    expect((await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events`, headers: bearer(site.secretKey), payload: events })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics/churn?from=2026-01-01&to=2026-03-31&groupBy=nps`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    const churn = [...t.store.internals.reader.statements].find((sql) => sql.includes("SELECT 'd' AS g"));
    expect(churn).toBeDefined();
    const p = plan(churn!);
    // The day sums: the covering index, in its order (a GROUP BY sorting every event would say TEMP B-TREE first).
    expect(p).toMatch(/LEFT-MOST SUBQUERY\nSEARCH customer_events USING COVERING INDEX customer_events_days \(site_id=\?\)\nUNION ALL/);
    expect(p.match(/SEARCH [sx] USING COVERING INDEX customer_events_walk \(site_id=\? AND customer_id=\?\)/g)).toHaveLength(4);
    expect(p).not.toMatch(/SCAN/);
  });
});
