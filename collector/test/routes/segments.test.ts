import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SEGMENT_ATTRIBUTES, MAX_SEGMENT_VALUES, OTHER_SEGMENT } from '../../src/store/sqlite/segments';
import { answer, bearer, buildTestApp, restartTestApp, createSite, createSurvey, expectError, postResponses, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'Europe/Paris' });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

type Segment = { value: string; responses: number; nps: { score: number | null; responses: number }; csat: { score: number | null; mean: number | null } };
async function segments(query: string): Promise<Segment[]> {
  const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics?${query}`, headers: bearer(site.secretKey) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().segments;
}
const summary = (list: Segment[]) => list.map((s) => [s.value, s.responses, s.nps.score]);

/** Segment counters as stored, with empty rows left out: "attribute/day/value/survey" → counters. */
async function storedSegments(): Promise<Record<string, Record<string, number>>> {
  const rows = await t.db.query<Record<string, string | number>>('SELECT * FROM segment_rollups WHERE responses != 0');
  return Object.fromEntries(
    rows.map((r) => [
      `${r.attribute}/${r.day}/${r.value}/${r.survey_id}`,
      Object.fromEntries(Object.entries(r).filter(([k, v]) => !['site_id', 'attribute', 'day', 'value', 'survey_id'].includes(k) && Number(v) !== 0).map(([k, v]) => [k, Number(v)])),
    ]),
  );
}

/** The same counters computed from the responses table and the admitted values, in JavaScript. */
async function recomputedSegments(): Promise<Record<string, Record<string, number>>> {
  const admitted = new Set((await t.db.query<{ attribute: string; value: string }>('SELECT attribute, value FROM segment_values')).map((r) => `${r.attribute}\u0000${r.value}`));
  const names = new Set([...admitted].map((k) => k.split('\u0000')[0]));
  const out: Record<string, Record<string, number>> = {};
  const responses = await t.db.query<{ survey_id: string; day: string; nps: number | null; csat: number | null; comment: string | null; attributes: string }>('SELECT * FROM responses');
  for (const r of responses) {
    for (const [attribute, raw] of Object.entries(JSON.parse(r.attributes) as Record<string, unknown>)) {
      if (!names.has(attribute)) continue;
      const value = admitted.has(`${attribute}\u0000${String(raw)}`) ? String(raw) : OTHER_SEGMENT;
      const row = (out[`${attribute}/${r.day}/${value}/${r.survey_id}`] ??= {});
      const bump = (k: string) => (row[k] = (row[k] ?? 0) + 1);
      bump('responses');
      if (r.comment !== null) bump('comments');
      if (r.nps !== null) bump(`nps${r.nps}`);
      if (r.csat !== null) bump(`csat${r.csat}`);
    }
  }
  return out;
}

describe('metrics segmented by an attribute', () => {
  it('scores each value of the attribute over the range, most answered first', async () => {
    const at = '2026-05-10T12:00:00Z';
    for (const nps of [10, 9, 2]) await seedAnswer(t.app, site, survey.id, at, { nps, attributes: { plan: 'pro', newCustomer: true } });
    for (const nps of [0, 10]) await seedAnswer(t.app, site, survey.id, at, { nps, attributes: { plan: 'free', newCustomer: false } });
    await seedAnswer(t.app, site, survey.id, at, { csat: 5, attributes: { plan: 'team', seats: 12 } });
    await seedAnswer(t.app, site, survey.id, at, { nps: 10 }); // no attributes: in no segment

    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics?segment=plan`, headers: bearer(site.secretKey) });
    const m = res.json();
    expect(m.responses).toBe(7);
    expect(m.segment).toBe('plan');
    expect(summary(m.segments)).toEqual([
      ['pro', 3, 33.3],
      ['free', 2, 0],
      ['team', 1, null],
    ]);
    expect(m.segments[2].csat).toMatchObject({ score: 100, mean: 5 });
    // Booleans and numbers are segments named as JSON writes them.
    expect(summary(await segments('segment=newCustomer'))).toEqual([
      ['true', 3, 33.3],
      ['false', 2, 0],
    ]);
    expect(summary(await segments('segment=seats'))).toEqual([['12', 1, null]]);
    expect(await segments('segment=unknown')).toEqual([]);
  });

  it('applies the range and the survey filter', async () => {
    const other = await createSurvey(t.app, site, { name: 'CSAT' });
    await seedAnswer(t.app, site, survey.id, '2026-03-31T21:00:00Z', { nps: 10, attributes: { plan: 'pro' } }); // Mar 31, 23:00 in Paris
    await seedAnswer(t.app, site, survey.id, '2026-03-31T22:30:00Z', { nps: 0, attributes: { plan: 'pro' } }); // Apr 1, 00:30 in Paris
    await seedAnswer(t.app, site, other.id, '2026-04-02T10:00:00Z', { nps: 9, attributes: { plan: 'pro' } });
    expect(summary(await segments('segment=plan&from=2026-04-01'))).toEqual([['pro', 2, 0]]);
    expect(summary(await segments('segment=plan&to=2026-03-31'))).toEqual([['pro', 1, 100]]);
    expect(summary(await segments(`segment=plan&survey=${survey.id}`))).toEqual([['pro', 2, 0]]);
  });

  it('moves an answer between segments when a follow-up changes it, and erasure takes it out', async () => {
    const first = answer(site, survey, { nps: 3, attributes: { plan: 'free' } });
    expect((await postResponses(t.app, first)).statusCode).toBe(202);
    expect(summary(await segments('segment=plan'))).toEqual([['free', 1, -100]]);

    // The customer upgraded meanwhile; the follow-up carries the new plan and a new score.
    expect((await postResponses(t.app, { ...first, nps: 10, attributes: { plan: 'pro' } })).statusCode).toBe(202);
    expect(summary(await segments('segment=plan'))).toEqual([['pro', 1, 100]]);

    const res = await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${first.id}`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    expect(await segments('segment=plan')).toEqual([]);
  });

  it(`gives the first ${MAX_SEGMENT_VALUES} values of an attribute a row each and counts the rest as ${OTHER_SEGMENT}`, async () => {
    const batch = Array.from({ length: MAX_SEGMENT_VALUES + 2 }, (_, i) => answer(site, survey, { nps: 10, attributes: { order: `o-${i}` } }));
    for (let i = 0; i < batch.length; i += 100) {
      expect((await postResponses(t.app, batch.slice(i, i + 100))).statusCode).toBe(202);
    }
    const list = await segments('segment=order');
    expect(list).toHaveLength(MAX_SEGMENT_VALUES + 1);
    expect(list[0]).toMatchObject({ value: OTHER_SEGMENT, responses: 2 });
    // Erasing an answer counted under (other) takes it out of (other), not of a row of its own.
    const last = batch.at(-1)!;
    await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${last.id}`, headers: bearer(site.secretKey) });
    expect((await segments('segment=order'))[0]).toMatchObject({ value: OTHER_SEGMENT, responses: 1 });
  });

  it(`segments the first ${MAX_SEGMENT_ATTRIBUTES} attribute names of a site and no others`, async () => {
    const names = Array.from({ length: MAX_SEGMENT_ATTRIBUTES + 1 }, (_, i) => `k${i}`);
    // At most 20 attributes per answer: spread the names over several answers, in order.
    for (let i = 0; i < names.length; i += 20) {
      const attributes = Object.fromEntries(names.slice(i, i + 20).map((name) => [name, 'x']));
      expect((await postResponses(t.app, answer(site, survey, { nps: 9, attributes }))).statusCode).toBe(202);
    }
    expect(summary(await segments(`segment=k${MAX_SEGMENT_ATTRIBUTES - 1}`))).toEqual([['x', 1, 100]]);
    expect(await segments(`segment=k${MAX_SEGMENT_ATTRIBUTES}`)).toEqual([]);
    const [stored] = await t.db.query<{ n: number }>('SELECT count(DISTINCT attribute) AS n FROM segment_rollups');
    expect(Number(stored!.n)).toBe(MAX_SEGMENT_ATTRIBUTES);
  });

  it('keeps every value in its bucket across a restart, even one whose counters netted to zero', async () => {
    // Two requests, each an answer and its follow-up moving it to plan p: v0 and w0 are admitted
    // (each takes one of the 100 places) though their counters end at zero.
    for (const first of ['v0', 'w0']) {
      const a = answer(site, survey, { nps: 9, attributes: { plan: first } });
      expect((await postResponses(t.app, [a, { ...a, attributes: { plan: 'p' } }])).statusCode).toBe(202);
    }
    const fill = Array.from({ length: MAX_SEGMENT_VALUES - 3 }, (_, i) => answer(site, survey, { nps: 9, attributes: { plan: `v${i + 1}` } }));
    expect((await postResponses(t.app, fill)).statusCode).toBe(202);
    const z1 = answer(site, survey, { nps: 0, attributes: { plan: 'z' } });
    expect((await postResponses(t.app, z1)).statusCode).toBe(202);
    expect((await segments('segment=plan')).find((g) => g.value === 'z')).toBeUndefined();

    // Restart: a new app on the same database reads which values have a place from the table.
    t = await restartTestApp(t);
    expect((await postResponses(t.app, answer(site, survey, { nps: 10, attributes: { plan: 'z' } }))).statusCode).toBe(202);
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${z1.id}`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    const after = await segments('segment=plan');
    // (other) now holds the second z answer (a promoter), not the erased first one (a detractor).
    expect(after.find((g) => g.value === OTHER_SEGMENT)).toMatchObject({ responses: 1, nps: { score: 100 } });
    expect(after.find((g) => g.value === 'z')).toBeUndefined();
    expect(after.reduce((n, g) => n + g.responses, 0)).toBe(MAX_SEGMENT_VALUES);
    expect(after.find((g) => g.value === 'p')).toMatchObject({ responses: 2 });
  });

  it('keeps what the responses table and the admitted values add up to', async () => {
    const at = '2026-06-01T12:00:00Z';
    for (let i = 0; i < 30; i++) {
      await seedAnswer(t.app, site, survey.id, at, {
        nps: i % 11,
        csat: (i % 5) + 1,
        comment: i % 3 ? 'ok' : undefined,
        // 1/3 and 1e-7: numbers SQLite would print otherwise than JavaScript does.
        attributes: { plan: ['free', 'pro', 'team'][i % 3]!, country: i % 2 ? 'FR' : 'DE', score: i % 4, ratio: i % 2 ? 1 / 3 : 1e-7, vip: i % 5 === 0 },
      });
    }
    const followUp = answer(site, survey, { nps: 4, attributes: { plan: 'free' } });
    await postResponses(t.app, followUp);
    await postResponses(t.app, { ...followUp, comment: 'now with words', attributes: { country: 'FR' } });
    const written = await storedSegments();
    expect(Object.keys(written).length).toBeGreaterThan(10);
    expect(written).toEqual(await recomputedSegments());
  });

  it('refuses a segment that cannot be an attribute key', async () => {
    for (const bad of ['', 'has%20space', 'x'.repeat(41)]) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics?segment=${bad}`, headers: bearer(site.secretKey) });
      expectError(res, 400, 'validation_failed');
    }
  });
});
