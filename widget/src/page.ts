// What the rules of eligibility.ts look at, read from the page and from storage at this moment.
import type { PageView } from './eligibility';
import { readSeen } from './storage';

export function pageView(visitor: string, cooldownDays: number | undefined, held: readonly string[]): PageView {
  return { path: location.pathname, search: location.search, visitor, seen: readSeen(), cooldownDays, held, now: Date.now() };
}
