// Erasure: one response, or every response of a customer (a request to be forgotten).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CustomerParamsSchema, DeletedSchema, ResponseParamsSchema } from '@plaudit/shared';
import { notFound } from '../../lib/errors';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

export default async function eraseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.delete(
    '/v1/sites/:siteId/responses/:responseId',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'deleteResponse',
        tags: ['responses'],
        summary: 'Erase one response',
        description: 'Removes the answer and its share of every metric, in one transaction.',
        security: SECURITY.site,
        params: ResponseParamsSchema,
        response: { 200: json('Erased.', DeletedSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request) => {
      if (!(await app.store.responses.delete(request.site.id, request.params.responseId))) throw notFound('response');
      return { deleted: 1 };
    },
  );

  r.delete(
    '/v1/sites/:siteId/customers/:customerId/responses',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'deleteCustomerResponses',
        tags: ['responses'],
        summary: 'Erase every response of one customer',
        description:
          'For an erasure request: every answer sent with this `customer.id`, and their share of every metric. Percent-encode the id; any id that ingest accepts can be named here (broken surrogate pairs were stored as U+FFFD).',
        security: SECURITY.site,
        params: CustomerParamsSchema,
        response: { 200: json('Erased: how many.', DeletedSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request) => ({ deleted: await app.store.responses.deleteByCustomer(request.site.id, request.params.customerId) }),
  );
}
