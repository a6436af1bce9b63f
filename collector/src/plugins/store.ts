import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSqliteStore, type Store } from '../db/store';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export default fp(
  async function store(app: FastifyInstance, opts: { dbPath: string }) {
    const store = createSqliteStore(opts.dbPath);
    app.decorate('store', store);
    // Closed last: onClose runs after the server has stopped taking requests and drained.
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'plaudit-store' },
);
