// What an answer adds to the counters behind every metric, by counter name: both engines write
// these deltas, in the same transaction as the answer, so a metric never reads the responses.
// Pure, so the one rule for "how an answer counts" lives here and nowhere else.
import { CSAT_SCALE, NPS_SCALE, type EventType } from '@plaudit/shared';

export const NPS_COLUMNS = NPS_SCALE.map((s) => `nps${s}`);
export const CSAT_COLUMNS = CSAT_SCALE.map((s) => `csat${s}`);
/** The counters of a segment row (per attribute value). */
export const SEGMENT_COUNTERS = ['responses', 'comments', ...NPS_COLUMNS, ...CSAT_COLUMNS];
/** The counters of a daily row (per survey and day). */
export const DAILY_COUNTERS = ['responses', 'comments', 'impressions', 'dismissals', 'bot_answers', 'cta_shown', 'cta_clicks', ...NPS_COLUMNS, ...CSAT_COLUMNS];

/** The daily counter each widget event adds one to. */
export const EVENT_COUNTERS: Record<EventType, string> = { shown: 'impressions', dismissed: 'dismissals', cta_shown: 'cta_shown', cta_clicked: 'cta_clicks' };

/** Counter name → change. */
export type Delta = Record<string, number>;

/** The part of an answer the counters see. */
export interface Counted {
  nps: number | null;
  csat: number | null;
  comment: string | null;
}

/** Adds `sign` × what one answer counts to `delta`. */
function count(delta: Delta, answer: Counted, sign: 1 | -1): void {
  delta.responses = (delta.responses ?? 0) + sign;
  if (answer.comment !== null) delta.comments = (delta.comments ?? 0) + sign;
  if (answer.nps !== null) delta[`nps${answer.nps}`] = (delta[`nps${answer.nps}`] ?? 0) + sign;
  if (answer.csat !== null) delta[`csat${answer.csat}`] = (delta[`csat${answer.csat}`] ?? 0) + sign;
}

/**
 * The change in counters when an answer goes from `before` to `after`: null before for a new
 * answer, null after for an erased one. Counters that do not change are left out.
 */
export function answerDelta(before: Counted | null, after: Counted | null): Delta {
  const delta: Delta = {};
  if (before) count(delta, before, -1);
  if (after) count(delta, after, 1);
  for (const [name, change] of Object.entries(delta)) if (change === 0) delete delta[name];
  return delta;
}
