// The per-survey, per-day counters behind every metric. Writers pass deltas; readers sum rows.
import { CSAT_SCALE, NPS_SCALE } from '@plaudit/shared';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

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

/**
 * Returns applyDelta(). Deltas are summed in memory per survey and day while a batch runs and
 * written with one upsert each when the batch commits (a batch of answers to one survey costs one
 * rollup write, not one per answer); a rolled-back batch's deltas are dropped with it.
 */
export function createRollupWriter(db: Db, commits: GroupCommit) {
  const upsert = db.prepare(
    `INSERT INTO daily_rollups (survey_id, day, site_id, ${COUNTERS.join(', ')})
     VALUES (?, ?, ?, ${COUNTERS.map(() => '?').join(', ')})
     ON CONFLICT (survey_id, day) DO UPDATE SET
       ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(',\n       ')}`,
  );
  const pending = new Map<string, { siteId: string; surveyId: string; day: string; values: number[] }>();

  commits.onBatchEnd(
    () => {
      for (const p of pending.values()) {
        if (p.values.some((v) => v !== 0)) upsert.run(p.surveyId, p.day, p.siteId, ...p.values);
      }
      pending.clear();
    },
    () => pending.clear(),
  );

  /** Adds a delta to the current batch; call it only from inside a GroupCommit job. */
  return function applyDelta(siteId: string, surveyId: string, day: string, d: RollupDelta): void {
    const key = `${surveyId}\u0000${day}`;
    let p = pending.get(key);
    if (!p) {
      p = { siteId, surveyId, day, values: new Array<number>(COUNTERS.length).fill(0) };
      pending.set(key, p);
    }
    const v = p.values;
    v[0]! += d.responses ?? 0;
    v[1]! += d.comments ?? 0;
    v[2]! += d.impressions ?? 0;
    v[3]! += d.dismissals ?? 0;
    d.nps?.forEach((change, score) => (v[4 + score]! += change));
    d.csat?.forEach((change, score) => (v[4 + NPS_SCALE.length + score - 1]! += change));
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
