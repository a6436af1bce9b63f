// Churn counted from the billing events: queries both engines run, written once here.
//
// Each customer's events, in order (time; a loss after an acquisition at the same instant; then
// id), make a state: active after `acquired` or `reactivated`, inactive after `lost`. Counts are
// changes of that state, never raw events, as Stripe counts churn (a subscriber going from some MRR
// to none): a second `acquired` while active changes no count, only the MRR, and a `lost` while
// inactive changes nothing. A customer whose first event is a loss was active before the data
// began: they are counted in the base (the period '') and lost when the loss comes.
//
// Every event carries the customer's state and MRR before it (event-chain.ts, kept at write time),
// so each figure but the cohorts' is a sum over events, and the sums are read per day, in the
// order of the index customer_events_days, without ordering anything: a few hundred rows however
// many customers there are, which toChurnBuckets adds up into periods and the range's parts.
import type { Interval } from '@plaudit/shared';
import { bucketStart } from '../lib/local-time';
import { EVENT_ORDER, EVENT_ORDER_DESC } from './event-chain';
import type { ChurnBucketCounts, ChurnCounts, ChurnStoreQuery, NpsChurnCounts } from './types';
import { dayLiteral, periodSql, type Engine } from './period-sql';

/**
 * One query: the day sums (rows 'd'), then the cohorts' losses ('cp' per period, 'cr' the
 * range's). A cohort's loss is a customer active at a period's start and inactive at its end,
 * which no sum over events gives; such a customer has a loss in the period, so only the losses are
 * read (35,223 of 287,608 events on the dashboard's seed), each with two probes of its customer's
 * events in the walk index: their state at the period's start (was_active of their first event in
 * it) and at its end (after their last event in it). On that seed, with a 12-month range:
 * 0.94 s when a window pass ordered every customer's events and three groupings read it; 0.27 s
 * now (sums 0.14 s, the periods' cohorts 0.08 s, the range's 0.05 s).
 */
export function churnQuery(engine: Engine, q: ChurnStoreQuery): { sql: string; params: unknown[] } {
  const period = (alias: string) => periodSql({ day: `${alias}.day`, week: `${alias}.week` }, q.bucket);
  // The state at a period's start: that before the customer's first event from its first day on
  // (periods start on their first day, so `day >= start` is "in this period or later"); a customer
  // with no such event has none in the period, and no loss there.
  const startState = (start: string) => `(SELECT s.was_active FROM customer_events s
        WHERE s.site_id = l.site_id AND s.customer_id = l.customer_id AND s.day >= ${start}
        ORDER BY ${EVENT_ORDER} LIMIT 1)`;
  // The state at a period's end: that after the customer's last event up to it.
  const endState = (within: string) => `(SELECT CASE WHEN x.type = 'lost' THEN 0 ELSE 1 END FROM customer_events x
        WHERE x.site_id = l.site_id AND x.customer_id = l.customer_id AND ${within}
        ORDER BY ${EVENT_ORDER_DESC} LIMIT 1)`;
  // The range's losses are read in customer order from the walk, like the periods': `day || ''` is
  // a test no index serves, so the planner does not pick customer_events_days for it, whose day
  // order sends each probe to another customer's pages (0.45 s instead of 0.05 s).
  const inRange = [q.fromDay ? `l.day || '' >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `l.day || '' <= ${dayLiteral(q.toDay)}` : ''].filter(Boolean);
  const rangeStart = q.fromDay ? startState(dayLiteral(q.fromDay)) : startState(`''`);
  const rangeEnd = endState(q.toDay ? `x.day <= ${dayLiteral(q.toDay)}` : '1 = 1');
  const sql = `SELECT 'd' AS g, day, week,
      SUM(CASE WHEN type <> 'lost' AND was_active = 0 THEN 1 ELSE 0 END) AS acquired,
      SUM(CASE WHEN type <> 'lost' AND was_active = 0 AND (first_event = 0 OR type = 'reactivated') THEN 1 ELSE 0 END) AS reactivated,
      SUM(CASE WHEN type = 'lost' AND was_active = 1 THEN 1 ELSE 0 END) AS lost,
      SUM(CASE WHEN type = 'lost' THEN 0 ELSE 1 END - was_active) AS net,
      SUM(CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END - mrr_before) AS mrr_net,
      SUM(CASE WHEN type = 'lost' AND was_active = 1 THEN mrr_before ELSE 0 END) AS mrr_lost,
      SUM(CASE WHEN type = 'lost' AND first_event = 1 THEN 1 ELSE 0 END) AS base,
      SUM(CASE WHEN type = 'lost' AND first_event = 1 THEN mrr_before ELSE 0 END) AS base_mrr,
      MAX(CASE WHEN mrr IS NOT NULL THEN 1 ELSE 0 END) AS has_mrr,
      0 AS cohort_lost
    FROM customer_events WHERE site_id = ? GROUP BY day, week
    UNION ALL
    SELECT 'cp' AS g, p AS day, '' AS week, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(DISTINCT customer_id)
    FROM (SELECT l.customer_id, ${period('l')} AS p, l.site_id FROM customer_events l WHERE l.site_id = ? AND l.type = 'lost') l
    WHERE ${startState('l.p')} = 1 AND ${endState(`${period('x')} <= l.p`)} = 0
    GROUP BY p
    UNION ALL
    SELECT 'cr' AS g, '' AS day, '' AS week, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(DISTINCT customer_id)
    FROM customer_events l WHERE l.site_id = ? AND l.type = 'lost' ${inRange.map((c) => `AND ${c}`).join(' ')}
      AND ${rangeStart} = 1 AND ${rangeEnd} = 0`;
  return { sql, params: [q.siteId, q.siteId, q.siteId] };
}

const EMPTY = (start: string): ChurnBucketCounts => ({ start, acquired: 0, reactivated: 0, lost: 0, net: 0, cohortLost: 0, mrrNet: 0, mrrLost: 0 });

/** A day's part of the range: '0' before it, the range's own first day (or 'range' without one), '~' after it. */
function rangePart(day: string, range: { fromDay?: string; toDay?: string }): string {
  if (range.fromDay && day < range.fromDay) return '0';
  if (range.toDay && day > range.toDay) return '~';
  return range.fromDay ?? 'range';
}

/** A day's period: itself, its week (the Monday stored beside it), or its month's 1st. */
function periodOf(bucket: Interval, day: string, week: string): string {
  return bucket === 'week' ? week : bucketStart(day, bucket);
}

/**
 * The periods (oldest first, the base '' first of all) and the range's parts from churnQuery's
 * rows: each day's sums added to its period and to its part of the range, the cohorts' losses as
 * counted.
 */
export function toChurnBuckets(rows: Record<string, unknown>[], q: ChurnStoreQuery): ChurnCounts {
  let hasMrr = false;
  const periods = new Map<string, ChurnBucketCounts>();
  const parts = new Map<string, ChurnBucketCounts>();
  const base = EMPTY('');
  const into = (map: Map<string, ChurnBucketCounts>, key: string) => {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = EMPTY(key)));
    return counts;
  };
  for (const row of rows) {
    const n = (column: string) => Number(row[column] ?? 0);
    const day = String(row.day);
    if (row.g === 'cp') into(periods, day).cohortLost = n('cohort_lost');
    else if (row.g === 'cr') into(parts, q.fromDay ?? 'range').cohortLost = n('cohort_lost');
    else {
      if (n('has_mrr') === 1) hasMrr = true;
      base.net += n('base');
      base.mrrNet += n('base_mrr');
      for (const counts of [into(periods, periodOf(q.bucket, day, String(row.week))), into(parts, rangePart(day, q))]) {
        counts.acquired += n('acquired');
        counts.reactivated += n('reactivated');
        counts.lost += n('lost');
        counts.net += n('net');
        counts.mrrNet += n('mrr_net');
        counts.mrrLost += n('mrr_lost');
      }
    }
  }
  // Periods in time order ('YYYY-MM-DD' sorts so, byte by byte); the base first in both lists.
  const byStart = (a: ChurnBucketCounts, b: ChurnBucketCounts) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  return { buckets: [base, ...[...periods.values()].sort(byStart)], range: [base, ...parts.values()], hasMrr };
}

/**
 * Each customer's latest NPS answer in the range, among those given while they were active (their
 * latest event at or before the answer is not a loss), and the first loss after it.
 */
export function npsChurnQuery(engine: Engine, q: { siteId: string; fromDay?: string; toDay?: string; windowMs: number; asOf: number }): { sql: string; params: unknown[] } {
  const range = [q.fromDay ? `AND r.day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND r.day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  const sql = `WITH ans AS (
      SELECT r.customer_id AS c, r.nps, r.created_at AS t, r.seq,
        (SELECT CASE WHEN e.type = 'lost' THEN 0 ELSE 1 END FROM customer_events e
          WHERE e.site_id = r.site_id AND e.customer_id = r.customer_id AND e.at <= r.created_at
          ORDER BY e.at DESC, CASE WHEN e.type = 'lost' THEN 1 ELSE 0 END DESC, e.id DESC LIMIT 1) AS active
      FROM responses r
      WHERE r.site_id = ? AND r.customer_id IS NOT NULL AND r.nps IS NOT NULL ${range}
    ), latest AS (
      SELECT c, nps, t, ROW_NUMBER() OVER (PARTITION BY c ORDER BY t DESC, seq DESC) AS rn FROM ans WHERE active = 1
    ), judged AS MATERIALIZED (
      SELECT l.nps, l.t,
        (SELECT MIN(e.at) FROM customer_events e WHERE e.site_id = ? AND e.customer_id = l.c AND e.type = 'lost' AND e.at > l.t) AS left_at
      FROM latest l WHERE l.rn = 1
    )
    SELECT nps,
      COUNT(*) AS answered,
      SUM(CASE WHEN left_at IS NOT NULL AND left_at <= t + ? THEN 1 ELSE 0 END) AS left_count,
      SUM(CASE WHEN (left_at IS NULL OR left_at > t + ?) AND t + ? > ? THEN 1 ELSE 0 END) AS pending
    FROM judged GROUP BY nps ORDER BY nps`;
  return { sql, params: [q.siteId, q.siteId, q.windowMs, q.windowMs, q.windowMs, q.asOf] };
}

export function toNpsChurn(rows: Record<string, unknown>[]): NpsChurnCounts[] {
  return rows.map((row) => {
    const pending = Number(row.pending ?? 0);
    return { nps: Number(row.nps), customers: Number(row.answered) - pending, left: Number(row.left_count ?? 0), pending };
  });
}

/** Customers who answered NPS in the range and whom no customer event names. */
export function unmatchedQuery(q: { siteId: string; fromDay?: string; toDay?: string }): { sql: string; params: unknown[] } {
  const range = [q.fromDay ? `AND r.day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND r.day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  return {
    sql: `SELECT COUNT(DISTINCT r.customer_id) AS n FROM responses r
      WHERE r.site_id = ? AND r.customer_id IS NOT NULL AND r.nps IS NOT NULL ${range}
        AND NOT EXISTS (SELECT 1 FROM customer_events e WHERE e.site_id = r.site_id AND e.customer_id = r.customer_id)`,
    params: [q.siteId],
  };
}
