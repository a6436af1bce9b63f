// Support tickets from the help desk (a batch as JSON, or a CSV file) and the support schedule
// business hours are counted in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BatchRejectedSchema,
  BatchResultSchema,
  IMPORT_LIMITS,
  ImportQuerySchema,
  ImportRefusedSchema,
  ImportResultSchema,
  SiteParamsSchema,
  TICKET_COLUMNS,
  TicketBatchSchema,
  TicketInputSchema,
  TicketScheduleAnswerSchema,
  TicketScheduleInputSchema,
  WEEKDAYS,
  type TicketInput,
  type TicketSchedule,
} from '@plaudit/shared';
import { compileSchedule } from '../../domain/business-hours';
import { checker, mapInSlices } from '../../domain/imports';
import { TopicMatcher, ticketItem } from '../../domain/tickets';
import type { SiteRecord } from '../../store/types';
import { acceptCsv, passThrough, storeBatch, storeCsv } from '../bulk';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';

const TICKETS_CSV_EXAMPLE =
  'id,customer,subject,tags,channel,openedAt,firstResponseAt,resolvedAt,reopenedCount\r\n48213,cus_8812,Where is my parcel?,delivery;late,email,2026-11-20T08:14:00Z,2026-11-20T10:02:00Z,2026-11-21T16:30:00Z,0\r\n';

/** How many of the site's topics a subject is matched against. */
const KNOWN_TOPICS = 200;

export default async function ticketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  const security = SECURITY.site;
  acceptCsv(app);

  /** What turns checked inputs into stored tickets: the site's schedule now, its topics and the batch's own. */
  async function prepare(site: SiteRecord, inputs: TicketInput[]) {
    const [schedule, known] = await Promise.all([app.store.tickets.getSchedule(site.id), app.store.tickets.topics(site.id, KNOWN_TOPICS)]);
    const topics = new TopicMatcher(known);
    const named = new Set(known);
    for (const input of inputs) {
      const topic = input.topic ?? input.tags?.[0];
      if (topic !== undefined && !named.has(topic)) (named.add(topic), topics.learn(topic));
    }
    const ctx = { timezone: site.timezone, schedule: schedule ? compileSchedule(schedule) : null, topics };
    return mapInSlices(inputs, (input) => ticketItem(input, ctx));
  }

  r.post(
    '/v1/sites/:siteId/tickets',
    {
      onRequest: app.requireSite,
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'postTickets',
        tags,
        security,
        summary: 'Record support tickets from the help desk',
        description: [
          'One ticket, or a batch of up to 500 checked ticket by ticket: the valid ones are stored and the others listed in `rejected` by index; `400` when none is valid.',
          'The same `id` again replaces that ticket whole (send it as the help desk has it now). Its topic is `topic`, else its first tag, else named from its subject (see `…/metrics/tickets` definitions); its business-hours times are worked out with the site’s schedule now.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        body: z.union([TicketInputSchema, TicketBatchSchema]),
        response: {
          200: json('Stored: how many, and which items were refused.', BatchResultSchema),
          400: json('Invalid: the ticket, or every ticket of the batch (listed in `rejected`).', BatchRejectedSchema),
          ...errors(401, 404, 413, 414, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      return storeBatch(reply, request.body, checker(TicketInputSchema, (input) => input), (inputs) => prepare(site, inputs), (items) => app.store.tickets.upsert(site.id, items));
    },
  );

  r.post(
    '/v1/sites/:siteId/tickets/import',
    {
      onRequest: app.requireSite,
      bodyLimit: IMPORT_LIMITS.importBytes,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'importTickets',
        tags,
        security,
        summary: 'Import support tickets from a CSV file',
        description: [
          `A CSV file (RFC 4180, UTF-8, \`Content-Type: text/csv\`, at most ${IMPORT_LIMITS.importLines.toLocaleString('en')} lines and ${IMPORT_LIMITS.importBytes / 1024 / 1024} MB) whose header names its columns, in any order: ${TICKET_COLUMNS.map((c) => `\`${c}\``).join(', ')} (\`id\` and \`openedAt\` required), each as in a JSON ticket; \`tags\` separated by \`;\` or \`,\`; an empty cell is left out.`,
          'Every line is checked. By default one refused line refuses the file: `400` lists the refused lines with their line numbers and nothing is stored. With `partial=true` the valid lines are stored and the refused ones listed. A stored import is whole: no one sees half of it.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: ImportQuerySchema,
        consumes: ['text/csv'],
        body: z.string().meta({ description: 'The CSV file.', examples: [TICKETS_CSV_EXAMPLE] }),
        response: {
          200: json('Imported: how many lines, and the skipped ones (with partial=true).', ImportResultSchema),
          400: json('Refused: the file’s refused lines with their line numbers (nothing stored), or a header that does not fit.', ImportRefusedSchema),
          ...errors(401, 404, 413, 414, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      const spec = { columns: TICKET_COLUMNS, required: ['id', 'openedAt'], numeric: ['reopenedCount', 'satisfaction'], lists: ['tags'] };
      return storeCsv(reply, request.body, request.query.partial === 'true', spec, checker(TicketInputSchema, (input) => input), (inputs) => prepare(site, inputs), (items) =>
        app.store.tickets.import(site.id, items),
      );
    },
  );

  const scheduleDescription =
    'Business hours count only the time inside these weekly windows, in the schedule’s time zone, holidays left out (Zendesk’s definition). A ticket’s business times are worked out when it is stored, with the schedule in force then, as Zendesk records them: send tickets again after a change to recount them.';

  r.get(
    '/v1/sites/:siteId/tickets/schedule',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'getTicketSchedule', tags, security, summary: 'The support schedule', description: scheduleDescription, params: SiteParamsSchema, response: { 200: json('The schedule, or null.', TicketScheduleAnswerSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => ({ schedule: (await app.store.tickets.getSchedule(request.site.id)) ?? null }),
  );

  r.put(
    '/v1/sites/:siteId/tickets/schedule',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'putTicketSchedule',
        tags,
        security,
        summary: 'Set the support schedule, for business hours',
        description: scheduleDescription,
        params: SiteParamsSchema,
        body: TicketScheduleInputSchema,
        response: { 200: json('The schedule as stored.', TicketScheduleAnswerSchema), ...errors(...SITE_ERRORS, 413, 415, 503) },
      },
    },
    async (request) => {
      const body = request.body;
      const schedule: TicketSchedule = {
        timezone: body.timezone ?? request.site.timezone,
        week: Object.fromEntries(WEEKDAYS.map((d) => [d, [...(body.week[d] ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1))])) as TicketSchedule['week'],
        holidays: [...new Set(body.holidays ?? [])].sort(),
      };
      await app.store.tickets.setSchedule(request.site.id, schedule);
      return { schedule };
    },
  );

  r.delete(
    '/v1/sites/:siteId/tickets/schedule',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'deleteTicketSchedule', tags, security, summary: 'Remove the support schedule (calendar hours only)', params: SiteParamsSchema, response: { 200: json('No schedule now.', TicketScheduleAnswerSchema), ...errors(...SITE_ERRORS, 503) } },
    },
    async (request) => {
      await app.store.tickets.setSchedule(request.site.id, null);
      return { schedule: null };
    },
  );
}
