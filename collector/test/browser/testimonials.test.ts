// Approved quotes on the owner's pages (`<div data-plaudit-testimonials>`, issue 15) in real Chromium
// against the real collector: approved quotes only, gone on the next load once erased or hidden;
// text stays text; no layout shift when the owner reserved the room (CLS measured by Chromium);
// keyboard and axe-core; the colours of the survey; the chunk downloaded only where there is a place
// for quotes; and the demo shop's pages in English and French.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { themeColors } from '@plaudit/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { createTestDatabase } from '../test-database';
import { hostHtml, launchChromium, newPage, startStack, until, type Stack } from './harness';
import { demoQuotes, seedQuote } from './quotes';

// axe-core is a development dependency of the widget, whose accessibility it checks.
const AXE = fs.readFileSync(createRequire(new URL('../../../widget/package.json', import.meta.url)).resolve('axe-core/axe.min.js'), 'utf8');

/** The block's height at every width (widget/src/ui/testimonials.css), which the README tells owners to reserve. */
const BLOCK_HEIGHT = 248;
const BRAND = '#9a3f1b';
const ATTACK = '<img src=x onerror="window.__pwned=1">Lovely <b>cups</b>';
const LONG = 'The dripper pours evenly, the mugs keep coffee warm, the glaze is lovely. '.repeat(8).trim();

let browser: Browser;
let stack: Stack;
let survey: { id: string };
let empty: { id: string };

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  // Manual: no survey opens by itself on these pages.
  survey = await stack.createSurvey({ name: 'Quotes', display: { trigger: 'manual' }, theme: { brandColor: BRAND } });
  empty = await stack.createSurvey({ name: 'No quotes', display: { trigger: 'manual' } });
  // Approved, hidden, waiting: only the approved may show.
  for (const quote of [
    { text: 'A quote the owner hid', locale: 'en', status: 'hidden' },
    { text: 'A quote waiting for review', locale: 'en', status: 'pending' },
    { text: 'Des tasses superbes, emballées avec soin.', locale: 'fr', displayName: 'Karim', status: 'approved' },
    { text: LONG, locale: 'en', displayName: 'Anne-Charlotte Delacroix-Montfort du Val', status: 'approved' },
    { text: ATTACK, locale: 'en', displayName: 'Tom', status: 'approved' },
    { text: 'Beautiful lamps, and the parcel came in two days.', locale: 'en', displayName: 'Léa M.', status: 'approved' },
  ] as const) {
    await seedQuote(stack, survey.id, quote);
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">';
/** Reserves the block's room, as widget/README.md tells owners to. */
const RESERVE = `<style>[data-plaudit-testimonials]{min-height:${BLOCK_HEIGHT}px}</style>`;

/** A host page with a heading, the placeholder and content after it. */
function quotesPage(path: string, { place = 'data-limit="10"', head = '', lang = 'en' } = {}) {
  const body = `<main style="max-width:1000px;margin:0 auto;padding:0 16px;font:16px/1.6 Georgia,serif">
<h2 id="quotes-title">What our customers say</h2>
<div data-plaudit-testimonials aria-labelledby="quotes-title" ${place}></div>
<p id="after">Content after the quotes, which must not move.</p></main>`;
  return stack.page(path, hostHtml(stack, { head: VIEWPORT + head, body }).replace('<html lang="en">', `<html lang="${lang}">`));
}

/** The quotes drawn, as text. */
const shownTexts = (page: Page) => page.locator('[data-plaudit-testimonials] blockquote p').allTextContents();
const drawn = (page: Page) => page.locator('[data-plaudit-testimonials] figure').first().waitFor();

/**
 * Layout shifts as Chromium scores them (CLS), summed from the start of the page; and where the
 * content after the block stood once the page was parsed, before the quotes could arrive.
 */
const MEASURE_CLS = `window.__cls = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
addEventListener('DOMContentLoaded', () => { window.__afterTop = document.getElementById('after')?.getBoundingClientRect().top; });`;
const cls = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);
/** How far the content after the block moved since the page was parsed. */
const moved = (page: Page) =>
  page.evaluate(() => document.getElementById('after')!.getBoundingClientRect().top - (window as unknown as { __afterTop: number }).__afterTop);

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const { violations } = await axe.run({ include: [['[data-plaudit-testimonials]']] }, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('approved quotes', () => {
  it('appear as text, each with its name; pending and hidden ones never', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(quotesPage('/quotes'));
    await drawn(page);
    const figures = await page.locator('[data-plaudit-testimonials] figure').evaluateAll((all) =>
      all.map((f) => [f.querySelector('blockquote p')!.textContent, f.querySelector('figcaption b')?.textContent]),
    );
    expect(figures.sort()).toEqual(
      [
        ['Beautiful lamps, and the parcel came in two days.', 'Léa M.'],
        [ATTACK, 'Tom'],
        [LONG, 'Anne-Charlotte Delacroix-Montfort du Val'],
        ['Des tasses superbes, emballées avec soin.', 'Karim'],
      ].sort(),
    );
    // Text stays text: no element came of it, no script ran.
    expect(await page.locator('[data-plaudit-testimonials] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.content()).not.toContain('A quote the owner hid');
    expect(await page.locator('text=A quote waiting for review').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('are gone on the next page load once erased or hidden (the answer revalidates every time)', async () => {
    const gone = await seedQuote(stack, survey.id, { text: 'Erase me later', locale: 'en', status: 'approved' });
    const hide = await seedQuote(stack, survey.id, { text: 'Hide me later', locale: 'en', status: 'approved' });
    const { context, page } = await newPage(browser);
    const url = quotesPage('/quotes-erased');
    await page.goto(url);
    await drawn(page);
    expect(await shownTexts(page)).toEqual(expect.arrayContaining(['Erase me later', 'Hide me later']));

    expect((await stack.api('DELETE', `/v1/sites/${stack.site.id}/responses/${gone}`)).status).toBe(200);
    expect((await stack.api('PATCH', `/v1/sites/${stack.site.id}/responses/${hide}/testimonial`, { status: 'hidden' })).status).toBe(200);
    // The same browser, its HTTP cache holding the first answer.
    const answered = page.waitForResponse((r) => r.url().includes('/v1/testimonials'));
    await page.goto(url);
    expect((await answered).status()).toBe(200);
    await drawn(page);
    const texts = await shownTexts(page);
    expect(texts).not.toContain('Erase me later');
    expect(texts).not.toContain('Hide me later');
    expect(texts).toContain('Beautiful lamps, and the parcel came in two days.');
    await context.close();
  });

  it('follow the placeholder: its limit, its survey, its language', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(quotesPage('/quotes-fr', { place: `data-limit="1" data-survey="${survey.id}" data-locale="fr"`, lang: 'fr' }));
    await drawn(page);
    expect(await shownTexts(page)).toEqual(['Des tasses superbes, emballées avec soin.']);
    // The month in the page's language.
    expect(await page.locator('[data-plaudit-testimonials] time').textContent()).toMatch(/^[a-zéû]+ \d{4}$/);
    await context.close();
  });

  it('draw nothing, and say nothing, where there are no quotes', async () => {
    const { context, page, errors } = await newPage(browser);
    const answered = page.waitForResponse((r) => r.url().includes('/v1/testimonials'));
    await page.goto(quotesPage('/quotes-none', { place: `data-survey="${empty.id}"` }));
    expect(await (await answered).json()).toEqual({ items: [] });
    // What the chunk would have drawn by now, it draws right after the answer.
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.querySelector('[data-plaudit-testimonials]')!.outerHTML)).toBe(
      '<div data-plaudit-testimonials="" aria-labelledby="quotes-title" data-survey="' + empty.id + '"></div>',
    );
    expect(await page.evaluate(() => !!document.querySelector('[data-plaudit-testimonials]')!.shadowRoot)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('no layout shift', () => {
  it.each([390, 1280])('with the room reserved, nothing moves at %i px (CLS 0), and the block keeps its height', async (width) => {
    const { context, page } = await newPage(browser, { width, height: 800 });
    await page.addInitScript(MEASURE_CLS);
    await page.goto(quotesPage(`/cls-${width}`, { head: RESERVE }));
    await drawn(page);
    // Past the cards' fade.
    await page.waitForTimeout(400);
    expect(await cls(page)).toBe(0);
    expect(await moved(page)).toBe(0);
    expect((await page.locator('[data-plaudit-testimonials]').boundingBox())!.height).toBe(BLOCK_HEIGHT);
    await context.close();
  });

  it('is measured: without the room reserved, the content after the block moves', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 800 });
    await page.addInitScript(MEASURE_CLS);
    await page.goto(quotesPage('/cls-unreserved'));
    await drawn(page);
    await until(async () => (await cls(page)) > 0, 'a layout shift to be reported');
    // The block's height, and the margins that collapsed through the empty placeholder.
    expect(await moved(page)).toBeGreaterThanOrEqual(BLOCK_HEIGHT);
    await context.close();
  });
});

describe('accessibility', () => {
  it('is a region named by the page’s heading, a list of figures, with no serious axe-core violation', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await page.goto(quotesPage('/a11y'));
    await drawn(page);
    await page.waitForTimeout(300);
    expect(await axeViolations(page)).toEqual([]);
    const region = page.getByRole('region', { name: 'What our customers say' });
    await expect(region.getByRole('list').getByRole('listitem').count()).resolves.toBe(4);
    await expect(region.getByRole('figure').count()).resolves.toBe(4);
    await expect(region.getByRole('blockquote').count()).resolves.toBe(4);
    // A figure is named by its caption.
    await expect(region.getByRole('figure', { name: /Léa M\./ }).count()).resolves.toBe(1);
    await context.close();
  });

  it('takes one Tab stop, from which the arrow keys scroll the quotes that do not fit', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(quotesPage('/keyboard'));
    await drawn(page);
    await page.locator('#host-button').focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName ?? document.activeElement?.tagName);
    expect(await focused()).toBe('UL');
    const scrolled = () => page.evaluate(() => document.querySelector('[data-plaudit-testimonials]')!.shadowRoot!.querySelector('ul')!.scrollLeft);
    expect(await scrolled()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await until(async () => (await scrolled()) > 0, 'the row to scroll');
    // The focus ring shows where focus is.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-plaudit-testimonials]')!.shadowRoot!.querySelector('ul')!).outlineStyle)).toBe('solid');
    // The next Tab leaves the quotes for the page.
    await page.keyboard.press('Tab');
    expect(await focused()).not.toBe('UL');
    await context.close();
  });

  it('stays still for a visitor who asked for less motion', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(quotesPage('/reduced'));
    await drawn(page);
    const motion = await page.evaluate(() => {
      const root = document.querySelector('[data-plaudit-testimonials]')!.shadowRoot!;
      return { animation: getComputedStyle(root.querySelector('figure')!).animationName, scroll: getComputedStyle(root.querySelector('ul')!).scrollBehavior };
    });
    expect(motion).toEqual({ animation: 'none', scroll: 'auto' });
    await context.close();
  });

  it('lays the quotes out right to left on a right-to-left page', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 800 });
    await page.goto(quotesPage('/rtl', { lang: 'ar' }));
    await drawn(page);
    const [first, second] = await Promise.all([0, 1].map(async (i) => (await page.locator('[data-plaudit-testimonials] figure').nth(i).boundingBox())!.x));
    expect(first).toBeGreaterThan(second!);
    await context.close();
  });
});

describe('on the host page', () => {
  it('wears the survey’s colours and the widget’s type, whatever the page’s CSS', async () => {
    const { context, page } = await newPage(browser);
    const hostile = '<style>ul,li,p,blockquote,figure{all:unset!important;color:red!important} body{text-align:center;text-transform:uppercase;letter-spacing:4px}</style>';
    await page.goto(quotesPage('/themed', { head: hostile }));
    await drawn(page);
    const style = await page.evaluate(() => {
      const root = document.querySelector('[data-plaudit-testimonials]')!.shadowRoot!;
      const ul = getComputedStyle(root.querySelector('ul')!);
      const figure = getComputedStyle(root.querySelector('figure')!);
      return { mark: getComputedStyle(root.querySelector('blockquote')!, '::before').color, text: getComputedStyle(root.querySelector('p')!).color, align: ul.textAlign, transform: ul.textTransform, spacing: ul.letterSpacing, radius: figure.borderRadius, size: ul.fontSize };
    });
    const hex = themeColors(BRAND).accent;
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(style).toEqual({ mark: rgb, text: 'rgb(17, 24, 39)', align: 'start', transform: 'none', spacing: 'normal', radius: '16px', size: '15px' });
    await context.close();
  });

  it('adds no global but the snippet’s own, and downloads its chunk only where there is a place for quotes', async () => {
    const requested: string[] = [];
    const { context, page, errors } = await newPage(browser);
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const globals = () => page.evaluate(() => Object.keys(window));
    await page.goto(stack.page('/bare', `<!doctype html><html lang="en"><body><p>Bare</p></body></html>`));
    const bare = await globals();

    const config = page.waitForResponse((r) => r.url().includes('/v1/config'));
    await page.goto(stack.page('/no-place', hostHtml(stack)));
    await config;
    await page.waitForTimeout(300);
    expect(requested.filter((p) => p.startsWith('/assets/'))).toEqual([]);

    await page.goto(quotesPage('/with-place'));
    await drawn(page);
    expect(requested.filter((p) => p.startsWith('/assets/testimonials-'))).toHaveLength(1);
    expect((await globals()).filter((k) => !bare.includes(k))).toEqual(['plaudit']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the demo shop', () => {
  let app: FastifyInstance;
  let url: string;
  let publicKey: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // The demo as `pnpm start` makes it, with its approved quotes.
    const database = await createTestDatabase();
    app = await buildApp({ ...database.location, rateLimit: 0 });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    const demo = (await bootstrap(app, { adminToken: undefined, demo: true, baseUrl: url })).demo!;
    publicKey = demo.publicKey;
    await demoQuotes({ collectorUrl: url, site: { id: demo.siteId, publicKey: demo.publicKey, secretKey: demo.secretKey } }, demo.surveys.nps!);
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });

  it.each([
    ['en', 'shop.html', 'What customers say'],
    ['fr', 'fr/shop.html', 'Ce que disent nos clients'],
  ])('shows what customers say in %s on the home page, without moving it', async (lang, path, heading) => {
    const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
    await page.addInitScript(MEASURE_CLS);
    await page.goto(`${url}/examples/${path}`);
    const region = page.getByRole('region', { name: heading });
    await region.getByRole('figure').first().waitFor();
    const quotes = await region.locator('blockquote p').allTextContents();
    // The site's approved quotes in the page's language, as many as the page asks for.
    const approved = (await (await fetch(`${url}/v1/testimonials?key=${publicKey}&locale=${lang}&limit=3`)).json()) as { items: { text: string }[] };
    expect(approved.items).toHaveLength(3);
    expect(quotes.sort()).toEqual(approved.items.map((q) => q.text).sort());
    await page.waitForTimeout(300);
    expect(await cls(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
