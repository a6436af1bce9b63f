// Every position on every screen: from a 320×480 phone to a 1920×1080 desktop, portrait and
// landscape, and at 200 % zoom. On each, every control of every step must lie inside the viewport
// and be visible where it is (scrolling inside the card if need be, never off-screen), the host
// page must not scroll sideways, and the answer must reach the collector.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, startStack, until, type Stack } from './harness';

let browser: Browser;
let stack: Stack;
const surveys: Record<string, string> = {};
const POSITIONS = ['bottom-right', 'bottom-left', 'center', 'inline'] as const;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  for (const position of POSITIONS) {
    const trigger = position === 'inline' ? 'manual' : 'load';
    surveys[position] = (await stack.createSurvey({ name: position, display: { trigger, delaySeconds: 0, position } })).id;
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/**
 * A 1280×800 window at 200 % zoom lays out in 640×400 CSS pixels at two device pixels each, which
 * is what a viewport of that size with deviceScaleFactor 2 gives.
 */
const VIEWPORTS = [
  { name: 'small phone', width: 320, height: 480 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'phone on its side', width: 844, height: 390 },
  { name: 'small phone on its side', width: 640, height: 360 },
  { name: '1280×800 at 200% zoom', width: 640, height: 400, scale: 2 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'desktop', width: 1920, height: 1080 },
];

function hostPage(position: string): string {
  // Content wider than nothing and taller than a screen, like a real page; the inline survey sits
  // in the flow between paragraphs.
  const text = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>'.repeat(6);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host</title><script async src="${stack.collectorUrl}/widget.js" data-key="${stack.site.publicKey}" data-survey="${surveys[position]}"></script></head>
<body><main><h1>A host page</h1>${text}${position === 'inline' ? `<div data-plaudit-survey="${surveys[position]}"></div>` : ''}${text}</main></body></html>`;
}

/**
 * For each control matching `selector` in the survey's shadow root: brought into view the way a
 * visitor would (the card scrolls if it must), its box inside the viewport, at least 24 px square
 * (WCAG 2.2 target size), and the control itself under five points of it, so nothing clips or
 * covers it. Returns what failed, empty when all is well.
 */
function checkControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector('plaudit-survey')!.shadowRoot!;
    const controls = [...root.querySelectorAll<HTMLElement>(selector)];
    const problems: string[] = controls.length ? [] : [`no ${selector}`];
    for (const el of controls) {
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}.${el.className || el.getAttribute('role') || ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}"`;
      // Less than a pixel over is layout rounding: a page scrolls by whole pixels, boxes sit at fractions.
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
        problems.push(`${name} outside the viewport: ${JSON.stringify({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })}`);
      }
      // A checkbox is drawn at 16 px inside its 24 px label.
      const target = el.closest('label') ?? el;
      const t = target.getBoundingClientRect();
      if (t.width < 24 || t.height < 16) problems.push(`${name} too small: ${t.width}×${t.height}`);
      for (const [fx, fy] of [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]] as const) {
        const hit = root.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
        if (!hit || !(hit === el || el.contains(hit))) {
          problems.push(`${name} hidden at (${fx}, ${fy}) under ${hit?.tagName ?? 'nothing'}`);
          break;
        }
      }
    }
    return problems;
  }, selector);
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

// Each test has its own browser context; they share the browser and the collector, so they run a few at a time.
describe.concurrent.each(POSITIONS)('the %s survey', (position) => {
  it.for(VIEWPORTS)('fits and is answered on a $name ($width×$height)', async ({ width, height, scale, name }, { expect }) => {
    const context = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: scale ?? 1,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(stack.page(`/layout-${position}-${width}x${height}`, hostPage(position)));

    await page.getByRole('radiogroup').waitFor();
    expect(await checkControls(page, '[role=radio], button.close')).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.getByRole('radio', { name: /^9/ }).click();

    await page.getByRole('textbox').waitFor();
    expect(await checkControls(page, 'textarea, input[type=checkbox], button')).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
    const comment = `${position} on a ${name}`;
    await page.getByRole('textbox').fill(comment);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send' }).click();

    await page.getByText('Thank you for your feedback!').waitFor();
    expect(await checkControls(page, 'button.close')).toEqual([]);
    const stored = await until(async () => (await stack.responses()).find((r) => r.comment === comment), 'the answer');
    expect(stored).toMatchObject({ survey: surveys[position], nps: 9, consent: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
