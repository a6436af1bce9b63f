// Quotes customers allowed: the owner reviews them (site secret key), and the site's pages show the
// approved ones (public key, CORS for the site's origins).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PublicTestimonialListSchema,
  PublicTestimonialsQuerySchema,
  ResponseParamsSchema,
  SiteParamsSchema,
  TestimonialListQuerySchema,
  TestimonialListSchema,
  TestimonialReviewSchema,
  TestimonialSchema,
} from '@plaudit/shared';
import { publicQuote } from '../../domain/testimonials';
import { HttpError } from '../../lib/errors';
import { unknownKey } from '../../plugins/public-access';
import type { TestimonialRecord } from '../../store/types';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const quoteJson = (q: TestimonialRecord) => ({
  response: q.responseId,
  survey: q.surveyId,
  text: q.text,
  locale: q.locale,
  consentLabel: q.consentLabel,
  consentedAt: new Date(q.consentedAt).toISOString(),
  nps: q.nps,
  csat: q.csat,
  status: q.status,
  displayName: q.displayName,
  reviewedAt: iso(q.reviewedAt),
  reviewedBy: q.reviewedBy,
});

/** The owner's side: list and review. */
export async function testimonialRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['testimonials'];
  const security = SECURITY.site;

  r.get(
    '/v1/sites/:siteId/testimonials',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'listTestimonials',
        tags,
        security,
        summary: 'Quotes customers allowed, to review',
        description: 'A promoter who ticks the consent box gives a quote: its exact wording, language, time and the sentence they ticked are kept. Newest first; `status=pending` lists those to review.',
        params: SiteParamsSchema,
        querystring: TestimonialListQuerySchema,
        response: { 200: json('The quotes.', TestimonialListSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => ({ items: (await app.store.testimonials.list(request.site.id, { status: request.query.status, surveyId: request.query.survey, limit: request.query.limit })).map(quoteJson) }),
  );

  r.patch(
    '/v1/sites/:siteId/responses/:responseId/testimonial',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'reviewTestimonial',
        tags,
        security,
        summary: 'Approve or hide a quote',
        description: '`approved` shows it on the site’s pages (GET /v1/testimonials), under `displayName` if given (a first name or initials the customer chose). `404` when the response has no quote: no consent, or withdrawn (a later answer without consent, or erasure).',
        params: ResponseParamsSchema,
        body: TestimonialReviewSchema,
        response: { 200: json('The quote as reviewed.', TestimonialSchema), ...errors(...SITE_ERRORS, 413, 415, 503) },
      },
    },
    async (request) => {
      const reviewed = await app.store.testimonials.review(request.site.id, request.params.responseId, request.body, request.actor, Date.now());
      if (!reviewed) throw new HttpError(404, 'not_found', 'no quote for this response: the customer did not allow one, or withdrew it');
      return quoteJson(reviewed);
    },
  );
}

/** The pages' side: approved quotes only, with the public key. */
export async function publicTestimonialRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/testimonials',
    {
      schema: {
        operationId: 'getPublicTestimonials',
        tags: ['widget'],
        summary: 'Approved quotes, for the site’s pages',
        description:
          'What `<div data-plaudit-testimonials>` shows: approved quotes only, newest first, never a response id or a customer detail. Revalidated on every use (`no-cache` with an `ETag`), so a quote hidden or erased disappears at once.',
        security: SECURITY.publicKeyQuery,
        querystring: PublicTestimonialsQuerySchema,
        response: {
          200: json('The approved quotes.', PublicTestimonialListSchema),
          304: { description: 'Not modified since the `ETag` sent in `If-None-Match`.', content: { 'application/json': { schema: z.null() } } },
          ...errors(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const site = await app.siteOfKey(request.query.key);
      if (!site) throw unknownKey();
      app.assertOrigin(request, site, reply);
      app.limitKey(request, reply, site.id);
      const q = request.query;
      const items = (await app.store.testimonials.list(site.id, { status: 'approved', surveyId: q.survey, locale: q.locale, limit: q.limit })).map(publicQuote);
      const etag = `"${createHash('sha256').update(JSON.stringify(items)).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'Origin');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return { items };
    },
  );
}
