// Imports of any size on SQLite, stored whole or not at all, without holding the event loop.
//
// One transaction for 100,000 rows would hold the event loop for a second (every write runs on
// its thread, see group-commit.ts), so an import goes in three steps, each a series of small
// group-commit transactions:
//   1. stage: the rows go to import_rows under a job marked 'staging', a slice at a time;
//   2. commit: one update marks the job 'applying'. Before it nothing is visible and a crash
//      leaves only staged rows, dropped at the next start; after it the import will happen;
//   3. apply: slices move from import_rows into their table (an upsert and a delete in one
//      transaction), in file order, until none is left; a crash resumes at the next start.
// While a site's import applies, that site's reads of customers and tickets, and its other writes
// of them, wait for the end (settled()), so no one sees half an import, and a write sent after an
// import was accepted lands after it. One import per site applies at a time. This holds within one
// process, the setup SQLite is meant for (several processes on one file would see the apply).
import type Database from 'better-sqlite3';
import { randomId } from '../../lib/keys';
import { StoreError, isUnavailable } from '../errors';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

export type ImportKind = 'customer_events' | 'tickets';

/** Rows per transaction: about 5 ms each on a slow disk's machine, so writes of other requests interleave. */
const STAGE_SLICE = 1_000;
const APPLY_SLICE = 250;
/** How long a read waits for an import to finish applying before it is answered 503. */
const READ_WAIT_MS = 15_000;

export interface ImportTable {
  table: ImportKind;
  columns: readonly string[];
  /** ON CONFLICT … clause of the table's upsert. */
  upsert: string;
  /**
   * Inside each slice's transaction: called before the slice is applied, and the function it
   * returns after (customer events recompute the chains of the customers a slice touched).
   */
  aroundSlice?: (siteId: string, jobId: string, low: number, high: number) => () => void;
}

export class ImportJobs {
  /** Per site: the work in flight (an apply, a recovery) that its reads wait for. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private readonly insertJob;
  private readonly stageRow;
  private readonly markApplying;
  private readonly deleteJob;
  private readonly bounds;
  private readonly apply: Map<ImportKind, Database.Statement<unknown[]>>;
  private readonly around: Map<ImportKind, NonNullable<ImportTable['aroundSlice']>>;
  private readonly deleteApplied;

  constructor(
    private readonly db: Db,
    private readonly commits: GroupCommit,
    tables: ImportTable[],
  ) {
    this.insertJob = db.prepare("INSERT INTO import_jobs (id, site_id, kind, state, created_at) VALUES (?, ?, ?, 'staging', ?)");
    this.stageRow = db.prepare('INSERT INTO import_rows (job_id, n, row) VALUES (?, ?, ?)');
    this.markApplying = db.prepare("UPDATE import_jobs SET state = 'applying' WHERE id = ? AND state = 'staging'");
    this.deleteJob = db.prepare('DELETE FROM import_jobs WHERE id = ?');
    this.bounds = db.prepare<[string], { low: number | null; high: number | null }>('SELECT MIN(n) AS low, MAX(n) AS high FROM import_rows WHERE job_id = ?');
    this.deleteApplied = db.prepare('DELETE FROM import_rows WHERE job_id = ? AND n < ?');
    this.apply = new Map(
      tables.map((t) => [
        t.table,
        db.prepare<unknown[]>(
          `INSERT INTO ${t.table} (${t.columns.join(', ')})
           SELECT ${t.columns.map((_, i) => `json_extract(row, '$[${i}]')`).join(', ')}
           FROM import_rows WHERE job_id = ? AND n >= ? AND n < ? ORDER BY n
           ${t.upsert}`,
        ),
      ]),
    );
    this.around = new Map(tables.flatMap((t) => (t.aroundSlice ? [[t.table, t.aroundSlice] as const] : [])));
  }

  /** Resolves once no import of the site is applying (at once when none is). */
  async settled(siteId: string): Promise<void> {
    const work = this.pending.get(siteId);
    if (!work) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreError('unavailable', 'an import is being applied to this site; retry later')), READ_WAIT_MS);
    });
    try {
      await Promise.race([work.catch(() => {}), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stores `items` whole or not at all; `values` gives an item's values in the table's column order. */
  async run<T>(siteId: string, kind: ImportKind, items: readonly T[], values: (item: T) => unknown[]): Promise<void> {
    if (this.closed) throw new StoreError('unavailable', 'the collector is shutting down; retry later');
    const jobId = randomId('ij_');
    await this.commits.write(() => this.insertJob.run(jobId, siteId, kind, Date.now()));
    try {
      for (let from = 0; from < items.length; from += STAGE_SLICE) {
        const slice = items.slice(from, from + STAGE_SLICE).map((item) => JSON.stringify(values(item)));
        await this.commits.write(() => slice.forEach((json, i) => this.stageRow.run(jobId, from + i, json)));
      }
    } catch (error) {
      this.track(siteId, this.drop(jobId).catch(() => {}), false);
      throw error;
    }
    // One import per site applies at a time: wait for the one before, then commit this one.
    for (let previous = this.pending.get(siteId); previous; previous = this.pending.get(siteId)) await previous.catch(() => {});
    const work = (async () => {
      await this.commits.write(() => this.markApplying.run(jobId));
      await this.applyJob(siteId, jobId, kind, 0, items.length);
    })();
    this.track(siteId, work, true);
    await work;
  }

  /** At start: drops the jobs a crash left staging, finishes the ones it left applying. */
  recover(): void {
    const jobs = this.db.prepare<[], { id: string; site_id: string; kind: ImportKind; state: string }>('SELECT id, site_id, kind, state FROM import_jobs ORDER BY created_at').all();
    for (const job of jobs) {
      if (job.state === 'staging') {
        this.track(job.site_id, this.drop(job.id).catch(() => {}), false);
        continue;
      }
      const { low, high } = this.bounds.get(job.id) ?? { low: null, high: null };
      const previous = this.pending.get(job.site_id) ?? Promise.resolve();
      const work = previous.catch(() => {}).then(() => this.applyJob(job.site_id, job.id, job.kind, low ?? 0, high === null ? 0 : high + 1));
      this.track(job.site_id, work, true);
    }
  }

  /** Waits for the work in flight (a shutdown finishes what it can; the rest resumes at the next start). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private track(siteId: string, work: Promise<void>, blocksReads: boolean): void {
    this.inFlight.add(work);
    if (blocksReads) this.pending.set(siteId, work);
    const done = () => {
      this.inFlight.delete(work);
      if (this.pending.get(siteId) === work) this.pending.delete(siteId);
    };
    work.then(done, done);
  }

  /** Moves rows [from, to) of a committed job into their table, a slice per transaction. */
  private async applyJob(siteId: string, jobId: string, kind: ImportKind, from: number, to: number): Promise<void> {
    const apply = this.apply.get(kind)!;
    const around = this.around.get(kind);
    for (let low = from; low < to; ) {
      const high = Math.min(to, low + APPLY_SLICE);
      await this.retrying(() =>
        this.commits.write(() => {
          const after = around?.(siteId, jobId, low, high);
          apply.run(jobId, low, high);
          after?.();
          this.deleteApplied.run(jobId, high);
        }),
      );
      low = high;
    }
    await this.retrying(() => this.commits.write(() => this.deleteJob.run(jobId)));
  }

  /**
   * A committed import must finish: a write the disk refuses is tried again (1 s, 2 s… 30 s apart)
   * until it goes through, or until shutdown, after which the next start resumes it.
   */
  private async retrying(write: () => Promise<unknown>): Promise<void> {
    for (let wait = 1_000; ; wait = Math.min(30_000, wait * 2)) {
      try {
        await write();
        return;
      } catch (error) {
        if (this.closed || !isUnavailable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  /** Deletes a job that never committed, a slice at a time. */
  private async drop(jobId: string): Promise<void> {
    const { high } = this.bounds.get(jobId) ?? { high: null };
    for (let n = 0; high !== null && n <= high; n += STAGE_SLICE * 4) {
      const upTo = n + STAGE_SLICE * 4;
      await this.commits.write(() => this.deleteApplied.run(jobId, upTo));
    }
    await this.commits.write(() => this.deleteJob.run(jobId));
  }
}
