// GET /v1/config: what the widget reads on every page view, with the site's public key.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConfigQuerySchema, WidgetConfigSchema, themeColors, type WidgetConfig, liveFollowUps } from '@plaudit/shared';
import { unknownKey } from '../../plugins/public-access';
import { SECURITY, errors, json } from '../openapi';

export default async function configRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/config',
    {
      schema: {
        operationId: 'getWidgetConfig',
        tags: ['widget'],
        summary: 'The widget’s configuration: the site’s active surveys',
        description:
          'Called by the widget on each page view with the public key of the snippet. Cacheable for 60 s, with an `ETag`: send it back in `If-None-Match` to get `304`. Extra query parameters are ignored (cache busting).',
        security: SECURITY.publicKeyQuery,
        querystring: ConfigQuerySchema.loose(),
        response: {
          200: json('The active surveys, ready for the widget.', WidgetConfigSchema),
          304: { description: 'Not modified since the `ETag` sent in `If-None-Match`.', content: { 'application/json': { schema: z.null() } } },
          ...errors(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const site = await app.siteOfKey(request.query.key);
      if (!site) throw unknownKey();
      app.assertOrigin(request, site, reply);
      app.limitKey(request, reply, site.id);
      const all = await app.store.surveys.list(site.id);
      const surveys = all.filter((s) => s.status === 'active');
      const config: WidgetConfig = {
        site: { name: site.name, cooldownDays: site.cooldownDays },
        surveys: surveys.map((s) => ({
          id: s.id,
          name: s.name,
          questions: s.questions,
          productName: s.productName,
          locale: s.locale,
          display: s.display,
          texts: s.texts,
          followUps: liveFollowUps(s.followUps),
          cta: s.cta,
          theme: { ...s.theme, colors: themeColors(s.theme.brandColor) },
        })),
        inactive: Object.fromEntries(all.filter((s) => s.status !== 'active').map((s) => [s.id, s.status as 'paused' | 'archived'])),
      };
      const etag = `"${createHash('sha256').update(JSON.stringify(config)).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=60').header('vary', 'Origin');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return config;
    },
  );
}
