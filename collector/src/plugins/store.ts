import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSqliteStore, type Store } from '../db/store';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export default fp(
  async function store(app: FastifyInstance, opts: { dbPath: string; writeTimeoutMs?: number }) {
    const store = createSqliteStore(opts.dbPath, {
      writeTimeoutMs: opts.writeTimeoutMs,
      // One line when writes start failing, one when they recover: not one per refused request.
      onHealth: (health) => {
        if (health.status === 'ok') app.log.warn({ writes: health }, 'database writes have recovered');
        else app.log.error({ writes: health }, `database writes are ${health.status}: ${health.reason ?? ''}`);
      },
    });
    app.decorate('store', store);
    // Closed last: onClose runs after the server has stopped taking requests and drained.
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'plaudit-store' },
);
