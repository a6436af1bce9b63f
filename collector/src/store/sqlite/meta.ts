import type { MetaStore } from '../types';
import type { Db } from './database';

export function createMetaRepository(db: Db): MetaStore {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    async get(key: string): Promise<string | undefined> {
      return get.get(key)?.value;
    },
    async set(key: string, value: string): Promise<void> {
      set.run(key, value);
    },
  };
}

