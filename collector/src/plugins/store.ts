// The store on the app, opened from the configuration (or handed in by a test), closed last.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openStore, type Store } from '../store';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export interface StorePluginOptions {
  /** The SQLite file, when no PostgreSQL URL is given. */
  dbPath?: string | undefined;
  /** A postgres:// URL: PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
  /** A store already open (tests that need an engine's own handles); the app closes it. */
  store?: Store | undefined;
  writeTimeoutMs?: number | undefined;
}

export default fp(
  async function store(app: FastifyInstance, opts: StorePluginOptions) {
    const location = opts.databaseUrl ? { postgres: opts.databaseUrl } : { sqlite: opts.dbPath ?? './data/plaudit.db' };
    const store =
      opts.store ??
      (await openStore(location, {
        writeTimeoutMs: opts.writeTimeoutMs,
        // One line when writes start failing, one when they recover: not one per refused request.
        onHealth: (health) => {
          if (health.status === 'ok') app.log.warn({ writes: health }, 'database writes have recovered');
          else app.log.error({ writes: health }, `database writes are ${health.status}: ${health.reason ?? ''}`);
        },
      }));
    app.decorate('store', store);
    // Closed last: onClose runs after the server has stopped taking requests and drained.
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'plaudit-store' },
);
