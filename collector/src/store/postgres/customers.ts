// Customer events on PostgreSQL: batches join the batched transaction of their moment, an import
// is one transaction of its own (sent a slice per statement, so no message is huge), and churn is
// counted by the server (see ../churn-query.ts).
import { churnQuery, npsChurnQuery, toChurnBuckets, toNpsChurn, unmatchedQuery } from '../churn-query';
import { EVENT_COLUMNS, eventValues, lastOfEachId, upsertSql } from '../customer-records';
import type { CustomerEventItem, CustomersStore } from '../types';
import type { Batcher } from './batch';
import { numbered, read, type Pool } from './database';
import { inTransaction, upsertSlices } from './import-transaction';

type Row = Record<string, unknown>;

export function createCustomersRepository(pool: Pool, batcher: Batcher): CustomersStore {
  const all = (query: { sql: string; params: unknown[] }) => read(async () => (await pool.query<Row>(numbered(query.sql), query.params)).rows);
  const upsert = (items: readonly CustomerEventItem[], siteId: string, now: number) => {
    const rows = lastOfEachId(items);
    return { sql: numbered(upsertSql('customer_events', EVENT_COLUMNS, rows.length)), params: rows.flatMap((item) => eventValues(siteId, item, now)) };
  };
  return {
    async upsertEvents(siteId, items) {
      const { sql, params } = upsert(items, siteId, Date.now());
      await batcher.write(async (client) => {
        await client.query(sql, params);
      });
    },
    async importEvents(siteId, items) {
      const now = Date.now();
      await inTransaction(pool, (client) => upsertSlices(client, items, 1_000, (slice) => upsert(slice, siteId, now)));
    },
    async churn(q) {
      return toChurnBuckets(await all(churnQuery('postgres', q)));
    },
    async npsChurn(q) {
      const [rows, [none]] = await Promise.all([all(npsChurnQuery('postgres', q)), all(unmatchedQuery(q))]);
      return { counts: toNpsChurn(rows), unmatched: Number(none?.n ?? 0) };
    },
  };
}
