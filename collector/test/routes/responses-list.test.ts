import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '@plaudit/shared';
import { bearer, buildTestApp, createSite, createSurvey, expectError, seedAnswer, type TestApp, type TestSite } from '../helper';

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

const list = (query = '', key = site.secretKey, s = site) =>
  t.app.inject({ method: 'GET', url: `/v1/sites/${s.id}/responses${query}`, headers: bearer(key) });

describe('GET /v1/sites/:siteId/responses', () => {
  it('lists newest first with every field', async () => {
    const older = await seedAnswer(t.app, site, survey.id, '2026-01-01T10:00:00Z', { nps: 3, comment: 'Slow' });
    const newer = await seedAnswer(t.app, site, survey.id, '2026-01-02T10:00:00Z', { csat: 5 });
    const res = await list();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((r: { id: string }) => r.id)).toEqual([newer, older]);
    expect(body.nextCursor).toBeNull();
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['answers', 'attributes', 'comment', 'consent', 'createdAt', 'csat', 'customer', 'followUp', 'id', 'locale', 'nps', 'page', 'survey', 'updatedAt'].sort(),
    );
    expect(body.items[1]).toMatchObject({ nps: 3, comment: 'Slow', createdAt: '2026-01-01T10:00:00.000Z' });
  });

  it('pages with a stable cursor, even across equal timestamps and new arrivals', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await seedAnswer(t.app, site, survey.id, '2026-02-01T12:00:00Z', { nps: i }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((r: { id: string }) => r.id));
      cursor = body.nextCursor;
      pages++;
      // An answer arriving mid-paging lands on top and does not shift the pages being read.
      if (pages === 1) await seedAnswer(t.app, site, survey.id, '2026-03-01T12:00:00Z', { nps: 10 });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by survey, dates in the site’s time zone, category and comment', async () => {
    const other = await createSurvey(t.app, site, { name: 'Other' });
    // 23:30 UTC on Jan 31 is already Feb 1 in Paris.
    const lateJan = await seedAnswer(t.app, site, survey.id, '2026-01-31T23:30:00Z', { nps: 10, comment: 'Love it' });
    const midJan = await seedAnswer(t.app, site, survey.id, '2026-01-15T09:00:00Z', { nps: 2 });
    const otherOne = await seedAnswer(t.app, site, other.id, '2026-01-20T09:00:00Z', { nps: 8, comment: 'ok' });
    const ids = async (q: string) => (await list(q)).json().items.map((r: { id: string }) => r.id);

    expect(await ids(`?survey=${other.id}`)).toEqual([otherOne]);
    expect(await ids('?from=2026-02-01')).toEqual([lateJan]);
    expect(await ids('?to=2026-01-31')).toEqual([otherOne, midJan]);
    expect(await ids('?from=2026-01-16T00:00:00Z&to=2026-01-31T00:00:00Z')).toEqual([otherOne]);
    expect(await ids('?category=promoter')).toEqual([lateJan]);
    expect(await ids('?category=detractor')).toEqual([midJan]);
    expect(await ids('?category=passive')).toEqual([otherOne]);
    expect(await ids('?hasComment=true')).toEqual([lateJan, otherOne]);
    expect(await ids('?hasComment=false')).toEqual([midJan]);
  });

  it.each([
    ['limit over 500', '?limit=501'],
    ['limit 0', '?limit=0'],
    ['a bad date', '?from=2026-13-01'],
    ['an unknown category', '?category=fan'],
    ['a forged cursor', '?cursor=bm9wZQ'],
    ['hasComment not a boolean', '?hasComment=yes'],
    ['from after to', '?from=2026-02-01&to=2026-01-01'],
    ['an unknown parameter', '?sort=asc'],
  ])('refuses %s with 400', async (_, q) => {
    expectError(await list(q), 400, 'validation_failed');
  });

  it('accepts limit 500', async () => {
    expect((await list('?limit=500')).statusCode).toBe(200);
  });

  it('shows nothing of one site to another', async () => {
    const other = await createSite(t.app, { name: 'Other' });
    await seedAnswer(t.app, site, survey.id, '2026-01-01T10:00:00Z', { nps: 3 });
    expectError(await list('', other.secretKey), 404, 'not_found');
    expectError(await list('', 'sk_forged'), 401, 'unauthorized');
    const own = await list('', other.secretKey, other);
    expect(own.json().items).toEqual([]);
    // Filtering by a survey of another site gives 404, not an empty page that confirms it exists.
    expectError(await list(`?survey=${survey.id}`, other.secretKey, other), 404, 'not_found');
  });
});

describe('GET /v1/sites/:siteId/exports/responses.csv', () => {
  it('exports every response with formula-like cells neutralised', async () => {
    await seedAnswer(t.app, site, survey.id, '2026-01-01T10:00:00Z', { nps: 2, comment: '=HYPERLINK("http://evil.example","win")' });
    await seedAnswer(t.app, site, survey.id, '2026-01-02T10:00:00Z', { nps: 9, comment: 'Great, "really" great\nThanks' });
    for (let i = 0; i < 520; i++) await seedAnswer(t.app, site, survey.id, '2025-12-01T10:00:00Z', { csat: 4 });
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/exports/responses.csv`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const body = res.body;
    expect(body.startsWith('id,survey,createdAt,updatedAt,nps,csat,comment,')).toBe(true);
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""win"")"`);
    expect(body).not.toMatch(/,=HYPERLINK/);
    expect(body).toContain('"Great, ""really"" great\nThanks"');
    // Header + 522 rows, across several internal pages.
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(1 + 522);
  });

  it('yields the event loop between pages, however many rows it streams', async () => {
    const rows = 20_000;
    const at = Date.parse('2026-01-01T10:00:00Z');
    // Inserted straight into the table, 500 rows a statement, on either engine.
    for (let from = 0; from < rows; from += 500) {
      const chunk = Array.from({ length: Math.min(500, rows - from) }, (_, k) => from + k);
      await t.db.query(
        `INSERT INTO responses (id, site_id, survey_id, day, nps, comment, locale, attributes, created_at, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap((i) => [`00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, site.id, survey.id, '2026-01-01', i % 11, i % 3 ? null : `comment ${i}`, 'en', '{}', at + i, at + i]),
      );
    }
    let turns = 0;
    let done = false;
    const exported = t.app
      .inject({ method: 'GET', url: `/v1/sites/${site.id}/exports/responses.csv`, headers: bearer(site.secretKey) })
      .finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    const res = await exported;
    expect(res.body.split('\r\n').filter(Boolean)).toHaveLength(1 + rows);
    // At least one turn of the loop per page of LIMITS.listLimit rows: other requests are served
    // between pages, and no page holds the loop for long.
    expect(turns).toBeGreaterThanOrEqual(rows / LIMITS.listLimit);
  });

  it('filters like the list and stays within the site', async () => {
    await seedAnswer(t.app, site, survey.id, '2026-01-01T10:00:00Z', { nps: 2 });
    await seedAnswer(t.app, site, survey.id, '2026-01-02T10:00:00Z', { nps: 10 });
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/exports/responses.csv?category=promoter`, headers: bearer(site.secretKey) });
    expect(res.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    const other = await createSite(t.app, { name: 'Other' });
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/exports/responses.csv`, headers: bearer(other.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/exports/responses.csv?limit=5`, headers: bearer(site.secretKey) }), 400, 'validation_failed');
  });
});

describe('GET /v1/sites/:siteId/responses/:responseId', () => {
  it('answers one response as the list gives it, whatever made its id; another site’s is not found', async () => {
    // seedAnswer's ids are UUIDv4: they say nothing of when the answer was made.
    const id = await seedAnswer(t.app, site, survey.id, '2026-01-01T10:00:00Z', { nps: 3, comment: 'Slow', customer: { id: 'cus_1' } });
    const one = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses/${id}`, headers: bearer(site.secretKey) });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual((await list()).json().items[0]);
    expect(one.json()).toMatchObject({ id, nps: 3, comment: 'Slow' });

    const other = await createSite(t.app);
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${other.id}/responses/${id}`, headers: bearer(other.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses/${id}` }), 401, 'unauthorized');
  });
});
