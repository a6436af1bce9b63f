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
 * customers; together, 1.3 s.
 * Rows come back tagged: `g` = 'p' for a period ('' the base), 'r' for the range's parts.
 */
export function churnQuery(engine: Engine, q: ChurnStoreQuery): { sql: string; params: unknown[] } {
  const period = periodSql({ day: 'day', week: 'week' }, q.bucket);
  // Typed, since without a range it is a bare literal, which PostgreSQL would not type.
  const range = `CAST(${periodSql({ day: 'day', week: 'week' }, 'range', q)} AS TEXT)`;
  const active = `CASE WHEN type = 'lost' THEN 0 ELSE 1 END`;
  // A customer's events within one period telescope: each event's change of state is its own state
  // minus the previous one's, so their sum is the state at the period's end minus the state at its
  // start. A sum of -1 is a customer active at the start and inactive at the end: a loss from the
  // starting cohort, counted per period from the (customer, period) groups that sum to -1; every
  // other figure is a plain sum over the period's events (summing all the groups instead sorted
  // 280,000 of them again: 0.3 s more).
  const part = (g: 'p' | 'r', bucket: 'b' | 'rb') => `SELECT '${g}' AS g, s.p AS start, acquired, reactivated, lost, net,
        COALESCE(k.cohort_lost, 0) AS cohort_lost, mrr_net, mrr_lost, 0 AS has_mrr
      FROM (
        SELECT ${bucket} AS p,
          SUM(CASE WHEN a = 1 AND was = 0 THEN 1 ELSE 0 END) AS acquired,
          SUM(CASE WHEN a = 1 AND was = 0 AND (pa IS NOT NULL OR type = 'reactivated') THEN 1 ELSE 0 END) AS reactivated,
          SUM(CASE WHEN a = 0 AND was = 1 THEN 1 ELSE 0 END) AS lost,
          SUM(a - was) AS net,
          SUM(ma - mb) AS mrr_net,
          SUM(CASE WHEN a = 0 AND was = 1 THEN mb ELSE 0 END) AS mrr_lost
        FROM t GROUP BY ${bucket}
      ) s LEFT JOIN (
        SELECT p, COUNT(*) AS cohort_lost
        FROM (SELECT ${bucket} AS p, SUM(a - was) AS n FROM t GROUP BY c, ${bucket}) x WHERE n = -1 GROUP BY p
      ) k ON k.p = s.p`;
  const sql = `WITH t AS MATERIALIZED (
      SELECT customer_id AS c, type, mrr, ${period} AS b, ${range} AS rb, ${active} AS a,
        LAG(${active}) OVER w AS pa,
        COALESCE(LAG(${active}) OVER w, 1 - ${active}) AS was,
        CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END AS ma,
        COALESCE(LAG(CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END) OVER w, CASE WHEN type = 'lost' THEN COALESCE(mrr, 0) ELSE 0 END) AS mb
      FROM customer_events WHERE site_id = ?
      WINDOW w AS (PARTITION BY customer_id ORDER BY ${EVENT_ORDER})
    )
    ${part('p', 'b')}
    UNION ALL
    ${part('r', 'rb')}
    UNION ALL
    SELECT 'p' AS g, '' AS start, 0, 0, 0,
      SUM(CASE WHEN pa IS NULL AND a = 0 THEN 1 ELSE 0 END), 0,
      SUM(CASE WHEN pa IS NULL AND a = 0 THEN mb ELSE 0 END), 0,
      MAX(CASE WHEN mrr IS NOT NULL THEN 1 ELSE 0 END)
    FROM t
    ORDER BY 1, 2`;
  return { sql, params: [q.siteId] };
}

export function toChurnBuckets(rows: Record<string, unknown>[]): ChurnCounts {
  let hasMrr = false;
  const periods: ChurnBucketCounts[] = [];
  const range: ChurnBucketCounts[] = [];
  for (const row of rows) {
    if (row.start === '') hasMrr = Number(row.has_mrr ?? 0) === 1;
    const counts = {
      start: String(row.start),
      acquired: Number(row.acquired ?? 0),
      reactivated: Number(row.reactivated ?? 0),
      lost: Number(row.lost ?? 0),
      net: Number(row.net ?? 0),
      cohortLost: Number(row.cohort_lost ?? 0),
      mrrNet: Number(row.mrr_net ?? 0),
      mrrLost: Number(row.mrr_lost ?? 0),
    };
    if (row.g === 'r') range.push(counts);
    else {
      periods.push(counts);
      // The base belongs to both: the customers active before any event.
      if (counts.start === '') range.unshift(counts);
    }
  }
  return { buckets: periods, range, hasMrr };
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
