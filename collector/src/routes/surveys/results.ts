// GET /v1/sites/:siteId/surveys/:surveyId/results: the follow-up questions answer by answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ResultsQuerySchema, SurveyParamsSchema, SurveyResultsSchema, splitSegment } from '@plaudit/shared';
import { RESULTS_DEFINITIONS, ctaResult, questionResults } from '../../domain/results';
import { notFound } from '../../lib/errors';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

export default async function resultsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/surveys/:surveyId/results',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getSurveyResults',
        tags: ['surveys'],
        security: SECURITY.site,
        summary: 'Results of the follow-up questions',
        description: [
          'Per question: how many answered; per option its count and share with a Wilson interval, and the NPS and CSAT of the responses that chose it (which answers go with happy or unhappy customers); a rating’s mean with its t interval; how many text answers (read them in the responses list, `answers`, and in the themes route).',
          'Retired questions and options are counted from older answers under their ids. `cta` counts the promoters shown the survey’s next step and their clicks (not segmented). Days are the site’s local days.',
        ].join('\n\n'),
        params: SurveyParamsSchema,
        querystring: ResultsQuerySchema,
        response: { 200: json('The survey’s results.', SurveyResultsSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      const siteId = request.site.id;
      const survey = await app.store.surveys.get(siteId, request.params.surveyId);
      if (!survey) throw notFound('survey');
      const range = { siteId, surveyId: survey.id, fromDay: q.from, toDay: q.to };
      const [tallies, buckets] = await Promise.all([
        app.store.followUps.tally({ ...range, segment: q.segment ? splitSegment(q.segment) : undefined }),
        app.store.metrics.buckets({ ...range, interval: 'month' }),
      ]);
      const cta = buckets.reduce((sum, b) => ({ shown: sum.shown + b.ctaShown, clicked: sum.clicked + b.ctaClicks }), { shown: 0, clicked: 0 });
      return {
        survey: survey.id,
        from: q.from ?? null,
        to: q.to ?? null,
        segment: q.segment ?? null,
        questions: questionResults(survey.followUps, tallies),
        cta: ctaResult(survey.cta, cta.shown, cta.clicked),
        definitions: RESULTS_DEFINITIONS,
      };
    },
  );
}
