// Screenshots of every position at 320, 390 and 1280 px wide (score, comment and thanks steps), of
// the hosted page, and of each follow-up question type and the promoters' next step at 390 and
// 1280 px, for a person to look at: `npx tsx test/browser/screenshots.ts [dir] [prefix]` (only the
// shots whose names start with the prefix, e.g. `followup`). Not a test: it asserts nothing.
import type { Page } from 'playwright-core';
import { FOLLOW_UPS, TEXTS } from './follow-up-survey';
import { hostHtml, launchChromium, startStack } from './harness';

const dir = process.argv[2] ?? '/tmp/shots';
const only = process.argv[3] ?? '';
const wanted = (name: string) => name.startsWith(only) || only.startsWith(name);
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
  for (const position of wanted('widget') ? POSITIONS : []) {
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
  for (const viewport of wanted('widget-hosted') ? [WIDTHS[1]!, WIDTHS[2]!] : []) {
    for (const query of ['', '?score=9']) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page: Page = await context.newPage();
      await page.goto(`${stack.collectorUrl}/s/${hosted.id}${query}`);
      await (query ? page.getByRole('textbox') : page.getByRole('radiogroup')).waitFor();
      await page.screenshot({ path: `${dir}/widget-hosted-${viewport.width}${query ? '-score' : ''}.png`, fullPage: true });
      await context.close();
    }
  }

  // Follow-up questions, one shot per type with an answer being given, then the next step.
  const followUps = await stack.createSurvey({
    name: 'follow-ups',
    productName: 'Acme',
    display: { trigger: 'load', delaySeconds: 0 },
    theme: { brandColor: '#0f766e' },
    cta: {
      kind: 'review',
      url: `${stack.hostUrl}/review`,
      label: { en: 'Leave a review', fr: 'Laisser un avis' },
      message: { en: 'Would you tell others about us? A review helps a small shop a lot.', fr: 'En parleriez-vous autour de vous\u202f? Un avis aide beaucoup une petite boutique.' },
    },
    // Every question asked of a promoter, who sees the next step at the end.
    followUps: FOLLOW_UPS.map(({ shownTo: _, ...question }) => question),
  });
  for (const lang of wanted('followup') ? (['en', 'fr'] as const) : []) {
    const t = TEXTS[lang];
    const head = '<meta name="viewport" content="width=device-width, initial-scale=1">';
    const url = stack.page(`/shots-followups-${lang}`, hostHtml(stack, { head, body: `<main style="max-width:720px;margin:0 auto;padding:0 16px;font:16px/1.6 Georgia,serif">${text}</main>`, attrs: `data-survey="${followUps.id}"` }).replace('lang="en"', `lang="${lang}"`));
    for (const viewport of [WIDTHS[1]!, WIDTHS[2]!]) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const shot = (step: string) => page.screenshot({ path: `${dir}/followup-${lang}-${viewport.width}-${step}.png` });
      await page.goto(url);
      // A promoter, so the next step shows at the end.
      await page.getByRole('radio', { name: /^9/ }).click();
      await page.getByRole('button', { name: t.skip }).click();
      await page.getByRole('radio', { name: t.other }).check();
      await page.getByRole('textbox', { name: t.otherPlease }).fill(lang === 'en' ? 'A podcast about crafts' : 'Un podcast sur l’artisanat');
      await shot('1-single');
      await page.getByRole('button', { name: t.next }).click();
      await page.getByRole('checkbox').first().check();
      await page.getByRole('checkbox').nth(2).check();
      await shot('2-multiple');
      await page.getByRole('button', { name: t.next }).click();
      await page.getByRole('radio', { name: '5', exact: true }).click();
      await shot('3-rating');
      await page.getByRole('button', { name: t.next }).click();
      await page.getByRole('textbox').fill(lang === 'en' ? 'Handmade, local, and the packaging is beautiful.' : 'Fait main, local, et l’emballage est superbe.');
      await shot('4-text');
      await page.getByRole('button', { name: t.next }).click();
      await page.getByText(t.thanks).waitFor();
      await shot('5-next-step');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stack.close();
}
console.log(`screenshots in ${dir}`);
