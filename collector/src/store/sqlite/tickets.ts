// Tickets on SQLite: batches in one group-commit transaction, imports staged and applied a slice
// at a time (imports.ts), the metrics' counts and ranks read on the reader's thread
// (store/ticket-query.ts).
import type { TicketSchedule } from '@plaudit/shared';
import { TICKET_COLUMNS, ticketValues, upsertSql } from '../customer-records';
import { firstResponseMedianQuery, npsCustomersQuery, splitTotals, ticketFiguresQuery, toMedian, topicCountsQuery, topicsQuery } from '../ticket-query';
import type { TicketsStore } from '../types';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import type { ImportJobs } from './imports';
import type { SqliteReader } from './thread';

type Row = Record<string, unknown>;

export function createTicketsRepository(db: Db, commits: GroupCommit, reader: SqliteReader, imports: ImportJobs): TicketsStore {
  const upsert = db.prepare(upsertSql('tickets', TICKET_COLUMNS));
  const scheduleOf = db.prepare<[string], { schedule: string }>('SELECT schedule FROM ticket_schedules WHERE site_id = ?');
  const putSchedule = db.prepare('INSERT INTO ticket_schedules (site_id, schedule, updated_at) VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET schedule = excluded.schedule, updated_at = excluded.updated_at');
  const dropSchedule = db.prepare('DELETE FROM ticket_schedules WHERE site_id = ?');
  const all = async (siteId: string, query: { sql: string; params: unknown[] }) => {
    await imports.settled(siteId);
    return reader.all<Row>(query.sql, query.params);
  };
  return {
    async upsert(siteId, items) {
      await imports.settled(siteId);
      const now = Date.now();
      await commits.write(() => {
        for (const item of items) upsert.run(...ticketValues(siteId, item, now));
      });
    },
    async import(siteId, items) {
      const now = Date.now();
      await imports.run(siteId, 'tickets', items, (item) => ticketValues(siteId, item, now));
    },
    async getSchedule(siteId) {
      const row = scheduleOf.get(siteId);
      return row && (JSON.parse(row.schedule) as TicketSchedule);
    },
    async setSchedule(siteId, schedule) {
      await commits.write(() => (schedule ? putSchedule.run(siteId, JSON.stringify(schedule), Date.now()) : dropSchedule.run(siteId)));
    },
    async topics(siteId, limit) {
      return (await all(siteId, topicsQuery('sqlite', { siteId, limit }))).map((r) => String(r.topic));
    },
    async figures(q, percentiles) {
      return splitTotals(await all(q.siteId, ticketFiguresQuery('sqlite', q, percentiles)));
    },
    async topicCounts(q) {
      return (await all(q.siteId, topicCountsQuery('sqlite', q))).map((r) => ({ start: String(r.start), topic: String(r.topic), count: Number(r.tickets) }));
    },
    async npsCustomers(q) {
      return (await all(q.siteId, npsCustomersQuery(q))).map((r) => ({ key: String(r.grp), customers: Number(r.customers) }));
    },
    async firstResponseMedian(siteId, sinceDay) {
      return toMedian((await all(siteId, firstResponseMedianQuery('sqlite', { siteId, sinceDay })))[0]);
    },
  };
}
