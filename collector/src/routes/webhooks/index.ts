// A site's webhooks: create (the signing secret shown once), list, change, delete; their
// deliveries with every attempt, and redelivery.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeliveryListQuerySchema,
  DeliveryListSchema,
  DeliveryParamsSchema,
  SiteParamsSchema,
  WebhookCreateSchema,
  WebhookCreatedSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookPatchSchema,
  WebhookSchema,
  type WebhookEvent,
} from '@plaudit/shared';
import { urlProblem } from '../../domain/webhooks/address-guard';
import { newWebhookSecret } from '../../domain/webhooks/sign';
import { HttpError, notFound } from '../../lib/errors';
import type { DeliveryAttemptRecord, DeliveryRecord, WebhookRecord } from '../../store/types';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

const RetriedSchema = z.object({ queued: z.literal(true).meta({ examples: [true] }) }).meta({ id: 'DeliveryRetried', description: 'The delivery is queued again.' });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const webhookJson = (w: WebhookRecord) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  filter: w.filter,
  format: w.format,
  status: w.status,
  disabledReason: w.disabledReason,
  createdAt: new Date(w.createdAt).toISOString(),
  updatedAt: new Date(w.updatedAt).toISOString(),
});
const deliveryJson = (d: DeliveryRecord & { log: DeliveryAttemptRecord[] }) => ({
  id: d.id,
  event: d.event as WebhookEvent,
  status: d.status,
  attempts: d.log.map((a) => ({ at: new Date(a.at).toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  createdAt: new Date(d.createdAt).toISOString(),
  deliveredAt: iso(d.deliveredAt),
});

export default async function webhookRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const common = { onRequest: app.requireSite };
  // The team's owners manage where events go; any member may read.
  const owners = { onRequest: app.requireSite, config: { role: 'owner' as const } };
  const tags = ['webhooks'];
  const security = SECURITY.site;

  async function assertUrl(url: string) {
    const problem = await urlProblem(url, app.webhookSettings.allowPrivate);
    if (problem) throw new HttpError(400, 'validation_failed', `url: ${problem}`);
  }
  async function assertSurvey(siteId: string, surveyId: string | undefined) {
    if (surveyId && !(await app.store.surveys.get(siteId, surveyId))) throw new HttpError(400, 'validation_failed', 'filter.survey: no such survey on this site');
  }

  r.post(
    '/v1/sites/:siteId/webhooks',
    {
      ...owners,
      schema: {
        operationId: 'createWebhook',
        tags,
        security,
        summary: 'Add a webhook',
        description: [
          'Events are POSTed as JSON (`{type, timestamp, data}`) or as a Slack message (`format: "slack"`), signed by the Standard Webhooks scheme: `webhook-id` (the same on every retry of an event, to deduplicate), `webhook-timestamp` and `webhook-signature`, with the `secret` answered here once.',
          'Deliveries are queued in the transaction that stores the answer, sent one at a time per webhook and in order, and retried with backoff (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) for more than a day, after which the webhook is disabled with the reason.',
          'A URL that resolves to a loopback, private, link-local or metadata address is refused (here and at each delivery; redirects are never followed), unless the collector runs with PLAUDIT_WEBHOOK_ALLOW_PRIVATE=1.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        body: WebhookCreateSchema,
        response: { 201: json('The webhook, with its signing secret (shown this once).', WebhookCreatedSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request, reply) => {
      await assertUrl(request.body.url);
      await assertSurvey(request.site.id, request.body.filter.survey);
      const secret = newWebhookSecret();
      const hook = await app.store.webhooks.create(request.site.id, { ...request.body, secret });
      return reply.code(201).send({ ...webhookJson(hook), secret });
    },
  );

  r.get(
    '/v1/sites/:siteId/webhooks',
    { ...common, schema: { operationId: 'listWebhooks', tags, security, summary: 'List webhooks', params: SiteParamsSchema, response: { 200: json('The webhooks.', WebhookListSchema), ...errors(...SITE_ERRORS) } } },
    async (request) => ({ items: (await app.store.webhooks.list(request.site.id)).map(webhookJson) }),
  );

  r.get(
    '/v1/sites/:siteId/webhooks/:webhookId',
    { ...common, schema: { operationId: 'getWebhook', tags, security, summary: 'Read a webhook', params: WebhookParamsSchema, response: { 200: json('The webhook.', WebhookSchema), ...errors(...SITE_ERRORS) } } },
    async (request) => {
      const hook = await app.store.webhooks.get(request.site.id, request.params.webhookId);
      if (!hook) throw notFound('webhook');
      return webhookJson(hook);
    },
  );

  r.patch(
    '/v1/sites/:siteId/webhooks/:webhookId',
    {
      ...owners,
      schema: {
        operationId: 'updateWebhook',
        tags,
        security,
        summary: 'Change a webhook, or enable it again',
        description: '`status: "active"` after it was disabled resumes its queue where it stopped, in order.',
        params: WebhookParamsSchema,
        body: WebhookPatchSchema,
        response: { 200: json('The webhook as changed.', WebhookSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      if (request.body.url) await assertUrl(request.body.url);
      await assertSurvey(request.site.id, request.body.filter?.survey);
      const hook = await app.store.webhooks.update(request.site.id, request.params.webhookId, request.body);
      if (!hook) throw notFound('webhook');
      if (hook.status === 'active') app.dispatcher.poke();
      return webhookJson(hook);
    },
  );

  r.delete(
    '/v1/sites/:siteId/webhooks/:webhookId',
    {
      ...owners,
      schema: {
        operationId: 'deleteWebhook',
        tags,
        security,
        summary: 'Delete a webhook and its queue',
        params: WebhookParamsSchema,
        response: { 200: json('The deleted webhook.', WebhookSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const hook = await app.store.webhooks.get(request.site.id, request.params.webhookId);
      if (!hook || !(await app.store.webhooks.delete(request.site.id, hook.id))) throw notFound('webhook');
      return webhookJson(hook);
    },
  );

  r.get(
    '/v1/sites/:siteId/webhooks/:webhookId/deliveries',
    {
      ...common,
      schema: {
        operationId: 'listDeliveries',
        tags,
        security,
        summary: 'A webhook’s deliveries, with every attempt',
        params: WebhookParamsSchema,
        querystring: DeliveryListQuerySchema,
        response: { 200: json('Its deliveries, newest first.', DeliveryListSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const hook = await app.store.webhooks.get(request.site.id, request.params.webhookId);
      if (!hook) throw notFound('webhook');
      return { items: (await app.store.deliveries.list(request.site.id, hook.id, request.query)).map(deliveryJson) };
    },
  );

  r.post(
    '/v1/sites/:siteId/webhooks/:webhookId/deliveries/:deliveryId/retry',
    {
      ...owners,
      schema: {
        operationId: 'retryDelivery',
        tags,
        security,
        summary: 'Deliver an event again',
        description: 'Queued again now, with the same `webhook-id` and a fresh count of retries; sent in its place in the webhook’s order.',
        params: DeliveryParamsSchema,
        response: { 202: json('Queued again.', RetriedSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request, reply) => {
      const done = await app.store.deliveries.retry(request.site.id, request.params.webhookId, request.params.deliveryId, Date.now());
      if (!done) throw notFound('delivery');
      app.dispatcher.poke();
      return reply.code(202).send({ queued: true as const });
    },
  );
}
