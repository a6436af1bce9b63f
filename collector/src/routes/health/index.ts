// GET /healthz: whether this collector can take answers now, for load balancers and monitors.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema, UnhealthySchema } from '@plaudit/shared';
import { UNAVAILABLE_RETRY_AFTER_S } from '../../plugins/errors';
import { StoreError } from '../../store/errors';
import { SECURITY, json } from '../openapi';

export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Whether the collector can take answers now',
        description: '200 while the database reads and writes; 503 while writes fail (disk full, failing or stalled fsync), until one succeeds again.',
        security: SECURITY.none,
        response: {
          200: json('Reads and writes work.', HealthSchema),
          503: json('Writes fail or stall: the error envelope, with the write path’s state.', UnhealthySchema),
        },
      },
    },
    async (_request, reply) => {
      let health = app.store.health();
      try {
        await app.store.sites.count();
      } catch (error) {
        // The database cannot even be read (PostgreSQL down or restarting): writes cannot work either.
        if (!(error instanceof StoreError && error.code === 'unavailable')) throw error;
        health = { status: 'failing', since: Date.now(), reason: 'database unreachable' };
      }
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
