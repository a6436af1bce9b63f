import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelay, retrySpan } from './schedule';

describe('retryDelay', () => {
  it.each([
    [1, 5_000],
    [2, 300_000],
    [3, 1_800_000],
    [4, 7_200_000],
    [5, 18_000_000],
    [6, 36_000_000],
    [7, 36_000_000],
  ])('after failure %i waits %i ms (no jitter)', (attempts, ms) => {
    expect(retryDelay(attempts, 5_000, () => 0.5)).toBe(ms);
  });

  it('stops after eight attempts, spread over more than a day', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(retryDelay(8, 5_000)).toBeNull();
    // 19,861 steps of 5 s: 27.6 hours.
    expect(retrySpan(5_000)).toBe('28 hours');
    expect(retrySpan(10)).toBe('3 minutes');
    expect(retrySpan(100)).toBe('33 minutes');
  });

  it('jitters by ±20 % and scales with the base', () => {
    expect(retryDelay(1, 5_000, () => 0)).toBe(4_000);
    expect(retryDelay(1, 5_000, () => 1)).toBe(6_000);
    expect(retryDelay(2, 10, () => 0.5)).toBe(600);
  });
});
