// Sites and their keys: create (admin token), read and change (site secret), rotate keys.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  PublicKeyRotatedSchema,
  PublicKeyRotationSchema,
  SecretKeySchema,
  SiteCreateSchema,
  SiteCreatedSchema,
  SiteParamsSchema,
  SitePatchSchema,
  SiteSchema,
} from '@plaudit/shared';
import { notFound } from '../../lib/errors';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { siteJson } from '../representations';

export default async function siteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sites'];

  r.post(
    '/v1/sites',
    {
      onRequest: app.requireAdmin,
      schema: {
        operationId: 'createSite',
        tags,
        summary: 'Create a site',
        description: 'With the admin token. The answer holds the site’s secret key, shown only here: keep it.',
        security: SECURITY.admin,
        body: SiteCreateSchema,
        response: { 201: json('The new site, with its keys.', SiteCreatedSchema), ...errors(400, 401, 413, 415) },
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
      onRequest: app.requireSite,
      schema: {
        operationId: 'getSite',
        tags,
        summary: 'Read a site',
        security: SECURITY.site,
        params: SiteParamsSchema,
        response: { 200: json('The site.', SiteSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => siteJson(request.site),
  );

  r.patch(
    '/v1/sites/:siteId',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'updateSite',
        tags,
        summary: 'Change a site’s name, origins or time zone',
        security: SECURITY.site,
        params: SiteParamsSchema,
        body: SitePatchSchema,
        response: { 200: json('The site as changed.', SiteSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      const site = await app.store.sites.update(request.site.id, request.body);
      if (!site) throw notFound('site');
      return siteJson(site);
    },
  );

  r.post(
    '/v1/sites/:siteId/keys/rotate',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'rotateSecretKey',
        tags,
        summary: 'Issue a new secret key',
        description: 'The old secret key stops working at once. The new one is shown only in this answer.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        response: { 200: json('The new secret key.', SecretKeySchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => ({ secretKey: await app.store.sites.rotateSecret(request.site.id) }),
  );

  r.post(
    '/v1/sites/:siteId/keys/rotate-public',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'rotatePublicKey',
        tags,
        summary: 'Issue a new public key',
        description: 'The previous public key keeps working for `graceHours` (72 by default; 0 stops it now), so pages still carrying the old snippet do not lose answers. The body may be left out.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        body: PublicKeyRotationSchema,
        response: { 200: json('The new public key.', PublicKeyRotatedSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      const previous = request.site.publicKey;
      // Whole milliseconds: the grace period is stored as an integer time.
      const { site, previousUntil } = await app.store.sites.rotatePublicKey(request.site.id, Math.round(request.body.graceHours * 3_600_000));
      return { publicKey: site.publicKey, previousPublicKey: previous, previousValidUntil: new Date(previousUntil).toISOString() };
    },
  );
}
