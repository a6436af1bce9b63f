// Webhooks: an endpoint of the site owner's that receives events, signed by the Standard Webhooks
// scheme (webhook-id, webhook-timestamp, webhook-signature), from a persistent queue.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { NPS_GROUPS } from './follow-ups';

export const WEBHOOK_EVENTS = ['response.created', 'response.updated', 'response.completed', 'followup.changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;

const UrlSchema = z
  .string()
  .max(2048)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL without credentials' },
  )
  .meta({
    description: 'Where events are POSTed. Refused when it resolves to a loopback, private, link-local or metadata address (see the README).',
    examples: ['https://hooks.shop.example/plaudit'],
    pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$',
  });

const FilterSchema = z
  .strictObject({
    category: z.enum(NPS_GROUPS).optional().meta({ description: 'Only answers in this group: NPS 0–6 / 7–8 / 9–10, or CSAT 1–2 / 3 / 4–5.', examples: ['detractor'] }),
    survey: IdSchema.optional().meta({ description: 'Only this survey’s answers.', examples: ['sv_q3Zr8nL2xTbA'] }),
  })
  .meta({ id: 'WebhookFilter', description: 'Which answers’ events are sent; all when left out.' });

const EventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .refine((v) => new Set(v).size === v.length, { message: 'events must not repeat' })
  .meta({
    description: '`response.created` (a new answer), `response.updated` (more of it: a comment, a follow-up answer), `response.completed` (the visitor reached the end), `followup.changed` (its follow-up state or owner changed).',
    examples: [['response.created', 'followup.changed']],
    uniqueItems: true,
  });

export const WebhookCreateSchema = z
  .strictObject({
    url: UrlSchema,
    events: EventsSchema,
    filter: FilterSchema.default({}),
    format: z.enum(WEBHOOK_FORMATS).default('json').meta({ description: '`json`: the event as JSON; `slack`: a message a Slack incoming webhook accepts (score, category, comment, a link).', examples: ['json'] }),
  })
  .meta({ id: 'WebhookCreate', description: 'A new webhook.' });

export const WebhookPatchSchema = z
  .strictObject({
    url: UrlSchema.optional(),
    events: EventsSchema.optional(),
    filter: FilterSchema.optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    status: z.enum(['active', 'disabled']).optional().meta({ description: '`active` again after it was disabled resumes its queue in order.', examples: ['active'] }),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'WebhookPatch', description: 'The fields to change.', minProperties: 1 });

export const WebhookSchema = z
  .object({
    id: z.string().meta({ examples: ['wh_Xq3v9LrT2wZc'] }),
    url: z.string().meta({ examples: ['https://hooks.shop.example/plaudit'] }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).meta({ examples: [['response.created']] }),
    filter: FilterSchema,
    format: z.enum(WEBHOOK_FORMATS).meta({ examples: ['json'] }),
    status: z.enum(['active', 'disabled']).meta({ description: '`disabled` after a delivery failed for more than a day (`disabledReason` says why), or by the owner.', examples: ['active'] }),
    disabledReason: z.string().nullable().meta({ examples: [null] }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Webhook', description: 'A webhook.' });

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z.string().meta({ description: 'The signing secret, shown once: verify each request’s `webhook-signature` with it (Standard Webhooks).', examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }),
}).meta({ id: 'WebhookCreated', description: 'A new webhook, with its signing secret shown this once.' });

export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) }).meta({ id: 'WebhookList', description: 'The site’s webhooks.' });

export const WebhookParamsSchema = z.object({
  siteId: IdSchema.meta({ examples: ['st_Ab3dE5fG7hJk'] }),
  webhookId: z.string().max(64).meta({ examples: ['wh_Xq3v9LrT2wZc'] }),
});
export const DeliveryParamsSchema = WebhookParamsSchema.extend({ deliveryId: z.string().max(64).meta({ examples: ['msg_2bq7Zx9LrT3v'] }) });

export const DeliveryAttemptSchema = z
  .object({
    at: TimestampSchema,
    statusCode: z.int().nullable().meta({ description: 'The endpoint’s HTTP status; null when none came (refused, timed out, blocked address).', examples: [500] }),
    error: z.string().nullable().meta({ description: 'What went wrong, when something did.', examples: ['HTTP 500'] }),
    durationMs: z.int().meta({ examples: [84] }),
  })
  .meta({ id: 'DeliveryAttempt' });

export const DeliverySchema = z
  .object({
    id: z.string().meta({ description: 'The `webhook-id` of every attempt: receivers deduplicate on it.', examples: ['msg_2bq7Zx9LrT3v'] }),
    event: z.enum(WEBHOOK_EVENTS).meta({ examples: ['response.created'] }),
    status: z.enum(['pending', 'succeeded', 'failed']).meta({ description: '`pending` until a 2xx answer; `failed` once the retries (over a day) are spent.', examples: ['succeeded'] }),
    attempts: z.array(DeliveryAttemptSchema).meta({ description: 'Oldest first.' }),
    nextAttemptAt: TimestampSchema.nullable().meta({ description: 'When it is tried again, while pending.' }),
    createdAt: TimestampSchema,
    deliveredAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'Delivery', description: 'One event on its way to a webhook.' });

export const DeliveryListQuerySchema = z.strictObject({
  status: z.enum(['pending', 'succeeded', 'failed']).optional().meta({ examples: ['failed'] }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Newest first.', examples: [50] }),
});
export const DeliveryListSchema = z.object({ items: z.array(DeliverySchema) }).meta({ id: 'DeliveryList', description: 'A webhook’s deliveries, newest first.' });
