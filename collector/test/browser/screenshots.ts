// Screenshots of every position at 320, 390 and 1280 px wide (score, comment and thanks steps) and
// of the hosted page, for a person to look at: `npx tsx test/browser/screenshots.ts [dir]`. Not a
// test: it asserts nothing.
import type { Page } from 'playwright-core';
import { hostHtml, launchChromium, startStack } from './harness';

const dir = process.argv[2] ?? '/tmp/shots';
const WIDTHS = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const POSITIONS = ['bottom-right', 'bottom-left', 'center', 'inline'] as const;

const stack = await startStack();
const browser = await launchChromium();
try {
  const text = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>'.repeat(4);
  for (const position of POSITIONS) {
    const survey = await stack.createSurvey({
      name: position,
      productName: 'Acme',
      display: { trigger: position === 'inline' ? 'manual' : 'load', delaySeconds: 0, position },
      theme: { brandColor: '#0f766e' },
    });
    const body = `<main style="max-width:720px;margin:0 auto;padding:0 16px;font:16px/1.6 Georgia,serif">${text}${position === 'inline' ? `<div data-plaudit-survey="${survey.id}"></div>` : ''}${text}</main>`;
    const url = stack.page(`/shots-${position}`, hostHtml(stack, { body, attrs: `data-survey="${survey.id}"`, head: '<meta name="viewport" content="width=device-width, initial-scale=1">' }));
    for (const viewport of WIDTHS) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(url);
      const shot = async (step: string) => {
        if (position === 'inline') await page.locator('plaudit-survey').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${dir}/widget-${position}-${viewport.width}-${step}.png` });
      };
      await page.getByRole('radiogroup').waitFor();
      await shot('1-score');
      await page.getByRole('radio', { name: /^9/ }).click();
      await page.getByRole('textbox').fill('Quick delivery and kind support.');
      await shot('2-comment');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you for your feedback!').waitFor();
      await shot('3-thanks');
      await context.close();
    }
  }
  const hosted = await stack.createSurvey({ name: 'hosted', productName: 'Acme', display: { trigger: 'manual' }, theme: { brandColor: '#0f766e' } });
  for (const viewport of [WIDTHS[1]!, WIDTHS[2]!]) {
    for (const query of ['', '?score=9']) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page: Page = await context.newPage();
      await page.goto(`${stack.collectorUrl}/s/${hosted.id}${query}`);
      await (query ? page.getByRole('textbox') : page.getByRole('radiogroup')).waitFor();
      await page.screenshot({ path: `${dir}/widget-hosted-${viewport.width}${query ? '-score' : ''}.png`, fullPage: true });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stack.close();
}
console.log(`screenshots in ${dir}`);
