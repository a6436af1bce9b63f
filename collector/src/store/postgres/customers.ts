// Customer events on PostgreSQL: a batch and an import are each a transaction of their own (an
// import sent a slice per statement, so no message is huge), which recomputes the chains of the
// customers it touches (../event-chain.ts); churn is counted by the server (see ../churn-query.ts).
import { churnQuery, npsChurnQuery, toChurnBuckets, toNpsChurn, unmatchedQuery } from '../churn-query';
import { EVENT_COLUMNS, eventValues, lastOfEachId, upsertSql } from '../customer-records';
import { chainSql, ownersSql, touchedCustomers } from '../event-chain';
import type { CustomerEventItem, CustomersStore } from '../types';
import { numbered, read, type Client, type Pool } from './database';
import { inTransaction } from './import-transaction';

type Row = Record<string, unknown>;

/** Taken by each write of a site's customer events (parameter: the site id), until its transaction ends. */
export const EVENT_WRITES_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('customer_events ' || $1, 0))`;

export function createCustomersRepository(pool: Pool): CustomersStore {
  const all = (query: { sql: string; params: unknown[] }) => read(async () => (await pool.query<Row>(numbered(query.sql), query.params)).rows);
  const upsert = (items: readonly CustomerEventItem[], siteId: string, now: number) => {
    const rows = lastOfEachId(items);
    return { sql: numbered(upsertSql('customer_events', EVENT_COLUMNS, rows.length)), params: rows.flatMap((item) => eventValues(siteId, item, now)) };
  };
  const owners = numbered(ownersSql('postgres'));
  const chain = numbered(chainSql('postgres', 'listed'));
  /**
   * Upserts `items` and recomputes the chains they change, inside the caller's transaction. A
   * chain is computed from what the transaction sees, so writes of one site's events take turns
   * across collectors: under a lock held until the transaction ends, two collectors writing events
   * of one customer at once could each miss the other's.
   */
  const writeEvents = async (client: Client, siteId: string, items: readonly CustomerEventItem[], now: number) => {
    await client.query(EVENT_WRITES_LOCK, [siteId]);
    const previous = (await client.query<{ customer_id: string }>(owners, [siteId, JSON.stringify(items.map((i) => i.id))])).rows.map((r) => r.customer_id);
    const { sql, params } = upsert(items, siteId, now);
    await client.query(sql, params);
    await client.query(chain, [siteId, touchedCustomers(items, previous)]);
  };
  return {
    async upsertEvents(siteId, items) {
      // A transaction of its own, not a place in the batch every answer of the moment shares: a
      // wait for the lock (another collector's import of this site) holds this request alone.
      const now = Date.now();
      await inTransaction(pool, (client) => writeEvents(client, siteId, items, now));
    },
    async importEvents(siteId, items) {
      const now = Date.now();
      await inTransaction(pool, async (client) => {
        for (let from = 0; from < items.length; from += 1_000) await writeEvents(client, siteId, items.slice(from, from + 1_000), now);
      });
    },
    async churn(q) {
      return toChurnBuckets(await all(churnQuery('postgres', q)), q);
    },
    async npsChurn(q) {
      const [rows, [none]] = await Promise.all([all(npsChurnQuery('postgres', q)), all(unmatchedQuery(q))]);
      return { counts: toNpsChurn(rows), unmatched: Number(none?.n ?? 0) };
    },
  };
}
