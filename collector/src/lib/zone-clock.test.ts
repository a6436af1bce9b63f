import { describe, expect, it } from 'vitest';
import { localDayOf, localMidnight, zoneOffset } from './zone-clock';

/** The reference: Intl's own calendar date, asked afresh each time. */
const intlDay = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

// Zones whose clocks change at 02:00 or 03:00, at midnight (Santiago), by half an hour (Lord
// Howe), never (Tokyo), or with a quarter-hour offset (Kathmandu).
const ZONES = ['Europe/Paris', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tokyo', 'Asia/Kathmandu', 'UTC'];

describe('localDayOf', () => {
  it.each(ZONES)('agrees with Intl every 15 minutes through 2026 in %s', (zone) => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    const mismatches: string[] = [];
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = to; ms >= from; ms -= 15 * 60_000) {
      const expected = reference.format(ms);
      if (localDayOf(ms, zone) !== expected) mismatches.push(`${new Date(ms).toISOString()}: ${localDayOf(ms, zone)} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('is right where midnight is skipped (Santiago, 6 September 2026: 00:00 becomes 01:00)', () => {
    expect(localDayOf(Date.parse('2026-09-06T03:45:00Z'), 'America/Santiago')).toBe(intlDay(Date.parse('2026-09-06T03:45:00Z'), 'America/Santiago'));
    expect(localDayOf(Date.parse('2026-09-06T03:45:00Z'), 'America/Santiago')).toBe('2026-09-05');
    expect(localDayOf(Date.parse('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('2026-09-06');
  });

  it('reads the offset of each side of a change of clocks', () => {
    // Paris, 29 March 2026: 01:59:59Z is 03:59:59 CEST, 00:59:59Z is 01:59:59 CET.
    expect(zoneOffset(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Paris')).toBe(3_600_000);
    expect(zoneOffset(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(7_200_000);
    // Lord Howe goes from +11 to +10:30 at 02:00 local on 5 April 2026 (15:00Z): a half-hour change.
    expect(zoneOffset(Date.parse('2026-04-04T14:59:00Z'), 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    expect(zoneOffset(Date.parse('2026-04-04T15:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * 3_600_000);
  });
});

describe('localMidnight', () => {
  it.each(ZONES)('is the first instant of every day of 2026 in %s', (zone) => {
    const wrong: string[] = [];
    for (let d = Date.parse('2026-01-01T00:00:00Z'); d < Date.parse('2027-01-01T00:00:00Z'); d += 86_400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      const t = localMidnight(day, zone);
      if (intlDay(t, zone) !== day || intlDay(t - 1000, zone) === day) wrong.push(`${day}: ${new Date(t).toISOString()}`);
    }
    expect(wrong).toEqual([]);
  });

  it('starts 6 September 2026 in Santiago at 01:00 local, when the clocks jump', () => {
    expect(new Date(localMidnight('2026-09-06', 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
