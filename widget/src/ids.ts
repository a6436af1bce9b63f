/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits from
 * getRandomValues (which, unlike randomUUID, plain-http pages have too). Time-ordered ids keep
 * the collector's index on them append-only, so storing an answer dirties fewer pages.
 */
export function uuid(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  let i = 0;
  return 'tttttttt-tttt-7xxx-yxxx-xxxxxxxxxxxx'.replace(/[txy]/g, (c) =>
    c == 't'
      ? time[i++]!
      : ((crypto.getRandomValues(new Uint8Array(1))[0]! & (c == 'y' ? 3 : 15)) | (c == 'y' ? 8 : 0)).toString(16),
  );
}

/** Visitor ids travel as the `visitor` field, which the collector restricts to this shape. */
export const VISITOR_ID = /^[\w-]{1,64}$/;

/** A visitor id: random enough to spread visitors evenly over sample buckets, and short. */
export function randomId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}
