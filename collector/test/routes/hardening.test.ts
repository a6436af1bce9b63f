import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FAIR_SHARE } from '../../src/lib/key-rate-limit';
import {
  answer,
  bearer,
  buildTestApp,
  countRows,
  createSite,
  createSurvey,
  expectError,
  postResponses,
  seedAnswer,
  type TestApp,
} from '../helper';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  t = await buildTestApp(overrides);
  const site = await createSite(t.app, { origins: ['https://shop.example'] });
  const survey = await createSurvey(t.app, site);
  return { app: t.app, site, survey };
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('body limits', () => {
  it('answers 413 to a single answer over 16 KB and stores nothing', async () => {
    const { app, site, survey } = await setup();
    const res = await postResponses(app, answer(site, survey, { nps: 5, comment: '😀'.repeat(4200) }));
    expectError(res, 413, 'payload_too_large');
    expect(await countRows(t!, 'responses')).toBe(0);
  });

  it('answers 413 to a batch over 256 KB and stores nothing', async () => {
    const { app, site, survey } = await setup();
    const items = Array.from({ length: 100 }, () => answer(site, survey, { nps: 5, comment: 'ü'.repeat(1400) }));
    const res = await postResponses(app, items, { contentType: 'text/plain' });
    expectError(res, 413, 'payload_too_large');
    expect(await countRows(t!, 'responses')).toBe(0);
  });

  it('accepts a batch above 16 KB but under 256 KB', async () => {
    const { app, site, survey } = await setup();
    const items = Array.from({ length: 20 }, () => answer(site, survey, { nps: 5, comment: 'x'.repeat(1500) }));
    expect((await postResponses(app, items)).statusCode).toBe(202);
    expect(await countRows(t!, 'responses')).toBe(20);
  });
});

describe('rate limits', () => {
  it('limits each client address on public routes with 429 and Retry-After', async () => {
    const { app, site, survey } = await setup({ rateLimit: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await postResponses(app, answer(site, survey, { nps: 9 }))).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
    const res = await postResponses(app, answer(site, survey, { nps: 9 }));
    expectError(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countRows(t!, 'responses')).toBe(3);
    // Another address is not affected; site routes are not limited.
    const other = await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: '203.0.113.9', payload: answer(site, survey, { nps: 1 }) });
    expect(other.statusCode).toBe(202);
    expect((await app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey) })).statusCode).toBe(200);
  });

  it('lets the widget read Retry-After across origins', async () => {
    const { app, site, survey } = await setup({ rateLimit: 1 });
    await app.inject({ method: 'POST', url: '/v1/responses', headers: { origin: 'https://shop.example' }, payload: answer(site, survey, { nps: 9 }) });
    const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { origin: 'https://shop.example' }, payload: answer(site, survey, { nps: 9 }) });
    expectError(res, 429, 'rate_limited');
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/retry-after/i);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
    const { app, site, survey } = await setup({ rateLimit: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'x-forwarded-for': `198.51.100.${i}` }, payload: answer(site, survey, { nps: 9 }) });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([202, 202, 429]);
  });

  it('trusts X-Forwarded-For from a configured proxy', async () => {
    const { app, site, survey } = await setup({ rateLimit: 2, trustProxy: true });
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'x-forwarded-for': `198.51.100.${i}` }, payload: answer(site, survey, { nps: 9 }) });
      expect(res.statusCode).toBe(202);
    }
  });

  it('limits each public key across addresses, refusing only the clients that spent its budget', async () => {
    const { app, site, survey } = await setup({ rateLimit: 1000, keyRateLimit: 2 });
    const post = (address: string) =>
      app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: address, payload: answer(site, survey, { nps: 9 }) });
    const codes: number[] = [];
    for (let i = 0; i <= FAIR_SHARE; i++) codes.push((await post('203.0.113.1')).statusCode);
    // The key's budget of 2 is spent; that client goes on up to a visitor's fair share, then waits.
    expect(codes.slice(0, FAIR_SHARE).every((c) => c === 202)).toBe(true);
    const refused = await post('203.0.113.1');
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another visitor of the site still gets in.
    expect((await post('203.0.113.2')).statusCode).toBe(202);
  });

  it('cannot be used by anyone to lock a site’s visitors out', async () => {
    const { app, site, survey } = await setup({ rateLimit: 60, keyRateLimit: 200 });
    const batch = () => Array.from({ length: 100 }, () => answer(site, survey, { nps: 0 }));
    // A crawler's batches are answered and dropped, and charged to nothing but its own address.
    for (let i = 0; i < 121; i++) {
      await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: '198.51.100.1', headers: { 'user-agent': 'Googlebot/2.1' }, payload: batch() });
    }
    // Five addresses spend their whole per-address budget on the key: 300 requests against 200.
    for (let a = 2; a < 7; a++) {
      for (let i = 0; i < 60; i++) {
        await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: `198.51.100.${a}`, headers: { 'user-agent': CHROME }, payload: batch().slice(0, 1) });
      }
    }
    const visitor = await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: '203.0.113.50', headers: { 'user-agent': CHROME }, payload: answer(site, survey, { nps: 10 }) });
    expect(visitor.statusCode).toBe(202);
    const config = await app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}`, remoteAddress: '203.0.113.51' });
    expect(config.statusCode).toBe(200);
  });
});

describe('bots', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  ])('answers 202 to %s but stores nothing, and counts its answers as bots’', async (ua) => {
    const { app, site, survey } = await setup();
    const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'user-agent': ua }, payload: answer(site, survey, { nps: 10 }) });
    expect(res.statusCode).toBe(202);
    const ev = await app.inject({ method: 'POST', url: '/v1/events', headers: { 'user-agent': ua }, payload: { key: site.publicKey, survey: survey.id, type: 'shown' } });
    expect(ev.statusCode).toBe(202);
    expect(await countRows(t!, 'responses')).toBe(0);
    const metrics = (await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).json();
    expect(metrics).toMatchObject({ responses: 0, impressions: 0, botAnswers: 1 });
    const human = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'user-agent': CHROME }, payload: answer(site, survey, { nps: 10 }) });
    expect(human.statusCode).toBe(202);
    expect(await countRows(t!, 'responses')).toBe(1);
  });

  it('stores what bots send when PLAUDIT_BOT_FILTER=off', async () => {
    const { app, site, survey } = await setup({ botFilter: false });
    const headless = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';
    const res = await app.inject({ method: 'POST', url: '/v1/responses', headers: { 'user-agent': headless }, payload: answer(site, survey, { nps: 10 }) });
    expect(res.statusCode).toBe(202);
    expect(await countRows(t!, 'responses')).toBe(1);
    const metrics = (await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).json();
    expect(metrics).toMatchObject({ responses: 1, botAnswers: 0 });
  });
});

describe('key rotation', () => {
  it('rotates the secret key: the old one stops working at once', async () => {
    const { app, site } = await setup();
    const res = await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/keys/rotate`, headers: bearer(site.secretKey) });
    expect(res.statusCode).toBe(200);
    const { secretKey } = res.json();
    expect(secretKey).toMatch(/^sk_/);
    expect(secretKey).not.toBe(site.secretKey);
    expectError(await app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey) }), 401, 'unauthorized');
    expect((await app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(secretKey) })).statusCode).toBe(200);
  });

  it('rotates the public key with a grace period for the old one', async () => {
    const { app, site, survey } = await setup();
    const res = await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/keys/rotate-public`, headers: bearer(site.secretKey), payload: { graceHours: 1 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.previousPublicKey).toBe(site.publicKey);
    expect(Date.parse(body.previousValidUntil) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await postResponses(app, answer(site, survey, { nps: 8 }))).statusCode).toBe(202);
    expect((await postResponses(app, { ...answer(site, survey, { nps: 8 }), key: body.publicKey })).statusCode).toBe(202);
    expect((await app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}` })).statusCode).toBe(200);

    // Rotating again with no grace retires the key that was current a moment ago.
    const again = (await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/keys/rotate-public`, headers: bearer(site.secretKey), payload: { graceHours: 0 } })).json();
    expectError(await postResponses(app, { ...answer(site, survey, { nps: 8 }), key: body.publicKey }), 401, 'unauthorized');
    expectError(await postResponses(app, answer(site, survey, { nps: 8 })), 401, 'unauthorized');
    expect((await postResponses(app, { ...answer(site, survey, { nps: 8 }), key: again.publicKey })).statusCode).toBe(202);
  });

  it('keeps rotation to the key’s own site', async () => {
    const { app, site } = await setup();
    const other = await createSite(app, { name: 'Other' });
    for (const path of ['keys/rotate', 'keys/rotate-public']) {
      expectError(await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/${path}`, headers: bearer(other.secretKey), payload: {} }), 404, 'not_found');
      expectError(await app.inject({ method: 'POST', url: `/v1/sites/${site.id}/${path}`, payload: {} }), 401, 'unauthorized');
    }
    expect((await app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer(site.secretKey) })).json().publicKey).toBe(site.publicKey);
  });
});

describe('erasure', () => {
  it('deletes one response and its share of the metrics', async () => {
    const { app, site, survey } = await setup();
    const keep = await seedAnswer(app, site, survey.id, '2026-06-01T10:00:00Z', { nps: 10 });
    const gone = await seedAnswer(app, site, survey.id, '2026-06-01T11:00:00Z', { nps: 0, comment: 'bad' });
    const other = await createSite(app, { name: 'Other' });
    expectError(await app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${gone}`, headers: bearer(other.secretKey) }), 404, 'not_found');
    const res = await app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${gone}`, headers: bearer(site.secretKey) });
    expect(res.json()).toEqual({ deleted: 1 });
    expectError(await app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/responses/${gone}`, headers: bearer(site.secretKey) }), 404, 'not_found');
    const m = (await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).json();
    expect(m.responses).toBe(1);
    expect(m.nps).toMatchObject({ score: 100, detractors: 0, promoters: 1 });
    const ids = (await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses`, headers: bearer(site.secretKey) })).json().items.map((r: { id: string }) => r.id);
    expect(ids).toEqual([keep]);
  });

  it('deletes every response of a customer', async () => {
    const { app, site, survey } = await setup();
    await seedAnswer(app, site, survey.id, '2026-06-01T10:00:00Z', { nps: 3, customer: { id: 'cus_9' } });
    await seedAnswer(app, site, survey.id, '2026-06-02T10:00:00Z', { csat: 2, customer: { id: 'cus_9' } });
    await seedAnswer(app, site, survey.id, '2026-06-02T10:00:00Z', { csat: 5, customer: { id: 'cus_1' } });
    const other = await createSite(app, { name: 'Other' });
    expectError(await app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/customers/cus_9/responses`, headers: bearer(other.secretKey) }), 404, 'not_found');
    const res = await app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/customers/cus_9/responses`, headers: bearer(site.secretKey) });
    expect(res.json()).toEqual({ deleted: 2 });
    expect(await countRows(t!, 'responses')).toBe(1);
    const m = (await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) })).json();
    expect(m).toMatchObject({ responses: 1, nps: { responses: 0 }, csat: { responses: 1, score: 100 } });
  });
});

describe('headers, cookies and logs', () => {
  it('sends security headers on the API and never a cookie', async () => {
    const { app, site, survey } = await setup();
    const responses = [
      await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses`, headers: bearer(site.secretKey) }),
      await app.inject({ method: 'GET', url: `/v1/sites/${site.id}/metrics`, headers: bearer(site.secretKey) }),
      await postResponses(app, answer(site, survey, { nps: 7 }), { origin: 'https://shop.example' }),
      await app.inject({ method: 'GET', url: `/v1/config?key=${site.publicKey}` }),
      await app.inject({ method: 'GET', url: '/docs' }),
    ];
    for (const res of responses) expect(res.headers['set-cookie']).toBeUndefined();
    const api = responses[0]!;
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never writes a client address to the logs', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const { app, site, survey } = await setup({ logger: { level: 'trace', stream }, rateLimit: 1 });
    await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: '203.0.113.77', headers: { 'x-forwarded-for': '198.51.100.23' }, payload: answer(site, survey, { nps: 9 }) });
    await app.inject({ method: 'POST', url: '/v1/responses', remoteAddress: '203.0.113.77', payload: answer(site, survey, { nps: 9 }) });
    await app.inject({ method: 'GET', url: '/v1/nothing?secret=x', remoteAddress: '203.0.113.77' });
    const log = lines.join('');
    expect(log).toContain('/v1/responses');
    expect(log).not.toContain('203.0.113.77');
    expect(log).not.toContain('198.51.100.23');
    expect(log).not.toContain('secret=x');
  });
});
