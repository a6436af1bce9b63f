// Two ranges side by side: their scores from counts, and whether NPS and CSAT moved for real.
// The counts come from the store, the statistics from shared; all but the last two functions are pure.
import { LOW_SAMPLE, SCORE_DEFINITIONS, STATISTICS_DEFINITIONS, compareNps, compareShares, csatFromDistribution, npsFromDistribution, splitSegment, type ChangeTest, type CsatSummary, type NpsSummary } from '@plaudit/shared';
import type { Store } from '../store/types';

export interface Counts {
  responses: number;
  /** Counts of NPS answers 0..10. */
  nps: number[];
  /** Counts of CSAT answers 1..5. */
  csat: number[];
}

export const emptyCounts = (): Counts => ({ responses: 0, nps: Array(11).fill(0), csat: Array(5).fill(0) });

export function sumCounts(rows: readonly Counts[]): Counts {
  const total = emptyCounts();
  for (const row of rows) {
    total.responses += row.responses;
    row.nps.forEach((n, i) => (total.nps[i]! += n));
    row.csat.forEach((n, i) => (total.csat[i]! += n));
  }
  return total;
}

const categories = (nps: readonly number[]): [number, number, number] => {
  const sum = (from: number, to: number) => nps.slice(from, to + 1).reduce((a, b) => a + b, 0);
  return [sum(9, 10), sum(7, 8), sum(0, 6)];
};

export interface Totals {
  from: string;
  to: string;
  responses: number;
  nps: NpsSummary;
  csat: CsatSummary;
}

export const totalsOf = (from: string, to: string, counts: Counts): Totals => ({
  from,
  to,
  responses: counts.responses,
  nps: npsFromDistribution(counts.nps),
  csat: csatFromDistribution(counts.csat),
});

export function compareCounts(current: Counts, previous: Counts): { nps: ChangeTest; csat: ChangeTest; lowSample: boolean } {
  const a = categories(current.nps);
  const b = categories(previous.nps);
  const satisfied = (c: Counts) => ({ successes: (c.csat[3] ?? 0) + (c.csat[4] ?? 0), n: c.csat.reduce((x, y) => x + y, 0) });
  const sideN = (c: Counts, cats: [number, number, number]) => Math.max(cats[0] + cats[1] + cats[2], satisfied(c).n);
  return {
    nps: compareNps(a, b),
    csat: compareShares(satisfied(current), satisfied(previous)),
    lowSample: sideN(current, a) < LOW_SAMPLE || sideN(previous, b) < LOW_SAMPLE,
  };
}

// ---------- over the store ----------

export interface RangeQuery {
  siteId: string;
  surveyId?: string | undefined;
  /** `attribute:value` */
  segment?: string | undefined;
}

/** The counts of answers in a range of days, optionally of one survey and one attribute value. */
export async function countsOf(store: Store, q: RangeQuery, fromDay: string, toDay: string): Promise<Counts> {
  if (q.segment) {
    const { attribute, value } = splitSegment(q.segment);
    const segments = await store.metrics.segments({ siteId: q.siteId, surveyId: q.surveyId, fromDay, toDay, attribute });
    return segments.find((s) => s.value === value) ?? emptyCounts();
  }
  return sumCounts(await store.metrics.buckets({ siteId: q.siteId, surveyId: q.surveyId, fromDay, toDay, interval: 'month' }));
}

/** Days from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Both ranges' totals and the tests between them: the shape of compare and of an impact. */
export async function compareRanges(store: Store, q: RangeQuery, current: [string, string], previous: [string, string]) {
  const [a, b] = await Promise.all([countsOf(store, q, ...current), countsOf(store, q, ...previous)]);
  return {
    current: totalsOf(current[0], current[1], a),
    previous: totalsOf(previous[0], previous[1], b),
    ...compareCounts(a, b),
    segment: q.segment ?? null,
    definitions: { nps: SCORE_DEFINITIONS.nps, csat: SCORE_DEFINITIONS.csat, ...STATISTICS_DEFINITIONS },
  };
}

