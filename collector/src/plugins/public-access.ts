// What the routes a visitor's browser calls with a public key share: CORS for the origins some
// site allows, the per-address rate limit, and, as decorators, resolving a public key to its site,
// checking the request's Origin against that site's, and the per-key limit. Registered inside the
// public routes' own scope, so none of it runs on the owners' API.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SiteRecord } from '../store/types';
import { clientHash } from '../lib/client-hash';
import { HttpError } from '../lib/errors';
import { KeyRateLimit } from '../lib/key-rate-limit';
import { jsonBodyParser } from '../lib/json-body';

export interface PublicAccessOptions {
  /** Requests per minute per client address; 0 turns the limit off. */
  rateLimit: number;
  /** Requests per minute per public key; 0 turns the limit off. */
  keyRateLimit: number;
  /** The collector's public URL, whose pages (the hosted surveys) may use any site's key. */
  publicUrl?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The site of a live public key, or undefined. */
    siteOfKey: (key: string) => Promise<SiteRecord | undefined>;
    /** Refuses (403) a browser request whose Origin the site does not list. */
    assertOrigin: (request: FastifyRequest, site: SiteRecord, reply?: FastifyReply) => void;
    /** Charges one request to a site's key; refuses (429) a client over its share. */
    limitKey: (request: FastifyRequest, reply: FastifyReply, siteId: string) => void;
  }
}

export const unknownKey = () => new HttpError(401, 'unauthorized', 'unknown public key');

export default fp(
  async function publicAccess(app: FastifyInstance, opts: PublicAccessOptions) {
    // sendBeacon and no-preflight fetches send text/plain: parsed as JSON, as application/json is.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, jsonBodyParser(app));

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

    // CORS headers go to origins that some site allows; each handler then checks the Origin
    // against the key's own site and refuses (403) the others.
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
    app.decorate('limitKey', (request: FastifyRequest, reply: FastifyReply, siteId: string) => {
      if (opts.keyRateLimit <= 0) return;
      const wait = perKey.take(siteId, clientHash(request.ip));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new HttpError(429, 'rate_limited', `too many requests for this key; retry in ${wait} s`);
      }
    });

    app.decorate('siteOfKey', (key: string) => app.store.sites.findByPublicKey(key));

    const ownOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : undefined;
    app.decorate('assertOrigin', (request: FastifyRequest, site: SiteRecord, reply?: FastifyReply) => {
      const origin = request.headers.origin;
      // The collector's own pages (hosted surveys, /s/…) send answers from its own origin.
      const own = origin === (ownOrigin ?? `${request.protocol}://${request.host}`);
      if (origin !== undefined && !own && !site.origins.includes(origin)) {
        // Known to another site, perhaps, but not to this key's: no CORS answer for it.
        reply?.removeHeader('access-control-allow-origin');
        throw new HttpError(403, 'origin_not_allowed', `origin ${origin} is not allowed for this key`);
      }
    });
  },
  { name: 'plaudit-public-access', dependencies: ['plaudit-store'] },
);
