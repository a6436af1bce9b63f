// Metrics on PostgreSQL: sums of the counter rows over a range, never a scan of the responses.
import type { Interval } from '@plaudit/shared';
import { CSAT_COLUMNS, NPS_COLUMNS } from '../answer-counts';
import type { BucketCounts, MetricsStore, RollupQuery, SegmentCounts } from '../types';
import { read, type Pool } from './database';

// Bucket starts from the 'YYYY-MM-DD' day key: ISO weeks start on Monday.
const BUCKET_SQL: Record<Interval, string> = {
  day: 'day',
  week: `to_char(date_trunc('week', day::date), 'YYYY-MM-DD')`,
  month: `substr(day, 1, 8) || '01'`,
};

type Row = Record<string, number | string>;
const sumsOf = (columns: string[]) => columns.map((c) => `SUM(${c}) AS ${c}`).join(', ');
const SCORE_SUMS = sumsOf([...NPS_COLUMNS, ...CSAT_COLUMNS]);
const scoresOf = (row: Row) => ({ nps: NPS_COLUMNS.map((c) => Number(row[c])), csat: CSAT_COLUMNS.map((c) => Number(row[c])) });

function rangeWhere(q: Omit<RollupQuery, 'interval'>, where: string[] = [], params: unknown[] = []) {
  where.unshift(`site_id = $${params.length + 1}`);
  params.push(q.siteId);
  for (const [column, op, value] of [
    ['survey_id', '=', q.surveyId],
    ['day', '>=', q.fromDay],
    ['day', '<=', q.toDay],
  ] as const) {
    if (value) {
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    }
  }
  return { where: where.join(' AND '), params };
}

export function createMetricsRepository(pool: Pool): MetricsStore {
  const all = (sql: string, params: unknown[]) => read(async () => (await pool.query<Row>(sql, params)).rows);
  return {
    async buckets(q): Promise<BucketCounts[]> {
      const { where, params } = rangeWhere(q);
      const rows = await all(
        `SELECT ${BUCKET_SQL[q.interval]} AS start, ${sumsOf(['responses', 'impressions', 'bot_answers', 'cta_shown', 'cta_clicks'])}, ${SCORE_SUMS}
         FROM daily_rollups WHERE ${where} GROUP BY 1 ORDER BY 1`,
        params,
      );
      return rows.map((row) => ({ start: String(row.start), responses: Number(row.responses), impressions: Number(row.impressions), botAnswers: Number(row.bot_answers), ctaShown: Number(row.cta_shown), ctaClicks: Number(row.cta_clicks), ...scoresOf(row) }));
    },
    async segmentBuckets(q) {
      const { where, params } = rangeWhere(q, ['attribute = $1'], [q.attribute]);
      const rows = await all(
        `SELECT value, ${BUCKET_SQL[q.interval]} AS start, SUM(responses) AS responses, ${SCORE_SUMS} FROM segment_rollups WHERE ${where}
         GROUP BY value, 2 HAVING SUM(responses) > 0 ORDER BY value COLLATE "C", 2`,
        params,
      );
      return rows.map((row) => ({ value: String(row.value), start: String(row.start), responses: Number(row.responses), ...scoresOf(row) }));
    },
    async segments(q): Promise<SegmentCounts[]> {
      const { where, params } = rangeWhere(q, ['attribute = $1'], [q.attribute]);
      const rows = await all(
        `SELECT value, SUM(responses) AS responses, ${SCORE_SUMS} FROM segment_rollups WHERE ${where}
         GROUP BY value HAVING SUM(responses) > 0 ORDER BY responses DESC, value COLLATE "C"`,
        params,
      );
      return rows.map((row) => ({ value: String(row.value), responses: Number(row.responses), ...scoresOf(row) }));
    },
  };
}
