// Link surveys: signed links to the hosted survey page, for e-mails and help desks.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailBlockQuerySchema, LinkCreateSchema, LinkCreatedSchema, SurveyParamsSchema } from '@plaudit/shared';
import { renderEmailBlock } from '../../lib/email-block';
import { badRequest } from '../responses/filter';
import { notFound } from '../../lib/errors';
import { signLink, verifyLink } from '../../lib/links';
import { ownOrigin } from '../../lib/own-origin';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

export default async function linkRoutes(app: FastifyInstance, opts: { publicUrl?: string | undefined }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/sites/:siteId/surveys/:surveyId/email.html',
    {
      onRequest: app.requireSite,
      // The block is a string; its error answers are the JSON envelope.
      serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
      schema: {
        operationId: 'getSurveyEmailBlock',
        tags: ['surveys'],
        summary: 'An e-mail block that asks the survey’s first question',
        description:
          'HTML to paste into an e-mail or a help desk’s satisfaction mail: the question and a button per score (0–10 or 1–5), each a link to the hosted page with `&score=N`, so one click records the answer and the page asks why. Table layout and inline styles, no script and no image, so every mail client shows it. With `t` (a token from `POST …/links`) the answers carry its customer and attributes. A help desk that cannot sign each mail may add plain attributes to the links, as `&a.ticket={{ticket.id}}`.',
        security: SECURITY.site,
        params: SurveyParamsSchema,
        querystring: EmailBlockQuerySchema,
        response: {
          200: { description: 'The HTML block.', content: { 'text/html': { schema: z.string().meta({ examples: ['<table role="presentation" …>…</table>'] }) } } },
          ...errors(...SITE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const survey = await app.store.surveys.get(request.site.id, request.params.surveyId);
      if (!survey) throw notFound('survey');
      const first = survey.questions[0];
      if (first !== 'nps' && first !== 'csat') throw badRequest('an e-mail block asks a score: the survey must start with nps or csat');
      const { t, locale } = request.query;
      if (t !== undefined && !verifyLink(t, request.site.linkKey, survey.id).ok) throw badRequest('t: not a valid, unexpired link of this survey');
      const page = new URL(`/s/${survey.id}`, ownOrigin(request, opts.publicUrl));
      if (t) page.searchParams.set('t', t);
      if (locale) page.searchParams.set('locale', locale);
      const html = renderEmailBlock({
        pageUrl: page.href,
        question: first,
        locale: locale ?? survey.locale ?? 'en',
        texts: survey.texts,
        productName: survey.productName ?? request.site.name,
        brandColor: survey.theme.brandColor,
      });
      // Its styles are inline, as e-mail needs: the preview a browser shows may apply them.
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        .header('cache-control', 'no-store')
        .send(html);
    },
  );

  r.post(
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
