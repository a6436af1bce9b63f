// Churn from customer events (issue 17): every figure checked against counts worked out by hand
// from a small history, written out in the comments; NPS against leaving with its test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createSite, createSurvey, expectError, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
});
afterEach(async () => {
  await t.close();
});

const get = (path: string) => t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey) });
const postEvents = (payload: unknown) => t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events`, headers: bearer(site.secretKey), payload: payload as object });
let n = 0;
const ev = (customer: string, type: 'acquired' | 'lost' | 'reactivated', day: string, mrr?: number) => ({ id: `evt_${++n}`, customer, type, at: `${day}T12:00:00Z`, ...(mrr !== undefined && { mrr }) });

/**
 * The history, month by month (UTC):
 *   E was a customer before the data (first event: lost on 14 Feb, paying 10).
 *   January:  A acquired (20), B acquired (50).
 *   February: C acquired (30) and lost in the month; D acquired (25); E lost.
 *   March:    F acquired (15), then `acquired` again (18: a plan change, no new customer);
 *             A lost; C reactivated (40).
 *   April:    B lost; nobody acquired.
 */
const HISTORY = [
  ev('A', 'acquired', '2026-01-10', 20),
  ev('B', 'acquired', '2026-01-20', 50),
  ev('C', 'acquired', '2026-02-03', 30),
  ev('D', 'acquired', '2026-02-10', 25),
  ev('E', 'lost', '2026-02-14', 10),
  ev('C', 'lost', '2026-02-25'),
  ev('F', 'acquired', '2026-03-01', 15),
  ev('F', 'acquired', '2026-03-02', 18),
  ev('A', 'lost', '2026-03-05'),
  ev('C', 'reactivated', '2026-03-15', 40),
  ev('B', 'lost', '2026-04-10'),
];

describe('GET …/metrics/churn', () => {
  it('counts each month from the customers’ changes of state', async () => {
    const stored = await postEvents(HISTORY);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toEqual({ accepted: 11, rejected: [] });

    const res = await get('/metrics/churn?from=2026-01-01&to=2026-04-30&interval=month');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.series).toEqual([
      // Start 1 (E). +A +B. No loss: 0/1 = 0 %; 0/2 = 0. E still active: 1/1. MRR lost 0 of 10.
      { start: '2026-01-01', customersAtStart: 1, acquired: 2, reactivated: 0, lost: 0, customersAtEnd: 3, churnRate: 0, lostPerAcquired: 0, retentionRate: 100, mrrAtStart: 10, mrrLost: 0, mrrChurnRate: 0 },
      // Start 3 (E, A, B). +C +D; −C (acquired and lost this month: in both) −E. 2/3 = 66.7 %;
      // 2/2 = 100. Of E, A, B, E left: 2/3 = 66.7. MRR 10 + 20 + 50 = 80; lost 10 + 30 = 40: 50 %.
      { start: '2026-02-01', customersAtStart: 3, acquired: 2, reactivated: 0, lost: 2, customersAtEnd: 3, churnRate: 66.7, lostPerAcquired: 100, retentionRate: 66.7, mrrAtStart: 80, mrrLost: 40, mrrChurnRate: 50 },
      // Start 3 (A, B, D). +F (its second `acquired` changes no count) +C again (reactivated);
      // −A. 1/3 = 33.3 %; 1/2 = 50; of A, B, D two stay: 66.7. MRR 20 + 50 + 25 = 95; 20/95 = 21.05 → 21.1.
      { start: '2026-03-01', customersAtStart: 3, acquired: 2, reactivated: 1, lost: 1, customersAtEnd: 4, churnRate: 33.3, lostPerAcquired: 50, retentionRate: 66.7, mrrAtStart: 95, mrrLost: 20, mrrChurnRate: 21.1 },
      // Start 4 (B, D, F, C). −B, nobody acquired: 1/4 = 25 %, lost ÷ acquired null (not
      // infinite); 3/4 stay. MRR 50 + 25 + 18 + 40 = 133; 50/133 = 37.59 → 37.6.
      { start: '2026-04-01', customersAtStart: 4, acquired: 0, reactivated: 0, lost: 1, customersAtEnd: 3, churnRate: 25, lostPerAcquired: null, retentionRate: 75, mrrAtStart: 133, mrrLost: 50, mrrChurnRate: 37.6 },
    ]);
    // The whole range as one period: start 1 (E); six acquisitions (A, B, C, D, F, C again), four
    // losses (E, C, A, B): 4/1 = 400 %, 4/6 = 66.7; E did not stay: 0 %. MRR 110 of 10.
    expect(body.totals).toEqual({ customersAtStart: 1, acquired: 6, reactivated: 1, lost: 4, customersAtEnd: 3, churnRate: 400, lostPerAcquired: 66.7, retentionRate: 0, mrrAtStart: 10, mrrLost: 110, mrrChurnRate: 1100 });
    expect(body.definitions.churnRate).toMatch(/Baremetrics/);
    expect(body.definitions.lost).toMatch(/acquired and lost within the same period counts in both/);
  });

  it('gives null rates to a period that starts with no customer, and zero-fills periods without events', async () => {
    await postEvents([ev('A', 'acquired', '2026-05-03'), ev('A', 'lost', '2026-05-20'), ev('B', 'acquired', '2026-07-01')]);
    const body = (await get('/metrics/churn?from=2026-05-01&to=2026-07-31')).json();
    expect(body.series).toEqual([
      // Nobody at the start: churn and retention rates null; A acquired and lost: 1/1 = 100.
      { start: '2026-05-01', customersAtStart: 0, acquired: 1, reactivated: 0, lost: 1, customersAtEnd: 0, churnRate: null, lostPerAcquired: 100, retentionRate: null },
      { start: '2026-06-01', customersAtStart: 0, acquired: 0, reactivated: 0, lost: 0, customersAtEnd: 0, churnRate: null, lostPerAcquired: null, retentionRate: null },
      { start: '2026-07-01', customersAtStart: 0, acquired: 1, reactivated: 0, lost: 0, customersAtEnd: 1, churnRate: null, lostPerAcquired: 0, retentionRate: null },
    ]);
    // No event carried MRR: no revenue figures at all.
    expect(body.totals).not.toHaveProperty('mrrChurnRate');
  });

  it('counts by ISO week in the site’s time zone, and takes the state before the range into account', async () => {
    // Monday 6 April 2026; a loss on Sunday 12 April at 23:30 in Paris is Sunday's, not Monday's.
    const paris = await createSite(t.app, { name: 'Paris', timezone: 'Europe/Paris' });
    site = paris;
    await postEvents([ev('A', 'acquired', '2026-03-01'), ev('B', 'acquired', '2026-03-01'), { id: 'evt_late', customer: 'A', type: 'lost', at: '2026-04-12T21:30:00Z' }]);
    const body = (await get('/metrics/churn?from=2026-04-06&to=2026-04-19&interval=week')).json();
    expect(body.series.map((p: { start: string; customersAtStart: number; lost: number }) => [p.start, p.customersAtStart, p.lost])).toEqual([
      ['2026-04-06', 2, 1],
      ['2026-04-13', 1, 0],
    ]);
  });

  it('is idempotent on the event id: sending the same events again changes nothing, a correction wins', async () => {
    await postEvents(HISTORY);
    await postEvents(HISTORY);
    const again = (await get('/metrics/churn?from=2026-01-01&to=2026-04-30')).json();
    expect(again.totals).toMatchObject({ acquired: 6, lost: 4 });
    // B's loss moved into May: April now loses nobody.
    await postEvents({ ...HISTORY[10]!, at: '2026-05-02T09:00:00Z' });
    const corrected = (await get('/metrics/churn?from=2026-04-01&to=2026-04-30')).json();
    expect(corrected.series[0]).toMatchObject({ customersAtStart: 4, lost: 0, churnRate: 0 });
  });

  it('refuses a backwards range and too many periods', async () => {
    expectError(await get('/metrics/churn?from=2026-05-01&to=2026-04-01'), 400, 'validation_failed');
    expectError(await get('/metrics/churn?from=2020-01-01&to=2026-01-01&interval=day'), 400, 'validation_failed');
    expectError(await get('/metrics/churn?groupBy=plan'), 400, 'validation_failed');
  });
});

describe('GET …/metrics/churn?groupBy=nps', () => {
  it('says what share of detractors, passives and promoters left within the window', async () => {
    const survey = await createSurvey(t.app, site);
    const answer = (customer: string, day: string, nps: number) => seedAnswer(t.app, site, survey.id, day.length === 10 ? `${day}T12:00:00Z` : day, { nps, customer: { id: customer } });
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const everyone = ['P1', 'P2', 'P3', 'D1', 'D2', 'D3', 'N1', 'E1', 'R1', 'R2'].map((c) => ev(c, 'acquired', '2026-01-01'));
    await postEvents([
      ...everyone,
      ev('P1', 'lost', '2026-03-20'), // 64 days after answering: not within 30
      ev('P3', 'lost', '2026-02-10'), // 9 days after
      ev('D1', 'lost', '2026-02-20'), // 19 days after
      ev('D2', 'lost', '2026-03-01'), // 28 days after their latest answer
      ev('E1', 'lost', '2026-01-20'), // before answering: not counted
      { id: 'evt_r2', customer: 'R2', type: 'lost', at: daysAgo(2) }, // 3 days after answering
    ]);
    await answer('P1', '2026-01-15', 10);
    await answer('P2', '2026-02-01', 9);
    await answer('P3', '2026-02-01', 9);
    await answer('D1', '2026-02-01', 3);
    await answer('D2', '2026-01-10', 9);
    await answer('D2', '2026-02-01', 2);
    await answer('D3', '2026-02-01', 6);
    await answer('N1', '2026-02-01', 7);
    await answer('E1', '2026-01-25', 0);
    await answer('U1', '2026-02-01', 5); // no event names U1
    await answer('R1', daysAgo(5), 4); // inside the window, still a customer: pending
    await answer('R2', daysAgo(5), 3); // inside the window but already lost: decided

    const res = await get('/metrics/churn?groupBy=nps&days=30');
    expect(res.statusCode, res.body).toBe(200);
    const byNps = res.json().byNps;
    // Detractors D1, D2, D3, R2: three left (75 %), R1 pending; Wilson 3/4 = 30.1–95.4 (hand-computed).
    // Passives N1: 0 of 1, Wilson 0–79.3. Promoters P1, P2, P3: P3 left, 1/3 = 33.3, Wilson 6.1–79.2.
    expect(byNps.groups).toEqual([
      { category: 'detractor', customers: 4, left: 3, share: 75, interval: { low: 30.1, high: 95.4 }, pending: 1 },
      { category: 'passive', customers: 1, left: 0, share: 0, interval: { low: 0, high: 79.3 }, pending: 0 },
      { category: 'promoter', customers: 3, left: 1, share: 33.3, interval: { low: 6.1, high: 79.2 }, pending: 0 },
    ]);
    // Pooled two-proportion z: (0.75 − 0.333) / √(4/7 × 3/7 × (1/4 + 1/3)) = 1.10, p = 0.2703.
    expect(byNps.detractorsVsPromoters).toEqual({ difference: 41.7, z: 1.1, pValue: 0.2703, significant: false });
    expect(byNps.unmatched).toBe(1);
    expect(byNps.days).toBe(30);
  });
});

describe('POST …/customers/events', () => {
  it('checks a batch item by item and stores the valid ones', async () => {
    const res = await postEvents([ev('A', 'acquired', '2026-01-10'), { id: 'x', customer: 'B', type: 'churned', at: '2026-01-10T00:00:00Z' }, { ...ev('C', 'lost', '2026-01-11'), at: 'yesterday' }]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(body.rejected[0].error.message).toMatch(/^type:/);
    expect(body.rejected[1].error.message).toMatch(/^at:/);
    const [row] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM customer_events');
    expect(Number(row!.n)).toBe(1);
  });

  it('refuses a lone invalid event and a batch with none valid, storing nothing', async () => {
    expectError(await postEvents({ id: 'x', customer: 'B', type: 'lost', at: '2026-01-10' }), 400, 'validation_failed');
    const none = await postEvents([{ id: '', customer: 'B', type: 'lost', at: '2026-01-10T00:00:00Z' }]);
    expectError(none, 400, 'validation_failed');
    expect(none.json().rejected).toHaveLength(1);
    expectError(await postEvents(Array.from({ length: 501 }, (_, i) => ev(`c${i}`, 'acquired', '2026-01-01'))), 400, 'validation_failed');
    const [row] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM customer_events');
    expect(Number(row!.n)).toBe(0);
  });

  it('needs the site’s key', async () => {
    expectError(await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events`, payload: HISTORY }), 401, 'unauthorized');
    const other = await createSite(t.app, { name: 'Other' });
    expectError(await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events`, headers: bearer(other.secretKey), payload: HISTORY }), 404, 'not_found');
  });
});
