// The local day of an instant, fast for instants in any order. lib/local-time.ts's localDay()
// remembers one day per zone, which suits answers arriving in time order; a billing history or a
// help desk's tickets jump across years, and each miss costs some hundred microseconds of Intl
// work, too much for 100,000 lines. Here a zone's UTC offset is remembered per hour: an hour with
// the same offset at both ends has it throughout (clocks change at most once within an hour), and
// the local day is then plain arithmetic. A test holds it to localDay() across clock changes.
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at `ms`, in ms, read from Intl (exact, slow). */
function offsetAt(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The zone's offset from UTC at `ms`, remembered per hour. */
export function zoneOffset(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  const known = zone.get(hour);
  if (known !== undefined) return known;
  const atStart = offsetAt(hour * HOUR_MS, timeZone);
  const atEnd = offsetAt((hour + 1) * HOUR_MS - 1000, timeZone);
  // The clocks change within this hour: exact for this instant, nothing remembered.
  if (atStart !== atEnd) return offsetAt(ms, timeZone);
  if (zone.size > 500_000) zone.clear();
  zone.set(hour, atStart);
  return atStart;
}

/** The local date ('YYYY-MM-DD') at `ms` in `timeZone`: what localDay() answers, faster in any order. */
export function localDayOf(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant a local day starts in `timeZone`: its midnight, or, where clocks skip midnight
 * (America/Santiago in September), the instant they jump to.
 */
export function localMidnight(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const first = utc - zoneOffset(utc, timeZone);
  const second = utc - zoneOffset(first, timeZone);
  const starts = (t: number) => localDayOf(t, timeZone) === day && localDayOf(t - 1, timeZone) !== day;
  return [Math.min(first, second), Math.max(first, second)].find(starts) ?? first;
}
