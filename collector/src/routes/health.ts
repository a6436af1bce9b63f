import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema } from '@plaudit/shared';

export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness: ok once the database is open', response: { 200: HealthSchema } } },
    async () => {
      await app.store.sites.count();
      return { status: 'ok' as const };
    },
  );
}
