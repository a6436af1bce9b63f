// Sites on PostgreSQL: shared by every collector, so what a process caches (public keys, for a
// few seconds) may be stale after a change made through another collector; the README says for how
// long.
import { randomBytes } from 'node:crypto';
import type { SiteCreate, SitePatch } from '@plaudit/shared';
import { hashSecret, newPublicKey, newSecretKey, newSiteId } from '../../lib/keys';
import type { SiteRecord, SitesStore } from '../types';
import { holdsNul, read, type Client, type Pool } from './database';

interface SiteRow {
  id: string;
  name: string;
  origins: string;
  timezone: string;
  public_key: string;
  cooldown_days: number;
  link_key: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, origins, timezone, public_key, cooldown_days, link_key, created_at, updated_at';

const toRecord = (row: SiteRow): SiteRecord => ({
  id: row.id,
  name: row.name,
  origins: JSON.parse(row.origins) as string[],
  timezone: row.timezone,
  publicKey: row.public_key,
  cooldownDays: row.cooldown_days,
  linkKey: row.link_key,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** Public keys stay in a process's cache this long, so a rotation elsewhere reaches it within it. */
export const KEY_CACHE_MS = 5_000;

export function createSitesRepository(pool: Pool): SitesStore {
  const one = async (sql: string, params: unknown[]) => (holdsNul(params) ? undefined : read(async () => (await pool.query<SiteRow>(sql, params)).rows[0]));

  async function setOrigins(client: Client, siteId: string, origins: readonly string[]) {
    await client.query('DELETE FROM site_origins WHERE site_id = $1', [siteId]);
    if (origins.length) {
      await client.query(
        `INSERT INTO site_origins (origin, site_id) SELECT o, $1 FROM unnest($2::text[]) AS o ON CONFLICT DO NOTHING`,
        [siteId, [...origins]],
      );
    }
  }

  async function inTransaction<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    return read(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async function get(id: string): Promise<SiteRecord | undefined> {
    const row = await one(`SELECT ${COLUMNS} FROM sites WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  const byKeyCache = new Map<string, { site: SiteRecord | undefined; until: number }>();
  const forget = () => byKeyCache.clear();

  return {
    async create(input: SiteCreate) {
      const id = newSiteId();
      const secretKey = newSecretKey();
      const now = Date.now();
      const origins = [...new Set(input.origins)];
      const row = await inTransaction(async (client) => {
        const inserted = await client.query<SiteRow>(
          `INSERT INTO sites (id, name, origins, timezone, public_key, secret_hash, cooldown_days, link_key, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING ${COLUMNS}`,
          [id, input.name, JSON.stringify(origins), input.timezone ?? 'UTC', newPublicKey(), hashSecret(secretKey), input.cooldownDays ?? 0, randomBytes(32).toString('hex'), now],
        );
        await setOrigins(client, id, origins);
        return inserted.rows[0]!;
      });
      return { site: toRecord(row), secretKey };
    },

    get,

    async findBySecret(secretKey) {
      const row = await one(`SELECT ${COLUMNS} FROM sites WHERE secret_hash = $1`, [hashSecret(secretKey)]);
      return row && toRecord(row);
    },

    async findByPublicKey(publicKey) {
      const now = Date.now();
      const hit = byKeyCache.get(publicKey);
      if (hit && hit.until > now) return hit.site;
      const row = await one(
        `SELECT ${COLUMNS} FROM sites WHERE public_key = $1 OR (previous_public_key = $1 AND previous_public_key_until > $2) ORDER BY public_key = $1 DESC LIMIT 1`,
        [publicKey, now],
      );
      const site = row && toRecord(row);
      if (byKeyCache.size >= 10_000) byKeyCache.clear();
      byKeyCache.set(publicKey, { site, until: now + KEY_CACHE_MS });
      return site;
    },

    async rotateSecret(id) {
      const secretKey = newSecretKey();
      await read(() => pool.query('UPDATE sites SET secret_hash = $1, updated_at = $2 WHERE id = $3', [hashSecret(secretKey), Date.now(), id]));
      forget();
      return secretKey;
    },

    async rotatePublicKey(id, graceMs) {
      const now = Date.now();
      const row = await one(
        `UPDATE sites SET previous_public_key = public_key, previous_public_key_until = $2, public_key = $3, updated_at = $4
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, now + graceMs, newPublicKey(), now],
      );
      forget();
      return { site: toRecord(row!), previousUntil: now + graceMs };
    },

    async update(id, patch: SitePatch) {
      const current = await get(id);
      if (!current) return undefined;
      const origins = patch.origins ? [...new Set(patch.origins)] : current.origins;
      const row = await inTransaction(async (client) => {
        const updated = await client.query<SiteRow>(
          `UPDATE sites SET name = $2, origins = $3, timezone = $4, cooldown_days = $5, updated_at = $6 WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, patch.name ?? current.name, JSON.stringify(origins), patch.timezone ?? current.timezone, patch.cooldownDays ?? current.cooldownDays, Date.now()],
        );
        await setOrigins(client, id, origins);
        return updated.rows[0]!;
      });
      forget();
      return toRecord(row);
    },

    async isKnownOrigin(origin) {
      if (holdsNul([origin])) return false;
      return read(async () => ((await pool.query('SELECT 1 FROM site_origins WHERE origin = $1 LIMIT 1', [origin])).rowCount ?? 0) > 0);
    },

    async count() {
      return read(async () => Number((await pool.query('SELECT count(*) AS n FROM sites')).rows[0].n));
    },
  };
}
