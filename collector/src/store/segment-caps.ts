// Segmented metrics keep per-day counters per attribute value (plan=pro, country=FR…). Each
// attribute of a site keeps its own row for at most MAX_SEGMENT_VALUES values; later new values
// are counted under OTHER_SEGMENT, so an id-like attribute (an order number) cannot make the table
// grow by a row per answer. Likewise only the first MAX_SEGMENT_ATTRIBUTES attribute names of a
// site are segmented at all, so made-up names cannot either. Admitted names and values are recorded
// in segment_values in the same transaction as the answer that brought them, and never removed: a
// value keeps its bucket for good, so removing an answer takes it out of the row it was added to.
export const MAX_SEGMENT_VALUES = 100;
export const MAX_SEGMENT_ATTRIBUTES = 50;
export const OTHER_SEGMENT = '(other)';

/** An attribute value as its segment's name: numbers and booleans as JavaScript writes them. */
export const segmentValue = (v: string | number | boolean): string => (typeof v === 'string' ? v : String(v));

/**
 * Names and values held in memory, all sites together, before the caches are dropped at the end
 * of a batch (segment_values holds them all). Anyone with a site's public key can send made-up
 * values, so what a cache holds must have a bound.
 */
export const MAX_CACHED_SEGMENT_VALUES = 50_000;
