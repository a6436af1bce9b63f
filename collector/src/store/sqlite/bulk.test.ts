// The bulk path through the seeding tool: rows and rollups agree, the metrics route reads the
// same NPS as the raw rows give, and a seed reproduces its data.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUpAnswersSchema, SurveyCreateSchema, csatFromDistribution, followUpProblem, npsFromDistribution, type Survey } from '@plaudit/shared';
import { seedSite } from '../../../scripts/seed/seed-site';
import { buildApp } from '../../app';
import { localDay } from '../../lib/local-time';
import { createBulkRepository } from './bulk';
import { openDatabase, type Db } from './database';
import { createSitesRepository } from './sites';
import { createSurveysRepository } from './surveys';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SEED_SCRIPT = path.join(ROOT, 'collector/scripts/seed.ts');
const ROWS = 2000;
const LAST_DAY = '2026-03-31';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Row {
  id: string;
  site_id: string;
  survey_id: string;
  day: string;
  nps: number | null;
  csat: number | null;
  comment: string | null;
  created_at: number;
}

let dir: string;
let dbPath: string;
let printed: { id: string; secretKey: string; publicKey?: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-bulk-'));
  dbPath = path.join(dir, 'seed.db');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', SEED_SCRIPT, '--responses', String(ROWS), '--db', dbPath, '--seed', 'test', '--last-day', LAST_DAY],
    { cwd: ROOT },
  );
  printed = JSON.parse(stdout.trim().split('\n').at(-1)!);
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function withDb<T>(file: string, fn: (db: Db) => T): T {
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function withDbAsync<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const readRows = (db: Db) => db.prepare('SELECT * FROM responses ORDER BY seq').all() as Row[];

describe('pnpm seed', () => {
  it('prints the site id and its secret key as the last stdout line', () => {
    expect(printed.id).toMatch(/^st_/);
    expect(printed.secretKey).toMatch(/^sk_/);
  });

  it('stores the requested number of answers with unique UUIDs, local days and two years of dates', () => {
    withDb(dbPath, (db) => {
      const rows = readRows(db);
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r) => r.id)).size).toBe(ROWS);
      for (const r of rows) {
        expect(r.id).toMatch(UUID);
        expect(r.day).toBe(localDay(r.created_at, 'Europe/Paris'));
        expect(r.nps !== null || r.csat !== null || r.comment !== null).toBe(true);
      }
      const days = rows.map((r) => r.day).sort();
      expect(days.at(-1)! <= LAST_DAY).toBe(true);
      expect(days[0]! < '2024-06-01').toBe(true);
      expect((db.prepare('SELECT count(*) AS n FROM surveys').get() as { n: number }).n).toBe(3);
      // Both languages show up in the comments.
      expect(rows.some((r) => r.comment && /livraison|qualité|service client/i.test(r.comment))).toBe(true);
      expect(rows.some((r) => r.comment && /delivery|quality|support/i.test(r.comment))).toBe(true);
    });
  });

  it('builds rollups that equal the counts taken from the responses, per survey, day and score', () => {
    withDb(dbPath, (db) => {
      const expected = new Map<string, { responses: number; comments: number; nps: number[]; csat: number[] }>();
      for (const r of readRows(db)) {
        const key = `${r.survey_id}|${r.day}`;
        let c = expected.get(key);
        if (!c) expected.set(key, (c = { responses: 0, comments: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) }));
        c.responses++;
        if (r.comment !== null) c.comments++;
        if (r.nps !== null) c.nps[r.nps]! += 1;
        if (r.csat !== null) c.csat[r.csat - 1]! += 1;
      }
      const rollups = db.prepare('SELECT * FROM daily_rollups').all() as Record<string, number | string>[];
      expect(rollups).toHaveLength(expected.size);
      for (const row of rollups) {
        const c = expected.get(`${row.survey_id}|${row.day}`);
        expect(c, `rollup ${row.survey_id} ${row.day}`).toBeDefined();
        expect(row.site_id).toBe(printed.id);
        expect(row.responses).toBe(c!.responses);
        expect(row.comments).toBe(c!.comments);
        expect(Array.from({ length: 11 }, (_, s) => row[`nps${s}`])).toEqual(c!.nps);
        expect(Array.from({ length: 5 }, (_, s) => row[`csat${s + 1}`])).toEqual(c!.csat);
        expect(row.impressions as number).toBeGreaterThanOrEqual(c!.responses);
        expect(row.dismissals as number).toBeLessThanOrEqual((row.impressions as number) - c!.responses);
      }
    });
  });

  it('gives the metrics route the NPS and CSAT computed from the raw rows', async () => {
    const rows = withDb(dbPath, readRows);
    const nps = Array(11).fill(0);
    const csat = Array(5).fill(0);
    const npsByMonth = new Map<string, number[]>();
    for (const r of rows) {
      if (r.nps !== null) {
        nps[r.nps]++;
        const month = `${r.day.slice(0, 7)}-01`;
        if (!npsByMonth.has(month)) npsByMonth.set(month, Array(11).fill(0));
        npsByMonth.get(month)![r.nps]! += 1;
      }
      if (r.csat !== null) csat[r.csat - 1]++;
    }

    const app = await buildApp({ dbPath, rateLimit: 0 });
    try {
      const get = (query: string) =>
        app.inject({ method: 'GET', url: `/v1/sites/${printed.id}/metrics${query}`, headers: { authorization: `Bearer ${printed.secretKey}` } });
      const res = await get('');
      expect(res.statusCode).toBe(200);
      const m = res.json();
      expect(m.responses).toBe(ROWS);
      expect(m.npsDistribution).toEqual(nps);
      expect(m.nps).toEqual(npsFromDistribution(nps));
      expect(m.csat).toEqual(csatFromDistribution(csat));
      // Seeded impressions make a plausible response rate.
      expect(m.responseRate).toBeGreaterThan(5);
      expect(m.responseRate).toBeLessThan(30);

      const monthly = (await get('?interval=month')).json();
      for (const bucket of monthly.series as { start: string; nps: { score: number | null } }[]) {
        const dist = npsByMonth.get(bucket.start);
        expect(bucket.nps.score, bucket.start).toBe(dist ? npsFromDistribution(dist).score : null);
      }
    } finally {
      await app.close();
    }
  });
});

describe('pnpm seed: follow-up answers', () => {
  it('answers the in-app survey’s questions validly, with a story: friends bring promoters, Instagram the least happy, detractors want delivery fixed', async () => {
    const app = await buildApp({ dbPath, rateLimit: 0 });
    try {
      const auth = { authorization: `Bearer ${printed.secretKey}` };
      const surveys = (await app.inject({ method: 'GET', url: `/v1/sites/${printed.id}/surveys`, headers: auth })).json().items as Survey[];
      const survey = surveys.find((s) => s.followUps.length > 0)!;
      expect(survey.followUps.map((q) => q.id)).toEqual(['found_us', 'improve']);
      // Every stored answer fits the survey's definition, as the ingest route would have checked.
      const stored = withDb(dbPath, (db) => db.prepare("SELECT answers FROM responses WHERE answers <> '{}'").all() as { answers: string }[]);
      expect(stored.length).toBeGreaterThan(ROWS / 4);
      for (const { answers } of stored) {
        for (const [id, answer] of Object.entries(FollowUpAnswersSchema.parse(JSON.parse(answers)))) {
          expect(followUpProblem(survey.followUps.find((q) => q.id === id), answer), answers).toBeNull();
        }
      }
      const results = (await app.inject({ method: 'GET', url: `/v1/sites/${printed.id}/surveys/${survey.id}/results`, headers: auth })).json();
      const [found, improve] = results.questions as { options: { id: string; count: number; nps: { score: number } }[] }[];
      const npsOf = (id: string) => found!.options.find((o) => o.id === id)!.nps.score;
      expect(npsOf('friend')).toBeGreaterThan(npsOf('search') + 5);
      expect(npsOf('search')).toBeGreaterThan(npsOf('instagram') + 5);
      const mostAsked = [...improve!.options].sort((a, b) => b.count - a.count).slice(0, 2).map((o) => o.id);
      expect(mostAsked.sort()).toEqual(['delivery', 'price']);
      // Every promoter of the survey saw its next step; about one in six followed it.
      const promoters = withDb(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM responses WHERE survey_id = ? AND nps >= 9').get(survey.id) as { n: number }).n);
      expect(results.cta.shown).toBe(promoters);
      expect(results.cta.clickRate).toBeGreaterThan(10);
      expect(results.cta.clickRate).toBeLessThan(25);
    } finally {
      await app.close();
    }
  });
});

describe('pnpm seed: themes', () => {
  it('stores each comment’s theme keys, and its detractors’ themes are about delivery, its promoters’ not', async () => {
    const missing = withDb(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM responses WHERE comment IS NOT NULL AND comment_keys IS NULL').get() as { n: number }).n);
    expect(missing).toBe(0);
    const app = await buildApp({ dbPath, rateLimit: 0 });
    try {
      const themes = async (category: string) =>
        (await app.inject({ method: 'GET', url: `/v1/sites/${printed.id}/themes?category=${category}&limit=5`, headers: { authorization: `Bearer ${printed.secretKey}` } })).json()
          .themes as { label: string; stems: string[]; nps: { with: { score: number }; without: { score: number } } }[];
      const detractors = await themes('detractor');
      const promoters = await themes('promoter');
      const DELIVERY = /^(livr|deliv|colis|parcel|arriv|long|retard|week|semain|attend)/;
      expect(detractors.filter((t) => t.stems.some((s) => DELIVERY.test(s))).length).toBeGreaterThanOrEqual(2);
      // What detractors name goes with a lower NPS; what promoters name with a higher one.
      for (const t of detractors) expect(t.nps.with.score, t.label).toBeLessThan(t.nps.without.score);
      for (const t of promoters) expect(t.nps.with.score, t.label).toBeGreaterThan(t.nps.without.score);
    } finally {
      await app.close();
    }
  });
});

describe('seedSite', () => {
  const comparable = (db: Db) => {
    const names = new Map((db.prepare('SELECT id, name FROM surveys').all() as { id: string; name: string }[]).map((s) => [s.id, s.name]));
    return (db.prepare('SELECT * FROM responses ORDER BY seq').all() as (Row & { seq?: number })[]).map(({ site_id: _site, seq: _seq, survey_id, ...rest }) => ({
      ...rest,
      survey: names.get(survey_id),
    }));
  };

  it('reproduces the same answers from the same seed, and others from another seed', async () => {
    const seedInto = (file: string, seed: string) =>
      withDbAsync(path.join(dir, file), async (db) => {
        await seedSite(db, { responses: 500, seed, lastDay: LAST_DAY });
        return comparable(db);
      });
    const a = await seedInto('a.db', 'same');
    const b = await seedInto('b.db', 'same');
    const c = await seedInto('c.db', 'other');
    expect(a).toHaveLength(500);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('adds another site to a file that already has one, and restores the durability settings', async () => {
    const file = path.join(dir, 'twice.db');
    const db = openDatabase(file);
    try {
      const cacheSize = db.pragma('cache_size', { simple: true });
      const first = await seedSite(db, { responses: 300, lastDay: LAST_DAY });
      const second = await seedSite(db, { responses: 200, lastDay: LAST_DAY });
      expect(second.siteId).not.toBe(first.siteId);
      const perSite = db.prepare('SELECT site_id, count(*) AS n FROM responses GROUP BY site_id ORDER BY n DESC').all();
      expect(perSite).toEqual([
        { site_id: first.siteId, n: 300 },
        { site_id: second.siteId, n: 200 },
      ]);
      const rollupTotals = db.prepare('SELECT site_id, sum(responses) AS n FROM daily_rollups GROUP BY site_id ORDER BY n DESC').all();
      expect(rollupTotals).toEqual(perSite);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    } finally {
      db.close();
    }
  });
});

describe('createBulkRepository', () => {
  it('takes at most `limit` rows from an iterator per call and refuses impossible response rates', async () => {
    await withDbAsync(':memory:', async (db) => {
      const { site } = await createSitesRepository(db).create({ name: 'Shop', origins: [] });
      const survey = await createSurveysRepository(db).create(site.id, SurveyCreateSchema.parse({ name: 'NPS', questions: ['nps'] }));
      const rows = (function* () {
        for (let i = 0; i < 5; i++) {
          yield {
            id: `00000000-0000-4000-8000-00000000000${i}`,
            siteId: site.id,
            surveyId: survey.id,
            day: '2026-01-01',
            nps: i,
            csat: null,
            comment: null,
            consent: null,
            locale: null,
            page: null,
            visitor: null,
            customerId: null,
            customerEmail: null,
            attributes: '{}',
            answers: '{}',
            commentKeys: null,
            createdAt: 0,
            updatedAt: 0,
          };
        }
      })();
      const bulk = createBulkRepository(db);
      expect([bulk.insertResponses(rows, 3), bulk.insertResponses(rows, 3), bulk.insertResponses(rows, 3)]).toEqual([3, 2, 0]);
      expect(bulk.rebuildRollups(site.id, { [survey.id]: 10 })).toBe(1);
      const rollup = db.prepare('SELECT responses, impressions, dismissals, nps0, nps4, nps5 FROM daily_rollups').get();
      expect(rollup).toEqual({ responses: 5, impressions: 50, dismissals: 18, nps0: 1, nps4: 1, nps5: 0 });
      // Without a rate the answers are still counted; the impressions are unknown, not invented.
      expect(bulk.rebuildRollups(site.id, {})).toBe(1);
      expect(db.prepare('SELECT responses, impressions, dismissals FROM daily_rollups').get()).toEqual({ responses: 5, impressions: 0, dismissals: 0 });
      expect(() => bulk.rebuildRollups(site.id, { [survey.id]: 0 })).toThrow(RangeError);
      expect(() => bulk.rebuildRollups(site.id, { [survey.id]: 120 })).toThrow(RangeError);
    });
  });
});
