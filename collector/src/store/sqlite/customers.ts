// Customer events on SQLite: batches in one group-commit transaction, imports staged and applied
// a slice at a time (imports.ts), churn read on the reader's thread (store/churn-query.ts).
import { churnQuery, npsChurnQuery, toChurnBuckets, toNpsChurn, unmatchedQuery } from '../churn-query';
import { eventValues } from '../customer-records';
import type { CustomersStore } from '../types';
import type { EventWrites } from './event-writes';
import type { GroupCommit } from './group-commit';
import type { ImportJobs } from './imports';
import type { SqliteReader } from './thread';

export function createCustomersRepository(commits: GroupCommit, reader: SqliteReader, imports: ImportJobs, events: EventWrites): CustomersStore {
  return {
    async upsertEvents(siteId, items) {
      await imports.settled(siteId);
      const now = Date.now();
      await commits.write(() => events.write(siteId, items, now));
    },
    async importEvents(siteId, items) {
      const now = Date.now();
      await imports.run(siteId, 'customer_events', items, (item) => eventValues(siteId, item, now));
    },
    async churn(q) {
      await imports.settled(q.siteId);
      const { sql, params } = churnQuery('sqlite', q);
      return toChurnBuckets(await reader.all<Record<string, unknown>>(sql, params), q);
    },
    async npsChurn(q) {
      await imports.settled(q.siteId);
      const counts = npsChurnQuery('sqlite', q);
      const unmatched = unmatchedQuery(q);
      const [rows, [none]] = await Promise.all([reader.all<Record<string, unknown>>(counts.sql, counts.params), reader.all<{ n: number }>(unmatched.sql, unmatched.params)]);
      return { counts: toNpsChurn(rows), unmatched: Number(none?.n ?? 0) };
    },
  };
}
