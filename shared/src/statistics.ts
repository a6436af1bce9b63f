// Intervals and tests for the scores: whether a figure is precise, and whether a change is real.
// The methods are the ones the customer-experience literature recommends for these small,
// bounded samples, and they are named in every metrics answer's `definitions`.
//
// - NPS interval: adjusted Wald (Sauro & Lewis, "Quantifying the User Experience"; Rocks 2016,
//   "Interval estimation for the Net Promoter Score", The American Statistician): add ¾ of a
//   promoter and ¾ of a detractor (so 3/2 answers in all, n + 3 with the passives' share), then a
//   normal interval on the difference of the two proportions. It keeps its 95% coverage for small
//   samples and extreme scores, where the plain Wald interval does not.
// - Share of satisfied answers (CSAT): Wilson score interval.
// - NPS of two periods: two-sample z test on the adjusted proportions' difference.
// - CSAT of two periods: two-proportion z test, pooled.

/** 97.5th percentile of the standard normal: two-sided 95%. */
export const Z95 = 1.959963984540054;

export interface ConfidenceInterval {
  low: number;
  high: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10 + 0;
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Adjusted promoter and detractor shares, and the count they are shares of. */
function adjusted(promoters: number, passives: number, detractors: number) {
  const n = promoters + passives + detractors + 3;
  const p = (promoters + 0.75) / n;
  const d = (detractors + 0.75) / n;
  return { n, p, d, variance: p + d - (p - d) ** 2 };
}

/**
 * 95% adjusted-Wald interval of the NPS in points, clipped to −100…100, one decimal; null
 * without answers.
 */
export function npsInterval(promoters: number, passives: number, detractors: number): ConfidenceInterval | null {
  if (promoters + passives + detractors === 0) return null;
  const { n, p, d, variance } = adjusted(promoters, passives, detractors);
  const half = Z95 * Math.sqrt(variance / n);
  return { low: round1(clip((p - d - half) * 100, -100, 100)), high: round1(clip((p - d + half) * 100, -100, 100)) };
}

/** 95% Wilson interval of a share in percent (0…100), one decimal; null without answers. */
export function wilsonInterval(successes: number, n: number): ConfidenceInterval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: round1(clip((centre - half) * 100, 0, 100)), high: round1(clip((centre + half) * 100, 0, 100)) };
}

/** Student's t 97.5th percentiles for 1–30 degrees of freedom (two-sided 95%). */
const T95 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423];

/**
 * Student's t 97.5th percentile: tabulated up to 30 degrees of freedom, beyond by the
 * Cornish–Fisher expansion around the normal (error below 1e-4 from 30 on).
 */
export function tCritical95(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T95[Math.floor(df) - 1]!;
  const z = Z95;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/**
 * Mean of answers on a 1…k scale (`distribution[i]` answers of i + 1) and its 95% t interval,
 * clipped to the scale, two decimals; the interval is null under two answers.
 */
export function meanWithInterval(distribution: readonly number[]): { mean: number | null; interval: ConfidenceInterval | null } {
  let n = 0;
  let sum = 0;
  distribution.forEach((count, i) => {
    n += count;
    sum += count * (i + 1);
  });
  if (n === 0) return { mean: null, interval: null };
  const mean = sum / n;
  const round2 = (x: number) => Math.round(x * 100) / 100 + 0;
  if (n < 2) return { mean: round2(mean), interval: null };
  let squares = 0;
  distribution.forEach((count, i) => (squares += count * (i + 1 - mean) ** 2));
  const half = tCritical95(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean: round2(mean), interval: { low: round2(clip(mean - half, 1, distribution.length)), high: round2(clip(mean + half, 1, distribution.length)) } };
}

/**
 * The q-quantile (0…1) of ascending values, by linear interpolation between the closest ranks
 * (Hyndman & Fan type 7: numpy's and spreadsheets' PERCENTILE.INC): the median of an even count is
 * the mean of the middle two. NaN without values.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface ChangeTest {
  /** Current minus previous, in points; null when either side has no answer. */
  difference: number | null;
  z: number | null;
  /** Two-sided. */
  pValue: number | null;
  /** p < 0.05. */
  significant: boolean;
}

const NO_TEST: ChangeTest = { difference: null, z: null, pValue: null, significant: false };

function test(difference: number, standardError: number, shownDifference: number): ChangeTest {
  if (!(standardError > 0)) return { difference: shownDifference, z: null, pValue: null, significant: false };
  const z = difference / standardError;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { difference: shownDifference, z: Math.round(z * 100) / 100 + 0, pValue: Math.round(pValue * 10_000) / 10_000, significant: pValue < 0.05 };
}

/**
 * Whether the NPS moved between two samples: z on the difference of adjusted NPS, with the
 * variance of each adjusted NPS (p + d − (p − d)²) / n. The difference shown is that of the plain
 * scores, one decimal.
 */
export function compareNps(current: [number, number, number], previous: [number, number, number]): ChangeTest {
  const [a, b] = [current, previous];
  const na = a[0] + a[1] + a[2];
  const nb = b[0] + b[1] + b[2];
  if (na === 0 || nb === 0) return NO_TEST;
  const x = adjusted(...a);
  const y = adjusted(...b);
  const shown = round1(((a[0] - a[2]) / na - (b[0] - b[2]) / nb) * 100);
  return test(x.p - x.d - (y.p - y.d), Math.sqrt(x.variance / x.n + y.variance / y.n), shown);
}

/** Whether the share of satisfied answers moved: two-proportion z test with the pooled share. */
export function compareShares(current: { successes: number; n: number }, previous: { successes: number; n: number }): ChangeTest {
  if (current.n === 0 || previous.n === 0) return NO_TEST;
  const pa = current.successes / current.n;
  const pb = previous.successes / previous.n;
  const pooled = (current.successes + previous.successes) / (current.n + previous.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.n + 1 / previous.n));
  return test(pa - pb, se, round1((pa - pb) * 100));
}

/** Below this many answers on either side, a comparison is flagged as a low sample. */
export const LOW_SAMPLE = 30;

export const STATISTICS_DEFINITIONS = {
  npsInterval:
    '95% adjusted-Wald interval of the NPS (Sauro & Lewis; Rocks 2016): ¾ of a promoter and ¾ of a detractor are added and n + 3 answers counted, then p − d ± 1.96 × √((p + d − (p − d)²) / (n + 3)), in points, clipped to −100…100.',
  csatInterval: '95% Wilson score interval of the share of 4–5 answers, in percent.',
  npsTest:
    'Two-sample z test of the NPS change: z = (NPS₁ − NPS₂) / √(v₁/n₁ + v₂/n₂) on the adjusted-Wald estimates, v = p + d − (p − d)²; two-sided p-value; significant when p < 0.05.',
  csatTest: 'Two-proportion z test of the change in the share of 4–5 answers, pooled standard error; two-sided p-value; significant when p < 0.05.',
  meanInterval: '95% Student t interval of a rating’s mean: mean ± t(0.975, n − 1) × s / √n, clipped to the scale.',
  quantile: 'Percentiles by linear interpolation between the closest ranks (Hyndman & Fan type 7, as numpy and PERCENTILE.INC): the median of an even count is the mean of the middle two.',
  lowSample: `Fewer than ${LOW_SAMPLE} answers on a side: an interval is wide and a test has little power.`,
} as const;
