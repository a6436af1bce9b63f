// @ts-check
// A SQLite connection on a thread of its own, so that work which can take long never holds the
// event loop: reads whose cost grows with the data (lists with sparse filters, exports, metrics
// over wide ranges) and WAL checkpoints, which copy pages into the database file and fsync it.
// Plain JavaScript, so a worker starts in tens of milliseconds with no TypeScript loader, in
// tests and in production alike. It holds no application logic: the main thread sends the SQL.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string, role: 'read' | 'checkpoint', checkpointEveryMs?: number }} */
const { file, role, checkpointEveryMs = 1000 } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// On a machine with few cores this thread competes with the event loop for CPU: it takes what the
// requests leave. Linux gives each thread its own nice value, set through its thread id; where that
// is not possible the thread simply runs at the process's priority.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the default priority.
}

// The reader never writes; the checkpointer writes only through checkpoints.
const db = new Database(file, { readonly: role === 'read', fileMustExist: true });
db.pragma('busy_timeout = 5000');
// A checkpoint syncs the WAL before it copies frames, and the database file after.
if (role === 'checkpoint') db.pragma('synchronous = FULL');

// Percentiles of a group's values (the ticket metrics' durations): plaudit_quantiles(value,
// '[0.5,0.9]') is the JSON array of those quantiles by linear interpolation between the closest
// ranks (type 7: PostgreSQL's percentile_cont, shared/src/statistics.ts quantile(), which a test
// holds it to), NULL for a group without values. Sorted here, a million durations never reach the
// event loop: only one row per group does.
if (role === 'read') {
  db.aggregate('plaudit_quantiles', {
    start: () => ({ values: /** @type {number[]} */ ([]), fractions: '[]' }),
    step: (/** @type {{ values: number[], fractions: string }} */ state, /** @type {number | null} */ value, /** @type {string} */ fractions) => {
      if (value !== null) state.values.push(Number(value));
      state.fractions = fractions;
    },
    result: (/** @type {{ values: number[], fractions: string }} */ state) => {
      if (state.values.length === 0) return null;
      const sorted = Float64Array.from(state.values).sort();
      const at = (/** @type {number} */ q) => {
        const h = (sorted.length - 1) * q;
        const low = Math.floor(h);
        const high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
      };
      return JSON.stringify(/** @type {number[]} */ (JSON.parse(state.fractions)).map(at));
    },
  });
}

/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();
/** @param {string} sql */
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    // Bounded: the SQL comes from a fixed set of query shapes, but a bug should not grow memory.
    if (statements.size > 500) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}

/** PASSIVE never waits for the writer or readers; it copies what it can and fsyncs the file. */
function checkpoint() {
  return db.pragma('wal_checkpoint(PASSIVE)')[0];
}

if (role === 'checkpoint') setInterval(checkpoint, checkpointEveryMs).unref();

port.on('message', (/** @type {{ id: number, sql?: string, params?: unknown[], checkpoint?: boolean, close?: boolean }} */ message) => {
  if (message.close) {
    db.close();
    port.close();
    return;
  }
  try {
    const result = message.checkpoint ? checkpoint() : prepared(String(message.sql)).all(...(message.params ?? []));
    port.postMessage({ id: message.id, result });
  } catch (error) {
    const e = /** @type {{ message?: string, code?: string }} */ (error);
    port.postMessage({ id: message.id, error: { message: String(e.message), code: e.code } });
  }
});
port.postMessage({ ready: true });
