/**
 * A version 4 UUID. randomUUID exists only in secure contexts, so plain-http pages build one from
 * getRandomValues: every 0, 1 and 8 of the template becomes a random hex digit, keeping the
 * version (4) and the variant (8–b).
 */
export function uuid(): string {
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
      (+d ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+d / 4)))).toString(16),
    )
  );
}

/** Visitor ids travel as the `visitor` field, which the collector restricts to this shape. */
export const VISITOR_ID = /^[\w-]{1,64}$/;

/** A visitor id: random enough to spread visitors evenly over sample buckets, and short. */
export function randomId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}
