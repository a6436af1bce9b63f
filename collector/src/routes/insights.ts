// Read side for developers: the responses list and the aggregate metrics of a site.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  LIMITS,
  MetricsQuerySchema,
  MetricsSchema,
  ResponseListQuerySchema,
  ResponseListSchema,
  SCORE_DEFINITIONS,
  csatFromDistribution,
  npsFromDistribution,
  responseRate,
  type Metrics,
} from '@plaudit/shared';
import type { BucketCounts } from '../db/metrics-repository';
import { Readable } from 'node:stream';
import { csvRow } from '../lib/csv';
import { HttpError, notFound } from '../lib/errors';
import { addDays, bucketRange, localDay, startOfLocalDay } from '../lib/local-time';
import { plainJson } from './representations';
import { SiteParamsSchema } from './sites';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };
const badRequest = (message: string) => new HttpError(400, 'validation_failed', message);

function encodeCursor(last: { createdAt: number; seq: number }): string {
  return Buffer.from(`${last.createdAt}.${last.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; seq: number } {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor: not a cursor returned by this API');
  return { createdAt: Number(match[1]), seq: Number(match[2]) };
}

/** A date means the whole local day in the site's zone; a date-time means that instant. */
function lowerBound(value: string, tz: string): number {
  return value.length === 10 ? startOfLocalDay(value, tz) : Date.parse(value);
}
function upperBound(value: string, tz: string): number {
  return value.length === 10 ? startOfLocalDay(addDays(value, 1), tz) : Date.parse(value) + 1;
}

function emptyBucket(start: string): BucketCounts {
  return { start, responses: 0, impressions: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) };
}

function addInto(total: BucketCounts, b: BucketCounts): void {
  total.responses += b.responses;
  total.impressions += b.impressions;
  b.nps.forEach((n, i) => (total.nps[i]! += n));
  b.csat.forEach((n, i) => (total.csat[i]! += n));
}

export default async function insightRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearer: [] }];

  async function assertSurvey(siteId: string, surveyId: string | undefined) {
    if (surveyId && !(await app.store.surveys.get(siteId, surveyId))) throw notFound('survey');
  }

  r.get(
    '/v1/sites/:siteId/responses',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['responses'],
        security,
        summary: 'List responses, newest first, with stable cursor paging',
        params: SiteParamsSchema,
        querystring: ResponseListQuerySchema,
        response: { 200: ResponseListSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const tz = request.site.timezone;
      await assertSurvey(request.site.id, q.survey);
      const fromMs = q.from ? lowerBound(q.from, tz) : undefined;
      const toMs = q.to ? upperBound(q.to, tz) : undefined;
      if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw badRequest('from must be before to');
      const page = await app.store.responses.list(request.site.id, {
        surveyId: q.survey,
        fromMs,
        toMs,
        category: q.category,
        hasComment: q.hasComment === undefined ? undefined : q.hasComment === 'true',
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
      });
      return { items: page.items, nextCursor: page.last ? encodeCursor(page.last) : null };
    },
  );

  const ExportQuerySchema = ResponseListQuerySchema.omit({ limit: true, cursor: true });
  const CSV_COLUMNS = ['id', 'survey', 'createdAt', 'updatedAt', 'nps', 'csat', 'comment', 'consent', 'locale', 'page', 'customerId', 'customerEmail', 'attributes'];

  r.get(
    '/v1/sites/:siteId/exports/responses.csv',
    {
      preHandler: app.requireSite,
      schema: {
        tags: ['responses'],
        security,
        summary: 'Every matching response as CSV (same filters as the list), newest first; formula-like cells are neutralised',
        params: SiteParamsSchema,
        querystring: ExportQuerySchema,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const site = request.site;
      await assertSurvey(site.id, q.survey);
      const filter = {
        surveyId: q.survey,
        fromMs: q.from ? lowerBound(q.from, site.timezone) : undefined,
        toMs: q.to ? upperBound(q.to, site.timezone) : undefined,
        category: q.category,
        hasComment: q.hasComment === undefined ? undefined : q.hasComment === 'true',
      };
      async function* rows() {
        yield csvRow(CSV_COLUMNS);
        let after: { createdAt: number; seq: number } | undefined;
        do {
          const page = await app.store.responses.list(site.id, { ...filter, limit: LIMITS.listLimit, after });
          yield page.items
            .map((r) =>
              csvRow([r.id, r.survey, r.createdAt, r.updatedAt, r.nps, r.csat, r.comment, r.consent, r.locale, r.page, r.customer?.id, r.customer?.email, r.attributes]),
            )
            .join('');
          after = page.last;
        } while (after);
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plaudit-${site.id}-responses.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(rows()));
    },
  );

  r.get(
    '/v1/sites/:siteId/metrics',
    {
      preHandler: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        tags: ['metrics'],
        security,
        summary:
          'NPS, CSAT, response rate and their series by day, week or month in the site’s time zone; with `segment=<attribute>`, the same scores per value of that attribute',
        params: SiteParamsSchema,
        querystring: MetricsQuerySchema,
        response: { 200: MetricsSchema, ...errors },
      },
    },
    async (request): Promise<Metrics> => {
      const q = request.query;
      const site = request.site;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      await assertSurvey(site.id, q.survey);
      const buckets = await app.store.metrics.buckets({
        siteId: site.id,
        surveyId: q.survey,
        fromDay: q.from,
        toDay: q.to,
        interval: q.interval,
      });
      const first = q.from ?? buckets[0]?.start;
      const last = q.to ?? (q.from ? localDay(Date.now(), site.timezone) : buckets.at(-1)?.start);
      let starts: string[] = [];
      if (first && last && first <= last) {
        const range = bucketRange(first, last, q.interval, LIMITS.seriesBuckets);
        if (!range) throw badRequest(`the range holds more than ${LIMITS.seriesBuckets} ${q.interval}s; use a longer interval`);
        starts = range;
      }
      const segments = q.segment
        ? await app.store.metrics.segments({ siteId: site.id, surveyId: q.survey, fromDay: q.from, toDay: q.to, attribute: q.segment })
        : undefined;
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
        nps: npsFromDistribution(total.nps),
        csat: csatFromDistribution(total.csat),
        npsDistribution: total.nps,
        series: starts.map((start) => {
          const b = byStart.get(start) ?? emptyBucket(start);
          return {
            start,
            responses: b.responses,
            impressions: b.impressions,
            nps: npsFromDistribution(b.nps),
            csat: csatFromDistribution(b.csat),
          };
        }),
        definitions: { ...SCORE_DEFINITIONS },
        ...(q.segment && {
          segment: q.segment,
          segments: segments?.map((g) => ({
            value: g.value,
            responses: g.responses,
            nps: npsFromDistribution(g.nps),
            csat: csatFromDistribution(g.csat),
          })),
        }),
      };
    },
  );
}
