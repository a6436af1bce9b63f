import { describe, expect, it } from 'vitest';
import { bucketRange, bucketStart, localDay, nextBucket, startOfLocalDay } from './local-time';

describe('local-time', () => {
  it.each([
    ['2026-03-01T23:30:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T23:30:00Z', 'Europe/Paris', '2026-03-02'],
    ['2026-03-02T03:00:00Z', 'America/New_York', '2026-03-01'],
    ['2026-03-01T11:00:00Z', 'Pacific/Kiritimati', '2026-03-02'],
  ])('localDay(%s, %s) = %s', (iso, tz, day) => {
    expect(localDay(Date.parse(iso), tz)).toBe(day);
  });

  it.each([
    ['2026-11-22', 'day', '2026-11-22'],
    ['2026-11-22', 'week', '2026-11-16'], // a Sunday belongs to the week starting Monday 16th
    ['2026-11-16', 'week', '2026-11-16'],
    ['2026-11-22', 'month', '2026-11-01'],
    ['2027-01-01', 'week', '2026-12-28'],
  ] as const)('bucketStart(%s, %s) = %s', (day, interval, start) => {
    expect(bucketStart(day, interval)).toBe(start);
  });

  it('steps months across year ends', () => {
    expect(nextBucket('2026-12-01', 'month')).toBe('2027-01-01');
    expect(bucketRange('2026-11-15', '2027-02-03', 'month', 100)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
  });

  it('refuses ranges past the bucket cap', () => {
    expect(bucketRange('2020-01-01', '2026-01-01', 'day', 1000)).toBeNull();
  });

  it.each([
    ['2026-07-01', 'Europe/Paris', '2026-06-30T22:00:00.000Z'],
    ['2026-01-15', 'Europe/Paris', '2026-01-14T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Paris', '2026-03-28T23:00:00.000Z'], // the day clocks go forward
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-05-05', 'UTC', '2026-05-05T00:00:00.000Z'],
  ])('startOfLocalDay(%s, %s)', (day, tz, iso) => {
    expect(new Date(startOfLocalDay(day, tz)).toISOString()).toBe(iso);
  });
});

describe('localDay cache', () => {
  it('answers the right day on both sides of a local midnight, in any order', () => {
    const tz = 'Europe/Paris';
    const beforeMidnight = Date.parse('2026-06-30T21:59:59.999Z');
    const afterMidnight = Date.parse('2026-06-30T22:00:00.000Z');
    expect(localDay(beforeMidnight, tz)).toBe('2026-06-30');
    expect(localDay(afterMidnight, tz)).toBe('2026-07-01');
    expect(localDay(beforeMidnight, tz)).toBe('2026-06-30');
    expect(localDay(Date.parse('2026-03-29T00:30:00Z'), tz)).toBe('2026-03-29');
    expect(localDay(Date.parse('2026-03-28T22:59:00Z'), tz)).toBe('2026-03-28');
  });
});
