// Which active customers may leave next, and why: a score of points, one line per signal. The
// store adds up the points in SQL over every active customer (store/at-risk-query.ts) so that
// only the first page ever leaves the database; scoreOf() here is the same sum, the definition a
// test holds the SQL to, and reasonsOf() says in words why each signal holds.
//
// The points are a deliberate, readable weighting rather than a fitted model: the latest answer of
// a detractor is the signal the NPS literature ties most to leaving (30); nobody has contacted them
// since that answer, the one signal the owner can clear today by calling (20); a fall of 3 points
// or more between a customer's last two answers says the relation is getting worse, even above 6
// (20); an unanswered ticket waiting longer than the site's median first response is a service
// failure happening now (15); three tickets or more in 30 days, a customer who keeps needing help
// (15). The score is their sum, out of 100.
//
// Another signal joins with one line here (its points and words) and one condition in
// store/at-risk-query.ts (SIGNAL_SQL) on a fact that query reads; the signal's name joins
// AT_RISK_SIGNALS in shared/src/schemas/customers.ts.
import type { AtRiskSignal } from '@plaudit/shared';
import type { AtRiskFacts, AtRiskStoreQuery } from '../store/types';

export const AT_RISK_THRESHOLDS = {
  /** A fall of at least this many points between the last two NPS answers. */
  scoreDrop: 3,
  /** At least this many tickets opened in the last `recentDays` days. */
  manyTickets: 3,
  recentDays: 30,
  /** The median first-response time is taken over the tickets of this many days. */
  medianDays: 90,
} as const;

type Facts = Omit<AtRiskFacts, 'score'>;

interface SignalRule {
  signal: AtRiskSignal;
  points: number;
  description: string;
  holds: (f: Facts) => boolean;
  detail: (f: Facts) => string;
}

const day = (ms: number | null) => (ms === null ? '?' : new Date(ms).toISOString().slice(0, 10));

export const AT_RISK_RULES: readonly SignalRule[] = [
  {
    signal: 'detractor',
    points: 30,
    description: 'Their latest NPS answer is a detractor’s (0–6).',
    holds: (f) => f.latestNps !== null && f.latestNps <= 6,
    detail: (f) => `latest answer ${f.latestNps} on ${day(f.latestNpsAt)}`,
  },
  {
    signal: 'notContacted',
    points: 20,
    description: 'Nobody has contacted them since that detractor’s answer (its follow-up has no first contact and is not set aside).',
    holds: (f) => f.latestNps !== null && f.latestNps <= 6 && f.latestUncontacted,
    detail: (f) => `not contacted since ${day(f.latestNpsAt)}`,
  },
  {
    signal: 'scoreDrop',
    points: 20,
    description: `Their NPS answer fell by ${AT_RISK_THRESHOLDS.scoreDrop} points or more from the one before.`,
    holds: (f) => f.latestNps !== null && f.previousNps !== null && f.previousNps - f.latestNps >= AT_RISK_THRESHOLDS.scoreDrop,
    detail: (f) => `from ${f.previousNps} to ${f.latestNps}`,
  },
  {
    signal: 'overdueTicket',
    points: 15,
    description: 'A ticket of theirs has waited for a first reply longer than the site’s median first-response time.',
    holds: (f) => f.overdueTickets > 0,
    detail: (f) => `${f.overdueTickets} ticket${f.overdueTickets === 1 ? '' : 's'} waiting past the median first response`,
  },
  {
    signal: 'manyTickets',
    points: 15,
    description: `They opened ${AT_RISK_THRESHOLDS.manyTickets} tickets or more in the last ${AT_RISK_THRESHOLDS.recentDays} days.`,
    holds: (f) => f.recentTickets >= AT_RISK_THRESHOLDS.manyTickets,
    detail: (f) => `${f.recentTickets} tickets in ${AT_RISK_THRESHOLDS.recentDays} days`,
  },
];

export const AT_RISK_POINTS = Object.fromEntries(AT_RISK_RULES.map((r) => [r.signal, r.points])) as Record<AtRiskSignal, number>;

/** The score: the points of the signals that hold. */
export function scoreOf(f: Facts): number {
  return AT_RISK_RULES.reduce((sum, r) => sum + (r.holds(f) ? r.points : 0), 0);
}

/** The signals that hold, most points first, in words. */
export function reasonsOf(f: Facts): { signal: AtRiskSignal; points: number; detail: string }[] {
  return AT_RISK_RULES.filter((r) => r.holds(f))
    .sort((a, b) => b.points - a.points)
    .map((r) => ({ signal: r.signal, points: r.points, detail: r.detail(f) }));
}

/** What the store ranks by, at `now`, given the site's median first-response time (ms) if known. */
export function atRiskQuery(siteId: string, now: number, medianFirstResponseMs: number | null, limit: number): AtRiskStoreQuery {
  return {
    siteId,
    points: AT_RISK_POINTS,
    thresholds: {
      scoreDrop: AT_RISK_THRESHOLDS.scoreDrop,
      manyTickets: AT_RISK_THRESHOLDS.manyTickets,
      recentSince: now - AT_RISK_THRESHOLDS.recentDays * 86_400_000,
      overdueBefore: medianFirstResponseMs === null ? null : Math.floor(now - medianFirstResponseMs),
    },
    limit,
  };
}
