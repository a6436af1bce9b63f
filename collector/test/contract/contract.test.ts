// The API keeps the promises of its own OpenAPI document. Everything here is read off the document
// served at GET /docs/json: for each operation, valid requests (generated from its schemas, with
// real ids and keys) must get a documented 2xx, and invalid ones (one documented rule broken each)
// a documented 4xx; no request may get a 5xx; every answer's status, media type, body and required
// headers must be documented, and every JSON error answer must be the error envelope.
// A valid request refused with a documented 4xx and the envelope is allowed (the document may state
// rules its schemas cannot) but counted, and an operation that refuses every valid request fails.
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helper';
import { makeFixture } from './fixtures';
import type { OpenApiDocument } from './openapi';
import { ContractRunner, formatSummary, groupFailures, type OperationReport } from './runner';

const SEED = 20_261_122;
const VALID_PER_OPERATION = 20;
const INVALID_PER_OPERATION = 20;

// Webhook URLs are not resolved (this machine has no outside DNS); deliveries to them stay pending.
const t = await buildTestApp({ webhookAllowPrivate: true });
const served = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
let runner: ContractRunner | undefined;
let setupError: Error | undefined;
try {
  runner = new ContractRunner(t.app, served, {
    seed: SEED,
    validRuns: VALID_PER_OPERATION,
    invalidRuns: INVALID_PER_OPERATION,
    makeFixture: () => makeFixture(t.app),
    // The fixtures make the first account, so the set-up link can only be refused (403 or 409).
    onceOnly: ['POST /v1/setup'],
  });
} catch (err) {
  setupError = err as Error;
}
const reports: OperationReport[] = [];

afterAll(async () => {
  if (reports.length) {
    console.log(`contract test, seed ${SEED}, ${runner?.fixturesMade ?? 0} fixtures made:\n${formatSummary(reports)}`);
  }
  await t.close();
});

describe('the served OpenAPI document', () => {
  it('can be read: every $ref resolves, every operation is listed', () => {
    expect(setupError?.message).toBeUndefined();
    expect(runner!.operations.length).toBeGreaterThan(0);
  });

  it('gives every operation a documented 2xx answer', () => {
    const without = runner!.operations.filter((op) => !Object.keys(op.responses).some((k) => /^2/.test(k))).map((op) => op.id);
    expect(without).toEqual([]);
  });
});

describe.each(runner?.operations ?? [])('$id', (op) => {
  it(`keeps its documented contract for ${VALID_PER_OPERATION} valid and ${INVALID_PER_OPERATION} invalid requests`, async () => {
    const report = await runner!.runOperation(op);
    reports.push(report);
    expect(report.sent.valid).toBe(VALID_PER_OPERATION);
    expect(groupFailures(report.failures)).toEqual([]);
  }, 30_000);
});
