// The routes a visitor's browser calls with the site's public key: widget config, answers and
// shown/dismissed events. CORS answers only origins that some site allows; each handler then
// checks the Origin against the key's own site and refuses (403) without storing anything.
import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConfigQuerySchema,
  ErrorBodySchema,
  EventInputSchema,
  IngestResultSchema,
  LIMITS,
  ResponseInputSchema,
  WidgetConfigSchema,
  themeColors,
  type WidgetConfig,
} from '@plaudit/shared';
import type { SiteRecord } from '../db/sites-repository';
import type { IngestItem } from '../db/responses-repository';
import { isBot } from '../lib/bots';
import { clientHash } from '../lib/client-hash';
import { KeyRateLimit } from '../lib/key-rate-limit';
import { HttpError } from '../lib/errors';
import { localDay } from '../lib/local-time';
import { formatIssues } from '../plugins/errors';
import { plainJson } from './representations';

export interface PublicRoutesOptions {
  /** Requests per minute per client; 0 turns the limit off. */
  rateLimit: number;
  /** Requests per minute per public key; 0 turns the limit off. */
  keyRateLimit: number;
}

/** A single answer is small; only batches (the widget's outbox) may be larger. */
export const SINGLE_BODY_LIMIT = 16 * 1024;
export const BATCH_BODY_LIMIT = 256 * 1024;

type Rejection = { index: number; status: number; error: { code: string; message: string } };

/** Route-level validator that lets a body through untouched: ingest checks items one by one. */
const passThrough = () => (data: unknown) => ({ value: data });

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 413: ErrorBodySchema, 429: ErrorBodySchema };

export default async function publicRoutes(app: FastifyInstance, opts: PublicRoutesOptions) {
  const knownOrigins = new Map<string, { allowed: boolean; until: number }>();
  /** Whether some site allows `origin`; from a 5-second cache, so most requests never wait. */
  function originKnown(origin: string): boolean | Promise<boolean> {
    const now = Date.now();
    const hit = knownOrigins.get(origin);
    if (hit && hit.until > now) return hit.allowed;
    return app.store.sites.isKnownOrigin(origin).then((allowed) => {
      if (knownOrigins.size > 10_000) knownOrigins.clear();
      knownOrigins.set(origin, { allowed, until: now + 5_000 });
      return allowed;
    });
  }

  // CORS headers go to origins that some site allows; each handler then checks the Origin against
  // the key's own site and refuses (403) the others. One check per request, options built once.
  await app.register(cors, {
    methods: ['GET', 'POST'],
    maxAge: 86_400,
    // Retry-After must be readable for the widget to back off as told on a 429 or 503.
    exposedHeaders: ['Retry-After'],
    origin: (origin, callback) => {
      if (!origin) return callback(null, false);
      const known = originKnown(origin);
      if (typeof known === 'boolean') return callback(null, known);
      known.then(
        (allowed) => callback(null, allowed),
        (error: Error) => callback(error, false),
      );
    },
  });

  if (opts.rateLimit > 0) {
    await app.register(rateLimit, {
      max: opts.rateLimit,
      timeWindow: 60_000,
      keyGenerator: (request) => clientHash(request.ip),
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
    });
  }

  const perKey = new KeyRateLimit(opts.keyRateLimit);
  /** Charges one request to a site's key; bots are never charged, as nothing of theirs is stored. */
  function limitKey(request: FastifyRequest, reply: FastifyReply, siteId: string): void {
    if (opts.keyRateLimit <= 0) return;
    const wait = perKey.take(siteId, clientHash(request.ip));
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'rate_limited', `too many requests for this key; retry in ${wait} s`);
    }
  }

  function assertOrigin(request: FastifyRequest, site: SiteRecord, reply?: FastifyReply): void {
    const origin = request.headers.origin;
    if (origin !== undefined && !site.origins.includes(origin)) {
      // Known to another site, perhaps, but not to this key's: no CORS answer for it.
      reply?.removeHeader('access-control-allow-origin');
      throw new HttpError(403, 'origin_not_allowed', `origin ${origin} is not allowed for this key`);
    }
  }

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/config',
    {
      schema: {
        tags: ['widget'],
        summary: 'What the widget needs: the site’s active surveys (public key; cacheable, ETag)',
        querystring: ConfigQuerySchema.loose(),
        response: { 200: WidgetConfigSchema, 304: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const site = await app.store.sites.findByPublicKey(request.query.key);
      if (!site) throw new HttpError(404, 'not_found', 'unknown public key');
      assertOrigin(request, site, reply);
      limitKey(request, reply, site.id);
      const surveys = await app.store.surveys.listActive(site.id);
      const config: WidgetConfig = {
        site: { name: site.name },
        surveys: surveys.map((s) => ({
          id: s.id,
          name: s.name,
          questions: s.questions,
          productName: s.productName,
          locale: s.locale,
          display: s.display,
          texts: s.texts,
          theme: { ...s.theme, colors: themeColors(s.theme.brandColor) },
        })),
      };
      const etag = `"${createHash('sha256').update(JSON.stringify(config)).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=60').header('vary', 'Origin');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return config;
    },
  );

  r.post(
    '/v1/responses',
    {
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags: ['widget'],
        summary:
          'Store one answer or a batch of up to 100 (public key in each body). The same id again updates that response. application/json or text/plain.',
        body: z.union([ResponseInputSchema, z.array(ResponseInputSchema).min(1).max(LIMITS.batchItems)]),
        response: {
          202: IngestResultSchema,
          ...errors,
          400: ErrorBodySchema.extend({ rejected: IngestResultSchema.shape.rejected }),
        },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      const batch = Array.isArray(body);
      const raw: unknown[] = batch ? body : [body];
      if (batch && (raw.length === 0 || raw.length > LIMITS.batchItems)) {
        throw new HttpError(400, 'validation_failed', `a batch holds 1 to ${LIMITS.batchItems} answers`);
      }
      if (!batch && request.bodyBytes > SINGLE_BODY_LIMIT) {
        throw new HttpError(413, 'payload_too_large', `a single answer is at most ${SINGLE_BODY_LIMIT} bytes`);
      }
      const now = Date.now();
      const sites = new Map<string, Promise<SiteRecord | undefined>>();
      const rejected: Rejection[] = [];
      const items: { index: number; item: IngestItem }[] = [];

      for (const [index, candidate] of raw.entries()) {
        const reject = (e: HttpError) => rejected.push({ index, status: e.statusCode, error: { code: e.code, message: e.message } });
        const parsed = ResponseInputSchema.safeParse(candidate);
        if (!parsed.success) {
          reject(new HttpError(400, 'validation_failed', formatIssues(parsed.error.issues)));
          continue;
        }
        const input = parsed.data;
        let site = sites.get(input.key);
        if (!site) {
          site = app.store.sites.findByPublicKey(input.key);
          sites.set(input.key, site);
        }
        const owner = await site;
        if (!owner) {
          reject(new HttpError(401, 'unauthorized', 'unknown public key'));
          continue;
        }
        try {
          assertOrigin(request, owner, batch ? undefined : reply);
        } catch (e) {
          reject(e as HttpError);
          continue;
        }
        if ((await app.store.surveys.siteOf(input.survey)) !== owner.id) {
          reject(new HttpError(404, 'not_found', 'no such survey for this key'));
          continue;
        }
        items.push({
          index,
          item: {
            id: input.id,
            siteId: owner.id,
            surveyId: input.survey,
            day: localDay(now, owner.timezone),
            now,
            nps: input.nps,
            csat: input.csat,
            comment: input.comment,
            consent: input.consent,
            locale: input.locale,
            page: input.page,
            visitor: input.visitor,
            customer: input.customer,
            attributes: input.attributes,
          },
        });
      }

      // Bots are answered as if stored, so they do not retry, but nothing is written, and nothing
      // is charged to the site's key: a crawler must not spend the budget of real visitors.
      const bot = isBot(request.headers['user-agent']);
      if (!bot) for (const siteId of new Set(items.map((i) => i.item.siteId))) limitKey(request, reply, siteId);
      const outcomes = items.length && !bot ? await app.store.responses.ingest(items.map((i) => i.item)) : [];
      outcomes.forEach((outcome, i) => {
        // A refused item is an id that another survey owns (the only refusal storage makes).
        if (!outcome.ok) rejected.push({ index: items[i]!.index, status: 409, error: { code: 'id_conflict', message: outcome.error.message } });
      });
      const accepted = raw.length - rejected.length;
      rejected.sort((a, b) => a.index - b.index);

      if (!batch) {
        const only = rejected[0];
        if (only) return reply.code(only.status).send({ error: only.error });
        return reply.code(202).send({ accepted });
      }
      const list = rejected.map(({ index, error }) => ({ index, error }));
      if (accepted === 0) {
        return reply
          .code(400)
          .send({ error: { code: 'validation_failed', message: 'no valid answer in the batch' }, rejected: list });
      }
      return reply.code(202).send({ accepted, rejected: list });
    },
  );

  r.post(
    '/v1/events',
    {
      validatorCompiler: passThrough,
      serializerCompiler: plainJson,
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['widget'],
        summary: 'Count that a survey was shown or dismissed, for the response rate (public key in the body)',
        body: EventInputSchema,
        response: { 202: IngestResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const parsed = EventInputSchema.safeParse(request.body);
      if (!parsed.success) throw new HttpError(400, 'validation_failed', formatIssues(parsed.error.issues));
      const site = await app.store.sites.findByPublicKey(parsed.data.key);
      if (!site) throw new HttpError(401, 'unauthorized', 'unknown public key');
      assertOrigin(request, site, reply);
      if ((await app.store.surveys.siteOf(parsed.data.survey)) !== site.id) {
        throw new HttpError(404, 'not_found', 'no such survey for this key');
      }
      if (isBot(request.headers['user-agent'])) return reply.code(202).send({ accepted: 1 });
      limitKey(request, reply, site.id);
      await app.store.events.record({
        siteId: site.id,
        surveyId: parsed.data.survey,
        type: parsed.data.type,
        day: localDay(Date.now(), site.timezone),
      });
      return reply.code(202).send({ accepted: 1 });
    },
  );
}
