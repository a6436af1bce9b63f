// Testimonials with consent that holds (issue 15): the exact wording, language, time and sentence
// a customer agreed to; the owner's review; approved quotes on the site's pages; withdrawal by a
// later answer or by erasure, at once. And the rule that keeps a quoted answer the customer's own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
const ORIGIN = 'https://shop.example';
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { origins: [ORIGIN] });
  survey = await createSurvey(t.app, site, { texts: { fr: { consent: 'Vous pouvez citer mes mots' } } });
});
afterEach(async () => {
  await t.close();
});

const api = (method: 'GET' | 'PATCH' | 'DELETE', path: string, payload?: unknown) =>
  t.app.inject({ method, url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey), ...(payload !== undefined && { payload: payload as object }) });
const quotes = async (query = '') => (await api('GET', `/testimonials${query}`)).json().items;
const publicQuotes = (query = '', headers: Record<string, string> = { origin: ORIGIN }) => t.app.inject({ method: 'GET', url: `/v1/testimonials?key=${site.publicKey}${query}`, headers });

async function send(body: Record<string, unknown>) {
  const res = await postResponses(t.app, body);
  expect(res.statusCode, res.body).toBe(202);
}

describe('a quote', () => {
  it('keeps the exact wording, the language, the time and the consent sentence shown', async () => {
    const before = Date.now();
    const body = answer(site, survey, { nps: 10, comment: '  Des lampes superbes, livrées en deux jours.  ', consent: true, locale: 'fr-CA', visitor: 'v_1' });
    await send(body);
    const [q] = await quotes();
    expect(q).toMatchObject({ response: body.id, survey: survey.id, text: 'Des lampes superbes, livrées en deux jours.', locale: 'fr-CA', consentLabel: 'Vous pouvez citer mes mots', nps: 10, status: 'pending', displayName: null });
    expect(Date.parse(q.consentedAt)).toBeGreaterThanOrEqual(before - 1000);
    // English gets the built-in sentence.
    await send(answer(site, survey, { nps: 9, comment: 'Lovely', consent: true, locale: 'en-GB' }));
    expect((await quotes()).find((x: { text: string }) => x.text === 'Lovely').consentLabel).toBe('You may quote me');
  });

  it('follows the consent given after the comment, a new wording (back to pending) and a withdrawal', async () => {
    const body = answer(site, survey, { nps: 9, comment: 'Great lamps', visitor: 'v_2' });
    await send(body);
    expect(await quotes()).toEqual([]);
    await send({ id: body.id, key: site.publicKey, survey: survey.id, visitor: 'v_2', consent: true });
    expect((await quotes()).map((q: { text: string }) => q.text)).toEqual(['Great lamps']);

    expect((await api('PATCH', `/responses/${body.id}/testimonial`, { status: 'approved', displayName: 'Léa M.' })).statusCode).toBe(200);
    // The same wording again keeps the approval; a new wording is a new consent, to review again.
    await send({ id: body.id, key: site.publicKey, survey: survey.id, visitor: 'v_2', comment: 'Great lamps', consent: true });
    expect((await quotes())[0]).toMatchObject({ status: 'approved', displayName: 'Léa M.' });
    await send({ id: body.id, key: site.publicKey, survey: survey.id, visitor: 'v_2', comment: 'Great lamps, fast delivery', consent: true });
    expect((await quotes())[0]).toMatchObject({ text: 'Great lamps, fast delivery', status: 'pending', reviewedAt: null });

    await send({ id: body.id, key: site.publicKey, survey: survey.id, visitor: 'v_2', consent: false });
    expect(await quotes()).toEqual([]);
    expectError(await api('PATCH', `/responses/${body.id}/testimonial`, { status: 'approved' }), 404, 'not_found');
  });

  it.each([
    ['an e-mail as the name', { status: 'approved', displayName: 'lea@shop.example' }],
    ['a name too long', { status: 'approved', displayName: 'x'.repeat(41) }],
    ['pending is not a decision', { status: 'pending' }],
  ])('refuses %s with 400', async (_name, payload) => {
    const body = answer(site, survey, { nps: 10, comment: 'Nice', consent: true });
    await send(body);
    expectError(await api('PATCH', `/responses/${body.id}/testimonial`, payload), 400, 'validation_failed');
    expect((await quotes())[0].status).toBe('pending');
  });
});

describe('GET /v1/testimonials (public)', () => {
  it('shows approved quotes only, without any response id, filtered by language, and revalidated every time', async () => {
    const ids: string[] = [];
    for (const [comment, locale] of [
      ['Superbe', 'fr'],
      ['Lovely', 'en'],
      ['Parfait', 'fr-BE'],
    ] as const) {
      const body = answer(site, survey, { nps: 10, comment, consent: true, locale });
      ids.push(body.id);
      await send(body);
    }
    await api('PATCH', `/responses/${ids[0]}/testimonial`, { status: 'approved', displayName: 'Léa' });
    await api('PATCH', `/responses/${ids[1]}/testimonial`, { status: 'hidden' });
    await api('PATCH', `/responses/${ids[2]}/testimonial`, { status: 'approved' });

    const res = await publicQuotes();
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['cache-control']).toBe('no-cache');
    const items = res.json().items;
    expect(items.map((q: { text: string }) => q.text).sort()).toEqual(['Parfait', 'Superbe']);
    expect(Object.keys(items[0]).sort()).toEqual(['csat', 'date', 'displayName', 'id', 'locale', 'nps', 'text']);
    for (const id of ids) expect(res.body).not.toContain(id);
    expect((await publicQuotes('&locale=fr')).json().items).toHaveLength(2);
    expect((await publicQuotes('&locale=en')).json().items).toHaveLength(0);
    expect((await publicQuotes('&limit=1')).json().items).toHaveLength(1);
    // Not modified: 304; changed: the new list.
    const etag = res.headers.etag as string;
    expect((await publicQuotes('', { origin: ORIGIN, 'if-none-match': etag })).statusCode).toBe(304);
    await api('DELETE', `/responses/${ids[0]}`);
    const after = await publicQuotes('', { origin: ORIGIN, 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json().items.map((q: { text: string }) => q.text)).toEqual(['Parfait']);
  });

  it('withdraws a customer’s quotes when the customer is erased', async () => {
    const body = answer(site, survey, { nps: 10, comment: 'Merci', consent: true, customer: { id: 'cus_9' } });
    await send(body);
    await api('PATCH', `/responses/${body.id}/testimonial`, { status: 'approved' });
    expect((await publicQuotes()).json().items).toHaveLength(1);
    expect((await api('DELETE', '/customers/cus_9/responses')).statusCode).toBe(200);
    expect((await publicQuotes()).json().items).toEqual([]);
    expect(await quotes()).toEqual([]);
  });

  it('refuses an unknown key with 401 and a foreign page with 403', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v1/testimonials?key=pk_nope00000000000000000000' }), 401, 'unauthorized');
    expectError(await publicQuotes('', { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
  });
});

describe('a response is its visitor’s', () => {
  it('refuses to change an answer from another visitor (its id travels in referral links), and takes its own', async () => {
    const body = answer(site, survey, { nps: 10, comment: 'Love it', consent: true, visitor: 'v_owner' });
    await send(body);
    const forged = await postResponses(t.app, { id: body.id, key: site.publicKey, survey: survey.id, nps: 0, comment: 'Awful', visitor: 'v_other' });
    expectError(forged, 409, 'id_conflict');
    const anonymous = await postResponses(t.app, { id: body.id, key: site.publicKey, survey: survey.id, nps: 0 });
    expectError(anonymous, 409, 'id_conflict');
    await send({ id: body.id, key: site.publicKey, survey: survey.id, visitor: 'v_owner', nps: 9 });
    const [stored] = (await api('GET', '/responses')).json().items;
    expect(stored).toMatchObject({ nps: 9, comment: 'Love it' });
    // An answer a server sent without a visitor takes updates as before.
    const server = answer(site, survey, { nps: 5 });
    await send(server);
    await send({ id: server.id, key: site.publicKey, survey: survey.id, comment: 'Later' });
  });
});
