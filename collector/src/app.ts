// The collector as a Fastify instance; server.ts only listens and shuts down.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { transformDocument } from './openapi-document';
import authPlugin from './plugins/auth';
import { jsonBodyParser } from './lib/json-body';
import errorsPlugin, { frameworkErrors } from './plugins/errors';
import storePlugin from './plugins/store';
import type { Store } from './store/types';
import publicAccess from './plugins/public-access';
import assetRoutes from './routes/assets';
import configRoutes from './routes/config';
import eventRoutes from './routes/events';
import fatigueRoutes from './routes/fatigue';
import healthRoutes from './routes/health';
import hostedRoutes from './routes/hosted';
import linkRoutes from './routes/links';
import markerRoutes from './routes/markers';
import metricsRoutes from './routes/metrics';
import compareRoutes from './routes/metrics/compare';
import resultsRoutes from './routes/surveys/results';
import themeRoutes from './routes/themes';
import followUpRoutes from './routes/responses/follow-up';
import { publicTestimonialRoutes, testimonialRoutes } from './routes/testimonials';
import webhookRoutes from './routes/webhooks';
import notificationRoutes from './routes/notifications';
import accountRoutes from './routes/accounts';
import deliveriesPlugin from './plugins/deliveries';
import themesPlugin from './plugins/themes';
import { warmLanguageDetection } from './domain/themes/analyze';
import reportsPlugin from './plugins/reports';
import { DEFAULT_RETRY_BASE_MS } from './domain/webhooks/schedule';
import eraseRoutes from './routes/responses/erase';
import ingestRoutes from './routes/responses/ingest';
import responseListRoutes from './routes/responses/list';
import siteRoutes from './routes/sites';
import surveyRoutes from './routes/surveys';
import customerRoutes from './routes/customers';
import churnRoutes from './routes/customers/churn';
import ticketRoutes from './routes/tickets';
import ticketMetricsRoutes from './routes/tickets/metrics';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppOptions {
  /** The SQLite file (the default engine). */
  dbPath?: string;
  /** A postgres:// URL: PostgreSQL instead of SQLite (PLAUDIT_DB is then ignored). */
  databaseUrl?: string;
  /** A store already open, for tests that need an engine's own handles. */
  store?: Store;
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
  /** Drop answers and events from known bots (counted in the metrics); on by default. */
  botFilter?: boolean;
  /** How long a themes answer is kept (ms); a minute by default. */
  themesTtlMs?: number;
  /** How long churn, ticket and at-risk answers are kept (ms); a minute by default (plugins/reports.ts). */
  reportsTtlMs?: number;
  /** The first retry delay of a failed webhook delivery (ms); 5 s by default. */
  webhookRetryBaseMs?: number;
  /** Let webhooks reach loopback and private addresses; off by default. */
  webhookAllowPrivate?: boolean;
  /** Where alerts and digests are sent from; none sends no e-mail. */
  smtp?: { url: string; from: string } | undefined;
  /** How long after a detractor's score its alert e-mail goes (ms); a minute by default. */
  alertDelayMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Size of the parsed body in bytes, for limits that depend on its shape. */
    bodyBytes: number;
  }
  interface FastifyInstance {
    /** Whether answers and events from bots are dropped (and only counted). */
    botFilter: boolean;
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
    // The socket's idle limit: above any honest request's time (a long report on a large site),
    // so a slow answer is sent rather than cut; trickling clients are the two limits above's.
    connectionTimeout: 60_000,
    keepAliveTimeout: 5_000,
    http: {
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs / 2),
    },
    // plugins/errors.ts answers 503 while closing, in the API's error envelope.
    return503OnClosing: false,
    frameworkErrors,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Long enough for any identifier ingest accepts once percent-encoded (a customer id of 128
    // characters of 4 UTF-8 bytes is 1,536 characters in a path); each route's schema bounds its own.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 2_048 },
  });
  // Fastify hands a missing body to validators as null: a route whose body is optional (it has
  // defaults, like rotate-public's) should see no body, and one that needs a body says so.
  app.setValidatorCompiler((route) => {
    const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
    return route.httpPart === 'body' ? (data: unknown) => validate(data === null ? undefined : data) : validate;
  });
  app.setSerializerCompiler(serializerCompiler);

  // text/plain is parsed as JSON too, but only in the public routes' scope (plugins/public-access.ts),
  // where sendBeacon and no-preflight fetches need it; the owners' API answers it 415.
  app.decorateRequest('bodyBytes', 0);
  app.decorate('botFilter', options.botFilter ?? true);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser(app));

  await app.register(errorsPlugin);
  await app.register(storePlugin, { dbPath: options.dbPath, databaseUrl: options.databaseUrl, store: options.store, writeTimeoutMs: options.writeTimeoutMs });
  await app.register(cookie);
  await app.register(authPlugin, { adminToken: options.adminToken });
  await app.register(themesPlugin, { ttlMs: options.themesTtlMs });
  // Ingest guesses a comment's language: the detector loads now, not during a request.
  warmLanguageDetection();
  await app.register(reportsPlugin, { ttlMs: options.reportsTtlMs });
  await app.register(deliveriesPlugin, {
    retryBaseMs: options.webhookRetryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    allowPrivate: options.webhookAllowPrivate ?? false,
    publicUrl: options.publicUrl,
    smtp: options.smtp,
    alertDelayMs: options.alertDelayMs,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Plaudit collector API',
        version: '1.0.0',
        summary: 'NPS and CSAT answers in, figures out.',
        description: [
          'The v1 API of a Plaudit collector: the widget’s public routes (configuration, answers, events) and the site owner’s API (sites, surveys, responses, metrics, erasure, keys).',
          '**Keys.** Site routes take `Authorization: Bearer sk_…`, the site’s secret key, or the admin token. Another site’s resources answer `404`. The public key (`pk_…`) is write-only and sits in the page’s snippet.',
          '**Errors.** Every non-2xx answer is `{"error": {"code", "message"}}`; bad input gets a `4xx` and stores nothing.',
          '**Dates.** Days are `YYYY-MM-DD` in the site’s time zone; instants are ISO 8601.',
        ].join('\n\n'),
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Without a configured public URL, the document's own origin (a relative server URL).
      servers: [{ url: options.publicUrl ?? '/', description: 'This collector' }],
      tags: [
        { name: 'widget', description: 'What the widget calls from visitors’ browsers, with the public key.' },
        { name: 'sites', description: 'Sites and their keys.' },
        { name: 'surveys', description: 'A site’s surveys.' },
        { name: 'responses', description: 'Stored answers: list, export, erase.' },
        { name: 'accounts', description: 'Team accounts for the dashboard: set-up, sign-in, a site’s team and invitations.' },
        { name: 'follow-up', description: 'Closing the loop on a response: its state, owner and internal notes.' },
        { name: 'testimonials', description: 'Quotes customers allowed: review them, show the approved ones.' },
        { name: 'webhooks', description: 'Endpoints that receive events, signed (Standard Webhooks), and the e-mails a site sends, from one persistent queue.' },
        { name: 'metrics', description: 'NPS, CSAT and response rate; compare, change markers, themes.' },
        { name: 'customers', description: 'Customer events from the billing system, and the customers at risk of leaving.' },
        { name: 'tickets', description: 'Support tickets from the help desk, and the support schedule for business hours.' },
        { name: 'health', description: 'For load balancers and monitors.' },
      ],
      components: {
        securitySchemes: {
          secretKey: { type: 'http', scheme: 'bearer', bearerFormat: 'sk_…', description: 'The site’s secret key, shown once when the site is created or the key rotated.' },
          adminToken: { type: 'http', scheme: 'bearer', bearerFormat: 'adm_…', description: 'The operator’s admin token (PLAUDIT_ADMIN_TOKEN, or the one printed on the first start): creates sites, manages any site.' },
          publicKey: { type: 'apiKey', in: 'query', name: 'key', description: 'The site’s public key (`pk_…`), as in the snippet. Write-only: it reads the widget configuration and writes answers.' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'plaudit_session',
            description: 'A dashboard session (POST /v1/session). Requests that change something also send its CSRF token in `x-csrf-token`. Its role on the site decides: viewer reads, editor also changes surveys, follow-up and quotes, owner everything.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: transformDocument,
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
    // The docs page sets its own CSP with hashes of its inline code, to which we add the one inline
    // style Swagger UI applies when it renders (seen blocked in Chromium's console). Without
    // upgrade-insecure-requests: a collector served over plain http on a LAN would lose its assets.
    await api.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: (header) =>
        header
          .replace("style-src 'self' https:", `style-src 'self' https: 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='`)
          .replace('upgrade-insecure-requests;', ''),
    });
    await api.register(healthRoutes);
    await api.register(siteRoutes);
    await api.register(surveyRoutes);
    await api.register(resultsRoutes);
    await api.register(responseListRoutes);
    await api.register(eraseRoutes);
    await api.register(followUpRoutes);
    await api.register(testimonialRoutes);
    await api.register(metricsRoutes);
    await api.register(compareRoutes);
    await api.register(markerRoutes);
    await api.register(customerRoutes);
    await api.register(churnRoutes);
    await api.register(ticketRoutes);
    await api.register(ticketMetricsRoutes);
    await api.register(themeRoutes);
    await api.register(linkRoutes, { publicUrl: options.publicUrl });
    await api.register(webhookRoutes);
    await api.register(notificationRoutes);
    await api.register(accountRoutes, { publicUrl: options.publicUrl });
  });

  // The routes a visitor's browser calls with a public key, in a scope of their own: CORS and the
  // per-address limit apply to them alone.
  const rateLimit = options.rateLimit ?? 600;
  await app.register(async function publicApi(scope) {
    await scope.register(publicAccess, { rateLimit, keyRateLimit: options.keyRateLimit ?? rateLimit * 20, publicUrl: options.publicUrl });
    await scope.register(configRoutes);
    await scope.register(ingestRoutes);
    await scope.register(eventRoutes);
    await scope.register(fatigueRoutes);
    await scope.register(publicTestimonialRoutes);
  });
  await app.register(hostedRoutes);
  await app.register(import('./routes/dashboard'), { dir: path.join(ROOT, 'collector/dashboard/dist') });
  await app.register(assetRoutes, {
    widgetDir: options.widgetDir ?? path.join(ROOT, 'widget/dist'),
    examplesDir: options.examplesDir ?? path.join(ROOT, 'examples'),
    publicUrl: options.publicUrl,
  });
  return app;
}
