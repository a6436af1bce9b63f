import { describe, expect, it } from 'vitest';
import { FAIR_SHARE, KeyRateLimit } from './key-rate-limit';

describe('KeyRateLimit', () => {
  it('lets a visitor in while one client has spent the key’s whole budget', () => {
    const limit = new KeyRateLimit(100, 60_000);
    const now = 1_000_000;
    for (let i = 0; i < 100; i++) expect(limit.take('site', 'attacker', now)).toBe(0);
    // Over budget: the heavy client waits for the window to end…
    expect(limit.take('site', 'attacker', now + 1_000)).toBe(59);
    // …while visitors who send what visitors send keep getting in.
    for (let v = 0; v < 50; v++) {
      for (let i = 0; i < FAIR_SHARE; i++) expect(limit.take('site', `visitor-${v}`, now + 2_000)).toBe(0);
      expect(limit.take('site', `visitor-${v}`, now + 2_000)).toBeGreaterThan(0);
    }
  });

  it.each([
    ['under the budget, any client', 10, 'a', 0],
    ['over the budget, a client under its fair share', 200, 'b', 0],
    ['over the budget, the client that spent it', 200, 'a', 60],
  ])('%s', (_, spentByA, client, wait) => {
    const limit = new KeyRateLimit(100, 60_000);
    for (let i = 0; i < spentByA; i++) limit.take('site', 'a', 0);
    expect(limit.take('site', client, 0)).toBe(wait);
  });

  it('starts a new window after windowMs, and keys do not share budgets', () => {
    const limit = new KeyRateLimit(5, 60_000, 1);
    for (let i = 0; i < 5; i++) limit.take('one', 'a', 0);
    expect(limit.take('one', 'a', 1)).toBeGreaterThan(0);
    expect(limit.take('two', 'a', 1)).toBe(0);
    expect(limit.take('one', 'a', 60_000)).toBe(0);
  });

  it('is off at 0', () => {
    const limit = new KeyRateLimit(0);
    for (let i = 0; i < 1000; i++) expect(limit.take('site', 'a')).toBe(0);
  });
});
