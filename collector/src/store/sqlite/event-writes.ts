// Customer events written on SQLite with their chains (../event-chain.ts): each write recomputes,
// in its own transaction, the chains of the customers it touches. The caller holds the
// transaction (a group commit, an import's slice, the seeding tool's bulk transaction).
import { EVENT_COLUMNS, eventValues, upsertSql } from '../customer-records';
import { chainSql, ownersSql, touchedCustomers } from '../event-chain';
import type { CustomerEventItem } from '../types';
import type { Db } from './database';

export function createEventWrites(db: Db) {
  const upsert = db.prepare(upsertSql('customer_events', EVENT_COLUMNS));
  const owners = db.prepare<[string, string], { customer_id: string }>(ownersSql('sqlite'));
  const chain = db.prepare<[string, string]>(chainSql('sqlite', 'listed'));
  // An import's slice, read from import_rows (columns in EVENT_COLUMNS order: the id second, the
  // customer third): its customers, and the present owners of its event ids.
  const sliceCustomers = db.prepare<[string, number, number, string, string, number, number], { c: string }>(
    `SELECT json_extract(row, '$[2]') AS c FROM import_rows WHERE job_id = ? AND n >= ? AND n < ?
     UNION SELECT e.customer_id FROM customer_events e
       WHERE e.site_id = ? AND e.id IN (SELECT json_extract(row, '$[1]') FROM import_rows WHERE job_id = ? AND n >= ? AND n < ?)`,
  );
  return {
    /** Upserts `items` and recomputes the chains they change; run inside a transaction. */
    write(siteId: string, items: readonly CustomerEventItem[], now: number): void {
      const previous = owners.all(siteId, JSON.stringify(items.map((i) => i.id))).map((r) => r.customer_id);
      for (const item of items) upsert.run(...eventValues(siteId, item, now));
      chain.run(siteId, touchedCustomers(items, previous));
    },
    /**
     * For an import's slice, inside its transaction: call before the slice is applied; the
     * function returned, after, recomputes the chains of the customers the slice touched.
     */
    aroundSlice(siteId: string, jobId: string, low: number, high: number): () => void {
      const customers = JSON.stringify(sliceCustomers.all(jobId, low, high, siteId, jobId, low, high).map((r) => r.c));
      return () => chain.run(siteId, customers);
    },
  };
}

export type EventWrites = ReturnType<typeof createEventWrites>;
