// GET /v1/sites/:siteId/metrics/tickets: support tickets per period, and per topic, channel or
// NPS category of the customer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LIMITS, SiteParamsSchema, TicketMetricsQuerySchema, TicketMetricsSchema, type TicketMetrics } from '@plaudit/shared';
import { TICKET_DEFINITIONS, TICKET_PERCENTILES, previousStart, ticketMetrics, today } from '../../domain/tickets';
import { bucketRange, bucketStart } from '../../lib/local-time';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

export default async function ticketMetricsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/metrics/tickets',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getTicketMetrics',
        tags: ['metrics', 'tickets'],
        security: SECURITY.site,
        summary: 'Support tickets: volume, first-response and resolution times, reopen rate, CSAT, rising topics',
        description: [
          'Per day, ISO week or month (of the day tickets were opened): volume, first-response and resolution times as median, 90th percentile and mean, in calendar hours and, when the site has a support schedule, in business hours; reopen rate; post-ticket CSAT; and the topics that rose significantly against the period before.',
          '`groupBy` splits each period per topic, channel, or NPS category of the customer’s latest answer (with tickets per customer). Without `from`/`to` the series runs from the first to the last period with tickets. `definitions` states every convention.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: TicketMetricsQuerySchema,
        response: { 200: json('The tickets’ figures.', TicketMetricsSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request): Promise<TicketMetrics> => {
      const q = request.query;
      const site = request.site;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      return app.reports.get(site.id, `tickets ${JSON.stringify(q)}`, async (): Promise<TicketMetrics> => {
        const query = { siteId: site.id, fromDay: q.from, toDay: q.to, groupBy: q.groupBy };
        const [schedule, { series, totals }, customers] = await Promise.all([
          app.store.tickets.getSchedule(site.id),
          app.store.tickets.figures({ ...query, bucket: q.interval }, TICKET_PERCENTILES),
          q.groupBy === 'nps' ? app.store.tickets.npsCustomers({ siteId: site.id, toDay: q.to }) : undefined,
        ]);
        const sortedStarts = [...new Set(series.map((c) => c.start))].sort();
        const todayDay = today(site.timezone);
        const first = q.from ?? sortedStarts[0];
        const last = q.to ?? (q.from ? todayDay : sortedStarts.at(-1));
        let starts: string[] = [];
        if (first && last && first <= last) {
          const all = bucketRange(first, last, q.interval, LIMITS.seriesBuckets);
          if (!all) throw badRequest(`the range holds more than ${LIMITS.seriesBuckets} ${q.interval}s; use a longer interval`);
          starts = all;
        }
        const topicCounts = starts.length
          ? await app.store.tickets.topicCounts({ siteId: site.id, bucket: q.interval, fromDay: previousStart(bucketStart(starts[0]!, q.interval), q.interval), toDay: q.to })
          : [];
        const lastDay = q.to && q.to < todayDay ? q.to : todayDay;
        const figures = ticketMetrics({
          starts,
          interval: q.interval,
          lastDay,
          grouped: q.groupBy !== undefined,
          business: schedule !== undefined,
          series,
          totals,
          topicCounts,
          ...(customers && { customers: new Map(customers.map((c) => [c.key, c.customers])) }),
      });
      return {
        timezone: site.timezone,
        from: q.from ?? null,
        to: q.to ?? null,
        interval: q.interval,
        groupBy: q.groupBy ?? null,
        schedule: schedule ?? null,
        ...figures,
        definitions: { ...TICKET_DEFINITIONS },
      };
      });
    },
  );
}
