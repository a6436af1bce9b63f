import type { Interval } from '@plaudit/shared';
import type { Db } from './database';
import { CSAT_COLUMNS, NPS_COLUMNS } from './rollups';

export interface BucketCounts {
  start: string;
  responses: number;
  impressions: number;
  /** Counts of NPS answers 0..10. */
  nps: number[];
  /** Counts of CSAT answers 1..5. */
  csat: number[];
}

export interface RollupQuery {
  siteId: string;
  surveyId?: string;
  fromDay?: string;
  toDay?: string;
  interval: Interval;
}

// Bucket starts computed in SQL from the 'YYYY-MM-DD' day key: ISO weeks start on Monday.
const BUCKET_SQL: Record<Interval, string> = {
  day: 'day',
  week: `date(day, 'weekday 0', '-6 days')`,
  month: `substr(day, 1, 8) || '01'`,
};

export interface SegmentCounts {
  value: string;
  responses: number;
  nps: number[];
  csat: number[];
}

export function createMetricsRepository(db: Db) {
  const sums = ['responses', 'impressions', ...NPS_COLUMNS, ...CSAT_COLUMNS].map((c) => `SUM(${c}) AS ${c}`).join(', ');
  const cache = new Map<string, ReturnType<typeof db.prepare<unknown[], Record<string, number | string>>>>();

  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], Record<string, number | string>>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const segmentSums = ['responses', ...NPS_COLUMNS, ...CSAT_COLUMNS].map((c) => `SUM(${c}) AS ${c}`).join(', ');

  return {
    /** Counts per value of one attribute over the range, most answered first. */
    async segments(q: Omit<RollupQuery, 'interval'> & { attribute: string }): Promise<SegmentCounts[]> {
      const where = ['site_id = ?', 'attribute = ?'];
      const params: string[] = [q.siteId, q.attribute];
      if (q.fromDay) {
        where.push('day >= ?');
        params.push(q.fromDay);
      }
      if (q.toDay) {
        where.push('day <= ?');
        params.push(q.toDay);
      }
      if (q.surveyId) {
        where.push('survey_id = ?');
        params.push(q.surveyId);
      }
      const sql = `SELECT value, ${segmentSums} FROM segment_rollups WHERE ${where.join(' AND ')}
        GROUP BY value HAVING SUM(responses) > 0 ORDER BY responses DESC, value`;
      return prepared(sql)
        .all(...params)
        .map((row) => ({
          value: String(row.value),
          responses: Number(row.responses),
          nps: NPS_COLUMNS.map((c) => Number(row[c])),
          csat: CSAT_COLUMNS.map((c) => Number(row[c])),
        }));
    },

    /** Counts per bucket, oldest first; only buckets that have rows. */
    async buckets(q: RollupQuery): Promise<BucketCounts[]> {
      const where = ['site_id = ?'];
      const params: string[] = [q.siteId];
      if (q.surveyId) {
        where.push('survey_id = ?');
        params.push(q.surveyId);
      }
      if (q.fromDay) {
        where.push('day >= ?');
        params.push(q.fromDay);
      }
      if (q.toDay) {
        where.push('day <= ?');
        params.push(q.toDay);
      }
      const sql = `SELECT ${BUCKET_SQL[q.interval]} AS start, ${sums} FROM daily_rollups
        WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`;
      return prepared(sql).all(...params).map((row) => ({
        start: String(row.start),
        responses: Number(row.responses),
        impressions: Number(row.impressions),
        nps: NPS_COLUMNS.map((c) => Number(row[c])),
        csat: CSAT_COLUMNS.map((c) => Number(row[c])),
      }));
    },
  };
}

export type MetricsRepository = ReturnType<typeof createMetricsRepository>;
