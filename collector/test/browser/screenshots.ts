// Screenshots of every position at 320, 390 and 1280 px wide (score, comment and thanks steps), of
// the hosted page, of the e-mail block in a mail (320, 390, 1280 px, en and fr), of each follow-up question type and the promoters' next step at 390 and 1280
// px, and of the approved quotes (`data-plaudit-testimonials`) on the demo shop and on a plain page
// at 390 and 1280 px in English and French, for a person to look at:
// `npx tsx test/browser/screenshots.ts [dir] [prefix]` (only the shots whose names start with the
// prefix, e.g. `followup` or `testimonials`). Not a test: it asserts nothing.
import type { Page } from 'playwright-core';
import { buildApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { createTestDatabase } from '../test-database';
import { FOLLOW_UPS, TEXTS } from './follow-up-survey';
import { hostHtml, launchChromium, startStack } from './harness';
import { demoQuotes, seedQuote } from './quotes';

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

  // The e-mail block of a link survey, as a mail client shows it: inside a plain mail, phone and desktop.
  for (const viewport of wanted('widget-email') ? [WIDTHS[0]!, WIDTHS[1]!, WIDTHS[2]!] : []) {
    for (const locale of ['en', 'fr']) {
      const res = await fetch(`${stack.collectorUrl}/v1/sites/${stack.site.id}/surveys/${hosted.id}/email.html?locale=${locale}`, { headers: { authorization: `Bearer ${stack.site.secretKey}` } });
      if (!res.ok) throw new Error(`email block: ${res.status} ${await res.text()}`);
      const mail = `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0;padding:16px;font:15px/1.5 Arial,sans-serif;background:#f4f4f5"><div style="max-width:600px;margin:0 auto;background:#fff;padding:24px"><p>Hello Léa,</p><p>Thank you for your order.</p>${await res.text()}<p>The Acme team</p></div></body>`;
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page: Page = await context.newPage();
      await page.setContent(mail);
      await page.screenshot({ path: `${dir}/widget-email-${locale}-${viewport.width}.png`, fullPage: true });
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

  // Approved quotes: on the demo shop's home page as `pnpm start` makes it (its quotes seeded), and
  // on a plain page with a long quote, one without a name, and a right-to-left page.
  if (wanted('testimonials')) {
    const database = await createTestDatabase();
    const app = await buildApp({ ...database.location, rateLimit: 0 });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const demo = (await bootstrap(app, { adminToken: undefined, demo: true, baseUrl: url })).demo!;
      await demoQuotes({ collectorUrl: url, site: { id: demo.siteId, publicKey: demo.publicKey, secretKey: demo.secretKey } }, demo.surveys.nps!);
      for (const [lang, path] of [['en', 'shop.html'], ['fr', 'fr/shop.html']] as const) {
        for (const viewport of [WIDTHS[1]!, WIDTHS[2]!]) {
          const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
          const page = await context.newPage();
          await page.goto(`${url}/examples/${path}`);
          // The NPS survey opens after a second; closed, it leaves the quotes in view.
          await page.getByRole('radiogroup').waitFor();
          await page.keyboard.press('Escape');
          const block = page.locator('[data-plaudit-testimonials]');
          await block.locator('figure').first().waitFor();
          await page.evaluate(() => document.querySelector('[data-plaudit-testimonials]')!.closest('section')!.scrollIntoView({ block: 'center' }));
          await page.screenshot({ path: `${dir}/testimonials-shop-${lang}-${viewport.width}.png` });
          await context.close();
        }
      }
    } finally {
      await app.close();
      await database.close();
    }

    const quotes = await stack.createSurvey({ name: 'quotes', display: { trigger: 'manual' }, theme: { brandColor: '#0f766e' } });
    for (const quote of [
      { text: 'Fast delivery and a lovely note in the box.', locale: 'en', status: 'approved' },
      { text: 'The grinder is a joy to use every morning. Solid, quiet, and the grind is even from espresso to filter. I bought it after trying three others and would buy it again without a second thought, even at twice the price.', locale: 'en', displayName: 'Anne-Charlotte Delacroix-Montfort du Val', status: 'approved' },
      { text: 'Beautiful lamps, and the parcel came in two days.', locale: 'en', displayName: 'Léa M.', status: 'approved' },
      { text: 'Livraison rapide et un petit mot adorable dans le colis.', locale: 'fr', status: 'approved' },
      { text: 'Le moulin est un plaisir chaque matin. Solide, silencieux, et une mouture régulière de l’espresso au filtre. Je l’ai acheté après en avoir essayé trois autres et je le rachèterais sans hésiter, même au double du prix.', locale: 'fr', displayName: 'Anne-Charlotte Delacroix-Montfort du Val', status: 'approved' },
      { text: 'De belles lampes, et le colis est arrivé en deux jours.', locale: 'fr', displayName: 'Léa M.', status: 'approved' },
      { text: 'توصيل سريع وتغليف جميل.', locale: 'ar', displayName: 'سارة', status: 'approved' },
    ] as const) {
      await seedQuote(stack, quotes.id, quote);
    }
    for (const lang of ['en', 'fr', 'ar'] as const) {
      const heading = { en: 'What our customers say', fr: 'Ce que disent nos clients', ar: 'ماذا يقول عملاؤنا' }[lang];
      const body = `<main style="max-width:1000px;margin:0 auto;padding:24px 16px;font:16px/1.6 Georgia,serif"><h2 id="q">${heading}</h2>
<div data-plaudit-testimonials data-limit="6" data-locale="${lang}" aria-labelledby="q" style="min-height:248px"></div><p>${text.slice(3, 200)}</p></main>`;
      // The page may show only the quotes' survey, which waits to be asked: no pop-up over the quotes.
      const page_ = stack.page(`/shots-quotes-${lang}`, hostHtml(stack, { head: '<meta name="viewport" content="width=device-width, initial-scale=1">', body, attrs: `data-survey="${quotes.id}"` }).replace('lang="en"', `lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`));
      for (const viewport of lang === 'ar' ? [WIDTHS[1]!] : [WIDTHS[1]!, WIDTHS[2]!]) {
        const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(page_);
        await page.locator('[data-plaudit-testimonials] figure').first().waitFor();
        await page.screenshot({ path: `${dir}/testimonials-plain-${lang}-${viewport.width}.png` });
        if (lang === 'en' && viewport.width === 390) {
          // Focused from the keyboard: the ring around the row.
          await page.locator('#host-button').focus();
          await page.keyboard.press('Tab');
          await page.keyboard.press('ArrowRight');
          // Chromium animates keyboard scrolling whatever the page asks.
          await page.waitForTimeout(600);
          await page.screenshot({ path: `${dir}/testimonials-plain-${lang}-${viewport.width}-focused.png` });
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await stack.close();
}
console.log(`screenshots in ${dir}`);
