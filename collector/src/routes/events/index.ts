// POST /v1/events: a survey was shown or dismissed, for the response rate.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EventInputSchema, IngestResultSchema } from '@plaudit/shared';
import { isBot } from '../../lib/bots';
import { HttpError } from '../../lib/errors';
import { localDay } from '../../lib/local-time';
import { formatIssues } from '../../plugins/errors';
import { unknownKey } from '../../plugins/public-access';
import { SECURITY, errors, json } from '../openapi';
import { plainJson } from '../representations';

/** Route-level validator that lets a body through untouched: the handler parses it. */
const passThrough = () => (data: unknown) => ({ value: data });

export default async function eventRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/events',
    {
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      bodyLimit: 4 * 1024,
      schema: {
        operationId: 'postEvent',
        tags: ['widget'],
        summary: 'Count that a survey was shown or dismissed',
        description:
          'Sent by the widget; counted per survey and day for the response rate. The public key travels in the body (`key`), like the answers’, so `navigator.sendBeacon` can send it: OpenAPI security schemes cannot express a key in the body, hence no `security` here. `application/json` or `text/plain` (parsed as JSON). At most 4 KB.',
        security: SECURITY.none,
        consumes: ['application/json', 'text/plain'],
        body: EventInputSchema,
        response: { 202: json('Counted (or, for a known bot, dropped).', IngestResultSchema), ...errors(400, 401, 403, 404, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const parsed = EventInputSchema.safeParse(request.body);
      if (!parsed.success) throw new HttpError(400, 'validation_failed', formatIssues(parsed.error.issues));
      const site = await app.siteOfKey(parsed.data.key);
      if (!site) throw unknownKey();
      app.assertOrigin(request, site, reply);
      if ((await app.store.surveys.siteOf(parsed.data.survey)) !== site.id) {
        throw new HttpError(404, 'not_found', 'no such survey for this key');
      }
      if (app.botFilter && isBot(request.headers['user-agent'])) return reply.code(202).send({ accepted: 1 });
      app.limitKey(request, reply, site.id);
      const now = Date.now();
      await app.store.events.record({
        siteId: site.id,
        surveyId: parsed.data.survey,
        type: parsed.data.type,
        day: localDay(now, site.timezone),
        customerId: parsed.data.customer?.id,
        now,
      });
      return reply.code(202).send({ accepted: 1 });
    },
  );
}
