import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, SiteCreateSchema, SiteCreatedSchema, SitePatchSchema, SiteSchema } from '@plaudit/shared';
import { notFound } from '../lib/errors';
import { siteJson } from './representations';

export const SiteParamsSchema = z.object({ siteId: z.string().max(64) });
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };

export default async function siteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/sites',
    {
      preHandler: app.requireAdmin,
      schema: {
        tags: ['sites'],
        summary: 'Create a site (admin token). The secret key is shown only in this answer.',
        security: [{ bearer: [] }],
        body: SiteCreateSchema,
        response: { 201: SiteCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { site, secretKey } = await app.store.sites.create(request.body);
      return reply.code(201).send({ ...siteJson(site), secretKey });
    },
  );

  r.get(
    '/v1/sites/:siteId',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['sites'],
        summary: 'Read a site',
        security: [{ bearer: [] }],
        params: SiteParamsSchema,
        response: { 200: SiteSchema, ...errors },
      },
    },
    async (request) => siteJson(request.site),
  );

  r.patch(
    '/v1/sites/:siteId',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['sites'],
        summary: 'Change a site’s name, allowed origins or time zone',
        security: [{ bearer: [] }],
        params: SiteParamsSchema,
        body: SitePatchSchema,
        response: { 200: SiteSchema, ...errors },
      },
    },
    async (request) => {
      const site = await app.store.sites.update(request.site.id, request.body);
      if (!site) throw notFound('site');
      return siteJson(site);
    },
  );
}
