// Key rotation and erasure requests: the site owner's answers to a leaked key or a customer's
// request to be forgotten.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '@plaudit/shared';
import { notFound } from '../lib/errors';
import { SiteParamsSchema } from './sites';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };
const security = [{ bearer: [] }];
const DeletedSchema = z.object({ deleted: z.int() });

export default async function keyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/sites/:siteId/keys/rotate',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['keys'],
        security,
        summary: 'Issue a new secret key; the old one stops working at once. Shown only in this answer.',
        params: SiteParamsSchema,
        response: { 200: z.object({ secretKey: z.string() }), ...errors },
      },
    },
    async (request) => ({ secretKey: await app.store.sites.rotateSecret(request.site.id) }),
  );

  r.post(
    '/v1/sites/:siteId/keys/rotate-public',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['keys'],
        security,
        summary: 'Issue a new public key; the previous one keeps working for graceHours (default 72, 0 to stop it now)',
        params: SiteParamsSchema,
        body: z.strictObject({ graceHours: z.number().min(0).max(720).default(72) }).default({ graceHours: 72 }),
        response: {
          200: z.object({ publicKey: z.string(), previousPublicKey: z.string(), previousValidUntil: z.string() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const previous = request.site.publicKey;
      const { site, previousUntil } = await app.store.sites.rotatePublicKey(request.site.id, request.body.graceHours * 3_600_000);
      return { publicKey: site.publicKey, previousPublicKey: previous, previousValidUntil: new Date(previousUntil).toISOString() };
    },
  );

  r.delete(
    '/v1/sites/:siteId/responses/:responseId',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['responses'],
        security,
        summary: 'Erase one response (and its share of every metric)',
        params: SiteParamsSchema.extend({ responseId: z.string().max(64) }),
        response: { 200: DeletedSchema, ...errors },
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
      preHandler: app.requireSite,
      schema: {
        tags: ['responses'],
        security,
        summary: 'Erase every response of one customer id (an erasure request); answers how many',
        params: SiteParamsSchema.extend({ customerId: z.string().min(1).max(128) }),
        response: { 200: DeletedSchema, ...errors },
      },
    },
    async (request) => ({ deleted: await app.store.responses.deleteByCustomer(request.site.id, request.params.customerId) }),
  );
}
