// The example pages as a newcomer sees them after `pnpm start`: the Atelier Lumen demo shop, in
// English and in French, served by the collector with the demo site's keys filled in.
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { BUILT_IN_MESSAGES } from '@plaudit/shared/i18n';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { bootstrap, CHECKOUT_TEXTS, type BootstrapResult } from '../../src/bootstrap';
import { createTestDatabase, type TestDatabase } from '../test-database';
import { launchChromium, newPage, until } from './harness';

let browser: Browser;
let app: FastifyInstance;
let url: string;
let demo: NonNullable<BootstrapResult['demo']>;
let database: TestDatabase;

const SHOP = 'Atelier Lumen';
const product = (text: string) => text.split('{product}').join(SHOP);

/** What each language's pages say, and where they live. */
const LANGUAGES = [
  {
    lang: 'en',
    folder: '',
    nps: product(BUILT_IN_MESSAGES.en!.npsQuestion),
    checkout: CHECKOUT_TEXTS.en,
    placeOrder: 'Place order',
    rate: 'Rate your checkout',
    ordersTab: 'Orders',
    ordersHeading: 'Your orders',
  },
  {
    lang: 'fr',
    folder: 'fr/',
    nps: product(BUILT_IN_MESSAGES.fr!.npsQuestion),
    checkout: CHECKOUT_TEXTS.fr,
    placeOrder: 'Passer la commande',
    rate: 'Noter la commande',
    ordersTab: 'Commandes',
    ordersHeading: 'Vos commandes',
  },
] as const;
type Language = (typeof LANGUAGES)[number];

/** Every page, and the NPS survey it shows by itself: a pop-up, in the page, or none. */
const PAGES = [
  ['index.html', 'none'],
  ['shop.html', 'popup'],
  ['product.html?p=grinder', 'popup'],
  ['checkout.html', 'none'],
  ['about.html', 'inline'],
  ['strict-csp.html', 'popup'],
  ['spa.html', 'popup'],
] as const;

const WIDTHS = [390, 1280] as const;

beforeAll(async () => {
  browser = await launchChromium();
  // An empty database, as on a first `pnpm start`: SQLite or PostgreSQL, as the suite runs.
  database = await createTestDatabase();
  app = await buildApp({ ...database.location, rateLimit: 0 });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  demo = (await bootstrap(app, { adminToken: undefined, demo: true, baseUrl: url })).demo!;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

interface Stored {
  nps: number | null;
  csat: number | null;
  comment: string | null;
  locale: string | null;
  page: string | null;
}
async function stored(): Promise<Stored[]> {
  const res = await app.inject({ method: 'GET', url: `/v1/sites/${demo.siteId}/responses?limit=200`, headers: { authorization: `Bearer ${demo.secretKey}` } });
  return res.json().items;
}

async function open(l: Language, file: string, width: number = 1280) {
  const opened = await newPage(browser, { width, height: width < 500 ? 844 : 800 });
  await opened.page.goto(`${url}/examples/${l.folder}${file}`);
  return opened;
}

const horizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.each(LANGUAGES)('example pages in $lang', (l) => {
  describe.each(WIDTHS)('%i px wide', (width) => {
    // Independent pages, each in its own browser context: they load side by side.
    it.concurrent.for(PAGES)('%s renders its survey without errors or sideways scrolling', async ([file, survey], { expect }) => {
      const { context, page, errors } = await open(l, file, width);
      expect(await page.getAttribute('html', 'lang')).toBe(l.lang);
      await page.locator('h1').first().waitFor();
      if (survey === 'popup') await page.getByRole('dialog', { name: l.nps, exact: true }).waitFor();
      if (survey === 'inline') await page.locator('.survey-slot').getByRole('region', { name: l.nps, exact: true }).waitFor();
      // Product cards, the product page and the account views are drawn by script: wait for them too.
      if (file.startsWith('shop')) await page.locator('.product').nth(7).waitFor();
      if (file.startsWith('product')) await page.getByRole('heading', { level: 1, name: l.lang === 'fr' ? 'Moulin manuel' : 'Hand grinder' }).waitFor();
      if (file.startsWith('spa')) await page.locator('#view h1').waitFor();
      expect(await horizontalScroll(page)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  });

  it('the shop stores an NPS answer given in the page language', async () => {
    const { context, page, errors } = await open(l, 'shop.html');
    await page.getByRole('dialog', { name: l.nps, exact: true }).getByRole('radio', { name: /^10/ }).click();
    const answer = await until(async () => (await stored()).find((r) => r.nps === 10 && r.page?.endsWith(`/examples/${l.folder}shop.html`)), 'the NPS answer');
    expect(answer.locale).toBe(l.lang);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['shop.html', 'shows', 1],
    ['checkout.html', 'keeps away', 0],
  ])('%s %s the NPS survey', async (file, _, expected) => {
    const { context, page, errors } = await newPage(browser);
    // The page's own clock, run past the survey's delay: no waiting on the wall clock.
    await page.clock.install();
    const config = page.waitForResponse((r) => r.url().includes('/v1/config'));
    await page.goto(`${url}/examples/${l.folder}${file}`);
    await config;
    await page.clock.runFor(5_000);
    // A survey due to show loads its chunks first (the UI, its language, its follow-up questions):
    // wait for it. Else the network going quiet means nothing is on its way.
    if (expected) await page.locator('plaudit-survey').waitFor({ state: 'attached' });
    else await page.waitForLoadState('networkidle');
    expect(await page.locator('plaudit-survey').count()).toBe(expected);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)('at %i px, "Place order" opens the checkout survey, which asks about the checkout', async (width) => {
    const { context, page, errors } = await open(l, 'checkout.html', width);
    await page.getByRole('button', { name: l.placeOrder }).click();
    await page.getByRole('dialog', { name: product(l.checkout.csatQuestion), exact: true }).waitFor();
    // The dialog is named by its current question, which changes with each step.
    const survey = page.locator('plaudit-survey');
    // The lowest score, named with the checkout's own scale label, then the prompt that follows it.
    await survey.getByRole('radio', { name: `1 – ${l.checkout.csatLow}`, exact: true }).click();
    await survey.getByText(l.checkout.commentCsatLow, { exact: true }).waitFor();
    await survey.getByRole('textbox').fill('The postcode field rejected my Lyon code at first.');
    await survey.getByRole('button', { name: BUILT_IN_MESSAGES[l.lang]!.submit, exact: true }).click();
    await survey.getByText(l.checkout.thanks, { exact: true }).waitFor();
    const answer = await until(
      async () => (await stored()).find((r) => r.csat === 1 && r.comment && r.page?.endsWith(`/examples/${l.folder}checkout.html`)),
      'the checkout answer and its comment',
    );
    expect(answer.locale).toBe(l.lang);
    // The order is confirmed under the survey, and the NPS survey kept away from checkout.
    await page.getByRole('heading', { level: 1, name: /AL-|Léa/ }).waitFor();
    expect(await page.getByRole('dialog', { name: l.nps }).count()).toBe(0);
    expect(await horizontalScroll(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the strict-CSP page, under its policy, shows the NPS survey and opens the checkout survey on demand', async () => {
    const { context, page, errors } = await newPage(browser);
    const response = await page.goto(`${url}/examples/${l.folder}strict-csp.html`);
    expect(response!.headers()['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self' ${url}; connect-src 'self' ${url}; style-src 'self'`,
    );
    // The NPS pop-up first (its styles are a constructed stylesheet, which the policy allows)…
    await page.getByRole('dialog', { name: l.nps, exact: true }).waitFor();
    // …then the page's button swaps it for the checkout survey.
    await page.getByRole('button', { name: l.rate }).click();
    await page.getByRole('dialog', { name: product(l.checkout.csatQuestion), exact: true }).waitFor();
    const survey = page.locator('plaudit-survey');
    await survey.getByRole('radio', { name: `5 – ${l.checkout.csatHigh}`, exact: true }).click();
    await survey.getByText(l.checkout.commentCsatHigh, { exact: true }).waitFor();
    expect(await page.getByRole('dialog', { name: l.nps }).count()).toBe(0);
    await until(async () => (await stored()).some((r) => r.csat === 5 && r.page?.endsWith(`/examples/${l.folder}strict-csp.html`)), 'the CSAT answer');
    // A blocked inline script or style would have been reported on the console.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the single-page app changes route with pushState, without reloading', async () => {
    const { context, page, errors } = await open(l, 'spa.html');
    await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));
    await page.getByRole('link', { name: l.ordersTab, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: l.ordersHeading }).waitFor();
    expect(page.url()).toContain('route=/orders');
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.getByRole('dialog', { name: l.nps, exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
