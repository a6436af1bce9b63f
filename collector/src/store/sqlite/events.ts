import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import { createContactWriter } from './customer-contacts';
import { createRollupWriter } from './rollups';

export interface EventItem {
  siteId: string;
  surveyId: string;
  type: 'shown' | 'dismissed';
  day: string;
  /** An identified customer's dismissal starts their resurvey window on every device. */
  customerId?: string;
  now: number;
}

/** Impressions and dismissals are counted in the daily rollups; no per-visitor row is kept. */
export function createEventsRepository(db: Db, commits: GroupCommit) {
  const applyDelta = createRollupWriter(db, commits);
  const recordContact = createContactWriter(db);
  return {
    record(e: EventItem): Promise<void> {
      return commits.write(() => {
        applyDelta(e.siteId, e.surveyId, e.day, e.type === 'shown' ? { impressions: 1 } : { dismissals: 1 });
        if (e.type === 'dismissed' && e.customerId) recordContact(e.siteId, e.customerId, e.surveyId, e.now);
      });
    },
    /** Answers dropped as coming from bots, counted so the owner can see how many. */
    recordBots(siteId: string, surveyId: string, day: string, answers: number): Promise<void> {
      return commits.write(() => applyDelta(siteId, surveyId, day, { botAnswers: answers }));
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
