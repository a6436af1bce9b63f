// What the widget costs a host page in real Chromium: bytes on the wire (as compressed by the
// collector) when a survey shows and when none is due, the longest main-thread task, and layout
// shift. The collector runs in-process on a temporary file; the host page on another port.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app';

export interface WidgetCost {
  shownBytes: number;
  shownFiles: string[];
  idleBytes: number;
  idleFiles: string[];
  longestTaskMs: number;
  layoutShift: number;
}

const CHROMIUM = '/usr/bin/chromium';
const ADMIN = 'adm_bench_widget_cost_0001';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export async function measureWidgetCost(tmp: string): Promise<WidgetCost> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`widget cost needs Debian's Chromium at ${CHROMIUM}`);
  let html = '';
  const host = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const app = await buildApp({ dbPath: path.join(tmp, 'widget-cost.db'), adminToken: ADMIN, rateLimit: 0 });
  const collectorUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const site = (await app.inject({ method: 'POST', url: '/v1/sites', headers: auth, payload: { name: 'Bench', origins: [hostUrl] } })).json();
    await app.inject({
      method: 'POST',
      url: `/v1/sites/${site.id}/surveys`,
      headers: auth,
      payload: { name: 'NPS', questions: ['nps', 'comment'], display: { trigger: 'load', delaySeconds: 0, resurveyDays: 30 } },
    });
    html = `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>
      <script async src="${collectorUrl}/widget.js" data-key="${site.publicKey}"></script></head>
      <body><h1>Host page</h1><p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p></body></html>`;

    const context = await browser.newContext({ userAgent: UA, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const bytes = new Map<string, number>();
    // Compressed body bytes of every GET to the collector, by path.
    const record = (p: Page) =>
      p.on('requestfinished', async (request) => {
        if (!request.url().startsWith(collectorUrl) || request.method() !== 'GET') return;
        bytes.set(new URL(request.url()).pathname, (await request.sizes()).responseBodySize);
      });
    record(page);
    // Runs in the page; typed loosely because this folder compiles without the DOM library.
    await page.addInitScript(() => {
      const w = globalThis as unknown as { __longest: number; __shift: number };
      w.__longest = 0;
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask' as never, buffered: true });
      new PerformanceObserver((list) => {
        // As CLS counts: shifts within 500 ms of the visitor's own input are expected, not counted.
        for (const e of list.getEntries()) {
          const shift = e as unknown as { value: number; hadRecentInput: boolean };
          if (!shift.hadRecentInput) w.__shift += shift.value;
        }
      }).observe({ type: 'layout-shift' as never, buffered: true });
    });

    await page.goto(hostUrl);
    await page.getByRole('radio', { name: /^9/ }).click();
    await page.waitForLoadState('networkidle');
    const longestTaskMs = await page.evaluate(() => (globalThis as unknown as { __longest: number }).__longest);
    const layoutShift = await page.evaluate(() => (globalThis as unknown as { __shift: number }).__shift);
    const shown = new Map(bytes);

    // The same visitor on a later visit (its localStorage, an empty HTTP cache): the survey was
    // answered, so none is due.
    const state = await context.storageState();
    await context.close();
    const later = await browser.newContext({ userAgent: UA, storageState: state });
    const again = await later.newPage();
    bytes.clear();
    record(again);
    await again.goto(hostUrl);
    await again.waitForLoadState('networkidle');
    const idle = new Map(bytes);
    await later.close();

    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    return {
      shownBytes: sum(shown),
      shownFiles: [...shown.keys()].sort(),
      idleBytes: sum(idle),
      idleFiles: [...idle.keys()].sort(),
      longestTaskMs,
      layoutShift,
    };
  } finally {
    await browser.close();
    await app.close();
    await new Promise<void>((resolve) => host.close(() => resolve()));
  }
}
