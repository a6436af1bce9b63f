// GET /v1/sites/:siteId/themes: the recurring topics of comments, most distinctive of a category.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { STATISTICS_DEFINITIONS, SiteParamsSchema, ThemesQuerySchema, ThemesSchema } from '@plaudit/shared';
import { THEMES_DEFINITIONS } from '../../domain/themes/themes';
import { notFound } from '../../lib/errors';
import { addDays, startOfLocalDay } from '../../lib/local-time';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';
import { badRequest } from '../responses/filter';

export default async function themeRoutes(app: FastifyInstance) {
  const service = app.themes;

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sites/:siteId/themes',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getThemes',
        tags: ['metrics'],
        security: SECURITY.site,
        summary: 'Themes in comments: what detractors (or promoters) talk about',
        description: [
          'The recurring topics of the comments in the range, most distinctive of `category` first (class-based TF-IDF against the other categories, see `definitions`), in French, English, German and Spanish: words folded by a Snowball stemmer and stop-word lists, names of several words kept whole (“délai de livraison”, “customer support”), negations kept apart (“pas rapide”).',
          'Each theme gives its count and share per category, the NPS of the answers that mention it against those that do not (with intervals: what drives the score), and three representative comments.',
          'Worked out off the event loop over every comment of the range (the newest 100,000 at most, `truncated` when there were more) and kept for a minute: `computedAt` says when.',
        ].join('\n\n'),
        params: SiteParamsSchema,
        querystring: ThemesQuerySchema,
        response: { 200: json('The themes.', ThemesSchema), ...errors(...SITE_ERRORS, 503) },
      },
    },
    async (request) => {
      const q = request.query;
      const site = request.site;
      if (q.from && q.to && q.from > q.to) throw badRequest('from must not be after to');
      if (q.survey && !(await app.store.surveys.get(site.id, q.survey))) throw notFound('survey');
      const answer = await service.themes({
        query: {
          siteId: site.id,
          surveyId: q.survey,
          // Local days as instants: the answers stored from the first day's start to the next day's after the last.
          fromMs: q.from ? startOfLocalDay(q.from, site.timezone) : undefined,
          toMs: q.to ? startOfLocalDay(addDays(q.to, 1), site.timezone) : undefined,
        },
        category: q.category,
        language: q.locale,
        limit: q.limit,
      });
      return {
        themes: answer.themes.map((t) => ({
          label: t.label,
          key: t.key,
          stems: t.stems,
          forms: t.forms,
          count: t.count,
          share: t.share,
          score: t.score,
          byCategory: t.byCategory,
          nps: {
            with: { score: t.nps.with.score, interval: t.nps.with.low === null ? null : { low: t.nps.with.low, high: t.nps.with.high! }, responses: t.nps.with.responses },
            without: { score: t.nps.without.score, interval: t.nps.without.low === null ? null : { low: t.nps.without.low, high: t.nps.without.high! }, responses: t.nps.without.responses },
          },
          examples: t.examples,
        })),
        category: q.category,
        comments: answer.comments,
        truncated: answer.truncated,
        computedAt: new Date(answer.computedAt).toISOString(),
        definitions: { ...THEMES_DEFINITIONS, npsInterval: STATISTICS_DEFINITIONS.npsInterval },
      };
    },
  );
}
