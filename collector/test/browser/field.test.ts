// The widget in the field: explicit calls win over what is open, every show() that does not display
// says why, Escape closes the survey wherever focus is (and only then), the page's language, the
// site cooldown, and fatigue that follows an identified customer across devices.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostHtml, launchChromium, newPage, startStack, until, type Stack } from './harness';

/** The page's plaudit() as the snippet defines it (the widget's own declaration is not in this project). */
type PlauditPage = { plaudit: (...args: unknown[]) => void };

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

const NOW = { trigger: 'load', delaySeconds: 0 };
const MANUAL = { trigger: 'manual' };

/** The snippet's queue stub, with calls made before the widget loads; `skipped` events land in window.__skipped. */
function stub(...calls: string[]): string {
  return `<script>window.plaudit = window.plaudit || function () { (plaudit.q = plaudit.q || []).push(arguments); };
  window.__skipped = []; plaudit('on', 'skipped', function (e) { window.__skipped.push(e); });
  ${calls.join(';\n')}</script>`;
}

const skipped = (page: Page) => page.evaluate(() => (window as unknown as { __skipped: unknown[] }).__skipped);

/** The impressions a page sends (POST v1/events), parsed. */
function events(page: Page): { type: string; survey: string; customer?: { id: string } }[] {
  const seen: { type: string; survey: string; customer?: { id: string } }[] = [];
  page.on('request', (r: Request) => {
    if (r.url().endsWith('/v1/events')) seen.push(JSON.parse(r.postData() ?? '{}'));
  });
  return seen;
}

describe('explicit calls', () => {
  it('show() replaces the survey that opened by itself, which closes without a dismissal', async () => {
    const first = await stack.createSurvey({ name: 'first', productName: 'Alpha', display: NOW });
    const second = await stack.createSurvey({ name: 'second', productName: 'Beta', display: MANUAL });
    const { context, page, errors } = await newPage(browser);
    const sent = events(page);
    await page.goto(stack.page('/replace', hostHtml(stack)));
    await page.getByRole('radiogroup', { name: /Alpha/ }).waitFor();

    await page.evaluate((id) => (window as unknown as PlauditPage).plaudit('show', id), second.id);
    await page.getByRole('radiogroup', { name: /Beta/ }).waitFor();
    expect(await page.getByRole('radiogroup').count()).toBe(1);
    await page.getByRole('radio', { name: /^7/ }).click();
    const stored = await until(async () => (await stack.responses())[0], 'the answer to the second survey');
    expect(stored).toMatchObject({ survey: second.id, nps: 7 });
    await until(() => sent.filter((e) => e.type === 'shown').length === 2, 'both impressions');
    expect(sent.filter((e) => e.type === 'dismissed')).toEqual([]);
    expect(sent.find((e) => e.survey === first.id)).toMatchObject({ type: 'shown' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('every show() that does not display says why; forced, it displays', async () => {
    const paused = await stack.createSurvey({ name: 'paused', display: MANUAL, status: 'paused' });
    const sampled = await stack.createSurvey({ name: 'sampled', display: { ...MANUAL, samplePercent: 0 } });
    const { context, page, errors } = await newPage(browser);
    const head = stub(`plaudit('show', '${paused.id}')`, `plaudit('show', '${sampled.id}')`, `plaudit('show', 'sv_nothing_here')`);
    await page.goto(stack.page('/skipped', hostHtml(stack, { head })));
    await until(async () => (await skipped(page)).length === 3, 'three skipped events');
    expect(await skipped(page)).toEqual([
      { survey: paused.id, reason: 'paused' },
      { survey: sampled.id, reason: 'sampled-out' },
      { survey: 'sv_nothing_here', reason: 'unknown' },
    ]);

    await page.evaluate((id) => (window as unknown as PlauditPage).plaudit('show', id, { force: true }), sampled.id);
    await page.getByRole('radio', { name: /^4/ }).click();
    expect(await until(async () => (await stack.responses())[0], 'the forced answer')).toMatchObject({ survey: sampled.id, nps: 4 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Escape', () => {
  const page = (s: Stack) =>
    stack.page(
      '/escape',
      hostHtml(s, {
        body: `<input id="search"><script>window.__escapes = [];
          document.addEventListener('keydown', function (e) { if (e.key === 'Escape') __escapes.push(e.defaultPrevented); });</script>`,
      }),
    );
  const escapes = (p: Page) => p.evaluate(() => (window as unknown as { __escapes: boolean[] }).__escapes);

  it('dismisses the corner card while focus is in the host page, and leaves the page’s Escape alone', async () => {
    const survey = await stack.createSurvey({ display: NOW });
    const { context, page: p, errors } = await newPage(browser);
    const sent = events(p);
    await p.goto(page(stack));
    await p.getByRole('radiogroup').waitFor();
    await p.locator('#search').focus();
    await p.keyboard.press('Escape');
    await until(async () => (await p.locator('plaudit-survey').count()) === 0, 'the survey to close');
    await until(() => sent.some((e) => e.type === 'dismissed'), 'the dismissal');
    expect(sent.find((e) => e.type === 'dismissed')).toMatchObject({ survey: survey.id });
    // With no survey open, Escape is the page's alone: it reaches the page, not prevented.
    await p.keyboard.press('Escape');
    expect(await escapes(p)).toEqual([false, false]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes the survey after an answer, from the host page, keeping the answer', async () => {
    const survey = await stack.createSurvey({ display: NOW });
    const { context, page: p } = await newPage(browser);
    const sent = events(p);
    await p.goto(page(stack));
    await p.getByRole('radio', { name: /^8/ }).click();
    await p.getByRole('textbox').waitFor();
    await p.locator('#search').focus();
    await p.keyboard.press('Escape');
    await until(async () => (await p.locator('plaudit-survey').count()) === 0, 'the survey to close');
    expect(await until(async () => (await stack.responses())[0], 'the answer')).toMatchObject({ survey: survey.id, nps: 8 });
    expect(sent.filter((e) => e.type === 'dismissed')).toEqual([]);
    await context.close();
  });
});

describe('language', () => {
  it('speaks the page’s <html lang> when neither the tag nor the survey chooses', async () => {
    await stack.createSurvey({ display: NOW, productName: 'Boutique' });
    const { context, page } = await newPage(browser);
    await page.goto(stack.page('/fr', hostHtml(stack).replace('<html lang="en">', '<html lang="fr">')));
    await page.getByRole('radiogroup', { name: /Quelle est la probabilité que vous recommandiez Boutique/ }).waitFor();
    await page.getByRole('radio', { name: /^10/ }).click();
    expect(await until(async () => (await stack.responses())[0], 'the answer')).toMatchObject({ nps: 10, locale: 'fr' });
    await context.close();
  });
});

describe('the site cooldown', () => {
  it('shows no survey of any kind within cooldownDays of the last one, and says so to show()', async () => {
    expect((await stack.api('PATCH', `/v1/sites/${stack.site.id}`, { cooldownDays: 14 })).status).toBe(200);
    const first = await stack.createSurvey({ name: 'first', display: { ...NOW, urlPattern: '/first' } });
    const other = await stack.createSurvey({ name: 'other', display: { ...NOW, urlPattern: '/other' } });
    const { context, page } = await newPage(browser);
    await page.goto(stack.page('/first', hostHtml(stack)));
    await page.getByRole('radio', { name: /^6/ }).click();
    expect(await until(async () => (await stack.responses())[0], 'the first answer')).toMatchObject({ survey: first.id, nps: 6 });

    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(stack.page('/other', hostHtml(stack, { head: stub() })));
    await until(() => requested.includes('/v1/config'), 'the config');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('plaudit-survey').count()).toBe(0);
    expect(requested.filter((p) => p.startsWith('/assets/'))).toEqual([]);
    await page.evaluate((id) => (window as unknown as PlauditPage).plaudit('show', id), other.id);
    await until(async () => (await skipped(page)).length === 1, 'the skipped event');
    expect(await skipped(page)).toEqual([{ survey: other.id, reason: 'cooldown' }]);
    await context.close();
  });
});

describe('fatigue across devices', () => {
  const identified = (id: string) => stub(`plaudit('identify', { id: '${id}' })`);

  /** A new browser context is another device: nothing in its storage. */
  async function device(path: string, customer: string) {
    const { context, page, errors } = await newPage(browser);
    const fatigue: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/fatigue')) fatigue.push(r.url());
    });
    await page.goto(stack.page(path, hostHtml(stack, { head: identified(customer) })));
    return { context, page, errors, fatigue };
  }

  it('a customer who answered on one device is not asked again on another; someone else is', async () => {
    const survey = await stack.createSurvey({ display: { ...NOW, resurveyDays: 30 } });
    const phone = await device('/account', 'cus_1');
    await phone.page.getByRole('radio', { name: /^9/ }).click();
    expect(await until(async () => (await stack.responses())[0], 'the answer')).toMatchObject({ survey: survey.id, nps: 9, customer: { id: 'cus_1' } });
    await phone.context.close();

    const laptop = await device('/account', 'cus_1');
    await until(async () => (await skipped(laptop.page)).length === 1, 'the skipped event');
    expect(await skipped(laptop.page)).toEqual([{ survey: survey.id, reason: 'fatigue' }]);
    expect(await laptop.page.locator('plaudit-survey').count()).toBe(0);
    await laptop.page.waitForLoadState('networkidle');
    expect(laptop.fatigue).toHaveLength(1);
    expect(new URL(laptop.fatigue[0]!).searchParams.get('customer')).toBe('cus_1');
    expect(laptop.errors).toEqual([]);
    await laptop.context.close();

    const colleague = await device('/account', 'cus_2');
    await colleague.page.getByRole('radio', { name: /^5/ }).click();
    await until(async () => (await stack.responses()).some((r) => r.customer?.id === 'cus_2'), 'the other customer’s answer');
    await colleague.context.close();
  });

  it('a dismissal on one device holds the survey back on another', async () => {
    const survey = await stack.createSurvey({ display: { ...NOW, resurveyDays: 30 } });
    const phone = await device('/home', 'cus_7');
    const sent = events(phone.page);
    await phone.page.getByRole('button', { name: 'Close' }).click();
    await until(() => sent.some((e) => e.type === 'dismissed'), 'the dismissal');
    expect(sent.find((e) => e.type === 'dismissed')).toMatchObject({ survey: survey.id, customer: { id: 'cus_7' } });
    await until(async () => {
      const res = await fetch(`${stack.collectorUrl}/v1/fatigue?key=${stack.site.publicKey}&customer=cus_7`);
      return ((await res.json()) as { surveys: Record<string, string> }).surveys[survey.id];
    }, 'the collector to record the dismissal');
    await phone.context.close();

    const laptop = await device('/home', 'cus_7');
    await until(async () => (await skipped(laptop.page)).length === 1, 'the skipped event');
    expect(await skipped(laptop.page)).toEqual([{ survey: survey.id, reason: 'fatigue' }]);
    await laptop.context.close();
  });

  it('shows the survey when the collector cannot say (the request fails)', async () => {
    const survey = await stack.createSurvey({ display: NOW });
    const { context, page, errors } = await newPage(browser);
    let asked = 0;
    await page.route('**/v1/fatigue?*', (route) => {
      asked++;
      return route.abort();
    });
    await page.goto(stack.page('/offline-fatigue', hostHtml(stack, { head: identified('cus_3') })));
    await page.getByRole('radio', { name: /^3/ }).click();
    expect(await until(async () => (await stack.responses())[0], 'the answer')).toMatchObject({ survey: survey.id, nps: 3 });
    expect(asked).toBe(1);
    // The browser logs the aborted request itself ("Failed to load resource"); nothing was thrown.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
