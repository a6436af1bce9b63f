// Questions beyond the score ("How did you find us?"), what a visitor answers to them, and a next
// step for promoters. A question's and an option's id never change once answers exist: removing
// one from a survey retires it (kept, no longer shown, its answers still readable).
import { z } from 'zod';
import { LocaleSchema, normalizeText } from './common';

export const FOLLOW_UP_TYPES = ['single', 'multiple', 'text', 'rating'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];
export const MAX_FOLLOW_UPS = 10;
export const MAX_OPTIONS = 12;
export const FOLLOW_UP_TEXT_CHARS = 500;

const KeySchema = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1–40 of a–z 0–9 _ -');

/** A text in several languages; the widget picks the visitor's, else the first. */
export const LocalizedTextSchema = z
  .record(LocaleSchema, z.string().max(300).overwrite(normalizeText).min(1))
  .refine((v) => Object.keys(v).length >= 1 && Object.keys(v).length <= 30, { message: 'one to 30 languages' })
  .meta({ id: 'LocalizedText', description: 'The same text per language tag; the widget shows the visitor’s language, else the first.', examples: [{ en: 'How did you find us?', fr: 'Comment nous avez-vous connus ?' }], minProperties: 1, maxProperties: 30 });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const FollowUpOptionSchema = z
  .strictObject({
    id: KeySchema.meta({ description: 'Stable id of the option: answers name it.', examples: ['search'] }),
    label: LocalizedTextSchema,
    retired: z.boolean().default(false).meta({ description: 'No longer offered; its answers stay readable.', examples: [false] }),
  })
  .meta({ id: 'FollowUpOption', description: 'A choice.' });

export const NPS_GROUPS = ['detractor', 'passive', 'promoter'] as const;

export const ShownToSchema = z
  .strictObject({
    npsGroups: z.array(z.enum(NPS_GROUPS)).min(1).max(3).optional().meta({ description: 'Only after an NPS answer in these groups.', examples: [['detractor', 'passive']] }),
    csat: z
      .strictObject({ min: z.int().min(1).max(5), max: z.int().min(1).max(5) })
      .refine((r) => r.min <= r.max, { message: 'min must not exceed max' })
      .optional()
      .meta({ description: 'Only after a CSAT answer in this range.', examples: [{ min: 1, max: 3 }] }),
  })
  .meta({ id: 'ShownTo', description: 'Who sees the question; everyone when left out.' });

export const FollowUpQuestionSchema = z
  .strictObject({
    id: KeySchema.meta({ description: 'Stable id: answers are stored under it, so it never changes once answers exist.', examples: ['found_us'] }),
    type: z.enum(FOLLOW_UP_TYPES).meta({ description: '`single` or `multiple` choice, short `text`, or a `rating` on 1–5 or 1–7.', examples: ['single'] }),
    prompt: LocalizedTextSchema,
    options: z.array(FollowUpOptionSchema).max(MAX_OPTIONS).optional().meta({ description: 'For `single` and `multiple`: 2 to 12 choices.' }),
    other: z.boolean().optional().meta({ description: 'For `single` and `multiple`: offer “Other” with a text box, always last.', examples: [true] }),
    shuffle: z.boolean().optional().meta({ description: 'Show the choices in an order of the visitor’s own (against order bias); “Other” stays last.', examples: [true] }),
    scale: z.union([z.literal(5), z.literal(7)]).optional().meta({ description: 'For `rating`: 1–5 or 1–7.', examples: [7] }),
    low: LocalizedTextSchema.optional().meta({ description: 'For `rating`: the label under 1.' }),
    high: LocalizedTextSchema.optional().meta({ description: 'For `rating`: the label under the top.' }),
    shownTo: ShownToSchema.optional(),
    required: z.boolean().optional().meta({ description: 'The visitor must answer before going on.', examples: [false] }),
    retired: z.boolean().default(false).meta({ description: 'No longer asked; its answers stay readable.', examples: [false] }),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === 'single' || q.type === 'multiple';
    const live = (q.options ?? []).filter((o) => !o.retired);
    if (choice && live.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least 2 options' });
    if (!choice && (q.options || q.other || q.shuffle)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    if (q.type === 'rating' && !q.scale) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'a rating question needs a scale of 5 or 7' });
    if (q.type !== 'rating' && (q.scale || q.low || q.high)) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'only rating questions have a scale' });
    const ids = (q.options ?? []).map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must not repeat' });
  })
  .meta({ id: 'FollowUpQuestion', description: 'A question asked after the score.' });
export type FollowUpQuestion = z.infer<typeof FollowUpQuestionSchema>;

export const FollowUpsSchema = z
  .array(FollowUpQuestionSchema)
  .refine((qs) => qs.filter((q) => !q.retired).length <= MAX_FOLLOW_UPS, { message: `at most ${MAX_FOLLOW_UPS} questions asked` })
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: 'question ids must not repeat' })
  .meta({ description: `Up to ${MAX_FOLLOW_UPS} questions asked after the score, in order (retired ones kept at the end).` });

export const CtaSchema = z
  .strictObject({
    kind: z.enum(['review', 'referral']).meta({ description: '`review`: a link to leave a public review; `referral`: a referral link, with the response id appended as `ref`.', examples: ['review'] }),
    url: z
      .string()
      .max(2048)
      .regex(/^https?:\/\//i, 'must be an http(s) URL')
      .meta({ description: 'Where the button goes.', examples: ['https://g.page/r/atelier-lumen/review'] }),
    label: LocalizedTextSchema.meta({ description: 'The button’s text.', examples: [{ en: 'Leave us a review', fr: 'Laissez-nous un avis' }] }),
    message: LocalizedTextSchema.optional().meta({ description: 'A line above the button.', examples: [{ en: 'Glad you like us! Would you tell others?' }] }),
  })
  .meta({ id: 'Cta', description: 'A next step shown to promoters after their answer; shown and clicked are counted.' });
export type Cta = z.infer<typeof CtaSchema>;

// ---------- answers ----------

// Normalised like comments (NFC, control characters stripped, trimmed).
// overwrite(), not transform(): responses are encoded with these schemas too, and an overwrite
// runs both ways.
const FollowUpTextSchema = z.string().max(FOLLOW_UP_TEXT_CHARS).overwrite(normalizeText).min(1);

/** One answer to a follow-up question; its shape follows the question's type. */
export const FollowUpAnswerSchema = z
  .union([
    z.strictObject({ choice: KeySchema.meta({ description: 'For `single`: the option chosen.' }) }),
    z.strictObject({ choices: z.array(KeySchema).min(1).max(MAX_OPTIONS).meta({ description: 'For `multiple`: the options chosen.' }), other: FollowUpTextSchema.optional() }),
    z.strictObject({ other: FollowUpTextSchema.meta({ description: 'For a choice question: the “Other” text.' }) }),
    z.strictObject({ text: FollowUpTextSchema.meta({ description: 'For `text`.' }) }),
    z.strictObject({ rating: z.int().min(1).max(7).meta({ description: 'For `rating`.' }) }),
  ], { error: 'an answer is {choice}, {choices, other?}, {other}, {text} or {rating} (a whole number from 1 to the scale)' })
  .meta({ id: 'FollowUpAnswer', description: '`{choice}`, `{choices, other?}`, `{other}`, `{text}` or `{rating}`, as the question’s type asks.' });
export type FollowUpAnswer = z.infer<typeof FollowUpAnswerSchema>;

export const FollowUpAnswersSchema = z
  .record(KeySchema, FollowUpAnswerSchema)
  .refine((v) => Object.keys(v).length <= MAX_FOLLOW_UPS * 2, { message: 'too many answers' })
  .meta({ id: 'FollowUpAnswers', description: 'Answers to the survey’s follow-up questions, by question id; merged into what the response holds, question by question.', examples: [{ found_us: { choice: 'search' } }], maxProperties: MAX_FOLLOW_UPS * 2 });
export type FollowUpAnswers = z.infer<typeof FollowUpAnswersSchema>;

/**
 * Why an answer does not fit its question, or null: checked against the survey at the time of the
 * answer. A retired question or option is still known: a visitor whose page loaded the survey
 * before the edit keeps their answer, which stays meaningful under its id.
 */
export function followUpProblem(question: FollowUpQuestion | undefined, answer: FollowUpAnswer): string | null {
  if (!question) return 'no such question in this survey';
  const known = new Set((question.options ?? []).map((o) => o.id));
  switch (question.type) {
    case 'single':
      if ('choice' in answer) return known.has(answer.choice) ? null : `no such option: ${answer.choice}`;
      if ('other' in answer && !('choices' in answer)) return question.other ? null : 'this question has no “Other”';
      return 'a single-choice question takes {choice} or {other}';
    case 'multiple':
      if (!('choices' in answer)) return 'other' in answer && question.other ? null : 'a multiple-choice question takes {choices, other?}';
      if (new Set(answer.choices).size !== answer.choices.length) return 'choices must not repeat';
      for (const c of answer.choices) if (!known.has(c)) return `no such option: ${c}`;
      if (answer.other !== undefined && !question.other) return 'this question has no “Other”';
      return null;
    case 'text':
      return 'text' in answer ? null : 'a text question takes {text}';
    case 'rating':
      if (!('rating' in answer)) return 'a rating question takes {rating}';
      return answer.rating <= (question.scale ?? 5) ? null : `the rating is out of ${question.scale ?? 5}`;
  }
}

/**
 * A survey's questions after an edit: a question or option the edit leaves out but the survey had
 * is kept, retired, so that answers given to it stay meaningful. Ids never change meaning: a
 * question kept under its id keeps its type.
 */
export function retireRemoved(previous: readonly FollowUpQuestion[], next: readonly FollowUpQuestion[]): { questions: FollowUpQuestion[]; problem: string | null } {
  const before = new Map(previous.map((q) => [q.id, q]));
  for (const q of next) {
    const old = before.get(q.id);
    if (old && old.type !== q.type) return { questions: [...previous], problem: `question ${q.id} was a ${old.type} question: give a new question a new id` };
  }
  const merged = next.map((q) => {
    const old = before.get(q.id);
    if (!old?.options) return q;
    const kept = new Set((q.options ?? []).map((o) => o.id));
    return { ...q, options: [...(q.options ?? []), ...old.options.filter((o) => !kept.has(o.id)).map((o) => ({ ...o, retired: true }))] };
  });
  const named = new Set(next.map((q) => q.id));
  return { questions: [...merged, ...previous.filter((q) => !named.has(q.id)).map((q) => ({ ...q, retired: true }))], problem: null };
}

/** The questions still asked, with the options still offered: what a visitor's widget needs. */
export function liveFollowUps(questions: readonly FollowUpQuestion[]): FollowUpQuestion[] {
  return questions.filter((q) => !q.retired).map((q) => (q.options ? { ...q, options: q.options.filter((o) => !o.retired) } : q));
}
