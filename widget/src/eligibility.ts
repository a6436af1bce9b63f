// Pure decisions of the loader: who sees which survey, where and when. No DOM access here, so
// every rule can be tested with plain values.
import type { Display, PublicSurvey } from '@plaudit/shared';

export const DAY_MS = 86_400_000;

/** 32-bit FNV-1a. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The visitor's place in [0, 100) for a survey: the same on every page view, independent across surveys. */
export function sampleBucket(visitor: string, survey: string): number {
  return (fnv1a(visitor + ':' + survey) % 10_000) / 100;
}

/**
 * True while a window of `days` that started at `last` (an answer or a dismissal) is open: a
 * survey's resurvey window, or the site's cooldown.
 */
export function throttled(last: number | undefined, days: number | undefined, now: number): boolean {
  // Without a record, or without a window, the comparison is with NaN, which is never true.
  return now - last! < days! * DAY_MS;
}

/** `**` matches anything, `*` anything but `/`; every other character is literal (`?` included). */
export function globToRegExp(glob: string): RegExp {
  // `*` is not among the escaped characters, so the stars survive the first pass untouched.
  const source = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*?/g, (stars) => (stars[1] ? '.*' : '[^/]*'));
  return new RegExp('^' + source + '$');
}

/**
 * Globs match the path plus query. A glob without `?` also matches the bare path, so `/pricing`
 * still matches `/pricing?utm_source=mail`.
 */
export function urlMatches(glob: string, path: string, search: string): boolean {
  const re = globToRegExp(glob);
  return re.test(path + search) || (!glob.includes('?') && re.test(path));
}

export function pageMatches(display: Display, path: string, search: string): boolean {
  const matches = (glob: string) => urlMatches(glob, path, search);
  return (display.urlPattern === null || matches(display.urlPattern)) && !display.excludeUrlPatterns.some(matches);
}

export interface PageView {
  path: string;
  search: string;
  visitor: string;
  /** Survey id → last answer or dismissal, from storage. */
  seen: Record<string, number>;
  /** The site's cooldown: days after any survey reached the visitor before another may (none from an older collector). */
  cooldownDays?: number | undefined;
  /** Surveys the collector held back on this page view (fatigue across devices). */
  held: readonly string[];
  now: number;
}

/** Why `plaudit('show', id)` did not display: the `reason` of the `skipped` event. */
export type SkipReason = 'sampled-out' | 'resurvey-window' | 'cooldown' | 'fatigue' | 'paused' | 'archived' | 'unknown' | 'off';

/**
 * Which rule that holds wherever a survey appears (inline or not, shown by itself or on request)
 * keeps it from this visitor now; undefined when none does.
 */
export function why(survey: PublicSurvey, view: PageView): SkipReason | undefined {
  const { display } = survey;
  return view.held.includes(survey.id)
    ? 'fatigue'
    : sampleBucket(view.visitor, survey.id) >= display.samplePercent
      ? 'sampled-out'
      : throttled(view.seen[survey.id], display.resurveyDays, view.now)
        ? 'resurvey-window'
        : // The latest of every survey's record (a corrupt one is NaN, which never throttles).
          throttled(Math.max(...Object.values(view.seen)), view.cooldownDays, view.now)
          ? 'cooldown'
          : undefined;
}

/** Whether a survey may wait for its trigger on this page. Manual and inline surveys never do. */
export function eligible(survey: PublicSurvey, view: PageView): boolean {
  const { display } = survey;
  return (
    display.trigger !== 'manual' &&
    display.position !== 'inline' &&
    pageMatches(display, view.path, view.search) &&
    !why(survey, view)
  );
}

/**
 * Whether a survey may show on this page at all: a placeholder for it lets it in (on the hosted
 * page, always), or it may wait for its trigger. The loader loads the controller only then.
 */
export function fits(surveys: readonly PublicSurvey[], placeholders: readonly (string | null)[], view: PageView, hosted: boolean): boolean {
  return surveys.some((s) => (placeholders.includes(s.id) && (hosted || !why(s, view))) || eligible(s, view));
}

export type Trigger = Display['trigger'] | 'scroll-up';

/**
 * Touch screens have no pointer leaving the window, so exit intent there is a quick scroll back
 * up: the visitor read at least a screen and went back up by a third of one.
 */
export function triggerFor(display: Display, touch: boolean): Trigger {
  return display.trigger === 'exit' && touch ? 'scroll-up' : display.trigger;
}

/** How far down the scrollable distance the visitor is, 0–100; a page that cannot scroll is fully seen. */
export function scrollDepth(scrollY: number, viewportHeight: number, pageHeight: number): number {
  const scrollable = pageHeight - viewportHeight;
  return scrollable <= 0 ? 100 : Math.min(100, (100 * scrollY) / scrollable);
}

/** The scroll-up heuristic of `triggerFor`, given the deepest and current scroll positions. */
export function scrolledBackUp(maxY: number, y: number, viewportHeight: number): boolean {
  return maxY >= viewportHeight && maxY - y >= viewportHeight / 3;
}
