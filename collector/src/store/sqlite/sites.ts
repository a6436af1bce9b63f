import { randomBytes } from 'node:crypto';
import type { SiteCreate, SitePatch } from '@plaudit/shared';
import type { SiteRecord, SitesStore } from '../types';
import { hashSecret, newPublicKey, newSecretKey, newSiteId } from '../../lib/keys';
import type { Db } from './database';


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

function toRecord(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    name: row.name,
    origins: JSON.parse(row.origins) as string[],
    timezone: row.timezone,
    publicKey: row.public_key,
    cooldownDays: row.cooldown_days,
    linkKey: row.link_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createSitesRepository(db: Db): SitesStore {
  const insert = db.prepare(
    `INSERT INTO sites (id, name, origins, timezone, public_key, secret_hash, cooldown_days, link_key, created_at, updated_at)
     VALUES (@id, @name, @origins, @timezone, @publicKey, @secretHash, @cooldownDays, @linkKey, @now, @now)`,
  );
  const byId = db.prepare<[string], SiteRow>(`SELECT ${COLUMNS} FROM sites WHERE id = ?`);
  const bySecret = db.prepare<[string], SiteRow>(`SELECT ${COLUMNS} FROM sites WHERE secret_hash = ?`);
  const byPublicKey = db.prepare<[string], SiteRow>(`SELECT ${COLUMNS} FROM sites WHERE public_key = ?`);
  const byPreviousPublicKey = db.prepare<[string, number], SiteRow>(
    `SELECT ${COLUMNS} FROM sites WHERE previous_public_key = ? AND previous_public_key_until > ?`,
  );
  const setSecret = db.prepare('UPDATE sites SET secret_hash = ?, updated_at = ? WHERE id = ?');
  const setPublicKey = db.prepare(
    `UPDATE sites SET previous_public_key = public_key, previous_public_key_until = @until,
       public_key = @publicKey, updated_at = @now WHERE id = @id`,
  );
  const update = db.prepare(
    `UPDATE sites SET name = @name, origins = @origins, timezone = @timezone, cooldown_days = @cooldownDays, updated_at = @now WHERE id = @id`,
  );
  const originKnown = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM site_origins WHERE origin = ? LIMIT 1');
  const clearOrigins = db.prepare('DELETE FROM site_origins WHERE site_id = ?');
  const addOrigin = db.prepare('INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES (?, ?)');
  /** The site's row of origins and its index rows change together. */
  const setOrigins = (siteId: string, origins: readonly string[]) => {
    clearOrigins.run(siteId);
    for (const origin of origins) addOrigin.run(origin, siteId);
  };
  const createSite = db.transaction((row: Record<string, unknown>, origins: string[]) => {
    insert.run(row);
    setOrigins(row.id as string, origins);
  });
  const updateSite = db.transaction((row: Record<string, unknown>, origins: string[]) => {
    update.run(row);
    setOrigins(row.id as string, origins);
  });
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sites');

  // Every answer resolves its public key: keep recent lookups for a few seconds. Writes through
  // this repository clear it at once; the TTL bounds staleness if another process writes.
  const byKeyCache = new Map<string, { site: SiteRecord | undefined; until: number }>();
  const KEY_CACHE_MS = 5_000;
  const forget = () => byKeyCache.clear();

  return {
    async create(input: SiteCreate): Promise<{ site: SiteRecord; secretKey: string }> {
      const id = newSiteId();
      const secretKey = newSecretKey();
      const now = Date.now();
      const origins = [...new Set(input.origins)];
      createSite(
        {
          id,
          name: input.name,
          origins: JSON.stringify(origins),
          timezone: input.timezone ?? 'UTC',
          publicKey: newPublicKey(),
          secretHash: hashSecret(secretKey),
          cooldownDays: input.cooldownDays ?? 0,
          linkKey: randomBytes(32).toString('hex'),
          now,
        },
        origins,
      );
      return { site: toRecord(byId.get(id)!), secretKey };
    },

    async get(id: string): Promise<SiteRecord | undefined> {
      const row = byId.get(id);
      return row && toRecord(row);
    },

    async findBySecret(secretKey: string): Promise<SiteRecord | undefined> {
      const row = bySecret.get(hashSecret(secretKey));
      return row && toRecord(row);
    },

    /** The site of a live public key: its current one, or the previous one within its grace period. */
    async findByPublicKey(publicKey: string): Promise<SiteRecord | undefined> {
      const now = Date.now();
      const hit = byKeyCache.get(publicKey);
      if (hit && hit.until > now) return hit.site;
      const row = byPublicKey.get(publicKey) ?? byPreviousPublicKey.get(publicKey, now);
      const site = row && toRecord(row);
      if (byKeyCache.size >= 10_000) byKeyCache.clear();
      // A grace-period key is cached no longer than it stays valid.
      byKeyCache.set(publicKey, { site, until: now + KEY_CACHE_MS });
      return site;
    },

    /** A new secret key; the old one stops working at once. */
    async rotateSecret(id: string): Promise<string> {
      const secretKey = newSecretKey();
      setSecret.run(hashSecret(secretKey), Date.now(), id);
      forget();
      return secretKey;
    },

    /** A new public key; the current one keeps working for `graceMs`. */
    async rotatePublicKey(id: string, graceMs: number): Promise<{ site: SiteRecord; previousUntil: number }> {
      const now = Date.now();
      setPublicKey.run({ id, publicKey: newPublicKey(), until: now + graceMs, now });
      forget();
      return { site: toRecord(byId.get(id)!), previousUntil: now + graceMs };
    },

    async update(id: string, patch: SitePatch): Promise<SiteRecord | undefined> {
      const current = byId.get(id);
      if (!current) return undefined;
      const site = toRecord(current);
      const origins = patch.origins ? [...new Set(patch.origins)] : site.origins;
      updateSite(
        {
          id,
          name: patch.name ?? site.name,
          origins: JSON.stringify(origins),
          timezone: patch.timezone ?? site.timezone,
          cooldownDays: patch.cooldownDays ?? site.cooldownDays,
          now: Date.now(),
        },
        origins,
      );
      forget();
      return toRecord(byId.get(id)!);
    },

    /** Whether any site lists this origin; answers CORS preflights that carry no key. */
    async isKnownOrigin(origin: string): Promise<boolean> {
      return originKnown.get(origin) !== undefined;
    },

    async count(): Promise<number> {
      return count.get()!.n;
    },
  };
}

