import { describe, expect, it } from 'vitest';
import type { TicketSchedule } from '@plaudit/shared';
import { addBusinessMs, businessMs, compileSchedule, localInstant } from './business-hours';

const HOUR = 3_600_000;
const nineToFive = [{ from: '09:00', to: '17:00' }];
const weekdays = (timezone: string, extra: Partial<TicketSchedule['week']> = {}, holidays: string[] = []) =>
  compileSchedule({ timezone, week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [], ...extra }, holidays });
const at = (iso: string) => Date.parse(iso);

describe('localInstant', () => {
  it.each([
    // Europe/Paris: CET (+1) until 2026-03-29 02:00, then CEST (+2) until 2026-10-25 03:00.
    ['an ordinary winter day', '2026-01-15', 9 * 60, 'Europe/Paris', '2026-01-15T08:00:00Z'],
    ['the day clocks go forward, after the change', '2026-03-29', 9 * 60, 'Europe/Paris', '2026-03-29T07:00:00Z'],
    ['the day clocks go forward, before the change', '2026-03-29', 60, 'Europe/Paris', '2026-03-29T00:00:00Z'],
    ['a skipped time, read with the earlier offset (02:30 as 03:30)', '2026-03-29', 150, 'Europe/Paris', '2026-03-29T01:30:00Z'],
    ['the day clocks go back: a time shown twice is its first occurrence', '2026-10-25', 150, 'Europe/Paris', '2026-10-25T00:30:00Z'],
    ['the day clocks go back, after the change', '2026-10-25', 9 * 60, 'Europe/Paris', '2026-10-25T08:00:00Z'],
    ['24:00 is the next midnight', '2026-03-29', 1440, 'Europe/Paris', '2026-03-29T22:00:00Z'],
    ['New York, summer', '2026-07-01', 9 * 60, 'America/New_York', '2026-07-01T13:00:00Z'],
  ])('%s', (_, day, minutes, tz, iso) => {
    expect(new Date(localInstant(day, minutes, tz)).toISOString()).toBe(new Date(iso).toISOString());
  });
});

describe('businessMs', () => {
  // Friday 27 March 2026 16:00 in Paris (15:00Z) to Monday 30 March 10:00 (08:00Z): the clocks went
  // forward on Sunday, so 65 calendar hours; inside Mon–Fri 09:00–17:00, Friday 16–17 and Monday 9–10.
  const friday = at('2026-03-27T15:00:00Z');
  const monday = at('2026-03-30T08:00:00Z');

  it('counts 2 business hours across a weekend and the clocks going forward (65 calendar hours)', () => {
    expect((monday - friday) / HOUR).toBe(65);
    expect(businessMs(friday, monday, weekdays('Europe/Paris')) / HOUR).toBe(2);
  });

  it('counts the 23 hours of a Sunday open around the clock the day clocks go forward', () => {
    // 1 (Friday) + 23 (Sunday 29 March, 00:00 to 24:00 local) + 1 (Monday).
    expect(businessMs(friday, monday, weekdays('Europe/Paris', { sun: [{ from: '00:00', to: '24:00' }] })) / HOUR).toBe(25);
  });

  it('counts the 25 hours of a Sunday open around the clock the day clocks go back', () => {
    // Saturday 24 October 2026 22:00Z (Sunday 00:00 CEST) to Sunday 25 October 23:00Z (Monday 00:00 CET).
    expect(businessMs(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), weekdays('Europe/Paris', { sun: [{ from: '00:00', to: '24:00' }] })) / HOUR).toBe(25);
  });

  it('counts nothing over a weekend', () => {
    expect(businessMs(at('2026-03-28T09:00:00Z'), at('2026-03-29T17:00:00Z'), weekdays('Europe/Paris'))).toBe(0);
  });

  it('skips holidays', () => {
    // Monday 30 March off: Friday 16–17 and Tuesday 9–10.
    expect(businessMs(friday, at('2026-03-31T08:00:00Z'), weekdays('Europe/Paris', {}, ['2026-03-30'])) / HOUR).toBe(2);
  });

  it('counts from the opening time when a ticket arrives before it', () => {
    // Monday 07:00 to 09:30 Paris (CEST): half an hour.
    expect(businessMs(at('2026-03-30T05:00:00Z'), at('2026-03-30T07:30:00Z'), weekdays('Europe/Paris')) / HOUR).toBe(0.5);
  });

  it('counts a lunch break out', () => {
    const split = compileSchedule({ timezone: 'America/New_York', week: { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] }, holidays: [] });
    // Monday 6 July 2026, 11:00 to 14:00 EDT (15:00Z to 18:00Z): 11–12 and 13–14.
    expect(businessMs(at('2026-07-06T15:00:00Z'), at('2026-07-06T18:00:00Z'), split) / HOUR).toBe(2);
  });

  it('reads the schedule in its own time zone, whatever the instants’ offsets', () => {
    // 09:00–17:00 in Tokyo (UTC+9) is 00:00–08:00Z: Monday 6 July 2026 from 06:00Z to 12:00Z holds 2 of them.
    expect(businessMs(at('2026-07-06T15:00:00+09:00'), at('2026-07-06T21:00:00+09:00'), weekdays('Asia/Tokyo')) / HOUR).toBe(2);
  });

  it('counts a fortnight of working days', () => {
    // Monday 2 to Monday 16 November 2026, 09:00 to 09:00 Paris: ten working days of 8 hours.
    expect(businessMs(at('2026-11-02T08:00:00Z'), at('2026-11-16T08:00:00Z'), weekdays('Europe/Paris')) / HOUR).toBe(80);
  });

  it('is 0 for an empty or backwards span', () => {
    expect(businessMs(monday, monday, weekdays('Europe/Paris'))).toBe(0);
    expect(businessMs(monday, friday, weekdays('Europe/Paris'))).toBe(0);
  });
});

describe('addBusinessMs', () => {
  const paris = weekdays('Europe/Paris');
  it.each([
    // Friday 27 March 2026 16:00 Paris; the clocks go forward on Sunday.
    ['within the same window', '2026-03-27T15:00:00Z', 0.5, '2026-03-27T15:30:00Z'],
    ['across the weekend and the change of clocks (Monday 10:00 CEST)', '2026-03-27T15:00:00Z', 2, '2026-03-30T08:00:00Z'],
    ['from before opening: Monday 09:00 CEST + 1 h', '2026-03-30T05:00:00Z', 1, '2026-03-30T08:00:00Z'],
    ['from a Saturday evening', '2026-03-28T18:00:00Z', 8, '2026-03-30T15:00:00Z'],
    ['nothing to add', '2026-03-28T18:00:00Z', 0, '2026-03-28T18:00:00Z'],
  ])('%s', (_, from, hours, iso) => {
    expect(new Date(addBusinessMs(at(from), hours * HOUR, paris)!).toISOString()).toBe(new Date(iso).toISOString());
  });

  it('skips holidays, and is businessMs inverted', () => {
    const offMonday = weekdays('Europe/Paris', {}, ['2026-03-30']);
    const end = addBusinessMs(at('2026-03-27T15:00:00Z'), 2 * HOUR, offMonday)!;
    expect(new Date(end).toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(businessMs(at('2026-03-27T15:00:00Z'), end, offMonday)).toBe(2 * HOUR);
  });

  it('gives up on a schedule without any window', () => {
    expect(addBusinessMs(at('2026-03-27T15:00:00Z'), HOUR, compileSchedule({ timezone: 'UTC', week: {} }), 30)).toBeNull();
  });
});
