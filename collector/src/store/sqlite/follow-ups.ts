// Follow-up answers on SQLite: the tally reads every answer of a survey's range, on the reader's
// thread so the event loop never waits for it.
import { tallyQuery, toTally } from '../follow-up-tally';
import type { FollowUpsStore } from '../types';
import type { SqliteReader } from './thread';

export function createFollowUpsRepository(reader: SqliteReader): FollowUpsStore {
  return {
    async tally(q) {
      const { sql, params } = tallyQuery('sqlite', q);
      return (await reader.all<Record<string, unknown>>(sql, params)).map(toTally);
    },
  };
}
