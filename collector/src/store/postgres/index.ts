// Filled in by the PostgreSQL engine; until then, a postgres:// URL is refused at start.
import type { Store, StoreOptions } from '../types';

export function createPostgresStore(_url: string, _options: StoreOptions): Promise<Store> {
  return Promise.reject(new Error('PostgreSQL is not available in this build yet'));
}
