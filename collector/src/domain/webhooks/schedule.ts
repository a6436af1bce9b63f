// When a failed delivery is tried again: about 5 s after the first failure, 5 min after the second,
// then 30 min, 2 h, 5 h, 10 h and 10 h: eight attempts over a little more than a day, each delay
// ±20 % so that endpoints coming back are not hit by every queue at once. The base (5 s) is
// PLAUDIT_WEBHOOK_RETRY_BASE_MS; the steps scale with it.
const STEPS = [1, 60, 360, 1440, 3600, 7200, 7200];
export const DEFAULT_RETRY_BASE_MS = 5_000;
export const MAX_ATTEMPTS = STEPS.length + 1;

/** The delay after the `attempts`-th failed attempt (1-based), or null once they are spent. */
export function retryDelay(attempts: number, baseMs: number, random: () => number = Math.random): number | null {
  const step = STEPS[attempts - 1];
  if (step === undefined) return null;
  return Math.round(step * baseMs * (0.8 + 0.4 * random()));
}

/** How long a delivery is retried for with this base, without jitter, in words. */
export function retrySpan(baseMs: number): string {
  const ms = STEPS.reduce((a, b) => a + b, 0) * baseMs;
  if (ms < 120_000) return `${Math.round(ms / 1000)} seconds`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / 3_600_000)} hours`;
}
