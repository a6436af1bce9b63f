// One error shape for every route: { error: { code, message } }. Validation and parsing
// failures become 4xx with a readable message; anything unexpected is a 500 without details.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@plaudit/shared';
import { StoreError } from '../store/errors';
import { HttpError } from '../lib/errors';

/** How long a client should wait before it retries a write the database could not take. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_request'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_request'],
  FST_ERR_BAD_URL: [400, 'bad_request'],
};

export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const where = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * Errors Fastify meets before any route runs (a malformed percent-escape, a path parameter over
 * the router's length limit): Fastify's `frameworkErrors` option, so they get the one envelope.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send(errorBody('uri_too_long', 'a path segment is longer than any identifier of this API'));
    return;
  }
  void reply.code(400).send(errorBody('bad_request', error.code === 'FST_ERR_BAD_URL' ? 'the path is not valid percent-encoded UTF-8' : error.message));
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof HttpError) {
        return reply.code(err.statusCode).send(errorBody(err.code, err.message));
      }
      if (err instanceof StoreError) {
        if (err.code === 'unavailable') {
          // Logged once per incident by the store's health callback, not once per request.
          return reply.code(503).header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S)).send(errorBody('unavailable', err.message));
        }
        return reply.code(409).send(errorBody('id_conflict', err.message));
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation.map((v) => ({
          path: v.instancePath.split('/').filter(Boolean),
          message: v.message ?? 'invalid',
        }));
        return reply.code(400).send(errorBody('validation_failed', formatIssues(issues, err.validationContext)));
      }
      const known = err.code ? FASTIFY_CODES[err.code] : undefined;
      if (known) return reply.code(known[0]).send(errorBody(known[1], err.message));
      if (err instanceof SyntaxError || err.statusCode === 400) {
        return reply.code(400).send(errorBody('bad_request', err.message));
      }
      if (err.statusCode === 429) return reply.code(429).send(errorBody('rate_limited', err.message));
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return reply.code(err.statusCode).send(errorBody('bad_request', err.message));
      }
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send(errorBody('internal', 'internal error'));
    });

    // Fastify's own 503 while closing has its own shape: this hook, first of all, answers instead.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      return reply
        .code(503)
        .header('connection', 'close')
        .header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S))
        .send(errorBody('unavailable', 'the collector is shutting down; retry shortly'));
    });

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send(errorBody('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`));
    });
  },
  { name: 'plaudit-errors' },
);
