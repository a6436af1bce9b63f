// Fatigue across devices. For a customer the page identified (`plaudit('identify', { id })`),
// the collector knows when each survey last reached them on any device, and answers which surveys
// may not show now (GET v1/fatigue). The UI chunk asks before it shows a survey by itself or on a
// non-forced show(), so only visitors about to see a survey cost the collector a request.

/** GET v1/fatigue's answer: until when no survey, and until when each listed survey, may reach the customer. */
export interface Fatigue {
  cooldownUntil: string | null;
  surveys: Record<string, string>;
}

/**
 * Whether the collector's answer keeps `survey` from the customer at `now`. No answer (the request
 * failed), an error's body or any other shape keeps nothing: the local rules decide alone.
 */
export function heldBack(fatigue: unknown, survey: string, now: number): boolean {
  const answer = fatigue as Partial<Fatigue> | undefined;
  // Date.parse of a malformed time is NaN, which is never later than now; it reads a number as a year.
  return [answer?.cooldownUntil, answer?.surveys?.[survey]].some((until) => typeof until == 'string' && Date.parse(until) > now);
}

/**
 * This page view's request. The UI chunk is loaded once per page view, so its module scope is the
 * page view's: at most one request, whichever survey asks. Never cached (the collector says so).
 */
let asked: Promise<Partial<Fatigue> | undefined> | undefined;

/** The collector's answer for a customer; undefined when the request fails, so it never blocks a survey. */
export function askFatigue(base: string, key: string, customer: string): Promise<Partial<Fatigue> | undefined> {
  return (asked ??= fetch(base + 'v1/fatigue?' + new URLSearchParams({ key, customer }))
    .then((res) => res.json())
    .catch(() => undefined));
}
