// The collector as a Fastify instance; server.ts only listens and shuts down.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import authPlugin from './plugins/auth';
import errorsPlugin from './plugins/errors';
import storePlugin from './plugins/store';
import assetRoutes from './routes/assets';
import healthRoutes from './routes/health';
import insightRoutes from './routes/insights';
import keyRoutes from './routes/keys';
import publicRoutes from './routes/public';
import siteRoutes from './routes/sites';
import surveyRoutes from './routes/surveys';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppOptions {
  dbPath: string;
  adminToken?: string | undefined;
  /** Requests per minute per client on public routes; 0 disables. */
  rateLimit?: number;
  /** Requests per minute per public key; defaults to 20 × rateLimit (0 when rateLimit is 0). */
  keyRateLimit?: number;
  trustProxy?: boolean | string;
  logger?: FastifyServerOptions['logger'];
  widgetDir?: string;
  examplesDir?: string;
  /** Milliseconds a client has to send a whole request; headers get at most 10 s of it. */
  requestTimeoutMs?: number;
  /** Milliseconds a write may wait for the disk before it is refused with 503. */
  writeTimeoutMs?: number;
  /** The collector's public URL; example pages name it instead of trusting the Host header. */
  publicUrl?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Size of the parsed body in bytes, for limits that depend on its shape. */
    bodyBytes: number;
  }
}

/** Logs carry method, path and status only: no IP address, no headers, no query string. */
export const LOG_SERIALIZERS = {
  req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const logger = options.logger === undefined || options.logger === false ? false : options.logger;
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? { ...logger, serializers: LOG_SERIALIZERS } : logger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // A client that trickles its request (slow loris) is cut off; the others are served meanwhile.
    // Node checks these deadlines every connectionsCheckingInterval, so keep that short.
    requestTimeout: requestTimeoutMs,
    connectionTimeout: 10_000,
    keepAliveTimeout: 5_000,
    http: {
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs / 2),
    },
    return503OnClosing: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // sendBeacon and no-preflight fetches send text/plain: it is parsed as JSON with the same
  // prototype-poisoning protection as application/json, and both record the body's size.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.decorateRequest('bodyBytes', 0);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (request, body, done) => {
    request.bodyBytes = Buffer.byteLength(body as string);
    parseJson(request, body as string, done);
  });

  await app.register(errorsPlugin);
  await app.register(storePlugin, { dbPath: options.dbPath, writeTimeoutMs: options.writeTimeoutMs });
  await app.register(authPlugin, { adminToken: options.adminToken });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Plaudit collector API',
        version: '1.0.0',
        description:
          'NPS and CSAT answers in, metrics out. Errors are `{ "error": { "code", "message" } }`. Site routes take `Authorization: Bearer sk_…` (or the admin token).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  // The API for site owners and its docs, behind security headers. The routes browsers call from
  // customers' pages (public, assets) live outside this scope: page-level headers mean nothing on
  // a JSON answer to fetch(), and helmet's hook costs every request even where it is turned off.
  await app.register(async function ownerApi(api) {
    await api.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      frameguard: { action: 'deny' },
      crossOriginResourcePolicy: { policy: 'same-site' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      hsts: false,
    });
    // The docs page sets its own CSP with hashes of its inline code.
    await api.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    await api.register(healthRoutes);
    await api.register(siteRoutes);
    await api.register(surveyRoutes);
    await api.register(insightRoutes);
    await api.register(keyRoutes);
  });

  const rateLimit = options.rateLimit ?? 600;
  await app.register(publicRoutes, { rateLimit, keyRateLimit: options.keyRateLimit ?? rateLimit * 20 });
  await app.register(assetRoutes, {
    widgetDir: options.widgetDir ?? path.join(ROOT, 'widget/dist'),
    examplesDir: options.examplesDir ?? path.join(ROOT, 'examples'),
    publicUrl: options.publicUrl,
  });
  return app;
}
