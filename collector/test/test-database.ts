// The database a test runs on: a SQLite file in a temporary folder, or, when the suite runs on
// PostgreSQL (PLAUDIT_TEST_ENGINE=postgres), a schema of its own in the test run's cluster. Tests
// read what was stored through `query`, with `?` placeholders on both engines: a connection of
// the test's own, never the store's.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';
export const TEST_ENGINE: Engine = process.env.PLAUDIT_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  engine: Engine;
  /** What buildApp takes: the SQLite file, or the PostgreSQL URL of the test's schema. */
  location: { dbPath: string } | { databaseUrl: string };
  /** A folder of the test's own. */
  dir: string;
  /** Rows of `sql` (with `?` placeholders); numbers come back as numbers on both engines. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1, $2…`. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The cluster's URL, from the global setup (test/pg-global-setup.ts) or the environment. */
export function postgresUrl(): string {
  const url = process.env.PLAUDIT_TEST_DATABASE_URL;
  if (!url) throw new Error('PLAUDIT_TEST_DATABASE_URL is not set: the PostgreSQL projects start a cluster in their global setup (test/pg-global-setup.ts)');
  return url;
}

/** A URL that puts every connection of the store in `schema`. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

export async function createTestDatabase(engine: Engine = TEST_ENGINE): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-test-'));
  if (engine === 'sqlite') {
    const dbPath = path.join(dir, 'plaudit.db');
    let db: Database.Database | undefined;
    return {
      engine,
      location: { dbPath },
      dir,
      async query<T>(sql: string, params: unknown[] = []) {
        db ??= new Database(dbPath);
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      },
      async close() {
        db?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path = ${schema}`);
  return {
    engine,
    location: { databaseUrl: urlWithSchema(postgresUrl(), schema) },
    dir,
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await admin.query(numbered(sql), params);
      // BIGINT and COUNT come back as strings: numbers, as SQLite gives them.
      return result.rows.map((row: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) && [20, 1700].includes(result.fields.find((f) => f.name === k)?.dataTypeID ?? 0) ? Number(v) : v])),
      ) as T[];
    },
    async close() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
