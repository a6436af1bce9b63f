import { themeColors, type PublicSurvey, type ResponseInputBody } from '@plaudit/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { surveyFixture } from '../test-fixtures';
import type { Transport } from '../transport';
import type { MountOptions } from '../types';
import { mount } from './index';
import { SEEN_KEY } from '../storage';
import { HOST_TAG } from './mount';

function fakeTransport() {
  const sent: ResponseInputBody[] = [];
  const events: unknown[] = [];
  const transport: Transport = {
    send: async (item) => void sent.push(item),
    flush: async () => {},
    beacon: () => {},
    online: () => {},
    event: (body) => void events.push(body),
  };
  return { transport, sent, events };
}

const survey = (fields: Partial<PublicSurvey> = {}) => surveyFixture('srv_1', {}, fields);

function options(overrides: Partial<MountOptions> = {}): MountOptions & { emitted: [string, unknown][] } {
  const emitted: [string, unknown][] = [];
  return {
    base: 'https://c.example/',
    visitor: 'vis1',
    siteName: 'Acme Shop',
    survey: survey(),
    data: { key: 'pk_1', locale: 'en' },
    focus: false,
    // Forced: the collector is not asked about fatigue, except in the tests that say otherwise.
    force: true,
    identity: () => ({ id: 'cust_9', email: 'ana@example.com', attributes: { plan: 'pro' } }),
    emit: (type, detail) => void emitted.push([type, detail]),
    closed: vi.fn(),
    emitted,
    ...overrides,
  };
}

const host = () => document.querySelector<HTMLElement>(HOST_TAG);
const shadow = () => host()!.shadowRoot!;
const inShadow = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector);
const shown = () => vi.waitFor(() => expect(host()?.shadowRoot?.querySelector('.card')).toBeTruthy());

const seen = () => JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Record<string, number>;

beforeEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
  localStorage.clear();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mount', () => {
  it('renders into an open shadow root on a host at the end of <body>', async () => {
    document.body.innerHTML = '<main><p>Host page</p></main>';
    mount(options(), fakeTransport().transport);
    await shown();
    expect(document.body.lastElementChild).toBe(host());
    expect(host()!.children).toHaveLength(0);
    expect(inShadow('.card')!.getAttribute('role')).toBe('dialog');
  });

  it('styles through one constructed stylesheet, with no <style> element or style attribute', async () => {
    const theme = { brandColor: '#0f766e', colors: themeColors('#0f766e') };
    mount(options({ survey: survey({ theme }) }), fakeTransport().transport);
    await shown();
    const sheets = shadow().adoptedStyleSheets;
    expect(sheets).toHaveLength(1);
    // The collector's colours, as variables on :host.
    expect([...sheets[0]!.cssRules].map((r) => r.cssText).join('')).toMatch(/--plaudit-brand: ?#0f766e/);
    expect(shadow().querySelector('style')).toBeNull();
    expect(shadow().querySelector('[style]')).toBeNull();
    expect(host()!.hasAttribute('style')).toBe(false);
  });

  it('announces the impression: shown event to the collector and to listeners', async () => {
    const { transport, events } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    expect(events).toEqual([{ key: 'pk_1', survey: 'srv_1', type: 'shown', visitor: 'vis1' }]);
    expect(opts.emitted).toEqual([['shown', { survey: 'srv_1' }]]);
  });

  it('sends the score at once, then the comment under the same id', async () => {
    const { transport, sent } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    inShadow('[role="radio"]:nth-child(10)')!.click();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      key: 'pk_1',
      survey: 'srv_1',
      nps: 9,
      locale: 'en',
      visitor: 'vis1',
      customer: { id: 'cust_9', email: 'ana@example.com' },
      attributes: { plan: 'pro' },
    });
    expect(sent[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen().srv_1).toBeTypeOf('number');
    expect(opts.emitted).toContainEqual(['answered', { survey: 'srv_1', nps: 9 }]);

    await vi.waitFor(() => expect(inShadow('textarea')).toBeTruthy());
    const field = inShadow<HTMLTextAreaElement>('textarea')!;
    field.value = 'Great support';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(inShadow<HTMLButtonElement>('.primary')!.disabled).toBe(false));
    inShadow('.primary')!.click();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ id: sent[0]!.id, nps: 9, comment: 'Great support', consent: false });
  });

  it('sends complete: true at the thanks, under the same id with every answer, and counts one answer', async () => {
    const { transport, sent } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    inShadow('[role="radio"]:nth-child(4)')!.click();
    await vi.waitFor(() => expect(inShadow('textarea')).toBeTruthy());
    inShadow('.secondary')!.click();
    await vi.waitFor(() => expect(inShadow('[role="status"]')).toBeTruthy());
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ id: sent[0]!.id, nps: 3, complete: true });
    expect(opts.emitted.filter(([type]) => type === 'answered')).toHaveLength(1);
  });

  it('sends no complete for a survey closed before the end', async () => {
    const { transport, sent } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    inShadow('[role="radio"]:nth-child(4)')!.click();
    await vi.waitFor(() => expect(inShadow('textarea')).toBeTruthy());
    inShadow('button.close')!.click();
    expect(host()).toBeNull();
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('complete');
  });

  it('reports a dismissal when closed before answering, and cleans up', async () => {
    const { transport, events, sent } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    inShadow('button.close')!.click();
    // The identified customer's id goes with it: the collector holds the survey back on their other devices.
    expect(events.at(-1)).toEqual({ key: 'pk_1', survey: 'srv_1', type: 'dismissed', visitor: 'vis1', customer: { id: 'cust_9' } });
    expect(opts.emitted.at(-1)).toEqual(['dismissed', { survey: 'srv_1' }]);
    expect(seen().srv_1).toBeTypeOf('number');
    expect(opts.closed).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(0);
    expect(host()).toBeNull();
  });

  it('closes without a dismissal when hidden through the API', async () => {
    const { transport, events } = fakeTransport();
    const opts = options();
    const handle = mount(opts, transport);
    await shown();
    handle.close();
    expect(host()).toBeNull();
    expect(events.map((e) => (e as { type: string }).type)).toEqual(['shown']);
    expect(opts.closed).toHaveBeenCalledTimes(1);
  });

  it('never appears when hidden before its texts loaded', async () => {
    const opts = options();
    mount(opts, fakeTransport().transport).close();
    await new Promise((r) => setTimeout(r, 20));
    expect(host()).toBeNull();
    expect(opts.closed).toHaveBeenCalledTimes(1);
  });

  it('returns focus to where it was when it took it', async () => {
    document.body.innerHTML = '<button id="feedback">Feedback</button>';
    const trigger = document.getElementById('feedback')!;
    trigger.focus();
    mount(options({ focus: true }), fakeTransport().transport);
    await shown();
    await vi.waitFor(() => expect(shadow().activeElement).toBe(inShadow('[role="radio"]')));
    inShadow('button.close')!.click();
    expect(document.activeElement).toBe(trigger);
  });

  it('renders inline into the placeholder', async () => {
    document.body.innerHTML = '<div id="slot" data-plaudit-survey="srv_1"></div>';
    const container = document.getElementById('slot')!;
    mount(options({ container }), fakeTransport().transport);
    await vi.waitFor(() => expect(container.querySelector(HOST_TAG)?.shadowRoot?.querySelector('.card')).toBeTruthy());
    const card = container.querySelector(HOST_TAG)!.shadowRoot!.querySelector('.card')!;
    expect(card.classList.contains('inline')).toBe(true);
    expect(card.getAttribute('role')).toBe('region');
  });

  // The browser (happy-dom) says en-US.
  it.each<[string, string | undefined, Partial<PublicSurvey>, string, string]>([
    ['data-locale', 'fr', { locale: 'de' }, 'es', 'Quelle est la probabilité'],
    ['the survey locale', undefined, { locale: 'de' }, 'es', 'Wie wahrscheinlich'],
    ['<html lang>', undefined, {}, 'es', '¿Qué probabilidad'],
    ['<html lang>, a language of the survey’s own texts', undefined, { texts: { it: { npsQuestion: 'Ci raccomanderesti?' } } }, 'it-IT', 'Ci raccomanderesti?'],
    ['the browser, after an <html lang> we cannot speak', undefined, {}, 'ja', 'How likely'],
    ['the browser, without <html lang>', undefined, {}, '', 'How likely'],
    ['a survey override', 'es', { texts: { es: { npsQuestion: '¿Nos recomendarías?' } } }, 'de', '¿Nos recomendarías?'],
  ])('speaks the language chosen by %s', async (_, locale, fields, lang, expected) => {
    document.documentElement.lang = lang;
    mount(options({ data: { key: 'pk_1', locale }, survey: survey(fields) }), fakeTransport().transport);
    await shown();
    expect(inShadow('.question')!.textContent).toContain(expected);
  });

  it('names the product, or the site when the survey has none', async () => {
    mount(options({ survey: survey({ productName: 'Acme Pay' }) }), fakeTransport().transport);
    await shown();
    expect(inShadow('.question')!.textContent).toContain('recommend Acme Pay to');
  });

  it('uses the site name without a product name', async () => {
    mount(options(), fakeTransport().transport);
    await shown();
    expect(inShadow('.question')!.textContent).toContain('recommend Acme Shop to');
  });

  it('shows the built-in text in place of a survey text that is not a string', async () => {
    const { transport, sent } = fakeTransport();
    mount(options({ survey: survey({ questions: ['nps'], texts: { en: { thanks: 5 } } as never }) }), transport);
    await shown();
    inShadow('[role="radio"]:nth-child(11)')!.click();
    await vi.waitFor(() => expect(inShadow('[role="status"]')?.textContent).toBe('Thank you for your feedback!'));
    expect(sent.map((s) => s.complete)).toEqual([undefined, true]);
  });

  it('closes, throwing nothing into the page, when a render after a click fails', async () => {
    // Rendering after a click runs outside every safe(); a product name that stops converting to
    // text stands for whatever could break there.
    let broken = false;
    const productName = {
      toString() {
        if (broken) throw new Error('render failed');
        return 'Acme';
      },
    };
    const { transport, sent } = fakeTransport();
    const opts = options({ survey: survey({ questions: ['nps'], productName: productName as never }) });
    mount(opts, transport);
    await shown();
    broken = true;
    inShadow('[role="radio"]:nth-child(11)')!.click();
    await vi.waitFor(() => expect(host()).toBeNull());
    expect(opts.closed).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
  });

  it('closes without counting an impression when it cannot render at all', async () => {
    const productName = {
      toString(): string {
        throw new Error('render failed');
      },
    };
    const { transport, events } = fakeTransport();
    const opts = options({ survey: survey({ productName: productName as never }) });
    mount(opts, transport);
    await vi.waitFor(() => expect(opts.closed).toHaveBeenCalledTimes(1));
    expect(host()).toBeNull();
    expect(events).toEqual([]);
  });

  it('renders right to left for Arabic', async () => {
    mount(
      options({ data: { key: 'pk_1', locale: 'ar' }, survey: survey({ texts: { ar: { npsQuestion: 'ما مدى احتمال أن توصي بـ {product}؟' } } }) }),
      fakeTransport().transport,
    );
    await shown();
    expect(inShadow('.card')!.getAttribute('dir')).toBe('rtl');
    expect(inShadow('.card')!.getAttribute('lang')).toBe('ar');
  });
});

describe('fatigue across devices', () => {
  const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const earlier = new Date(Date.now() - 86_400_000).toISOString();

  afterEach(() => vi.unstubAllGlobals());

  /** Each test loads a fresh copy of the UI module: the fatigue answer is kept for the page view (the module). */
  async function freshMount() {
    vi.resetModules();
    return (await import('./index')).mount;
  }

  it.each<[string, () => Promise<Response>, boolean]>([
    ['the site cooldown holds every survey', async () => answer({ cooldownUntil: later, surveys: {} }), false],
    ['this survey’s window holds it', async () => answer({ cooldownUntil: null, surveys: { srv_1: later } }), false],
    ['another survey’s window does not', async () => answer({ cooldownUntil: null, surveys: { other: later } }), true],
    ['windows that are over do not', async () => answer({ cooldownUntil: earlier, surveys: { srv_1: earlier } }), true],
    ['an error answer does not', async () => answer({ error: { code: 'rate_limited' } }, 429), true],
    ['a failed request does not', () => Promise.reject(new TypeError('Failed to fetch')), true],
    ['an answer that is not JSON does not', async () => new Response('<html>', { status: 200 }), true],
  ])('asks the collector for an identified customer: %s', async (_, reply, shows) => {
    const fetch = vi.fn(reply);
    vi.stubGlobal('fetch', fetch);
    const mountFresh = await freshMount();
    const opts = options({ force: false });
    mountFresh(opts, fakeTransport().transport);
    await vi.waitFor(() => expect(host() !== null || opts.emitted.length > 0).toBe(true));
    expect(fetch).toHaveBeenCalledWith('https://c.example/v1/fatigue?key=pk_1&customer=cust_9');
    if (shows) {
      expect(host()).not.toBeNull();
      expect(opts.emitted[0]).toEqual(['shown', { survey: 'srv_1' }]);
    } else {
      expect(host()).toBeNull();
      expect(opts.emitted).toEqual([['skipped', { survey: 'srv_1', reason: 'fatigue' }]]);
      expect(opts.closed).toHaveBeenCalledTimes(1);
    }
  });

  it('asks once per page view, whichever survey asks', async () => {
    const fetch = vi.fn(async () => answer({ cooldownUntil: null, surveys: {} }));
    vi.stubGlobal('fetch', fetch);
    const mountFresh = await freshMount();
    const first = mountFresh(options({ force: false }), fakeTransport().transport);
    await shown();
    first.close();
    mountFresh(options({ force: false, survey: surveyFixture('srv_2') }), fakeTransport().transport);
    await shown();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it.each<[string, Partial<MountOptions>]>([
    ['a forced show', { force: true }],
    ['an anonymous visitor', { force: false, identity: () => undefined }],
    ['a visitor known by e-mail only', { force: false, identity: () => ({ email: 'ana@example.com' }) }],
  ])('asks nothing for %s', async (_, overrides) => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const mountFresh = await freshMount();
    mountFresh(options(overrides), fakeTransport().transport);
    await shown();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('the hosted page of a survey link', () => {
  const hosted = (data: Record<string, string>, fields: Partial<PublicSurvey> = {}) => {
    document.body.innerHTML = '<div data-plaudit-survey="srv_1"></div>';
    const container = document.querySelector('div')!;
    return options({ container, data: { key: 'pk_1', hosted: '', ...data }, survey: survey(fields), identity: () => undefined });
  };
  const inside = () => document.querySelector(HOST_TAG)!.shadowRoot!;

  it('answers the link’s score at once, with its token and attributes, then asks why', async () => {
    const { transport, sent } = fakeTransport();
    const opts = hosted({ score: '9', link: 'tok.sig', attributes: '{"ticket":"123"}' });
    mount(opts, transport);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ survey: 'srv_1', nps: 9, link: 'tok.sig', attributes: { ticket: '123' } });
    expect(inside().querySelector('[aria-checked="true"]')!.textContent).toBe('9');
    await vi.waitFor(() => expect(inside().querySelector('textarea')).toBeTruthy());
    expect(opts.emitted.map(([type]) => type)).toEqual(['shown', 'answered']);
  });

  it.each<[string, Record<string, string>, Partial<PublicSurvey>]>([
    ['a score too high for NPS', { score: '11' }, {}],
    ['a score below CSAT', { score: '0' }, { questions: ['csat', 'comment'] }],
    ['something that is not a score', { score: '9abc' }, {}],
    ['a survey that starts with its comment', { score: '9' }, { questions: ['comment'] }],
  ])('waits for the visitor after %s', async (_, data, fields) => {
    const { transport, sent } = fakeTransport();
    mount(hosted(data, fields), transport);
    await vi.waitFor(() => expect(inside().querySelector('.card')).toBeTruthy());
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([]);
  });

  it('sends malformed data-attributes as nothing, and the answer all the same', async () => {
    const { transport, sent } = fakeTransport();
    mount(hosted({ score: '3', attributes: '{ticket: 123' }), transport);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).not.toHaveProperty('attributes');
    expect(sent[0]).toMatchObject({ nps: 3 });
  });

  it('is the page: no close button, and the thanks stay', async () => {
    vi.useFakeTimers();
    try {
      const { transport } = fakeTransport();
      const opts = hosted({ score: '10' }, { questions: ['nps'] });
      mount(opts, transport);
      await vi.waitFor(() => expect(inside().querySelector('[role="status"]')).toBeTruthy());
      expect(inside().querySelector('button.close')).toBeNull();
      // The question needs no room kept for a close button (.page in styles.css).
      expect(inside().querySelector('.card.page')).not.toBeNull();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(inside().querySelector('[role="status"]')).toBeTruthy();
      expect(opts.closed).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Escape', () => {
  const press = (target: EventTarget, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, composed: true, ...init });
    target.dispatchEvent(event);
    return event;
  };

  it('closes a corner card while focus is in the host page, as a dismissal, without stopping the page’s Escape', async () => {
    document.body.innerHTML = '<input id="search">';
    const pageSaw = vi.fn();
    document.addEventListener('keydown', pageSaw);
    const { transport, events } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    const event = press(document.getElementById('search')!);
    expect(host()).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'dismissed' });
    expect(pageSaw).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(false);
    document.removeEventListener('keydown', pageSaw);
  });

  it('leaves the survey open when the page handled that Escape itself', async () => {
    document.body.innerHTML = '<input id="search">';
    const field = document.getElementById('search')!;
    field.addEventListener('keydown', (e) => e.preventDefault());
    mount(options(), fakeTransport().transport);
    await shown();
    press(field);
    expect(host()).not.toBeNull();
  });

  it('is the page’s alone once the survey has closed', async () => {
    document.body.innerHTML = '<input id="search">';
    const handle = mount(options(), fakeTransport().transport);
    await shown();
    handle.close();
    const event = press(document.getElementById('search')!);
    expect(event.defaultPrevented).toBe(false);
  });

  it('closes an inline survey only from inside it', async () => {
    document.body.innerHTML = '<input id="search"><div id="slot"></div>';
    const opts = options({ container: document.getElementById('slot')! });
    mount(opts, fakeTransport().transport);
    await vi.waitFor(() => expect(document.querySelector(HOST_TAG)?.shadowRoot?.querySelector('.card')).toBeTruthy());
    press(document.getElementById('search')!);
    expect(document.querySelector(HOST_TAG)).not.toBeNull();
    press(document.querySelector(HOST_TAG)!.shadowRoot!.querySelector('.card')!);
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });
});

describe('follow-up questions and the promoters’ next step', () => {
  const followUps = [
    {
      id: 'found_us',
      type: 'single' as const,
      prompt: { en: 'How did you find us?' },
      options: [
        { id: 'search', label: { en: 'Search' }, retired: false },
        { id: 'friend', label: { en: 'A friend' }, retired: false },
      ],
      retired: false,
    },
  ];
  const cta = { kind: 'referral' as const, url: 'https://shop.example/refer', label: { en: 'Invite a friend' } };
  const next = () => [...shadow().querySelectorAll('button')].find((b) => b.textContent === 'Next')!;

  /** Answers 10, skips the comment, picks "A friend" and goes on. */
  async function answerAll() {
    inShadow('[role="radio"]:nth-child(11)')!.click();
    await vi.waitFor(() => expect(inShadow('textarea')).toBeTruthy());
    inShadow('.secondary')!.click();
    await vi.waitFor(() => expect(inShadow('legend')?.textContent).toBe('How did you find us?'));
    [...shadow().querySelectorAll('label')].find((l) => l.textContent === 'A friend')!.querySelector('input')!.click();
    await vi.waitFor(() => expect(next().disabled).toBe(false));
    next().click();
    await vi.waitFor(() => expect(inShadow('[role="status"]')).toBeTruthy());
  }

  /**
   * A fresh copy of the UI module, as other tests reset the module registry: the follow-up chunk
   * it imports must share its renderer, as it does in the build.
   */
  async function freshMount() {
    vi.resetModules();
    return (await import('./index')).mount;
  }

  it('sends every answer under the score’s id, each with those before, and counts one answer', async () => {
    const { transport, sent, events } = fakeTransport();
    const opts = options({ survey: survey({ followUps, cta }) });
    (await freshMount())(opts, transport);
    await shown();
    await answerAll();
    expect(sent.map((s) => s.id)).toEqual([sent[0]!.id, sent[0]!.id, sent[0]!.id]);
    expect(sent[1]).toMatchObject({ nps: 10, answers: { found_us: { choice: 'friend' } } });
    expect(sent[1]).not.toHaveProperty('complete');
    // The thanks: the end, with everything given before it.
    expect(sent[2]).toMatchObject({ nps: 10, answers: { found_us: { choice: 'friend' } }, complete: true });
    expect(opts.emitted.filter(([type]) => type === 'answered')).toHaveLength(1);
    // The next step: shown once, with the response id in the referral link.
    expect(events.map((e) => (e as { type: string }).type)).toEqual(['shown', 'cta_shown']);
    expect(events[1]).toEqual({ key: 'pk_1', survey: 'srv_1', type: 'cta_shown', visitor: 'vis1' });
    const link = inShadow<HTMLAnchorElement>('.cta a')!;
    expect(link.getAttribute('href')).toBe(`https://shop.example/refer?ref=${sent[0]!.id}`);
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    expect(events.at(-1)).toEqual({ key: 'pk_1', survey: 'srv_1', type: 'cta_clicked', visitor: 'vis1' });
  });

  it.each<[string, Partial<PublicSurvey>, boolean]>([
    ['follow-up questions', { followUps }, true],
    ['a next step', { cta }, true],
    ['neither', {}, false],
    ['neither, from an older collector (no fields)', { followUps: undefined, cta: undefined }, false],
  ])('loads the follow-up chunk for a survey with %s: %s', async (_, fields, loads) => {
    const loaded = vi.fn();
    vi.doMock('./follow-ups', async (original) => {
      loaded();
      return original();
    });
    try {
      (await freshMount())(options({ survey: survey(fields) }), fakeTransport().transport);
      await shown();
      expect(loaded).toHaveBeenCalledTimes(loads ? 1 : 0);
    } finally {
      vi.doUnmock('./follow-ups');
    }
  });

  it('asks the score and the comment alone when the follow-up chunk cannot load', async () => {
    vi.doMock('./follow-ups', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    try {
      const mountFresh = await freshMount();
      const { transport, sent } = fakeTransport();
      mountFresh(options({ survey: survey({ followUps, cta }) }), transport);
      await shown();
      inShadow('[role="radio"]:nth-child(11)')!.click();
      await vi.waitFor(() => expect(inShadow('textarea')).toBeTruthy());
      inShadow('.secondary')!.click();
      await vi.waitFor(() => expect(inShadow('[role="status"]')).toBeTruthy());
      expect(sent.map((s) => s.complete)).toEqual([undefined, true]);
    } finally {
      vi.doUnmock('./follow-ups');
    }
  });
});
