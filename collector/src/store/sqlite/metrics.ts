import type { Interval } from '@plaudit/shared';
import type { BucketCounts, MetricsStore, RollupQuery, SegmentCounts } from '../types';
import { CSAT_COLUMNS, NPS_COLUMNS } from './counters';
import type { SqliteReader } from './thread';



// Bucket starts computed in SQL from the 'YYYY-MM-DD' day key: ISO weeks start on Monday.
const BUCKET_SQL: Record<Interval, string> = {
  day: 'day',
  week: `date(day, 'weekday 0', '-6 days')`,
  month: `substr(day, 1, 8) || '01'`,
};


type Row = Record<string, number | string>;

const sumsOf = (columns: string[]) => columns.map((c) => `SUM(${c}) AS ${c}`).join(', ');
const SCORE_SUMS = sumsOf([...NPS_COLUMNS, ...CSAT_COLUMNS]);
const scoresOf = (row: Row) => ({
  nps: NPS_COLUMNS.map((c) => Number(row[c])),
  csat: CSAT_COLUMNS.map((c) => Number(row[c])),
});

/** The WHERE clause of a site's rollup rows over a range of days, one survey's if given. */
function rangeWhere(q: Omit<RollupQuery, 'interval'>, where: string[] = [], params: string[] = []) {
  where.unshift('site_id = ?');
  params.unshift(q.siteId);
  for (const [condition, value] of [
    ['survey_id = ?', q.surveyId],
    ['day >= ?', q.fromDay],
    ['day <= ?', q.toDay],
  ] as const) {
    if (value) {
      where.push(condition);
      params.push(value);
    }
  }
  return { where: where.join(' AND '), params };
}

/** Metrics read rollups, whose size grows with days × surveys × values: on the reader's thread. */
export function createMetricsRepository(reader: SqliteReader): MetricsStore {
  return {
    /** Counts per value of one attribute over the range, most answered first. */
    async segments(q: Omit<RollupQuery, 'interval'> & { attribute: string }): Promise<SegmentCounts[]> {
      const { where, params } = rangeWhere(q, ['attribute = ?'], [q.attribute]);
      const sql = `SELECT value, SUM(responses) AS responses, ${SCORE_SUMS} FROM segment_rollups WHERE ${where}
        GROUP BY value HAVING SUM(responses) > 0 ORDER BY responses DESC, value`;
      return (await reader.all<Row>(sql, params)).map((row) => ({ value: String(row.value), responses: Number(row.responses), ...scoresOf(row) }));
    },

    async segmentBuckets(q) {
      const { where, params } = rangeWhere(q, ['attribute = ?'], [q.attribute]);
      const sql = `SELECT value, ${BUCKET_SQL[q.interval]} AS start, SUM(responses) AS responses, ${SCORE_SUMS} FROM segment_rollups WHERE ${where}
        GROUP BY value, start HAVING SUM(responses) > 0 ORDER BY value, start`;
      return (await reader.all<Row>(sql, params)).map((row) => ({ value: String(row.value), start: String(row.start), responses: Number(row.responses), ...scoresOf(row) }));
    },

    /** Counts per bucket, oldest first; only buckets that have rows. */
    async buckets(q: RollupQuery): Promise<BucketCounts[]> {
      const { where, params } = rangeWhere(q);
      const sql = `SELECT ${BUCKET_SQL[q.interval]} AS start, ${sumsOf(['responses', 'impressions', 'bot_answers', 'cta_shown', 'cta_clicks'])}, ${SCORE_SUMS}
        FROM daily_rollups WHERE ${where} GROUP BY 1 ORDER BY 1`;
      return (await reader.all<Row>(sql, params)).map((row) => ({
        start: String(row.start),
        responses: Number(row.responses),
        impressions: Number(row.impressions),
        botAnswers: Number(row.bot_answers),
        ctaShown: Number(row.cta_shown),
        ctaClicks: Number(row.cta_clicks),
        ...scoresOf(row),
      }));
    },
  };
}

