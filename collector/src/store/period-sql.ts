// What the customer, ticket and at-risk queries (churn-query.ts, ticket-query.ts,
// at-risk-query.ts) need to differ between SQLite and PostgreSQL: a local day's period, a JSON
// attribute, a byte-order collation. Everything else in those queries is SQL both engines run.
import type { Interval } from '@plaudit/shared';

export type Engine = 'sqlite' | 'postgres';

/** A day from a validated query, inlined into SQL: refused unless it is exactly YYYY-MM-DD. */
export function dayLiteral(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  return `'${day}'`;
}

/** A whole number of our own (points, thresholds) inlined into SQL. */
export function intLiteral(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return String(n);
}

/**
 * The period of a row from its local day and week columns ('YYYY-MM-DD', the week's being its
 * Monday, stored: no date arithmetic per row): its day, its week, or its month's 1st; or, for
 * 'range', '0' before `fromDay`, the range's own `fromDay` (or 'range' without one), '~' after `toDay`.
 */
export function periodSql(columns: { day: string; week: string }, bucket: Interval | 'range', range: { fromDay?: string; toDay?: string } = {}): string {
  const column = columns.day;
  if (bucket === 'day') return column;
  if (bucket === 'month') return `substr(${column}, 1, 8) || '01'`;
  if (bucket === 'week') return columns.week;
  const inRange = range.fromDay ? dayLiteral(range.fromDay) : `'range'`;
  const before = range.fromDay ? `WHEN ${column} < ${dayLiteral(range.fromDay)} THEN '0' ` : '';
  const after = range.toDay ? `WHEN ${column} > ${dayLiteral(range.toDay)} THEN '~' ` : '';
  return before || after ? `CASE ${before}${after}ELSE ${inRange} END` : inRange;
}

/**
 * A response's `ticket` attribute as text (the id of the ticket a link survey was sent after),
 * written as the partial index responses_by_ticket names it, so the query can use it.
 */
export function ticketAttributeSql(engine: Engine, alias: string): string {
  return engine === 'sqlite' ? `json_extract(${alias}.attributes, '$.ticket')` : `(${alias}.attributes::jsonb ->> 'ticket')`;
}

/** Text compared byte by byte, as SQLite does, so both engines break ties the same way. */
export const collateC = (engine: Engine) => (engine === 'postgres' ? ' COLLATE "C"' : '');

/** NPS score → category, in SQL. */
export const npsCategorySql = (column: string) => `CASE WHEN ${column} >= 9 THEN 'promoter' WHEN ${column} >= 7 THEN 'passive' ELSE 'detractor' END`;
