// Reading a site's responses: the list, page by page, and the CSV and NDJSON exports of every match.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS, ResponseFilterSchema, type FollowUpAnswer, ResponseListQuerySchema, ResponseListSchema, ResponseParamsSchema, SiteParamsSchema, StoredResponseSchema } from '@plaudit/shared';
import { csvRow } from '../../lib/csv';
import { notFound } from '../../lib/errors';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { decodeCursor, encodeCursor, responseFilter } from './filter';

const CSV_COLUMNS = ['id', 'survey', 'createdAt', 'updatedAt', 'nps', 'csat', 'comment', 'consent', 'locale', 'page', 'customerId', 'customerEmail', 'attributes'];

/** A follow-up answer as one spreadsheet cell: option ids (joined by `; `), the text, or the rating. */
export function followUpCell(answer: FollowUpAnswer | undefined): string | number | undefined {
  if (!answer) return undefined;
  if ('rating' in answer) return answer.rating;
  if ('text' in answer) return answer.text;
  const parts = 'choice' in answer ? [answer.choice] : 'choices' in answer ? [...answer.choices] : [];
  if ('other' in answer && answer.other !== undefined) parts.push(`other: ${answer.other}`);
  return parts.join('; ');
}

export default async function responseListRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Every matching response, page by page from the database: memory stays flat however many. */
  async function* pages(siteId: string, filter: ReturnType<typeof responseFilter>) {
    let after: { createdAt: number; seq: number } | undefined;
    do {
      const page = await app.store.responses.list(siteId, { ...filter, limit: LIMITS.listLimit, after });
      yield page.items;
      after = page.last;
    } while (after);
  }

  async function assertSurvey(siteId: string, surveyId: string | undefined) {
    if (surveyId && !(await app.store.surveys.get(siteId, surveyId))) throw notFound('survey');
  }

  r.get(
    '/v1/sites/:siteId/responses',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'listResponses',
        tags: ['responses'],
        summary: 'List responses, newest first',
        description: 'Pages with a stable cursor: answers that arrive meanwhile never shift a page. Filters combine.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        querystring: ResponseListQuerySchema,
        response: { 200: json('A page of responses and the cursor of the next.', ResponseListSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const q = request.query;
      await assertSurvey(request.site.id, q.survey);
      const page = await app.store.responses.list(request.site.id, {
        ...responseFilter(request.site, q),
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
      });
      return { items: page.items, nextCursor: page.last ? encodeCursor(page.last) : null };
    },
  );

  r.get(
    '/v1/sites/:siteId/responses/:responseId',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'getResponse',
        tags: ['responses'],
        summary: 'One response',
        description: 'As the list gives it. Where the links of webhook messages and alert e-mails lead (the dashboard’s response page), whatever made the id.',
        security: SECURITY.site,
        params: ResponseParamsSchema,
        response: { 200: json('The response.', StoredResponseSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const found = await app.store.responses.get(request.site.id, request.params.responseId);
      if (!found) throw notFound('response');
      return found;
    },
  );

  r.get(
    '/v1/sites/:siteId/exports/responses.csv',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'exportResponsesCsv',
        tags: ['responses'],
        summary: 'Every matching response as CSV',
        description:
          'The list’s filters; newest first; streamed page by page. RFC 4180 quoting; cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with an apostrophe. Columns: ' +
          CSV_COLUMNS.join(', ') +
          ', then one `answers.<question id>` column per follow-up question (of the survey asked, or of every survey of the site): option ids joined by `; ` (and `other: …` for an “Other” text), the text, or the rating.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        querystring: ResponseFilterSchema,
        response: {
          200: {
            description: 'The CSV file, with a header row.',
            content: { 'text/csv': { schema: z.string().meta({ examples: ['id,survey,createdAt,updatedAt,nps,csat,comment,consent,locale,page,customerId,customerEmail,attributes\r\n'] }) } },
          },
          ...errors(...SITE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      await assertSurvey(site.id, request.query.survey);
      const filter = responseFilter(site, request.query);
      const surveys = (await app.store.surveys.list(site.id)).filter((s) => !request.query.survey || s.id === request.query.survey);
      const questions = [...new Set(surveys.flatMap((s) => s.followUps.map((q) => q.id)))];
      async function* rows() {
        yield csvRow([...CSV_COLUMNS, ...questions.map((id) => `answers.${id}`)]);
        for await (const page of pages(site.id, filter)) {
          yield page
            .map((r) =>
              csvRow([r.id, r.survey, r.createdAt, r.updatedAt, r.nps, r.csat, r.comment, r.consent, r.locale, r.page, r.customer?.id, r.customer?.email, r.attributes, ...questions.map((id) => followUpCell(r.answers[id]))]),
            )
            .join('');
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plaudit-${site.id}-responses.csv"`)
        .header('cache-control', 'no-store')
        // A stream of the documented text/csv string, which the type provider cannot see through.
        .send(Readable.from(rows()) as unknown as string);
    },
  );

  r.get(
    '/v1/sites/:siteId/exports/responses.ndjson',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'exportResponsesNdjson',
        tags: ['responses'],
        summary: 'Every matching response as NDJSON',
        description: 'The list’s filters; newest first; one response per line, each the JSON of the list’s items (follow-up answers and state included), streamed page by page from the database so memory stays flat at a million rows.',
        security: SECURITY.site,
        params: SiteParamsSchema,
        querystring: ResponseFilterSchema,
        response: {
          200: {
            description: 'One JSON object per line (`application/x-ndjson`).',
            content: { 'application/x-ndjson': { schema: z.string().meta({ examples: ['{"id":"0193a3c5-7d2e-7b1a-9f3e-2c5d8e9a1b20","survey":"sv_q3Zr8nL2xTbA","nps":9,…}\n'] }) } },
          },
          ...errors(...SITE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      await assertSurvey(site.id, request.query.survey);
      const filter = responseFilter(site, request.query);
      async function* lines() {
        for await (const page of pages(site.id, filter)) if (page.length) yield page.map((r) => `${JSON.stringify(r)}\n`).join('');
      }
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="plaudit-${site.id}-responses.ndjson"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()) as unknown as string);
    },
  );
}
