import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './database';
import { GroupCommit } from './group-commit';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-gc-'));
  db = openDatabase(path.join(dir, 'gc.db'));
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('GroupCommit', () => {
  it('applies concurrent writes in one transaction and resolves after it commits', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const countCommits = db.prepare('SELECT count(*) AS n FROM t');
    const writes = Array.from({ length: 50 }, (_, i) =>
      gc.write(() => {
        insert.run(i);
        return i;
      }),
    );
    // Nothing is visible before the batch runs: the writes wait for the next turn.
    expect((countCommits.get() as { n: number }).n).toBe(0);
    const results = await Promise.all(writes);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((countCommits.get() as { n: number }).n).toBe(50);
    expect(gc.stats).toEqual({ batches: 1, writes: 50, syncs: 1 });
  });

  it('runs batch-end work once per transaction and drops it when the batch rolls back', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.exec('CREATE TABLE h (n INTEGER)');
    const mark = db.prepare('INSERT INTO h (n) VALUES (?)');
    let pending = 0;
    const flushed: number[] = [];
    gc.onBatchEnd({
      beforeCommit: () => {
        mark.run(pending); // written inside the transaction, with the jobs' rows
        flushed.push(pending);
        pending = 0;
      },
      onRollback: () => (pending = 0),
    });
    const job = (v: number) => () => {
      insert.run(v);
      pending++;
    };
    await Promise.all([gc.write(job(1)), gc.write(job(2)), gc.write(job(3))]);
    expect(flushed).toEqual([3]);
    // A failing job: the batch rolls back (its pending count is dropped) and the jobs run again
    // one transaction each, so the good ones are counted once.
    const results = await Promise.allSettled([gc.write(job(4)), gc.write(job(1)), gc.write(job(5))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(flushed).toEqual([3, 1, 1]);
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 2, 3, 4, 5]);
    // What the rolled-back attempts wrote is gone; each committed transaction left its mark.
    expect(db.prepare('SELECT n FROM h ORDER BY rowid').pluck().all()).toEqual([3, 1, 1]);
  });

  it('rolls back only the write that fails', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const ok1 = gc.write(() => insert.run(1));
    const bad = gc.write(() => {
      insert.run(2);
      insert.run(1); // UNIQUE violation: this write's row 2 must go too
    });
    const ok2 = gc.write(() => insert.run(3));
    await expect(ok1).resolves.toBeDefined();
    await expect(bad).rejects.toThrow(/UNIQUE/);
    await expect(ok2).resolves.toBeDefined();
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
  });

  it('acknowledges only after the fsync, and commits at FULL outside batches', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    let acked = false;
    const write = gc.write(() => db.prepare('INSERT INTO t (v) VALUES (5)').run()).then(() => (acked = true));
    // Wait for the batch to commit (the row is visible) but not for the fsync callback.
    await new Promise((r) => setImmediate(r));
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual([5]);
    expect(acked).toBe(false);
    await write;
    expect(acked).toBe(true);
    expect(gc.stats.syncs).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('runs every batch with synchronous OFF, and everything else at FULL', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    const level = () => db.pragma('synchronous', { simple: true });
    for (let batch = 0; batch < 5; batch++) {
      // Inside a batch, synchronous is OFF: its commit leaves the fsync to the thread pool.
      expect(await gc.write(level)).toBe(0);
      expect(level()).toBe(2);
    }
    await gc.close();
  });

  it('flushes pending writes on close and refuses new ones', async () => {
    const gc = new GroupCommit(db, path.join(dir, 'gc.db'));
    const pending = gc.write(() => db.prepare('INSERT INTO t (v) VALUES (7)').run());
    await gc.close();
    await expect(pending).resolves.toBeDefined();
    await expect(gc.write(() => 1)).rejects.toThrow(/closing/);
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual([7]);
  });
});

describe('openDatabase', () => {
  it('sets WAL, FULL sync, foreign keys and applies every migration once', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const version = db.pragma('user_version', { simple: true }) as number;
    const migrations = fs.readdirSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../migrations/sqlite'));
    // The number of the last migration: numbers may leave gaps (engineers working side by side keep ranges of their own).
    expect(version).toBe(Math.max(...migrations.map((f) => Number(f.slice(0, 3)))));
    // Reopening applies nothing twice.
    db.close();
    db = openDatabase(path.join(dir, 'gc.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
  });
});

describe('openDatabase refuses', () => {
  it('a database whose schema is newer than this collector knows', () => {
    const file = path.join(dir, 'gc.db');
    const version = db.pragma('user_version', { simple: true }) as number;
    db.pragma(`user_version = ${version + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(new RegExp(`schema is at version ${version + 1}, newer than this collector's ${version}`));
    // Nothing was written into it: the version is as the newer collector left it.
    db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(version + 1);
  });
});
