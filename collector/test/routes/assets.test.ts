import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap';
import { buildTestApp, expectError, type TestApp } from '../helper';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

let t: TestApp;
let widgetDir: string;
beforeEach(async () => {
  // A stand-in build in a folder of the test's own, so this test does not depend on the real one.
  widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-dist-'));
  fs.mkdirSync(path.join(widgetDir, 'assets'));
  fs.writeFileSync(path.join(widgetDir, 'widget.js'), 'console.log("loader")');
  fs.writeFileSync(path.join(widgetDir, 'assets', 'ui-abc123.js'), 'export const ui = 1');
  t = await buildTestApp({ widgetDir });
});
afterEach(async () => {
  await t.close();
  fs.rmSync(widgetDir, { recursive: true, force: true });
});

describe('widget files', () => {
  it('serves widget.js with a short cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toBe('console.log("loader")');
  });

  it('serves hashed chunks as immutable and readable cross-origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/ui-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('answers with brotli or gzip when the browser accepts them', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const br = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log("loader")');
    const gz = await t.app.inject({ method: 'GET', url: '/assets/ui-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe('export const ui = 1');
    // A rebuilt file is served anew, not from the compressed copy of the old one.
    fs.writeFileSync(path.join(widgetDir, 'widget.js'), 'console.log("loader v2")');
    fs.utimesSync(path.join(widgetDir, 'widget.js'), new Date(), new Date(Date.now() + 5000));
    const again = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'br' } });
    expect(brotliDecompressSync(again.rawPayload).toString()).toBe('console.log("loader v2")');
  });

  it.each(['/assets/..%2Fwidget.js', '/assets/%2E%2E%2F%2E%2E%2Fpackage.json', '/assets/.hidden', '/assets/nope.js'])('refuses %s', async (url) => {
    expectError(await t.app.inject({ method: 'GET', url }), 404, 'not_found');
  });
});

describe('example pages', () => {
  it('fills in the demo key and serves the strict page with its CSP', async () => {
    const boot = await bootstrap(t.app, { adminToken: undefined, demo: true, baseUrl: 'http://127.0.0.1:8787' });
    expect(boot.adminToken).toMatch(/^adm_/);
    expect(boot.demo?.publicKey).toMatch(/^pk_/);
    // The demo happens once: a second start creates nothing and prints no token; while no account
    // exists, each start prints a new set-up link (the previous one stops working).
    const again = await bootstrap(t.app, { adminToken: undefined, demo: true, baseUrl: 'http://127.0.0.1:8787' });
    expect(Object.keys(again)).toEqual(['setupUrl']);
    expect(again.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:8787\/dashboard\/setup\?token=stp_[\w-]+$/);
    expect(again.setupUrl).not.toBe(boot.setupUrl);

    const shop = await t.app.inject({ method: 'GET', url: '/examples/shop.html', headers: { host: '127.0.0.1:8787' } });
    expect(shop.statusCode).toBe(200);
    expect(shop.body).toContain(`src="http://127.0.0.1:8787/widget.js" data-key="${boot.demo!.publicKey}"`);
    expect(shop.body).not.toContain('{{');
    // The checkout page opens the CSAT survey; the about page holds the NPS one inline.
    const checkout = await t.app.inject({ method: 'GET', url: '/examples/checkout.html', headers: { host: '127.0.0.1:8787' } });
    expect(checkout.body).toContain(`data-csat="${boot.demo!.surveys.csat}"`);
    const about = await t.app.inject({ method: 'GET', url: '/examples/about.html', headers: { host: '127.0.0.1:8787' } });
    expect(about.body).toContain(`data-plaudit-survey="${boot.demo!.surveys.nps}"`);

    const strict = await t.app.inject({ method: 'GET', url: '/examples/strict-csp.html', headers: { host: '127.0.0.1:8787' } });
    expect(strict.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' http://127.0.0.1:8787; connect-src 'self' http://127.0.0.1:8787; style-src 'self'",
    );
    expect(strict.body).not.toMatch(/<script>|style=/);

    const index = await t.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(302);
    expect(index.headers.location).toBe('/examples/');
  });

  it.each([
    ['markup', 'evil.example"><script>alert(1)</script>'],
    ['CSP directives', "127.0.0.1:8787; script-src *"],
    ['a quote', "shop.example'"],
  ])('refuses a Host header holding %s, which the pages would reflect', async (_, host) => {
    for (const page of ['shop.html', 'strict-csp.html']) {
      const res = await t.app.inject({ method: 'GET', url: `/examples/${page}`, headers: { host } });
      expectError(res, 400, 'bad_request');
      expect(res.headers['content-security-policy'] ?? '').not.toContain('script-src *');
    }
  });

  it('names the configured public URL whatever Host the request carries', async () => {
    const pinned = await buildTestApp({ widgetDir, publicUrl: 'https://feedback.shop.example' });
    try {
      const res = await pinned.app.inject({ method: 'GET', url: '/examples/strict-csp.html', headers: { host: 'evil.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('src="https://feedback.shop.example/widget.js"');
      expect(res.body).not.toContain('evil.example');
      expect(res.headers['content-security-policy']).toContain("script-src 'self' https://feedback.shop.example;");
    } finally {
      await pinned.close();
    }
  });

  it('refuses paths outside the examples folder', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/examples/..%2Fpackage.json' }), 404, 'not_found');
  });

  it('serves the French pages from examples/fr/ with the same keys and, for the strict page, the same CSP', async () => {
    const boot = await bootstrap(t.app, { adminToken: undefined, demo: true, baseUrl: 'http://127.0.0.1:8787' });
    const headers = { host: '127.0.0.1:8787' };
    for (const page of ['', 'index.html', 'shop.html', 'checkout.html', 'strict-csp.html']) {
      const res = await t.app.inject({ method: 'GET', url: `/examples/fr/${page}`, headers });
      expect(res.statusCode, page).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<html lang="fr">');
      expect(res.body).not.toContain('{{');
    }
    const checkout = await t.app.inject({ method: 'GET', url: '/examples/fr/checkout.html', headers });
    expect(checkout.body).toContain(`src="http://127.0.0.1:8787/widget.js" data-key="${boot.demo!.publicKey}" data-locale="fr"`);
    expect(checkout.body).toContain(`data-csat="${boot.demo!.surveys.csat}"`);
    expect(checkout.headers['content-security-policy']).toBeUndefined();

    const strict = await t.app.inject({ method: 'GET', url: '/examples/fr/strict-csp.html', headers });
    expect(strict.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' http://127.0.0.1:8787; connect-src 'self' http://127.0.0.1:8787; style-src 'self'",
    );
    expect(strict.body).not.toMatch(/<script>|style=/);
    // Its scripts and stylesheet are the English pages' own, one folder up.
    expect(strict.body).toContain('src="../strict-csp.js"');
    expect((await t.app.inject({ method: 'GET', url: '/examples/strict-csp.js' })).statusCode).toBe(200);
  });

  it.each([
    ['/examples', '/examples/'],
    ['/examples/fr', '/examples/fr/'],
  ])('redirects %s to %s, so the pages\' relative links resolve', async (from, to) => {
    const res = await t.app.inject({ method: 'GET', url: from });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(to);
  });

  it('has a French page for every English one', () => {
    const html = (folder: string) => fs.readdirSync(path.join(EXAMPLES, folder)).filter((f) => f.endsWith('.html')).sort();
    expect(html('fr')).toEqual(html(''));
  });

  it.each([
    '/examples/fr/..%2Fpackage.json',
    '/examples/fr/..%2F..%2Fpackage.json',
    '/examples/fr/%2E%2E%2F%2E%2E%2Fcollector%2Fpackage.json',
    '/examples/fr%2F..%2F..%2Fpackage.json',
    '/examples/fr/../../package.json',
    '/examples/fr/.hidden',
    '/examples/fr/fr',
    '/examples/fr/nope.html',
    '/examples/de/shop.html',
    '/examples/fr/fr/shop.html',
    '/examples/..%2Fexamples%2Ffr%2Fshop.html',
    '/examples/fr%5Cshop.html',
  ])('refuses %s', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('"version"');
  });
});
