// localStorage throws when storage is disabled, full, or blocked in a sandboxed frame. The widget
// then forgets between page views (no sticky sampling; the outbox lives in memory, for this page
// view only) rather than break the host page.
import { stringify } from './json';

export const VISITOR_KEY = 'plaudit:vid';
/** JSON map of survey id → time (ms) of the visitor's last answer or dismissal. */
export const SEEN_KEY = 'plaudit:seen';
/** JSON array of responses not yet acknowledged by the collector. */
export const OUTBOX_KEY = 'plaudit:outbox';

export function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Quota or disabled storage: the value lives for this page view only.
  }
}

/** Parsed JSON, or null when missing or corrupt. */
export function readJson(key: string): unknown {
  try {
    return JSON.parse(read(key) ?? 'null');
  } catch {
    return null;
  }
}

/** Survey id → when it last reached the visitor; Object() turns a missing or corrupt record into {}. */
export function readSeen(): Record<string, number> {
  return Object(readJson(SEEN_KEY));
}

/** The survey reached the visitor (answered or dismissed): its resurvey window and the site's cooldown start now. */
export function markSeen(survey: string): void {
  write(SEEN_KEY, stringify({ ...readSeen(), [survey]: Date.now() }));
}
