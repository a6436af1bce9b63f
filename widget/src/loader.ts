// widget.js, which every visitor downloads on every page view, so it does as little as it can:
// reads the script tag, keeps the page's calls, fetches the config and decides whether a survey may
// show on this page at all. Only then (a survey fits the page, or the page called show() or
// hide()) does it load the controller chunk (controller.ts: triggers, states, the API), which
// loads the UI chunk when a survey opens. Decisions live in eligibility.ts. A page with a place for
// quotes (`data-plaudit-testimonials`) gets the testimonials chunk, and only such a page.
import type { WidgetConfig } from '@plaudit/shared';
import { activated } from './activation';
import type { Controller, ControllerModule } from './controller';
import { fits } from './eligibility';
import { randomId, VISITOR_ID } from './ids';
import { safe } from './safe';
import { pageView } from './page';
import { OUTBOX_KEY, read, VISITOR_KEY, write } from './storage';
import { QUOTES_PLACE } from './testimonials';
import type { TransportModule } from './types';
import type { QuotesModule } from './ui/testimonials';

export interface PlauditFunction {
  (...args: unknown[]): void;
  /** Calls queued by the snippet stub before the loader ran. */
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}

declare global {
  interface Window {
    plaudit?: PlauditFunction;
  }
}

export interface ScriptData {
  src: string;
  dataset: DOMStringMap;
}

export type ModuleLoader = (url: string) => Promise<unknown>;

/**
 * The snippet's tag. document.currentScript is null when the code runs as a module or is evaluated
 * by a tag or consent manager; the tag is then the one that names widget.js and carries a key.
 */
export function ownScript(current: HTMLOrSVGScriptElement | null, root: ParentNode): HTMLScriptElement | null {
  return (current as HTMLScriptElement | null) ?? root.querySelector('script[data-key][src*="/widget.js"]');
}

/** Single-page apps render after pushState; give them this long before looking for placeholders. */
const ROUTE_SETTLE_MS = 100;

export function start(script: ScriptData, load: ModuleLoader): void {
  const stub = window.plaudit;
  const data = script.dataset;
  const { key, survey: only } = data;
  if (stub?.loaded || !key) return;
  const base = new URL('.', script.src).href;
  const url = (path: string) => new URL(path, base).href;
  const off = () => document.querySelector('meta[name=plaudit][content=off]');
  /** The page's calls until the controller takes them, each with whether the visitor had just acted. */
  const queue: unknown[][] = [];
  let config: WidgetConfig | undefined;
  let controller: Promise<Controller> | undefined;

  let visitor = read(VISITOR_KEY) ?? '';
  if (!VISITOR_ID.test(visitor)) write(VISITOR_KEY, (visitor = randomId()));

  if (read(OUTBOX_KEY)) {
    load(url(__PLAUDIT_TRANSPORT__))
      .then((transport) => (transport as TransportModule).flush(base))
      .catch(() => {});
  }

  const ready = off()
    ? Promise.resolve()
    : fetch(url('v1/config?key=' + encodeURIComponent(key)))
        // An error's body has no surveys either.
        .then((res) => res.json() as Promise<WidgetConfig>)
        .then((fetched) => {
          if (!Array.isArray(fetched?.surveys)) return;
          config = fetched;
          config.surveys = fetched.surveys.filter((s) => !only || s.id === only);
          look();
          // Single-page apps: look again after every client-side route change.
          const changed = () => setTimeout(() => (quotes(), controller ? controller.then((c) => c.evaluate()) : look()), ROUTE_SETTLE_MS);
          for (const method of ['pushState', 'replaceState'] as const) {
            const original = history[method];
            // changed() only schedules a look, so it may come first.
            history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
              changed();
              return original.apply(this, args);
            };
          }
          addEventListener('popstate', changed);
        })
        .catch(() => {});

  /** Quotes where the page has a place for them; their chunk, which draws them, loads only then. */
  const quotes = safe(() => {
    if (!off() && document.querySelector(QUOTES_PLACE)) {
      load(url(__PLAUDIT_TESTIMONIALS__))
        .then((module) => (module as QuotesModule).run({ base, data, config: ready.then(() => config) }))
        .catch(() => {});
    }
  });
  // The places are in the page's HTML: looked for once it is parsed (this script is async).
  if (document.readyState == 'loading') addEventListener('DOMContentLoaded', quotes);
  else quotes();

  /** Loads the controller, once, after the config, and hands it the page. */
  const wake = () =>
    (controller ??= ready
      .then(() => load(url(__PLAUDIT_CONTROLLER__)))
      .then((module) => (module as ControllerModule).run({ base, data, visitor, config, queue, load, off })));

  /** Wakes the controller when a survey may show on this page. */
  const look = safe(() => {
    const placeholders = [...document.querySelectorAll('[data-plaudit-survey]')].map((el) => el.getAttribute('data-plaudit-survey'));
    const view = pageView(visitor, config!.site.cooldownDays, []);
    if (!off() && fits(config!.surveys, placeholders, view, data.hosted !== undefined)) void wake();
  });

  const api: PlauditFunction = safe((command: unknown, arg?: unknown, extra?: unknown) => {
    const call = [command, arg, extra, activated()] as const;
    if (controller) return void controller.then((c) => c.call(...call));
    queue.push([...call]);
    if (off()) {
      // Nothing loads under <meta name="plaudit" content="off">, and show() still says why.
      if (command === 'show') {
        for (const [c, type, listener] of queue) {
          if (c === 'on' && type === 'skipped' && typeof listener == 'function') safe(listener as (e: unknown) => void)({ survey: String(arg), reason: 'off' });
        }
      }
    } else if (command === 'show' || command === 'hide') {
      // Answering show() and hide() takes the controller; `on` and `identify` wait for it.
      void wake();
    }
  });
  api.loaded = true;
  window.plaudit = api;
  for (const args of stub?.q ?? []) api(...Array.from(args));
}
