import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const MIN = 60_000;

describe('LoginThrottle', () => {
  it('stops an account from one address after 5 failures for 15 minutes, not its owner elsewhere', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) {
      expect(t.retryAfter('ada@x.example', '1.2.3.4', i)).toBe(0);
      t.fail('ada@x.example', '1.2.3.4', i);
    }
    expect(t.retryAfter('ADA@x.example', '1.2.3.4', 10)).toBe(15 * MIN - 10);
    expect(t.retryAfter('ada@x.example', '5.6.7.8', 10)).toBe(0);
    expect(t.retryAfter('ada@x.example', '1.2.3.4', 15 * MIN)).toBe(0);
  });

  it('stops an address after 30 failures across accounts, and an account after 100 from anywhere', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 30; i++) t.fail(`user${i}@x.example`, '9.9.9.9', 0);
    expect(t.retryAfter('new@x.example', '9.9.9.9', 1)).toBeGreaterThan(0);
    const u = new LoginThrottle();
    for (let i = 0; i < 100; i++) u.fail('target@x.example', `10.0.${i >> 8}.${i & 255}`, 0);
    expect(u.retryAfter('target@x.example', '8.8.8.8', 1)).toBe(60 * MIN - 1);
  });

  it('forgets an address’s failures on success', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 4; i++) t.fail('ada@x.example', '1.2.3.4', 0);
    t.succeed('ada@x.example', '1.2.3.4');
    t.fail('ada@x.example', '1.2.3.4', 1);
    expect(t.retryAfter('ada@x.example', '1.2.3.4', 2)).toBe(0);
  });
});
