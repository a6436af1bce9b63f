import { z } from 'zod';
import { HexColorSchema, LocaleSchema, NameSchema, TimestampSchema } from './common';
import { CtaSchema, FollowUpQuestionSchema, FollowUpsSchema } from './follow-ups';

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
  'next',
  'other',
  'otherPlease',
  'newTab',
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

/** What each text is for, for the documentation and the dashboard's survey editor. */
export const TEXT_KEY_DESCRIPTIONS: Record<TextKey, string> = {
  npsQuestion: 'The 0–10 question; `{product}` stands for the survey’s productName (or the site’s name).',
  npsLow: 'Label under 0.',
  npsHigh: 'Label under 10.',
  csatQuestion: 'The 1–5 question; `{product}` as above.',
  csatLow: 'Label under 1.',
  csatHigh: 'Label under 5.',
  commentDetractor: '“Why?” after a score of 0–6.',
  commentPassive: '“Why?” after 7–8.',
  commentPromoter: '“Why?” after 9–10.',
  commentCsatLow: '“Why?” after a CSAT of 1–3.',
  commentCsatHigh: '“Why?” after a CSAT of 4–5.',
  commentOnly: 'The prompt of a survey that asks only for a comment.',
  commentPlaceholder: 'Placeholder of the comment box.',
  consent: 'Label of the “you may quote me” checkbox.',
  submit: 'The send button.',
  skip: 'The button that skips the comment.',
  thanks: 'The closing message.',
  close: 'Accessible label of the close button.',
  next: 'The button that goes on from a follow-up question.',
  other: 'The “Other” choice of a follow-up question.',
  otherPlease: 'The label of the “Other” text box.',
  newTab: 'Read after the promoters’ link: that it opens in a new tab.',
};

const QuestionsSchema = z
  .array(z.enum(QUESTION_TYPES))
  .min(1)
  .max(3)
  .refine((q) => new Set(q).size === q.length, { message: 'questions must not repeat' })
  .meta({
    description: 'The questions in order, each at most once: `nps` (0–10), `csat` (1–5), `comment` (the “why?” that follows the score).',
    examples: [['nps', 'comment']],
    uniqueItems: true,
  });

const TextOverridesSchema = z
  .strictObject(Object.fromEntries(TEXT_KEYS.map((k) => [k, z.string().trim().min(1).max(300).optional().meta({ description: `${TEXT_KEY_DESCRIPTIONS[k]} Trimmed; not blank.`, pattern: '\\S' })])) as {
    [K in TextKey]: z.ZodOptional<z.ZodString>;
  })
  .meta({ id: 'SurveyTextOverrides', description: 'Texts of one language that replace the built-in ones; each at most 300 characters.' });

export const SurveyTextsSchema = z
  .record(LocaleSchema, TextOverridesSchema)
  .refine((v) => Object.keys(v).length <= 30, { message: 'at most 30 locales' })
  .meta({
    id: 'SurveyTexts',
    description: `Per language tag (up to 30), the texts to replace. Built in: en, fr, es, de. Keys: ${TEXT_KEYS.join(', ')}.`,
    examples: [{ fr: { npsQuestion: 'Recommanderiez-vous {product} à un ami ?', thanks: 'Merci !' } }],
    maxProperties: 30,
  });
export type SurveyTexts = z.infer<typeof SurveyTextsSchema>;

const GlobSchema = z.string().min(1).max(500);

const DISPLAY_FIELDS = {
  trigger: z.enum(TRIGGERS).meta({
    description: 'When the survey opens: `load` (after delaySeconds), `scroll` (past scrollPercent), `exit` (exit intent), `manual` (only `plaudit("show", id)`).',
    examples: ['scroll'],
  }),
  delaySeconds: z.int().min(0).max(3600).meta({ description: 'Seconds after load, for the `load` trigger.', examples: [3] }),
  scrollPercent: z.int().min(0).max(100).meta({ description: 'Share of the page scrolled, for the `scroll` trigger.', examples: [60] }),
  urlPattern: GlobSchema.nullable().meta({
    description: 'Glob matched against the page path and query: `*` matches anything but `/`, `**` anything. Null: every page.',
    examples: ['/checkout/**'],
  }),
  excludeUrlPatterns: z.array(GlobSchema).max(20).meta({ description: 'Globs of pages where the survey never shows.', examples: [['/account/**']] }),
  position: z.enum(POSITIONS).meta({ description: 'Where the card shows: a corner, centred, or `inline` in a `data-plaudit-survey` placeholder.', examples: ['bottom-right'] }),
  samplePercent: z.number().min(0).max(100).meta({ description: 'Share of visitors asked, sticky per visitor.', examples: [25] }),
  resurveyDays: z.int().min(0).max(3650).meta({ description: 'Days before a visitor who answered or dismissed is asked again.', examples: [90] }),
};

export const DisplaySchema = z
  .strictObject({
    trigger: DISPLAY_FIELDS.trigger.default('load'),
    delaySeconds: DISPLAY_FIELDS.delaySeconds.default(3),
    scrollPercent: DISPLAY_FIELDS.scrollPercent.default(50),
    urlPattern: DISPLAY_FIELDS.urlPattern.default(null),
    excludeUrlPatterns: DISPLAY_FIELDS.excludeUrlPatterns.default([]),
    position: DISPLAY_FIELDS.position.default('bottom-right'),
    samplePercent: DISPLAY_FIELDS.samplePercent.default(100),
    resurveyDays: DISPLAY_FIELDS.resurveyDays.default(90),
  })
  .meta({ id: 'Display', description: 'When, where and to whom the survey shows. Fields left out take their defaults.' });
/** A PATCH changes only the display fields it names: no defaults here. */
export const DisplayPatchSchema = z
  .strictObject(DISPLAY_FIELDS)
  .partial()
  .meta({ id: 'DisplayPatch', description: 'The display fields to change; the others are kept.' });
export type Display = z.infer<typeof DisplaySchema>;
export const DEFAULT_DISPLAY: Display = DisplaySchema.parse({});

export const ThemeSchema = z
  .strictObject({
    brandColor: HexColorSchema.optional().meta({ description: 'The survey’s main colour; readable text colours are derived from it.', examples: ['#0f766e'] }),
  })
  .meta({ id: 'Theme', description: 'The survey’s colours.' });

const ProductNameSchema = z.string().trim().min(1).max(120).meta({ description: 'What the questions ask about (“How likely are you to recommend {product}?”); the site’s name when null.', examples: ['Demo Shop'] });
const SurveyLocaleSchema = LocaleSchema.meta({ description: 'The survey’s language when the page does not choose one.', examples: ['fr'] });

export const SurveyCreateSchema = z
  .strictObject({
    name: NameSchema.meta({ description: 'A name for the owner’s eyes only.', examples: ['Post-purchase CSAT'] }),
    questions: QuestionsSchema,
    productName: ProductNameSchema.optional(),
    locale: SurveyLocaleSchema.optional(),
    display: DisplaySchema.default(DEFAULT_DISPLAY),
    texts: SurveyTextsSchema.default({}),
    theme: ThemeSchema.default({}),
    status: z.enum(['active', 'paused']).default('active').meta({ description: 'Whether it shows now.', examples: ['active'] }),
    followUps: FollowUpsSchema.default([]),
    cta: CtaSchema.nullable().default(null).meta({ description: 'A next step shown to promoters after their answer, or null.' }),
  })
  .meta({ id: 'SurveyCreate', description: 'A new survey.' });
export type SurveyCreate = z.infer<typeof SurveyCreateSchema>;

export const SurveyPatchSchema = z
  .strictObject({
    name: NameSchema.optional().meta({ description: 'A name for the owner’s eyes only.', examples: ['Post-purchase CSAT'] }),
    questions: QuestionsSchema.optional(),
    productName: ProductNameSchema.nullable().optional(),
    locale: SurveyLocaleSchema.nullable().optional(),
    display: DisplayPatchSchema.optional(),
    texts: SurveyTextsSchema.optional(),
    theme: ThemeSchema.optional(),
    status: z.enum(SURVEY_STATUSES).optional().meta({ description: '`paused` or `archived` stop it showing; answers are kept.', examples: ['paused'] }),
    followUps: FollowUpsSchema.optional().meta({
      description: 'The follow-up questions, in order. A question or option left out that the survey had is kept, retired, so its answers stay readable; an id keeps its type.',
    }),
    cta: CtaSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'SurveyPatch', description: 'The fields to change; the others are kept, and `display` fields not named too. At least one field.', minProperties: 1 });
export type SurveyPatch = z.infer<typeof SurveyPatchSchema>;

export const SurveySchema = z
  .object({
    id: z.string().meta({ description: 'The survey’s id.', examples: ['sv_q3Zr8nL2xTbA'] }),
    siteId: z.string().meta({ description: 'Its site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
    name: z.string().meta({ description: 'The owner’s name for it.', examples: ['Post-purchase CSAT'] }),
    questions: z.array(z.enum(QUESTION_TYPES)).meta({ description: 'Its questions, in order.', examples: [['csat', 'comment']] }),
    productName: z.string().nullable().meta({ description: 'What the questions ask about; null for the site’s name.', examples: ['Demo Shop'] }),
    locale: z.string().nullable().meta({ description: 'Its default language; null to follow the page.', examples: [null] }),
    display: DisplaySchema,
    texts: z.record(z.string(), z.record(z.string(), z.string())).meta({ description: 'Text overrides per language.', examples: [{ fr: { thanks: 'Merci !' } }] }),
    theme: ThemeSchema,
    status: z.enum(SURVEY_STATUSES).meta({ description: 'Whether it shows (`active`) or not.', examples: ['active'] }),
    followUps: z.array(FollowUpQuestionSchema).meta({ description: 'Questions asked after the score, retired ones included.' }),
    cta: CtaSchema.nullable().meta({ description: 'The next step shown to promoters, or null.' }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Survey', description: 'A survey of a site.' });
export type Survey = z.infer<typeof SurveySchema>;

export const SurveyListSchema = z.object({ items: z.array(SurveySchema).meta({ description: 'Every survey of the site, archived ones included, oldest first.' }) }).meta({ id: 'SurveyList', description: 'The site’s surveys.' });

export const SurveyParamsSchema = z.object({
  siteId: z.string().max(64).meta({ description: 'The site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
  surveyId: z.string().max(64).meta({ description: 'The survey’s id.', examples: ['sv_q3Zr8nL2xTbA'] }),
});
