// A survey's results question by question: who chose what, and how those who chose it score.
import { z } from 'zod';
import { IdSchema } from './common';
import { FOLLOW_UP_TYPES, LocalizedTextSchema } from './follow-ups';
import { CsatSummarySchema, IntervalSchema, NpsSummarySchema, SegmentFilterSchema } from './metrics';

export const ResultsQuerySchema = z.strictObject({
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD) in the site’s time zone, inclusive.', examples: ['2026-10-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-11-30'] }),
  segment: SegmentFilterSchema.optional().meta({ description: 'Only the answers whose attribute has this value: `plan:pro`.', examples: ['plan:pro'] }),
});

const ShareFields = {
  count: z.int().meta({ description: 'Answers that chose it.', examples: [48] }),
  share: z.number().nullable().meta({ description: 'Percent of the question’s answers, one decimal; null without answers. A multiple choice’s shares add up to more than 100.', examples: [31.4] }),
  interval: IntervalSchema.nullable().meta({ description: '95% Wilson interval of `share`.' }),
};

export const OptionResultSchema = z
  .object({
    id: z.string().meta({ examples: ['friend'] }),
    label: LocalizedTextSchema,
    retired: z.boolean().meta({ description: 'No longer offered; counted from older answers.', examples: [false] }),
    ...ShareFields,
    nps: NpsSummarySchema.meta({ description: 'The NPS of the answers that chose it: which choices go with happy or unhappy customers.' }),
    csat: CsatSummarySchema.meta({ description: 'The CSAT of the answers that chose it.' }),
  })
  .meta({ id: 'OptionResult', description: 'One choice of a question.' });

export const QuestionResultSchema = z
  .object({
    id: z.string().meta({ examples: ['found_us'] }),
    type: z.enum(FOLLOW_UP_TYPES).meta({ examples: ['single'] }),
    prompt: LocalizedTextSchema,
    retired: z.boolean().meta({ description: 'No longer asked; counted from older answers.', examples: [false] }),
    answered: z.int().meta({ description: 'Responses that answered it.', examples: [153] }),
    options: z.array(OptionResultSchema).meta({ description: 'For choice questions, in the survey’s order (retired ones last); empty otherwise.' }),
    other: z
      .object({ ...ShareFields, count: z.int().meta({ description: 'Answers with an “Other” text (read them in the responses list).', examples: [6] }) })
      .nullable()
      .meta({ description: 'For choice questions that offer “Other”, or got one; null otherwise.' }),
    rating: z
      .object({
        scale: z.int().meta({ examples: [7] }),
        mean: z.number().nullable().meta({ description: 'Average rating, two decimals.', examples: [5.42] }),
        interval: IntervalSchema.nullable().meta({ description: '95% t interval of the mean (null under two answers).' }),
        distribution: z.array(z.int()).meta({ description: 'Counts of 1…scale.', examples: [[1, 2, 4, 10, 20, 30, 12]] }),
      })
      .nullable()
      .meta({ description: 'For rating questions; null otherwise.' }),
    texts: z.int().nullable().meta({ description: 'For text questions, how many answers (read them in the responses list, `answers`); null otherwise.', examples: [null] }),
  })
  .meta({ id: 'QuestionResult', description: 'The results of one follow-up question.' });

export const CtaResultSchema = z
  .object({
    kind: z.enum(['review', 'referral']).meta({ examples: ['review'] }),
    url: z.string().meta({ examples: ['https://g.page/r/atelier-lumen/review'] }),
    shown: z.int().meta({ description: 'Promoters shown the next step.', examples: [210] }),
    clicked: z.int().meta({ description: 'Clicks on it.', examples: [37] }),
    clickRate: z.number().nullable().meta({ description: 'Clicks per promoter shown, percent, one decimal.', examples: [17.6] }),
    interval: IntervalSchema.nullable().meta({ description: '95% Wilson interval of `clickRate`.' }),
  })
  .meta({ id: 'CtaResult', description: 'The promoters’ next step: shown and clicked over the range (not segmented).' });

export const SurveyResultsSchema = z
  .object({
    survey: IdSchema.meta({ examples: ['sv_q3Zr8nL2xTbA'] }),
    from: z.string().nullable().meta({ examples: ['2026-10-01'] }),
    to: z.string().nullable().meta({ examples: [null] }),
    segment: z.string().nullable().meta({ description: 'The `attribute:value` asked, or null.', examples: [null] }),
    questions: z.array(QuestionResultSchema).meta({ description: 'The follow-up questions in the survey’s order, retired ones included.' }),
    cta: CtaResultSchema.nullable().meta({ description: 'The next step, when the survey has one or had clicks in the range.' }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'How each figure is computed, in words.' }),
  })
  .meta({ id: 'SurveyResults', description: 'A survey’s follow-up questions, answer by answer.' });
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
export type QuestionResult = z.infer<typeof QuestionResultSchema>;
