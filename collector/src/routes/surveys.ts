import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, SurveyCreateSchema, SurveyListSchema, SurveyPatchSchema, SurveySchema } from '@plaudit/shared';
import { notFound } from '../lib/errors';
import { surveyJson } from './representations';
import { SiteParamsSchema } from './sites';

const SurveyParamsSchema = SiteParamsSchema.extend({ surveyId: z.string().max(64) });
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };

export default async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const common = { preHandler: app.requireSite };
  const tags = ['surveys'];
  const security = [{ bearer: [] }];

  r.post(
    '/v1/sites/:siteId/surveys',
    {
      ...common,
      schema: { tags, security, summary: 'Create a survey', params: SiteParamsSchema, body: SurveyCreateSchema, response: { 201: SurveySchema, ...errors } },
    },
    async (request, reply) => {
      const survey = await app.store.surveys.create(request.site.id, request.body);
      return reply.code(201).send(surveyJson(survey));
    },
  );

  r.get(
    '/v1/sites/:siteId/surveys',
    { ...common, schema: { tags, security, summary: 'List surveys, archived ones included', params: SiteParamsSchema, response: { 200: SurveyListSchema, ...errors } } },
    async (request) => ({ items: (await app.store.surveys.list(request.site.id)).map(surveyJson) }),
  );

  r.get(
    '/v1/sites/:siteId/surveys/:surveyId',
    { ...common, schema: { tags, security, summary: 'Read a survey', params: SurveyParamsSchema, response: { 200: SurveySchema, ...errors } } },
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
      schema: { tags, security, summary: 'Change a survey (fields not sent are kept)', params: SurveyParamsSchema, body: SurveyPatchSchema, response: { 200: SurveySchema, ...errors } },
    },
    async (request) => {
      const survey = await app.store.surveys.update(request.site.id, request.params.surveyId, request.body);
      if (!survey) throw notFound('survey');
      return surveyJson(survey);
    },
  );

  r.delete(
    '/v1/sites/:siteId/surveys/:surveyId',
    {
      ...common,
      schema: { tags, security, summary: 'Archive a survey: it stops showing, its responses are kept', params: SurveyParamsSchema, response: { 200: SurveySchema, ...errors } },
    },
    async (request) => {
      const survey = await app.store.surveys.update(request.site.id, request.params.surveyId, { status: 'archived' });
      if (!survey) throw notFound('survey');
      return surveyJson(survey);
    },
  );
}
