// The loader's runtime: reads the script tag, drains the queue stub, fetches the config, decides
// which survey may show and when, and only then imports the UI chunk. Everything here ships in
// widget.js to every visitor, so it stays small; decisions live in eligibility.ts.
import type { PublicSurvey, WidgetConfig } from '@plaudit/shared';
import { allowed, eligible, scrollDepth, scrolledBackUp, triggerFor, type PageView } from './eligibility';
import { randomId, VISITOR_ID } from './ids';
import { stringify } from './json';
import { safe } from './safe';
import { OUTBOX_KEY, read, readJson, SEEN_KEY, VISITOR_KEY, write } from './storage';
import type { EventDetail, Identity, Mounted, TransportModule, UiModule, WidgetEvent } from './types';

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
  const { key, locale, survey: only, nonce } = script.dataset;
  if (stub?.loaded || !key) return;
  const base = new URL('.', script.src).href;
  const url = (path: string) => new URL(path, base).href;
  const off = () => !!document.querySelector('meta[name=plaudit][content=off]');
  const listeners: { [T in WidgetEvent]?: ((detail: EventDetail) => void)[] } = {};
  const armed = new Map<string, () => void>();
  let surveys: PublicSurvey[] = [];
  let siteName = '';
  let identity: Identity | undefined;
  let current: Mounted | undefined;
  let opening = false;
  /** Bumped by hide(): a survey whose UI is still loading then never mounts. */
  let ticket = 0;
  /** One automatic survey per page view; `show` is exempt. */
  let autoShown = false;

  let visitor = read(VISITOR_KEY) ?? '';
  if (!VISITOR_ID.test(visitor)) write(VISITOR_KEY, (visitor = randomId()));

  // Object() turns a missing or corrupt record into an empty object.
  const seen = (): Record<string, number> => Object(readJson(SEEN_KEY));
  const view = (): PageView => ({
    path: location.pathname,
    search: location.search,
    visitor,
    seen: seen(),
    now: Date.now(),
  });
  const find = (id: unknown) => surveys.find((s) => s.id === id);

  const emit = (type: WidgetEvent, detail: EventDetail) =>
    listeners[type]?.forEach((listener) => safe(listener)(detail));

  function show(survey: PublicSurvey, focus: boolean, container?: Element): void {
    if (opening || off()) return;
    opening = autoShown = true;
    armed.forEach((disarm) => disarm());
    armed.clear();
    const mine = ++ticket;
    load(url(__PLAUDIT_UI__))
      .then((ui) => {
        if (mine !== ticket) return void (opening = false);
        current = (ui as UiModule).mount({
          base,
          key: key!,
          visitor,
          siteName,
          survey,
          locale,
          nonce,
          container,
          focus,
          identity: () => identity,
          emit,
          done: () => write(SEEN_KEY, stringify({ ...seen(), [survey.id]: Date.now() })),
          closed: () => {
            current = undefined;
            opening = false;
          },
        });
      })
      .catch(() => {
        opening = false;
      });
  }

  /** Waits for the survey's trigger; returns the function that stops waiting. */
  function arm(survey: PublicSurvey): () => void {
    const { display } = survey;
    const trigger = triggerFor(display, !!window.matchMedia?.('(pointer: coarse)').matches);
    let maxY = 0;
    const check = safe((e?: Event) => {
      const y = scrollY;
      maxY = Math.max(maxY, y);
      const fired =
        trigger === 'load' ||
        (trigger === 'exit'
          ? !(e as MouseEvent).relatedTarget && (e as MouseEvent).clientY <= 0
          : trigger === 'scroll'
            ? scrollDepth(y, innerHeight, document.documentElement.scrollHeight) >= display.scrollPercent
            : scrolledBackUp(maxY, y, innerHeight));
      if (fired && !autoShown) show(survey, false);
    });
    if (trigger === 'load') {
      const timer = setTimeout(check, display.delaySeconds * 1000);
      return () => clearTimeout(timer);
    }
    const [target, type] = trigger === 'exit' ? [document, 'mouseout'] : [window, 'scroll'];
    target.addEventListener(type, check, { passive: true });
    // A page too short to scroll is read to the end already.
    if (trigger === 'scroll') setTimeout(check);
    return () => target.removeEventListener(type, check);
  }

  /** Arms what this page allows and disarms what it no longer does; safe to run again and again. */
  const evaluate = safe(() => {
    if (autoShown || off()) return;
    const page = view();
    for (const el of document.querySelectorAll('[data-plaudit-survey]')) {
      const survey = find(el.getAttribute('data-plaudit-survey'));
      if (survey && allowed(survey, page)) return show(survey, false, el);
    }
    for (const survey of surveys) {
      const ok = eligible(survey, page);
      const disarm = armed.get(survey.id);
      if (ok && !disarm) armed.set(survey.id, arm(survey));
      if (!ok && disarm) {
        disarm();
        armed.delete(survey.id);
      }
    }
  });

  /** Single-page apps: look again after every client-side route change. */
  function watchRoutes(): void {
    const changed = () => setTimeout(evaluate, ROUTE_SETTLE_MS);
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      // changed() only schedules a look, so it may come first.
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        changed();
        return original.apply(this, args);
      };
    }
    addEventListener('popstate', changed);
  }

  if (read(OUTBOX_KEY)) {
    load(url(__PLAUDIT_TRANSPORT__))
      .then((transport) => (transport as TransportModule).flush(base))
      .catch(() => {});
  }

  const ready = off()
    ? Promise.resolve()
    : fetch(url('v1/config?key=' + encodeURIComponent(key)))
        .then((res) => (res.ok ? (res.json() as Promise<WidgetConfig>) : null))
        .then((config) => {
          if (!config || !Array.isArray(config.surveys)) return;
          siteName = config.site.name;
          surveys = config.surveys.filter((s) => !only || s.id === only);
          evaluate();
          watchRoutes();
        })
        .catch(() => {});

  const api: PlauditFunction = safe((command: unknown, arg?: unknown, extra?: unknown) => {
    if (command === 'on' && typeof extra === 'function') {
      (listeners[arg as WidgetEvent] ??= []).push(extra as (detail: EventDetail) => void);
    } else if (command === 'identify') {
      identity = arg && typeof arg === 'object' ? (arg as Identity) : undefined;
    } else if (command === 'hide') {
      ticket++;
      current?.close();
    } else if (command === 'show') {
      // A host page calls show from a click more often than not; when the browser can tell, it says so.
      const focus = (navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive ?? true;
      const force = (extra as { force?: unknown } | undefined)?.force === true;
      void ready.then(
        safe(() => {
          const survey = find(arg);
          if (survey && (force || allowed(survey, view()))) show(survey, focus);
        }),
      );
    }
  });
  api.loaded = true;
  window.plaudit = api;
  for (const args of stub?.q ?? []) api(...Array.from(args));
}
