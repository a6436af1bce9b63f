// Customers at risk (issue 17): who is listed, in which order, with which reasons, comment and
// tickets, on a small known population whose scores are worked out by hand in the comments.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT_RISK_RULES } from '../../src/domain/at-risk';
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const get = (path: string) => t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey) });
const post = (path: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey), payload: payload as object });

/**
 * Points: detractor 30, not contacted since that answer 20, a fall of 3 or more 20, a ticket
 * waiting past the median first response 15, 3 tickets or more in 30 days 15. The median first
 * response is 2 h (D's answered tickets: 1 h and 3 h). Active customers and their scores:
 *   A  latest 3 after 9, nobody called: detractor + not contacted + fall   = 70
 *   G  latest 6, nobody called                                             = 50
 *   F  latest 6, MRR 100, contacted (the owner called)                     = 30
 *   D  3 tickets this month, one unanswered for 10 h > 2 h, MRR 20         = 30 (after F: ties go to the larger MRR)
 *   C  latest 7 after 10 (a fall of 3); a ticket unanswered 1 h            = 20
 *   B  latest 8 after 10 (a fall of 2)                                     =  0, not listed
 *   I  latest 4, its follow-up set aside (ignored): detractor alone        = 30 (MRR 0, after D)
 * E (a detractor) is lost, and H (a detractor) is in no billing event: neither is active.
 */
async function population() {
  const events = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'I'].map((c, i) => ({ id: `acq_${c}`, customer: c, type: 'acquired', at: ago(60 * DAY), plan: i % 2 ? 'pro' : 'free', mrr: c === 'F' ? 100 : c === 'G' ? 50 : c === 'I' ? 0 : 20 }));
  const stored = await post('/customers/events', [...events, { id: 'lost_E', customer: 'E', type: 'lost', at: ago(5 * DAY) }]);
  expect(stored.statusCode, stored.body).toBe(200);
  const survey = await createSurvey(t.app, site);
  const answer = (customer: string, when: number, nps: number, comment?: string) => seedAnswer(t.app, site, survey.id, ago(when), { nps, customer: { id: customer }, ...(comment && { comment }) });
  await answer('A', 40 * DAY, 9, 'Lovely shop');
  await answer('A', 3 * DAY, 3, 'Still no parcel after two weeks.');
  await answer('B', 40 * DAY, 10);
  await answer('B', 3 * DAY, 8);
  await answer('C', 40 * DAY, 10);
  await answer('C', 3 * DAY, 7);
  await answer('E', 10 * DAY, 2);
  const f = await answer('F', 3 * DAY, 6);
  await answer('G', 3 * DAY, 6);
  const i = await answer('I', 3 * DAY, 4);
  for (const [id, state] of [[f, 'contacted'], [i, 'ignored']]) {
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}/responses/${id}/follow-up`, headers: bearer(site.secretKey), payload: { state } });
    expect(res.statusCode, res.body).toBe(200);
  }
  await answer('H', 3 * DAY, 1);
  const tickets = await post('/tickets', [
    { id: 't1', customer: 'D', subject: 'Parcel late', tags: ['delivery'], openedAt: ago(20 * DAY), firstResponseAt: ago(20 * DAY - 1 * HOUR), resolvedAt: ago(19 * DAY) },
    { id: 't2', customer: 'D', tags: ['delivery'], openedAt: ago(10 * DAY), firstResponseAt: ago(10 * DAY - 3 * HOUR) },
    { id: 't3', customer: 'D', subject: 'Still waiting', openedAt: ago(10 * HOUR) },
    { id: 't4', customer: 'C', openedAt: ago(1 * HOUR) },
  ]);
  expect(tickets.statusCode, tickets.body).toBe(200);
}

describe('GET …/customers/at-risk', () => {
  it('ranks the active customers by the points of the signals that hold', async () => {
    await population();
    const res = await get('/customers/at-risk');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.medianFirstResponseHours).toBe(2);
    expect(body.total).toBe(6);
    expect(body.customers.map((c: { customer: string; score: number }) => [c.customer, c.score])).toEqual([
      ['A', 70],
      ['G', 50],
      ['F', 30],
      ['D', 30],
      ['I', 30],
      ['C', 20],
    ]);
    // The score the database adds up is the sum of the reasons worked out here, for everyone listed.
    for (const c of body.customers) expect(c.score).toBe(c.reasons.reduce((n: number, r: { points: number }) => n + r.points, 0));

    const a = body.customers[0];
    expect(a.reasons.map((r: { signal: string; points: number }) => [r.signal, r.points])).toEqual([
      ['detractor', 30],
      ['notContacted', 20],
      ['scoreDrop', 20],
    ]);
    expect(a.reasons[2].detail).toBe('from 9 to 3');
    expect(a).toMatchObject({ latestNps: { score: 3 }, previousNps: 9, lastComment: { text: 'Still no parcel after two weeks.' }, plan: 'free', mrr: 20, tickets: [] });

    expect(body.customers[2].reasons.map((r: { signal: string }) => r.signal)).toEqual(['detractor']);
    expect(body.customers[4].reasons.map((r: { signal: string }) => r.signal)).toEqual(['detractor']);
    const d = body.customers[3];
    expect(d.reasons).toEqual([
      { signal: 'overdueTicket', points: 15, detail: '1 ticket waiting past the median first response' },
      { signal: 'manyTickets', points: 15, detail: '3 tickets in 30 days' },
    ]);
    expect(d.tickets.map((x: { id: string }) => x.id)).toEqual(['t3', 't2', 't1']);
    expect(d.latestNps).toBeNull();
    expect(d.tickets[0]).toMatchObject({ subject: 'Still waiting', firstResponseAt: null, resolvedAt: null });

    expect(body.signals.map((s: { signal: string; points: number }) => [s.signal, s.points])).toEqual(AT_RISK_RULES.map((r) => [r.signal, r.points]));
  });

  it('reads each customer’s latest billing event as churn does: a loss last at an equal instant, then the id', async () => {
    const at = ago(30 * DAY);
    const stored = await post('/customers/events', [
      // J: acquired and lost at the same instant, the loss's id first: the loss still comes last, J is gone.
      { id: 'z_acq_J', customer: 'J', type: 'acquired', at, plan: 'pro' },
      { id: 'a_lost_J', customer: 'J', type: 'lost', at },
      // K: two acquisitions at one instant: the larger id is the latest, its plan and MRR are K's.
      { id: 'k1', customer: 'K', type: 'acquired', at, plan: 'free', mrr: 0 },
      { id: 'k2', customer: 'K', type: 'acquired', at, plan: 'pro', mrr: 40 },
    ]);
    expect(stored.statusCode, stored.body).toBe(200);
    const survey = await createSurvey(t.app, site);
    for (const customer of ['J', 'K']) await seedAnswer(t.app, site, survey.id, ago(2 * DAY), { nps: 2, customer: { id: customer } });
    const body = (await get('/customers/at-risk')).json();
    expect(body.customers.map((c: { customer: string; plan: string; mrr: number }) => [c.customer, c.plan, c.mrr])).toEqual([['K', 'pro', 40]]);
    expect(body.total).toBe(1);
  });

  it('pages with limit, keeping the total', async () => {
    await population();
    const body = (await get('/customers/at-risk?limit=2')).json();
    expect(body.customers.map((c: { customer: string }) => c.customer)).toEqual(['A', 'G']);
    expect(body.total).toBe(6);
    expectError(await get('/customers/at-risk?limit=0'), 400, 'validation_failed');
  });

  it('lists nobody without billing events, and flags no ticket as overdue without answered tickets', async () => {
    const body = (await get('/customers/at-risk')).json();
    expect(body).toMatchObject({ total: 0, customers: [], medianFirstResponseHours: null });
  });
});

describe('the at-risk answer, kept a minute', () => {
  it('is worked out once for repeated questions, and again at once after a change to the site', async () => {
    await population();
    const first = (await get('/customers/at-risk')).json();
    const again = (await get('/customers/at-risk')).json();
    expect(again).toEqual(first);

    // The owner calls G, the uncontacted detractor: the next read no longer says nobody did.
    const g = (await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses?limit=100`, headers: bearer(site.secretKey) })).json().items.find((r: { customer: { id?: string } | null }) => r.customer?.id === 'G');
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}/responses/${g.id}/follow-up`, headers: bearer(site.secretKey), payload: { state: 'contacted' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = (await get('/customers/at-risk')).json();
    expect(after.customers.find((c: { customer: string }) => c.customer === 'G').score).toBe(30);
    expect(first.customers.find((c: { customer: string }) => c.customer === 'G').score).toBe(50);
  });
});
