import { describe, expect, it } from 'vitest';
import { npsFromCounts } from './scoring';
import { LOW_SAMPLE, compareNps, compareShares, meanWithInterval, normalCdf, quantile, npsInterval, tCritical95, wilsonInterval } from './statistics';

describe('npsInterval (adjusted Wald)', () => {
  it('agrees with the published example: n = 1,162, 291 promoters, 395 detractors', () => {
    // Sauro & Lewis / MeasuringU: NPS −8.95, plain Wald margin ±4.39; the adjusted interval is a
    // hair narrower and shifted towards 0 (hand-computed: p = 291.75/1165, d = 395.75/1165).
    const summary = npsFromCounts(291, 476, 395);
    expect(summary.score).toBe(-9);
    expect(((291 - 395) / 1162) * 100).toBeCloseTo(-8.95, 2);
    expect(summary.marginOfError).toBe(4.4);
    expect(npsInterval(291, 476, 395)).toEqual({ low: -13.3, high: -4.5 });
  });

  it.each([
    ['no answer', [0, 0, 0], null],
    ['ten promoters, clipped at 100', [10, 0, 0], { low: 47.5, high: 100 }],
    ['one detractor alone', [0, 0, 1], { low: -98.5, high: 48.5 }],
    ['five answers, balanced', [2, 1, 2], { low: -57.5, high: 57.5 }],
  ] as const)('%s', (_, [p, n, d], expected) => {
    expect(npsInterval(p, n, d)).toEqual(expected);
  });

  it('never leaves −100…100 and always holds the score', () => {
    for (const [p, n, d] of [[0, 0, 30], [30, 0, 0], [1, 28, 1], [500, 0, 1]]) {
      const interval = npsInterval(p!, n!, d!)!;
      const score = ((p! - d!) / (p! + n! + d!)) * 100;
      expect(interval.low).toBeGreaterThanOrEqual(-100);
      expect(interval.high).toBeLessThanOrEqual(100);
      expect(interval.low).toBeLessThanOrEqual(score);
      expect(interval.high).toBeGreaterThanOrEqual(score);
    }
  });
});

describe('wilsonInterval', () => {
  it.each([
    [8, 10, { low: 49, high: 94.3 }],
    [0, 5, { low: 0, high: 43.4 }],
    [450, 500, { low: 87.1, high: 92.3 }],
    [0, 0, null],
  ])('%i of %i', (successes, n, expected) => {
    expect(wilsonInterval(successes, n)).toEqual(expected);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1.959963984540054, 0.025],
    [3, 0.99865],
  ])('Φ(%d) ≈ %d', (x, p) => expect(normalCdf(x)).toBeCloseTo(p, 5));
});

describe('compareNps', () => {
  it.each([
    ['a clear rise, n = 200 each', [120, 50, 30], [90, 60, 50], { difference: 25, z: 3.19, pValue: 0.0014, significant: true }],
    ['a rise on ten answers each: not significant', [6, 2, 2], [4, 3, 3], { difference: 30, z: 0.73, pValue: 0.4628, significant: false }],
    ['no answer on one side', [6, 2, 2], [0, 0, 0], { difference: null, z: null, pValue: null, significant: false }],
  ] as const)('%s', (_, current, previous, expected) => {
    expect(compareNps([...current], [...previous])).toEqual(expected);
  });
});

describe('compareShares', () => {
  it('tests the share of satisfied answers with a pooled two-proportion z', () => {
    expect(compareShares({ successes: 170, n: 200 }, { successes: 150, n: 200 })).toEqual({ difference: 10, z: 2.5, pValue: 0.0124, significant: true });
    expect(compareShares({ successes: 3, n: 3 }, { successes: 5, n: 5 })).toEqual({ difference: 0, z: null, pValue: null, significant: false });
  });

  it('flags samples under 30', () => expect(LOW_SAMPLE).toBe(30));
});

describe('tCritical95', () => {
  // Published two-sided 95% critical values of Student's t.
  it.each([
    [1, 12.706],
    [4, 2.776],
    [30, 2.042],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
    [100000, 1.96],
  ])('df %i → %f', (df, t) => expect(tCritical95(df)).toBeCloseTo(t, 3));
});

describe('meanWithInterval (t interval of a rating)', () => {
  // Hand-computed: mean ± t(0.975, n − 1) × s / √n, two decimals, clipped to the scale.
  it.each([
    ['no answers', [0, 0, 0, 0, 0], null, null],
    ['one answer: a mean, no interval', [0, 0, 0, 0, 0, 0, 1], 7, null],
    ['4 and 5: t(1) is huge, clipped to 1…5', [0, 0, 0, 1, 1], 4.5, { low: 1, high: 5 }],
    ['1 to 5 once each: s² = 2.5, t(4) = 2.7764, half 1.9632', [1, 1, 1, 1, 1], 3, { low: 1.04, high: 4.96 }],
    ['ten of each: s² = 100/49, t(49) = 2.0096, half 0.4060', [10, 10, 10, 10, 10], 3, { low: 2.59, high: 3.41 }],
    ['all sevens on 1–7: no spread', [0, 0, 0, 0, 0, 0, 12], 7, { low: 7, high: 7 }],
  ])('%s', (_name, distribution, mean, interval) => {
    expect(meanWithInterval(distribution)).toEqual({ mean, interval });
  });
});

describe('quantile (type 7)', () => {
  // Hand-computed: h = (n − 1) q, then interpolate between ranks ⌊h⌋ and ⌊h⌋ + 1 (0-based).
  it.each([
    ['no values', [], 0.5, Number.NaN],
    ['one value', [7], 0.9, 7],
    ['median of an odd count', [1, 3, 9], 0.5, 3],
    ['median of an even count: mean of the middle two', [1, 3, 9, 11], 0.5, 6],
    ['p90 of 1…10: h = 8.1 → 9 + 0.1', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    ['p90 of four: h = 2.7 → 9 + 0.7 × 2', [1, 3, 9, 11], 0.9, 10.4],
    ['q = 0 and 1 are the ends', [2, 4, 8], 1, 8],
  ])('%s', (_name, values, q, expected) => {
    if (Number.isNaN(expected)) expect(quantile(values, q)).toBeNaN();
    else expect(quantile(values, q)).toBeCloseTo(expected, 10);
  });
});
