// GET /v1/sites/:siteId/metrics: NPS, CSAT and response rate from the per-day counters.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  LIMITS,
  LOW_SAMPLE,
  MetricsQuerySchema,
  MetricsSchema,
  SCORE_DEFINITIONS,
  SiteParamsSchema,
  csatFromDistribution,
  npsFromDistribution,
  responseRate,
  type Metrics,
} from '@plaudit/shared';
import type { BucketCounts } from '../../store/types';
import { notFound } from '../../lib/errors';
import { bucketRange, localDay } from '../../lib/local-time';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { markerJson } from '../markers';
import { FOLLOW_UP_DEFINITIONS, followUpMetrics } from '../../domain/follow-up-metrics';
import { badRequest } from '../responses/filter';

export function emptyBucket(start: string): BucketCounts {
  return { start, responses: 0, impressions: 0, botAnswers: 0, ctaShown: 0, ctaClicks: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) };
}

export function addInto(total: BucketCounts, b: BucketCounts): void {
  total.responses += b.responses;
  total.impressions += b.impressions;
  total.botAnswers += b.botAnswers;
  total.ctaShown += b.ctaShown;
  total.ctaClicks += b.ctaClicks;
  b.nps.forEach((n, i) => (total.nps[i]! += n));
  b.csat.forEach((n, i) => (total.csat[i]! += n));
}

export default async function metricsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/metrics',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getMetrics',
        tags: ['metrics'],
        summary: 'NPS, CSAT and response rate, with their series and segments',
        description:
          'Over `from`–`to` (days in the site’s time zone, both inclusive), with a zero-filled series by day, ISO week or month (at most 1,000 buckets). Without `from`/`to` the series runs from the first to the last bucket with data. `segment=<attribute>` adds the range’s scores per value of that attribute. `definitions` spells out every figure.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        querystring: MetricsQuerySchema,
        response: { 200: json('The figures.', MetricsSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request): Promise<Metrics> => {
      const q = request.query;
      const site = request.site;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      if (q.survey && !(await app.store.surveys.get(site.id, q.survey))) throw notFound('survey');
      const buckets = await app.store.metrics.buckets({ siteId: site.id, surveyId: q.survey, fromDay: q.from, toDay: q.to, interval: q.interval });
      const first = q.from ?? buckets[0]?.start;
      const last = q.to ?? (q.from ? localDay(Date.now(), site.timezone) : buckets.at(-1)?.start);
      let starts: string[] = [];
      if (first && last && first <= last) {
        const range = bucketRange(first, last, q.interval, LIMITS.seriesBuckets);
        if (!range) throw badRequest(`the range holds more than ${LIMITS.seriesBuckets} ${q.interval}s; use a longer interval`);
        starts = range;
      }
      const range = { siteId: site.id, surveyId: q.survey, fromDay: q.from, toDay: q.to };
      const [segments, segmentBuckets, markers, contactDelays] = await Promise.all([
        q.segment ? app.store.metrics.segments({ ...range, attribute: q.segment }) : undefined,
        q.segment ? app.store.metrics.segmentBuckets({ ...range, attribute: q.segment, interval: q.interval }) : undefined,
        app.store.markers.list(site.id, { fromDay: q.from, toDay: q.to, surveyId: q.survey }),
        app.store.outreach.contactDelays(range),
      ]);
      // Each value's series on the same buckets as the site's, zero-filled.
      const seriesOf = (value: string) => {
        const own = new Map((segmentBuckets ?? []).filter((b) => b.value === value).map((b) => [b.start, b]));
        return starts.map((start) => {
          const b = own.get(start) ?? { responses: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) };
          return { start, responses: b.responses, nps: npsFromDistribution(b.nps), csat: csatFromDistribution(b.csat), lowSample: b.responses < LOW_SAMPLE };
        });
      };
      const byStart = new Map(buckets.map((b) => [b.start, b]));
      const total = emptyBucket('');
      for (const b of buckets) addInto(total, b);
      return {
        timezone: site.timezone,
        from: q.from ?? null,
        to: q.to ?? null,
        interval: q.interval,
        responses: total.responses,
        impressions: total.impressions,
        responseRate: responseRate(total.responses, total.impressions),
        botAnswers: total.botAnswers,
        nps: npsFromDistribution(total.nps),
        csat: csatFromDistribution(total.csat),
        npsDistribution: total.nps,
        series: starts.map((start) => {
          const b = byStart.get(start) ?? emptyBucket(start);
          return { start, responses: b.responses, impressions: b.impressions, nps: npsFromDistribution(b.nps), csat: csatFromDistribution(b.csat) };
        }),
        followUp: followUpMetrics(total.nps.slice(0, 7).reduce((a, b) => a + b, 0), contactDelays),
        definitions: { ...SCORE_DEFINITIONS, ...FOLLOW_UP_DEFINITIONS },
        markers: markers.map(markerJson),
        ...(q.segment && {
          segment: q.segment,
          segments: segments?.map((g) => ({
            value: g.value,
            responses: g.responses,
            nps: npsFromDistribution(g.nps),
            csat: csatFromDistribution(g.csat),
            lowSample: g.responses < LOW_SAMPLE,
            series: seriesOf(g.value),
          })),
        }),
      };
    },
  );
}
