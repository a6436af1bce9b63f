// The browser-test stack: a real collector (buildApp on a real SQLite file) on loopback, a
// separate host-page server on another port (so every call is cross-origin, as on a real site),
// and Debian's Chromium driven by playwright-core. Nothing is mocked.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app';
import { createTestDatabase } from '../test-database';

export const CHROMIUM = '/usr/bin/chromium';
const ADMIN = 'adm_browser_test_token_0001';
// A desktop Chrome user agent: the collector (rightly) does not count headless browsers.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface HostPage {
  body: string;
  csp?: string;
  /** Extra files served next to the page (path → content). */
}

export interface Stack {
  collector: FastifyInstance;
  collectorUrl: string;
  hostUrl: string;
  site: { id: string; publicKey: string; secretKey: string };
  /** The SQLite file ('' on PostgreSQL). */
  dbPath: string;
  /** Registers a page on the host server at `path`. */
  page: (path: string, html: string, csp?: string) => string;
  /** Stops the collector (the port stays known) to simulate an outage. */
  stopCollector: () => Promise<void>;
  /** Starts a collector again on the same port and the same database file. */
  startCollector: () => Promise<void>;
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;
  createSurvey: (body: Record<string, unknown>) => Promise<{ id: string }>;
  responses: () => Promise<any[]>;
  close: () => Promise<void>;
}

/** `options`: what a suite needs of the collector beyond the defaults (webhooks to loopback, say). */
export async function startStack(options: Partial<AppOptions> = {}): Promise<Stack> {
  // SQLite or PostgreSQL, as the suite runs (test-database.ts).
  const database = await createTestDatabase();
  const dir = database.dir;
  const dbPath = 'dbPath' in database.location ? database.location.dbPath : '';
  const pages = new Map<string, { html: string; csp?: string }>();
  const host = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    // Any path under a registered page serves it, so SPA routes and query strings work.
    const entry = [...pages.entries()].find(([p]) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    if (!entry) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (entry[1].csp) headers['content-security-policy'] = entry[1].csp;
    res.writeHead(200, headers).end(entry[1].html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;

  let collector = await buildApp({ ...database.location, adminToken: ADMIN, rateLimit: 0, ...options });
  const collectorUrl = await collector.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(collectorUrl).port);

  async function api(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; json: any }> {
    const res = await fetch(`${collectorUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${token ?? site.secretKey}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (res.status === 204 ? null : await res.json()) as any };
  }
  let site = { id: '', publicKey: '', secretKey: ADMIN };
  const created = await api('POST', '/v1/sites', { name: 'Browser Shop', origins: [hostUrl], timezone: 'Europe/Paris' }, ADMIN);
  if (created.status !== 201) throw new Error(`site: ${JSON.stringify(created)}`);
  site = created.json;

  let running = true;
  return {
    get collector() {
      return collector;
    },
    collectorUrl,
    hostUrl,
    site,
    dbPath,
    page: (p, html, csp) => {
      pages.set(p, { html, csp });
      return `${hostUrl}${p}`;
    },
    stopCollector: async () => {
      await collector.close();
      running = false;
    },
    startCollector: async () => {
      collector = await buildApp({ ...database.location, adminToken: ADMIN, rateLimit: 0, ...options });
      await collector.listen({ port, host: '127.0.0.1' });
      running = true;
    },
    api: (method, p, body) => api(method, p, body),
    createSurvey: async (body) => {
      const res = await api('POST', `/v1/sites/${site.id}/surveys`, { name: 'Survey', questions: ['nps', 'comment'], ...body });
      if (res.status !== 201) throw new Error(`survey: ${JSON.stringify(res.json)}`);
      return res.json;
    },
    responses: async () => (await api('GET', `/v1/sites/${site.id}/responses?limit=500`)).json.items,
    close: async () => {
      if (running) await collector.close();
      await new Promise<void>((resolve) => host.close(() => resolve()));
      await database.close();
    },
  };
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ userAgent: USER_AGENT, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** A host page embedding the snippet; `head` and `body` add host content. */
export function hostHtml(stack: Stack, opts: { head?: string; body?: string; attrs?: string } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${opts.head ?? ''}
<script async src="${stack.collectorUrl}/widget.js" data-key="${stack.site.publicKey}" ${opts.attrs ?? ''}></script></head>
<body><h1 id="title">A host page</h1><button id="host-button" type="button">Host button</button>${opts.body ?? ''}</body></html>`;
}

/** Polls `fn` until it returns a truthy value (readiness, not a fixed sleep). */
export async function until<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
