// Link surveys: signed links to the hosted survey page, for e-mails and help desks.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LinkCreateSchema, LinkCreatedSchema, SurveyParamsSchema } from '@plaudit/shared';
import { badRequest } from '../responses/filter';
import { notFound } from '../../lib/errors';
import { signLink } from '../../lib/links';
import { ownOrigin } from '../../lib/own-origin';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

export default async function linkRoutes(app: FastifyInstance, opts: { publicUrl?: string | undefined }) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/sites/:siteId/surveys/:surveyId/links',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'createSurveyLink',
        tags: ['surveys'],
        summary: 'A link to the hosted survey page, signed for a customer',
        description:
          'The link opens the survey on the collector’s own page (`/s/{surveyId}`), in the site’s colours. A customer and attributes are signed into it (HMAC with a key that never leaves the collector), so whoever receives the link cannot turn it into someone else’s answer; the score is not signed, so one link serves every button of an e-mail: append `&score=N` and the page records that score when it opens, then asks why. A mail scanner that fetches the link without running scripts records nothing.',
        security: SECURITY.site,
        params: SurveyParamsSchema,
        body: LinkCreateSchema,
        response: { 201: json('The link.', LinkCreatedSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request, reply) => {
      const survey = await app.store.surveys.get(request.site.id, request.params.surveyId);
      if (!survey) throw notFound('survey');
      const { customer, attributes, expiresAt } = request.body;
      const expires = expiresAt === undefined ? undefined : Date.parse(expiresAt);
      if (expires !== undefined && expires <= Date.now()) throw badRequest('expiresAt: must be in the future');
      const signed = customer !== undefined || attributes !== undefined || expires !== undefined;
      const token = signed ? signLink({ survey: survey.id, customer, attributes, expiresAt: expires }, request.site.linkKey) : null;
      const url = new URL(`/s/${survey.id}`, ownOrigin(request, opts.publicUrl));
      if (token) url.searchParams.set('t', token);
      return reply.code(201).send({ url: url.href, token, expiresAt: expires === undefined ? null : new Date(expires).toISOString() });
    },
  );
}
