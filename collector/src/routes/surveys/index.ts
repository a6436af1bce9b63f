// A site's surveys: create, list, read, change and archive.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SiteParamsSchema, SurveyCreateSchema, SurveyListSchema, SurveyParamsSchema, SurveyPatchSchema, SurveySchema } from '@plaudit/shared';
import { HttpError, notFound } from '../../lib/errors';
import { StoreError } from '../../store/errors';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { surveyJson } from '../representations';

export default async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const common = { onRequest: app.requireSite };
  const tags = ['surveys'];
  const security = SECURITY.site;

  r.post(
    '/v1/sites/:siteId/surveys',
    {
      ...common,
      schema: {
        operationId: 'createSurvey',
        tags,
        security,
        summary: 'Create a survey',
        params: SiteParamsSchema,
        body: SurveyCreateSchema,
        response: { 201: json('The new survey.', SurveySchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(surveyJson(await app.store.surveys.create(request.site.id, request.body))),
  );

  r.get(
    '/v1/sites/:siteId/surveys',
    {
      ...common,
      schema: { operationId: 'listSurveys', tags, security, summary: 'List surveys, archived ones included', params: SiteParamsSchema, response: { 200: json('The site’s surveys.', SurveyListSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => ({ items: (await app.store.surveys.list(request.site.id)).map(surveyJson) }),
  );

  r.get(
    '/v1/sites/:siteId/surveys/:surveyId',
    { ...common, schema: { operationId: 'getSurvey', tags, security, summary: 'Read a survey', params: SurveyParamsSchema, response: { 200: json('The survey.', SurveySchema), ...errors(...SITE_ERRORS) } } },
    async (request) => {
      const survey = await app.store.surveys.get(request.site.id, request.params.surveyId);
      if (!survey) throw notFound('survey');
      return surveyJson(survey);
    },
  );

  r.patch(
    '/v1/sites/:siteId/surveys/:surveyId',
    {
      ...common,
      schema: {
        operationId: 'updateSurvey',
        tags,
        security,
        summary: 'Change a survey',
        description:
          'Fields not sent are kept, and so are the `display` fields not named. A follow-up question or option that `followUps` leaves out is kept, retired (no longer asked, its answers still readable); a question id keeps its type (`400` otherwise).',
        params: SurveyParamsSchema,
        body: SurveyPatchSchema,
        response: { 200: json('The survey as changed.', SurveySchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      const survey = await app.store.surveys.update(request.site.id, request.params.surveyId, request.body).catch((error: unknown) => {
        // A question id given another type: its answers would change meaning.
        if (error instanceof StoreError && error.code === 'invalid') throw new HttpError(400, 'validation_failed', `followUps: ${error.message}`);
        throw error;
      });
      if (!survey) throw notFound('survey');
      return surveyJson(survey);
    },
  );

  r.delete(
    '/v1/sites/:siteId/surveys/:surveyId',
    {
      ...common,
      schema: {
        operationId: 'archiveSurvey',
        tags,
        security,
        summary: 'Archive a survey',
        description: 'It stops showing; its responses and metrics are kept. Answers `200` with the archived survey.',
        params: SurveyParamsSchema,
        response: { 200: json('The archived survey.', SurveySchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const survey = await app.store.surveys.update(request.site.id, request.params.surveyId, { status: 'archived' });
      if (!survey) throw notFound('survey');
      return surveyJson(survey);
    },
  );
}
