import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createSite, createSurvey, expectError, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { origins: ['https://shop.example'] });
});
afterEach(async () => {
  await t.close();
});

describe('GET /v1/config', () => {
  it('returns active surveys only, with what the widget needs', async () => {
    const active = await createSurvey(t.app, site, { name: 'Live', texts: { fr: { npsQuestion: 'Recommanderiez-vous {product} ?' } }, theme: { brandColor: '#112233' } });
    const paused = await createSurvey(t.app, site, { name: 'Paused', status: 'paused' });
    const archived = await createSurvey(t.app, site, { name: 'Gone' });
    await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/surveys/${archived.id}`, headers: bearer(site.secretKey) });

    const res = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}` });
    expect(res.statusCode).toBe(200);
    const config = res.json();
    expect(config.site).toEqual({ name: 'Shop', cooldownDays: 0 });
    expect(config.surveys.map((s: { id: string }) => s.id)).toEqual([active.id]);
    expect(config.surveys[0]).toMatchObject({
      questions: ['nps', 'csat', 'comment'],
      theme: { brandColor: '#112233', colors: { brand: '#112233', onBrand: '#ffffff', accent: '#112233' } },
      display: { trigger: 'load' },
    });
    // The others are named with why they do not show, so the widget can tell a show() call why.
    expect(config.inactive).toEqual({ [paused.id]: 'paused', [archived.id]: 'archived' });
    expect(JSON.stringify(config.surveys)).not.toContain(paused.id);
    expect(JSON.stringify(config)).not.toContain(site.id); // no internal ids beyond surveys
  });

  it('is cacheable with an ETag', async () => {
    await createSurvey(t.app, site);
    const first = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}` });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toContain('max-age=');
    const second = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
    // A change to the surveys changes the ETag.
    await createSurvey(t.app, site, { name: 'Another' });
    const third = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { 'if-none-match': etag } });
    expect(third.statusCode).toBe(200);
    expect(third.headers.etag).not.toBe(etag);
  });

  it('refuses an unknown or missing key', async () => {
    // An unknown key is an authentication failure here as on the other public routes.
    expectError(await t.app.inject({ method: 'GET', url: '/v1/config?key=pk_unknown' }), 401, 'unauthorized');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/config' }), 400, 'validation_failed');
    // A secret key is not a public key.
    expectError(await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.secretKey}` }), 401, 'unauthorized');
  });

  it('answers CORS only for the site’s allowed origins', async () => {
    const allowed = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { origin: 'https://shop.example' } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');

    const other = await createSite(t.app, { name: 'Other', origins: ['https://other.example'] });
    const denied = await t.app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, headers: { origin: 'https://other.example' } });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expectError(denied, 403, 'origin_not_allowed');
    const evil = await t.app.inject({ method: 'GET', url: `/v1/config?key=${other.publicKey}`, headers: { origin: 'https://evil.example' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight only for known origins', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/responses',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    const evil = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/responses',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});
