// Is a change real? Intervals on every figure, two ranges compared with a test, change markers and
// their impact, and segments over time (issue 13), checked against hand-computed values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createSite, createSurvey, expectError, seedAnswer, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

const get = (path: string) => t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}${path}`, headers: bearer(site.secretKey) });

/** `count` answers of `nps` on `day`, with attributes. */
async function answers(day: string, nps: number, count: number, attributes?: Record<string, string>) {
  for (let i = 0; i < count; i++) await seedAnswer(t.app, site, survey.id, `${day}T12:00:00Z`, { nps, ...(attributes && { attributes }) });
}

describe('GET …/metrics/compare', () => {
  it('compares two ranges with the z test (hand-computed: 12/5/3 against 9/6/5 → +25 points)', async () => {
    await answers('2026-05-10', 10, 12);
    await answers('2026-05-10', 8, 5);
    await answers('2026-05-10', 2, 3);
    await answers('2026-04-10', 9, 9);
    await answers('2026-04-10', 7, 6);
    await answers('2026-04-10', 0, 5);
    const res = await get('/metrics/compare?from=2026-05-01&to=2026-05-31&previousFrom=2026-04-01&previousTo=2026-04-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.current).toMatchObject({ from: '2026-05-01', to: '2026-05-31', responses: 20, nps: { score: 45, promoters: 12, detractors: 3 } });
    expect(body.previous.nps).toMatchObject({ score: 20, promoters: 9, detractors: 5 });
    // Adjusted Wald on 12.75/23 − 3.75/23 against 9.75/23 − 5.75/23 (computed by hand, outside
    // the code): z = 0.95, p = 0.3428.
    expect(body.nps).toEqual({ difference: 25, z: 0.95, pValue: 0.3428, significant: false });
    expect(body.lowSample).toBe(true);
    expect(body.current.nps.interval).toEqual({ low: 8.4, high: 69.8 });
    expect(body.definitions.npsTest).toMatch(/z test/);
  });

  it('defaults to the same number of days just before, and restricts both sides to a segment', async () => {
    await answers('2026-05-20', 10, 4, { plan: 'pro' });
    await answers('2026-05-20', 0, 4, { plan: 'free' });
    await answers('2026-05-05', 0, 2, { plan: 'pro' });
    const res = (await get('/metrics/compare?from=2026-05-16&to=2026-05-31&segment=plan:pro')).json();
    expect(res.previous).toMatchObject({ from: '2026-04-30', to: '2026-05-15' });
    expect(res.current.nps).toMatchObject({ score: 100, responses: 4 });
    expect(res.previous.nps).toMatchObject({ score: -100, responses: 2 });
    expect(res.segment).toBe('plan:pro');
  });

  it.each([
    ['a range backwards', '?from=2026-05-31&to=2026-05-01'],
    ['a previous range backwards', '?from=2026-05-01&to=2026-05-31&previousFrom=2026-04-30&previousTo=2026-04-01'],
    ['a segment without a value', '?from=2026-05-01&to=2026-05-31&segment=plan'],
    ['no range', ''],
  ])('refuses %s', async (_, query) => {
    expectError(await get(`/metrics/compare${query}`), 400, 'validation_failed');
  });
});

describe('change markers', () => {
  it('are listed by the metrics series of their range, and say whether the change helped', async () => {
    await answers('2026-03-05', 3, 40); // before: detractors
    await answers('2026-03-20', 10, 40); // after: promoters
    const created = await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/markers`, headers: bearer(site.secretKey), payload: { date: '2026-03-15', label: 'New checkout released' } });
    expect(created.statusCode, created.body).toBe(201);
    const marker = created.json();
    expect(marker).toMatchObject({ date: '2026-03-15', label: 'New checkout released', survey: null });

    const metrics = (await get('/metrics?from=2026-03-01&to=2026-03-31&interval=day')).json();
    expect(metrics.markers.map((m: { id: string }) => m.id)).toEqual([marker.id]);
    expect((await get('/metrics?from=2026-04-01&to=2026-04-30')).json().markers).toEqual([]);

    const impact = (await get(`/markers/${marker.id}/impact?days=14`)).json();
    expect(impact.previous).toMatchObject({ from: '2026-03-01', to: '2026-03-14', responses: 40 });
    expect(impact.current).toMatchObject({ from: '2026-03-15', to: '2026-03-28', responses: 40 });
    expect(impact.nps).toMatchObject({ difference: 200, significant: true });
    expect(impact.marker.id).toBe(marker.id);

    expect((await get('/markers')).json().items).toHaveLength(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/markers/${marker.id}`, headers: bearer(site.secretKey) })).statusCode).toBe(200);
    expectError(await get(`/markers/${marker.id}/impact`), 404, 'not_found');
  });

  it('stay within their site', async () => {
    const other = await createSite(t.app, { name: 'Other' });
    const mine = (await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/markers`, headers: bearer(site.secretKey), payload: { date: '2026-03-15', label: 'x' } })).json();
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${other.id}/markers/${mine.id}/impact`, headers: bearer(other.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/markers`, headers: bearer(site.secretKey), payload: { date: '2026-03-15', label: 'x', survey: 'sv_other' } }), 404, 'not_found');
  });
});

describe('segments over time', () => {
  it('give each value its series with intervals, on the site’s buckets, small segments flagged', async () => {
    await answers('2026-01-10', 10, 2, { plan: 'pro' });
    await answers('2026-03-10', 0, 1, { plan: 'pro' });
    await answers('2026-02-10', 9, 1, { plan: 'free' });
    const body = (await get('/metrics?segment=plan&interval=month')).json();
    expect(body.series.map((b: { start: string }) => b.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    const pro = body.segments.find((s: { value: string }) => s.value === 'pro');
    expect(pro.lowSample).toBe(true);
    expect(pro.series.map((b: { start: string; responses: number; nps: { score: number | null } }) => [b.start, b.responses, b.nps.score])).toEqual([
      ['2026-01-01', 2, 100],
      ['2026-02-01', 0, null],
      ['2026-03-01', 1, -100],
    ]);
    // Two promoters alone: adjusted Wald 2.75/5 − 0.75/5 ± 1.96 × √((0.7 − 0.16) / 5), clipped.
    expect(pro.series[0].nps.interval).toEqual({ low: -24.4, high: 100 });
  });
});
