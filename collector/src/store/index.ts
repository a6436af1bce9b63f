// Opens the store the configuration names: PostgreSQL for a postgres:// URL, else the SQLite file.
import type { Store, StoreOptions } from './types';
import { createSqliteStore } from './sqlite';

export type { Store, StoreOptions } from './types';

export type StoreLocation = { sqlite: string } | { postgres: string };

export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  if ('postgres' in location) {
    const { createPostgresStore } = await import('./postgres');
    return createPostgresStore(location.postgres, options);
  }
  return createSqliteStore(location.sqlite, options);
}
