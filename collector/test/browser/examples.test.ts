// The example pages as a newcomer sees them after `pnpm start`: served by the collector with the
// demo site's keys filled in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { bootstrap, type BootstrapResult } from '../../src/bootstrap';
import { launchChromium, newPage, until } from './harness';

let browser: Browser;
let app: FastifyInstance;
let url: string;
let demo: NonNullable<BootstrapResult['demo']>;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-examples-'));
  app = await buildApp({ dbPath: path.join(dir, 'demo.db'), rateLimit: 0 });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  demo = (await bootstrap(app, { adminToken: undefined, demo: true, baseUrl: url })).demo!;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function stored() {
  const res = await app.inject({ method: 'GET', url: `/v1/sites/${demo.siteId}/responses`, headers: { authorization: `Bearer ${demo.secretKey}` } });
  return res.json().items as { nps: number | null; csat: number | null }[];
}

describe('example pages', () => {
  it('the plain shop shows the NPS survey and stores the answer', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${url}/examples/shop.html`);
    await page.getByRole('radio', { name: /^10/ }).click();
    await until(async () => (await stored()).some((r) => r.nps === 10), 'the demo answer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the strict-CSP page opens the CSAT survey on demand', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${url}/examples/strict-csp.html`);
    await page.click('#rate');
    await page.getByRole('radio', { name: /^5/ }).click();
    await until(async () => (await stored()).some((r) => r.csat === 5), 'the CSAT answer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the single-page app renders and changes route without errors', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${url}/examples/spa.html`);
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    expect(page.url()).toContain('route=/catalog');
    expect(errors).toEqual([]);
    await context.close();
  });
});
