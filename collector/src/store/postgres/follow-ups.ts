// Follow-up answers on PostgreSQL (see ../follow-up-tally.ts).
import { tallyQuery, toTally } from '../follow-up-tally';
import type { FollowUpsStore } from '../types';
import { holdsNul, numbered, read, type Pool } from './database';

export function createFollowUpsRepository(pool: Pool): FollowUpsStore {
  return {
    async tally(q) {
      const { sql, params } = tallyQuery('postgres', q);
      if (holdsNul(params)) return [];
      return (await read(async () => (await pool.query(numbered(sql), params)).rows)).map(toTally);
    },
  };
}
