// The controller chunk: what runs once a survey may show on this page (one fits it, or the page
// called show() or hide()). The loader (widget.js) decides that much and hands over; from then
// on this module waits for triggers, runs the states of state.ts, opens the UI chunk, and answers
// the JavaScript API. A visitor whom no survey fits never downloads it.
import type { PublicSurvey, WidgetConfig } from '@plaudit/shared';
import { eligible, scrollDepth, scrolledBackUp, triggerFor, why, type SkipReason } from './eligibility';
import { safe } from './safe';
import { INITIAL, next, type Input } from './state';
import { pageView } from './page';
import type { EventDetail, Identity, Mounted, UiModule, WidgetEvent } from './types';

/** What the loader hands over. */
export interface Context {
  /** Collector base URL, ending with `/`. */
  base: string;
  /** The script tag's `data-*` attributes. */
  data: Readonly<Record<string, string | undefined>>;
  visitor: string;
  /** The config, already filtered by `data-survey`; undefined when it could not be had. */
  config: WidgetConfig | undefined;
  /** The API calls made so far, each with whether the visitor had just acted (see `call`). */
  queue: unknown[][];
  load: (url: string) => Promise<unknown>;
  /** The loader's `<meta name="plaudit" content="off">` check. */
  off: () => unknown;
}

export interface ControllerModule {
  run(ctx: Context): Controller;
}

/** What the loader keeps calling: a look at the page after each client-side route change, and the API. */
export interface Controller {
  evaluate(): void;
  /** `plaudit(command, arg, extra)`; `focus`: whether the visitor had just acted when the page called it. */
  call(command: unknown, arg?: unknown, extra?: unknown, focus?: unknown): void;
}

export function run(ctx: Context): Controller {
  const { base, data, visitor, config, load, off } = ctx;
  /** The collector's own page for link surveys (/s/:id): its survey shows whatever the rules say. */
  const hosted = data.hosted !== undefined;
  const surveys = config?.surveys ?? [];
  const listeners: { [T in WidgetEvent]?: ((detail: EventDetail) => void)[] } = {};
  const armed = new Map<string, () => void>();
  let identity: Identity | undefined;
  let current: Mounted | undefined;
  let state = INITIAL;
  /** Feeds the state machine (state.ts); true when the input changed the state. */
  const dispatch = (input: Input, ticket?: number, survey?: string) => state !== (state = next(state, input, ticket, survey));

  const view = () => pageView(visitor, config?.site.cooldownDays, state.held);
  const find = (id: unknown) => surveys.find((s) => s.id === id);

  const emit = (type: WidgetEvent, detail: EventDetail) =>
    listeners[type]?.forEach((listener) => safe(listener)(detail));

  function open(survey: PublicSurvey, explicit: boolean, force: boolean, focus: boolean, container?: Element): void {
    if (!dispatch(explicit ? 'show' : 'trigger', undefined, survey.id)) return;
    armed.forEach((disarm) => disarm());
    armed.clear();
    // The survey this one replaces leaves without counting a dismissal.
    current?.close();
    const { ticket } = state;
    load(new URL(__PLAUDIT_UI__, base).href)
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
    for (const survey of surveys) {
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

  /** The JavaScript API. `focus`: whether the visitor had just acted when the page called it. */
  const call = safe((command: unknown, arg?: unknown, extra?: unknown, focus?: unknown) => {
    if (command === 'on' && typeof extra === 'function') {
      (listeners[arg as WidgetEvent] ??= []).push(extra as (detail: EventDetail) => void);
    } else if (command === 'identify') {
      identity = arg && typeof arg === 'object' ? (arg as Identity) : undefined;
    } else if (command === 'hide') {
      dispatch('hide');
      current?.close();
    } else if (command === 'show') {
      const force = (extra as { force?: unknown } | undefined)?.force === true;
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
      else open(survey!, true, force, focus !== false);
    }
  });

  // What the page said so far comes first, in order; the loader passes on what it says next.
  for (const args of ctx.queue) call(...(args as [unknown, unknown, unknown, unknown]));
  evaluate();
  return { evaluate, call };
}
