// Business hours: how much of the time between two instants falls inside a support team's weekly
// schedule, in the schedule's own time zone, holidays left out. This is how Zendesk counts its
// business-hours variants of first reply and resolution time: the real elapsed time inside the
// schedule's local windows, so a 09:00–17:00 day is 8 hours on the day clocks change too, and a
// day open around the clock is 23 or 25 hours then.
import type { TicketSchedule, Weekday } from '@plaudit/shared';
import { addDays } from '../lib/local-time';
import { localDayOf, localMidnight } from '../lib/zone-clock';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Date.getUTCDay() → the schedule's day names. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "09:30" → 570; "24:00" → 1440. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A schedule made ready to use: windows in minutes per weekday, holidays as a set. */
export interface CompiledSchedule {
  timezone: string;
  windows: Record<Weekday, [number, number][]>;
  holidays: ReadonlySet<string>;
}

export function compileSchedule(s: { timezone: string; week: Partial<TicketSchedule['week']>; holidays?: readonly string[] }): CompiledSchedule {
  const windows = Object.fromEntries(WEEKDAYS.map((d) => [d, (s.week[d] ?? []).map((w) => [minutesOf(w.from), minutesOf(w.to)] as [number, number])])) as Record<Weekday, [number, number][]>;
  return { timezone: s.timezone, windows, holidays: new Set(s.holidays ?? []) };
}

// Local midnights and wall-clock minutes of days whose clocks change, per zone: a ticket's span
// crosses the same few hundred days as every other ticket's.
const dayStarts = new Map<string, number>();
function dayStart(day: string, timezone: string): number {
  const key = `${timezone}\u0000${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = localMidnight(day, timezone);
    if (dayStarts.size > 200_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();
/** Minutes since local midnight that the wall clock of `timezone` shows at `ms`. */
function wallClockMinutes(ms: number, timezone: string): number {
  let f = wallClocks.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    wallClocks.set(timezone, f);
  }
  const parts = f.formatToParts(ms);
  return Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
}

/**
 * The instant at which the local clock of `timezone` reads `minutes` past midnight on `day`
 * (1440: the next midnight). On a day whose clocks change, a time they show twice is its first
 * occurrence, and a time they skip is read with the offset before the change (02:30 as 03:30).
 */
export function localInstant(day: string, minutes: number, timezone: string): number {
  if (minutes >= 1440) return dayStart(addDays(day, 1), timezone);
  const start = dayStart(day, timezone);
  const guess = start + minutes * MINUTE_MS;
  if (dayStart(addDays(day, 1), timezone) - start === DAY_MS) return guess;
  // The clocks change this day: correct the guess by what the wall clock shows there.
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const shown = wallClockMinutes(at, timezone);
    if (shown === minutes) break;
    const corrected = at + (minutes - shown) * MINUTE_MS;
    // A skipped time: no instant shows it, keep the reading with the earlier offset.
    if (wallClockMinutes(corrected, timezone) !== minutes) break;
    at = corrected;
  }
  return at;
}

/** Milliseconds of [from, to) inside the schedule's windows; 0 when `to` is not after `from`. */
export function businessMs(from: number, to: number, schedule: CompiledSchedule): number {
  if (!(to > from)) return 0;
  const tz = schedule.timezone;
  const last = localDayOf(to, tz);
  let total = 0;
  for (let day = localDayOf(from, tz); day <= last; day = addDays(day, 1)) {
    if (schedule.holidays.has(day)) continue;
    const windows = schedule.windows[WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!];
    for (const [open, close] of windows) {
      const start = localInstant(day, open, tz);
      const end = localInstant(day, close, tz);
      const overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * The instant at which `ms` of business time has passed since `from` (its inverse:
 * businessMs(from, addBusinessMs(from, ms)) is ms); `from` itself for 0, null when the schedule
 * has no window within `maxDays` local days.
 */
export function addBusinessMs(from: number, ms: number, schedule: CompiledSchedule, maxDays = 366): number | null {
  if (!(ms > 0)) return from;
  const tz = schedule.timezone;
  let left = ms;
  let day = localDayOf(from, tz);
  for (let i = 0; i <= maxDays; i++, day = addDays(day, 1)) {
    if (schedule.holidays.has(day)) continue;
    for (const [open, close] of schedule.windows[WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!]) {
      const start = Math.max(localInstant(day, open, tz), from);
      const end = localInstant(day, close, tz);
      if (end <= start) continue;
      if (end - start >= left) return start + left;
      left -= end - start;
    }
  }
  return null;
}
