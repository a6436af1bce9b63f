// The testimonials chunk in a DOM: what it draws for the collector's quotes, and what it leaves alone.
import { themeColors, type WidgetConfig } from '@plaudit/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { surveyFixture } from '../test-fixtures';
import { run, type QuotesContext } from './testimonials';

const BASE = 'https://c.example/';
const LEA = { id: 't_1', text: 'Beautiful lamps, and the parcel came in two days.', displayName: 'Léa M.', locale: 'en', nps: 10, csat: null, date: '2026-11' };
const KARIM = { id: 't_2', text: 'Des tasses superbes.', displayName: null, locale: 'fr', nps: 9, csat: null, date: '2026-10' };

let requested: string[];
function answer(status: number, body: unknown) {
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      return new Response(JSON.stringify(body), { status });
    }),
  );
}

function context(config?: WidgetConfig, data: Record<string, string> = { key: 'pk_1' }): QuotesContext {
  return { base: BASE, data, config: Promise.resolve(config) };
}

const place = (attributes = 'data-limit="3"') => {
  document.body.innerHTML = `<h2 id="t">Our customers</h2><div data-plaudit-testimonials ${attributes}></div><p id="after">After</p>`;
  return document.querySelector<HTMLElement>('[data-plaudit-testimonials]')!;
};
const shadow = (el: Element) => el.shadowRoot!;
/** Lets the fetch and the config settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('approved quotes', () => {
  it('are a labelled region holding a list of figures, each a quote and its caption', async () => {
    answer(200, { items: [LEA, KARIM] });
    const el = place();
    run(context());
    await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
    expect(el.getAttribute('role')).toBe('region');
    expect(el.getAttribute('aria-label')).toBe('What customers say');
    const list = shadow(el).querySelector('ul')!;
    expect(list.getAttribute('role')).toBe('list');
    // One tab stop, from which arrow keys scroll the row.
    expect(list.tabIndex).toBe(0);
    const figures = [...list.querySelectorAll('li > figure')];
    expect(figures).toHaveLength(2);
    expect(figures[0]!.querySelector('blockquote > p')!.textContent).toBe(LEA.text);
    expect(figures[0]!.querySelector('figcaption b')!.textContent).toBe('Léa M.');
    expect(figures[0]!.querySelector('figcaption time')!.getAttribute('datetime')).toBe('2026-11');
    expect(figures[0]!.querySelector('figcaption time')!.textContent).toBe('November 2026');
    // No name: the month alone.
    expect(figures[1]!.querySelector('figcaption b')).toBeNull();
    expect(figures[1]!.querySelector('figcaption')!.textContent).toBe('October 2026');
    // Each quote is read in its own language.
    expect(figures[1]!.querySelector('blockquote')!.getAttribute('lang')).toBe('fr');
  });

  it('asks the collector for what the placeholder says', async () => {
    answer(200, { items: [] });
    place('data-limit="2" data-survey="sv_1" data-locale="fr"');
    run(context());
    await settle();
    expect(requested).toEqual(['https://c.example/v1/testimonials?key=pk_1&limit=2&survey=sv_1&locale=fr']);
  });

  it('keep the page’s own name for the region', async () => {
    answer(200, { items: [LEA] });
    const el = place('aria-labelledby="t"');
    run(context());
    await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
    expect(el.getAttribute('aria-labelledby')).toBe('t');
    expect(el.hasAttribute('aria-label')).toBe(false);
  });

  it('are text, never HTML', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    answer(200, { items: [{ ...LEA, text: attack, displayName: attack }] });
    const el = place();
    run(context());
    await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
    expect(shadow(el).querySelector('img')).toBeNull();
    expect(shadow(el).querySelector('p')!.textContent).toBe(attack);
    expect(shadow(el).querySelector('figcaption b')!.textContent).toBe(attack);
    expect(shadow(el).querySelectorAll('b')).toHaveLength(1);
  });

  it('speak the page’s language around the quotes, right to left for Arabic', async () => {
    answer(200, { items: [LEA] });
    document.documentElement.lang = 'ar';
    const el = place();
    run(context());
    await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
    expect(shadow(el).querySelector('ul')!.getAttribute('dir')).toBe('rtl');
    expect(shadow(el).querySelector('ul')!.getAttribute('lang')).toBe('ar');
    // A quote in English inside it still lays itself out.
    expect(shadow(el).querySelector('blockquote')!.getAttribute('dir')).toBe('auto');
  });

  it.each<[string, string, Record<string, string>, string]>([
    ['the placeholder’s data-locale', 'data-locale="fr"', { key: 'pk_1', locale: 'de' }, 'Ce que disent nos clients'],
    ['the snippet’s data-locale', '', { key: 'pk_1', locale: 'de' }, 'Was unsere Kunden sagen'],
  ])('name the region after %s first', async (_, attributes, data, label) => {
    answer(200, { items: [LEA] });
    document.documentElement.lang = 'es';
    const el = place(attributes);
    run(context(undefined, data));
    await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
    expect(el.getAttribute('aria-label')).toBe(label);
  });

  it('take the colours of the survey named, else of the site’s first survey', async () => {
    const config: WidgetConfig = {
      site: { name: 'Shop' },
      surveys: [surveyFixture('sv_a', {}, { theme: { brandColor: '#0f766e', colors: themeColors('#0f766e') } }), surveyFixture('sv_b', {}, { theme: { brandColor: '#9a3f1b', colors: themeColors('#9a3f1b') } })],
    };
    const rules = (el: Element) => [...shadow(el).adoptedStyleSheets[0]!.cssRules].map((r) => r.cssText).join('');
    for (const [attributes, brand, other] of [
      ['data-survey="sv_b"', '#9a3f1b', '#0f766e'],
      ['', '#0f766e', '#9a3f1b'],
    ] as const) {
      answer(200, { items: [LEA] });
      const el = place(attributes);
      run(context(config));
      await vi.waitFor(() => expect(el.shadowRoot).toBeTruthy());
      expect(rules(el)).toMatch(new RegExp(`--plaudit-accent: ?${themeColors(brand).accent}`));
      expect(rules(el)).not.toContain(other);
      expect(shadow(el).querySelector('style,[style]')).toBeNull();
    }
  });
});

describe('nothing to show', () => {
  it.each<[string, number, unknown]>([
    ['no approved quote', 200, { items: [] }],
    ['a refused key', 401, { error: { code: 'unauthorized', message: 'unknown public key' } }],
    ['a refused page', 403, { error: { code: 'origin_not_allowed', message: 'no' } }],
    ['something else than the collector', 200, '<html>'],
  ])('leaves the placeholder as it was for %s', async (_, status, body) => {
    answer(status, body);
    const el = place();
    const before = el.outerHTML;
    run(context());
    await settle();
    await settle();
    expect(el.shadowRoot).toBeNull();
    expect(el.outerHTML).toBe(before);
  });

  it('throws nothing into the page when the collector cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const el = place();
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    addEventListener('unhandledrejection', onError);
    run(context());
    await settle();
    removeEventListener('unhandledrejection', onError);
    expect(errors).toEqual([]);
    expect(el.shadowRoot).toBeNull();
  });

  it('leaves a placeholder that already has a shadow root of its own', async () => {
    answer(200, { items: [LEA] });
    const el = place();
    el.attachShadow({ mode: 'open' }).innerHTML = '<p>The page’s own</p>';
    run(context());
    await settle();
    expect(el.shadowRoot!.innerHTML).toBe('<p>The page’s own</p>');
  });
});

describe('single-page apps', () => {
  it('draws each placeholder once, however often it runs, and the new ones of a later route', async () => {
    answer(200, { items: [LEA] });
    const first = place();
    run(context());
    run(context());
    await vi.waitFor(() => expect(first.shadowRoot).toBeTruthy());
    expect(requested).toHaveLength(1);
    const second = document.createElement('div');
    second.setAttribute('data-plaudit-testimonials', '');
    document.body.append(second);
    run(context());
    await vi.waitFor(() => expect(second.shadowRoot).toBeTruthy());
    expect(requested).toHaveLength(2);
    expect(first.shadowRoot!.querySelectorAll('figure')).toHaveLength(1);
  });
});
