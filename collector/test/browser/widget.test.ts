// The widget in real headless Chromium against the real collector on loopback.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostHtml, launchChromium, newPage, startStack, until, type Stack } from './harness';

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

describe('widget in Chromium', () => {
  it('shows, takes an answer with the mouse, and stores it once', async () => {
    const survey = await stack.createSurvey({ display: NOW, productName: 'Browser Shop' });
    const url = stack.page('/shop', hostHtml(stack));
    const { context, page, errors } = await newPage(browser);
    await page.goto(url);

    const group = page.getByRole('radiogroup', { name: /recommend Browser Shop/ });
    await group.waitFor();
    await page.getByRole('radio', { name: /^9/ }).click();
    // The score is stored the moment it is chosen, before any comment.
    const first = await until(async () => (await stack.responses())[0], 'the score to be stored');
    expect(first).toMatchObject({ survey: survey.id, nps: 9, comment: null, page: url });

    await page.getByRole('textbox').fill('Quick delivery <b>and</b> kind support');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    const updated = await until(async () => (await stack.responses()).find((r) => r.comment), 'the comment');
    expect(updated).toMatchObject({ id: first.id, nps: 9, comment: 'Quick delivery <b>and</b> kind support', consent: true });
    expect(await stack.responses()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('can be answered with the keyboard alone', async () => {
    await stack.createSurvey({ display: NOW, questions: ['csat', 'comment'] });
    const { context, page } = await newPage(browser);
    await page.goto(stack.page('/kbd', hostHtml(stack)));
    await page.getByRole('radiogroup').waitFor();

    // Tab from the page into the widget: the radiogroup is one tab stop.
    let inRadio = false;
    for (let i = 0; i < 10 && !inRadio; i++) {
      await page.keyboard.press('Tab');
      inRadio = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('role') === 'radio');
    }
    expect(inRadio).toBe(true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const stored = await until(async () => (await stack.responses())[0], 'the keyboard answer');
    expect(stored.csat).toBe(4);

    await until(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName === 'TEXTAREA') || page.keyboard.press('Tab').then(() => false), 'focus on the comment');
    await page.keyboard.type('Smooth checkout');
    let onSend = false;
    for (let i = 0; i < 6 && !onSend; i++) {
      await page.keyboard.press('Tab');
      onSend = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent === 'Send');
    }
    expect(onSend).toBe(true);
    await page.keyboard.press('Enter');
    await until(async () => (await stack.responses())[0]?.comment === 'Smooth checkout', 'the keyboard comment');
    expect(await stack.responses()).toHaveLength(1);
    await context.close();
  });

  it('is not shown again after an answer, and then loads nothing but the loader and config', async () => {
    await stack.createSurvey({ display: { ...NOW, resurveyDays: 30 } });
    const { context, page } = await newPage(browser);
    const url = stack.page('/again', hostHtml(stack));
    await page.goto(url);
    await page.getByRole('radio', { name: /^10/ }).click();
    await until(async () => (await stack.responses()).length === 1, 'the answer');
    await page.getByRole('button', { name: 'Skip' }).click();
    // Reaching the thanks sends `complete`; once it is acknowledged the outbox is empty, so the
    // next page has nothing to flush.
    await until(() => page.evaluate(() => !Object.keys(localStorage).some((k) => /outbox/i.test(k) && (localStorage.getItem(k) ?? '[]') !== '[]')), 'the outbox to empty');

    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(url);
    await until(() => requested.some((u) => u.includes('/v1/config')), 'the config request');
    // The loader has decided; wait for the network to go quiet rather than for a fixed time.
    await page.waitForLoadState('networkidle');
    expect(await page.locator('plaudit-survey').count()).toBe(0);
    const fromCollector = requested.filter((u) => u.startsWith(stack.collectorUrl)).map((u) => new URL(u).pathname);
    expect(fromCollector.sort()).toEqual(['/v1/config', '/widget.js']);
    await context.close();
  });

  it('keeps an answer made while the collector is down and delivers it when it is back', async () => {
    await stack.createSurvey({ display: NOW });
    const { context, page } = await newPage(browser);
    const url = stack.page('/outage', hostHtml(stack));
    await page.goto(url);
    await page.getByRole('radiogroup').waitFor();

    await stack.stopCollector();
    await page.getByRole('radio', { name: /^3/ }).click();
    await page.getByRole('textbox').fill('Could not pay with my card');
    await page.getByRole('button', { name: 'Send' }).click();
    // It waits in the outbox, in localStorage.
    await until(() => page.evaluate(() => Object.keys(localStorage).some((k) => /outbox/i.test(k) && (localStorage.getItem(k) ?? '').includes('Could not pay'))), 'the outbox to hold the answer');

    await stack.startCollector();
    // The next page view flushes the outbox.
    await page.goto(url);
    const stored = await until(async () => (await stack.responses())[0], 'the delivered answer', 20_000);
    expect(stored).toMatchObject({ nps: 3, comment: 'Could not pay with my card' });
    await until(() => page.evaluate(() => !Object.keys(localStorage).some((k) => /outbox/i.test(k) && (localStorage.getItem(k) ?? '[]') !== '[]')), 'the outbox to empty');
    expect(await stack.responses()).toHaveLength(1);
    await context.close();
  });

  it('works under a strict Content-Security-Policy', async () => {
    await stack.createSurvey({ display: NOW });
    const c = stack.collectorUrl;
    const csp = `default-src 'self'; script-src 'self' ${c}; connect-src 'self' ${c}; style-src 'self'`;
    const { context, page, errors } = await newPage(browser);
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(stack.page('/csp', hostHtml(stack), csp));
    await page.getByRole('radio', { name: /^8/ }).click();
    await until(async () => (await stack.responses())[0]?.nps === 8, 'the answer under CSP');
    // Styled: the options are laid out as buttons, not unstyled inline text.
    const box = await page.getByRole('radio', { name: /^8/ }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(24);
    expect(violations).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();
  });

  it('looks and works the same on a page with hostile global CSS', async () => {
    await stack.createSurvey({ display: NOW });
    const hostile = `<style>
      * { font-size: 40px !important; color: red !important; background: yellow !important; line-height: 3 !important; }
      div, span, button, textarea, label { display: block !important; width: 100% !important; margin: 20px !important; padding: 30px !important; border: 5px dashed blue !important; }
      button { all: unset !important; } plaudit-survey { display: none; transform: scale(3); }
      body > * { position: static !important; }
    </style>`;
    const { context, page } = await newPage(browser);
    await page.goto(stack.page('/hostile', hostHtml(stack, { head: hostile })));
    const nine = page.getByRole('radio', { name: /^9/ });
    await nine.waitFor();
    const look = await nine.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, fontSize: s.fontSize, border: s.borderTopStyle, display: s.display };
    });
    expect(look.color).not.toBe('rgb(255, 0, 0)');
    expect(parseFloat(look.fontSize)).toBeLessThan(24);
    expect(look.border).not.toBe('dashed');
    const box = await nine.boundingBox();
    expect(box!.width).toBeLessThan(80);
    expect(box!.y).toBeLessThan(800);
    await nine.click();
    await until(async () => (await stack.responses())[0]?.nps === 9, 'the answer on the hostile page');
    await context.close();
  });

  it('follows a single-page app’s route changes', async () => {
    await stack.createSurvey({ display: { ...NOW, urlPattern: '/app/settings*' } });
    const body = `<nav><a id="go" href="/app/settings">Settings</a></nav><script>
      document.getElementById('go').addEventListener('click', (e) => { e.preventDefault(); history.pushState({}, '', '/app/settings'); });
    </script>`;
    const { context, page } = await newPage(browser);
    await page.goto(stack.page('/app', hostHtml(stack, { body })) + '/home');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('plaudit-survey').count()).toBe(0);
    await page.click('#go');
    await page.getByRole('radiogroup').waitFor();
    await page.getByRole('radio', { name: /^7/ }).click();
    const stored = await until(async () => (await stack.responses())[0], 'the SPA answer');
    expect(stored.page).toBe(`${stack.hostUrl}/app/settings`);
    await context.close();
  });

  it('never shifts the host layout and never throws into the page', async () => {
    await stack.createSurvey({ display: NOW });
    const { context, page, errors } = await newPage(browser, { width: 360, height: 740 });
    await page.addInitScript(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __shift: number }).__shift += (e as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(stack.page('/phone', hostHtml(stack)));
    const before = await page.locator('#host-button').boundingBox();
    await page.getByRole('radiogroup').waitFor();
    const after = await page.locator('#host-button').boundingBox();
    expect(after).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    // All 11 NPS options fit a 360 px phone.
    for (const n of [0, 10]) {
      const b = await page.getByRole('radio', { name: new RegExp(`^${n}`) }).boundingBox();
      expect(b!.x).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width).toBeLessThanOrEqual(360);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
