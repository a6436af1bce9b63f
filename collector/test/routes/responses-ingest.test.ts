import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answer,
  bearer,
  buildTestApp,
  countRows,
  createSite,
  createSurvey,
  expectError,
  postResponses,
  type TestApp,
  type TestSite,
} from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { origins: ['https://shop.example'] });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

async function stored(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses?limit=500`, headers: bearer(site.secretKey) });
  return (res.json().items as { id: string }[]).filter((r) => r.id === id);
}

async function metrics() {
  return (await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).json();
}

describe('POST /v1/responses', () => {
  it('stores one answer sent as application/json', async () => {
    const a = answer(site, survey, { nps: 9, locale: 'fr-FR', page: 'https://shop.example/merci', visitor: 'v_123', attributes: { plan: 'pro', seats: 3, trial: false }, customer: { id: 'cus_1', email: 'ada@example.com' } });
    const res = await postResponses(t.app, a);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1 });
    const [row] = await stored(a.id);
    expect(row).toMatchObject({
      id: a.id,
      survey: survey.id,
      nps: 9,
      csat: null,
      comment: null,
      consent: null,
      locale: 'fr-FR',
      page: 'https://shop.example/merci',
      attributes: { plan: 'pro', seats: 3, trial: false },
      customer: { id: 'cus_1', email: 'ada@example.com' },
    });
  });

  it('stores an answer sent as text/plain, as sendBeacon does', async () => {
    const a = answer(site, survey, { csat: 5 });
    const res = await postResponses(t.app, a, { contentType: 'text/plain;charset=UTF-8', origin: 'https://shop.example' });
    expect(res.statusCode).toBe(202);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect((await stored(a.id))[0]).toMatchObject({ csat: 5 });
  });

  it('merges the same id field by field and never creates a second response', async () => {
    const a = answer(site, survey, { nps: 6, attributes: { plan: 'free' } });
    expect((await postResponses(t.app, a)).statusCode).toBe(202);
    const later = { id: a.id, key: a.key, survey: a.survey, comment: 'Too slow at checkout', attributes: { country: 'FR' } };
    expect((await postResponses(t.app, later)).statusCode).toBe(202);
    const changed = { id: a.id, key: a.key, survey: a.survey, nps: 8, consent: true };
    expect((await postResponses(t.app, changed, { contentType: 'text/plain' })).statusCode).toBe(202);
    // A replay of the first request (an outbox retry) changes nothing that came later but the score.
    expect((await postResponses(t.app, { ...later })).statusCode).toBe(202);

    expect(await countRows(t, 'responses')).toBe(1);
    const [row] = await stored(a.id);
    expect(row).toMatchObject({ nps: 8, comment: 'Too slow at checkout', consent: true, attributes: { plan: 'free', country: 'FR' } });
    const m = await metrics();
    expect(m.responses).toBe(1);
    expect(m.nps).toMatchObject({ responses: 1, passives: 1, detractors: 0, score: 0 });
  });

  it.each([
    ['no answer at all', {}],
    ['a blank comment only', { comment: ' \n ' }],
    ['NPS as a string', { nps: '9' }],
    ['NPS 9.5', { nps: 9.5 }],
    ['NPS true', { nps: true }],
    ['NPS 11', { nps: 11 }],
    ['CSAT 0', { csat: 0 }],
    ['CSAT "5"', { csat: '5' }],
    ['a comment over 2,000 characters', { nps: 3, comment: 'a'.repeat(2001) }],
    ['a page that is not http(s)', { nps: 3, page: 'javascript:alert(1)' }],
    ['a page URL over 2,048 characters', { nps: 3, page: `https://shop.example/${'p'.repeat(2040)}` }],
    ['21 attributes', { nps: 3, attributes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`a${i}`, i])) }],
    ['a nested attribute', { nps: 3, attributes: { plan: { name: 'pro' } } }],
    ['an unknown field', { nps: 3, ip: '1.2.3.4' }],
    ['an id that is not a UUID', { nps: 3, id: '42' }],
  ])('refuses %s with 400 and stores nothing', async (_, fields) => {
    const res = await postResponses(t.app, { ...answer(site, survey), ...fields });
    expectError(res, 400, 'validation_failed');
    expect(await countRows(t, 'responses')).toBe(0);
    expect(await countRows(t, 'daily_rollups')).toBe(0);
  });

  it('accepts a comment of exactly 2,000 characters', async () => {
    const a = answer(site, survey, { comment: 'é'.repeat(2000) });
    expect((await postResponses(t.app, a)).statusCode).toBe(202);
  });

  it('refuses a body that is not JSON, or a JSON scalar', async () => {
    expectError(await postResponses(t.app, null, { raw: 'nps=9', contentType: 'text/plain' }), 400, 'bad_request');
    expectError(await postResponses(t.app, 42), 400, 'validation_failed');
    expectError(await postResponses(t.app, null, { raw: '', contentType: 'application/json' }), 400, 'bad_request');
    expect(await countRows(t, 'responses')).toBe(0);
  });

  it('refuses prototype poisoning in text/plain bodies', async () => {
    const raw = `{"id":"${randomUUID()}","key":"${site.publicKey}","survey":"${survey.id}","nps":9,"__proto__":{"admin":true}}`;
    expectError(await postResponses(t.app, null, { raw, contentType: 'text/plain' }), 400, 'bad_request');
    expect(await countRows(t, 'responses')).toBe(0);
  });

  it('refuses an unknown public key, a secret key and another site’s survey', async () => {
    const other = await createSite(t.app, { name: 'Other', origins: ['https://other.example'] });
    const otherSurvey = await createSurvey(t.app, other);
    expectError(await postResponses(t.app, { ...answer(site, survey, { nps: 9 }), key: 'pk_nope' }), 401, 'unauthorized');
    expectError(await postResponses(t.app, { ...answer(site, survey, { nps: 9 }), key: site.secretKey }), 401, 'unauthorized');
    expectError(await postResponses(t.app, answer(site, otherSurvey, { nps: 9 })), 404, 'not_found');
    expectError(await postResponses(t.app, { ...answer(site, survey, { nps: 9 }), survey: 'sv_missing' }), 404, 'not_found');
    expect(await countRows(t, 'responses')).toBe(0);
  });

  it('refuses a browser origin the site does not allow, and counts nothing', async () => {
    await createSite(t.app, { name: 'Evil', origins: ['https://evil.example'] });
    const res = await postResponses(t.app, answer(site, survey, { nps: 10 }), { origin: 'https://evil.example', contentType: 'text/plain' });
    expectError(res, 403, 'origin_not_allowed');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(await countRows(t, 'responses')).toBe(0);
    expect((await metrics()).responses).toBe(0);
  });

  it('refuses an id that belongs to another survey', async () => {
    const second = await createSurvey(t.app, site, { name: 'Second' });
    const a = answer(site, survey, { nps: 9 });
    expect((await postResponses(t.app, a)).statusCode).toBe(202);
    expectError(await postResponses(t.app, { ...a, survey: second.id, nps: 1 }), 409, 'id_conflict');
    const [row] = await stored(a.id);
    expect(row).toMatchObject({ survey: survey.id, nps: 9 });
  });

  describe('batches', () => {
    it('stores every valid item and lists the refused ones by index', async () => {
      const good1 = answer(site, survey, { nps: 10 });
      const good2 = answer(site, survey, { csat: 2, comment: 'Late delivery' });
      const res = await postResponses(t.app, [good1, { ...answer(site, survey), nps: '7' }, good2, { ...answer(site, survey, { nps: 1 }), key: 'pk_nope' }], { contentType: 'text/plain' });
      expect(res.statusCode).toBe(202);
      const body = res.json();
      expect(body.accepted).toBe(2);
      expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 3]);
      expect(body.rejected[0].error.code).toBe('validation_failed');
      expect(body.rejected[1].error.code).toBe('unauthorized');
      expect(await countRows(t, 'responses')).toBe(2);
    });

    it('answers 400 when no item is valid, and stores nothing', async () => {
      const res = await postResponses(t.app, [{ ...answer(site, survey), nps: 99 }, { nope: true }]);
      expectError(res, 400, 'validation_failed');
      expect(res.json().rejected).toHaveLength(2);
      expect(await countRows(t, 'responses')).toBe(0);
    });

    it.each([
      ['empty', []],
      ['over 100 items', Array.from({ length: 101 }, () => ({}))],
    ])('refuses a batch that is %s', async (_, batch) => {
      const items = (batch as object[]).map(() => answer(site, survey, { nps: 5 }));
      expectError(await postResponses(t.app, items), 400, 'validation_failed');
      expect(await countRows(t, 'responses')).toBe(0);
    });

    it('accepts exactly 100 items, and the same id twice in one batch stays one response', async () => {
      const items = Array.from({ length: 99 }, () => answer(site, survey, { nps: 9 }));
      const first = items[0]!;
      items.push({ id: first.id, key: first.key, survey: first.survey, comment: 'merged' } as typeof first);
      const res = await postResponses(t.app, items);
      expect(res.json()).toEqual({ accepted: 100, rejected: [] });
      expect(await countRows(t, 'responses')).toBe(99);
      expect((await stored(first.id))[0]).toMatchObject({ nps: 9, comment: 'merged' });
    });
  });
});
