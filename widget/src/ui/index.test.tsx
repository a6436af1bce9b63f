import { themeColors, type PublicSurvey, type ResponseInputBody } from '@plaudit/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { surveyFixture } from '../test-fixtures';
import type { Transport } from '../transport';
import type { MountOptions } from '../types';
import { mount } from './index';
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
    key: 'pk_1',
    visitor: 'vis1',
    siteName: 'Acme Shop',
    survey: survey(),
    locale: 'en',
    focus: false,
    identity: () => ({ id: 'cust_9', email: 'ana@example.com', attributes: { plan: 'pro' } }),
    emit: (type, detail) => void emitted.push([type, detail]),
    done: vi.fn(),
    closed: vi.fn(),
    emitted,
    ...overrides,
  };
}

const host = () => document.querySelector<HTMLElement>(HOST_TAG);
const shadow = () => host()!.shadowRoot!;
const inShadow = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector);
const shown = () => vi.waitFor(() => expect(host()?.shadowRoot?.querySelector('.card')).toBeTruthy());

beforeEach(() => {
  document.body.innerHTML = '';
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
    expect(opts.done).toHaveBeenCalledTimes(1);
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

  it('reports a dismissal when closed before answering, and cleans up', async () => {
    const { transport, events, sent } = fakeTransport();
    const opts = options();
    mount(opts, transport);
    await shown();
    inShadow('button.close')!.click();
    expect(events.at(-1)).toEqual({ key: 'pk_1', survey: 'srv_1', type: 'dismissed', visitor: 'vis1' });
    expect(opts.emitted.at(-1)).toEqual(['dismissed', { survey: 'srv_1' }]);
    expect(opts.done).toHaveBeenCalledTimes(1);
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

  it.each<[string, Partial<MountOptions>, Partial<PublicSurvey>, string]>([
    ['data-locale', { locale: 'fr' }, {}, 'Quelle est la probabilité'],
    ['the survey locale', { locale: undefined }, { locale: 'de' }, 'Wie wahrscheinlich'],
    ['a survey override', { locale: 'es' }, { texts: { es: { npsQuestion: '¿Nos recomendarías?' } } }, '¿Nos recomendarías?'],
  ])('speaks the language chosen by %s', async (_, opts, fields, expected) => {
    mount(options({ ...opts, survey: survey(fields) }), fakeTransport().transport);
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
    expect(sent).toHaveLength(1);
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
      options({ locale: 'ar', survey: survey({ texts: { ar: { npsQuestion: 'ما مدى احتمال أن توصي بـ {product}؟' } } }) }),
      fakeTransport().transport,
    );
    await shown();
    expect(inShadow('.card')!.getAttribute('dir')).toBe('rtl');
    expect(inShadow('.card')!.getAttribute('lang')).toBe('ar');
  });
});
