// GET /v1/sites/:siteId/metrics/churn: customer churn per period from the billing events, and
// whether detractors leave.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChurnQuerySchema, ChurnSchema, LIMITS, SiteParamsSchema, type Churn } from '@plaudit/shared';
import { CHURN_DEFINITIONS, churnSeries, churnTotals, npsChurn } from '../../domain/churn';
import { bucketRange, localDay } from '../../lib/local-time';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

export default async function churnRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/metrics/churn',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getChurn',
        tags: ['metrics', 'customers'],
        security: SECURITY.site,
        summary: 'Customer churn per period, and whether detractors leave',
        description: [
          'From the customer events (`…/customers/events`): per day, ISO week or month, the customers at the start, acquisitions (reactivations included), losses, the churn rate (lost ÷ customers at the start), the loss-to-acquisition ratio, the starting cohort’s retention and, when events carry `mrr`, the revenue churn rate. `definitions` states every convention.',
          'Without `to` the series runs to the current period; without `from`, from the first event’s. `groupBy=nps` adds `byNps`: what share of detractors, passives and promoters left within `days` of their latest answer.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: ChurnQuerySchema,
        response: { 200: json('The churn.', ChurnSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request): Promise<Churn> => {
      const q = request.query;
      const site = request.site;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      return app.reports.get(site.id, `churn ${JSON.stringify(q)}`, async () => {
        const [periods, byNps] = await Promise.all([
          app.store.customers.churn({ siteId: site.id, bucket: q.interval, fromDay: q.from, toDay: q.to }),
          q.groupBy === 'nps'
            ? app.store.customers.npsChurn({ siteId: site.id, fromDay: q.from, toDay: q.to, windowMs: q.days * 86_400_000, asOf: Date.now() })
            : undefined,
        ]);
        const firstWithData = periods.buckets.find((b) => b.start !== '')?.start;
        const first = q.from ?? firstWithData;
        const last = q.to ?? localDay(Date.now(), site.timezone);
        let starts: string[] = [];
        if (first && first <= last) {
          const all = bucketRange(first, last, q.interval, LIMITS.seriesBuckets);
          if (!all) throw badRequest(`the range holds more than ${LIMITS.seriesBuckets} ${q.interval}s; use a longer interval`);
          starts = all;
        }
        return {
          timezone: site.timezone,
          from: q.from ?? null,
          to: q.to ?? null,
          interval: q.interval,
          series: churnSeries(periods.buckets, starts, periods.hasMrr),
          totals: churnTotals(periods.range, periods.hasMrr),
          ...(byNps && { byNps: npsChurn(byNps.counts, q.days, byNps.unmatched) }),
          definitions: { ...CHURN_DEFINITIONS },
        } satisfies Churn;
      });
    },
  );
}
