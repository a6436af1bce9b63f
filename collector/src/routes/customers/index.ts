// Customer events from the billing system (a batch as JSON, or a CSV file), and the active
// customers most likely to leave.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AtRiskQuerySchema,
  AtRiskSchema,
  BatchRejectedSchema,
  BatchResultSchema,
  CUSTOMER_EVENT_COLUMNS,
  CustomerEventBatchSchema,
  CustomerEventInputSchema,
  IMPORT_LIMITS,
  ImportQuerySchema,
  ImportRefusedSchema,
  ImportResultSchema,
  SiteParamsSchema,
  roundTo,
} from '@plaudit/shared';
import { AT_RISK_RULES, AT_RISK_THRESHOLDS, atRiskQuery, reasonsOf } from '../../domain/at-risk';
import { eventItem } from '../../domain/churn';
import { checker, mapInSlices } from '../../domain/imports';
import { addDays, localDay } from '../../lib/local-time';
import { acceptCsv, passThrough, storeBatch, storeCsv } from '../bulk';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';

const EVENTS_CSV_EXAMPLE = 'id,customer,type,at,plan,mrr\r\nevt_1,cus_8812,acquired,2026-10-03T09:12:00Z,pro,49\r\nevt_2,cus_8812,lost,2026-11-20T17:45:00Z,,\r\n';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export default async function customerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];
  const security = SECURITY.site;
  acceptCsv(app);

  r.post(
    '/v1/sites/:siteId/customers/events',
    {
      onRequest: app.requireSite,
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'postCustomerEvents',
        tags,
        security,
        summary: 'Record customer events from the billing system: acquired, lost, reactivated',
        description: [
          'One event, or a batch of up to 500 checked event by event: the valid ones are stored and the others listed in `rejected` by index; `400` when none is valid.',
          'The same `id` again replaces that event, so a retry never counts twice and a correction wins. Churn (`…/metrics/churn`) counts each customer’s changes of state from their events in time order.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        body: z.union([CustomerEventInputSchema, CustomerEventBatchSchema]),
        response: {
          200: json('Stored: how many, and which items were refused.', BatchResultSchema),
          400: json('Invalid: the event, or every event of the batch (listed in `rejected`).', BatchRejectedSchema),
          ...errors(401, 404, 413, 414, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      const check = checker(CustomerEventInputSchema, (input) => input);
      return storeBatch(reply, request.body, check, (inputs) => mapInSlices(inputs, (i) => eventItem(i, site.timezone)), (items) => app.store.customers.upsertEvents(site.id, items));
    },
  );

  r.post(
    '/v1/sites/:siteId/customers/events/import',
    {
      onRequest: app.requireSite,
      bodyLimit: IMPORT_LIMITS.importBytes,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'importCustomerEvents',
        tags,
        security,
        summary: 'Import customer events from a CSV file',
        description: [
          `A CSV file (RFC 4180, UTF-8, \`Content-Type: text/csv\`, at most ${IMPORT_LIMITS.importLines.toLocaleString('en')} lines and ${IMPORT_LIMITS.importBytes / 1024 / 1024} MB) whose header names its columns, in any order: ${CUSTOMER_EVENT_COLUMNS.map((c) => `\`${c}\``).join(', ')} (the first four required), each as in a JSON event; an empty cell is left out.`,
          'Every line is checked. By default one refused line refuses the file: `400` lists the refused lines with their line numbers and nothing is stored. With `partial=true` the valid lines are stored and the refused ones listed. A stored import is whole: no one sees half of it.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: ImportQuerySchema,
        consumes: ['text/csv'],
        body: z.string().meta({ description: 'The CSV file.', examples: [EVENTS_CSV_EXAMPLE] }),
        response: {
          200: json('Imported: how many lines, and the skipped ones (with partial=true).', ImportResultSchema),
          400: json('Refused: the file’s refused lines with their line numbers (nothing stored), or a header that does not fit.', ImportRefusedSchema),
          ...errors(401, 404, 413, 414, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      const check = checker(CustomerEventInputSchema, (input) => input);
      const spec = { columns: CUSTOMER_EVENT_COLUMNS, required: ['id', 'customer', 'type', 'at'], numeric: ['mrr'], lists: [] };
      return storeCsv(reply, request.body, request.query.partial === 'true', spec, check, (inputs) => mapInSlices(inputs, (i) => eventItem(i, site.timezone)), (items) =>
        app.store.customers.importEvents(site.id, items),
      );
    },
  );

  r.get(
    '/v1/sites/:siteId/customers/at-risk',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getCustomersAtRisk',
        tags,
        security,
        summary: 'Active customers most likely to leave, with the reasons',
        description: [
          'Active customers (their latest billing event is not a loss) ranked by a score: the points of the signals that hold, listed in `signals` (a detractor’s latest answer, nobody in touch with them since, a fall of 3 points or more, a ticket waiting past the median first response, 3 tickets or more in 30 days). Worked out at most a minute before (`asOf`); a change to the site through the API is seen at once.',
          'Each comes with the reasons in words, their latest comment and their open and recent tickets, to call them this week.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: AtRiskQuerySchema,
        response: { 200: json('The customers, highest score first.', AtRiskSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request) => {
      const site = request.site;
      // Kept up to a minute (`asOf` says when it was worked out); a change to the site drops it.
      return app.reports.get(site.id, `at-risk ${JSON.stringify(request.query)}`, async () => {
        const now = Date.now();
        const sinceDay = addDays(localDay(now, site.timezone), -AT_RISK_THRESHOLDS.medianDays);
        const median = await app.store.tickets.firstResponseMedian(site.id, sinceDay);
        const query = atRiskQuery(site.id, now, median, request.query.limit);
        const { customers, total } = await app.store.atRisk.rank(query);
        const details = await app.store.atRisk.details(
          site.id,
          customers.map((c) => c.customerId),
          query.thresholds.recentSince,
        );
        return {
          asOf: new Date(now).toISOString(),
          total,
          medianFirstResponseHours: median === null ? null : roundTo(median / 3_600_000, 2),
          signals: AT_RISK_RULES.map((rule) => ({ signal: rule.signal, points: rule.points, description: rule.description })),
          customers: customers.map((c) => {
            const comment = details.comments.get(c.customerId);
            return {
              customer: c.customerId,
              score: c.score,
              reasons: reasonsOf(c),
              plan: c.plan,
              mrr: c.mrr,
              since: new Date(c.since).toISOString(),
              latestNps: c.latestNps === null ? null : { score: c.latestNps, at: iso(c.latestNpsAt)! },
              previousNps: c.previousNps,
              lastComment: comment ? { text: comment.text, at: new Date(comment.at).toISOString() } : null,
              tickets: details.tickets
                .filter((t) => t.customerId === c.customerId)
                .map((t) => ({ id: t.id, subject: t.subject, topic: t.topic, openedAt: iso(t.openedAt)!, firstResponseAt: iso(t.firstResponseAt), resolvedAt: iso(t.resolvedAt), csat: t.csat })),
            };
          }),
        };
      });
    },
  );
}
