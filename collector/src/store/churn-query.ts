// Churn counted from the billing events: queries both engines run, written once here.
//
// Each customer's events are read in order (time; a loss after an acquisition at the same instant;
// then id) and turned into a state: active after `acquired` or `reactivated`, inactive after
// `lost`. Counts are changes of that state, never raw events, as Stripe counts churn (a subscriber
// going from some MRR to none): a second `acquired` while active changes no count, only the MRR, and
// a `lost` while inactive changes nothing. A customer whose first event is a loss was active before
// the data began: they are counted in the base (the period '') and lost when the loss comes.
//
// A customer's MRR after an event is the event's `mrr` when it makes them active, 0 when it makes
// them inactive; a loss takes away what they had (their previous event's MRR, or the loss's own
// `mrr` when nothing earlier is known). Every figure of a period is a sum over its events, so the
// result holds one row per period however many customers there are.
import type { ChurnBucketCounts, ChurnCounts, ChurnStoreQuery, NpsChurnCounts } from './types';
import { dayLiteral, periodSql, type Engine } from './period-sql';

/**
 * The order of a customer's events, in SQL: time, a loss last at an equal instant, then id. The
 * index customer_events_walk holds this very expression (migrations sqlite 023, postgres 013), so
 * the window pass sorts nothing: change both together.
 */
const EVENT_ORDER = `at, CASE WHEN type = 'lost' THEN 1 ELSE 0 END, id`;

/**
 * One query for both the periods and the range: the events are ordered per customer once (one
 * window pass, for each event the state before it), and the two groupings read that pass. Each
 * window pass over 290,000 events costs SQLite about 0.4 s; the periods and the range asked
 * separately, with a pass more each to find a period's first event, took 1.7 s + 1.5 s at 250,000
 * customers; together, 1.3 s; with the index in the events' own order and the sums grouped once,
 * 0.85–0.95 s.
 * Rows come back tagged (`g`): 's' the sums of a (period, part of the range) pair, 'cp' and 'cr'
 * the cohort's losses of a period and of a part of the range, 'base' the customers active before
 * any event.
 */
export function churnQuery(engine: Engine, q: ChurnStoreQuery): { sql: string; params: unknown[] } {
  const period = periodSql({ day: 'day', week: 'week' }, q.bucket);
  // Typed, since without a range it is a bare literal, which PostgreSQL would not type.
  const range = `CAST(${periodSql({ day: 'day', week: 'week' }, 'range', q)} AS TEXT)`;
  const active = `CASE WHEN type = 'lost' THEN 0 ELSE 1 END`;
  // Every figure but the cohort's losses is a plain sum over events: summed once per (period, part
  // of the range) pair, a handful of groups, which toChurnBuckets adds up both ways. The cohort's
  // losses are not additive: a customer's events within one period telescope (each event's change
  // of state is its own state minus the previous one's), so their sum is the state at the period's
  // end minus the state at its start, and a sum of -1 is a customer active at the start and
  // inactive at the end. They are counted from the (customer, period) groups, and the (customer,
  // part of the range) groups, that sum to -1.
  const cohort = (g: 'cp' | 'cr', bucket: 'b' | 'rb') => `SELECT '${g}' AS g, p AS start, '' AS part, 0, 0, 0, 0, COUNT(*), 0, 0, 0
      FROM (SELECT ${bucket} AS p, SUM(a - was) AS n FROM t GROUP BY c, ${bucket}) x WHERE n = -1 GROUP BY p`;
  const sql = `WITH t AS MATERIALIZED (
      SELECT customer_id AS c, type, mrr, ${period} AS b, ${range} AS rb, ${active} AS a,
        LAG(${active}) OVER w AS pa,
        COALESCE(LAG(${active}) OVER w, 1 - ${active}) AS was,
        CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END AS ma,
        COALESCE(LAG(CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END) OVER w, CASE WHEN type = 'lost' THEN COALESCE(mrr, 0) ELSE 0 END) AS mb
      FROM customer_events WHERE site_id = ?
      WINDOW w AS (PARTITION BY customer_id ORDER BY ${EVENT_ORDER})
    )
    SELECT 's' AS g, b AS start, rb AS part,
      SUM(CASE WHEN a = 1 AND was = 0 THEN 1 ELSE 0 END) AS acquired,
      SUM(CASE WHEN a = 1 AND was = 0 AND (pa IS NOT NULL OR type = 'reactivated') THEN 1 ELSE 0 END) AS reactivated,
      SUM(CASE WHEN a = 0 AND was = 1 THEN 1 ELSE 0 END) AS lost,
      SUM(a - was) AS net,
      0 AS cohort_lost,
      SUM(ma - mb) AS mrr_net,
      SUM(CASE WHEN a = 0 AND was = 1 THEN mb ELSE 0 END) AS mrr_lost,
      0 AS has_mrr
    FROM t GROUP BY b, rb
    UNION ALL
    ${cohort('cp', 'b')}
    UNION ALL
    ${cohort('cr', 'rb')}
    UNION ALL
    SELECT 'base' AS g, '' AS start, '' AS part, 0, 0, 0,
      SUM(CASE WHEN pa IS NULL AND a = 0 THEN 1 ELSE 0 END), 0,
      SUM(CASE WHEN pa IS NULL AND a = 0 THEN mb ELSE 0 END), 0,
      MAX(CASE WHEN mrr IS NOT NULL THEN 1 ELSE 0 END)
    FROM t`;
  return { sql, params: [q.siteId] };
}

const EMPTY = (start: string): ChurnBucketCounts => ({ start, acquired: 0, reactivated: 0, lost: 0, net: 0, cohortLost: 0, mrrNet: 0, mrrLost: 0 });

/**
 * The periods (oldest first, the base '' first of all) and the range's parts from churnQuery's
 * rows: the sums of each (period, part of the range) pair added up both ways, the cohorts' losses
 * as counted.
 */
export function toChurnBuckets(rows: Record<string, unknown>[]): ChurnCounts {
  let hasMrr = false;
  const periods = new Map<string, ChurnBucketCounts>();
  const parts = new Map<string, ChurnBucketCounts>();
  let base = EMPTY('');
  const into = (map: Map<string, ChurnBucketCounts>, key: string) => {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = EMPTY(key)));
    return counts;
  };
  for (const row of rows) {
    const n = (column: string) => Number(row[column] ?? 0);
    if (row.g === 'base') {
      hasMrr = n('has_mrr') === 1;
      base = { ...EMPTY(''), net: n('net'), mrrNet: n('mrr_net') };
    } else if (row.g === 'cp') into(periods, String(row.start)).cohortLost = n('cohort_lost');
    else if (row.g === 'cr') into(parts, String(row.start)).cohortLost = n('cohort_lost');
    else {
      for (const counts of [into(periods, String(row.start)), into(parts, String(row.part))]) {
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
