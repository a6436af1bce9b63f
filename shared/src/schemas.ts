// Request and response bodies of the v1 API. The collector validates, serializes and documents
// with these; the widget imports their types only, so zod never reaches a visitor's browser.
import { z } from 'zod';

export const LIMITS = {
  commentChars: 2000,
  pageUrlChars: 2048,
  attributes: 20,
  attributeKeyChars: 40,
  attributeValueChars: 200,
  batchItems: 100,
  listLimit: 500,
  origins: 50,
  seriesBuckets: 1000,
} as const;

// ---------- errors ----------

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'not_found',
  'origin_not_allowed',
  'id_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'timeout',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---------- building blocks ----------

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

/** A browser origin: scheme, host and optional port, nothing else. Normalised to URL.origin. */
export const OriginSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${value} is not a URL origin` });
      return z.NEVER;
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
      ctx.addIssue({ code: 'custom', message: `${value} must be an origin like https://shop.example` });
      return z.NEVER;
    }
    return url.origin;
  });

const NameSchema = z.string().trim().min(1).max(120);
const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const LocaleSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as fr or en-GB');
const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #4f46e5');

/** Control characters other than tab and newline; stripped from free text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}

// ---------- sites ----------

export const SiteCreateSchema = z.strictObject({
  name: NameSchema,
  origins: z.array(OriginSchema).max(LIMITS.origins),
  timezone: TimeZoneSchema.optional(),
});
export type SiteCreate = z.infer<typeof SiteCreateSchema>;

export const SitePatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    origins: z.array(OriginSchema).max(LIMITS.origins).optional(),
    timezone: TimeZoneSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one of name, origins, timezone' });
export type SitePatch = z.infer<typeof SitePatchSchema>;

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  timezone: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

export const SiteCreatedSchema = SiteSchema.extend({ secretKey: z.string() });
export type SiteCreated = z.infer<typeof SiteCreatedSchema>;

// ---------- surveys ----------

export const QUESTION_TYPES = ['nps', 'csat', 'comment'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const TRIGGERS = ['load', 'scroll', 'exit', 'manual'] as const;
export const POSITIONS = ['bottom-right', 'bottom-left', 'center', 'inline'] as const;
export const SURVEY_STATUSES = ['active', 'paused', 'archived'] as const;

/** Every text a visitor can see; any of them can be overridden per survey and per locale. */
export const TEXT_KEYS = [
  'npsQuestion',
  'npsLow',
  'npsHigh',
  'csatQuestion',
  'csatLow',
  'csatHigh',
  'commentDetractor',
  'commentPassive',
  'commentPromoter',
  'commentCsatLow',
  'commentCsatHigh',
  'commentOnly',
  'commentPlaceholder',
  'consent',
  'submit',
  'skip',
  'thanks',
  'close',
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

const TextOverridesSchema = z.partialRecord(z.enum(TEXT_KEYS), z.string().trim().min(1).max(300));
export const SurveyTextsSchema = z
  .record(LocaleSchema, TextOverridesSchema)
  .refine((v) => Object.keys(v).length <= 30, { message: 'at most 30 locales' });
export type SurveyTexts = z.infer<typeof SurveyTextsSchema>;

const GlobSchema = z.string().min(1).max(500);

const DISPLAY_FIELDS = {
  trigger: z.enum(TRIGGERS),
  delaySeconds: z.int().min(0).max(3600),
  scrollPercent: z.int().min(0).max(100),
  /** Glob matched against the page path (and query); `*` matches anything but `/`, `**` anything. */
  urlPattern: GlobSchema.nullable(),
  excludeUrlPatterns: z.array(GlobSchema).max(20),
  position: z.enum(POSITIONS),
  samplePercent: z.number().min(0).max(100),
  resurveyDays: z.int().min(0).max(3650),
};

export const DisplaySchema = z.strictObject({
  trigger: DISPLAY_FIELDS.trigger.default('load'),
  delaySeconds: DISPLAY_FIELDS.delaySeconds.default(3),
  scrollPercent: DISPLAY_FIELDS.scrollPercent.default(50),
  urlPattern: DISPLAY_FIELDS.urlPattern.default(null),
  excludeUrlPatterns: DISPLAY_FIELDS.excludeUrlPatterns.default([]),
  position: DISPLAY_FIELDS.position.default('bottom-right'),
  samplePercent: DISPLAY_FIELDS.samplePercent.default(100),
  resurveyDays: DISPLAY_FIELDS.resurveyDays.default(90),
});
/** A PATCH changes only the display fields it names: no defaults here. */
export const DisplayPatchSchema = z.strictObject(DISPLAY_FIELDS).partial();
export type Display = z.infer<typeof DisplaySchema>;
export const DEFAULT_DISPLAY: Display = DisplaySchema.parse({});

export const ThemeSchema = z.strictObject({
  brandColor: HexColorSchema.optional(),
});

const QuestionsSchema = z
  .array(z.enum(QUESTION_TYPES))
  .min(1)
  .max(3)
  .refine((q) => new Set(q).size === q.length, { message: 'questions must not repeat' });

export const SurveyCreateSchema = z.strictObject({
  name: NameSchema,
  questions: QuestionsSchema,
  productName: z.string().trim().min(1).max(120).optional(),
  locale: LocaleSchema.optional(),
  display: DisplaySchema.default(DEFAULT_DISPLAY),
  texts: SurveyTextsSchema.default({}),
  theme: ThemeSchema.default({}),
  status: z.enum(['active', 'paused']).default('active'),
});
export type SurveyCreate = z.infer<typeof SurveyCreateSchema>;

export const SurveyPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    questions: QuestionsSchema.optional(),
    productName: z.string().trim().min(1).max(120).nullable().optional(),
    locale: LocaleSchema.nullable().optional(),
    display: DisplayPatchSchema.optional(),
    texts: SurveyTextsSchema.optional(),
    theme: ThemeSchema.optional(),
    status: z.enum(SURVEY_STATUSES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type SurveyPatch = z.infer<typeof SurveyPatchSchema>;

export const SurveySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  questions: z.array(z.enum(QUESTION_TYPES)),
  productName: z.string().nullable(),
  locale: z.string().nullable(),
  display: DisplaySchema,
  texts: z.record(z.string(), z.record(z.string(), z.string())),
  theme: ThemeSchema,
  status: z.enum(SURVEY_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof SurveySchema>;

export const SurveyListSchema = z.object({ items: z.array(SurveySchema) });

// ---------- widget config ----------

export const PublicSurveySchema = SurveySchema.pick({
  id: true,
  name: true,
  questions: true,
  productName: true,
  locale: true,
  display: true,
  texts: true,
}).extend({
  /** The brand colour and the colours derived from it (see theme.ts), ready to apply. */
  theme: ThemeSchema.extend({
    colors: z.object({ brand: z.string(), onBrand: z.string(), accent: z.string(), wash: z.string() }),
  }),
});
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;

export const WidgetConfigSchema = z.object({
  site: z.object({ name: z.string() }),
  surveys: z.array(PublicSurveySchema),
});
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

export const ConfigQuerySchema = z.strictObject({ key: z.string().min(1).max(100) });

// ---------- responses (ingest) ----------

const AttributeValueSchema = z.union([
  z.string().max(LIMITS.attributeValueChars),
  z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
  z.boolean(),
]);

export const AttributeKeySchema = z.string().min(1).max(LIMITS.attributeKeyChars).regex(/^[A-Za-z0-9_.:-]+$/);

export const AttributesSchema = z
  .record(AttributeKeySchema, AttributeValueSchema)
  .refine((v) => Object.keys(v).length <= LIMITS.attributes, {
    message: `at most ${LIMITS.attributes} attributes`,
  });
export type Attributes = z.infer<typeof AttributesSchema>;

export const CustomerSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(128).optional(),
    email: z.email().max(254).optional(),
  })
  .refine((c) => c.id !== undefined || c.email !== undefined, { message: 'customer needs an id or an email' });
export type Customer = z.infer<typeof CustomerSchema>;

const PageUrlSchema = z
  .string()
  .max(LIMITS.pageUrlChars)
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
  );

export const CommentSchema = z
  .string()
  .max(LIMITS.commentChars * 2)
  .transform(normalizeText)
  .pipe(z.string().max(LIMITS.commentChars));

export const ResponseInputSchema = z
  .strictObject({
    id: z.uuid(),
    key: z.string().min(1).max(100),
    survey: IdSchema,
    nps: z.int().min(0).max(10).optional(),
    csat: z.int().min(1).max(5).optional(),
    comment: CommentSchema.optional(),
    consent: z.boolean().optional(),
    locale: LocaleSchema.optional(),
    page: PageUrlSchema.optional(),
    visitor: IdSchema.optional(),
    customer: CustomerSchema.optional(),
    attributes: AttributesSchema.optional(),
  })
  .refine((r) => r.nps !== undefined || r.csat !== undefined || (r.comment !== undefined && r.comment !== ''), {
    message: 'send at least one answer: nps, csat or a non-empty comment',
  });
export type ResponseInput = z.infer<typeof ResponseInputSchema>;
/** What a client sends, before normalisation. */
export type ResponseInputBody = z.input<typeof ResponseInputSchema>;

export const IngestResultSchema = z.object({
  accepted: z.int(),
  rejected: z
    .array(z.object({ index: z.int(), error: z.object({ code: z.string(), message: z.string() }) }))
    .optional(),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;

// ---------- events ----------

export const EVENT_TYPES = ['shown', 'dismissed'] as const;
export const EventInputSchema = z.strictObject({
  key: z.string().min(1).max(100),
  survey: IdSchema,
  type: z.enum(EVENT_TYPES),
  visitor: IdSchema.optional(),
});
export type EventInput = z.infer<typeof EventInputSchema>;

// ---------- responses (read) ----------

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ResponseListQuerySchema = z.strictObject({
  survey: IdSchema.optional(),
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  category: z.enum(NPS_CATEGORIES).optional(),
  hasComment: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.listLimit).default(50),
  cursor: z.string().max(200).optional(),
});
export type ResponseListQuery = z.infer<typeof ResponseListQuerySchema>;

export const StoredResponseSchema = z.object({
  id: z.string(),
  survey: z.string(),
  nps: z.int().nullable(),
  csat: z.int().nullable(),
  comment: z.string().nullable(),
  consent: z.boolean().nullable(),
  locale: z.string().nullable(),
  page: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  customer: z.object({ id: z.string().optional(), email: z.string().optional() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

export const ResponseListSchema = z.object({
  items: z.array(StoredResponseSchema),
  nextCursor: z.string().nullable(),
});

// ---------- metrics ----------

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const MetricsQuerySchema = z.strictObject({
  survey: IdSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  interval: z.enum(INTERVALS).default('month'),
  /** An attribute key: adds `segments`, the range's scores per value of that attribute. */
  segment: AttributeKeySchema.optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

export const NpsSummarySchema = z.object({
  score: z.number().nullable(),
  promoters: z.int(),
  passives: z.int(),
  detractors: z.int(),
  responses: z.int(),
  marginOfError: z.number().nullable(),
});

export const CsatSummarySchema = z.object({
  score: z.number().nullable(),
  mean: z.number().nullable(),
  responses: z.int(),
  distribution: z.array(z.int()),
});

export const MetricsSchema = z.object({
  timezone: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  interval: z.enum(INTERVALS),
  responses: z.int(),
  impressions: z.int(),
  responseRate: z.number().nullable(),
  nps: NpsSummarySchema,
  csat: CsatSummarySchema,
  npsDistribution: z.array(z.int()),
  series: z.array(
    z.object({
      start: z.string(),
      responses: z.int(),
      impressions: z.int(),
      nps: NpsSummarySchema,
      csat: CsatSummarySchema,
    }),
  ),
  definitions: z.record(z.string(), z.string()),
  /** The attribute asked for with `segment`, and the range's scores per value of it, most answered first. */
  segment: z.string().optional(),
  segments: z
    .array(z.object({ value: z.string(), responses: z.int(), nps: NpsSummarySchema, csat: CsatSummarySchema }))
    .optional(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

const WriteHealthSchema = z.object({
  status: z.enum(['ok', 'failing', 'stalled']),
  since: z.string(),
  reason: z.string().optional(),
});
export const HealthSchema = z.object({ status: z.literal('ok'), writes: WriteHealthSchema });
/** /healthz while the database cannot take writes: the error envelope, and what is wrong. */
export const UnhealthySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  status: z.literal('unavailable'),
  writes: WriteHealthSchema,
});
