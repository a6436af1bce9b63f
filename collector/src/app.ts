// The collector as a Fastify instance; server.ts only listens and shuts down.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import publicRoutes from './routes/public';
import siteRoutes from './routes/sites';
import surveyRoutes from './routes/surveys';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppOptions {
  dbPath: string;
  adminToken?: string | undefined;
  /** Requests per minute per client on public routes; 0 disables. */
  rateLimit?: number;
  trustProxy?: boolean | string;
  logger?: FastifyServerOptions['logger'];
  widgetDir?: string;
  examplesDir?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // A client that trickles its request is cut off; the others are served meanwhile.
    requestTimeout: 15_000,
    connectionTimeout: 10_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // sendBeacon and no-preflight fetches send text/plain: parse it as JSON with the same
  // prototype-poisoning protection as application/json.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  await app.register(errorsPlugin);
  await app.register(storePlugin, { dbPath: options.dbPath });
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
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes);
  await app.register(siteRoutes);
  await app.register(surveyRoutes);
  await app.register(insightRoutes);
  await app.register(publicRoutes, { rateLimit: options.rateLimit ?? 600 });
  await app.register(assetRoutes, {
    widgetDir: options.widgetDir ?? path.join(ROOT, 'widget/dist'),
    examplesDir: options.examplesDir ?? path.join(ROOT, 'examples'),
  });
  return app;
}
