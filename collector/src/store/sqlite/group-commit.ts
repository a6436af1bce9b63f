// Group commit: writes from concurrent requests are applied in one transaction per event-loop
// turn, and each request's promise settles only once that transaction is on disk.
//
// Durability is that of synchronous=FULL, without its cost on the event loop. In WAL mode FULL
// syncs the WAL file at each commit. Here the batch commits with synchronous=OFF (its frames reach
// the OS and the main thread goes on serving requests) and the WAL is then fsynced on libuv's
// thread pool; the batch is acknowledged only after that fsync returns. OFF rather than NORMAL:
// NORMAL would still fsync the WAL header on the main thread each time the WAL restarts after a
// checkpoint; our own fsync covers the header with the frames. Checkpoints run on another
// connection, at FULL, on a thread of their own (sqlite-worker.mjs), which syncs the WAL before it
// copies frames and the database file after. Writes that arrive while an fsync runs wait in the
// queue and commit together when it returns. Every other write on the connection (sites, surveys,
// settings) still commits under FULL.
//
// A full disk, an I/O error or an fsync that fails is a condition of the machine, not of the
// data: the writes it hits are refused with StoreError('unavailable') (503), the health state
// says so once, and the next write that goes through says it has recovered. An fsync that does
// not return within writeTimeoutMs refuses the writes waiting on it, and every new one until it
// returns, instead of holding requests for ever.
import fs from 'node:fs';
import type { Db } from './database';
import { StoreError, describeUnavailable, isUnavailable } from '../errors';
import type { WriteHealth } from '../types';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { job: Job; ok: boolean; value?: unknown; error?: unknown };


export interface GroupCommitOptions {
  maxBatch?: number;
  /** How long a write may wait for its fsync before it is refused as unavailable. */
  writeTimeoutMs?: number;
  /** Called on each change of the write path's health, so an incident is logged once. */
  onHealth?: (health: WriteHealth) => void;
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  /** Committed batches waiting for the fsync that makes them durable. */
  private unsynced: Settled[] = [];
  private syncing = false;
  private walFd: number | undefined;
  private drained: (() => void)[] = [];
  /** Committed batches, the writes they held and the fsyncs that covered them. */
  readonly stats = { batches: 0, writes: 0, syncs: 0 };
  private readonly applyAll: (jobs: Job[]) => Settled[];
  private readonly applyOne: (job: Job) => unknown;
  private readonly syncOff: () => unknown;
  private readonly syncFull: () => unknown;
  /** Called inside each transaction after its jobs, to write what they accumulated. */
  private readonly beforeCommitHooks: (() => void)[] = [];
  /** Called when a transaction rolls back, to drop what its jobs accumulated. */
  private readonly rollbackHooks: (() => void)[] = [];
  /** Called once a transaction has committed. */
  private readonly commitHooks: (() => void)[] = [];

  private readonly maxBatch: number;
  private readonly writeTimeoutMs: number;
  private readonly onHealth: (health: WriteHealth) => void;
  private syncStartedAt = 0;
  private watchdog: NodeJS.Timeout | undefined;
  health: WriteHealth = { status: 'ok', since: Date.now() };

  constructor(
    db: Db,
    private readonly file: string,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.onHealth = options.onHealth ?? (() => {});
    // exec, not a prepared statement: SQLite applies PRAGMA synchronous when it compiles the
    // statement, so re-running a prepared one changes nothing until SQLite happens to re-prepare it.
    this.syncOff = () => db.exec('PRAGMA synchronous = OFF');
    this.syncFull = () => db.exec('PRAGMA synchronous = FULL');
    // The fast path runs every job of the batch in one transaction, with no savepoints. Jobs are
    // written to refuse before their first write, so a throw here is unexpected: the batch then
    // rolls back whole and each job is run again in a transaction of its own (see commitBatch).
    // IMMEDIATE: the write lock is taken before the first read, so what a job reads (the row it
    // merges into, the values admitted so far) cannot change under it, even when another process
    // writes to the same file.
    const all = db.transaction((jobs: Job[]) => {
      const settled = jobs.map((job): Settled => ({ job, ok: true, value: job.run() }));
      this.beforeCommitHooks.forEach((hook) => hook());
      return settled;
    });
    const one = db.transaction((job: Job) => {
      const value = job.run();
      this.beforeCommitHooks.forEach((hook) => hook());
      return value;
    });
    this.applyAll = (jobs) => all.immediate(jobs);
    this.applyOne = (job) => one.immediate(job);
  }

  private setHealth(status: WriteHealth['status'], reason?: string): void {
    if (this.health.status === status && this.health.reason === reason) return;
    this.health = { status, since: Date.now(), ...(reason !== undefined && { reason }) };
    this.onHealth(this.health);
  }

  private unavailable(error: unknown): StoreError {
    const reason = describeUnavailable(error);
    this.setHealth('failing', reason);
    return new StoreError('unavailable', `the database cannot take writes now (${reason}); retry later`);
  }

  /** Refuses what waits on an fsync that has not returned in writeTimeoutMs. */
  private checkStall(): void {
    if (!this.syncing || Date.now() - this.syncStartedAt < this.writeTimeoutMs) return;
    this.setHealth('stalled', `fsync has not returned for ${Math.round((Date.now() - this.syncStartedAt) / 1000)} s`);
    const error = new StoreError('unavailable', 'the disk is not completing writes; retry later');
    for (const s of this.inSync) s.job.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  /**
   * Registers work to do at the end of every batch transaction, what to forget if it rolls back
   * (its COMMIT failing included), and what to do once it has committed.
   */
  onBatchEnd(hooks: { beforeCommit?: () => void; onRollback?: () => void; afterCommit?: () => void }): void {
    if (hooks.beforeCommit) this.beforeCommitHooks.push(hooks.beforeCommit);
    if (hooks.onRollback) this.rollbackHooks.push(hooks.onRollback);
    if (hooks.afterCommit) this.commitHooks.push(hooks.afterCommit);
  }

  /** Runs `fn` inside the next batch transaction; resolves with its result once durable. */
  write<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closing'));
    if (this.health.status === 'stalled') {
      return Promise.reject(new StoreError('unavailable', 'the disk is not completing writes; retry later'));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Flushes once the event loop has handled every request that is ready now, so they share the batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued now; its acknowledgements follow the next fsync. */
  flush(): void {
    this.scheduled = false;
    // While an fsync runs, a commit could not be acknowledged before the next one anyway: let the
    // queue grow and commit it as one batch when the fsync returns (fewer, larger transactions).
    if (this.syncing && !this.closed) return;
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, this.maxBatch);
      this.syncOff();
      try {
        this.unsynced.push(...this.commitBatch(jobs));
        this.stats.batches++;
        this.stats.writes += jobs.length;
      } finally {
        this.syncFull();
      }
    }
    this.sync();
  }

  private commitBatch(jobs: Job[]): Settled[] {
    try {
      const settled = this.applyAll(jobs);
      this.commitHooks.forEach((hook) => hook());
      return settled;
    } catch (error) {
      this.rollbackHooks.forEach((hook) => hook());
      // The machine, not a job, failed: running the jobs one by one would fail each the same way.
      if (isUnavailable(error)) {
        const refused = this.unavailable(error);
        return jobs.map((job) => ({ job, ok: false, error: refused }));
      }
    }
    // Slow path: one transaction per job, so a failing job fails alone.
    return jobs.map((job): Settled => {
      try {
        const value = this.applyOne(job);
        this.commitHooks.forEach((hook) => hook());
        return { job, ok: true, value };
      } catch (error) {
        this.rollbackHooks.forEach((hook) => hook());
        return { job, ok: false, error: isUnavailable(error) ? this.unavailable(error) : error };
      }
    });
  }

  /** The batches whose fsync is running. */
  private inSync: Settled[] = [];

  private sync(): void {
    if (this.syncing || this.unsynced.length === 0) return;
    const batch = this.unsynced;
    this.unsynced = [];
    this.syncing = true;
    this.inSync = batch;
    this.syncStartedAt = Date.now();
    this.watchdog ??= setInterval(() => this.checkStall(), Math.min(1_000, this.writeTimeoutMs)).unref();
    const done = (error: Error | null) => {
      this.syncing = false;
      this.inSync = [];
      this.stats.syncs++;
      // After a failed fsync the kernel may have dropped the pages it could not write: the
      // answers of this batch are refused, and the client's retry (same id) writes them again.
      const failure = error && this.unavailable(error);
      if (!error && batch.some((s) => s.ok)) this.setHealth('ok');
      // A job already refused by the watchdog stays refused: a promise settles once.
      for (const s of batch) {
        if (failure) s.job.reject(failure);
        else if (s.ok) s.job.resolve(s.value);
        else s.job.reject(s.error);
      }
      // Not at once: the sockets that became readable with this fsync's completion are handled
      // later in this same loop turn, and their answers join the batch instead of waiting a round.
      if (this.queue.length > 0) this.schedule();
      else if (this.unsynced.length > 0) this.sync();
      else this.drained.splice(0).forEach((resolve) => resolve());
    };
    if (this.file === ':memory:') return done(null); // nothing on disk to sync
    try {
      // SQLite keeps the WAL file while the connection is open, so one descriptor serves.
      this.walFd ??= fs.openSync(`${this.file}-wal`, 'r');
    } catch (error) {
      return done(error as Error);
    }
    fs.fsync(this.walFd, done);
  }

  /** Commits what is queued and waits until every commit so far is durable. */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    if (this.syncing || this.unsynced.length > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    if (this.walFd !== undefined) fs.closeSync(this.walFd);
    this.walFd = undefined;
    clearInterval(this.watchdog);
  }
}
