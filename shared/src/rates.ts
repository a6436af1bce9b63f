// Rates and counts over time, for churn and support tickets: churn and retention rates from
// counts, percentiles read off ranked values (so that a database can rank and this interpolates),
// and whether a count rose for real.
//
// - Churn: the rates of billing analytics (Baremetrics, Stripe; see the README), from counts,
//   rounded like every other percentage (shared/src/scoring.ts, exact integer rounding).
// - Percentiles: Hyndman & Fan type 7 (numpy's default, spreadsheets' PERCENTILE.INC), the same
//   definition as statistics.ts `quantile`; here from the two ranked values around the rank, so a
//   query can sort a million durations where they live and send back two rows per percentile.
// - A rising count: the exact conditional test of two Poisson counts (Przyborowski & Wilenski
//   1940): given n = a + b events over exposures tₐ and t_b, a ~ Binomial(n, tₐ / (tₐ + t_b)) when
//   the rates are equal; one-sided p = P(X ≥ a). Exposures are the periods' lengths in days, so a
//   31-day month is not taken for growth over a 30-day one.
// - Many topics tested at once: Benjamini–Hochberg adjusted p-values (q-values), so that among
//   the topics called rising, at most 5% are expected to be false alarms.
import { churn, percent1 } from './scoring';

// ---------- churn ----------

export interface ChurnCounts {
  customersAtStart: number;
  /** New customers and reactivations: every inactive → active change in the period. */
  acquired: number;
  /** Every active → inactive change in the period, new customers' included. */
  lost: number;
  /** Customers active at the start who are still (or again) active at the end. */
  retained: number;
  /** Monthly recurring revenue of the customers active at the start; undefined when no event carries MRR. */
  mrrAtStart?: number;
  /** MRR of the losses of the period. */
  mrrLost?: number;
}

export interface ChurnRates {
  /** lost ÷ customers at the start × 100; null when the period starts with no customer. */
  churnRate: number | null;
  /** lost ÷ acquired × 100: a loss-to-acquisition ratio, over 100 when the base shrinks; null without acquisitions. */
  lostPerAcquired: number | null;
  /** retained ÷ customers at the start × 100; null when the period starts with no customer. */
  retentionRate: number | null;
  /** MRR lost ÷ MRR at the start × 100; null without MRR at the start, undefined when no event carries MRR. */
  mrrChurnRate?: number | null;
}

/** Rounds money to cents, tolerant of binary noise. */
export const cents = (x: number) => Math.round(x * 100 + Math.sign(x) * 1e-9) / 100 + 0;

export function churnRates(c: ChurnCounts): ChurnRates {
  const { lostPerAcquired, lostPerStart } = churn(c.lost, c.acquired, c.customersAtStart);
  const rates: ChurnRates = { churnRate: lostPerStart, lostPerAcquired, retentionRate: percent1(c.retained, c.customersAtStart) };
  if (c.mrrAtStart !== undefined) {
    // MRR may have cents: exact rounding on cents.
    const start = Math.round(c.mrrAtStart * 100);
    rates.mrrChurnRate = start > 0 ? percent1(Math.round((c.mrrLost ?? 0) * 100), start) : null;
  }
  return rates;
}

// ---------- percentiles ----------

/** A percentile as a fraction num/den (0.9 is 9/10), so ranks are computed in integers. */
export interface Fraction {
  num: number;
  den: number;
}

export const MEDIAN: Fraction = { num: 1, den: 2 };
export const P90: Fraction = { num: 9, den: 10 };

/**
 * Where the q-quantile of n ascending values lies (type 7): between the values of 0-based ranks
 * `low` and `high` (= low + 1, or low at the end), `fraction` of the way. h = (n − 1) q.
 */
export function quantileRanks(n: number, q: Fraction): { low: number; high: number; fraction: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a quantile needs at least one value, got n = ${n}`);
  const scaled = (n - 1) * q.num;
  const low = Math.floor(scaled / q.den);
  const high = Math.min(n - 1, low + 1);
  return { low, high, fraction: (scaled - low * q.den) / q.den };
}

/** The quantile from the values at its two ranks (see quantileRanks). */
export function interpolate(lowValue: number, highValue: number, fraction: number): number {
  return lowValue + fraction * (highValue - lowValue);
}

// ---------- a rising count ----------

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k up. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  const lnChoose = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(lnChoose(i) + i * lnP + (n - i) * lnQ);
    sum += term;
    // Past the mode the terms only shrink: stop once they no longer count.
    if (i > n * p && term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

/**
 * One-sided p-value that the rate of `current` events (over `currentExposure`) exceeds that of
 * `previous` (over `previousExposure`): the exact conditional binomial test. 1 when nothing happened.
 */
export function risingCountPValue(current: number, previous: number, currentExposure = 1, previousExposure = 1): number {
  const n = current + previous;
  if (n === 0) return 1;
  return binomialUpperTail(current, n, currentExposure / (currentExposure + previousExposure));
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the order given. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    q[i] = Math.min(1, running);
  }
  return q;
}

export const RATES_DEFINITIONS = {
  quantiles: 'Medians and 90th percentiles by linear interpolation between the closest ranks (Hyndman & Fan type 7, as numpy and PERCENTILE.INC): the median of an even count is the mean of the middle two.',
  risingTopic:
    'A topic is rising when its tickets grew against the previous period beyond chance: exact conditional test of two Poisson counts (given both periods’ total, the current count is binomial with p = current days ÷ both periods’ days), one-sided, with Benjamini–Hochberg adjusted p-values across the period’s topics; rising when q < 0.05.',
} as const;
