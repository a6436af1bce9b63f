// Per-public-key limit: one site's key, read from its pages, cannot be used to flood the
// collector from many addresses. Fixed one-minute windows, in memory.
export class KeyRateLimit {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts `n` requests for `key`; returns seconds to wait when over the limit, else 0. */
  take(key: string, n = 1, now = Date.now()): number {
    if (this.max <= 0) return 0;
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += n;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }
}
