// The CORS check runs on every request that carries an Origin, before any key is known, and anyone
// can send made-up origins: it must be one index lookup however many sites and origins exist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/store/sqlite/database';
import { buildSqliteTestApp, createSite, type TestApp } from '../helper';

let t: TestApp | undefined;
let dir: string | undefined;
const originalPrepare = Database.prototype.prepare;
afterEach(async () => {
  Database.prototype.prepare = originalPrepare;
  await t?.close();
  t = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('origin lookup', () => {
  it('finds whether any site allows an origin with one index lookup', async () => {
    const prepared: string[] = [];
    Database.prototype.prepare = function (this: Database.Database, sql: string) {
      prepared.push(sql);
      return originalPrepare.call(this, sql);
    } as typeof originalPrepare;
    t = await buildSqliteTestApp();
    for (let i = 0; i < 20; i++) await createSite(t.app, { origins: [`https://shop${i}.example`, `https://www.shop${i}.example`] });

    const lookups = prepared.filter((sql) => /^\s*SELECT/i.test(sql) && /\borigin\b/i.test(sql));
    expect(lookups.length).toBeGreaterThan(0);
    for (const sql of lookups) {
      const params = (sql.match(/\?/g) ?? []).map(() => 'https://unknown.example');
      const plan = (await t.db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join('\n');
      expect(plan, sql).toMatch(/SEARCH site_origins/);
      expect(plan, sql).not.toMatch(/SCAN/);
    }

    const preflight = (origin: string) =>
      t!.app.inject({ method: 'OPTIONS', url: '/v1/responses', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://www.shop7.example')).headers['access-control-allow-origin']).toBe('https://www.shop7.example');
    expect((await preflight('https://shop7.example.evil')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is kept in step with each site’s origins, and filled from existing sites by its migration', async () => {
    t = await buildSqliteTestApp();
    const site = await createSite(t.app, { origins: ['https://a.example', 'https://b.example'] });
    await t.app.store.sites.update(site.id, { origins: ['https://b.example', 'https://c.example'] });
    const rows = await t.db.query<{ origin: string }>('SELECT origin FROM site_origins ORDER BY origin');
    expect(rows.map((r) => r.origin)).toEqual(['https://b.example', 'https://c.example']);
    expect(await t.app.store.sites.isKnownOrigin('https://a.example')).toBe(false);
    expect(await t.app.store.sites.isKnownOrigin('https://c.example')).toBe(true);

    // A database from before migration 006 gets the index rows of its sites.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-origins-'));
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    migrate(old, 5);
    old
      .prepare(`INSERT INTO sites (id, name, origins, timezone, public_key, secret_hash, created_at, updated_at) VALUES ('st_old', 'Old', ?, 'UTC', 'pk_old', 'h', 0, 0)`)
      .run(JSON.stringify(['https://b.example', 'https://c.example']));
    old.close();
    const migrated = openDatabase(file);
    expect(migrated.prepare('SELECT origin FROM site_origins ORDER BY origin').pluck().all()).toEqual(['https://b.example', 'https://c.example']);
    migrated.close();
  });
});
