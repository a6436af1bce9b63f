import type { MetaStore } from '../types';
import { read, type Pool } from './database';

export function createMetaRepository(pool: Pool): MetaStore {
  return {
    async get(key) {
      return read(async () => (await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value);
    },
    async set(key, value) {
      await read(() => pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]));
    },
  };
}
