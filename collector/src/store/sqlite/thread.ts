// The main thread's side of sqlite-worker.mjs: one connection on a worker thread, started on first
// use, that runs SQL and answers with rows. A long query there costs the event loop nothing; the
// rows' transfer costs it about a microsecond per row.
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface SqliteThreadOptions {
  file: string;
  role: 'read' | 'checkpoint';
  checkpointEveryMs?: number;
}

/** An error the worker's SQLite reported, with its code (SQLITE_BUSY…). */
export class SqliteThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteThreadError';
  }
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class SqliteThread {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: SqliteThreadOptions) {}

  /** Starts the worker now rather than on first use (the checkpointer runs on its own timer). */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('database is closing'));
    this.ready ??= new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: this.options });
      this.worker = worker;
      worker.on('message', (message: { ready?: true; id?: number; result?: unknown; error?: { message: string; code?: string } }) => {
        if (message.ready) return resolve();
        const pending = this.pending.get(message.id!);
        if (!pending) return;
        this.pending.delete(message.id!);
        if (message.error) pending.reject(new SqliteThreadError(message.error.message, message.error.code));
        else pending.resolve(message.result);
      });
      const fail = (error: Error) => {
        reject(error);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
        // The next query starts a new worker.
        this.worker = undefined;
        this.ready = undefined;
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!this.closed) fail(new Error(`SQLite worker exited with code ${code}`));
      });
    });
    return this.ready;
  }

  /** The distinct statements run so far (bounded), for query-plan checks. */
  readonly statements = new Set<string>();

  /** Queries asked for and not answered yet (counted from the call, before the worker is even up). */
  get busy(): number {
    return this.asked;
  }
  private asked = 0;

  /** Every row of `sql`, run on the worker's connection. */
  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.statements.size < 500) this.statements.add(sql);
    this.asked++;
    try {
      return (await this.send({ sql, params })) as T[];
    } finally {
      this.asked--;
    }
  }

  /** A PASSIVE checkpoint now: [busy, frames in the WAL, frames copied]. */
  async checkpoint(): Promise<{ busy: number; log: number; checkpointed: number }> {
    return (await this.send({ checkpoint: true })) as { busy: number; log: number; checkpointed: number };
  }

  private async send(message: Record<string, unknown>): Promise<unknown> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('database is closing'));
    this.pending.clear();
    if (!worker) return;
    // Asked to close its connection, the worker finishes the statement it is running (a
    // checkpoint included) and exits; terminate() is the fallback should it not.
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** What the repositories read through: rows of a query, off the event loop's thread. */
export interface SqliteReader {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * Several reader threads, each with its own connection (WAL lets them read at once): a query goes
 * to the least busy, so one long read (churn over every customer event, 1.3 s at 250,000
 * customers) no longer queues the dashboard's other requests behind it. The second thread starts
 * only when a query finds the first busy: a collector that only ingests keeps one.
 */
export class SqliteReaders implements SqliteReader {
  private readonly threads: SqliteThread[];

  constructor(file: string, count: number) {
    this.threads = Array.from({ length: Math.max(1, count) }, () => new SqliteThread({ file, role: 'read' }));
  }

  /** The distinct statements run so far on any of the threads (bounded), for query-plan checks. */
  readonly statements = new Set<string>();

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.statements.size < 500) this.statements.add(sql);
    let chosen = this.threads[0]!;
    for (const thread of this.threads) if (thread.busy < chosen.busy) chosen = thread;
    return chosen.all<T>(sql, params);
  }

  start(): Promise<void> {
    return this.threads[0]!.start();
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
