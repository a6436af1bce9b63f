// pnpm plaudit copy names the tables it copies: a table a migration adds must join the list, or a
// move to PostgreSQL would silently leave its rows behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TABLES } from '../../scripts/copy/copy';
import { openDatabase } from '../../src/store/sqlite/database';

it('copies every table of the SQLite schema', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-tables-'));
  const db = openDatabase(path.join(dir, 'x.db'));
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    expect(TABLES.map((t) => t.name).sort()).toEqual(tables.sort());
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
