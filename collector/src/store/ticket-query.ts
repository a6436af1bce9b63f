// Support tickets counted: queries both engines run, written once here. Every answer is grouped
// by period (the day a ticket was opened) and group, so it stays small however many tickets a
// site has. Percentiles are worked out where the durations are, one row per group coming back:
// PostgreSQL's percentile_cont, and on SQLite the reader thread's plaudit_quantiles (worker.mjs),
// both by linear interpolation between the closest ranks (type 7).
import type { TicketCounts, TicketMeasure, TicketStoreQuery } from './types';
import { collateC, dayLiteral, intLiteral, npsCategorySql, periodSql, ticketAttributeSql, type Engine } from './period-sql';

export const TICKET_MEASURES: readonly TicketMeasure[] = ['first_response', 'resolution', 'first_response_business', 'resolution_business'];

/** Each measure's duration in ms, from a row of `tk` (null when the ticket does not have it). */
const MEASURE_SQL: Record<TicketMeasure, string> = {
  first_response: 'first_response_at - opened_at',
  resolution: 'resolved_at - opened_at',
  first_response_business: 'first_response_business_ms',
  resolution_business: 'resolution_business_ms',
};

/** The percentiles (fractions of 1, from a fixed list of ours) of an expression, per group. */
function quantilesSql(engine: Engine, expression: string, fractions: readonly number[]): string {
  if (!fractions.every((f) => Number.isFinite(f) && f >= 0 && f <= 1)) throw new RangeError(`not fractions: ${fractions.join(', ')}`);
  return engine === 'sqlite'
    ? `plaudit_quantiles(${expression}, '${JSON.stringify(fractions)}')`
    : `percentile_cont(ARRAY[${fractions.join(', ')}]::double precision[]) WITHIN GROUP (ORDER BY ${expression})`;
}

/**
 * Each customer's NPS category from their latest answer (up to `toDay`). Grouped by customer (one
 * row each already): SQLite then keeps the result and indexes it for the join, where it would
 * otherwise read it again for every ticket.
 */
function categoriesCte(q: { toDay?: string }): string {
  const until = q.toDay ? `AND day <= ${dayLiteral(q.toDay)}` : '';
  return `cat AS (
      SELECT c, MIN(${npsCategorySql('nps')}) AS category FROM (
        SELECT customer_id AS c, nps, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created_at DESC, seq DESC) AS rn
        FROM responses WHERE site_id = ? AND customer_id IS NOT NULL AND nps IS NOT NULL ${until}
      ) x WHERE rn = 1 GROUP BY c
    )`;
}

/** The latest CSAT answer of a link survey that names a ticket (attribute `ticket`), per ticket (grouped: see categoriesCte). */
export function ratedCte(engine: Engine): string {
  const ticket = ticketAttributeSql(engine, 'r');
  return `rated AS (
      SELECT ticket, MIN(csat) AS csat FROM (
        SELECT ${ticket} AS ticket, r.csat, ROW_NUMBER() OVER (PARTITION BY ${ticket} ORDER BY r.created_at DESC, r.seq DESC) AS rn
        FROM responses r WHERE r.site_id = ? AND r.csat IS NOT NULL AND ${ticket} IS NOT NULL
      ) x WHERE rn = 1 GROUP BY ticket
    )`;
}

/**
 * Per period and group (and, when grouped, per period over every group, `whole` 1): volumes,
 * each measure's count, sum and percentiles, and the satisfaction counts; then the same over the
 * whole range (`total` 1). The tickets are read once and kept for the three or four groupings.
 */
export function ticketFiguresQuery(engine: Engine, q: TicketStoreQuery, fractions: readonly number[]): { sql: string; params: unknown[] } {
  const ctes: string[] = [];
  const params: unknown[] = [];
  if (q.groupBy === 'nps') {
    ctes.push(categoriesCte(q));
    params.push(q.siteId);
  }
  ctes.push(ratedCte(engine));
  params.push(q.siteId);
  const key = q.groupBy === 'topic' ? 't.topic' : q.groupBy === 'channel' ? 't.channel' : q.groupBy === 'nps' ? 'cat.category' : 'NULL';
  const range = [q.fromDay ? `AND t.opened_day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND t.opened_day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  // Read once, grouped per period and over the range (and over every group when grouped).
  ctes.push(`tk AS MATERIALIZED (
      SELECT ${periodSql({ day: 't.opened_day', week: 't.opened_week' }, q.bucket, q)} AS start, ${key} AS grp,
        t.opened_at, t.first_response_at, t.resolved_at, t.reopened_count, t.first_response_business_ms, t.resolution_business_ms,
        COALESCE(rated.csat, t.satisfaction) AS csat_value
      FROM tickets t
      ${q.groupBy === 'nps' ? 'LEFT JOIN cat ON cat.c = t.customer_id' : ''}
      LEFT JOIN rated ON rated.ticket = t.id
      WHERE t.site_id = ? ${range}
    )`);
  params.push(q.siteId);
  const figures = [
    'COUNT(*) AS volume',
    'SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) AS open_count',
    'SUM(CASE WHEN resolved_at IS NULL AND first_response_at IS NULL THEN 1 ELSE 0 END) AS awaiting',
    'SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved',
    'SUM(CASE WHEN resolved_at IS NOT NULL AND reopened_count > 0 THEN 1 ELSE 0 END) AS reopened',
    ...TICKET_MEASURES.map((m) => `COUNT(${MEASURE_SQL[m]}) AS ${m}_n, SUM(${MEASURE_SQL[m]}) AS ${m}_sum, ${quantilesSql(engine, MEASURE_SQL[m], fractions)} AS ${m}_q`),
    ...[1, 2, 3, 4, 5].map((v) => `SUM(CASE WHEN csat_value = ${v} THEN 1 ELSE 0 END) AS csat${v}`),
  ].join(',\n      ');
  // Every row of tk is in the range, so its start over the range is the range's own (periodSql's).
  const range_ = q.fromDay ? dayLiteral(q.fromDay) : `'range'`;
  const parts = [`SELECT start, grp, 0 AS whole, 0 AS total, ${figures} FROM tk GROUP BY start, grp`];
  if (q.groupBy) parts.push(`SELECT start, NULL, 1, 0, ${figures} FROM tk GROUP BY start`);
  parts.push(`SELECT ${range_}, grp, 0, 1, ${figures} FROM tk GROUP BY grp`);
  // HAVING: no row without tickets, as a GROUP BY gives none.
  if (q.groupBy) parts.push(`SELECT ${range_}, NULL, 1, 1, ${figures} FROM tk HAVING COUNT(*) > 0`);
  return { sql: `WITH ${ctes.join(',\n    ')}\n    ${parts.join('\n    UNION ALL ')}`, params };
}

/** The rows of ticketFiguresQuery, the series' and the range's apart. */
export function splitTotals(rows: Record<string, unknown>[]): { series: TicketCounts[]; totals: TicketCounts[] } {
  const split = { series: [] as TicketCounts[], totals: [] as TicketCounts[] };
  for (const row of rows) (Number(row.total) === 1 ? split.totals : split.series).push(toTicketCounts(row));
  return split;
}

/** Percentiles as either engine returns them: a JSON array (SQLite) or an array (PostgreSQL). */
const percentilesOf = (v: unknown): number[] | null => (v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as unknown[]).map(Number));

export function toTicketCounts(row: Record<string, unknown>): TicketCounts {
  return {
    start: String(row.start),
    key: row.grp === null || row.grp === undefined ? null : String(row.grp),
    whole: Number(row.whole) === 1,
    volume: Number(row.volume),
    open: Number(row.open_count ?? 0),
    awaiting: Number(row.awaiting ?? 0),
    resolved: Number(row.resolved ?? 0),
    reopened: Number(row.reopened ?? 0),
    measured: Object.fromEntries(
      TICKET_MEASURES.map((m) => [m, { count: Number(row[`${m}_n`] ?? 0), sum: Number(row[`${m}_sum`] ?? 0), percentiles: percentilesOf(row[`${m}_q`]) }]),
    ) as TicketCounts['measured'],
    csat: [1, 2, 3, 4, 5].map((v) => Number(row[`csat${v}`] ?? 0)),
  };
}

/** Tickets per period and topic, from `fromDay` (the period before the range, for rising topics). */
export function topicCountsQuery(engine: Engine, q: TicketStoreQuery & { bucket: 'day' | 'week' | 'month' }): { sql: string; params: unknown[] } {
  const range = [q.fromDay ? `AND opened_day >= ${dayLiteral(q.fromDay)}` : '', q.toDay ? `AND opened_day <= ${dayLiteral(q.toDay)}` : ''].join(' ');
  return {
    sql: `SELECT ${periodSql({ day: 'opened_day', week: 'opened_week' }, q.bucket)} AS start, topic, COUNT(*) AS tickets FROM tickets
      WHERE site_id = ? AND topic IS NOT NULL ${range} GROUP BY 1, 2`,
    params: [q.siteId],
  };
}

export function npsCustomersQuery(q: { siteId: string; toDay?: string }): { sql: string; params: unknown[] } {
  return { sql: `WITH ${categoriesCte(q)} SELECT category AS grp, COUNT(*) AS customers FROM cat GROUP BY category`, params: [q.siteId] };
}

/** The median first-response time (ms) of the tickets opened since a local day. */
export function firstResponseMedianQuery(engine: Engine, q: { siteId: string; sinceDay: string }): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT ${quantilesSql(engine, 'first_response_at - opened_at', [0.5])} AS q FROM tickets
      WHERE site_id = ? AND opened_day >= ${dayLiteral(q.sinceDay)} AND first_response_at IS NOT NULL`,
    params: [q.siteId],
  };
}

export const toMedian = (row: Record<string, unknown> | undefined): number | null => percentilesOf(row?.q)?.[0] ?? null;

/** The site's topics named by the help desk, most used first. */
export function topicsQuery(engine: Engine, q: { siteId: string; limit: number }): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT topic FROM tickets WHERE site_id = ? AND topic IS NOT NULL AND topic_source <> 'subject' GROUP BY topic ORDER BY COUNT(*) DESC, topic${collateC(engine)} LIMIT ${intLiteral(q.limit)}`,
    params: [q.siteId],
  };
}
