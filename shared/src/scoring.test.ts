import { describe, expect, it } from 'vitest';
import {
  churn,
  csatFromDistribution,
  npsCategory,
  npsFromCounts,
  npsFromDistribution,
  percent1,
  responseRate,
  roundTo,
} from './scoring';

describe('npsCategory', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('%i is a %s', (score, category) => {
    expect(npsCategory(score)).toBe(category);
  });

  it.each([-1, 11, 9.5, Number.NaN])('refuses %s', (score) => {
    expect(() => npsCategory(score)).toThrow(RangeError);
  });
});

describe('npsFromCounts', () => {
  it.each([
    // promoters, passives, detractors, score, marginOfError
    [0, 0, 0, null, null],
    [0, 0, 5, -100, 0],
    [7, 0, 0, 100, 0],
    [0, 3, 0, 0, 0],
    [1, 0, 1, 0, 138.6],
    [50, 30, 20, 30, 15.3],
    [1, 6, 1, 0, 34.6],
    // 1/8 = 12.5 exactly; 1/16 = 6.25 rounds half away from zero to 6.3
    [1, 7, 0, 12.5, 22.9],
    [1, 15, 0, 6.3, 11.9],
    [0, 15, 1, -6.3, 11.9],
    // 2/3 = 66.666… → 66.7
    [2, 1, 0, 66.7, 53.3],
  ] as const)('p=%i passive=%i d=%i → %s ± %s', (p, pa, d, score, moe) => {
    const s = npsFromCounts(p, pa, d);
    expect(s.score).toBe(score);
    expect(s.marginOfError).toBe(moe);
    expect(s.responses).toBe(p + pa + d);
  });

  it('never returns NaN or -0', () => {
    const s = npsFromCounts(1, 0, 1);
    expect(Object.is(s.score, -0)).toBe(false);
    expect(Number.isNaN(s.score)).toBe(false);
  });
});

describe('npsFromDistribution', () => {
  it('buckets 0–6, 7–8 and 9–10', () => {
    const s = npsFromDistribution([1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3]);
    expect(s).toMatchObject({ detractors: 7, passives: 4, promoters: 6, responses: 17, score: -5.9 });
  });

  it('treats a short distribution as zeros', () => {
    expect(npsFromDistribution([]).score).toBeNull();
  });
});

describe('csatFromDistribution', () => {
  it.each([
    // 1s, 2s, 3s, 4s, 5s → score, mean
    [[0, 0, 0, 0, 0], null, null],
    [[1, 0, 0, 0, 0], 0, 1],
    [[0, 0, 0, 0, 4], 100, 5],
    [[1, 1, 1, 1, 1], 40, 3],
    [[0, 0, 1, 1, 1], 66.7, 4],
    // mean 29/8 = 3.625 → 3.63, score 5/8 = 62.5
    [[1, 1, 1, 2, 3], 62.5, 3.63],
    [[0, 0, 7, 0, 1], 12.5, 3.25],
    // 1/16 = 6.25% → 6.3; mean 50/16 = 3.125 → 3.13
    [[0, 0, 15, 0, 1], 6.3, 3.13],
  ] as const)('%j → %s%% mean %s', (dist, score, mean) => {
    const s = csatFromDistribution(dist);
    expect(s.score).toBe(score);
    expect(s.mean).toBe(mean);
    expect(s.distribution).toEqual([...dist]);
  });
});

describe('rounding helpers', () => {
  it.each([
    [1, 8, 12.5],
    [1, 16, 6.3],
    [-1, 16, -6.3],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 0, null],
  ] as const)('percent1(%i, %i) = %s', (a, b, expected) => {
    expect(percent1(a, b)).toBe(expected);
  });

  it.each([
    [1.005, 2, 1.01],
    [1.25, 1, 1.3],
    [-1.25, 1, -1.3],
    [15.2999, 1, 15.3],
  ] as const)('roundTo(%s, %i) = %s', (v, d, expected) => {
    expect(roundTo(v, d)).toBe(expected);
  });
});

describe('rates', () => {
  it('responseRate is null without impressions', () => {
    expect(responseRate(3, 0)).toBeNull();
    expect(responseRate(1, 3)).toBe(33.3);
  });

  it.each([
    // lost, acquired, atStart → lostPerAcquired, lostPerStart
    [5, 20, 100, 25, 5],
    [5, 0, 100, null, 5],
    [0, 10, 0, 0, null],
    [30, 20, 200, 150, 15],
  ] as const)('churn(%i, %i, %i)', (lost, acquired, atStart, perAcquired, perStart) => {
    expect(churn(lost, acquired, atStart)).toEqual({ lostPerAcquired: perAcquired, lostPerStart: perStart });
  });
});
