import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import { createRollupWriter } from './rollups';

export interface EventItem {
  siteId: string;
  surveyId: string;
  type: 'shown' | 'dismissed';
  day: string;
}

/** Impressions and dismissals are counted in the daily rollups; no per-visitor row is kept. */
export function createEventsRepository(db: Db, commits: GroupCommit) {
  const applyDelta = createRollupWriter(db, commits);
  return {
    record(e: EventItem): Promise<void> {
      return commits.write(() =>
        applyDelta(e.siteId, e.surveyId, e.day, e.type === 'shown' ? { impressions: 1 } : { dismissals: 1 }),
      );
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
