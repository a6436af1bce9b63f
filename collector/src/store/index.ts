// Opens the store the configuration names: PostgreSQL for a postgres:// URL, else the SQLite file.
import type { CommentReader, Store, StoreLocation, StoreOptions } from './types';
import { createSqliteStore } from './sqlite';

export type { CommentReader, Store, StoreLocation, StoreOptions } from './types';

export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  if ('postgres' in location) {
    const { createPostgresStore } = await import('./postgres');
    return createPostgresStore(location.postgres, options);
  }
  return createSqliteStore(location.sqlite, options);
}

/** A reader of comments in bulk on its own connection, for a worker thread (see CommentReader). */
export async function openCommentReader(location: StoreLocation): Promise<CommentReader> {
  if ('postgres' in location) {
    const { createPostgresCommentReader } = await import('./postgres/comment-reader');
    return createPostgresCommentReader(location.postgres);
  }
  const { createSqliteCommentReader } = await import('./sqlite/comment-reader');
  return createSqliteCommentReader(location.sqlite);
}

/** The e-mail queue of a site (its alerts and digests go out in order). */
export { emailTarget } from './webhook-record';
