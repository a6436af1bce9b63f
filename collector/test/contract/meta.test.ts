// The contract test can fail: its checker catches an undocumented status, a body that breaks the
// documented schema, a missing envelope, a 5xx and an undocumented media type; a document that
// lost a status or a field makes the runner report drift against the real app; and a route that
// answers with a status it does not document is caught end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helper';
import { arbitraryFor } from './arbitraries';
import { checkAnswer, type Answer } from './checker';
import { makeFixture } from './fixtures';
import { invalidVariants } from './mutations';
import {
  isJsonMediaType,
  listOperations,
  normalizeDocument,
  resolvePointer,
  resolveSchema,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
} from './openapi';
import { ContractRunner } from './runner';
import { DocumentValidator } from './validator';

const RUNS = { seed: 7, validRuns: 5, invalidRuns: 5 };

let t: TestApp;
let served: OpenApiDocument;
let doc: OpenApiDocument;
let validator: DocumentValidator;
beforeAll(async () => {
  t = await buildTestApp({ webhookAllowPrivate: true });
  served = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  doc = normalizeDocument(served);
  validator = new DocumentValidator(doc);
});
afterAll(async () => {
  await t.close();
});

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first operation with a 2xx JSON answer whose schema is an object with required properties. */
function operationWithObjectAnswer(operations: Operation[]) {
  for (const op of operations) {
    for (const [key, r] of Object.entries(op.responses)) {
      const media = r.content.find((m) => isJsonMediaType(m.name) && m.located);
      if (!/^2/.test(key) || !media?.located) continue;
      const schema = resolveSchema(doc, media.located.schema);
      if (isObject(schema) && Array.isArray(schema.required) && schema.required.length > 0) return { op, status: Number(key), media: media.name, located: media.located };
    }
  }
  throw new Error('the document has no 2xx JSON answer with required properties');
}

const jsonAnswer = (status: number, body: unknown, contentType = 'application/json; charset=utf-8'): Answer => ({
  status,
  headers: { 'content-type': contentType },
  body: JSON.stringify(body),
});

describe('checkAnswer', () => {
  it('passes a documented answer whose body validates', () => {
    const { op, status, located } = operationWithObjectAnswer(listOperations(doc));
    const [body] = fc.sample(arbitraryFor(doc, located.schema), { seed: 1, numRuns: 1 });
    expect(checkAnswer(validator, op, jsonAnswer(status, body), 'valid')).toEqual({ outcome: 'accepted', problems: [] });
  });

  it('reports a status the operation does not document', () => {
    const { op } = operationWithObjectAnswer(listOperations(doc));
    const verdict = checkAnswer(validator, op, jsonAnswer(418, { error: { code: 'teapot', message: 'short and stout' } }), 'invalid');
    expect(verdict.outcome).toBe('broken');
    expect(verdict.problems.join('\n')).toMatch(/status 418 is not documented/);
  });

  it('reports every body that breaks the documented schema (a missing field, an undocumented one, a wrong type)', () => {
    const { op, status, located } = operationWithObjectAnswer(listOperations(doc));
    const [body] = fc.sample(arbitraryFor(doc, located.schema), { seed: 2, numRuns: 1 });
    const variants = invalidVariants(doc, located.schema, body, 'body').filter((v) => !validator.isValid(located.pointer, v.value));
    expect(variants.map((v) => v.kind)).toContain('required');
    for (const variant of variants) {
      const verdict = checkAnswer(validator, op, jsonAnswer(status, variant.value), 'valid');
      expect(verdict.problems.join('\n'), variant.label).toMatch(/does not match the documented schema/);
    }
  });

  it('reports an error answer without the envelope, a 5xx, and an undocumented media type', () => {
    const { op, status, located } = operationWithObjectAnswer(listOperations(doc));
    const withError = listOperations(doc).find((o) => Object.keys(o.responses).some((k) => /^4\d\d$/.test(k)))!;
    const documented4xx = Object.keys(withError.responses).find((k) => /^4\d\d$/.test(k))!;
    const bare = checkAnswer(validator, withError, jsonAnswer(Number(documented4xx), { message: 'no envelope' }), 'invalid');
    expect(bare.problems.join('\n')).toMatch(/not the error envelope/);

    const crash = checkAnswer(validator, op, jsonAnswer(500, { error: { code: 'internal', message: 'internal error' } }), 'valid');
    expect(crash.problems.join('\n')).toMatch(/500: a server error/);

    const [body] = fc.sample(arbitraryFor(doc, located.schema), { seed: 3, numRuns: 1 });
    const html = checkAnswer(validator, op, { status, headers: { 'content-type': 'text/html' }, body: `<p>${JSON.stringify(body)}</p>` }, 'valid');
    expect(html.problems.join('\n')).toMatch(/content-type text\/html is not documented/);
  });

  it('reports a valid request refused with an undocumented status, and an invalid one accepted', () => {
    const { op, status, located } = operationWithObjectAnswer(listOperations(doc));
    const [body] = fc.sample(arbitraryFor(doc, located.schema), { seed: 4, numRuns: 1 });
    expect(checkAnswer(validator, op, jsonAnswer(status, body), 'invalid').problems.join('\n')).toMatch(/invalid request was accepted/);
    const undocumented = [400, 401, 403, 404, 409, 413, 414, 415, 422, 429].find((s) => !op.responses[String(s)] && !op.responses['4XX'] && !op.responses.default)!;
    const refused = checkAnswer(validator, op, jsonAnswer(undocumented, { error: { code: 'x', message: 'y' } }), 'valid');
    expect(refused.problems.join('\n')).toMatch(new RegExp(`status ${undocumented} is not documented`));
  });
});

describe('the runner against a document that lost part of its contract', () => {
  const runOn = async (edited: OpenApiDocument, opId: string) => {
    const runner = new ContractRunner(t.app, edited, { ...RUNS, makeFixture: () => makeFixture(t.app) });
    const op = runner.operations.find((o) => o.id === opId)!;
    return (await runner.runOperation(op)).failures.flatMap((f) => f.problems);
  };

  it('reports the answers of a status removed from the document', async () => {
    const { op, status } = operationWithObjectAnswer(listOperations(doc));
    const edited = structuredClone(served);
    const responses = (edited.paths![op.path]![op.method.toLowerCase()] as { responses: Obj }).responses;
    delete responses[String(status)];
    const problems = await runOn(edited, op.id);
    expect(problems.join('\n')).toMatch(new RegExp(`status ${status} is not documented`));
  });

  it('reports the answers that carry a field removed from the document', async () => {
    const { op, located } = operationWithObjectAnswer(listOperations(doc));
    const edited = structuredClone(served);
    // Edit the schema where it lives in the copy (behind its $ref, if it has one).
    const target = resolveSchema(edited, resolvePointer(edited, located.pointer) as JsonSchema) as Obj;
    const field = (target.required as string[])[0]!;
    delete (target.properties as Obj)[field];
    target.required = (target.required as string[]).filter((f) => f !== field);
    target.additionalProperties = false;
    const problems = await runOn(edited, op.id);
    expect(problems.join('\n')).toMatch(new RegExp(`does not match the documented schema.*"${field}"`));
  });
});

describe('a route that drifts from its own documentation', () => {
  it('is caught end to end: the undocumented status is reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-contract-meta-'));
    const app = await buildApp({ dbPath: path.join(dir, 'plaudit.db'), adminToken: ADMIN_TOKEN, rateLimit: 0, webhookAllowPrivate: true });
    try {
      app.withTypeProvider<ZodTypeProvider>().get(
        '/v1/contract-drift',
        {
          schema: {
            summary: 'Documents 200 but answers 201',
            querystring: z.object({ n: z.coerce.number().int().min(1).max(5) }),
            response: { 200: z.object({ ok: z.boolean() }) },
          },
        },
        // The drift under test: a status the route's own schema does not list.
        async (_request, reply) => reply.code(201 as 200).send({ ok: true }),
      );
      await app.ready();
      const withDrift = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
      const runner = new ContractRunner(app, withDrift, { ...RUNS, makeFixture: () => makeFixture(app) });
      const op = runner.operations.find((o) => o.path === '/v1/contract-drift')!;
      expect(op).toBeDefined();
      const report = await runner.runOperation(op);
      expect(report.failures.flatMap((f) => f.problems).join('\n')).toMatch(/status 201 is not documented/);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
