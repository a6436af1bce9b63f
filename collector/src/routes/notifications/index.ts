// Who a site e-mails: detractor alerts and the weekly digest.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationSettingsSchema, SiteParamsSchema } from '@plaudit/shared';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

const DEFAULTS = NotificationSettingsSchema.parse({});

export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];
  const security = SECURITY.site;

  r.get(
    '/v1/sites/:siteId/notifications',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'getNotifications', tags, security, summary: 'Who the site e-mails', params: SiteParamsSchema, response: { 200: json('The settings (none set: nobody).', NotificationSettingsSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => (await app.store.notifications.get(request.site.id)) ?? DEFAULTS,
  );

  r.put(
    '/v1/sites/:siteId/notifications',
    {
      onRequest: app.requireSite,
      config: { role: 'owner' },
      schema: {
        operationId: 'setNotifications',
        tags,
        security,
        summary: 'Set who the site e-mails',
        description:
          'Detractor alerts go a minute after the score (so the comment is in them), one per answer; the digest every Monday from 8:00 in the site’s time zone, for the week just ended. Both need PLAUDIT_SMTP_URL on the collector; they go through the same persistent queue as webhooks, retried the same way.',
        params: SiteParamsSchema,
        body: NotificationSettingsSchema,
        response: { 200: json('The settings as set.', NotificationSettingsSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      await app.store.notifications.set(request.site.id, request.body);
      return request.body;
    },
  );
}
