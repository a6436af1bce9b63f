// The themes service on the app, for the themes route and the weekly digest alike: one worker
// thread and one cache per collector.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ThemesService } from '../domain/themes/service';

declare module 'fastify' {
  interface FastifyInstance {
    themes: ThemesService;
  }
}

export default fp(
  async function themes(app: FastifyInstance, opts: { ttlMs?: number | undefined }) {
    const service = new ThemesService(app.store.location, { ttlMs: opts.ttlMs });
    app.decorate('themes', service);
    app.addHook('onClose', () => service.close());
  },
  { name: 'plaudit-themes', dependencies: ['plaudit-store'] },
);
