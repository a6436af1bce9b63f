// Support tickets (issue 17): volumes, first-response and resolution times with medians and 90th
// percentiles on even and odd counts, business hours across a weekend and a change of clocks,
// reopen rate, post-ticket CSAT through link surveys, rising topics and groups, each figure worked
// out by hand in the comments.
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
const postTickets = (payload: unknown) => t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/tickets`, headers: bearer(site.secretKey), payload: payload as object });
const putSchedule = (payload: unknown) => t.app.inject({ method: 'PUT', url: `/v1/sites/${site.id}/tickets/schedule`, headers: bearer(site.secretKey), payload: payload as object });
const HOUR = 3_600_000;
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/**
 * March 2026, in hours after opening (first response / resolution):
 *   1001 delivery (tag), email:  1 / 5,  satisfaction 5 from the help desk
 *   1002 delivery (tag), chat:   2 / 20, reopened once; help desk says 4, its link survey says 2
 *   1003 billing (topic), email: 4 / 50, its link survey says 4
 *   1004 billing (topic), email: 10 / open
 *   1005 subject only "Where is my delivery?": no reply yet; named "delivery" by the themes engine
 */
const MARCH = [
  { id: 1001, customer: 'cus_a', tags: ['delivery', 'urgent'], channel: 'email', openedAt: '2026-03-02T09:00:00Z', firstResponseAt: plus('2026-03-02T09:00:00Z', 1), resolvedAt: plus('2026-03-02T09:00:00Z', 5), satisfaction: 5 },
  { id: '1002', customer: 'cus_a', tags: ['delivery'], channel: 'chat', openedAt: '2026-03-03T09:00:00Z', firstResponseAt: plus('2026-03-03T09:00:00Z', 2), resolvedAt: plus('2026-03-03T09:00:00Z', 20), reopenedCount: 1, satisfaction: 4 },
  { id: '1003', topic: 'billing', channel: 'email', openedAt: '2026-03-04T09:00:00Z', firstResponseAt: plus('2026-03-04T09:00:00Z', 4), resolvedAt: plus('2026-03-04T09:00:00Z', 50) },
  { id: '1004', topic: 'billing', channel: 'email', openedAt: '2026-03-05T09:00:00Z', firstResponseAt: plus('2026-03-05T09:00:00Z', 10) },
  { id: '1005', subject: 'Where is my delivery?', channel: 'email', openedAt: '2026-03-06T09:00:00Z' },
];

async function rateTickets() {
  const survey = await createSurvey(t.app, site, { name: 'After a ticket', questions: ['csat'] });
  await seedAnswer(t.app, site, survey.id, '2026-03-04T12:00:00Z', { csat: 2, attributes: { ticket: '1002' } });
  // Sent as a number by a help desk's placeholder: names the same ticket.
  await seedAnswer(t.app, site, survey.id, '2026-03-06T12:00:00Z', { csat: 4, attributes: { ticket: 1003 } });
  // An answer that names no ticket of ours changes nothing.
  await seedAnswer(t.app, site, survey.id, '2026-03-06T12:00:00Z', { csat: 1, attributes: { ticket: '9999' } });
}

describe('GET …/metrics/tickets', () => {
  it('gives a month’s volume, times, reopen rate and CSAT', async () => {
    const stored = await postTickets(MARCH);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toEqual({ accepted: 5, rejected: [] });
    await rateTickets();

    const res = await get('/metrics/tickets?from=2026-03-01&to=2026-03-31&interval=month');
    expect(res.statusCode, res.body).toBe(200);
    const [march] = res.json().series;
    expect(march).toMatchObject({ start: '2026-03-01', volume: 5, open: 2, awaitingFirstResponse: 1, resolved: 3, reopened: 1, reopenRate: 33.3, rising: [] });
    // First responses 1, 2, 4, 10 hours (even count): median (2 + 4) / 2 = 3; p90 at rank
    // 3 × 0.9 = 2.7: 4 + 0.7 × (10 − 4) = 8.2; mean 17 / 4 = 4.25.
    expect(march.firstResponse).toEqual({ calendar: { count: 4, median: 3, p90: 8.2, mean: 4.25 }, business: null });
    // Resolutions 5, 20, 50 hours (odd count): median 20; p90 at rank 2 × 0.9 = 1.8: 20 + 0.8 × 30 = 44; mean 25.
    expect(march.resolution).toEqual({ calendar: { count: 3, median: 20, p90: 44, mean: 25 }, business: null });
    // CSAT of 1001 (help desk: 5), 1002 (its survey's 2 over the help desk's 4), 1003 (survey: 4):
    // 2 of 3 satisfied = 66.7 %, mean (5 + 2 + 4) / 3 = 3.67.
    expect(march.csat).toMatchObject({ responses: 3, score: 66.7, mean: 3.67, distribution: [0, 1, 0, 1, 1] });
    expect(res.json().totals).toMatchObject({ volume: 5, resolved: 3, firstResponse: { calendar: { median: 3, p90: 8.2 } } });
  });

  it('groups by topic, the subject-only ticket joining the help desk’s “delivery”', async () => {
    await postTickets(MARCH);
    const body = (await get('/metrics/tickets?from=2026-03-01&to=2026-03-31&groupBy=topic')).json();
    const [delivery, billing] = body.series[0].groups;
    // delivery: 1001, 1002, 1005. First responses 1 and 2: median 1.5, p90 1 + 0.9 × 1 = 1.9;
    // resolutions 5 and 20: median 12.5, p90 5 + 0.9 × 15 = 18.5. 1002 reopened: 1 of 2 resolved.
    expect(delivery).toMatchObject({
      key: 'delivery',
      volume: 3,
      open: 1,
      awaitingFirstResponse: 1,
      reopenRate: 50,
      firstResponse: { calendar: { count: 2, median: 1.5, p90: 1.9, mean: 1.5 } },
      resolution: { calendar: { count: 2, median: 12.5, p90: 18.5, mean: 12.5 } },
    });
    // billing: 1003, 1004. First responses 4 and 10: median 7, p90 4 + 0.9 × 6 = 9.4; one resolution of 50 h.
    expect(billing).toMatchObject({ key: 'billing', volume: 2, reopenRate: 0, firstResponse: { calendar: { median: 7, p90: 9.4, mean: 7 } }, resolution: { calendar: { count: 1, median: 50, p90: 50, mean: 50 } } });
    // The period's own figures are over every group, not a mean of the groups'.
    expect(body.series[0].firstResponse.calendar).toMatchObject({ median: 3, p90: 8.2 });
    expect(body.totals.groups.map((g: { key: string; volume: number }) => [g.key, g.volume])).toEqual([
      ['delivery', 3],
      ['billing', 2],
    ]);
    const channels = (await get('/metrics/tickets?from=2026-03-01&to=2026-03-31&groupBy=channel')).json().series[0].groups;
    expect(channels.map((g: { key: string; volume: number }) => [g.key, g.volume])).toEqual([
      ['email', 4],
      ['chat', 1],
    ]);
  });

  it('names a topic that rose against the month before, with the test’s p- and q-values', async () => {
    await postTickets(MARCH);
    const april = Array.from({ length: 14 }, (_, i) => ({ id: `a${i}`, ...(i < 12 ? { tags: ['delivery'] } : { topic: 'billing' }), openedAt: `2026-04-${String(i + 1).padStart(2, '0')}T10:00:00Z` }));
    await postTickets(april);
    const body = (await get('/metrics/tickets?from=2026-03-01&to=2026-04-30')).json();
    // March against February (no tickets; 31 days against 28): delivery 3 vs 0, p = (31/59)³ = 0.145: not rising.
    expect(body.series[0].rising).toEqual([]);
    // April (30 days) against March (31): delivery 12 vs 3, P(X ≥ 12 | n = 15, p = 30/61) = 0.015020;
    // billing 2 vs 2, p = 0.675105. Benjamini–Hochberg over the two: q = 2 × 0.015020 = 0.030039 < 0.05.
    expect(body.series[1].rising).toEqual([{ topic: 'delivery', count: 12, previous: 3, pValue: 0.01502, qValue: 0.030039 }]);
    expect(body.definitions.risingTopic).toMatch(/Poisson/);
  });

  it('groups by the customer’s NPS category, with tickets per customer', async () => {
    const survey = await createSurvey(t.app, site);
    await seedAnswer(t.app, site, survey.id, '2026-02-01T12:00:00Z', { nps: 10, customer: { id: 'cus_d' } });
    await seedAnswer(t.app, site, survey.id, '2026-02-20T12:00:00Z', { nps: 3, customer: { id: 'cus_d' } }); // latest: a detractor
    await seedAnswer(t.app, site, survey.id, '2026-02-01T12:00:00Z', { nps: 10, customer: { id: 'cus_p' } });
    await seedAnswer(t.app, site, survey.id, '2026-02-01T12:00:00Z', { nps: 9, customer: { id: 'cus_p2' } });
    const ticket = (id: string, customer?: string) => ({ id, ...(customer && { customer }), openedAt: '2026-03-10T10:00:00Z', firstResponseAt: '2026-03-10T12:00:00Z' });
    await postTickets([ticket('d1', 'cus_d'), ticket('d2', 'cus_d'), ticket('d3', 'cus_d'), ticket('p1', 'cus_p'), ticket('x1')]);
    const groups = (await get('/metrics/tickets?from=2026-03-01&to=2026-03-31&groupBy=nps')).json().series[0].groups;
    expect(groups.map((g: { key: string | null; volume: number; customers?: number; ticketsPerCustomer?: number }) => [g.key, g.volume, g.customers, g.ticketsPerCustomer])).toEqual([
      ['detractor', 3, 1, 3], // 3 tickets, 1 detractor
      ['promoter', 1, 2, 0.5], // 1 ticket, 2 promoters
      [null, 1, undefined, undefined], // no customer
    ]);
    expect(groups[0].firstResponse.calendar.median).toBe(2);
  });

  it('counts business hours inside the schedule, across a weekend and the clocks going forward', async () => {
    const paris = await createSite(t.app, { name: 'Paris', timezone: 'Europe/Paris' });
    site = paris;
    const nineToFive = [{ from: '09:00', to: '17:00' }];
    const schedule = await putSchedule({ week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive } });
    expect(schedule.statusCode, schedule.body).toBe(200);
    expect(schedule.json().schedule).toMatchObject({ timezone: 'Europe/Paris', week: { sat: [], sun: [], mon: nineToFive }, holidays: [] });
    // Friday 27 March 16:00 Paris → Monday 30 March 10:00 (clocks went forward on Sunday):
    // 65 calendar hours, 2 business hours (Friday 16–17, Monday 9–10).
    await postTickets({ id: 'w1', openedAt: '2026-03-27T15:00:00Z', firstResponseAt: '2026-03-30T08:00:00Z', resolvedAt: '2026-03-30T12:00:00Z' });
    const body = (await get('/metrics/tickets?from=2026-03-01&to=2026-03-31')).json();
    expect(body.series[0].firstResponse).toEqual({ calendar: { count: 1, median: 65, p90: 65, mean: 65 }, business: { count: 1, median: 2, p90: 2, mean: 2 } });
    // Resolved Monday 14:00 Paris: 69 calendar hours, 1 + 5 = 6 business hours.
    expect(body.series[0].resolution.business).toEqual({ count: 1, median: 6, p90: 6, mean: 6 });
    expect(body.schedule.timezone).toBe('Europe/Paris');
    expect(body.definitions.businessHours).toMatch(/Zendesk/);
  });

  it('answers an empty range without failing', async () => {
    const body = (await get('/metrics/tickets')).json();
    expect(body.series).toEqual([]);
    expect(body.totals).toMatchObject({ volume: 0, firstResponse: { calendar: { count: 0, median: null, p90: null, mean: null } }, reopenRate: null });
  });
});

describe('POST …/tickets', () => {
  it('refuses a reply before the opening, and replaces a ticket sent again', async () => {
    const res = await postTickets([{ id: 'x', openedAt: '2026-03-02T09:00:00Z', firstResponseAt: '2026-03-01T09:00:00Z' }, { id: 'y', openedAt: '2026-03-02T09:00:00Z', firstResponseAt: '2026-03-02T10:00:00Z' }]);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 0, error: { code: 'validation_failed' } }] });
    expect(res.json().rejected[0].error.message).toMatch(/^firstResponseAt: must not be before openedAt/);
    // The same id again, as the help desk has it now: answered later, and resolved.
    await postTickets({ id: 'y', openedAt: '2026-03-02T09:00:00Z', firstResponseAt: '2026-03-02T13:00:00Z', resolvedAt: '2026-03-02T15:00:00Z' });
    const march = (await get('/metrics/tickets?from=2026-03-01&to=2026-03-31')).json().series[0];
    expect(march).toMatchObject({ volume: 1, resolved: 1, firstResponse: { calendar: { median: 4 } } });
  });

  it.each([
    ['a negative reopen count', { id: 'z', openedAt: '2026-03-02T09:00:00Z', reopenedCount: -1 }],
    ['a satisfaction of 6', { id: 'z', openedAt: '2026-03-02T09:00:00Z', satisfaction: 6 }],
    ['a date without a time', { id: 'z', openedAt: '2026-03-02' }],
    ['an unknown field', { id: 'z', openedAt: '2026-03-02T09:00:00Z', priority: 'high' }],
  ])('refuses %s', async (_, ticket) => {
    expectError(await postTickets(ticket), 400, 'validation_failed');
  });
});

describe('…/tickets/schedule', () => {
  it.each([
    ['overlapping windows', { week: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }] } }],
    ['a window that ends before it starts', { week: { mon: [{ from: '17:00', to: '09:00' }] } }],
    ['a time that is not HH:MM', { week: { mon: [{ from: '9am', to: '17:00' }] } }],
    ['an unknown day', { week: { monday: [{ from: '09:00', to: '17:00' }] } }],
    ['an unknown time zone', { timezone: 'Mars/Olympus', week: {} }],
  ])('refuses %s', async (_, body) => {
    expectError(await putSchedule(body), 400, 'validation_failed');
  });

  it('is read back, and removed', async () => {
    expect((await get('/tickets/schedule')).json()).toEqual({ schedule: null });
    await putSchedule({ timezone: 'America/New_York', week: { tue: [{ from: '13:00', to: '17:00' }, { from: '08:00', to: '12:00' }] }, holidays: ['2026-12-25', '2026-12-25', '2026-07-03'] });
    expect((await get('/tickets/schedule')).json().schedule).toEqual({
      timezone: 'America/New_York',
      week: { mon: [], tue: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:00' }], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: ['2026-07-03', '2026-12-25'],
    });
    await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/tickets/schedule`, headers: bearer(site.secretKey) });
    expect((await get('/tickets/schedule')).json()).toEqual({ schedule: null });
  });
});
