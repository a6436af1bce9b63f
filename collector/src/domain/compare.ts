// Two ranges side by side: their scores from counts, and whether NPS and CSAT moved for real.
// Pure: the counts come from the store, the statistics from shared.
import { LOW_SAMPLE, compareNps, compareShares, csatFromDistribution, npsFromDistribution, type ChangeTest, type CsatSummary, type NpsSummary } from '@plaudit/shared';

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
