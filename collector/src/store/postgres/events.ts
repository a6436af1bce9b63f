// Shown and dismissed events, and bots' answers, counted in the daily rollups (see ../sqlite/events.ts).
import { EVENT_COUNTERS } from '../answer-counts';
import type { EventItem, EventsStore } from '../types';
import type { Batcher } from './batch';
import { recordContact } from './contacts';
import type { AddDaily } from './counters';

export function createEventsRepository(batcher: Batcher, addDaily: AddDaily): EventsStore {
  return {
    record(e: EventItem) {
      return batcher.write(async (client) => {
        addDaily(e.siteId, e.surveyId, e.day, { [EVENT_COUNTERS[e.type]]: 1 });
        if (e.type === 'dismissed' && e.customerId) await recordContact(client, e.siteId, e.customerId, e.surveyId, e.now);
      });
    },
    recordBots(siteId, surveyId, day, answers) {
      return batcher.write(async () => addDaily(siteId, surveyId, day, { bot_answers: answers }));
    },
  };
}
