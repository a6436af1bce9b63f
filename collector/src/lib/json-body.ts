// The collector's JSON body parser: Fastify's own, with its prototype-poisoning protection, that
// records the body's size (limits that depend on a body's shape need it) and takes an empty body
// as none (generated clients send the header anyway): a route whose body is optional then takes
// its defaults, and one that needs a body says so in a validation error.
import type { FastifyBodyParser, FastifyInstance } from 'fastify';

export function jsonBodyParser(app: FastifyInstance): FastifyBodyParser<string> {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    request.bodyBytes = Buffer.byteLength(body);
    if (body === '') return done(null, undefined);
    parseJson(request, body, done);
  };
}
