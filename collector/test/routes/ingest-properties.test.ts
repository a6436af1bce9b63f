// Property-based: random and mutated bodies thrown at POST /v1/responses. Whatever arrives, the
// collector never answers 5xx, a refused request stores nothing, an accepted one reads back exactly.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeText } from '@plaudit/shared';
import { bearer, buildTestApp, createSite, createSurvey, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeAll(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { origins: ['https://shop.example'] });
  survey = await createSurvey(t.app, site);
});
afterAll(async () => {
  await t.close();
});

async function snapshot() {
  const [count] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM responses');
  return {
    rows: Number(count!.n),
    rollup: JSON.stringify(await t.db.query('SELECT * FROM daily_rollups ORDER BY survey_id, day')),
  };
}

// Values that are sometimes right and often subtly wrong for each field.
const scoreLike = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
  fc.integer({ min: -3, max: 13 }),
  fc.double({ noNaN: false }),
  fc.constantFrom('9', '', null, true, false, [], {}, 1e309, -0),
);
const textLike = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('=cmd()', '<img src=x onerror=alert(1)>', 'e\u0301', '\u0000\u202E', ' ', 'x'.repeat(2001)),
  fc.integer(),
  fc.constant(null),
);
const fieldsArb = fc.record(
  {
    nps: scoreLike,
    csat: scoreLike,
    comment: textLike,
    consent: fc.oneof(fc.boolean(), fc.constantFrom('yes', 1, null)),
    locale: fc.oneof(fc.constantFrom('fr', 'en-GB', 'pt-BR', 'xx_YY', ''), textLike),
    page: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'ftp://a.example', '/relative'), textLike),
    visitor: fc.oneof(fc.constantFrom('v_1', 'a b', ''), textLike),
    attributes: fc.oneof(
      fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()), { maxKeys: 25 }),
      fc.anything(),
    ),
    customer: fc.oneof(fc.record({ id: fc.string({ minLength: 1, maxLength: 10 }) }), fc.record({ email: fc.emailAddress() }), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

// Well-formed answers, some of which get one field replaced by a junk value.
const validArb = fc
  .record(
    {
      nps: fc.integer({ min: 0, max: 10 }),
      csat: fc.integer({ min: 1, max: 5 }),
      comment: fc.string({ maxLength: 300 }),
      consent: fc.boolean(),
      locale: fc.constantFrom('fr', 'en-GB', 'de', 'es-419'),
      page: fc.webUrl({ withQueryParameters: true }),
      visitor: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
      attributes: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()), { maxKeys: 20 }),
      customer: fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,10}$/) }),
    },
    { requiredKeys: [] },
  )
  .filter((f) => f.nps !== undefined || f.csat !== undefined || (f.comment ?? '').trim() !== '');
const mutatedArb = fc
  .tuple(validArb, fc.constantFrom('nps', 'csat', 'comment', 'consent', 'locale', 'page', 'visitor', 'attributes', 'customer', 'extra', 'id', 'key', 'survey'), textLike)
  .map(([f, field, junk]) => ({ ...f, [field]: junk }));

const bodyArb = fc.oneof(
  { weight: 3, arbitrary: validArb.map((f) => ({ kind: 'fields' as const, f: f as Record<string, unknown> })) },
  { weight: 3, arbitrary: mutatedArb.map((f) => ({ kind: 'fields' as const, f: f as Record<string, unknown> })) },
  { weight: 2, arbitrary: fieldsArb.map((f) => ({ kind: 'fields' as const, f: f as Record<string, unknown> })) },
  { weight: 1, arbitrary: fc.anything().map((v) => ({ kind: 'anything' as const, v })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ kind: 'raw' as const, s })) },
);

describe('POST /v1/responses under random input', () => {
  it('never 5xx; refused stores nothing; accepted reads back exactly', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.boolean(), async (input, asText) => {
        const before = await snapshot();
        const id = randomUUID();
        let payload: string;
        let sent: Record<string, unknown> | undefined;
        if (input.kind === 'fields') {
          sent = { id, key: site.publicKey, survey: survey.id, ...input.f };
          payload = JSON.stringify(sent);
        } else if (input.kind === 'anything') {
          payload = JSON.stringify(input.v) ?? 'null';
        } else {
          payload = input.s;
        }
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/responses',
          headers: { 'content-type': asText ? 'text/plain' : 'application/json' },
          payload,
        });
        expect(res.statusCode).toBeLessThan(500);
        const after = await snapshot();
        if (res.statusCode !== 202) {
          seen.refused++;
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.json().error.code).toEqual(expect.any(String));
          expect(after).toEqual(before);
          return;
        }
        seen.accepted++;
        // Only a well-formed single answer can be accepted here.
        expect(sent).toBeDefined();
        expect(after.rows).toBe(before.rows + 1);
        const s = JSON.parse(JSON.stringify(sent)) as Record<string, unknown>;
        const list = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses?limit=1`, headers: bearer(site.secretKey) });
        const [row] = list.json().items;
        const comment = typeof s.comment === 'string' ? normalizeText(s.comment) : undefined;
        expect(row).toMatchObject({
          id,
          survey: survey.id,
          nps: s.nps ?? null,
          csat: s.csat ?? null,
          comment: comment ? comment : null,
          consent: s.consent ?? null,
          locale: s.locale ?? null,
          page: s.page ?? null,
          attributes: s.attributes ?? {},
          customer: s.customer ?? null,
        });
      }),
      { numRuns: 300, seed: 20261122 },
    );
    // Both sides of the property were exercised, not just refusals.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(100);
  }, 120_000);
});
