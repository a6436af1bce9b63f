// Several collectors on one PostgreSQL, as a deployment behind a load balancer runs them: one is
// killed mid-burst and the other keeps serving, with no acknowledged answer lost; PostgreSQL itself
// restarts under load, and the collectors answer 503 meanwhile, acknowledge nothing they did not
// store, and recover by themselves; a write of customer events waits for another collector's, so
// the chains it computes see that one's events.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { STORED_EVENT_COLUMNS, expectedChains, storedChains, type StoredEvent } from '../event-chains';
import { startCluster, type Cluster } from '../pg-cluster';
import { createSiteAndSurvey, startCollector, type CollectorProcess } from '../process-helper';
import { EVENT_WRITES_LOCK } from '../../src/store/postgres/customers';
import { createTestDatabase, type TestDatabase } from '../test-database';

const started: CollectorProcess[] = [];
let db: TestDatabase | undefined;
let cluster: Cluster | undefined;
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
  await db?.close();
  db = undefined;
  cluster?.destroy();
  cluster = undefined;
});

/**
 * GET /healthz's status on a connection of its own. Through fetch it could take a pooled keep-alive
 * socket idle since the set-up, which the collector closes after 5 s: cluster.stop() holds this
 * process's event loop while pg_ctl runs, so the close may not be read yet when the probe takes it
 * (seen once in CI: "other side closed"). The probe must say what the collector answers.
 */
function health(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/healthz`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Polling pause while a condition on the load's progress is awaited. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

type Site = Awaited<ReturnType<typeof createSiteAndSurvey>>;

/** Posts answers from `workers` loops to one of `urls` in turn until `stop()` says so. */
function burst(urls: () => string[], { site, survey }: Site, workers: number, stop: () => boolean) {
  const acknowledged = new Set<string>();
  const refused = new Map<number, number>();
  let failures = 0;
  const loop = async (w: number) => {
    for (let i = 0; i < 5_000 && !stop(); i++) {
      const list = urls();
      const url = list[(w + i) % list.length]!;
      const id = randomUUID();
      try {
        const res = await fetch(`${url}/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, key: site.publicKey, survey: survey.id, nps: i % 11 }),
        });
        await res.arrayBuffer();
        if (res.status === 202) acknowledged.add(id);
        else refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
      } catch {
        failures++; // a connection to a killed collector
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  return { acknowledged, refused, failures: () => failures, done };
}

async function storedIds(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = (await client.query<{ id: string }>('SELECT id FROM responses')).rows.map((r) => r.id);
    const rolled = Number((await client.query('SELECT coalesce(sum(responses), 0) AS n FROM daily_rollups')).rows[0].n);
    expect(rolled).toBe(ids.length); // the counters were committed with the rows
    expect(new Set(ids).size).toBe(ids.length); // none twice
    return new Set(ids);
  } finally {
    await client.end();
  }
}

describe('collectors on PostgreSQL', { timeout: 120_000 }, () => {
  it('lose no acknowledged answer when one of two is killed mid-burst, and the other keeps serving', async () => {
    db = await createTestDatabase('postgres');
    const a = await startCollector(db.location);
    const b = await startCollector(db.location);
    started.push(a, b);
    const site = await createSiteAndSurvey(a.url);
    let alive = [a.url, b.url];
    let stop = false;
    const load = burst(() => alive, site, 16, () => stop);
    while (load.acknowledged.size < 300) await tick();
    a.child.kill('SIGKILL');
    alive = [b.url];
    const atKill = load.acknowledged.size;
    while (load.acknowledged.size < atKill + 300) await tick();
    stop = true;
    await load.done;
    expect((await a.exited).signal).toBe('SIGKILL');
    expect(await health(b.url)).toBe(200);
    const ids = await storedIds((db.location as { databaseUrl: string }).databaseUrl);
    for (const id of load.acknowledged) expect(ids.has(id)).toBe(true);
  });

  it('answer 503 while PostgreSQL restarts, acknowledge only what is stored, and recover by themselves', async () => {
    cluster = await startCluster();
    const collector = await startCollector({ databaseUrl: cluster.url }, { PLAUDIT_WRITE_TIMEOUT_MS: '2000' });
    started.push(collector);
    const site = await createSiteAndSurvey(collector.url);
    let stop = false;
    const load = burst(() => [collector.url], site, 8, () => stop);
    while (load.acknowledged.size < 200) await tick();

    cluster.stop('fast');
    // While it is down: refusals, with the envelope's status, and health says so.
    const down = await health(collector.url);
    const refusedBefore = load.refused.get(503) ?? 0;
    while ((load.refused.get(503) ?? 0) < refusedBefore + 20) await tick();
    expect([200, 503], collector.output()).toContain(down);
    expect(await health(collector.url)).toBe(503);
    const ackedWhileDown = load.acknowledged.size;

    cluster.start();
    // Recovery by itself: answers are acknowledged again, without a restart of the collector.
    while (load.acknowledged.size < ackedWhileDown + 200) await tick();
    stop = true;
    await load.done;
    expect(await health(collector.url)).toBe(200);
    expect([...load.refused.keys()].every((status) => status === 503)).toBe(true);
    const ids = await storedIds(cluster.url);
    for (const id of load.acknowledged) expect(ids.has(id)).toBe(true);
    expect(collector.output()).toMatch(/database writes are failing/);
    expect(collector.output()).toMatch(/database writes have recovered/);
  });

  it('write one site’s customer events one transaction at a time, so a chain sees the other collector’s events', async () => {
    db = await createTestDatabase('postgres');
    const url = (db.location as { databaseUrl: string }).databaseUrl;
    const collector = await startCollector(db.location);
    started.push(collector);
    const { site } = await createSiteAndSurvey(collector.url);
    const post = (events: object[]) =>
      fetch(`${collector.url}/v1/sites/${site.id}/customers/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
    expect((await post([{ id: 'evt_late', customer: 'cus_1', type: 'lost', at: '2026-03-01T00:00:00Z' }])).status).toBe(200);
    // Another collector, in the middle of its own write: it holds the lock and has stored an
    // earlier acquisition, not yet committed.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(EVENT_WRITES_LOCK, [site.id]);
      await other.query(
        `INSERT INTO customer_events (site_id, id, customer_id, type, at, day, week, mrr, created_at, updated_at, was_active, mrr_before, first_event)
         VALUES ($1, 'evt_early', 'cus_1', 'acquired', $2, '2026-01-01', '2025-12-29', 30, 0, 0, 0, 0, 1)`,
        [site.id, Date.parse('2026-01-01T00:00:00Z')],
      );
      // This collector's write between the two must wait for that transaction, then see its event.
      let settled = false;
      const between = post([{ id: 'evt_mid', customer: 'cus_1', type: 'acquired', at: '2026-02-01T00:00:00Z', mrr: 50 }]).finally(() => (settled = true));
      const waiting = async () => Number((await other.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n) > 0;
      while (!settled && !(await waiting())) await tick();
      expect(settled).toBe(false);
      await other.query('COMMIT');
      expect((await between).status).toBe(200);
      const stored = (await other.query<StoredEvent>(`SELECT ${STORED_EVENT_COLUMNS} FROM customer_events`)).rows;
      expect(stored).toHaveLength(3);
      // evt_mid follows evt_early: a second acquisition while active, not a first event.
      expect(storedChains(stored)).toEqual(expectedChains(stored));
      expect(storedChains(stored).evt_mid).toEqual([1, 30, 0]);
    } finally {
      await other.end();
    }
  });
});
