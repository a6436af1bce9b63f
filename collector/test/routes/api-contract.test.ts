// Defects a generated client met (issue 10), each pinned: no 5xx for input the schema allows, the
// key checked before anything else, one error envelope everywhere, limits and erasure that mean
// the same whatever the body's shape or the identifier's characters.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, bearer, buildTestApp, countRows, createSite, createSurvey, expectError, postResponses, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
let survey: { id: string };
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app);
  survey = await createSurvey(t.app, site);
});
afterEach(async () => {
  await t.close();
});

const rotatePublic = (headers: Record<string, string>, payload?: string) =>
  t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/keys/rotate-public`, headers: { ...bearer(site.secretKey), ...headers }, ...(payload !== undefined && { payload }) });

describe('rotate-public', () => {
  it('takes a fractional grace period the schema allows', async () => {
    const res = await rotatePublic({ 'content-type': 'application/json' }, JSON.stringify({ graceHours: 1.23456789 }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const grace = Date.parse(body.previousValidUntil) - Date.now();
    expect(grace).toBeGreaterThan(1.2 * 3_600_000);
    expect(grace).toBeLessThanOrEqual(1.23456789 * 3_600_000 + 1);
  });

  it.each([
    ['no body at all', {}, undefined],
    ['an empty JSON body', { 'content-type': 'application/json' }, ''],
  ])('defaults to 72 hours with %s', async (_, headers, payload) => {
    const res = await rotatePublic(headers, payload);
    expect(res.statusCode, res.body).toBe(200);
    const hours = (Date.parse(res.json().previousValidUntil) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
  });
});

describe('authentication comes first', () => {
  const cases: [string, 'GET' | 'POST' | 'PATCH', () => string, string | undefined][] = [
    ['a bad body', 'PATCH', () => `/v1/sites/${site.id}`, '{"name": 42}'],
    ['a body that is not JSON', 'PATCH', () => `/v1/sites/${site.id}`, '{not json'],
    ['a bad query', 'GET', () => `/v1/sites/${site.id}/metrics?interval=century`, undefined],
    ['a bad survey body', 'POST', () => `/v1/sites/${site.id}/surveys`, '{"questions": "all"}'],
    ['a bad site body', 'POST', () => '/v1/sites', '[]'],
  ];
  it.each(cases)('answers 401 to a request without a key and %s', async (_, method, url, payload) => {
    const res = await t.app.inject({ method, url: url(), ...(payload !== undefined && { payload, headers: { 'content-type': 'application/json' } }) });
    expectError(res, 401, 'unauthorized');
    expect(res.json().error.message).toMatch(/send Authorization: Bearer/);
  });

  it('tells a wrong key from a missing one', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}`, headers: bearer('sk_not_a_real_key_0000000000000000') });
    expectError(res, 401, 'unauthorized');
    expect(res.json().error.message).toMatch(/not valid/);
    expect(res.json().error.message).not.toMatch(/send Authorization/);
  });
});

describe('one error envelope', () => {
  it.each<[string, () => string, number, string]>([
    ['a path segment over the router’s limit', () => `/v1/sites/${'a'.repeat(3000)}`, 414, 'uri_too_long'],
    ['a malformed percent-escape', () => '/v1/sites/%ED%A0%BD', 400, 'bad_request'],
    ['a truncated percent-escape', () => '/v1/sites/%E0%A4%A', 400, 'bad_request'],
    // The key is checked first: a site id that is not the key's is another site's, whatever it holds.
    ['an over-long site id', () => `/v1/sites/${'a'.repeat(100)}`, 404, 'not_found'],
  ])('answers %s in the envelope', async (_, url, status, code) => {
    expectError(await t.app.inject({ method: 'GET', url: url(), headers: bearer(site.secretKey) }), status, code);
  });

  it('answers 503 in the envelope to a request that arrives while shutting down', async () => {
    const url = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
    // A client half-way through sending its request when the collector starts to close: its
    // connection is busy, so it is not cut, and its request is answered once it arrives.
    const socket = net.connect(Number(url.port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const answered = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    socket.write(`GET /v1/sites/${site.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${site.secretKey}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = t.app.close();
    await new Promise((resolve) => setImmediate(resolve));
    socket.write('\r\n');
    const text = await answered;
    await closing;
    expect(text).toMatch(/^HTTP\/1\.1 503/);
    expect(text).toMatch(/retry-after: \d+/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
  });
});

describe('erasure reaches every customer id ingest accepts', () => {
  it('erases a customer whose id is 128 characters of emoji and letters', async () => {
    const id = '😀'.repeat(64); // 128 UTF-16 code units, 256 UTF-8 bytes, 768 characters percent-encoded
    expect(id.length).toBe(128);
    expect((await postResponses(t.app, answer(site, survey, { nps: 3, customer: { id } }))).statusCode).toBe(202);
    // Over real HTTP, as a client sends it: the path carries the id percent-encoded.
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/v1/sites/${site.id}/customers/${encodeURIComponent(id)}/responses`, { method: 'DELETE', headers: bearer(site.secretKey) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ deleted: 1 });
    expect(await countRows(t, 'responses')).toBe(0);
  });

  it('erases a customer by the id its answers were sent with, spaces around it included', async () => {
    expect((await postResponses(t.app, answer(site, survey, { nps: 3, customer: { id: ' cus_42 ' } }))).statusCode).toBe(202);
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/customers/${encodeURIComponent(' cus_42 ')}/responses`, headers: bearer(site.secretKey) });
    expect(res.json()).toEqual({ deleted: 1 });
  });

  it('stores broken surrogate pairs as U+FFFD, in comments and customer ids, and erases by what it stored', async () => {
    const cut = '😀'.slice(0, 1); // the high half of an emoji, as a client cutting at 2,000 code units leaves it
    const res = await postResponses(t.app, answer(site, survey, { nps: 3, comment: `Great ${cut}`, customer: { id: `cus_${cut}` } }));
    expect(res.statusCode, res.body).toBe(202);
    const [stored] = (await t.app.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses`, headers: bearer(site.secretKey) })).json().items;
    expect(stored.comment).toBe('Great \uFFFD');
    expect(stored.customer).toEqual({ id: 'cus_\uFFFD' });
    const erased = await t.app.inject({ method: 'DELETE', url: `/v1/sites/${site.id}/customers/${encodeURIComponent('cus_\uFFFD')}/responses`, headers: bearer(site.secretKey) });
    expect(erased.json()).toEqual({ deleted: 1 });
  });
});

describe('size limits mean the same whatever the escaping', () => {
  // Characters that JSON may carry as 2 bytes each or as 6 (\u00e9).
  const comment = 'é'.repeat(2000);
  const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'é'.repeat(200)]));
  const escaped = (value: object) => JSON.stringify(value).replace(/é/g, '\\u00e9');

  it('accepts an escaped answer alone as it does in a batch', async () => {
    const one = answer(site, survey, { nps: 5, comment, attributes });
    expect(Buffer.byteLength(JSON.stringify(one))).toBeLessThan(16 * 1024);
    const alone = escaped(one);
    expect(Buffer.byteLength(alone)).toBeGreaterThan(16 * 1024);
    expect((await postResponses(t.app, null, { raw: alone })).statusCode).toBe(202);
    const batch = escaped([answer(site, survey, { nps: 5, comment, attributes })]);
    expect((await postResponses(t.app, null, { raw: batch })).json()).toEqual({ accepted: 1, rejected: [] });
    expect(await countRows(t, 'responses')).toBe(2);
  });

  it('refuses an answer over 16 KB of JSON alone, and the same answer in a batch', async () => {
    // Past 16 KB with fields the schema allows: a control character is 6 bytes of JSON (\u0001).
    const padded = answer(site, survey, { nps: 5, attributes: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, '\u0001'.repeat(200)])) });
    expect(Buffer.byteLength(JSON.stringify(padded))).toBeGreaterThan(16 * 1024);
    expectError(await postResponses(t.app, padded), 413, 'payload_too_large');
    const res = await postResponses(t.app, [padded, answer(site, survey, { nps: 9 })]);
    expect(res.statusCode).toBe(202);
    expect(res.json().rejected).toEqual([{ index: 0, error: { code: 'payload_too_large', message: expect.any(String) } }]);
    expect(await countRows(t, 'responses')).toBe(1);
  });
});

describe('an unknown public key', () => {
  it('is 401 on every public route', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v1/config?key=pk_nope' }), 401, 'unauthorized');
    expectError(await postResponses(t.app, { id: randomUUID(), key: 'pk_nope', survey: survey.id, nps: 9 }), 401, 'unauthorized');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/events', payload: { key: 'pk_nope', survey: survey.id, type: 'shown' } }), 401, 'unauthorized');
  });
});
