// Counters summed in memory per batch and written with one upsert per row when the batch commits:
// a batch of answers to one survey costs one write per counter row, not one per answer; a batch
// that rolls back drops its sums with it. Deltas come by counter name (see ../answer-counts.ts).
import { DAILY_COUNTERS, type Delta } from '../answer-counts';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

export { CSAT_COLUMNS, NPS_COLUMNS } from '../answer-counts';

/** Adds a delta to the row whose key columns are `key`; call only from inside a GroupCommit job. */
export type AddCounters = (key: string[], delta: Delta) => void;

export function createBatchedCounters(
  db: Db,
  commits: GroupCommit,
  table: string,
  keyColumns: string[],
  counters: string[],
  /** The table's unique key, when keyColumns hold more than it. */
  conflictColumns = keyColumns,
): AddCounters {
  const upsert = db.prepare(
    `INSERT INTO ${table} (${[...keyColumns, ...counters].join(', ')})
     VALUES (${[...keyColumns, ...counters].map(() => '?').join(', ')})
     ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET
       ${counters.map((c) => `${c} = ${c} + excluded.${c}`).join(',\n       ')}`,
  );
  const at = new Map(counters.map((c, i) => [c, i]));
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
  return (key, delta) => {
    const id = key.join('\u0000');
    let p = pending.get(id);
    if (!p) {
      p = { key, values: new Array<number>(counters.length).fill(0) };
      pending.set(id, p);
    }
    for (const [name, change] of Object.entries(delta)) {
      const i = at.get(name);
      if (i === undefined) throw new Error(`${table} has no counter ${name}`);
      p.values[i]! += change;
    }
  };
}

/** Adds a delta to a survey's day; the one writer of daily_rollups, shared by answers and events. */
export type AddDaily = (siteId: string, surveyId: string, day: string, delta: Delta) => void;

export function createDailyCounters(db: Db, commits: GroupCommit): AddDaily {
  const add = createBatchedCounters(db, commits, 'daily_rollups', ['survey_id', 'day', 'site_id'], DAILY_COUNTERS, ['survey_id', 'day']);
  return (siteId, surveyId, day, delta) => add([surveyId, day, siteId], delta);
}
