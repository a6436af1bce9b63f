import { describe, expect, it } from 'vitest';
import { AT_RISK_POINTS, atRiskQuery, reasonsOf, scoreOf } from './at-risk';

const calm = { customerId: 'c', plan: null, mrr: null, since: 0, latestNps: 9, latestNpsAt: 0, previousNps: 10, latestUncontacted: false, recentTickets: 0, overdueTickets: 0 };

describe('scoreOf', () => {
  it.each([
    ['nothing holds', {}, 0],
    ['a detractor someone has contacted', { latestNps: 6, previousNps: 7 }, 30],
    ['a detractor nobody has contacted', { latestNps: 6, previousNps: 7, latestUncontacted: true }, 50],
    ['an uncontacted answer above 6 is no signal', { latestNps: 8, latestUncontacted: true }, 0],
    ['a detractor whose score fell by 4', { latestNps: 5, previousNps: 9 }, 50],
    ['a fall of exactly 3, still a passive', { latestNps: 7 }, 20],
    ['a fall of 2 is no signal', { latestNps: 8 }, 0],
    ['a single answer cannot fall', { latestNps: 3, previousNps: null }, 30],
    ['no answer at all, 3 tickets, one overdue', { latestNps: null, latestNpsAt: null, previousNps: null, recentTickets: 3, overdueTickets: 1 }, 30],
    ['two tickets are not many', { recentTickets: 2 }, 0],
    ['everything', { latestNps: 0, previousNps: 10, latestUncontacted: true, recentTickets: 5, overdueTickets: 2 }, 100],
  ])('%s', (_, facts, score) => {
    expect(scoreOf({ ...calm, ...facts })).toBe(score);
  });
});

describe('reasonsOf', () => {
  it('lists the signals that hold, most points first, in words', () => {
    expect(reasonsOf({ ...calm, latestNps: 2, latestNpsAt: Date.parse('2026-11-18T10:00:00Z'), latestUncontacted: true, recentTickets: 4 })).toEqual([
      { signal: 'detractor', points: 30, detail: 'latest answer 2 on 2026-11-18' },
      { signal: 'notContacted', points: 20, detail: 'not contacted since 2026-11-18' },
      { signal: 'scoreDrop', points: 20, detail: 'from 10 to 2' },
      { signal: 'manyTickets', points: 15, detail: '4 tickets in 30 days' },
    ]);
  });
});

describe('atRiskQuery', () => {
  it('turns the median first response into the instant before which an unanswered ticket is overdue', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    const q = atRiskQuery('st_1', now, 2 * 3_600_000, 50);
    expect(q.thresholds).toEqual({ scoreDrop: 3, manyTickets: 3, recentSince: Date.parse('2026-10-30T12:00:00Z'), overdueBefore: Date.parse('2026-11-29T10:00:00Z') });
    expect(q.points).toEqual(AT_RISK_POINTS);
    expect(atRiskQuery('st_1', now, null, 50).thresholds.overdueBefore).toBeNull();
  });
});
