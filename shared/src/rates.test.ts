import { describe, expect, it } from 'vitest';
import { MEDIAN, P90, benjaminiHochberg, binomialUpperTail, churnRates, interpolate, quantileRanks, risingCountPValue } from './rates';
import { quantile } from './statistics';

describe('churnRates', () => {
  it.each([
    // Nothing at all: every rate is null, none is infinite.
    ['an empty period', { customersAtStart: 0, acquired: 0, lost: 0, retained: 0 }, { churnRate: null, lostPerAcquired: null, retentionRate: null }],
    // 2 of 10 left, nobody came: 2/10 = 20 %, lost ÷ acquired has no denominator (null, not ∞).
    ['no acquisition', { customersAtStart: 10, acquired: 0, lost: 2, retained: 8 }, { churnRate: 20, lostPerAcquired: null, retentionRate: 80 }],
    // 6 losses (3 of them customers acquired in the period) on a base of 3: 200 %; 6/4 = 150; 1/3 = 33.3.
    ['a shrinking small base', { customersAtStart: 3, acquired: 4, lost: 6, retained: 1 }, { churnRate: 200, lostPerAcquired: 150, retentionRate: 33.3 }],
    // A period that starts empty: acquisitions and a same-period loss, churn rate null.
    ['no customer at the start', { customersAtStart: 0, acquired: 2, lost: 1, retained: 0 }, { churnRate: null, lostPerAcquired: 50, retentionRate: null }],
    // 1/8 = 12.5 %: rounded half away from zero like every percentage.
    ['a half to round', { customersAtStart: 8, acquired: 8, lost: 1, retained: 7 }, { churnRate: 12.5, lostPerAcquired: 12.5, retentionRate: 87.5 }],
  ])('%s', (_, counts, expected) => {
    expect(churnRates(counts)).toEqual(expected);
  });

  it('adds the revenue churn when MRR is known: 125.50 of 1,000.00 is 12.55 %, rounded to 12.6', () => {
    expect(churnRates({ customersAtStart: 10, acquired: 1, lost: 1, retained: 9, mrrAtStart: 1000, mrrLost: 125.5 }).mrrChurnRate).toBe(12.6);
    expect(churnRates({ customersAtStart: 0, acquired: 1, lost: 0, retained: 0, mrrAtStart: 0, mrrLost: 0 }).mrrChurnRate).toBeNull();
    expect('mrrChurnRate' in churnRates({ customersAtStart: 1, acquired: 0, lost: 0, retained: 1 })).toBe(false);
  });
});

describe('percentiles from ranks (type 7)', () => {
  // Hand-computed: h = (n − 1) q; the value at rank ⌊h⌋ plus (h − ⌊h⌋) of the step to the next.
  it.each([
    ['median of 4 (even: mean of the middle two)', [1, 2, 3, 4], MEDIAN, 2.5],
    ['p90 of 4: h = 2.7 → 3 + 0.7 × 1', [1, 2, 3, 4], P90, 3.7],
    ['median of 5 (odd: the middle one)', [1, 2, 3, 4, 5], MEDIAN, 3],
    ['p90 of 5: h = 3.6 → 4 + 0.6 × 1', [1, 2, 3, 4, 5], P90, 4.6],
    ['median of 2 hours and 10 hours', [2, 10], MEDIAN, 6],
    ['p90 of 2 and 10: h = 0.9 → 2 + 0.9 × 8', [2, 10], P90, 9.2],
    ['one value', [7], P90, 7],
  ])('%s', (_, values, q, expected) => {
    const { low, high, fraction } = quantileRanks(values.length, q);
    expect(interpolate(values[low]!, values[high]!, fraction)).toBeCloseTo(expected, 10);
  });

  it('agrees with statistics.quantile, the definition the rest of the API uses', () => {
    const sorted = [0.5, 1, 1, 3, 8, 13, 21, 34, 55, 89, 144];
    for (let n = 1; n <= sorted.length; n++) {
      const values = sorted.slice(0, n);
      for (const q of [MEDIAN, P90]) {
        const { low, high, fraction } = quantileRanks(n, q);
        expect(interpolate(values[low]!, values[high]!, fraction)).toBeCloseTo(quantile(values, q.num / q.den), 10);
      }
    }
  });

  it('refuses an empty set', () => expect(() => quantileRanks(0, MEDIAN)).toThrow(RangeError));
});

describe('risingCountPValue (exact conditional test of two Poisson counts)', () => {
  // Hand-computed (outside the code, with exact fractions): Binomial(12, ½) P(X ≥ 10) = (66 + 12 + 1) / 4096.
  it('10 tickets against 2 over equal periods: p = 79/4096', () => expect(risingCountPValue(10, 2)).toBeCloseTo(79 / 4096, 12));
  // Binomial(100, ½) P(X ≥ 60) = 0.028443966820…
  it('60 against 40: p = 0.02844', () => expect(risingCountPValue(60, 40)).toBeCloseTo(0.028443966820490395, 10));
  // A 31-day month against a 30-day one: p = 31/61 per event; 3 against 0 gives (31/61)³.
  it('weighs each period by its length', () => expect(risingCountPValue(3, 0, 31, 30)).toBeCloseTo((31 / 61) ** 3, 12));
  // Binomial(12, 31/61) P(X ≥ 10) = 0.022084750…: longer periods make growth less surprising.
  it('10 against 2, 31 days against 30', () => expect(risingCountPValue(10, 2, 31, 30)).toBeCloseTo(0.022084750453231758, 10));
  it('nothing in either period is no evidence', () => expect(risingCountPValue(0, 0)).toBe(1));
  it('a fall is never significant', () => expect(risingCountPValue(2, 10)).toBeGreaterThan(0.99));
  it('stays finite on large counts', () => {
    const p = binomialUpperTail(5200, 10_000, 0.5);
    // Normal approximation with continuity correction: z = (5199.5 − 5000) / 50 = 3.99 → 3.3e-5.
    expect(p).toBeGreaterThan(2e-5);
    expect(p).toBeLessThan(5e-5);
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts p-values by rank and keeps them monotone', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): × 4/1, 4/2, 4/3, 4/4 = 0.02, 0.02, 0.04, 0.04;
    // then the running minimum from the largest down leaves them as they are.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 12));
  });

  it('caps at 1 and handles nothing', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
