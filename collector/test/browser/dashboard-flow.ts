// What the dashboard's browser tests and its screenshots share: a collector with a set-up link,
// answers to read, and helpers to drive the dashboard's pages in Chromium.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { bootstrap } from '../../src/bootstrap';
import { startStack, type Stack } from './harness';

export const AXE = fs.readFileSync(createRequire(new URL('../../dashboard/package.json', import.meta.url)).resolve('axe-core/axe.min.js'), 'utf8');
export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export const OWNER = { email: 'owner@shop.example', password: 'correct horse battery', name: 'Camille' };
export const VIEWER = { email: 'viewer@shop.example', password: 'another long password', name: 'Hugo' };

export interface DashboardStack extends Stack {
  setupUrl: string;
  nps: string;
  csat: string;
}

const COMMENTS: [number, string][] = [
  [2, 'The parcel arrived two weeks late and nobody answered my e-mails.'],
  [3, 'Delivery was late, the box was damaged.'],
  [5, 'Customer support never called me back about my refund.'],
  [6, 'Prices went up and delivery is slow.'],
  [7, 'Nice lamps, but delivery could be faster.'],
  [8, 'Good quality, a bit expensive.'],
  [9, 'Beautiful lamps and fast delivery.'],
  [10, 'Lovely shop, friendly support, fast delivery!'],
  [10, 'The lamp is gorgeous, delivered in two days.'],
];

/** A UUIDv7 made at `at`, as the widget makes response ids. */
export function uuid7(at = Date.now()): string {
  const hex = at.toString(16).padStart(12, '0');
  const rand = crypto.randomUUID().replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${rand.slice(0, 3)}-${((parseInt(rand[3]!, 16) & 3) | 8).toString(16)}${rand.slice(4, 7)}-${rand.slice(7, 19)}`;
}

/** A collector with its set-up link, an NPS survey and a CSAT survey, and answers to both. */
export async function startDashboardStack(answers = 180): Promise<DashboardStack> {
  const stack = await startStack();
  const boot = await bootstrap(stack.collector, { adminToken: 'adm_browser_test_token_0001', demo: false, baseUrl: stack.collectorUrl });
  const nps = await stack.createSurvey({ name: 'Net Promoter Score', productName: 'Browser Shop' });
  const csat = await stack.createSurvey({ name: 'Checkout CSAT', questions: ['csat', 'comment'] });
  const body = [];
  for (let i = 0; i < answers; i++) {
    const [score, comment] = COMMENTS[i % COMMENTS.length]!;
    const id = uuid7();
    body.push({ id, key: stack.site.publicKey, survey: nps.id, nps: score, ...(i % 3 === 0 && { comment }), ...(score >= 9 && i % 3 === 0 && { consent: true }), attributes: { plan: i % 4 === 0 ? 'pro' : 'free' }, locale: i % 2 ? 'fr' : 'en' });
    body.push({ id: uuid7(), key: stack.site.publicKey, survey: csat.id, csat: 1 + (i % 5) });
  }
  body.push({ id: uuid7(), key: stack.site.publicKey, survey: nps.id, nps: 1, comment: HOSTILE, customer: { id: 'cus_42' } });
  for (let i = 0; i < body.length; i += 100) {
    const res = await fetch(`${stack.collectorUrl}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36' }, body: JSON.stringify(body.slice(i, i + 100)) });
    if (res.status !== 202) throw new Error(`answers: ${res.status} ${await res.text()}`);
  }
  for (let i = 0; i < 300; i++) {
    await fetch(`${stack.collectorUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36' }, body: JSON.stringify({ key: stack.site.publicKey, survey: nps.id, type: 'shown' }) });
  }
  return Object.assign(stack, { setupUrl: boot.setupUrl!, nps: nps.id, csat: csat.id });
}

/** Serious and critical axe-core violations on the page (axe evaluated through DevTools: the page's CSP allows no injected script). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

/** Whether the page scrolls sideways (it must not, down to 390 px). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Signs in through the form. */
export async function signIn(page: Page, base: string, who: { email: string; password: string }) {
  await page.goto(`${base}/dashboard/`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

/** The views, by path, with the heading each shows once its data is there. */
export const VIEWS: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'overview', path: '/dashboard/', ready: (p) => p.getByTestId('nps-score').waitFor() },
  { name: 'responses', path: '/dashboard/responses', ready: (p) => p.locator('article.response').first().waitFor() },
  { name: 'response', path: '', ready: (p) => p.locator('article.response').first().waitFor() },
  { name: 'themes', path: '/dashboard/themes', ready: (p) => p.locator('.card .hint').first().waitFor() },
  { name: 'testimonials', path: '/dashboard/testimonials', ready: (p) => p.locator('.quote-card, .empty').first().waitFor() },
  { name: 'surveys', path: '/dashboard/surveys', ready: (p) => p.locator('.survey-item').first().waitFor() },
  { name: 'survey-editor', path: '/dashboard/surveys/new', ready: (p) => p.frameLocator('.preview-box iframe').getByRole('radiogroup').waitFor() },
  { name: 'install', path: '/dashboard/install', ready: (p) => p.getByTestId('seen').waitFor() },
  { name: 'settings', path: '/dashboard/settings', ready: (p) => p.locator('.members li').first().waitFor() },
  { name: 'customers', path: '/dashboard/customers/at-risk', ready: (p) => p.locator('.at-risk, .empty, .error').first().waitFor() },
  { name: 'customers-churn', path: '/dashboard/customers/churn', ready: (p) => p.locator('.kpi, .error').first().waitFor() },
  { name: 'customers-tickets', path: '/dashboard/customers/tickets', ready: (p) => p.locator('.kpi, .error').first().waitFor() },
];
