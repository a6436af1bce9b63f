// Shown and dismissed events, and answers dropped as bots': counted in the daily rollups, with no
// per-visitor row; an identified customer's dismissal is noted for fatigue.
import { EVENT_COUNTERS } from '../answer-counts';
import type { EventItem, EventsStore } from '../types';
import { createContactWriter } from './contacts';
import type { AddDaily } from './counters';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';

export function createEventsRepository(db: Db, commits: GroupCommit, addDaily: AddDaily): EventsStore {
  const recordContact = createContactWriter(db);
  return {
    record(e: EventItem): Promise<void> {
      return commits.write(() => {
        addDaily(e.siteId, e.surveyId, e.day, { [EVENT_COUNTERS[e.type]]: 1 });
        if (e.type === 'dismissed' && e.customerId) recordContact(e.siteId, e.customerId, e.surveyId, e.now);
      });
    },
    recordBots(siteId: string, surveyId: string, day: string, answers: number): Promise<void> {
      return commits.write(() => addDaily(siteId, surveyId, day, { bot_answers: answers }));
    },
  };
}
