// Failed sign-ins, counted in memory per process (like the other rate limits; see the README's
// table of what stays per process). Three keys, so that an attacker pays for guesses without
// locking out the account's owner: an account from one address (5 failures per 15 minutes), one
// address across accounts (30), and an account from everywhere (100 per hour: a spread attack is
// slowed; its owner, signing in from elsewhere, only past that).
interface Rule {
  limit: number;
  windowMs: number;
}

const RULES = {
  accountAddress: { limit: 5, windowMs: 15 * 60_000 },
  address: { limit: 30, windowMs: 15 * 60_000 },
  account: { limit: 100, windowMs: 60 * 60_000 },
} satisfies Record<string, Rule>;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  private keys(account: string, address: string): [string, Rule][] {
    const a = account.toLowerCase();
    return [
      [`aa\u0000${a}\u0000${address}`, RULES.accountAddress],
      [`ad\u0000${address}`, RULES.address],
      [`ac\u0000${a}`, RULES.account],
    ];
  }

  /** Milliseconds until a try is allowed again, or 0 now. */
  retryAfter(account: string, address: string, now: number): number {
    let wait = 0;
    for (const [key, rule] of this.keys(account, address)) {
      const recent = (this.failures.get(key) ?? []).filter((t) => t > now - rule.windowMs);
      if (recent.length >= rule.limit) wait = Math.max(wait, recent[0]! + rule.windowMs - now);
    }
    return wait;
  }

  fail(account: string, address: string, now: number): void {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const [key, rule] of this.keys(account, address)) {
      const recent = (this.failures.get(key) ?? []).filter((t) => t > now - rule.windowMs);
      recent.push(now);
      this.failures.set(key, recent.slice(-rule.limit));
    }
  }

  /** A success clears the account's count from this address only. */
  succeed(account: string, address: string): void {
    this.failures.delete(this.keys(account, address)[0]![0]);
  }
}
