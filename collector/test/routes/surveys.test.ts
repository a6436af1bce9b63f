import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, countRows, createSite, createSurvey, expectError, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app);
});
afterEach(async () => {
  await t.close();
});

const url = (s: TestSite, rest = '') => `/v1/sites/${s.id}/surveys${rest}`;

describe('surveys', () => {
  it('creates a survey with display defaults', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: url(site),
      headers: bearer(site.secretKey),
      payload: { name: 'After purchase', questions: ['csat', 'comment'], display: { trigger: 'manual', position: 'center' }, texts: { fr: { csatQuestion: 'Êtes-vous satisfait ?' } } },
    });
    expect(res.statusCode).toBe(201);
    const survey = res.json();
    expect(survey.id).toMatch(/^sv_/);
    expect(survey).toMatchObject({
      siteId: site.id,
      name: 'After purchase',
      questions: ['csat', 'comment'],
      status: 'active',
      display: { trigger: 'manual', position: 'center', delaySeconds: 3, samplePercent: 100, resurveyDays: 90, urlPattern: null },
      texts: { fr: { csatQuestion: 'Êtes-vous satisfait ?' } },
    });
  });

  it.each([
    ['no questions', { name: 'x', questions: [] }],
    ['an unknown question type', { name: 'x', questions: ['rating'] }],
    ['a repeated question', { name: 'x', questions: ['nps', 'nps'] }],
    ['an unknown trigger', { name: 'x', questions: ['nps'], display: { trigger: 'hover' } }],
    ['a sample over 100%', { name: 'x', questions: ['nps'], display: { samplePercent: 101 } }],
    ['an unknown text key', { name: 'x', questions: ['nps'], texts: { en: { title: 'hi' } } }],
    ['a bad brand colour', { name: 'x', questions: ['nps'], theme: { brandColor: 'red' } }],
    ['an unknown field', { name: 'x', questions: ['nps'], color: 'red' }],
  ])('refuses %s with 400 and stores nothing', async (_, payload) => {
    const res = await t.app.inject({ method: 'POST', url: url(site), headers: bearer(site.secretKey), payload });
    expectError(res, 400, 'validation_failed');
    expect(await countRows(t, 'surveys')).toBe(0);
  });

  it('lists, reads, updates and archives', async () => {
    const a = await createSurvey(t.app, site, { name: 'A' });
    const b = await createSurvey(t.app, site, { name: 'B', display: { delaySeconds: 10, position: 'bottom-left' } });

    const list = await t.app.inject({ method: 'GET', url: url(site), headers: bearer(site.secretKey) });
    expect(list.json().items.map((s: { name: string }) => s.name)).toEqual(['A', 'B']);

    const read = await t.app.inject({ method: 'GET', url: url(site, `/${a.id}`), headers: bearer(site.secretKey) });
    expect(read.json()).toMatchObject({ id: a.id, name: 'A' });

    // A partial display patch keeps the fields it does not name.
    const patched = await t.app.inject({
      method: 'PATCH',
      url: url(site, `/${b.id}`),
      headers: bearer(site.secretKey),
      payload: { name: 'B2', display: { trigger: 'scroll' }, status: 'paused' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'B2', status: 'paused', display: { trigger: 'scroll', delaySeconds: 10, position: 'bottom-left' } });

    const archived = await t.app.inject({ method: 'DELETE', url: url(site, `/${a.id}`), headers: bearer(site.secretKey) });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    const again = await t.app.inject({ method: 'GET', url: url(site, `/${a.id}`), headers: bearer(site.secretKey) });
    expect(again.json().status).toBe('archived');
  });

  it('refuses an empty patch', async () => {
    const a = await createSurvey(t.app, site);
    expectError(await t.app.inject({ method: 'PATCH', url: url(site, `/${a.id}`), headers: bearer(site.secretKey), payload: {} }), 400, 'validation_failed');
  });

  it('answers 404 for an unknown survey', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: url(site, '/sv_unknown'), headers: bearer(site.secretKey), ...(method === 'PATCH' && { payload: { name: 'x' } }) });
      expectError(res, 404, 'not_found');
    }
  });

  it('keeps every survey route to its own site', async () => {
    const other = await createSite(t.app, { name: 'Other' });
    const mine = await createSurvey(t.app, site);
    // Another site's key on my site's URLs: 404, as if nothing were there.
    for (const [method, path] of [['GET', ''], ['POST', ''], ['GET', `/${mine.id}`], ['PATCH', `/${mine.id}`], ['DELETE', `/${mine.id}`]] as const) {
      const res = await t.app.inject({ method, url: url(site, path), headers: bearer(other.secretKey), ...(method !== 'GET' && method !== 'DELETE' && { payload: { name: 'x', questions: ['nps'] } }) });
      expectError(res, 404, 'not_found');
    }
    // My survey through the other site's URL and key: 404 too.
    expectError(await t.app.inject({ method: 'GET', url: url(other, `/${mine.id}`), headers: bearer(other.secretKey) }), 404, 'not_found');
    // No key at all: 401.
    expectError(await t.app.inject({ method: 'GET', url: url(site) }), 401, 'unauthorized');
    const stillMine = await t.app.inject({ method: 'GET', url: url(site, `/${mine.id}`), headers: bearer(site.secretKey) });
    expect(stillMine.json()).toMatchObject({ name: 'NPS', status: 'active' });
  });
});
