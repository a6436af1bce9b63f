import { describe, expect, it } from 'vitest';
import { compareCounts, emptyCounts, sumCounts, type Counts } from './compare';

const counts = (nps: Record<number, number>, csat: Record<number, number> = {}): Counts => {
  const c = emptyCounts();
  for (const [score, n] of Object.entries(nps)) c.nps[Number(score)] = n;
  for (const [score, n] of Object.entries(csat)) c.csat[Number(score) - 1] = n;
  c.responses = c.nps.reduce((a, b) => a + b, 0) + c.csat.reduce((a, b) => a + b, 0);
  return c;
};

describe('compareCounts', () => {
  it('tests NPS from the categories: 120/50/30 against 90/60/50 (hand-computed z 3.19, p 0.0014)', () => {
    const result = compareCounts(counts({ 10: 70, 9: 50, 8: 50, 3: 30 }), counts({ 9: 90, 7: 60, 0: 50 }));
    expect(result.nps).toEqual({ difference: 25, z: 3.19, pValue: 0.0014, significant: true });
    expect(result.lowSample).toBe(false);
  });

  it('tests CSAT on the share of 4–5 answers, and flags a side under 30 answers', () => {
    const result = compareCounts(counts({}, { 5: 100, 4: 70, 2: 30 }), counts({}, { 4: 150, 1: 50 }));
    expect(result.csat).toEqual({ difference: 10, z: 2.5, pValue: 0.0124, significant: true });
    expect(result.nps).toEqual({ difference: null, z: null, pValue: null, significant: false });
    expect(compareCounts(counts({ 9: 29 }), counts({ 9: 100 })).lowSample).toBe(true);
  });

  it('sums counts', () => {
    expect(sumCounts([counts({ 9: 1 }, { 5: 2 }), counts({ 9: 2, 0: 1 })])).toEqual(counts({ 9: 3, 0: 1 }, { 5: 2 }));
  });
});
