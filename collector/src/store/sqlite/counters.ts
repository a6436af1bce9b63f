// The per-survey, per-day counters behind every metric. Writers pass deltas; readers sum rows.
import { CSAT_SCALE, NPS_SCALE } from '@plaudit/shared';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

export const NPS_COLUMNS = NPS_SCALE.map((s) => `nps${s}`);
export const CSAT_COLUMNS = CSAT_SCALE.map((s) => `csat${s}`);
const COUNTERS = ['responses', 'comments', 'impressions', 'dismissals', 'bot_answers', ...NPS_COLUMNS, ...CSAT_COLUMNS];
/** Where each counter sits in a row's sums, by name. */
const AT = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<string, number>;

export interface RollupDelta {
  responses?: number;
  comments?: number;
  impressions?: number;
  dismissals?: number;
  /** Answers dropped because they came from a bot. */
  botAnswers?: number;
  /** score → change in its count */
  nps?: Map<number, number>;
  csat?: Map<number, number>;
}

/**
 * Counters summed in memory per row while a batch runs and written with one upsert per row when
 * the batch commits (a batch of answers to one survey costs one write per row, not one per
 * answer); a rolled-back batch's sums are dropped with it. The returned function gives the
 * running sums of the row whose key columns are `key`, to add to; call it only from inside a
 * GroupCommit job.
 */
export function createBatchedCounters(
  db: Db,
  commits: GroupCommit,
  table: string,
  keyColumns: string[],
  counters: string[],
  /** The table's unique key, when keyColumns hold more than it. */
  conflictColumns = keyColumns,
) {
  const upsert = db.prepare(
    `INSERT INTO ${table} (${[...keyColumns, ...counters].join(', ')})
     VALUES (${[...keyColumns, ...counters].map(() => '?').join(', ')})
     ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET
       ${counters.map((c) => `${c} = ${c} + excluded.${c}`).join(',\n       ')}`,
  );
  const pending = new Map<string, { key: string[]; values: number[] }>();
  commits.onBatchEnd({
    beforeCommit: () => {
      for (const p of pending.values()) {
        if (p.values.some((v) => v !== 0)) upsert.run(...p.key, ...p.values);
      }
      pending.clear();
    },
    onRollback: () => pending.clear(),
  });
  return function sumsOf(key: string[]): number[] {
    const id = key.join('\u0000');
    let p = pending.get(id);
    if (!p) {
      p = { key, values: new Array<number>(counters.length).fill(0) };
      pending.set(id, p);
    }
    return p.values;
  };
}

/** Returns applyDelta(), which adds a delta to a survey's day in the current batch. */
export function createRollupWriter(db: Db, commits: GroupCommit) {
  const sumsOf = createBatchedCounters(db, commits, 'daily_rollups', ['survey_id', 'day', 'site_id'], COUNTERS, ['survey_id', 'day']);
  return function applyDelta(siteId: string, surveyId: string, day: string, d: RollupDelta): void {
    const v = sumsOf([surveyId, day, siteId]);
    v[AT.responses!]! += d.responses ?? 0;
    v[AT.comments!]! += d.comments ?? 0;
    v[AT.impressions!]! += d.impressions ?? 0;
    v[AT.dismissals!]! += d.dismissals ?? 0;
    v[AT.bot_answers!]! += d.botAnswers ?? 0;
    d.nps?.forEach((change, score) => (v[AT[`nps${score}`]!]! += change));
    d.csat?.forEach((change, score) => (v[AT[`csat${score}`]!]! += change));
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
