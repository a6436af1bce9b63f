import { z } from 'zod';
import { FollowUpMetricsSchema } from './outreach';
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

export const MarkerSchema = z
  .object({
    id: z.string().meta({ examples: ['mk_Xq3v9LrT2wZc'] }),
    date: z.string().meta({ description: 'The local day of the change (YYYY-MM-DD).', examples: ['2026-10-14'] }),
    label: z.string().meta({ examples: ['New checkout released'] }),
    survey: z.string().nullable().meta({ description: 'The survey it concerns, or null for the whole site.', examples: [null] }),
    createdAt: z.string().meta({ examples: ['2026-10-14T09:12:00.000Z'] }),
  })
  .meta({ id: 'Marker', description: 'A change to the site, on a day, to read the metrics against.' });

export const MarkerCreateSchema = z
  .strictObject({
    date: z.iso.date().meta({ description: 'The local day of the change (YYYY-MM-DD).', examples: ['2026-10-14'] }),
    label: z.string().trim().min(1).max(200).meta({ description: 'What changed.', examples: ['New checkout released'] }),
    survey: IdSchema.optional().meta({ description: 'The survey it concerns; the whole site when left out.', examples: ['sv_q3Zr8nL2xTbA'] }),
  })
  .meta({ id: 'MarkerCreate', description: 'A new change marker.' });

export const MarkerListSchema = z.object({ items: z.array(MarkerSchema) }).meta({ id: 'MarkerList', description: 'Change markers, in day order.' });

export const MarkerListQuerySchema = z.strictObject({
  from: z.iso.date().optional().meta({ description: 'First day, inclusive.', examples: ['2026-01-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-12-31'] }),
  survey: IdSchema.optional().meta({ description: 'Only the survey’s markers and the site-wide ones.', examples: ['sv_q3Zr8nL2xTbA'] }),
});

/** NPS and CSAT of a range, as `compare` puts them side by side. */
export const TotalsSchema = z
  .object({
    from: z.string().meta({ examples: ['2026-10-14'] }),
    to: z.string().meta({ examples: ['2026-11-12'] }),
    responses: z.int().meta({ examples: [240] }),
    nps: NpsSummarySchema,
    csat: CsatSummarySchema,
  })
  .meta({ id: 'Totals', description: 'The scores of one range.' });

export const ChangeTestSchema = z
  .object({
    difference: z.number().nullable().meta({ description: 'Current minus previous, in points; null when a side has no answer.', examples: [6.2] }),
    z: z.number().nullable().meta({ description: 'The test statistic; null when it cannot be computed.', examples: [2.31] }),
    pValue: z.number().nullable().meta({ description: 'Two-sided p-value.', examples: [0.0209] }),
    significant: z.boolean().meta({ description: 'p < 0.05.', examples: [true] }),
  })
  .meta({ id: 'ChangeTest', description: 'Whether the change is likely real (see `definitions`).' });

export const CompareSchema = z
  .object({
    current: TotalsSchema,
    previous: TotalsSchema,
    nps: ChangeTestSchema,
    csat: ChangeTestSchema,
    lowSample: z.boolean().meta({ description: 'Fewer than 30 answers on a side: the test has little power.', examples: [false] }),
    segment: z.string().nullable().meta({ description: 'The `attribute:value` both sides were restricted to, or null.', examples: ['plan:pro'] }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'The methods, in words.' }),
  })
  .meta({ id: 'Compare', description: 'Two ranges side by side, and whether NPS and CSAT moved for real.' });

/** `attribute:value`, e.g. `plan:pro`: only the answers whose attribute has that value. */
export const SegmentFilterSchema = z
  .string()
  .max(241)
  .regex(/^[A-Za-z0-9_.:-]{1,40}:.{1,200}$/, 'must be attribute:value');

/** The attribute and value of a segment filter (the attribute ends at the first colon). */
export function splitSegment(segment: string): { attribute: string; value: string } {
  const at = segment.indexOf(':');
  return { attribute: segment.slice(0, at), value: segment.slice(at + 1) };
}

export const CompareQuerySchema = z.strictObject({
  from: z.iso.date().meta({ description: 'First day of the current range.', examples: ['2026-10-14'] }),
  to: z.iso.date().meta({ description: 'Last day of the current range, inclusive.', examples: ['2026-11-12'] }),
  previousFrom: z.iso.date().optional().meta({ description: 'First day of the range to compare with; by default the same number of days just before.', examples: ['2026-09-14'] }),
  previousTo: z.iso.date().optional().meta({ description: 'Its last day, inclusive.', examples: ['2026-10-13'] }),
  survey: IdSchema.optional().meta({ description: 'Only this survey, on both sides.', examples: ['sv_q3Zr8nL2xTbA'] }),
  segment: SegmentFilterSchema.optional().meta({ description: 'Only the answers whose attribute has this value, on both sides: `plan:pro`.', examples: ['plan:pro'] }),
});

export const ImpactQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).default(30).meta({ description: 'Days before the marker’s day, against as many from it on.', examples: [30] }),
});

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
    followUp: FollowUpMetricsSchema,
    definitions: z.record(z.string(), z.string()).meta({ description: 'How each figure is computed, in words.', examples: [{ nps: 'Net Promoter Score: …' }] }),
    markers: z.array(MarkerSchema).meta({ description: 'The change markers whose day falls in the series (site-wide ones, and the survey’s when `survey` is given).' }),
    segment: z.string().optional().meta({ description: 'The attribute asked for with `segment`.', examples: ['plan'] }),
    segments: z
      .array(
        z
          .object({
            value: z.string().meta({ description: 'The attribute’s value, as JSON writes it; `(other)` past the first 100 values.', examples: ['pro'] }),
            responses: z.int().meta({ examples: [120] }),
            nps: NpsSummarySchema,
            csat: CsatSummarySchema,
            lowSample: z.boolean().meta({ description: 'Fewer than 30 answers over the range: its interval is wide.', examples: [false] }),
            series: z
              .array(
                z
                  .object({
                    start: z.string().meta({ examples: ['2026-11-01'] }),
                    responses: z.int().meta({ examples: [12] }),
                    nps: NpsSummarySchema,
                    csat: CsatSummarySchema,
                    lowSample: z.boolean().meta({ examples: [true] }),
                  })
                  .meta({ id: 'SegmentBucket', description: 'One bucket of the segment’s series.' }),
              )
              .meta({ description: 'The value’s scores per bucket, on the same buckets as `series`, zero-filled.' }),
          })
          .meta({ id: 'Segment', description: 'The range’s scores for one value of the attribute.' }),
      )
      .optional()
      .meta({ description: 'Most answered first.' }),
  })
  .meta({ id: 'Metrics', description: 'NPS, CSAT and response rate over a range, with their series and segments.' });
export type Metrics = z.infer<typeof MetricsSchema>;
