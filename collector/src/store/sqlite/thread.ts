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

  /** Every row of `sql`, run on the worker's connection. */
  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.statements.size < 500) this.statements.add(sql);
    return (await this.send({ sql, params })) as T[];
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
