// Group commit: writes from concurrent requests are applied in one transaction per event-loop
// turn, and each request's promise settles only after that transaction has committed.
// One fsync then covers the whole batch, which is what makes synchronous=FULL affordable.
import type { Db } from './database';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  /** Committed transactions and the writes they held, for tests and the benchmark. */
  readonly stats = { batches: 0, writes: 0 };
  private readonly applyAll: (jobs: Job[]) => { ok: boolean; value?: unknown; error?: unknown }[];

  constructor(private readonly db: Db, private readonly maxBatch = 1000) {
    // Each job runs inside its own savepoint (a nested better-sqlite3 transaction), so a job that
    // throws rolls back alone and the others in the batch still commit.
    const runJob = db.transaction((job: Job) => job.run());
    this.applyAll = db.transaction((jobs: Job[]) =>
      jobs.map((job) => {
        try {
          return { ok: true, value: runJob(job) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `fn` inside the next batch transaction; resolves with its result once committed. */
  write<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Applies everything queued now. Called by the scheduler and before closing. */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, this.maxBatch);
      let results: ReturnType<typeof this.applyAll>;
      try {
        results = this.applyAll(jobs);
      } catch (error) {
        // The commit itself failed (disk full, I/O error): nothing in this batch was stored.
        for (const job of jobs) job.reject(error);
        continue;
      }
      this.stats.batches++;
      this.stats.writes += jobs.length;
      results.forEach((r, i) => {
        const job = jobs[i]!;
        if (r.ok) job.resolve(r.value);
        else job.reject(r.error);
      });
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
