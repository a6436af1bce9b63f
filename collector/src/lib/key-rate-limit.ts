// Per-public-key limit: one site's key, read from its pages, cannot be used to flood the
// collector from many addresses. The key is public, though: a limit that refused every request
// once the key's budget was spent would let anyone lock a site's real visitors out by spending
// it. So the limit charges what each client spends: while a key is over its budget, only the
// clients that have sent more than a visitor's fair share in the window are refused, and a
// visitor who sends what visitors send (a config, a few answers, a few events) always gets in.
// Fixed one-minute windows, in memory, per process.

/** Requests per window a single client may always make on one key: several visitors' worth. */
export const FAIR_SHARE = 30;
/** Entries held before every window is dropped: memory stays bounded, and the limit fails open. */
const MAX_ENTRIES = 200_000;

interface Window {
  start: number;
  count: number;
  byClient: Map<string, number>;
}

export class KeyRateLimit {
  private windows = new Map<string, Window>();
  private entries = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly fairShare = FAIR_SHARE,
  ) {}

  /** Counts one request of `client` on `key`; returns seconds to wait when refused, else 0. */
  take(key: string, client: string, now = Date.now()): number {
    if (this.max <= 0) return 0;
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (w) this.entries -= w.byClient.size;
      if (this.entries > MAX_ENTRIES) {
        this.windows.clear();
        this.entries = 0;
      }
      w = { start: now, count: 0, byClient: new Map() };
      this.windows.set(key, w);
    }
    const mine = w.byClient.get(client) ?? 0;
    if (w.count >= this.max && mine >= this.fairShare) {
      return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    }
    if (mine === 0) this.entries++;
    w.byClient.set(client, mine + 1);
    w.count++;
    return 0;
  }
}
