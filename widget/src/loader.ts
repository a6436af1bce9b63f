// The loader's runtime: reads the script tag, drains the queue stub, fetches the config, decides
// which survey may show and when, and only then imports the UI chunk. Everything here ships in
// widget.js to every visitor, so it stays small: decisions live in eligibility.ts, the states in
// state.ts, and whatever only matters once a survey shows (the fatigue request, the hosted page's
// score and link, texts, Escape) in the UI chunk.
import type { PublicSurvey, WidgetConfig } from '@plaudit/shared';
import { eligible, scrollDepth, scrolledBackUp, triggerFor, why, type PageView, type SkipReason } from './eligibility';
import { randomId, VISITOR_ID } from './ids';
import { safe } from './safe';
import { INITIAL, next, type Input } from './state';
import { OUTBOX_KEY, read, readSeen, VISITOR_KEY, write } from './storage';
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
  const data = script.dataset;
  const { key, survey: only } = data;
  if (stub?.loaded || !key) return;
  /** The collector's own page for link surveys (/s/:id): its survey shows whatever the rules say. */
  const hosted = data.hosted !== undefined;
  const base = new URL('.', script.src).href;
  const url = (path: string) => new URL(path, base).href;
  const off = () => document.querySelector('meta[name=plaudit][content=off]');
  const listeners: { [T in WidgetEvent]?: ((detail: EventDetail) => void)[] } = {};
  const armed = new Map<string, () => void>();
  let config: WidgetConfig | undefined;
  let identity: Identity | undefined;
  let current: Mounted | undefined;
  let state = INITIAL;
  /** Feeds the state machine (state.ts); true when the input changed the state. */
  const dispatch = (input: Input, ticket?: number, survey?: string) => state !== (state = next(state, input, ticket, survey));

  let visitor = read(VISITOR_KEY) ?? '';
  if (!VISITOR_ID.test(visitor)) write(VISITOR_KEY, (visitor = randomId()));

  const view = (): PageView => ({
    path: location.pathname,
    search: location.search,
    visitor,
    seen: readSeen(),
    cooldownDays: config!.site.cooldownDays,
    held: state.held,
    now: Date.now(),
  });
  const find = (id: unknown) => config?.surveys.find((s) => s.id === id);

  const emit = (type: WidgetEvent, detail: EventDetail) =>
    listeners[type]?.forEach((listener) => safe(listener)(detail));

  function open(survey: PublicSurvey, explicit: boolean, force: boolean, focus: boolean, container?: Element): void {
    if (!dispatch(explicit ? 'show' : 'trigger', undefined, survey.id)) return;
    armed.forEach((disarm) => disarm());
    armed.clear();
    // The survey this one replaces leaves without counting a dismissal.
    current?.close();
    const { ticket } = state;
    load(url(__PLAUDIT_UI__))
      .then((ui) => {
        if (ticket !== state.ticket) return;
        current = (ui as UiModule).mount({
          base,
          visitor,
          siteName: config!.site.name,
          survey,
          data,
          container,
          focus,
          force,
          identity: () => identity,
          emit(type, detail) {
            // `shown` and `skipped` move the state; the others leave it as it is.
            dispatch(type as Input, ticket);
            emit(type, detail);
            // Held back before it showed: another survey may still show by itself.
            if (type === 'skipped') evaluate();
          },
          closed: () => dispatch('closed', ticket),
        });
      })
      .catch(() => dispatch('closed', ticket));
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
      if (fired) open(survey, false, false, false);
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
    // Only while no survey has opened: one survey per page view shows by itself.
    if (!/idle|armed/.test(state.phase) || off()) return;
    const page = view();
    for (const el of document.querySelectorAll('[data-plaudit-survey]')) {
      const survey = find(el.getAttribute('data-plaudit-survey'));
      // The owner sent the hosted page's link to this person: no rule holds it back.
      if (survey && (hosted || !why(survey, page))) return open(survey, false, hosted, false, el);
    }
    for (const survey of config!.surveys) {
      const ok = eligible(survey, page);
      const disarm = armed.get(survey.id);
      if (ok && !disarm) armed.set(survey.id, arm(survey));
      if (!ok && disarm) {
        disarm();
        armed.delete(survey.id);
      }
    }
    dispatch(armed.size ? 'arm' : 'disarm');
  });

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
          evaluate();
          // Single-page apps: look again after every client-side route change.
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
        })
        .catch(() => {});

  const api: PlauditFunction = safe((command: unknown, arg?: unknown, extra?: unknown) => {
    if (command === 'on' && typeof extra === 'function') {
      (listeners[arg as WidgetEvent] ??= []).push(extra as (detail: EventDetail) => void);
    } else if (command === 'identify') {
      identity = arg && typeof arg === 'object' ? (arg as Identity) : undefined;
    } else if (command === 'hide') {
      dispatch('hide');
      current?.close();
    } else if (command === 'show') {
      // A host page calls show from a click more often than not; when the browser can tell, it says so.
      const focus = (navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive ?? true;
      const force = (extra as { force?: unknown } | undefined)?.force === true;
      void ready.then(
        safe(() => {
          const survey = find(arg);
          const inactive = config?.inactive?.[arg as string];
          // Nothing is dropped silently: every show() either displays or says why not.
          const reason: SkipReason | undefined = off()
            ? 'off'
            : !survey
              ? // Only the config's own strings: an id such as "constructor" finds Object's methods.
                typeof inactive == 'string'
                ? inactive
                : 'unknown'
              : force
                ? undefined
                : why(survey, view());
          if (reason) emit('skipped', { survey: String(arg), reason });
          else open(survey!, true, force, focus);
        }),
      );
    }
  });
  api.loaded = true;
  window.plaudit = api;
  for (const args of stub?.q ?? []) api(...Array.from(args));
}
