// The customers at risk: one query both engines run, written once here. It reads, for every
// active customer (their latest billing event is not a loss) with a signal, the facts the score
// is made of (their last two NPS answers and whether the latest was followed up, their recent and
// overdue tickets), adds up the points of the signals that hold in SQL, and sends back only the
// first `limit` customers and the count: the event loop never sees the hundred thousand customers
// behind them.
//
// Each signal is a condition on the facts below, with its points given by the domain
// (domain/at-risk.ts, which also says in words why each holds); a test checks both agree.
import type { AtRiskSignal } from '@plaudit/shared';
import type { AtRiskFacts, AtRiskStoreQuery, AtRiskTicketRecord } from './types';
import { collateC, dayLiteral, intLiteral, type Engine } from './period-sql';

/** A UTC day at or before the local day of `ms` in any time zone (they are at most 14 hours ahead or behind). */
const dayBefore = (ms: number) => new Date(ms - 86_400_000).toISOString().slice(0, 10);
import { ratedCte } from './ticket-query';

/** When each signal holds, on the columns of `f` (see the query). */
const SIGNAL_SQL: Record<AtRiskSignal, (t: AtRiskStoreQuery['thresholds']) => string> = {
  detractor: () => 'latest <= 6',
  notContacted: () => 'latest <= 6 AND uncontacted = 1',
  scoreDrop: (t) => `previous - latest >= ${intLiteral(t.scoreDrop)}`,
  overdueTicket: () => 'overdue > 0',
  manyTickets: (t) => `recent >= ${intLiteral(t.manyTickets)}`,
};

export function atRiskQuery(engine: Engine, q: AtRiskStoreQuery): { sql: string; params: unknown[] } {
  const score = (Object.keys(SIGNAL_SQL) as AtRiskSignal[])
    .map((signal) => `CASE WHEN ${SIGNAL_SQL[signal](q.thresholds)} THEN ${intLiteral(q.points[signal])} ELSE 0 END`)
    .join(' + ');
  // No median first-response time yet: no ticket is overdue.
  const overdueBefore = q.thresholds.overdueBefore ?? -1;
  // Only a customer with a signal can score, so the candidates are those whose answers or tickets
  // hold one (42,816 of 250,000 on the dashboard's seed), and only they are checked for being
  // active and given their facts. A customer's answers are read by probes of the index in their
  // order (newest first), which cost less than numbering every answer with a window. On that seed:
  // 0.75 s when every active customer was joined to every customer's numbered answers, 0.44 s now.
  // (notContacted holds only with detractor: the scores alone find every answer candidate.)
  const answerSignals = (['detractor', 'scoreDrop'] as const).map((signal) => `(${SIGNAL_SQL[signal](q.thresholds)})`).join(' OR ');
  const ticketSignals = (['overdueTicket', 'manyTickets'] as const).map((signal) => `(${SIGNAL_SQL[signal](q.thresholds)})`).join(' OR ');
  /** A column of customer `c`'s latest NPS answer (`nth` 1) or the one before it (2). */
  const answer = (column: string, c: string, nth: 1 | 2 = 1) => `(SELECT ${column} FROM responses r
        WHERE r.site_id = ? AND r.customer_id = ${c} AND r.nps IS NOT NULL
        ORDER BY r.created_at DESC, r.seq DESC LIMIT 1${nth === 2 ? ' OFFSET 1' : ''})`;
  const uncontacted = `CASE WHEN r.first_contact_at IS NULL AND r.follow_up_state <> 'ignored' THEN 1 ELSE 0 END`;
  const facts = (c: string) =>
    `${answer('r.nps', c)} AS latest, ${answer('r.created_at', c)} AS latest_at, ${answer('r.nps', c, 2)} AS previous, ${answer(uncontacted, c)} AS uncontacted`;
  const sql = `WITH answered AS MATERIALIZED (
      SELECT c, ${answer('r.nps', 'g.c')} AS latest, ${answer('r.nps', 'g.c', 2)} AS previous FROM (
        SELECT customer_id AS c FROM responses WHERE site_id = ? AND customer_id IS NOT NULL AND nps IS NOT NULL GROUP BY customer_id
      ) g
    ), tk AS MATERIALIZED (
      -- The recent tickets (a range of days of the tickets' own order), and the older ones still
      -- waiting for a reply (a partial index): never every ticket of the site.
      SELECT c, SUM(recent) AS recent, SUM(overdue) AS overdue FROM (
        SELECT customer_id AS c, 1 AS recent,
          CASE WHEN first_response_at IS NULL AND resolved_at IS NULL AND opened_at < ? THEN 1 ELSE 0 END AS overdue
        FROM tickets WHERE site_id = ? AND opened_day >= ${dayLiteral(dayBefore(q.thresholds.recentSince))} AND opened_at >= ? AND customer_id IS NOT NULL
        UNION ALL
        SELECT customer_id, 0, 1
        FROM tickets WHERE site_id = ? AND first_response_at IS NULL AND resolved_at IS NULL AND opened_at < ? AND opened_at < ? AND customer_id IS NOT NULL
      ) w GROUP BY c
    ), candidates AS (
      SELECT c FROM answered WHERE ${answerSignals}
      UNION
      SELECT c FROM tk WHERE ${ticketSignals}
    ), f AS MATERIALIZED (
      -- Of the candidates, the active ones: their latest event (in time; a loss last at an equal
      -- instant; then id) is not a loss, probed in the index.
      SELECT k.c, e.plan, e.mrr, e.at AS since, ${facts('k.c')},
        COALESCE(tk.recent, 0) AS recent, COALESCE(tk.overdue, 0) AS overdue
      FROM candidates k
      CROSS JOIN customer_events e
      LEFT JOIN tk ON tk.c = k.c
      WHERE e.site_id = ? AND e.customer_id = k.c AND e.type <> 'lost' AND NOT EXISTS (
        SELECT 1 FROM customer_events l
        WHERE l.site_id = e.site_id AND l.customer_id = e.customer_id
          AND (l.at > e.at OR (l.at = e.at AND (l.type = 'lost' OR l.id > e.id)))
      )
    ), s AS (
      SELECT f.*, ${score} AS score FROM f
    )
    SELECT s.*, COUNT(*) OVER () AS total FROM s WHERE score > 0
    ORDER BY score DESC, COALESCE(mrr, -1) DESC, c${collateC(engine)} LIMIT ${intLiteral(q.limit)}`;
  const recent = q.thresholds.recentSince;
  const probes = (n: number) => Array.from({ length: n }, () => q.siteId);
  return { sql, params: [...probes(2), q.siteId, overdueBefore, q.siteId, recent, q.siteId, overdueBefore, recent, ...probes(4), q.siteId] };
}

export function toAtRiskFacts(row: Record<string, unknown>): AtRiskFacts {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    customerId: String(row.c),
    plan: row.plan === null || row.plan === undefined ? null : String(row.plan),
    mrr: n(row.mrr),
    since: Number(row.since),
    latestNps: n(row.latest),
    latestNpsAt: n(row.latest_at),
    previousNps: n(row.previous),
    latestUncontacted: Number(row.uncontacted ?? 0) === 1,
    recentTickets: Number(row.recent ?? 0),
    overdueTickets: Number(row.overdue ?? 0),
    score: Number(row.score),
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The latest comment of each of these customers. */
export function lastCommentsQuery(siteId: string, customerIds: string[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT c, comment, created_at FROM (
        SELECT customer_id AS c, comment, created_at, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC, seq DESC) AS rn
        FROM responses WHERE site_id = ? AND customer_id IN (${placeholders(customerIds.length)}) AND comment IS NOT NULL
      ) x WHERE rn = 1`,
    params: [siteId, ...customerIds],
  };
}

/** Their open tickets and those opened since `recentSince`, ten each at most, newest first, with their CSAT. */
export function customerTicketsQuery(engine: Engine, siteId: string, customerIds: string[], recentSince: number): { sql: string; params: unknown[] } {
  return {
    sql: `WITH ${ratedCte(engine)}
      SELECT * FROM (
        SELECT t.id, t.customer_id, t.subject, t.topic, t.opened_at, t.first_response_at, t.resolved_at, COALESCE(rated.csat, t.satisfaction) AS csat,
          ROW_NUMBER() OVER (PARTITION BY t.customer_id ORDER BY t.opened_at DESC, t.id${collateC(engine)}) AS rn
        FROM tickets t LEFT JOIN rated ON rated.ticket = t.id
        WHERE t.site_id = ? AND t.customer_id IN (${placeholders(customerIds.length)}) AND (t.opened_at >= ? OR t.resolved_at IS NULL)
      ) x WHERE rn <= 10 ORDER BY opened_at DESC, id${collateC(engine)}`,
    params: [siteId, siteId, ...customerIds, recentSince],
  };
}

export function toAtRiskTicket(row: Record<string, unknown>): AtRiskTicketRecord {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    subject: row.subject === null || row.subject === undefined ? null : String(row.subject),
    topic: row.topic === null || row.topic === undefined ? null : String(row.topic),
    openedAt: Number(row.opened_at),
    firstResponseAt: n(row.first_response_at),
    resolvedAt: n(row.resolved_at),
    csat: n(row.csat),
  };
}
