import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { SqliteReaders, SqliteThread, SqliteThreadError } from './thread';

let dir: string;
let file: string;
let db: Db;
const threads: SqliteThread[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-thread-'));
  file = path.join(dir, 't.db');
  db = openDatabase(file);
  db.exec('CREATE TABLE t (v INTEGER)');
});
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.close()));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const thread = (role: 'read' | 'checkpoint' = 'read') => {
  const t = new SqliteThread({ file, role, checkpointEveryMs: 60_000 });
  threads.push(t);
  return t;
};

/** Counts event-loop turns until `promise` settles. */
async function turnsDuring(promise: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  return turns;
}

describe('SqliteThread', () => {
  it('runs a long query while the event loop keeps turning', async () => {
    const reader = thread();
    await reader.start();
    // A few hundred milliseconds of SQLite work: on this thread, no turn could run meanwhile.
    const long = reader.all<{ n: number }>('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) AS n FROM c', [3_000_000]);
    expect(await turnsDuring(long)).toBeGreaterThan(100);
    expect(await long).toEqual([{ n: 3_000_000 }]);
  });

  it('sees every commit made on the main connection, and cannot write', async () => {
    const reader = thread();
    db.prepare('INSERT INTO t (v) VALUES (?)').run(7);
    expect(await reader.all('SELECT v FROM t')).toEqual([{ v: 7 }]);
    db.prepare('INSERT INTO t (v) VALUES (?)').run(8);
    expect(await reader.all('SELECT v FROM t ORDER BY v')).toEqual([{ v: 7 }, { v: 8 }]);
    const refused = reader.all('INSERT INTO t (v) VALUES (9) RETURNING v');
    await expect(refused).rejects.toBeInstanceOf(SqliteThreadError);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_READONLY/) });
  });

  it('reports SQL errors with their code and goes on serving', async () => {
    const reader = thread();
    await expect(reader.all('SELECT nope FROM t')).rejects.toThrow(/no such column/);
    expect(await reader.all('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('checkpoints the WAL into the database file on its own connection', async () => {
    const checkpointer = thread('checkpoint');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(i);
    const result = await checkpointer.checkpoint();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
  });

  it('refuses queries once closed', async () => {
    const reader = thread();
    await reader.start();
    await reader.close();
    await expect(reader.all('SELECT 1')).rejects.toThrow(/closing/);
  });
});

describe('SqliteReaders', () => {
  const LONG = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) AS c FROM n';

  it('answers a short read while a long one runs on the other thread, and keeps one thread when reads come one at a time', async () => {
    const readers = new SqliteReaders(file, 2);
    try {
      db.prepare('INSERT INTO t (v) VALUES (?)').run(7);
      // One at a time: the first thread serves them all.
      expect(await readers.all('SELECT v FROM t')).toEqual([{ v: 7 }]);
      expect(await readers.all('SELECT count(*) AS c FROM t')).toEqual([{ c: 1 }]);
      const finished: string[] = [];
      const long = readers.all<{ c: number }>(LONG).then((rows) => (finished.push('long'), rows));
      const short = readers.all<{ v: number }>('SELECT v FROM t').then((rows) => (finished.push('short'), rows));
      expect(await short).toEqual([{ v: 7 }]);
      expect(await long).toEqual([{ c: 3_000_000 }]);
      // On one thread the short read would have waited for the long one.
      expect(finished).toEqual(['short', 'long']);
      expect(readers.statements).toEqual(new Set(['SELECT v FROM t', 'SELECT count(*) AS c FROM t', LONG]));
    } finally {
      await readers.close();
    }
  });

  it('with one thread, reads wait their turn', async () => {
    const readers = new SqliteReaders(file, 1);
    try {
      const finished: string[] = [];
      const long = readers.all(LONG).then(() => finished.push('long'));
      const short = readers.all('SELECT 1').then(() => finished.push('short'));
      await Promise.all([long, short]);
      expect(finished).toEqual(['long', 'short']);
    } finally {
      await readers.close();
    }
  });
});
