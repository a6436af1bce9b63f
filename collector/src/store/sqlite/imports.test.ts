// Imports on SQLite are whole or absent: the site's reads wait while one applies, a job a crash
// left staging is dropped at the next start, one it left applying is finished. The writes go
// through a gate the test opens one at a time, so each step is seen in turn, with no timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EVENT_COLUMNS, eventValues, upsertClause } from '../customer-records';
import type { CustomerEventItem } from '../types';
import { openDatabase, type Db } from './database';
import { GroupCommit } from './group-commit';
import { ImportJobs } from './imports';

/** Holds each write until the test lets it through. */
class Gate {
  private readonly waiting: { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  constructor(private readonly commits: GroupCommit) {}
  write<T>(fn: () => T): Promise<T> {
    return new Promise((resolve, reject) => this.waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject }));
  }
  /** Lets the next write through once the code under test has asked for it; resolves once it is durable. */
  async next(): Promise<void> {
    // The import asks for its next write after the previous one resolved: let its continuation run.
    for (let turns = 0; this.waiting.length === 0; turns++) {
      if (turns > 1000) throw new Error('no write came');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const job = this.waiting.shift()!;
    try {
      job.resolve(await this.commits.write(job.fn));
    } catch (error) {
      job.reject(error);
    }
  }
}

let dir: string;
let file: string;
let db: Db;
let commits: GroupCommit;
let gate: Gate;
let jobs: ImportJobs;
const SITE = 'st_test';
const TABLES = [{ table: 'customer_events' as const, columns: EVENT_COLUMNS, upsert: upsertClause(EVENT_COLUMNS) }];

function open(): void {
  db = openDatabase(file);
  commits = new GroupCommit(db, file);
  gate = new Gate(commits);
  jobs = new ImportJobs(db, gate as unknown as GroupCommit, TABLES);
}
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-imports-'));
  file = path.join(dir, 'x.db');
  open();
  db.prepare("INSERT INTO sites (id, name, public_key, secret_hash, link_key, created_at, updated_at) VALUES (?, 'Shop', 'pk_t', 'h', 'k', 1, 1)").run(SITE);
});
afterEach(async () => {
  await commits.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const events = (n: number, from = 0): CustomerEventItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `evt_${from + i}`, customerId: `cus_${from + i}`, type: 'acquired', at: 1_767_225_600_000 + i, day: '2026-01-01', week: '2025-12-29', plan: null, mrr: null }));
const count = (sql: string) => db.prepare(sql).pluck().get() as number;
const flush = () => new Promise((resolve) => setImmediate(resolve));

it('keeps the site’s reads waiting from its commit until its last slice is applied', async () => {
  // 2,000 rows: the job, 2 staging slices of 1,000, the commit, 8 slices of 250, the job's removal.
  const importing = jobs.run(SITE, 'customer_events', events(2_000), (e) => eventValues(SITE, e, 1));
  for (let i = 0; i < 3; i++) await gate.next();
  // Staged, not committed: nothing visible.
  expect(count('SELECT count(*) FROM import_rows')).toBe(2_000);
  expect(count('SELECT count(*) FROM customer_events')).toBe(0);

  await gate.next(); // committed: 'applying'
  let settled = false;
  const read = jobs.settled(SITE).then(() => {
    settled = true;
    return count('SELECT count(*) FROM customer_events');
  });
  for (let slice = 1; slice <= 8; slice++) {
    await gate.next();
    await flush();
    expect(count('SELECT count(*) FROM customer_events')).toBe(slice * 250);
    expect(settled).toBe(false);
  }
  await gate.next(); // the job removed
  expect(await read).toBe(2_000);
  await importing;
  expect(count('SELECT count(*) FROM import_rows')).toBe(0);
  expect(count('SELECT count(*) FROM import_jobs')).toBe(0);
});

it('drops a job a crash left staging, and finishes one it left applying, reads waiting meanwhile', async () => {
  const row = (e: CustomerEventItem) => JSON.stringify(eventValues(SITE, e, 1));
  const stage = db.prepare('INSERT INTO import_rows (job_id, n, row) VALUES (?, ?, ?)');
  db.prepare("INSERT INTO import_jobs (id, site_id, kind, state, created_at) VALUES ('ij_staging', ?, 'customer_events', 'staging', 1)").run(SITE);
  events(300, 0).forEach((e, n) => stage.run('ij_staging', n, row(e)));
  db.prepare("INSERT INTO import_jobs (id, site_id, kind, state, created_at) VALUES ('ij_applying', ?, 'customer_events', 'applying', 2)").run(SITE);
  // Its first 100 rows had been applied (and their staged copies deleted) before the crash.
  events(100, 1_000).forEach((e) => db.prepare(`INSERT INTO customer_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`).run(...eventValues(SITE, e, 1)));
  events(700, 1_000).forEach((e, n) => n >= 100 && stage.run('ij_applying', n, row(e)));
  await commits.close();
  db.close();

  open(); // the next start
  jobs.recover();
  let settled = false;
  const read = jobs.settled(SITE).then(() => (settled = true));
  // Dropping the staging job (one slice and its removal) and, meanwhile, 600 rows in 3 slices and
  // the job's removal: reads are answered once that removal is through, not before.
  for (let i = 0; i < 6; i++) {
    await gate.next();
    await flush();
    expect(settled).toBe(count("SELECT count(*) FROM import_jobs WHERE id = 'ij_applying'") === 0);
  }
  await read;
  expect(count('SELECT count(*) FROM customer_events')).toBe(700);
  expect(count("SELECT count(*) FROM customer_events WHERE id = 'evt_0'")).toBe(0);
  expect(count('SELECT count(*) FROM import_rows')).toBe(0);
  expect(count('SELECT count(*) FROM import_jobs')).toBe(0);
});
