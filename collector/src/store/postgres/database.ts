// Opens the PostgreSQL pool and brings the schema up to date. One pool per process; several
// collectors may start at once against one database, so migrations run under an advisory lock.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { StoreError } from '../errors';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Beside the bundle in dist/ (build.mjs copies them), or in the source tree's store/migrations. */
const MIGRATIONS_DIR = [path.join(HERE, 'migrations/postgres'), path.join(HERE, '../migrations/postgres')].find((dir) => fs.existsSync(dir))!;

/** Any 64-bit number the collectors agree on: held while one of them migrates. */
const MIGRATION_LOCK = 7_243_519_001;

/** BIGINT and COUNT(*) as numbers, as SQLite gives them: every value we store fits in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // A connection that breaks while idle (the server restarting) is dropped and replaced on next use;
  // without a listener the error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** The migrations this collector knows: version → SQL. */
function knownMigrations(): { version: number; sql: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), sql: fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction, and refuses a schema newer than this
 * collector knows or a database it cannot write. Returns the schema version.
 */
export async function migrate(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS plaudit_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const current = Number((await client.query('SELECT coalesce(max(version), 0) AS v FROM plaudit_migrations')).rows[0].v);
    const migrations = knownMigrations();
    const known = migrations.at(-1)?.version ?? 0;
    if (current > known) {
      throw new Error(`the database schema is at version ${current}, newer than this collector's ${known}: run the newer collector, or restore a backup made for this version`);
    }
    for (const { version, sql } of migrations) {
      if (version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO plaudit_migrations (version, applied_at) VALUES ($1, $2)', [version, Date.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    // A role that may read but not write would answer every answer with an error: refuse to start.
    try {
      await client.query(
        "INSERT INTO meta (key, value) VALUES ('opened_at', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [new Date().toISOString()],
      );
    } catch (error) {
      throw new Error(`the database cannot be written (${error instanceof Error ? error.message : String(error)}); check the role's privileges`);
    }
    return Math.max(current, known);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/**
 * Whether a PostgreSQL or socket error means the database is out of reach for now (down,
 * restarting, refusing connections, out of disk) rather than a fault of the request.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === 'unavailable';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // Classes 08 (connection), 53 (resources: disk full, too many connections), 57 (shutdown,
    // cannot connect now), 58 (system I/O errors); and the sockets' own errors.
    if (/^(08|53|57|58)/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

export function describeUnavailable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '53100') return 'disk full';
  if (code === 'ECONNREFUSED' || code === '57P03') return 'database unreachable';
  if (code === '57P01' || code === '57P02') return 'database shutting down';
  return typeof code === 'string' ? `database error ${code}` : error instanceof Error ? error.message : String(error);
}

/**
 * Whether a lookup's parameters hold a NUL: PostgreSQL refuses such text (nothing stored holds one,
 * since ingest drops them), so the lookup finds nothing without asking.
 */
export const holdsNul = (params: readonly unknown[]) => params.some((p) => typeof p === 'string' && p.includes('\u0000'));

/** Runs a read; an unreachable database becomes StoreError('unavailable'), a 503. */
export async function read<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUnavailable(error)) throw new StoreError('unavailable', `the database is out of reach now (${describeUnavailable(error)}); retry later`);
    throw error;
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2…` (queries both engines share are written with `?`). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
