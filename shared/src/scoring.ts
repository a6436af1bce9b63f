// Pure scoring functions: the only place in Plaudit where a formula is written.
// Percentages are rounded from exact integer arithmetic (half away from zero),
// so 12.25 becomes 12.3 and -12.25 becomes -12.3 with no floating-point drift.

import { STATISTICS_DEFINITIONS, npsInterval, wilsonInterval, type ConfidenceInterval } from './statistics';

export type NpsCategory = 'detractor' | 'passive' | 'promoter';

export const NPS_SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const CSAT_SCALE = [1, 2, 3, 4, 5] as const;

export interface NpsSummary {
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
  /** Plain Wald, kept for compatibility; `interval` is the one to read. */
  marginOfError: number | null;
  /** 95% adjusted-Wald interval, clipped to −100…100. */
  interval: ConfidenceInterval | null;
}

export interface CsatSummary {
  score: number | null;
  mean: number | null;
  responses: number;
  /** Counts of answers 1..5, index 0 is the count of 1s. */
  distribution: number[];
  /** 95% Wilson interval of `score`. */
  interval: ConfidenceInterval | null;
}

export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS score must be an integer 0..10, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** round(numerator / denominator) to an integer, half away from zero, exactly. */
function roundRatio(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const q = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return sign * q + 0; // + 0 turns -0 into 0
}

/** 100 × part / whole with one decimal, exact. */
export function percent1(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return roundRatio(1000 * part, whole) / 10;
}

/** Rounds a float to `digits` decimals, half away from zero, tolerant of binary noise. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.abs(value) * f;
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4));
  return (Math.sign(value) * rounded) / f + 0;
}

export function npsFromCounts(promoters: number, passives: number, detractors: number): NpsSummary {
  const n = promoters + passives + detractors;
  if (n === 0) {
    return { score: null, promoters, passives, detractors, responses: 0, marginOfError: null, interval: null };
  }
  const p = promoters / n;
  const d = detractors / n;
  const variance = p + d - (p - d) ** 2;
  return {
    score: percent1(promoters - detractors, n),
    promoters,
    passives,
    detractors,
    responses: n,
    marginOfError: roundTo(1.96 * Math.sqrt(Math.max(0, variance) / n) * 100, 1),
    interval: npsInterval(promoters, passives, detractors),
  };
}

/** `distribution[s]` is the number of answers with score s (0..10). */
export function npsFromDistribution(distribution: readonly number[]): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  NPS_SCALE.forEach((s) => {
    const count = distribution[s] ?? 0;
    const category = npsCategory(s);
    if (category === 'promoter') promoters += count;
    else if (category === 'passive') passives += count;
    else detractors += count;
  });
  return npsFromCounts(promoters, passives, detractors);
}

/** `distribution[i]` is the number of answers with score i + 1 (1..5). */
export function csatFromDistribution(distribution: readonly number[]): CsatSummary {
  const counts = CSAT_SCALE.map((s) => distribution[s - 1] ?? 0);
  const n = counts.reduce((a, b) => a + b, 0);
  const satisfied = (counts[3] ?? 0) + (counts[4] ?? 0);
  const sum = counts.reduce((acc, c, i) => acc + c * (i + 1), 0);
  return {
    score: percent1(satisfied, n),
    mean: n === 0 ? null : roundRatio(100 * sum, n) / 100,
    responses: n,
    distribution: counts,
    interval: wilsonInterval(satisfied, n),
  };
}

/** Responses per impression, in percent; null without impressions. */
export function responseRate(responses: number, impressions: number): number | null {
  return percent1(responses, impressions);
}

export interface ChurnSummary {
  /** lost ÷ acquired × 100: the formula our users' handbook gives. */
  lostPerAcquired: number | null;
  /** lost ÷ customers at the start of the period × 100: the standard churn rate. */
  lostPerStart: number | null;
}

export function churn(lost: number, acquired: number, atStart: number): ChurnSummary {
  return { lostPerAcquired: percent1(lost, acquired), lostPerStart: percent1(lost, atStart) };
}

export const SCORE_DEFINITIONS = {
  nps: 'Net Promoter Score: % promoters (9–10) − % detractors (0–6) among answers to the 0–10 question; −100…100, one decimal. Passives (7–8) count in the denominator only.',
  marginOfError: 'Plain-Wald 95% margin of error of the NPS in points, 1.96 × √((p + d − (p − d)²) / n) × 100 (p, d: promoter and detractor shares); kept for compatibility: `interval` is better for small samples and extreme scores.',
  csat: 'Customer Satisfaction: % of answers of 4 or 5 on the 1–5 question, one decimal; mean is the average answer, two decimals.',
  responseRate: 'Responses ÷ impressions (times a survey was shown) × 100, one decimal.',
  churn: 'lostPerAcquired = customers lost ÷ customers acquired in the period × 100; lostPerStart = customers lost ÷ customers at the start of the period × 100 (the standard churn rate).',
  ...STATISTICS_DEFINITIONS,
} as const;
