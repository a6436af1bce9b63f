import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { answerDelta } from '../answer-counts';
import Database from 'better-sqlite3';
import { migrate, openDatabase, type Db } from './database';

const promoter = { nps: 9, csat: null, comment: null };
import { GroupCommit } from './group-commit';
import { MAX_SEGMENT_VALUES, OTHER_SEGMENT, createSegmentWriter } from './segments';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-segments-'));
  db = openDatabase(path.join(dir, 'p.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('drops its caches between batches past their bound, and reads what it needs back from the table', async () => {
  const gc = new GroupCommit(db, path.join(dir, 'p.db'));
  const apply = createSegmentWriter(db, gc, 2);
  const answer = (plan: string, sign: 1 | -1) =>
    gc.write(() => apply('st_1', 'sv_1', '2026-11-22', { plan }, sign > 0 ? answerDelta(null, promoter) : answerDelta(promoter, null), sign > 0));

  await answer('a', 1);
  expect(apply.cachedValues()).toBe(2); // the name and one value
  await Promise.all([answer('b', 1), answer('c', 1)]);
  expect(apply.cachedValues()).toBe(0); // 4 > 2: dropped once that batch committed
  // Taking an answer out again finds its value's row through the table.
  await answer('a', -1);
  const rows = db.prepare('SELECT value, responses, nps9 FROM segment_rollups ORDER BY value').all();
  expect(rows).toEqual([
    { value: 'a', responses: 0, nps9: 0 },
    { value: 'b', responses: 1, nps9: 1 },
    { value: 'c', responses: 1, nps9: 1 },
  ]);
  expect(db.prepare('SELECT value FROM segment_values ORDER BY value').pluck().all()).toEqual(['a', 'b', 'c']);
  await gc.close();
});

it('keeps one cap and one set of counters when two processes write the same file', async () => {
  // Two connections with their own writers stand for two collector processes on one file.
  const file = path.join(dir, 'p.db');
  const other = openDatabase(file);
  const gcA = new GroupCommit(db, file);
  const gcB = new GroupCommit(other, file);
  const a = createSegmentWriter(db, gcA);
  const b = createSegmentWriter(other, gcB);
  const add = (writer: typeof a, gc: GroupCommit, plan: string, sign: 1 | -1 = 1) =>
    gc.write(() => writer('st_1', 'sv_1', '2026-11-22', { plan }, sign > 0 ? answerDelta(null, promoter) : answerDelta(promoter, null), sign > 0));

  // Each process sees its own 80 new values: between them they may admit 100, no more.
  for (let i = 0; i < 80; i++) {
    await add(a, gcA, `a${i}`);
    await add(b, gcB, `b${i}`);
  }
  const admittedCount = db.prepare("SELECT count(*) FROM segment_values WHERE attribute = 'plan'").pluck().get();
  expect(admittedCount).toBe(MAX_SEGMENT_VALUES);
  const sums = db.prepare('SELECT sum(responses) AS all_rows, sum(CASE WHEN value = ? THEN responses END) AS other FROM segment_rollups').get(OTHER_SEGMENT);
  expect(sums).toEqual({ all_rows: 160, other: 60 });

  // A value admitted by one process and erased by the other comes out of its own row.
  await add(a, gcA, 'a0', -1);
  await add(b, gcB, 'b0', -1);
  const row = (value: string) => db.prepare('SELECT responses FROM segment_rollups WHERE value = ?').pluck().get(value);
  expect([row('a0'), row('b0')]).toEqual([0, 0]);
  expect(row(OTHER_SEGMENT)).toBe(60);
  await gcA.close();
  await gcB.close();
  other.close();
});

it('fills the segments of existing answers when the migration runs', async () => {
  // A database at version 3, before segments, holding answers with attributes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-segments-'));
  try {
    const db = new Database(path.join(dir, 'old.db'));
    migrate(db, 3);
    db.exec(`INSERT INTO sites (id, name, origins, timezone, public_key, secret_hash, created_at, updated_at) VALUES ('st_1', 'Old', '[]', 'UTC', 'pk_1', 'h', 0, 0);
      INSERT INTO surveys (id, site_id, name, questions, display, texts, theme, status, created_at, updated_at) VALUES ('sv_1', 'st_1', 'NPS', '["nps"]', '{}', '{}', '{}', 'active', 0, 0)`);
    const insert = db.prepare(`INSERT INTO responses (id, site_id, survey_id, day, nps, attributes, created_at, updated_at) VALUES (?, 'st_1', 'sv_1', '2026-02-02', 9, ?, 0, 0)`);
    ['pro', 'pro', 'free'].forEach((plan, i) => insert.run(`r${i}`, JSON.stringify({ plan })));
    expect(migrate(db)).toBeGreaterThanOrEqual(5);
    const rows = db.prepare("SELECT value, sum(responses) AS n, sum(nps9) AS promoters FROM segment_rollups WHERE attribute = 'plan' GROUP BY value ORDER BY n DESC").all();
    expect(rows).toEqual([
      { value: 'pro', n: 2, promoters: 2 },
      { value: 'free', n: 1, promoters: 1 },
    ]);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

