// The per-survey, per-day counters behind every metric. Writers pass deltas; readers sum rows.
import { CSAT_SCALE, NPS_SCALE } from '@plaudit/shared';
import type { Db } from './database';

export const NPS_COLUMNS = NPS_SCALE.map((s) => `nps${s}`);
export const CSAT_COLUMNS = CSAT_SCALE.map((s) => `csat${s}`);
const COUNTERS = ['responses', 'comments', 'impressions', 'dismissals', ...NPS_COLUMNS, ...CSAT_COLUMNS];

export interface RollupDelta {
  responses?: number;
  comments?: number;
  impressions?: number;
  dismissals?: number;
  /** score → change in its count */
  nps?: Map<number, number>;
  csat?: Map<number, number>;
}

export function createRollupWriter(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO daily_rollups (survey_id, day, site_id, ${COUNTERS.join(', ')})
     VALUES (?, ?, ?, ${COUNTERS.map(() => '?').join(', ')})
     ON CONFLICT (survey_id, day) DO UPDATE SET
       ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(',\n       ')}`,
  );

  /** Applies a delta; must run inside the caller's transaction. */
  return function applyDelta(siteId: string, surveyId: string, day: string, d: RollupDelta): void {
    const values = [
      d.responses ?? 0,
      d.comments ?? 0,
      d.impressions ?? 0,
      d.dismissals ?? 0,
      ...NPS_SCALE.map((s) => d.nps?.get(s) ?? 0),
      ...CSAT_SCALE.map((s) => d.csat?.get(s) ?? 0),
    ];
    if (values.every((v) => v === 0)) return;
    upsert.run(surveyId, day, siteId, ...values);
  };
}

/** Adds +1 to `to` and −1 to `from` (either may be null) in a score delta map. */
export function scoreChange(from: number | null, to: number | null): Map<number, number> | undefined {
  if (from === to) return undefined;
  const m = new Map<number, number>();
  if (from !== null) m.set(from, -1);
  if (to !== null) m.set(to, (m.get(to) ?? 0) + 1);
  return m;
}
