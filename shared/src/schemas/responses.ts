import { z } from 'zod';
import { IdSchema, LIMITS, LocaleSchema, TimestampSchema, normalizeText, wellFormed } from './common';
import { PublicKeyParamSchema } from './config';
import { FollowUpAnswersSchema } from './follow-ups';
import { FOLLOW_UP_STATES, FollowUpSummarySchema } from './outreach';

const AttributeValueSchema = z
  .union([
    z.string().max(LIMITS.attributeValueChars).transform(wellFormed),
    z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
    z.boolean(),
  ])
  .meta({ description: `A string (≤ ${LIMITS.attributeValueChars} characters), a finite number or a boolean.` });

export const AttributeKeySchema = z
  .string()
  .min(1)
  .max(LIMITS.attributeKeyChars)
  .regex(/^[A-Za-z0-9_.:-]+$/)
  .meta({ description: `An attribute name: 1–${LIMITS.attributeKeyChars} of A–Z a–z 0–9 _ . : -`, examples: ['plan'] });

export const AttributesSchema = z
  .record(AttributeKeySchema, AttributeValueSchema)
  .refine((v) => Object.keys(v).length <= LIMITS.attributes, {
    message: `at most ${LIMITS.attributes} attributes`,
  })
  .meta({
    id: 'Attributes',
    description: `Up to ${LIMITS.attributes} facts about the visitor or the moment, for segments (\`metrics?segment=plan\`).`,
    examples: [{ plan: 'pro', seats: 12, trial: false }],
    maxProperties: LIMITS.attributes,
  });
export type Attributes = z.infer<typeof AttributesSchema>;

/**
 * A customer id as stored: trimmed, broken surrogate pairs replaced. Ingest and erasure share it,
 * so that whatever id an answer was sent with, the same id names it for erasure.
 */
export const CustomerIdSchema = z.string().trim().min(1).max(LIMITS.customerIdChars).transform(wellFormed);

export const CustomerSchema = z
  .strictObject({
    id: CustomerIdSchema.optional().meta({ description: 'The customer’s id in the owner’s systems (trimmed); erasure by customer uses it.', examples: ['cus_8812'] }),
    email: z.email().max(254).optional().meta({ description: 'The customer’s e-mail.', examples: ['ada@example.com'] }),
  })
  .refine((c) => c.id !== undefined || c.email !== undefined, { message: 'customer needs an id or an email' })
  .meta({ id: 'Customer', description: 'Who answered, when the site passes it with `plaudit("identify", …)`. At least an id or an e-mail.', minProperties: 1 });
export type Customer = z.infer<typeof CustomerSchema>;

const PageUrlSchema = z
  .string()
  .max(LIMITS.pageUrlChars)
  .regex(/^https?:\/\//i, 'must be an http(s) URL')
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  )
  .transform(wellFormed)
  .meta({ description: `The page the answer was given on: an http(s) URL of at most ${LIMITS.pageUrlChars} characters.`, examples: ['https://shop.example/checkout/done'] });

export const CommentSchema = z
  .string()
  .max(LIMITS.commentChars)
  .transform(normalizeText)
  .pipe(z.string().max(LIMITS.commentChars))
  .meta({
    description: `The answer to “why?”: at most ${LIMITS.commentChars} UTF-16 code units as sent, and once normalised (NFC, control and bidi-override characters stripped, broken surrogate pairs replaced by U+FFFD, trimmed).`,
    examples: ['Fast delivery, but the box was damaged.'],
  });

export const ResponseInputSchema = z
  .strictObject({
    id: z.uuid().meta({
      description: 'A UUID made by the client. Sending the same id again updates that response field by field (attributes key by key), so retries never duplicate and a comment sent later joins its score.',
      examples: ['0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20'],
    }),
    key: PublicKeyParamSchema,
    survey: IdSchema.meta({ description: 'The survey answered.', examples: ['sv_q3Zr8nL2xTbA'] }),
    nps: z.int().min(0).max(10).optional().meta({ description: 'The 0–10 answer: how likely to recommend. An integer; "9" or 9.5 are refused.', examples: [9] }),
    csat: z.int().min(1).max(5).optional().meta({ description: 'The 1–5 satisfaction answer. An integer.', examples: [4] }),
    comment: CommentSchema.optional(),
    consent: z.boolean().optional().meta({ description: 'Whether the visitor agreed to be quoted.', examples: [true] }),
    locale: LocaleSchema.optional().meta({ description: 'The language the survey was shown in.', examples: ['fr'] }),
    page: PageUrlSchema.optional(),
    visitor: IdSchema.optional().meta({ description: 'The random visitor id the widget keeps in localStorage.', examples: ['v_3kq9zT1xw8'] }),
    customer: CustomerSchema.optional(),
    attributes: AttributesSchema.optional(),
    answers: FollowUpAnswersSchema.optional(),
    complete: z
      .boolean()
      .optional()
      .meta({ description: 'True on the message that ends the answer (the visitor reached the thanks): webhooks get `response.completed`, once.', examples: [true] }),
    link: z
      .string()
      .max(8000)
      .optional()
      .meta({ description: 'The signed token of a survey link (`t` in its URL): the answer then carries the link’s customer and attributes, whatever else it says. An invalid or expired token is refused with 403.', examples: ['eyJzIjoic3ZfcTNa….Qm9n…'] }),
  })
  .refine((r) => r.nps !== undefined || r.csat !== undefined || (r.comment !== undefined && r.comment !== '') || (r.answers !== undefined && Object.keys(r.answers).length > 0) || r.consent !== undefined || r.complete === true, {
    message: 'send at least one answer: nps, csat, a non-empty comment, a follow-up answer, consent, or complete: true',
  })
  .meta({
    id: 'Answer',
    description: `One answer. At least one of \`nps\`, \`csat\`, a non-empty \`comment\`, a follow-up answer, \`consent\` (given or withdrawn later) or \`complete: true\` is required (a rule JSON Schema states as anyOf). At most ${LIMITS.answerBytes / 1024} KB as JSON, however it is escaped. Unknown fields are refused.`,
    anyOf: [
      { required: ['nps'], properties: { nps: { type: 'integer', minimum: 0, maximum: 10 } } },
      { required: ['csat'], properties: { csat: { type: 'integer', minimum: 1, maximum: 5 } } },
      { required: ['comment'], properties: { comment: { type: 'string', minLength: 1, maxLength: LIMITS.commentChars } } },
      { required: ['answers'], properties: { answers: { type: 'object', minProperties: 1 } } },
      { required: ['consent'], properties: { consent: { type: 'boolean' } } },
      { required: ['complete'], properties: { complete: { const: true } } },
    ],
    examples: [{ id: '0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20', key: 'pk_k7XJS8e6hmSP7ZRhxbIREfTx', survey: 'sv_q3Zr8nL2xTbA', nps: 9, comment: 'Fast delivery', consent: true }],
  });
export type ResponseInput = z.infer<typeof ResponseInputSchema>;
/** What a client sends, before normalisation. */
export type ResponseInputBody = z.input<typeof ResponseInputSchema>;

export const AnswerBatchSchema = z
  .array(ResponseInputSchema)
  .min(1)
  .max(LIMITS.batchItems)
  .meta({
    id: 'AnswerBatch',
    description: `1 to ${LIMITS.batchItems} answers (the widget’s outbox), each checked on its own: the valid ones are stored and the others listed in \`rejected\` of the 202, so an invalid item does not refuse the batch. At most ${LIMITS.batchBytes / 1024} KB as JSON.`,
  });

export const RejectionSchema = z
  .object({
    index: z.int().meta({ description: 'The refused answer’s position in the batch.', examples: [2] }),
    error: z
      .object({
        code: z.string().meta({ examples: ['validation_failed'] }),
        message: z.string().meta({ examples: ['nps: Too big: expected number to be <=10'] }),
      })
      .meta({ description: 'Why it was refused.' }),
  })
  .meta({ id: 'Rejection', description: 'An answer of a batch that was not stored.' });

export const IngestResultSchema = z
  .object({
    accepted: z.int().meta({ description: 'How many answers were stored (or updated).', examples: [1] }),
    rejected: z.array(RejectionSchema).optional().meta({ description: 'For a batch: the answers not stored, by index.', examples: [[]] }),
  })
  .meta({ id: 'IngestResult', description: 'What was stored.' });
export type IngestResult = z.infer<typeof IngestResultSchema>;

/** 400 to a batch with no valid answer: the envelope, and why each was refused. */
export const BatchRefusedSchema = z
  .object({
    error: z.object({ code: z.string().meta({ examples: ['validation_failed'] }), message: z.string().meta({ examples: ['no valid answer in the batch'] }) }),
    rejected: z.array(RejectionSchema).optional(),
  })
  .meta({ id: 'BatchRefused', description: 'The error envelope; for a batch, why each answer was refused.' });

// ---------- reading ----------

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).meta({
  description: 'A day (YYYY-MM-DD, the whole day in the site’s time zone) or an ISO 8601 instant.',
  examples: ['2026-11-01'],
});

export const ResponseFilterSchema = z.strictObject({
  survey: IdSchema.optional().meta({ description: 'Only this survey’s responses.', examples: ['sv_q3Zr8nL2xTbA'] }),
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional().meta({ description: 'Inclusive end: a day, or an instant.', examples: ['2026-11-30'] }),
  category: z.enum(NPS_CATEGORIES).optional().meta({ description: 'Only answers whose NPS falls in this category.', examples: ['detractor'] }),
  hasComment: z.enum(['true', 'false']).optional().meta({ description: 'Only answers with (or without) a comment.', examples: ['true'] }),
  followUp: z.enum(FOLLOW_UP_STATES).optional().meta({ description: 'Only responses whose follow-up is in this state.', examples: ['open'] }),
  assignee: z.string().max(120).optional().meta({ description: 'Only responses assigned to this person or team (exact).', examples: ['Camille (support)'] }),
  q: z.string().min(1).max(200).optional().meta({ description: 'Only comments containing this text (case-insensitive for unaccented letters).', examples: ['refund'] }),
});

export const ResponseListQuerySchema = ResponseFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(LIMITS.listLimit).default(50).meta({ description: `Page size, 1–${LIMITS.listLimit}.`, examples: [50] }),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.', examples: ['MTc2NDQyNDk4NzEyMy40Mg'] }),
});
export type ResponseListQuery = z.infer<typeof ResponseListQuerySchema>;

export const StoredResponseSchema = z
  .object({
    id: z.string().meta({ description: 'The response id the client made.', examples: ['0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20'] }),
    survey: z.string().meta({ description: 'The survey answered.', examples: ['sv_q3Zr8nL2xTbA'] }),
    nps: z.int().nullable().meta({ description: '0–10, or null.', examples: [9] }),
    csat: z.int().nullable().meta({ description: '1–5, or null.', examples: [null] }),
    comment: z.string().nullable().meta({ description: 'The comment, or null. Plain text: render it as text, never as HTML.', examples: ['Fast delivery'] }),
    consent: z.boolean().nullable().meta({ description: 'Consent to be quoted; null when not asked.', examples: [true] }),
    locale: z.string().nullable().meta({ description: 'Language shown.', examples: ['en'] }),
    page: z.string().nullable().meta({ description: 'Page URL.', examples: ['https://shop.example/checkout/done'] }),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({ description: 'Attributes sent with the answer.', examples: [{ plan: 'pro' }] }),
    answers: FollowUpAnswersSchema.meta({ description: 'Answers to follow-up questions, by question id.' }),
    customer: z
      .object({ id: z.string().optional().meta({ examples: ['cus_8812'] }), email: z.string().optional().meta({ examples: ['ada@example.com'] }) })
      .nullable()
      .meta({ description: 'The customer, when identified.' }),
    followUp: FollowUpSummarySchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Response', description: 'A stored answer.' });
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

export const ResponseListSchema = z
  .object({
    items: z.array(StoredResponseSchema).meta({ description: 'Newest first.' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.', examples: [null] }),
  })
  .meta({ id: 'ResponseList', description: 'A page of responses.' });

export const ResponseParamsSchema = z.object({
  siteId: z.string().max(64).meta({ description: 'The site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
  responseId: z.string().max(64).meta({ description: 'The response id.', examples: ['0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20'] }),
});

export const CustomerParamsSchema = z.object({
  siteId: z.string().max(64).meta({ description: 'The site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
  customerId: CustomerIdSchema.meta({
    description: 'The customer id as sent with the answers (percent-encoded in the path; trimmed like theirs).',
    examples: ['cus_8812'],
  }),
});

export const DeletedSchema = z
  .object({ deleted: z.int().meta({ description: 'How many responses were erased.', examples: [3] }) })
  .meta({ id: 'Deleted', description: 'What the erasure removed.' });
