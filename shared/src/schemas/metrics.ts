import { z } from 'zod';
import { IdSchema } from './common';
import { AttributeKeySchema } from './responses';

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const MetricsQuerySchema = z.strictObject({
  survey: IdSchema.optional().meta({ description: 'Only this survey’s answers.', examples: ['sv_q3Zr8nL2xTbA'] }),
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD) in the site’s time zone, inclusive.', examples: ['2026-01-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-11-30'] }),
  interval: z.enum(INTERVALS).default('month').meta({ description: 'Series buckets: days, ISO weeks (from Monday) or months. At most 1,000 buckets.', examples: ['week'] }),
  segment: AttributeKeySchema.optional().meta({ description: 'An attribute name: adds `segments`, the range’s scores per value of that attribute.', examples: ['plan'] }),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

export const IntervalSchema = z
  .object({
    low: z.number().meta({ description: 'Lower bound.', examples: [31.2] }),
    high: z.number().meta({ description: 'Upper bound.', examples: [52.9] }),
  })
  .meta({ id: 'Interval', description: 'A 95% interval (see `definitions`), clipped to the scale.' });

export const NpsSummarySchema = z
  .object({
    score: z.number().nullable().meta({ description: '% promoters − % detractors, −100 to 100, one decimal; null without answers.', examples: [42.5] }),
    promoters: z.int().meta({ description: 'Answers of 9–10.', examples: [120] }),
    passives: z.int().meta({ description: 'Answers of 7–8.', examples: [50] }),
    detractors: z.int().meta({ description: 'Answers of 0–6.', examples: [35] }),
    responses: z.int().meta({ description: 'Answers to the NPS question.', examples: [205] }),
    marginOfError: z.number().nullable().meta({ description: 'Plain-Wald 95% margin of error in points, kept for compatibility; null without answers. Read `interval`.', examples: [11.2] }),
    interval: IntervalSchema.nullable().meta({ description: '95% adjusted-Wald interval of the score, in points; null without answers.' }),
  })
  .meta({ id: 'NpsSummary', description: 'Net Promoter Score from counts.' });

export const CsatSummarySchema = z
  .object({
    score: z.number().nullable().meta({ description: '% of answers of 4 or 5, one decimal; null without answers.', examples: [86.4] }),
    mean: z.number().nullable().meta({ description: 'Average answer, two decimals.', examples: [4.21] }),
    responses: z.int().meta({ description: 'Answers to the CSAT question.', examples: [110] }),
    distribution: z.array(z.int()).meta({ description: 'Counts of 1, 2, 3, 4 and 5.', examples: [[2, 3, 10, 40, 55]] }),
    interval: IntervalSchema.nullable().meta({ description: '95% Wilson interval of `score`, in percent; null without answers.' }),
  })
  .meta({ id: 'CsatSummary', description: 'Customer satisfaction from counts.' });

export const MetricsSchema = z
  .object({
    timezone: z.string().meta({ description: 'The site’s time zone, in which days are counted.', examples: ['Europe/Paris'] }),
    from: z.string().nullable().meta({ description: 'The `from` asked, or null.', examples: ['2026-01-01'] }),
    to: z.string().nullable().meta({ description: 'The `to` asked, or null.', examples: [null] }),
    interval: z.enum(INTERVALS).meta({ examples: ['month'] }),
    responses: z.int().meta({ description: 'Answers in the range.', examples: [315] }),
    impressions: z.int().meta({ description: 'Times a survey was shown in the range.', examples: [2400] }),
    responseRate: z.number().nullable().meta({ description: 'Responses ÷ impressions × 100, one decimal; null without impressions.', examples: [13.1] }),
    botAnswers: z.int().meta({
      description: 'Answers dropped in the range because they came from a known bot, crawler or headless browser (not in any other figure; 0 with PLAUDIT_BOT_FILTER=off).',
      examples: [4],
    }),
    nps: NpsSummarySchema,
    csat: CsatSummarySchema,
    npsDistribution: z.array(z.int()).meta({ description: 'Counts of 0 to 10.', examples: [[3, 1, 2, 4, 5, 8, 12, 20, 30, 60, 60]] }),
    series: z
      .array(
        z
          .object({
            start: z.string().meta({ description: 'First day of the bucket.', examples: ['2026-11-01'] }),
            responses: z.int().meta({ examples: [40] }),
            impressions: z.int().meta({ examples: [310] }),
            nps: NpsSummarySchema,
            csat: CsatSummarySchema,
          })
          .meta({ id: 'SeriesBucket', description: 'One day, week or month.' }),
      )
      .meta({ description: 'Every bucket of the range, oldest first, zero-filled.' }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'How each figure is computed, in words.', examples: [{ nps: 'Net Promoter Score: …' }] }),
    segment: z.string().optional().meta({ description: 'The attribute asked for with `segment`.', examples: ['plan'] }),
    segments: z
      .array(
        z
          .object({
            value: z.string().meta({ description: 'The attribute’s value, as JSON writes it; `(other)` past the first 100 values.', examples: ['pro'] }),
            responses: z.int().meta({ examples: [120] }),
            nps: NpsSummarySchema,
            csat: CsatSummarySchema,
          })
          .meta({ id: 'Segment', description: 'The range’s scores for one value of the attribute.' }),
      )
      .optional()
      .meta({ description: 'Most answered first.' }),
  })
  .meta({ id: 'Metrics', description: 'NPS, CSAT and response rate over a range, with their series and segments.' });
export type Metrics = z.infer<typeof MetricsSchema>;
