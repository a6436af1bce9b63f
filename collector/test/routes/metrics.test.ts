import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, createSite, createSurvey, expectError, postResponses, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'America/New_York', origins: ['https://shop.example'] });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

const metrics = async (query = '', key = site.secretKey, s = site) =>
  t.app.inject({ method: 'GET', url: `/v1/sites/${s.id}/metrics${query}`, headers: bearer(key) });

describe('GET /v1/sites/:siteId/metrics', () => {
  it('reports null scores, never 0 or NaN, with no answers', async () => {
    const res = await metrics();
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.nps).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0, marginOfError: null, interval: null });
    expect(m.csat).toEqual({ score: null, mean: null, responses: 0, distribution: [0, 0, 0, 0, 0], interval: null });
    expect(m.npsDistribution).toEqual(Array(11).fill(0));
    expect(m.series).toEqual([]);
    expect(m.responseRate).toBeNull();
    expect(m.definitions.nps).toContain('promoters');
  });

  it('computes NPS, CSAT and the distribution from stored answers', async () => {
    const at = '2026-05-10T15:00:00Z';
    for (const nps of [10, 10, 9, 8, 7, 6, 0, 3]) await seedAnswer(t.app, site, survey.id, at, { nps });
    for (const csat of [5, 4, 4, 2]) await seedAnswer(t.app, site, survey.id, at, { csat });
    await seedAnswer(t.app, site, survey.id, at, { comment: 'only words' });
    const m = (await metrics()).json();
    expect(m.responses).toBe(13);
    // 3 promoters, 2 passives, 3 detractors of 8: NPS 0.
    expect(m.nps).toMatchObject({ promoters: 3, passives: 2, detractors: 3, responses: 8, score: 0 });
    expect(m.nps.marginOfError).toBeCloseTo(1.96 * Math.sqrt(0.75 / 8) * 100, 1);
    // Hand-computed: adjusted Wald on 3.75 / 8 + 3 / 3.75; Wilson on 3 of 4.
    expect(m.nps.interval).toEqual({ low: -48.8, high: 48.8 });
    expect(m.csat).toEqual({ score: 75, mean: 3.75, responses: 4, distribution: [0, 1, 0, 2, 1], interval: { low: 30.1, high: 95.4 } });
    expect(m.npsDistribution).toEqual([1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 2]);
  });

  it('buckets by day, week and month in the site’s time zone, zero-filled', async () => {
    // 02:00 UTC on Mar 2 is still Mar 1 in New York.
    await seedAnswer(t.app, site, survey.id, '2026-03-02T02:00:00Z', { nps: 10 });
    await seedAnswer(t.app, site, survey.id, '2026-03-03T15:00:00Z', { nps: 0 });
    await seedAnswer(t.app, site, survey.id, '2026-04-20T15:00:00Z', { nps: 9, csat: 5 });

    const byDay = (await metrics('?from=2026-03-01&to=2026-03-04&interval=day')).json();
    expect(byDay.series.map((b: { start: string }) => b.start)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(byDay.series.map((b: { nps: { score: number | null } }) => b.nps.score)).toEqual([100, null, -100, null]);
    expect(byDay.nps).toMatchObject({ responses: 2, score: 0 });

    const byWeek = (await metrics('?from=2026-03-01&to=2026-03-10&interval=week')).json();
    // Mar 1 2026 is a Sunday: its ISO week starts Monday Feb 23.
    expect(byWeek.series.map((b: { start: string; responses: number }) => [b.start, b.responses])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 1],
      ['2026-03-09', 0],
    ]);

    const byMonth = (await metrics('?interval=month')).json();
    expect(byMonth.series.map((b: { start: string; nps: { score: number } }) => [b.start, b.nps.score])).toEqual([
      ['2026-03-01', 0],
      ['2026-04-01', 100],
    ]);
    expect(byMonth.series[1].csat).toMatchObject({ score: 100, mean: 5 });
  });

  it('scopes to one survey', async () => {
    const other = await createSurvey(t.app, site, { name: 'Other' });
    await seedAnswer(t.app, site, survey.id, '2026-03-02T12:00:00Z', { nps: 10 });
    await seedAnswer(t.app, site, other.id, '2026-03-02T12:00:00Z', { nps: 0 });
    expect((await metrics(`?survey=${survey.id}`)).json().nps.score).toBe(100);
    expect((await metrics(`?survey=${other.id}`)).json().nps.score).toBe(-100);
    expect((await metrics()).json().nps.score).toBe(0);
  });

  it('counts impressions from events and reports the response rate', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
        payload: JSON.stringify({ key: site.publicKey, survey: survey.id, type: 'shown', visitor: `v${i}` }),
      });
      expect(res.statusCode).toBe(202);
    }
    await t.app.inject({ method: 'POST', url: '/v1/events', payload: { key: site.publicKey, survey: survey.id, type: 'dismissed' } });
    expect((await postResponses(t.app, answer(site, survey, { nps: 9 }))).statusCode).toBe(202);
    const m = (await metrics()).json();
    expect(m.impressions).toBe(4);
    expect(m.responseRate).toBe(25);
  });

  it('refuses bad events', async () => {
    const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/v1/events', payload: payload as object });
    expectError(await post({ key: site.publicKey, survey: survey.id, type: 'clicked' }), 400, 'validation_failed');
    expectError(await post({ key: 'pk_nope', survey: survey.id, type: 'shown' }), 401, 'unauthorized');
    expectError(await post({ key: site.publicKey, survey: 'sv_nope', type: 'shown' }), 404, 'not_found');
    await createSite(t.app, { name: 'Other', origins: ['https://other.example'] });
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { origin: 'https://other.example' },
      payload: { key: site.publicKey, survey: survey.id, type: 'shown' },
    });
    expectError(foreign, 403, 'origin_not_allowed');
    expect((await metrics()).json().impressions).toBe(0);
  });

  it.each([
    ['an unknown interval', '?interval=year'],
    ['a bad date', '?from=2026-02-30'],
    ['a date-time', '?from=2026-02-01T00:00:00Z'],
    ['from after to', '?from=2026-03-01&to=2026-02-01'],
    ['too many buckets', '?from=2020-01-01&to=2026-01-01&interval=day'],
    ['an unknown survey', '?survey=sv_nope'],
    ['an unknown parameter', '?groupBy=plan'],
  ])('refuses %s with 4xx', async (_, q) => {
    const res = await metrics(q);
    expect(res.statusCode === 400 || res.statusCode === 404).toBe(true);
    expect(res.json().error.code).toMatch(/validation_failed|not_found/);
  });

  it('answers 404 to another site’s key and 401 without one', async () => {
    const other = await createSite(t.app, { name: 'Other' });
    expectError(await metrics('', other.secretKey), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics` }), 401, 'unauthorized');
  });
});
