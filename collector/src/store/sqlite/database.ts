// Opens the SQLite file with the pragmas we rely on and applies pending migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Beside the bundle in dist/ (build.mjs copies them), or in the source tree's store/migrations. */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const MIGRATIONS_DIR = [path.join(HERE, 'migrations/sqlite'), path.join(HERE, '../migrations/sqlite')].find((dir) => fs.existsSync(dir))!;

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
  // SQLite's automatic checkpoint would run inside a group commit's COMMIT, on the event loop,
  // and fsync the database file there: checkpoints run on a thread of their own (checkpointer.ts).
  if (file !== ':memory:') db.pragma('wal_autocheckpoint = 0');
  try {
    migrate(db);
    assertWritable(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * SQLite opens a file it may not write (mode 0444, a read-only mount) read-only without a word,
 * and every answer would then fail. One real write at start turns that into a refusal to start.
 */
function assertWritable(db: Db, file: string): void {
  try {
    db.prepare("INSERT INTO meta (key, value) VALUES ('opened_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      new Date().toISOString(),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: the database cannot be written (${reason}); check the permissions of the file and its folder`);
  }
}

/**
 * A JSON scalar from json_each() as JavaScript's String() names it (booleans arrive as 1/0 with
 * their type beside them). Migrations that derive data from stored JSON call it; it belongs to the
 * migration runner, frozen here, and never to the application's code, which may change.
 */
function jsonText(type: unknown, value: unknown): string {
  if (type === 'true' || type === 'false') return type;
  return typeof value === 'string' ? value : String(value);
}

/** Applies pending migrations, up to `target` (tests build older schemas with it). */
export function migrate(db: Db, target = Infinity): number {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  const current = db.pragma('user_version', { simple: true }) as number;
  db.function('plaudit_json_text', { deterministic: true }, jsonText);
  const known = files.length ? Number(files.at(-1)!.slice(0, 3)) : 0;
  // A newer collector has changed this schema in ways this one does not know: writing into it
  // could break the data that version relies on.
  if (current > known) {
    throw new Error(
      `the database schema is at version ${current}, newer than this collector's ${known}: run the newer collector, or restore a backup made for this version`,
    );
  }
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (version <= current || version > target) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
