// The widget on host pages that break what it takes for granted: storage, JSON, the config's
// shape, document.currentScript. On each, a visitor answers and the answer must reach the
// collector without a single error on the host page.
import type { Browser, Page } from 'playwright-core';
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

/** Prototype.js 1.6's JSON methods, trimmed to what an answer meets: each serialises, returning a JSON string. */
function installPrototypeJson(): void {
  const toJSON = (value: unknown): string | undefined => {
    if (value === undefined || typeof value === 'function') return undefined;
    if (typeof value === 'boolean') return String(value);
    if (value === null) return 'null';
    const own = (value as { toJSON?: () => string }).toJSON;
    if (own) return own.call(value);
    const results: string[] = [];
    for (const key in value as object) {
      const v = toJSON((value as Record<string, unknown>)[key]);
      if (v !== undefined) results.push(JSON.stringify(key) + ': ' + v);
    }
    return '{' + results.join(', ') + '}';
  };
  // Plain assignments, as Object.extend does: enumerable, like Prototype's.
  (Object as unknown as { toJSON: typeof toJSON }).toJSON = toJSON;
  (Array.prototype as unknown as { toJSON: () => string }).toJSON = function (this: unknown[]) {
    const results: string[] = [];
    for (let i = 0; i < this.length; i++) {
      const v = toJSON(this[i]);
      if (v !== undefined) results.push(v);
    }
    return '[' + results.join(', ') + ']';
  };
  (String.prototype as unknown as { toJSON: () => string }).toJSON = function (this: string) {
    return JSON.stringify(String(this));
  };
  (Number.prototype as unknown as { toJSON: () => string }).toJSON = function (this: number) {
    return isFinite(this as number) ? String(this) : 'null';
  };
}

/** Chooses a score on the NPS scale. */
async function answer(page: Page, score: number): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${score}\\b`) }).click();
}

describe('widget on hostile host pages', () => {
  it.each<[string, () => void]>([
    [
      'localStorage.setItem throws (Safari private mode, a full quota)',
      () => {
        Storage.prototype.setItem = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    ],
    [
      'localStorage itself throws (storage blocked, sandboxed frame)',
      () => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      },
    ],
  ])('delivers the answer when %s', async (_, breakStorage) => {
    const survey = await stack.createSurvey({ display: NOW });
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(breakStorage);
    await page.goto(stack.page('/no-storage', hostHtml(stack)));
    await answer(page, 6);
    await page.getByRole('textbox').fill('Storage is off here');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    const stored = await until(async () => (await stack.responses()).find((r) => r.comment), 'the answer and its comment');
    expect(stored).toMatchObject({ survey: survey.id, nps: 6, comment: 'Storage is off here' });
    expect(await stack.responses()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('delivers the answer on a page with Prototype.js 1.6’s Array#toJSON, and what an older widget left there', async () => {
    const survey = await stack.createSurvey({ display: NOW, questions: ['nps'] });
    // The outbox an older widget wrote on this page: the array went through Prototype's toJSON, so
    // what was stored is a JSON string holding the JSON of the array.
    const left = { id: '0190a5b2-3c4d-7e5f-8a6b-7c8d9e0f1a2b', key: stack.site.publicKey, survey: survey.id, nps: 2 };
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(installPrototypeJson);
    await page.addInitScript((item) => localStorage.setItem('plaudit:outbox', JSON.stringify([item])), left);
    await page.goto(stack.page('/prototype', hostHtml(stack)));
    // The page really has Prototype's behaviour: JSON.stringify of an array gives a string.
    expect(await page.evaluate(() => typeof JSON.parse(JSON.stringify([1])))).toBe('string');

    await answer(page, 9);
    await page.getByText('Thank you for your feedback!').waitFor();
    const stored = await until(async () => {
      const rows = await stack.responses();
      return rows.length === 2 ? rows : undefined;
    }, 'the answer and the one an older widget left');
    expect(stored.map((r: { nps: number }) => r.nps).sort()).toEqual([2, 9]);
    expect(stored.find((r: { id: string }) => r.id === left.id)).toMatchObject({ survey: survey.id, nps: 2 });
    // Both left the outbox, the older widget's included.
    await until(() => page.evaluate(() => localStorage.getItem('plaudit:outbox') === null), 'the outbox to empty');
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each<[string, unknown]>([
    ['a number where the thank-you text should be', { en: { thanks: 5 } }],
    ['null and an object as scale labels, null as a language', { en: { npsLow: null, npsHigh: { text: 'High' } }, de: null }],
    ['null as all the texts', null],
  ])('shows its own texts in place of %s, and throws nothing into the page', async (_, texts) => {
    await stack.createSurvey({ display: NOW, questions: ['nps'] });
    const { context, page, errors } = await newPage(browser);
    // The collector's schema keeps texts strings, so a config that breaks the rule is served by
    // rewriting the real one on its way to the page (an older or a foreign collector, a proxy).
    await page.route('**/v1/config?*', async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      config.surveys[0].texts = texts;
      await route.fulfill({ response, json: config });
    });
    await page.goto(stack.page('/texts', hostHtml(stack)));
    await page.getByRole('radio', { name: '10 – Extremely likely' }).waitFor();
    await answer(page, 10);
    await until(async () => (await stack.responses())[0]?.nps === 10, 'the answer');
    // The thank-you step renders after the click, in a re-render of Preact's own: an error there
    // used to reach the host page.
    await until(() => errors.length > 0 || page.getByText('Thank you for your feedback!').isVisible(), 'the thank-you step');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes, throwing nothing into the page, when a render after the click fails', async () => {
    await stack.createSurvey({ display: NOW, questions: ['nps'] });
    const { context, page, errors } = await newPage(browser);
    // A page that breaks a built-in the survey renders with (only its texts use join) as the first
    // click goes by: it stands for whatever could break a render that follows a click.
    await page.addInitScript(() => {
      document.addEventListener(
        'click',
        () => {
          Array.prototype.join = () => {
            throw new Error('join is broken on this page');
          };
        },
        { capture: true, once: true },
      );
    });
    await page.goto(stack.page('/breaks', hostHtml(stack)));
    await answer(page, 7);
    await until(async () => (await stack.responses())[0]?.nps === 7, 'the answer');
    await until(async () => errors.length > 0 || (await page.locator('plaudit-survey').count()) === 0, 'the survey to close');
    expect(errors).toEqual([]);
    await context.close();
  });

  /** A host page per way of loading the script; `{{SRC}}` and `{{KEY}}` are filled in. */
  it.each<[string, string]>([
    [
      'a tag manager inserts the tag from an inline script (GTM custom HTML)',
      `<script>(function (d) {
        var s = d.createElement('script'); s.async = true; s.src = '{{SRC}}';
        s.setAttribute('data-key', '{{KEY}}'); d.head.appendChild(s);
      })(document);</script>`,
    ],
    ['the tag is a module script (document.currentScript is null)', `<script type="module" src="{{SRC}}" data-key="{{KEY}}"></script>`],
    [
      'a consent manager keeps the tag inert and evaluates its source after consent (document.currentScript is null)',
      `<script type="text/plain" data-consent="analytics" src="{{SRC}}" data-key="{{KEY}}"></script>
      <script>
        var tag = document.querySelector('script[data-consent]');
        fetch(tag.src).then(function (r) { return r.text(); }).then(function (code) { new Function(code)(); });
      </script>`,
    ],
  ])('works when %s', async (_, tag) => {
    await stack.createSurvey({ display: NOW, questions: ['nps'] });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
      ${tag.replaceAll('{{SRC}}', `${stack.collectorUrl}/widget.js`).replaceAll('{{KEY}}', stack.site.publicKey)}</head>
      <body><h1>A host page</h1></body></html>`;
    const { context, page, errors } = await newPage(browser);
    await page.goto(stack.page('/tag', html));
    await answer(page, 8);
    await until(async () => (await stack.responses())[0]?.nps === 8, 'the answer');
    expect(errors).toEqual([]);
    await context.close();
  });
});
