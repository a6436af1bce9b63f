// Fatigue across devices: an identified customer who answered or dismissed a survey on one device
// is not asked again on another within its resurvey window, nor by any survey within the site's
// cooldown; the collector keeps only a hash of the customer and when a survey last reached them.
import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { fatigue } from '../../src/routes/fatigue';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('fatigue()', () => {
  it.each([
    ['no contact', [], 0, { cooldownUntil: null, surveys: {} }],
    ['an answer inside the window', [['a', NOW - 10 * DAY]], 0, { cooldownUntil: null, surveys: { a: NOW + 80 * DAY } }],
    ['an answer past the window', [['a', NOW - 91 * DAY]], 0, { cooldownUntil: null, surveys: {} }],
    ['a survey with no window', [['b', NOW - DAY]], 0, { cooldownUntil: null, surveys: {} }],
    ['the site cooldown after any survey', [['b', NOW - DAY]], 14, { cooldownUntil: NOW + 13 * DAY, surveys: {} }],
    ['the cooldown counts from the latest contact', [['a', NOW - 100 * DAY], ['b', NOW - 2 * DAY]], 7, { cooldownUntil: NOW + 5 * DAY, surveys: {} }],
    ['a cooldown long past', [['b', NOW - 30 * DAY]], 14, { cooldownUntil: null, surveys: {} }],
  ] as const)('%s', (_, contacts, cooldownDays, expected) => {
    const surveys = [
      { id: 'a', resurveyDays: 90 },
      { id: 'b', resurveyDays: 0 },
    ];
    expect(fatigue(new Map(contacts as unknown as [string, number][]), surveys, cooldownDays, NOW)).toEqual(expected);
  });
});

describe('GET /v1/fatigue', () => {
  let t: TestApp;
  let site: TestSite;
  let survey: { id: string };
  let other: { id: string };
  beforeEach(async () => {
    t = await buildTestApp();
    site = await createSite(t.app);
    survey = await createSurvey(t.app, site, { display: { resurveyDays: 30 } });
    other = await createSurvey(t.app, site, { display: { resurveyDays: 0 } });
  });
  afterEach(async () => {
    await t.close();
  });
  const ask = (customer: string) => t.app.inject({ method: 'GET', url: `/v1/fatigue?key=${site.publicKey}&customer=${encodeURIComponent(customer)}` });

  it('remembers an answer and a dismissal of an identified customer, for that customer only', async () => {
    expect((await ask('cus_1')).json()).toEqual({ cooldownUntil: null, surveys: {} });
    expect((await postResponses(t.app, answer(site, survey, { nps: 9, customer: { id: 'cus_1' } }))).statusCode).toBe(202);
    const afterAnswer = await ask('cus_1');
    expect(afterAnswer.headers['cache-control']).toBe('no-store');
    const until = Date.parse(afterAnswer.json().surveys[survey.id]);
    expect(until - Date.now()).toBeGreaterThan(29 * DAY);
    expect((await ask('cus_2')).json().surveys).toEqual({});

    await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey), payload: { cooldownDays: 10 } });
    const dismissed = await t.app.inject({ method: 'POST', url: '/v1/events', payload: { key: site.publicKey, survey: other.id, type: 'dismissed', customer: { id: 'cus_2' } } });
    expect(dismissed.statusCode).toBe(202);
    const cus2 = (await ask('cus_2')).json();
    expect(cus2.surveys).toEqual({});
    expect(Date.parse(cus2.cooldownUntil) - Date.now()).toBeGreaterThan(9 * DAY);
  });

  it('keeps a hash of the customer, not the id, and forgets it with the customer', async () => {
    await postResponses(t.app, answer(site, survey, { nps: 9, customer: { id: 'cus_secret' } }));
    const rows = await t.db.query('SELECT * FROM customer_contacts');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('cus_secret');
    await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/customers/cus_secret/responses`, headers: bearer(site.secretKey) });
    expect(await t.db.query('SELECT count(*) AS n FROM customer_contacts')).toEqual([{ n: 0 }]);
    expect((await ask('cus_secret')).json().surveys).toEqual({});
  });

  it('refuses an unknown key and another site’s origin', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v1/fatigue?key=pk_nope&customer=c' }), 401, 'unauthorized');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/fatigue?key=${site.publicKey}&customer=c`, headers: { origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
  });
});
