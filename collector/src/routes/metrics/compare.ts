// GET /v1/sites/:siteId/metrics/compare, and the counts of a range that it and a marker's impact
// read: whether a change in NPS or CSAT between two ranges is real or noise.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CompareQuerySchema, CompareSchema, SCORE_DEFINITIONS, STATISTICS_DEFINITIONS, SiteParamsSchema, splitSegment } from '@plaudit/shared';
import { compareCounts, emptyCounts, sumCounts, totalsOf, type Counts } from '../../domain/compare';
import { notFound } from '../../lib/errors';
import { addDays } from '../../lib/local-time';
import type { Store } from '../../store/types';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

export interface RangeQuery {
  siteId: string;
  surveyId?: string | undefined;
  /** `attribute:value` */
  segment?: string | undefined;
}

/** The counts of answers in a range of days, optionally of one survey and one attribute value. */
export async function countsOf(store: Store, q: RangeQuery, fromDay: string, toDay: string): Promise<Counts> {
  if (q.segment) {
    const { attribute, value } = splitSegment(q.segment);
    const segments = await store.metrics.segments({ siteId: q.siteId, surveyId: q.surveyId, fromDay, toDay, attribute });
    return segments.find((s) => s.value === value) ?? emptyCounts();
  }
  return sumCounts(await store.metrics.buckets({ siteId: q.siteId, surveyId: q.surveyId, fromDay, toDay, interval: 'month' }));
}

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Both ranges' totals and the tests between them: the shape of compare and of an impact. */
export async function compareRanges(store: Store, q: RangeQuery, current: [string, string], previous: [string, string]) {
  const [a, b] = await Promise.all([countsOf(store, q, ...current), countsOf(store, q, ...previous)]);
  return {
    current: totalsOf(current[0], current[1], a),
    previous: totalsOf(previous[0], previous[1], b),
    ...compareCounts(a, b),
    segment: q.segment ?? null,
    definitions: { nps: SCORE_DEFINITIONS.nps, csat: SCORE_DEFINITIONS.csat, ...STATISTICS_DEFINITIONS },
  };
}

export default async function compareRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/metrics/compare',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'compareMetrics',
        tags: ['metrics'],
        summary: 'Compare two ranges: did NPS or CSAT move for real?',
        description:
          'The scores of `from`–`to` and of `previousFrom`–`previousTo` (by default the same number of days just before), with the two-sample z test of the NPS change and the two-proportion z test of the CSAT change at 95%, named in `definitions`. `lowSample` when a side has fewer than 30 answers. `survey` and `segment=attribute:value` restrict both sides.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        querystring: CompareQuerySchema,
        response: { 200: json('Both ranges and the tests.', CompareSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from > q.to) throw badRequest('from must not be after to');
      const length = daysBetween(q.from, q.to);
      const previousTo = q.previousTo ?? addDays(q.from, -1);
      const previousFrom = q.previousFrom ?? addDays(previousTo, -(length - 1));
      if (previousFrom > previousTo) throw badRequest('previousFrom must not be after previousTo');
      if (length > 3660 || daysBetween(previousFrom, previousTo) > 3660) throw badRequest('a range holds at most 3,660 days');
      if (q.survey && !(await app.store.surveys.get(request.site.id, q.survey))) throw notFound('survey');
      return compareRanges(app.store, { siteId: request.site.id, surveyId: q.survey, segment: q.segment }, [q.from, q.to], [previousFrom, previousTo]);
    },
  );
}
