// GET /v1/sites/:siteId/metrics/compare: whether a change in NPS or CSAT between two ranges is
// real or noise (domain/compare.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CompareQuerySchema, CompareSchema, SiteParamsSchema } from '@plaudit/shared';
import { compareRanges, daysBetween } from '../../domain/compare';
import { notFound } from '../../lib/errors';
import { addDays } from '../../lib/local-time';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

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
