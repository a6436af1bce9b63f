// The hosted survey page opens from an e-mail, often on a phone on a mobile network: everything it
// downloads (the page, its stylesheet, the widget's loader, UI and language) stays within a budget,
// checked on every test run against the real build, and printed either way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createSite, createSurvey, type TestApp } from '../helper';

/** Bytes, gzip: the widget's shown budget (12 KB) and 2 KB for the page and its stylesheet. */
export const HOSTED_PAGE_BUDGET = 14 * 1024;

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../widget/dist');
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

it(`keeps the hosted page within ${HOSTED_PAGE_BUDGET} B gzip, widget included`, async () => {
  const manifestFile = path.join(DIST, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build the widget first (pnpm test does)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { shown: string[] };
  const site = await createSite(t.app);
  const survey = await createSurvey(t.app, site, { questions: ['nps', 'comment'] });
  const page = await t.app.inject({ method: 'GET', url: `/s/${survey.id}?score=9&locale=fr` });
  const css = await t.app.inject({ method: 'GET', url: '/s/hosted.css' });
  expect(page.statusCode).toBe(200);
  expect(css.statusCode).toBe(200);
  const parts = [
    ['page', gzipSync(page.rawPayload, { level: 9 }).length],
    ['hosted.css', gzipSync(css.rawPayload, { level: 9 }).length],
    ...manifest.shown.map((file) => [file, gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length] as const),
  ] as const;
  const total = parts.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`hosted page, gzip: ${parts.map(([name, bytes]) => `${name} ${bytes} B`).join(' + ')} = ${total} B (budget ${HOSTED_PAGE_BUDGET} B)`);
  expect(total).toBeLessThanOrEqual(HOSTED_PAGE_BUDGET);
});
