import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { GroupCommit } from './group-commit';
import { createSegmentWriter } from './segment-rollups';

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
  const answer = (plan: string, sign: 1 | -1) => gc.write(() => apply('st_1', 'sv_1', '2026-11-22', { plan }, { sign, comment: null, nps: 9, csat: null }));

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
