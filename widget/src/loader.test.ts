import type { Display, PublicSurvey, WidgetConfig } from '@plaudit/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as controller from './controller';
import { ownScript, start, type PlauditFunction } from './loader';
import { markSeen, OUTBOX_KEY, SEEN_KEY, VISITOR_KEY } from './storage';
import { surveyFixture } from './test-fixtures';
import type { MountOptions } from './types';
import type { QuotesContext } from './ui/testimonials';

const SRC = 'https://c.example/plaudit/widget.js';
const UI_URL = 'https://c.example/plaudit/assets/ui-test.js';
const FLUSH_URL = 'https://c.example/plaudit/assets/transport-test.js';
const CONTROLLER_URL = 'https://c.example/plaudit/assets/controller-test.js';
const QUOTES_URL = 'https://c.example/plaudit/assets/testimonials-test.js';

const survey = (id: string, display: Partial<Display> = {}) => surveyFixture(id, { delaySeconds: 3, ...display });

interface Harness {
  fetch: ReturnType<typeof vi.fn>;
  load: ReturnType<typeof vi.fn>;
  mounts: MountOptions[];
  close: ReturnType<typeof vi.fn>;
  flush: ReturnType<typeof vi.fn>;
  /** The testimonials chunk's entry point. */
  quotes: ReturnType<typeof vi.fn<(ctx: QuotesContext) => void>>;
}

function setup(
  config: WidgetConfig | number,
  data: Record<string, string> = { key: 'pk_1' },
  { beforeStart, quotesFail }: { beforeStart?: () => void; quotesFail?: boolean } = {},
): Harness {
  const mounts: MountOptions[] = [];
  const close = vi.fn();
  const flush = vi.fn(async () => {});
  const quotes = vi.fn<(ctx: QuotesContext) => void>();
  const fetch = vi.fn(async () =>
    typeof config === 'number'
      ? new Response('{"error":{}}', { status: config })
      : new Response(JSON.stringify(config), { status: 200 }),
  );
  vi.stubGlobal('fetch', fetch);
  const load = vi.fn(async (url: string) =>
    url === CONTROLLER_URL
      ? controller
      : url === UI_URL
        ? {
            mount: (options: MountOptions) => {
              mounts.push(options);
              return { close };
            },
          }
        : url === QUOTES_URL
          ? quotesFail
            ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
            : { run: quotes }
          : { flush },
  );
  beforeStart?.();
  start({ src: SRC, dataset: { ...data } }, load);
  return { fetch, load, mounts, close, flush, quotes };
}

/** The first UI chunk to load waits for the returned function's module; the controller loads as usual. */
function holdUi(h: Harness): (ui: unknown) => void {
  let finish: (ui: unknown) => void = () => {};
  const loadAsUsual = h.load.getMockImplementation() as (url: string) => Promise<unknown>;
  let held = false;
  h.load.mockImplementation((url: string) => (url === UI_URL && !held ? ((held = true), new Promise((resolve) => (finish = resolve))) : loadAsUsual(url)));
  return (ui) => finish(ui);
}

const config = (...surveys: PublicSurvey[]): WidgetConfig => ({ site: { name: 'Acme' }, surveys });
const plaudit = (...args: unknown[]) => (window.plaudit as PlauditFunction)(...args);
const wait = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  delete window.plaudit;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('start', () => {
  it('needs a data-key', async () => {
    const h = setup(config(survey('s1')), {});
    await wait(5000);
    expect(h.fetch).not.toHaveBeenCalled();
  });

  it('fetches the config next to its own script, keeping the path prefix', async () => {
    const h = setup(config());
    await wait();
    expect(h.fetch).toHaveBeenCalledWith('https://c.example/plaudit/v1/config?key=pk_1');
  });

  it('stays silent when the config request fails', async () => {
    const h = setup(503);
    await wait(10_000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    expect(() => plaudit('show', 's1')).not.toThrow();
  });

  it('does nothing at all under <meta name="plaudit" content="off">', async () => {
    const h = setup(config(survey('s1')), { key: 'pk_1' }, {
      beforeStart: () => (document.head.innerHTML = '<meta name="plaudit" content="off">'),
    });
    plaudit('show', 's1');
    await wait(10_000);
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('keeps a random visitor id in localStorage, never a cookie', async () => {
    setup(config());
    const visitor = localStorage.getItem(VISITOR_KEY);
    expect(visitor).toMatch(/^[\w-]{8,64}$/);
    expect(document.cookie).toBe('');
    delete window.plaudit;
    const h = setup(config(survey('s1', { delaySeconds: 0 })));
    await wait(10);
    expect(h.mounts[0]!.visitor).toBe(visitor);
  });
});

describe('triggers', () => {
  it('shows a load survey after its delay, importing the UI by URL', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 3 })));
    await wait(2900);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    await wait(200);
    expect(h.load).toHaveBeenCalledWith(UI_URL);
    expect(h.mounts).toHaveLength(1);
    expect(h.mounts[0]).toMatchObject({
      base: 'https://c.example/plaudit/',
      data: { key: 'pk_1' },
      siteName: 'Acme',
      focus: false,
      force: false,
      survey: { id: 's1' },
    });
  });

  it('shows one survey per page view', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 1 }), survey('s2', { delaySeconds: 2 })));
    await wait(5000);
    expect(h.mounts.map((m) => m.survey.id)).toEqual(['s1']);
  });

  it('shows a scroll survey once the visitor scrolled that far', async () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 3000 });
    vi.stubGlobal('innerHeight', 1000);
    vi.stubGlobal('scrollY', 0);
    const h = setup(config(survey('s1', { trigger: 'scroll', scrollPercent: 50 })));
    await wait(10);
    vi.stubGlobal('scrollY', 900);
    window.dispatchEvent(new Event('scroll'));
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    vi.stubGlobal('scrollY', 1000);
    window.dispatchEvent(new Event('scroll'));
    await wait(10);
    expect(h.mounts).toHaveLength(1);
  });

  it('shows an exit survey when the pointer leaves through the top', async () => {
    const h = setup(config(survey('s1', { trigger: 'exit' })));
    await wait(10);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, bubbles: true }));
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, bubbles: true }));
    await wait(10);
    expect(h.mounts).toHaveLength(1);
  });

  it('never shows a manual survey by itself', async () => {
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    await wait(60_000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });
});

describe('display rules', () => {
  it('respects the sample', async () => {
    const h = setup(config(survey('s1', { samplePercent: 0, delaySeconds: 0 })));
    await wait(1000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('waits out the resurvey window that the UI starts (markSeen)', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0, resurveyDays: 30 })));
    await wait(10);
    expect(h.mounts).toHaveLength(1);
    markSeen('s1');
    const seen = JSON.parse(localStorage.getItem(SEEN_KEY)!);
    expect(seen.s1).toBeTypeOf('number');

    delete window.plaudit;
    const again = setup(config(survey('s1', { delaySeconds: 0, resurveyDays: 30 })));
    await wait(1000);
    expect(again.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('waits out the resurvey window on a page that gave every object a toJSON', async () => {
    setup(config(survey('s1', { delaySeconds: 0, resurveyDays: 30 })));
    await wait(10);
    const proto = Object.prototype as { toJSON?: () => string };
    proto.toJSON = () => 'an object';
    try {
      markSeen('s1');
    } finally {
      delete proto.toJSON;
    }
    expect(JSON.parse(localStorage.getItem(SEEN_KEY)!).s1).toBeTypeOf('number');
  });

  it('shows only the survey named by data-survey', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 }), survey('s2', { delaySeconds: 0 })), {
      key: 'pk_1',
      survey: 's2',
    });
    await wait(10);
    expect(h.mounts.map((m) => m.survey.id)).toEqual(['s2']);
  });

  it('waits for a matching route in a single-page app', async () => {
    const h = setup(config(survey('s1', { urlPattern: '/checkout/*', delaySeconds: 1 })));
    await wait(5000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    history.pushState(null, '', '/checkout/done');
    await wait(1500);
    expect(h.mounts).toHaveLength(1);
  });

  it('stops waiting when the route no longer matches', async () => {
    history.replaceState(null, '', '/checkout/cart');
    const h = setup(config(survey('s1', { urlPattern: '/checkout/*', delaySeconds: 5 })));
    await wait(1000);
    history.pushState(null, '', '/home');
    await wait(10_000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('renders an inline survey into its placeholder at once', async () => {
    const h = setup(config(survey('s1', { position: 'inline', trigger: 'manual' })), { key: 'pk_1' }, {
      beforeStart: () => (document.body.innerHTML = '<div data-plaudit-survey="s1"></div>'),
    });
    await wait(10);
    expect(h.mounts).toHaveLength(1);
    expect(h.mounts[0]!.container).toBe(document.querySelector('[data-plaudit-survey]'));
  });
});

describe('the plaudit() API', () => {
  it('drains calls queued by the snippet stub, in order', async () => {
    const shown = vi.fn();
    window.plaudit = Object.assign(() => {}, {
      q: [
        ['identify', { id: 'u1', email: 'u1@example.com' }],
        ['on', 'shown', shown],
        ['show', 's1'],
      ],
    });
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    await wait(10);
    expect(h.mounts).toHaveLength(1);
    expect(h.mounts[0]!.identity()).toEqual({ id: 'u1', email: 'u1@example.com' });
    h.mounts[0]!.emit('shown', { survey: 's1' });
    expect(shown).toHaveBeenCalledWith({ survey: 's1' });
    expect(window.plaudit!.loaded).toBe(true);
  });

  it('shows a manual survey on request, moving focus into it', async () => {
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    await wait(10);
    plaudit('show', 's1');
    await wait(10);
    expect(h.mounts[0]).toMatchObject({ survey: { id: 's1' }, focus: true });
  });

  it('respects sampling on request unless forced', async () => {
    const h = setup(config(survey('s1', { trigger: 'manual', samplePercent: 0 })));
    plaudit('show', 's1');
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
    plaudit('show', 's1', { force: true });
    await wait(10);
    expect(h.mounts).toHaveLength(1);
  });

  it('hides the open survey', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 })));
    await wait(10);
    plaudit('hide');
    await wait();
    expect(h.close).toHaveBeenCalledTimes(1);
  });

  it('hides a survey whose UI is still loading: it never mounts, and can be shown later', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 1 })));
    const finish = holdUi(h);
    const mount = vi.fn(() => ({ close: vi.fn() }));
    await wait(1000);
    expect(h.load).toHaveBeenCalledWith(UI_URL);
    plaudit('hide');
    await wait();
    finish({ mount });
    await wait(10);
    expect(mount).not.toHaveBeenCalled();
    plaudit('show', 's1', { force: true });
    await wait(10);
    expect(h.mounts).toHaveLength(1);
  });

  it('keeps listener errors away from the page and from other listeners', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 })));
    const second = vi.fn();
    plaudit('on', 'answered', () => {
      throw new Error('listener bug');
    });
    plaudit('on', 'answered', second);
    await wait(10);
    expect(() => h.mounts[0]!.emit('answered', { survey: 's1', nps: 9 })).not.toThrow();
    expect(second).toHaveBeenCalledWith({ survey: 's1', nps: 9 });
  });

  it.each<[string, unknown[]]>([
    ['no arguments', []],
    ['an unknown command', ['explode']],
    ['on without a function', ['on', 'shown', 'nope']],
    ['identify with garbage', ['identify', 42]],
    ['show with an unknown id', ['show', 'missing']],
  ])('never throws: %s', async (_, args) => {
    setup(config(survey('s1', { trigger: 'manual' })));
    expect(() => plaudit(...args)).not.toThrow();
    await wait(10);
  });

  it('does not start twice', async () => {
    setup(config());
    const first = window.plaudit;
    const second = setup(config());
    expect(window.plaudit).toBe(first);
    expect(second.fetch).not.toHaveBeenCalled();
  });
});

describe('skipped: every show() that does not display says why', () => {
  const now = Date.now();
  it.each<[string, () => void, WidgetConfig | number, unknown[], string]>([
    ['an id the config does not know', () => {}, config(survey('s1', { trigger: 'manual' })), ['nope'], 'unknown'],
    ['an id such as "constructor"', () => {}, config(), ['constructor'], 'unknown'],
    ['a paused survey', () => {}, { ...config(), inactive: { s9: 'paused' } }, ['s9'], 'paused'],
    ['an archived survey', () => {}, { ...config(), inactive: { s9: 'archived' } }, ['s9'], 'archived'],
    ['no config (the collector is down)', () => {}, 503, ['s1'], 'unknown'],
    ['a visitor outside the sample', () => {}, config(survey('s1', { trigger: 'manual', samplePercent: 0 })), ['s1'], 'sampled-out'],
    [
      'its resurvey window',
      () => localStorage.setItem(SEEN_KEY, JSON.stringify({ s1: now - 86_400_000 })),
      config(survey('s1', { trigger: 'manual', resurveyDays: 30 })),
      ['s1'],
      'resurvey-window',
    ],
    [
      'the site cooldown after another survey',
      () => localStorage.setItem(SEEN_KEY, JSON.stringify({ s2: now - 86_400_000 })),
      { ...config(survey('s1', { trigger: 'manual' })), site: { name: 'Acme', cooldownDays: 7 } },
      ['s1'],
      'cooldown',
    ],
    [
      '<meta name="plaudit" content="off">',
      () => (document.head.innerHTML = '<meta name="plaudit" content="off">'),
      config(survey('s1', { trigger: 'manual' })),
      ['s1', { force: true }],
      'off',
    ],
  ])('%s', async (_, before, served, args, reason) => {
    const skipped = vi.fn();
    window.plaudit = Object.assign(() => {}, { q: [['on', 'skipped', skipped], ['show', ...args]] });
    const h = setup(served, { key: 'pk_1' }, { beforeStart: before });
    await wait(10);
    expect(skipped).toHaveBeenCalledWith({ survey: args[0], reason });
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('forced, a survey outside the sample and in its window shows', async () => {
    localStorage.setItem(SEEN_KEY, JSON.stringify({ s1: Date.now() }));
    const skipped = vi.fn();
    const h = setup(config(survey('s1', { trigger: 'manual', samplePercent: 0 })));
    plaudit('on', 'skipped', skipped);
    plaudit('show', 's1', { force: true });
    await wait(10);
    expect(h.mounts[0]).toMatchObject({ survey: { id: 's1' }, force: true });
    expect(skipped).not.toHaveBeenCalled();
  });

  it('passes on what the UI reports: fatigue held back an automatic survey', async () => {
    const skipped = vi.fn();
    const h = setup(config(survey('s1', { delaySeconds: 1 }), survey('s2', { delaySeconds: 2 })));
    plaudit('on', 'skipped', skipped);
    await wait(1000);
    h.mounts[0]!.emit('skipped', { survey: 's1', reason: 'fatigue' });
    expect(skipped).toHaveBeenCalledWith({ survey: 's1', reason: 'fatigue' });
    // Nothing reached the visitor: the other survey may still show by itself, and s1 never again.
    await wait(5000);
    expect(h.mounts.map((m) => m.survey.id)).toEqual(['s1', 's2']);
  });

  it('says fatigue at once for a survey held back earlier on this page view', async () => {
    const skipped = vi.fn();
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    plaudit('on', 'skipped', skipped);
    plaudit('show', 's1');
    await wait(10);
    h.mounts[0]!.emit('skipped', { survey: 's1', reason: 'fatigue' });
    plaudit('show', 's1');
    await wait(10);
    expect(skipped).toHaveBeenCalledTimes(2);
    expect(h.mounts).toHaveLength(1);
  });
});

describe('explicit calls win', () => {
  it('show() replaces the survey on screen, which closes without a dismissal', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 }), survey('s2', { trigger: 'manual' })));
    await wait(10);
    h.mounts[0]!.emit('shown', { survey: 's1' });
    plaudit('show', 's2');
    await wait(10);
    // Mounted.close() is the API's close, which counts nothing (ui/index.tsx).
    expect(h.close).toHaveBeenCalledTimes(1);
    expect(h.mounts.map((m) => m.survey.id)).toEqual(['s1', 's2']);
  });

  it('show() replaces a survey still loading, which never mounts', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 1 }), survey('s2', { trigger: 'manual' })));
    const finish = holdUi(h);
    const mount = vi.fn(() => ({ close: vi.fn() }));
    await wait(1000);
    plaudit('show', 's2');
    await wait(10);
    finish({ mount });
    await wait(10);
    expect(mount).not.toHaveBeenCalled();
    expect(h.mounts.map((m) => m.survey.id)).toEqual(['s2']);
  });

  it('show() of the survey already on screen keeps it', async () => {
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    plaudit('show', 's1');
    await wait(10);
    h.mounts[0]!.emit('shown', { survey: 's1' });
    plaudit('show', 's1');
    await wait(10);
    expect(h.mounts).toHaveLength(1);
    expect(h.close).not.toHaveBeenCalled();
  });

  it('no trigger shows a survey after one was shown on this page view', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 }), survey('s2', { trigger: 'exit' })));
    await wait(10);
    h.mounts[0]!.emit('shown', { survey: 's1' });
    h.mounts[0]!.closed();
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, bubbles: true }));
    await wait(10);
    expect(h.mounts).toHaveLength(1);
  });
});

describe('the site cooldown', () => {
  it('arms no survey within cooldownDays of the last one that reached the visitor', async () => {
    localStorage.setItem(SEEN_KEY, JSON.stringify({ other: Date.now() - 3 * 86_400_000 }));
    const h = setup({ ...config(survey('s1', { delaySeconds: 0 })), site: { name: 'Acme', cooldownDays: 7 } });
    await wait(1000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });

  it('arms it once the cooldown is over', async () => {
    localStorage.setItem(SEEN_KEY, JSON.stringify({ other: Date.now() - 8 * 86_400_000 }));
    const h = setup({ ...config(survey('s1', { delaySeconds: 0 })), site: { name: 'Acme', cooldownDays: 7 } });
    await wait(1000);
    expect(h.mounts).toHaveLength(1);
  });
});

describe('hosted mode (the collector’s /s/:id page)', () => {
  const HOSTED = { key: 'pk_1', survey: 's1', hosted: '', score: '9', link: 'tok.sig' };
  it('shows its survey in the placeholder at once, whatever the rules say, and passes the tag’s data', async () => {
    localStorage.setItem(SEEN_KEY, JSON.stringify({ s1: Date.now() }));
    const h = setup(
      { ...config(survey('s1', { trigger: 'manual', samplePercent: 0, resurveyDays: 30 })), site: { name: 'Acme', cooldownDays: 30 } },
      HOSTED,
      { beforeStart: () => (document.body.innerHTML = '<div data-plaudit-survey="s1"></div>') },
    );
    await wait(10);
    expect(h.mounts).toHaveLength(1);
    expect(h.mounts[0]).toMatchObject({ force: true, data: HOSTED, container: document.querySelector('[data-plaudit-survey]') });
  });

  it('a page that is not hosted keeps the rules for its placeholder', async () => {
    const h = setup(config(survey('s1', { trigger: 'manual', samplePercent: 0 })), { key: 'pk_1' }, {
      beforeStart: () => (document.body.innerHTML = '<div data-plaudit-survey="s1"></div>'),
    });
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });
});

describe('what loads, and when', () => {
  it.each<[string, PublicSurvey]>([
    ['outside the sample', survey('s1', { samplePercent: 0, delaySeconds: 0 })],
    ['a manual survey', survey('s1', { trigger: 'manual' })],
    ['another page’s survey', survey('s1', { urlPattern: '/pricing', delaySeconds: 0 })],
  ])('a visitor whom no survey fits downloads nothing but the config: %s', async (_, s) => {
    const h = setup(config(s));
    await wait(60_000);
    expect(h.load).not.toHaveBeenCalled();
  });

  it('loads the controller once a survey fits the page, and the UI only when it opens', async () => {
    const h = setup(config(survey('s1', { trigger: 'exit' })));
    await wait(10);
    expect(h.load.mock.calls).toEqual([[CONTROLLER_URL]]);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, bubbles: true }));
    await wait(10);
    expect(h.load.mock.calls).toEqual([[CONTROLLER_URL], [UI_URL]]);
  });

  it('loads the controller for show(), and passes it the calls made before and after', async () => {
    const shown = vi.fn();
    const h = setup(config(survey('s1', { trigger: 'manual' })));
    plaudit('identify', { id: 'u1' });
    plaudit('show', 's1');
    plaudit('on', 'shown', shown);
    await wait(10);
    expect(h.mounts[0]!.identity()).toEqual({ id: 'u1' });
    plaudit('identify', { id: 'u2' });
    await wait(10);
    expect(h.mounts[0]!.identity()).toEqual({ id: 'u2' });
    h.mounts[0]!.emit('shown', { survey: 's1' });
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('loads nothing under <meta name="plaudit" content="off">, and show() says so', async () => {
    const skipped = vi.fn();
    const h = setup(config(survey('s1', { delaySeconds: 0 })), { key: 'pk_1' }, {
      beforeStart: () => (document.head.innerHTML = '<meta name="plaudit" content="off">'),
    });
    plaudit('on', 'skipped', skipped);
    plaudit('show', 's1');
    await wait(1000);
    expect(h.load).not.toHaveBeenCalled();
    expect(skipped).toHaveBeenCalledWith({ survey: 's1', reason: 'off' });
  });
});

describe('outbox', () => {
  it('imports the transport only when a previous page left responses behind', async () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([{ id: 'x', key: 'pk_1', survey: 's1', nps: 3 }]));
    const h = setup(config());
    await wait(10);
    expect(h.load).toHaveBeenCalledWith(FLUSH_URL);
    expect(h.flush).toHaveBeenCalledWith('https://c.example/plaudit/');
  });

  it('loads nothing for a visitor who is shown nothing', async () => {
    const h = setup(config(survey('s1', { samplePercent: 0 })));
    await wait(60_000);
    expect(h.load).not.toHaveBeenCalledWith(UI_URL);
  });
});

describe('quotes (data-plaudit-testimonials)', () => {
  const withPlace = { beforeStart: () => (document.body.innerHTML = '<div data-plaudit-testimonials data-limit="3"></div>') };

  it('loads their chunk only on a page with a place for them', async () => {
    const h = setup(config(survey('s1', { samplePercent: 0 })));
    await wait(10_000);
    expect(h.load).not.toHaveBeenCalledWith(QUOTES_URL);
  });

  it('loads their chunk beside the config, and hands it the snippet and the config once it has it', async () => {
    const fetched = config(survey('s1', { samplePercent: 0 }));
    const h = setup(fetched, { key: 'pk_1', locale: 'fr', nonce: 'n0' }, withPlace);
    expect(h.load).toHaveBeenCalledWith(QUOTES_URL);
    await wait(10);
    expect(h.quotes).toHaveBeenCalledTimes(1);
    const ctx = h.quotes.mock.calls[0]![0];
    expect(ctx.base).toBe('https://c.example/plaudit/');
    expect(ctx.data).toMatchObject({ key: 'pk_1', locale: 'fr', nonce: 'n0' });
    expect(await ctx.config).toEqual(fetched);
    // Quotes alone wake nothing else.
    expect(h.load).not.toHaveBeenCalledWith(CONTROLLER_URL);
  });

  it('hands over no config when there is none, and draws the quotes all the same', async () => {
    const h = setup(500, { key: 'pk_1' }, withPlace);
    await wait(10);
    expect(await h.quotes.mock.calls[0]![0].config).toBeUndefined();
  });

  it('looks for the place once the page is parsed, when the script ran before', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    const h = setup(config());
    document.body.innerHTML = '<div data-plaudit-testimonials></div>';
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(QUOTES_URL);
    readyState.mockRestore();
    document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }));
    await wait(10);
    expect(h.quotes).toHaveBeenCalledTimes(1);
  });

  it('looks again after a single-page app’s route change', async () => {
    const h = setup(config());
    await wait(10);
    expect(h.load).not.toHaveBeenCalledWith(QUOTES_URL);
    document.body.innerHTML = '<div data-plaudit-testimonials></div>';
    history.pushState(null, '', '/about');
    await wait(200);
    expect(h.quotes).toHaveBeenCalledTimes(1);
  });

  it('loads nothing under <meta name="plaudit" content="off">', async () => {
    const h = setup(config(), { key: 'pk_1' }, {
      beforeStart: () => {
        document.head.innerHTML = '<meta name="plaudit" content="off">';
        withPlace.beforeStart();
      },
    });
    await wait(10_000);
    expect(h.load).not.toHaveBeenCalledWith(QUOTES_URL);
  });

  it('keeps a chunk that fails to load from the page (no unhandled rejection), and the survey shows', async () => {
    const h = setup(config(survey('s1', { delaySeconds: 0 })), { key: 'pk_1' }, { ...withPlace, quotesFail: true });
    await wait(10);
    expect(h.load).toHaveBeenCalledWith(QUOTES_URL);
    expect(h.mounts).toHaveLength(1);
  });
});

describe('ownScript', () => {
  const SNIPPET = '<script async src="https://c.example/plaudit/widget.js" data-key="pk_1"></script>';
  // `current` names the element document.currentScript returns, by id; null when it is null.
  it.each<[string, string, string | null, string | undefined]>([
    ['the current script', `${SNIPPET}<script id="x" src="https://c.example/widget.js" data-key="pk_2"></script>`, 'x', 'pk_2'],
    ['the tag when there is no current script (a module, a tag manager’s eval)', SNIPPET, null, 'pk_1'],
    ['the first tag of several', `${SNIPPET}${SNIPPET.replace('pk_1', 'pk_2')}`, null, 'pk_1'],
    ['a tag with a query string', '<script src="/w/widget.js?v=3" data-key="pk_3"></script>', null, 'pk_3'],
    ['a tag a consent manager keeps inert', '<script type="text/plain" src="/widget.js" data-key="pk_4"></script>', null, 'pk_4'],
    ['no tag without a key', '<script src="https://c.example/widget.js"></script>', null, undefined],
    ['no other vendor’s widget', '<script src="https://other.example/chat-widget.js" data-key="k"></script>', null, undefined],
    ['no other vendor’s tag with a key', '<script src="https://other.example/chat.js" data-key="k"></script>', null, undefined],
  ])('finds %s', (_, html, current, key) => {
    const root = document.createElement('div');
    root.innerHTML = html;
    const script = ownScript(current ? root.querySelector<HTMLScriptElement>(`#${current}`) : null, root);
    expect(script?.dataset.key).toBe(key);
  });
});
