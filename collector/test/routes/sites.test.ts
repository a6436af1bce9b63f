import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, buildTestApp, countRows, createSite, expectError, type TestApp } from '../helper';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /healthz', () => {
  it('answers ok once the database is open', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', writes: { status: 'ok', since: expect.any(String) } });
  });
});

describe('POST /v1/sites', () => {
  it('creates a site with a public and a one-time secret key', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sites',
      headers: bearer(ADMIN_TOKEN),
      payload: { name: 'Boutique', origins: ['https://boutique.example/', 'https://www.boutique.example'], timezone: 'Europe/Paris' },
    });
    expect(res.statusCode).toBe(201);
    const site = res.json();
    expect(site).toMatchObject({
      name: 'Boutique',
      origins: ['https://boutique.example', 'https://www.boutique.example'],
      timezone: 'Europe/Paris',
    });
    expect(site.id).toMatch(/^st_/);
    expect(site.publicKey).toMatch(/^pk_[A-Za-z0-9_-]{20,}$/);
    expect(site.secretKey).toMatch(/^sk_[A-Za-z0-9_-]{40,}$/);
    // The secret is kept only as a hash.
    const dump = JSON.stringify(await t.db.query('SELECT * FROM sites'));
    expect(dump).not.toContain(site.secretKey);
    expect(dump).toContain(site.publicKey);
  });

  it('defaults the time zone to UTC', async () => {
    const site = await createSite(t.app, { origins: [] });
    expect(site.timezone).toBe('UTC');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', bearer('adm_wrong_token_xxxxxxxx')],
    ['a malformed header', { authorization: ADMIN_TOKEN }],
  ])('refuses %s with 401 and stores nothing', async (_, headers) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/sites', headers, payload: { name: 'x', origins: [] } });
    expectError(res, 401, 'unauthorized');
    expect(await countRows(t, 'sites')).toBe(0);
  });

  it('refuses a site secret in place of the admin token', async () => {
    const site = await createSite(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/v1/sites', headers: bearer(site.secretKey), payload: { name: 'x', origins: [] } });
    expectError(res, 401, 'unauthorized');
  });

  it.each([
    ['a missing name', { origins: [] }],
    ['an empty name', { name: '  ', origins: [] }],
    ['origins that are not origins', { name: 'x', origins: ['shop.example'] }],
    ['an origin with a path', { name: 'x', origins: ['https://shop.example/app'] }],
    ['an unknown time zone', { name: 'x', origins: [], timezone: 'Europe/Atlantis' }],
    ['an unknown field', { name: 'x', origins: [], plan: 'pro' }],
  ])('refuses %s with 400 and stores nothing', async (_, payload) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/sites', headers: bearer(ADMIN_TOKEN), payload });
    expectError(res, 400, 'validation_failed');
    expect(await countRows(t, 'sites')).toBe(0);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sites',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expectError(res, 400, 'bad_request');
  });
});

describe('GET and PATCH /v1/sites/:siteId', () => {
  it('reads its own site with the secret key, without the secret', async () => {
    const site = await createSite(t.app);
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: site.id, publicKey: site.publicKey, origins: ['https://shop.example'] });
    expect(res.json()).not.toHaveProperty('secretKey');
  });

  it('answers 404 to another site’s key and 401 without a valid key', async () => {
    const a = await createSite(t.app, { name: 'A' });
    const b = await createSite(t.app, { name: 'B' });
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${a.id}`, headers: bearer(b.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/st_nope`, headers: bearer(b.secretKey) }), 404, 'not_found');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${a.id}` }), 401, 'unauthorized');
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${a.id}`, headers: bearer('sk_not_a_key') }), 401, 'unauthorized');
    // A public key never reads anything.
    expectError(await t.app.inject({ method: 'GET', url: `/v1/sites/${a.id}`, headers: bearer(a.publicKey) }), 401, 'unauthorized');
  });

  it('lets the admin token read any site', async () => {
    const site = await createSite(t.app);
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(ADMIN_TOKEN) });
    expect(res.statusCode).toBe(200);
  });

  it('updates name, origins and time zone', async () => {
    const site = await createSite(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/v1/sites/${site.id}`,
      headers: bearer(site.secretKey),
      payload: { origins: ['https://new.example'], timezone: 'America/New_York' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Shop', origins: ['https://new.example'], timezone: 'America/New_York' });
  });

  it('refuses an empty or invalid patch and changes nothing', async () => {
    const site = await createSite(t.app);
    for (const payload of [{}, { timezone: 'Nowhere/Land' }, { publicKey: 'pk_mine' }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey), payload });
      expectError(res, 400, 'validation_failed');
    }
    const after = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey) });
    expect(after.json()).toMatchObject({ timezone: 'UTC', publicKey: site.publicKey });
  });

  it('answers 404 when another site patches', async () => {
    const a = await createSite(t.app);
    const b = await createSite(t.app);
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/sites/${a.id}`, headers: bearer(b.secretKey), payload: { name: 'pwned' } });
    expectError(res, 404, 'not_found');
  });
});

describe('unknown routes and docs', () => {
  it('answers 404 JSON for an unknown route', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v2/nothing' }), 404, 'not_found');
  });

  it('serves an OpenAPI 3 document generated from the schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/v1/sites', '/v1/sites/{siteId}/surveys/{surveyId}', '/v1/responses', '/v1/config', '/v1/sites/{siteId}/metrics']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/v1/sites'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SiteCreate' });
    expect(Object.keys(doc.components.schemas.SiteCreate.properties)).toContain('origins');
    const ui = await t.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
