// Writes from concurrent requests of this process, applied in one transaction per batch on one
// connection; each request is answered once that transaction has committed (PostgreSQL's COMMIT
// is durable with synchronous_commit on, its default). One batch at a time: writes that arrive
// meanwhile form the next. Counters summed during a batch are written by its beforeCommit hooks.
//
// A job refuses (throws) only before its first write, by reading, so its refusal leaves the
// transaction usable and the batch goes on. Anything else that fails rolls the batch back, and its
// jobs run again one transaction each, so a failing job fails alone. When the database is out of
// reach (down, restarting, disk full) every job of the batch is refused as unavailable (503), the
// health state says so once, and the next batch that commits says it has recovered.
import { StoreError } from '../errors';
import type { WriteHealth } from '../types';
import { describeUnavailable, isUnavailable, type Client, type Pool } from './database';

export type Job<T = unknown> = (client: Client) => Promise<T>;

interface Queued {
  run: Job;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface BatchHooks {
  /** Inside the transaction, after every job: write what the jobs accumulated. */
  beforeCommit?: (client: Client) => Promise<void>;
  /** The transaction rolled back: forget what its jobs accumulated. */
  onRollback?: () => void;
  /** The transaction committed. */
  afterCommit?: () => void;
}

export interface BatcherOptions {
  maxBatch?: number;
  /** How long a write may wait for the database before it is refused as unavailable. */
  writeTimeoutMs?: number;
  onHealth?: (health: WriteHealth) => void;
}

/** Deadlocks and serialization failures between collectors: worth running the batch again. */
const RETRYABLE = new Set(['40P01', '40001']);

export class Batcher {
  private queue: Queued[] = [];
  private scheduled = false;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly hooks: BatchHooks[] = [];
  private readonly maxBatch: number;
  private readonly writeTimeoutMs: number;
  private readonly onHealth: (health: WriteHealth) => void;
  health: WriteHealth = { status: 'ok', since: Date.now() };
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly pool: Pool,
    options: BatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.onHealth = options.onHealth ?? (() => {});
  }

  onBatchEnd(hooks: BatchHooks): void {
    this.hooks.push(hooks);
  }

  /** Runs `job` inside the next batch transaction; resolves with its result once committed. */
  write<T>(job: Job<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: job, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // Once the event loop has handled every request that is ready now, so they share the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, this.maxBatch);
      await this.commit(jobs);
    }
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

  /** One batch: the fast path, then, if it failed for a job's fault, one transaction per job. */
  private async commit(jobs: Queued[]): Promise<void> {
    // A batch that outlives writeTimeoutMs is answered 503; if it commits later, its answers are
    // stored and the clients' retries (same ids) update them: nothing is lost or doubled.
    const timer = setTimeout(() => {
      this.setHealth('stalled', `a batch has not committed in ${this.writeTimeoutMs} ms`);
      const error = new StoreError('unavailable', 'the database is not completing writes; retry later');
      for (const job of jobs) job.reject(error);
    }, this.writeTimeoutMs);
    try {
      let attempt = 0;
      for (;;) {
        try {
          const results = await this.transaction(jobs.map((j) => j.run));
          this.stats.batches++;
          this.stats.writes += jobs.length;
          this.setHealth('ok');
          jobs.forEach((job, i) => job.resolve(results[i]));
          return;
        } catch (error) {
          if (isUnavailable(error)) {
            const refused = this.unavailable(error);
            for (const job of jobs) job.reject(refused);
            return;
          }
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt++ < 3) continue;
          break;
        }
      }
      // Slow path: each job alone, so a failing job fails alone.
      for (const job of jobs) {
        try {
          const [result] = await this.transaction([job.run]);
          this.setHealth('ok');
          job.resolve(result);
        } catch (error) {
          job.reject(isUnavailable(error) ? this.unavailable(error) : error);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async transaction(jobs: Job[]): Promise<unknown[]> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const results: unknown[] = [];
        for (const job of jobs) results.push(await job(client));
        for (const hooks of this.hooks) await hooks.beforeCommit?.(client);
        await client.query('COMMIT');
        for (const hooks of this.hooks) hooks.afterCommit?.();
        return results;
      } catch (error) {
        for (const hooks of this.hooks) hooks.onRollback?.();
        await client.query('ROLLBACK').catch(() => (broken = true));
        if (isUnavailable(error)) broken = true;
        throw error;
      }
    } finally {
      // A connection that failed mid-transaction is not given back to the pool.
      client.release(broken ? true : undefined);
    }
  }

  /** Commits what is queued, waits for it, then refuses new writes. */
  async close(): Promise<void> {
    if (this.scheduled || this.queue.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (this.running || this.queue.length > 0) {
      if (this.running) await this.running;
      else {
        this.running = this.drain();
        await this.running;
        this.running = undefined;
      }
    }
    this.closed = true;
  }
}
