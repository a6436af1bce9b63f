// Change markers ("new checkout released") and their impact: the days before against the days after.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CompareSchema, ImpactQuerySchema, MarkerCreateSchema, MarkerListQuerySchema, MarkerListSchema, MarkerSchema, SiteParamsSchema } from '@plaudit/shared';
import { notFound } from '../../lib/errors';
import { addDays } from '../../lib/local-time';
import type { MarkerRecord } from '../../store/types';
import { compareRanges } from '../../domain/compare';
import { SECURITY, SITE_ERRORS, errors, json } from '../openapi';
import { plainJson } from '../representations';

export const markerJson = (m: MarkerRecord) => ({ id: m.id, date: m.day, label: m.label, survey: m.surveyId, createdAt: new Date(m.createdAt).toISOString() });

const MarkerParamsSchema = SiteParamsSchema.extend({ markerId: z.string().max(64).meta({ description: 'The marker’s id.', examples: ['mk_Xq3v9LrT2wZc'] }) });
const ImpactSchema = CompareSchema.extend({
  marker: MarkerSchema,
  days: z.int().meta({ description: 'Days on each side.', examples: [30] }),
}).meta({ id: 'Impact', description: 'The marker, and the days before it compared with as many from its day on.' });

export default async function markerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['metrics'];
  const security = SECURITY.site;

  r.post(
    '/v1/sites/:siteId/markers',
    {
      onRequest: app.requireSite,
      schema: {
        operationId: 'createMarker',
        tags,
        security,
        summary: 'Mark a change on a day',
        description: 'The metrics series lists the markers in its range; `…/markers/{markerId}/impact` says whether the change moved the scores.',
        params: SiteParamsSchema,
        body: MarkerCreateSchema,
        response: { 201: json('The marker.', MarkerSchema), ...errors(...SITE_ERRORS, 413, 415) },
      },
    },
    async (request, reply) => {
      const { date, label, survey } = request.body;
      if (survey && !(await app.store.surveys.get(request.site.id, survey))) throw notFound('survey');
      const marker = await app.store.markers.create(request.site.id, { day: date, label, ...(survey && { surveyId: survey }) });
      return reply.code(201).send(markerJson(marker));
    },
  );

  r.get(
    '/v1/sites/:siteId/markers',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'listMarkers', tags, security, summary: 'List change markers', params: SiteParamsSchema, querystring: MarkerListQuerySchema, response: { 200: json('The markers, in day order.', MarkerListSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => ({
      items: (await app.store.markers.list(request.site.id, { fromDay: request.query.from, toDay: request.query.to, surveyId: request.query.survey })).map(markerJson),
    }),
  );

  r.delete(
    '/v1/sites/:siteId/markers/:markerId',
    {
      onRequest: app.requireSite,
      schema: { operationId: 'deleteMarker', tags, security, summary: 'Delete a change marker', params: MarkerParamsSchema, response: { 200: json('Deleted.', MarkerSchema), ...errors(...SITE_ERRORS) } },
    },
    async (request) => {
      const marker = await app.store.markers.get(request.site.id, request.params.markerId);
      if (!marker || !(await app.store.markers.delete(request.site.id, marker.id))) throw notFound('marker');
      return markerJson(marker);
    },
  );

  r.get(
    '/v1/sites/:siteId/markers/:markerId/impact',
    {
      onRequest: app.requireSite,
      serializerCompiler: plainJson,
      schema: {
        operationId: 'getMarkerImpact',
        tags,
        security,
        summary: 'Did the change help? The days before a marker against the days after',
        description: 'The `days` days before the marker’s day against `days` days from its day on (its survey only, when it has one), with the tests of `compare`.',
        params: MarkerParamsSchema,
        querystring: ImpactQuerySchema,
        response: { 200: json('The marker and the comparison.', ImpactSchema), ...errors(...SITE_ERRORS) },
      },
    },
    async (request) => {
      const marker = await app.store.markers.get(request.site.id, request.params.markerId);
      if (!marker) throw notFound('marker');
      const days = request.query.days;
      const result = await compareRanges(
        app.store,
        { siteId: request.site.id, surveyId: marker.surveyId ?? undefined },
        [marker.day, addDays(marker.day, days - 1)],
        [addDays(marker.day, -days), addDays(marker.day, -1)],
      );
      return { ...result, marker: markerJson(marker), days };
    },
  );
}
