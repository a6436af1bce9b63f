// Follow-up questions after the score and the promoters' next step (issue 14), in real Chromium
// against the real collector: every question type answered with the mouse and with the keyboard
// alone, at 390 and 1280 px, in English and French, the stored response read back through the
// API; axe-core on every step; a detractors' question never shown to a promoter; the next step's
// link, and its impressions and clicks counted.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordered } from '../../../widget/src/follow-ups';
import { FOLLOW_UPS, TEXTS } from './follow-up-survey';
import { hostHtml, launchChromium, newPage, startStack, until, type Stack } from './harness';

// axe-core is a development dependency of the widget, whose accessibility it checks.
const AXE = fs.readFileSync(createRequire(new URL('../../../widget/package.json', import.meta.url)).resolve('axe-core/axe.min.js'), 'utf8');

type Lang = keyof typeof TEXTS;
const prompt = (id: string, lang: Lang) => FOLLOW_UPS.find((q) => q.id === id)!.prompt[lang];
const label = (question: string, option: string, lang: Lang) => FOLLOW_UPS.find((q) => q.id === question)!.options!.find((o) => o.id === option)!.label[lang];

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const NOW = { trigger: 'load', delaySeconds: 0 };

/** A page showing `survey`; `requested` collects the paths it asks of the collector from the start. */
async function open(lang: Lang, width: number, survey: string, path: string, requested: string[] = []) {
  const opened = await newPage(browser, { width, height: width < 500 ? 844 : 800 });
  opened.page.on('request', (r) => r.url().startsWith(stack.collectorUrl) && requested.push(new URL(r.url()).pathname));
  // The page's own clock, to run past the thanks' delay without waiting on the wall clock.
  await opened.page.clock.install();
  const html = hostHtml(stack, { attrs: `data-survey="${survey}"`, head: '<meta name="viewport" content="width=device-width, initial-scale=1">' }).replace(
    '<html lang="en">',
    `<html lang="${lang}">`,
  );
  await opened.page.goto(stack.page(path, html));
  return opened;
}

/** The element focused inside the survey's shadow root: tag, class, text, type, checked. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('plaudit-survey')?.shadowRoot?.activeElement as HTMLInputElement | null | undefined;
    const text = (el?.closest('label') ?? el)?.textContent?.trim() ?? '';
    return el ? { tag: el.tagName.toLowerCase(), cls: el.className, text, type: el.type, checked: el.checked } : null;
  });

/** axe-core's serious and critical violations inside the survey (the host page is not ours). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // Contrast is measured on the step as it stays, not halfway through its fade-in.
    await Promise.all(document.querySelector('plaudit-survey')!.shadowRoot!.getAnimations().map((a) => a.finished));
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const { violations } = await axe.run({ include: [['plaudit-survey']] }, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** The step's heading has taken focus, and axe finds nothing serious on the step. */
async function stepOpened(page: Page, heading: string) {
  await until(async () => (await focused(page))?.text === heading && (await focused(page))?.cls.includes('question'), `focus on the heading “${heading}”`);
  expect(await axeViolations(page)).toEqual([]);
}

async function storedFor(survey: string) {
  return (await stack.api('GET', `/v1/sites/${stack.site.id}/responses?survey=${survey}&limit=100`)).json.items as any[];
}

/** Presses Tab until `ok` holds for the focused element (at most `max` times). */
async function tabTo(page: Page, ok: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string, max = 12) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && ok(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

// What a detractor gives, by mouse or keyboard: "Other" on the single choice, two options and
// "Other" on the multiple choice, 2 of 7, and a text.
const DETRACTOR_ANSWERS = {
  found_us: { other: 'A podcast' },
  improve: { choices: ['delivery', 'price'], other: 'Packaging' },
  ease: { rating: 2 },
  why_us: { text: 'Handmade and local' },
};

const RUNS = (['mouse', 'keyboard'] as const).flatMap((input) => ([390, 1280] as const).flatMap((width) => (['en', 'fr'] as const).map((lang) => ({ input, width, lang }))));

describe('every question type', () => {
  it.each(RUNS)('is answered with the $input at $width px in $lang, each answer stored once', async ({ input, width, lang }) => {
    const t = TEXTS[lang];
    const survey = await stack.createSurvey({ name: `all-${input}-${width}-${lang}`, productName: 'Atelier', display: NOW, followUps: FOLLOW_UPS });
    const { context, page, errors } = await open(lang, width, survey.id, `/all-${input}-${width}-${lang}`);
    await page.getByRole('radiogroup').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Score and comment, as before.
    if (input === 'mouse') {
      await page.getByRole('radio', { name: /^3/ }).click();
      await page.getByRole('textbox').fill('Slow delivery');
      await page.getByRole('button', { name: t.send }).click();
    } else {
      await tabTo(page, (f) => f.tag === 'button' && f.cls.includes('option'), 'the scale');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await until(async () => (await focused(page))?.tag === 'textarea', 'the comment field');
      await page.keyboard.type('Slow delivery');
      await tabTo(page, (f) => f.text === t.send, 'Send');
      await page.keyboard.press('Enter');
    }

    // Single choice, required: no Skip, Next only once answered; "Other" last, with its text box.
    await stepOpened(page, prompt('found_us', lang));
    const group = page.getByRole('group', { name: prompt('found_us', lang) });
    expect(await group.getByRole('radio').count()).toBe(5);
    expect((await group.locator('label').allTextContents()).at(-1)).toBe(t.other);
    expect(await page.getByRole('button', { name: t.skip }).count()).toBe(0);
    expect(await page.getByRole('button', { name: t.next }).isDisabled()).toBe(true);
    if (input === 'mouse') {
      await group.getByRole('radio', { name: t.other }).check();
      await page.getByRole('textbox', { name: t.otherPlease }).fill('A podcast');
      await page.getByRole('button', { name: t.next }).click();
    } else {
      await tabTo(page, (f) => f.type === 'radio', 'the choices');
      // From the first choice, up wraps round to the last: "Other".
      await page.keyboard.press('ArrowUp');
      expect(await focused(page)).toMatchObject({ type: 'radio', checked: true, text: t.other });
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'input', type: 'text' });
      await page.keyboard.type('A podcast');
      await page.keyboard.press('Enter');
    }

    // Multiple choice, for detractors, optional: Skip offered.
    await stepOpened(page, prompt('improve', lang));
    expect(await page.getByRole('button', { name: t.skip }).count()).toBe(1);
    const wanted = [label('improve', 'delivery', lang), label('improve', 'price', lang), t.other];
    if (input === 'mouse') {
      for (const name of wanted) await page.getByRole('checkbox', { name, exact: true }).check();
      await page.getByRole('textbox', { name: t.otherPlease }).fill('Packaging');
      await page.getByRole('button', { name: t.next }).click();
    } else {
      // Tab through the checkboxes (in this visitor's order), Space on the wanted ones; "Other" is last.
      let f = await tabTo(page, (x) => x.type === 'checkbox', 'the checkboxes');
      for (;;) {
        if (wanted.includes(f.text)) await page.keyboard.press('Space');
        if (f.text === t.other) break;
        await page.keyboard.press('Tab');
        f = (await focused(page))!;
      }
      await page.keyboard.press('Tab');
      await page.keyboard.type('Packaging');
      await page.keyboard.press('Enter');
    }

    // Rating 1–7, required, its ends named.
    await stepOpened(page, prompt('ease', lang));
    const scale = page.getByRole('group', { name: prompt('ease', lang) });
    expect(await scale.getByRole('radio').count()).toBe(7);
    expect(await scale.getByRole('radio', { name: `7 – ${lang === 'en' ? 'Very easy' : 'Très facile'}` }).count()).toBe(1);
    expect(await page.getByRole('button', { name: t.skip }).count()).toBe(0);
    if (input === 'mouse') {
      await scale.getByRole('radio', { name: '2', exact: true }).click();
      await page.getByRole('button', { name: t.next }).click();
    } else {
      await tabTo(page, (f) => f.type === 'radio', 'the rating');
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ checked: true, text: '2' });
      await page.keyboard.press('Enter');
    }

    // Text, optional.
    await stepOpened(page, prompt('why_us', lang));
    if (input === 'mouse') {
      await page.getByRole('textbox', { name: prompt('why_us', lang) }).fill('Handmade and local');
      await page.getByRole('button', { name: t.next }).click();
    } else {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'textarea' });
      await page.keyboard.type('Handmade and local');
      await tabTo(page, (f) => f.text === t.next, 'Next');
      await page.keyboard.press('Enter');
    }

    await page.getByText(t.thanks).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const [stored, ...more] = await until(async () => {
      const items = await storedFor(survey.id);
      return items[0]?.answers?.why_us && items;
    }, 'every answer stored');
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ nps: 3, comment: 'Slow delivery', locale: lang });
    expect(stored.answers).toEqual(DETRACTOR_ANSWERS);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('size', () => {
  it('downloads the follow-up chunk only for a survey that has follow-ups', async () => {
    const plain = await stack.createSurvey({ name: 'plain', display: NOW });
    const assets: string[] = [];
    const { context, page } = await open('en', 1280, plain.id, '/plain', assets);
    await page.getByRole('radio', { name: /^9/ }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    expect(assets.some((a) => a.startsWith('/assets/ui-'))).toBe(true);
    expect(assets.filter((a) => a.includes('follow-ups'))).toEqual([]);

    await context.close();

    // Another visitor (the site's cooldown would hold the first back), a survey with follow-ups.
    const withFollowUps = await stack.createSurvey({ name: 'with', display: NOW, followUps: [FOLLOW_UPS[3]] });
    const loaded: string[] = [];
    const other = await open('en', 1280, withFollowUps.id, '/with', loaded);
    await other.page.getByRole('radiogroup').waitFor();
    expect(loaded.filter((a) => a.includes('follow-ups'))).toHaveLength(1);
    await other.context.close();
  });
});

describe('delivery', () => {
  it('keeps the answers given while the collector is down, and delivers them under the score’s id', async () => {
    const survey = await stack.createSurvey({ name: 'outage', display: NOW, questions: ['nps'], followUps: [FOLLOW_UPS[2], FOLLOW_UPS[3]] });
    const { context, page, errors } = await open('en', 1280, survey.id, '/outage');
    await page.getByRole('radio', { name: /^4/ }).click();
    const first = await until(() => storedFor(survey.id).then((items) => items[0]), 'the score');

    await stack.stopCollector();
    await page.getByRole('group', { name: prompt('ease', 'en') }).getByRole('radio', { name: '5', exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox').fill('Handmade');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    // One item in the outbox, holding both answers.
    await until(() => page.evaluate(() => (localStorage.getItem('plaudit:outbox') ?? '').includes('Handmade')), 'the outbox to hold the answers');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('plaudit:outbox')!).length)).toBe(1);

    await stack.startCollector();
    // The next page view sends it.
    await page.goto(stack.page('/outage-after', hostHtml(stack, { attrs: 'data-survey="none"' })));
    const stored = await until(() => storedFor(survey.id).then((items) => items[0]?.answers?.why_us && items), 'the delivered answers', 20_000);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: first.id, nps: 4, answers: { ease: { rating: 5 }, why_us: { text: 'Handmade' } } });
    expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('who is asked what', () => {
  it('never shows a detractors’ question to a promoter, and keeps the choices in the visitor’s own order', async () => {
    const survey = await stack.createSurvey({ name: 'promoter', display: { ...NOW, resurveyDays: 0 }, followUps: FOLLOW_UPS });
    const { context, page, errors } = await open('en', 1280, survey.id, '/promoter');
    const headings: string[] = [];
    const heading = async () => (await focused(page))?.text ?? '';

    await page.getByRole('radio', { name: /^10/ }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await until(async () => (await heading()) === prompt('found_us', 'en'), 'the first follow-up');
    headings.push(await heading());
    const order = await page.getByRole('group').locator('label').allTextContents();
    const visitor = await page.evaluate(() => localStorage.getItem('plaudit:vid')!);
    const options = FOLLOW_UPS[0]!.options!;
    expect(order).toEqual([...ordered(options, FOLLOW_UPS[0] as never, visitor).map((o) => o.label.en), 'Other']);
    await page.getByRole('radio', { name: 'A friend told me' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await until(async () => (await heading()) !== headings[0], 'the next step');
    headings.push(await heading());
    await page.getByRole('radio', { name: '6', exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await until(async () => (await heading()) !== headings[1], 'the next step');
    headings.push(await heading());
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    expect(headings).toEqual([prompt('found_us', 'en'), prompt('ease', 'en'), prompt('why_us', 'en')]);
    const [stored] = await until(async () => {
      const items = await storedFor(survey.id);
      return items[0]?.answers?.ease && items;
    }, 'the answers');
    expect(stored.answers).toEqual({ found_us: { choice: 'friend' }, ease: { rating: 6 } });

    // The same visitor, on another page view, sees the same order.
    await page.goto(stack.page('/promoter-again', hostHtml(stack, { attrs: `data-survey="${survey.id}"` })));
    await page.getByRole('radio', { name: /^9/ }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('group', { name: prompt('found_us', 'en') }).waitFor();
    expect(await page.getByRole('group').locator('label').allTextContents()).toEqual(order);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the promoters’ next step', () => {
  it.each([
    ['review', '/review', (url: string) => url],
    ['referral', '/refer?campaign=spring', (url: string, id: string) => `${url}&ref=${id}`],
  ] as const)('a %s link opens in a new tab, and its impression and click are counted', async (kind, path, expected) => {
    const target = stack.page(path.split('?')[0]!, '<!doctype html><title>Next step</title><h1>Thanks for telling others</h1>');
    const url = target + (path.split('?')[1] ? `?${path.split('?')[1]}` : '');
    const cta = { kind, url, label: { en: 'Leave a review', fr: 'Laisser un avis' }, message: { en: 'Would you tell others about us?' } };
    const survey = await stack.createSurvey({ name: `cta-${kind}`, display: NOW, questions: ['nps'], cta });
    const { context, page, errors } = await open('en', 390, survey.id, `/cta-${kind}`);
    await page.getByRole('radio', { name: /^9/ }).click();
    await page.getByText('Would you tell others about us?').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const stored = await until(() => storedFor(survey.id).then((items) => items[0]), 'the score');
    const link = page.getByRole('link', { name: /^Leave a review/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await link.getAttribute('href')).toBe(expected(url, stored.id));
    // The thanks stay while the next step shows.
    await page.clock.runFor(10_000);
    expect(await link.isVisible()).toBe(true);

    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(expected(url, stored.id));
    const results = async () => (await stack.api('GET', `/v1/sites/${stack.site.id}/surveys/${survey.id}/results`)).json.cta;
    expect(await until(async () => (await results())?.clicked === 1 && results(), 'the click counted')).toMatchObject({ kind, shown: 1, clicked: 1 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is not offered to a passive', async () => {
    const cta = { kind: 'review', url: `${stack.hostUrl}/review`, label: { en: 'Leave a review' } };
    const survey = await stack.createSurvey({ name: 'cta-passive', display: NOW, questions: ['nps'], cta });
    const { context, page } = await open('en', 1280, survey.id, '/cta-passive');
    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/v1/events') && sent.push(JSON.parse(r.postData() ?? '{}').type));
    await page.getByRole('radio', { name: /^8/ }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    expect(await page.getByRole('link').count()).toBe(0);
    // The thanks go by themselves, as without a next step.
    await page.clock.runFor(10_000);
    await until(async () => (await page.locator('plaudit-survey').count()) === 0, 'the survey to close');
    expect(sent).not.toContain('cta_shown');
    await context.close();
  });
});
