// Opens the SQLite file with the pragmas we rely on and applies pending migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { rebuildSegmentRollups } from './segment-rollups';

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // Group commit fsyncs the WAL file itself, so WAL is required, not merely preferred.
  if (file !== ':memory:' && db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
    db.close();
    throw new Error(`${file}: SQLite could not switch to WAL mode (is the folder on a local file system?)`);
  }
  // FULL: a committed (and so acknowledged) answer survives a power loss, not only a crash.
  // Group commit keeps this affordable: one fsync covers a batch, and runs off the event loop.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Data a migration derives from existing rows, run right after its SQL in the same transaction. */
const AFTER_MIGRATION: Record<number, (db: Db) => unknown> = {
  // 004 created the counters and 005 the table of admitted values: both are filled once both exist.
  5: (db) => rebuildSegmentRollups(db),
};

export function migrate(db: Db): number {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (version <= current) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      AFTER_MIGRATION[version]?.(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
