// Reports that take a second or more on a large site (churn, ticket metrics, customers at risk:
// every billing event or ticket of the site read on the reader thread) are kept a short while per
// site and question. The same question asked again, or while it is being worked out, costs
// nothing more: ten tabs, or a client asking in a loop, start one reading, not ten (the work a
// caller can make the collector do is bounded by the questions, not by the requests). A change
// to the site drops its answers at once (ReportCache.drop), so an owner who imports tickets or
// marks a detractor contacted sees it on the next read; new answers from the widget show within
// `ttlMs`.

export class ReportCache {
  private readonly entries = new Map<string, { siteId: string; at: number; value: Promise<unknown> }>();
  /** Per site, how many times its answers were dropped: a reading begun before a drop is not kept. */
  private readonly drops = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 500,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer to `question` on `siteId`: kept, being worked out, or worked out now by `compute`. */
  get<T>(siteId: string, question: string, compute: () => Promise<T>): Promise<T> {
    const key = `${siteId}\n${question}`;
    const now = this.now();
    const kept = this.entries.get(key);
    if (kept && now - kept.at < this.ttlMs) return kept.value as Promise<T>;
    const value = compute();
    const entry = { siteId, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    const drops = this.drops.get(siteId) ?? 0;
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    // A failure is not an answer, and a reading begun before a change is not kept after it.
    value.then(() => (this.drops.get(siteId) ?? 0) !== drops && forget(), forget);
    // Oldest first out (a Map keeps insertion order).
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets every answer about the site. */
  drop(siteId: string): void {
    this.drops.set(siteId, (this.drops.get(siteId) ?? 0) + 1);
    for (const [key, entry] of this.entries) if (entry.siteId === siteId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
