import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema, UnhealthySchema } from '@plaudit/shared';
import { UNAVAILABLE_RETRY_AFTER_S } from '../plugins/errors';

export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready to take answers: 200 while the database reads and writes, 503 while writes fail or stall',
        response: { 200: HealthSchema, 503: UnhealthySchema },
      },
    },
    async (_request, reply) => {
      await app.store.sites.count();
      const health = app.store.health();
      const writes = { status: health.status, since: new Date(health.since).toISOString(), ...(health.reason && { reason: health.reason }) };
      if (health.status === 'ok') return { status: 'ok' as const, writes };
      // A load balancer takes this collector out of rotation until a write succeeds again.
      return reply
        .code(503)
        .header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S))
        .send({
          error: { code: 'unavailable', message: `database writes are ${health.status}${health.reason ? `: ${health.reason}` : ''}` },
          status: 'unavailable' as const,
          writes,
        });
    },
  );
}
