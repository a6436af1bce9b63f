// Support tickets counted and ranked: queries both engines run, written once here. Every answer
// is grouped by period (the day a ticket was opened) and group, so it stays small however many
// tickets a site has; percentiles come back as the two values around each one's rank (the caller
// interpolates, shared/src/rates.ts), so the database sorts the durations where they live.
import type { TicketCounts, TicketMeasure, TicketRankedValue, TicketStoreQuery } from './types';
import { dayLiteral, intLiteral, npsCategorySql, periodSql, ticketAttributeSql, type Engine } from './period-sql';

export const TICKET_MEASURES: readonly TicketMeasure[] = ['first_response', 'resolution', 'first_response_business', 'resolution_business'];

/** Each measure's duration in ms, from a row of `tk` (null when the ticket does not have it). */
const MEASURE_SQL: Record<TicketMeasure, string> = {
  first_response: 'first_response_at - opened_at',
  resolution: 'resolved_at - opened_at',
  first_response_business: 'first_response_business_ms',
  resolution_business: 'resolution_business_ms',
};

/** Each customer's NPS category from their latest answer (up to `toDay`). */
function categoriesCte(q: { toDay?: string }): string {
  const until = q.toDay ? `AND day <= ${dayLiteral(q.toDay)}` : '';
  return `cat AS (
      SELECT c, ${npsCategorySql('nps')} AS category FROM (
        SELECT customer_id AS c, nps, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC, seq DESC) AS rn
        FROM responses WHERE site_id = ? AND customer_id IS NOT NULL AND nps IS NOT NULL ${until}
      ) x WHERE rn = 1
    )`;
}

/**
 * The tickets of the query's range, with their period and group key: the CTEs (WITH …) and the
 * parameters they take, first in the query.
 */
function ticketsCte(engine: Engine, q: TicketStoreQuery, withCsat: boolean): { ctes: string[]; params: unknown[] } {
  const ctes: string[] = [];
  const params: unknown[] = [];
  if (q.groupBy === 'nps') {
    ctes.push(categoriesCte(q));
    params.push(q.siteId);
  }
  if (withCsat) {
    // The latest CSAT answer of a link survey that names the ticket (attribute `ticket`).
    const ticket = ticketAttributeSql(engine, 'r');
    ctes.push(`rated AS (
      SELECT ticket, csat FROM (
        SELECT ${ticket} AS ticket, r.csat, ROW_NUMBER() OVER (PARTITION BY ${ticket} ORDER BY r.created_at DESC, r.seq DESC) AS rn
        FROM responses r WHERE r.site_id = ? AND r.csat IS NOT NULL AND ${ticket} IS NOT NULL
      ) x WHERE rn = 1
    )`);
    params.push(q.siteId);
  }
  const key = q.groupBy === 'topic' ? 't.topic' : q.groupBy === 'channel' ? 't.channel' : q.groupBy === 'nps' ? 'cat.category' : 'NULL';
  const range = [q.fromDay ? `AND t.opened_day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND t.opened_day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  ctes.push(`tk AS (
      SELECT ${periodSql(engine, 't.opened_day', q.bucket, q)} AS start, ${key} AS grp, t.*${withCsat ? ', COALESCE(rated.csat, t.satisfaction) AS csat_value' : ''}
      FROM tickets t
      ${q.groupBy === 'nps' ? 'LEFT JOIN cat ON cat.c = t.customer_id' : ''}
      ${withCsat ? 'LEFT JOIN rated ON rated.ticket = t.id' : ''}
      WHERE t.site_id = ? ${range}
    )`);
  params.push(q.siteId);
  return { ctes, params };
}

export function ticketCountsQuery(engine: Engine, q: TicketStoreQuery): { sql: string; params: unknown[] } {
  const { ctes, params } = ticketsCte(engine, q, true);
  const measured = TICKET_MEASURES.map((m) => `COUNT(${MEASURE_SQL[m]}) AS ${m}_n, SUM(${MEASURE_SQL[m]}) AS ${m}_sum`).join(',\n      ');
  const sql = `WITH ${ctes.join(',\n    ')}
    SELECT start, grp,
      COUNT(*) AS volume,
      SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open_count,
      SUM(CASE WHEN resolved_at IS NULL AND first_response_at IS NULL THEN 1 ELSE 0 END) AS awaiting,
      SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
      SUM(CASE WHEN resolved_at IS NOT NULL AND reopened_count > 0 THEN 1 ELSE 0 END) AS reopened,
      ${measured},
      ${[1, 2, 3, 4, 5].map((v) => `SUM(CASE WHEN csat_value = ${v} THEN 1 ELSE 0 END) AS csat${v}`).join(', ')}
    FROM tk GROUP BY start, grp`;
  return { sql, params };
}

export function toTicketCounts(row: Record<string, unknown>): TicketCounts {
  return {
    start: String(row.start),
    key: row.grp === null || row.grp === undefined ? null : String(row.grp),
    volume: Number(row.volume),
    open: Number(row.open_count ?? 0),
    awaiting: Number(row.awaiting ?? 0),
    resolved: Number(row.resolved ?? 0),
    reopened: Number(row.reopened ?? 0),
    measured: Object.fromEntries(TICKET_MEASURES.map((m) => [m, { count: Number(row[`${m}_n`] ?? 0), sum: Number(row[`${m}_sum`] ?? 0) }])) as TicketCounts['measured'],
    csat: [1, 2, 3, 4, 5].map((v) => Number(row[`csat${v}`] ?? 0)),
  };
}

/**
 * The durations at each percentile's two ranks (type 7: ⌊(n − 1) q⌋ and the next), per period,
 * group and measure, and per period and measure over every group when grouped.
 */
export function ticketRankedQuery(engine: Engine, q: TicketStoreQuery, percentiles: { num: number; den: number }[]): { sql: string; params: unknown[] } {
  const { ctes, params } = ticketsCte(engine, q, false);
  const measures = TICKET_MEASURES.map((m) => `SELECT start, grp, '${m}' AS measure, ${MEASURE_SQL[m]} AS v FROM tk WHERE ${MEASURE_SQL[m]} IS NOT NULL`).join('\n      UNION ALL ');
  const ranked = (partition: string, whole: number, grp: string) =>
    `SELECT start, ${grp} AS grp, ${whole} AS whole, measure, v,
        ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY v) - 1 AS rk,
        COUNT(*) OVER (PARTITION BY ${partition}) AS n
      FROM m`;
  const parts = q.groupBy ? [ranked('start, grp, measure', 0, 'grp'), ranked('start, measure', 1, 'NULL')] : [ranked('start, measure', 1, 'NULL')];
  const wanted = percentiles
    .map(({ num, den }) => `rk = ((n - 1) * ${intLiteral(num)}) / ${intLiteral(den)} OR rk = ((n - 1) * ${intLiteral(num)}) / ${intLiteral(den)} + 1`)
    .join(' OR ');
  const sql = `WITH ${ctes.join(',\n    ')},
    m AS (${measures}),
    r AS (${parts.join('\n      UNION ALL ')})
    SELECT start, grp, whole, measure, n, rk, v FROM r WHERE ${wanted}`;
  return { sql, params };
}

export function toRankedValue(row: Record<string, unknown>): TicketRankedValue {
  return {
    start: String(row.start),
    key: row.grp === null || row.grp === undefined ? null : String(row.grp),
    whole: Number(row.whole) === 1,
    measure: String(row.measure) as TicketMeasure,
    n: Number(row.n),
    rank: Number(row.rk),
    value: Number(row.v),
  };
}

/** Tickets per period and topic, from `fromDay` (the period before the range, for rising topics). */
export function topicCountsQuery(engine: Engine, q: TicketStoreQuery & { bucket: 'day' | 'week' | 'month' }): { sql: string; params: unknown[] } {
  const range = [q.fromDay ? `AND opened_day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND opened_day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  return {
    sql: `SELECT ${periodSql(engine, 'opened_day', q.bucket)} AS start, topic, COUNT(*) AS tickets FROM tickets
      WHERE site_id = ? AND topic IS NOT NULL ${range} GROUP BY 1, 2`,
    params: [q.siteId],
  };
}

export function npsCustomersQuery(q: { siteId: string; toDay?: string }): { sql: string; params: unknown[] } {
  return { sql: `WITH ${categoriesCte(q)} SELECT category AS grp, COUNT(*) AS customers FROM cat GROUP BY category`, params: [q.siteId] };
}

/** Ranked first-response times (ms) of the tickets opened since a local day. */
export function firstResponseRankedQuery(q: { siteId: string; sinceDay: string; percentile: { num: number; den: number } }): { sql: string; params: unknown[] } {
  const { num, den } = q.percentile;
  return {
    sql: `SELECT n, rk, v FROM (
        SELECT first_response_at - opened_at AS v,
          ROW_NUMBER() OVER (ORDER BY first_response_at - opened_at) - 1 AS rk, COUNT(*) OVER () AS n
        FROM tickets WHERE site_id = ? AND opened_day >= ${dayLiteral(q.sinceDay)} AND first_response_at IS NOT NULL
      ) x WHERE rk = ((n - 1) * ${intLiteral(num)}) / ${intLiteral(den)} OR rk = ((n - 1) * ${intLiteral(num)}) / ${intLiteral(den)} + 1`,
    params: [q.siteId],
  };
}

/** The site's topics named by the help desk, most used first. */
export function topicsQuery(q: { siteId: string; limit: number }): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT topic FROM tickets WHERE site_id = ? AND topic IS NOT NULL AND topic_source <> 'subject' GROUP BY topic ORDER BY COUNT(*) DESC, topic LIMIT ${intLiteral(q.limit)}`,
    params: [q.siteId],
  };
}
