// Calendar days in a site's time zone. Days are 'YYYY-MM-DD' strings, which sort and compare
// as dates and are what the rollup table is keyed by.
import type { Interval } from '@plaudit/shared';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

// Every answer needs its local day: remember, per zone, the day last computed and the instants
// it spans, so the formatter runs about once a day per zone instead of once per answer.
const dayCache = new Map<string, { day: string; start: number; end: number }>();

/** The local date at instant `ms` in `timeZone`. */
export function localDay(ms: number, timeZone: string): string {
  const hit = dayCache.get(timeZone);
  if (hit && ms >= hit.start && ms < hit.end) return hit.day;
  const day = formatterFor(timeZone).format(ms);
  const start = startOfLocalDay(day, timeZone);
  const end = startOfLocalDay(addDays(day, 1), timeZone);
  // Guard against an inconsistent span (it cannot contain ms): then do not cache.
  if (ms >= start && ms < end) {
    if (dayCache.size > 1000) dayCache.clear();
    dayCache.set(timeZone, { day, start, end });
  }
  return day;
}

const DAY_MS = 86_400_000;

function toUtcMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtcMs(toUtcMs(day) + n * DAY_MS);
}

/** The first day of the bucket containing `day`: itself, its ISO week's Monday, or the 1st. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = new Date(toUtcMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function nextBucket(start: string, interval: Interval): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const d = new Date(toUtcMs(start));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return fromUtcMs(d.getTime());
}

/** Every bucket start from the bucket of `from` to the bucket of `to`, inclusive; null past `max`. */
export function bucketRange(from: string, to: string, interval: Interval, max: number): string[] | null {
  const out: string[] = [];
  const last = bucketStart(to, interval);
  for (let b = bucketStart(from, interval); b <= last; b = nextBucket(b, interval)) {
    if (out.length >= max) return null;
    out.push(b);
  }
  return out;
}

/** The UTC instant at which local day `day` starts in `timeZone` (handles DST shifts). */
export function startOfLocalDay(day: string, timeZone: string): number {
  // Guess midnight UTC, then correct by the zone's offset at that guess; twice covers DST edges.
  let guess = toUtcMs(day);
  for (let i = 0; i < 2; i++) {
    const offset = zoneOffsetMs(guess, timeZone);
    guess = toUtcMs(day) - offset;
  }
  return guess;
}

function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}
