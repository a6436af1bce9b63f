// Tickets on PostgreSQL (see ../sqlite/tickets.ts and ../ticket-query.ts).
import type { TicketSchedule } from '@plaudit/shared';
import { TICKET_COLUMNS, lastOfEachId, ticketValues, upsertSql } from '../customer-records';
import { firstResponseMedianQuery, npsCustomersQuery, splitTotals, ticketFiguresQuery, toMedian, topicCountsQuery, topicsQuery } from '../ticket-query';
import type { TicketItem, TicketsStore } from '../types';
import type { Batcher } from './batch';
import { numbered, read, type Pool } from './database';
import { inTransaction, upsertSlices } from './import-transaction';

type Row = Record<string, unknown>;

export function createTicketsRepository(pool: Pool, batcher: Batcher): TicketsStore {
  const all = (query: { sql: string; params: unknown[] }) => read(async () => (await pool.query<Row>(numbered(query.sql), query.params)).rows);
  const upsert = (items: readonly TicketItem[], siteId: string, now: number) => {
    const rows = lastOfEachId(items);
    return { sql: numbered(upsertSql('tickets', TICKET_COLUMNS, rows.length)), params: rows.flatMap((item) => ticketValues(siteId, item, now)) };
  };
  return {
    async upsert(siteId, items) {
      const { sql, params } = upsert(items, siteId, Date.now());
      await batcher.write(async (client) => {
        await client.query(sql, params);
      });
    },
    async import(siteId, items) {
      const now = Date.now();
      await inTransaction(pool, (client) => upsertSlices(client, items, 500, (slice) => upsert(slice, siteId, now)));
    },
    async getSchedule(siteId) {
      const [row] = await all({ sql: 'SELECT schedule FROM ticket_schedules WHERE site_id = ?', params: [siteId] });
      return row && (JSON.parse(String(row.schedule)) as TicketSchedule);
    },
    async setSchedule(siteId, schedule) {
      await batcher.write(async (client) => {
        if (schedule) {
          await client.query(
            'INSERT INTO ticket_schedules (site_id, schedule, updated_at) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO UPDATE SET schedule = excluded.schedule, updated_at = excluded.updated_at',
            [siteId, JSON.stringify(schedule), Date.now()],
          );
        } else await client.query('DELETE FROM ticket_schedules WHERE site_id = $1', [siteId]);
      });
    },
    async topics(siteId, limit) {
      return (await all(topicsQuery('postgres', { siteId, limit }))).map((r) => String(r.topic));
    },
    async figures(q, percentiles) {
      return splitTotals(await all(ticketFiguresQuery('postgres', q, percentiles)));
    },
    async topicCounts(q) {
      return (await all(topicCountsQuery('postgres', q))).map((r) => ({ start: String(r.start), topic: String(r.topic), count: Number(r.tickets) }));
    },
    async npsCustomers(q) {
      return (await all(npsCustomersQuery(q))).map((r) => ({ key: String(r.grp), customers: Number(r.customers) }));
    },
    async firstResponseMedian(siteId, sinceDay) {
      return toMedian((await all(firstResponseMedianQuery('postgres', { siteId, sinceDay })))[0]);
    },
  };
}
