// Counters summed in memory per batch and written with one multi-row upsert per table when the
// batch commits (INSERT … ON CONFLICT DO UPDATE adds the sums). Rows are written in key order, so
// two collectors that touch the same rows lock them in the same order and never deadlock.
import { DAILY_COUNTERS, type Delta } from '../answer-counts';
import type { Batcher } from './batch';

export type AddCounters = (key: string[], delta: Delta) => void;

export function createBatchedCounters(batcher: Batcher, table: string, keyColumns: string[], counters: string[], conflictColumns = keyColumns): AddCounters {
  const at = new Map(counters.map((c, i) => [c, i]));
  const pending = new Map<string, { key: string[]; values: number[] }>();
  const columns = [...keyColumns, ...counters];
  const updates = counters.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
  batcher.onBatchEnd({
    beforeCommit: async (client) => {
      const rows = [...pending.entries()]
        .filter(([, p]) => p.values.some((v) => v !== 0))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, p]) => [...p.key, ...p.values]);
      pending.clear();
      // A few hundred rows a statement keeps well under PostgreSQL's 65,535 parameters.
      for (let from = 0; from < rows.length; from += 500) {
        const chunk = rows.slice(from, from + 500);
        const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET ${updates}`,
          chunk.flat(),
        );
      }
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

export type AddDaily = (siteId: string, surveyId: string, day: string, delta: Delta) => void;

/** The one writer of daily_rollups, shared by answers and events. */
export function createDailyCounters(batcher: Batcher): AddDaily {
  const add = createBatchedCounters(batcher, 'daily_rollups', ['survey_id', 'day', 'site_id'], DAILY_COUNTERS, ['survey_id', 'day']);
  return (siteId, surveyId, day, delta) => add([surveyId, day, siteId], delta);
}
