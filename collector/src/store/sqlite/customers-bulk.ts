// Customer events, tickets and the support schedule in bulk, for the seeding tool and the
// benchmark: like bulk.ts, synchronous, in large transactions, on a database the tool has to itself.
import type { TicketSchedule } from '@plaudit/shared';
import { TICKET_COLUMNS, ticketValues, upsertSql } from '../customer-records';
import type { CustomerEventItem, TicketItem } from '../types';
import type { Db } from './database';
import { createEventWrites } from './event-writes';

export function createCustomersBulk(db: Db) {
  const eventWrites = createEventWrites(db);
  const insertTicket = db.prepare(upsertSql('tickets', TICKET_COLUMNS));
  const putSchedule = db.prepare('INSERT INTO ticket_schedules (site_id, schedule, updated_at) VALUES (?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET schedule = excluded.schedule');
  const events = db.transaction((siteId: string, items: readonly CustomerEventItem[], now: number) => {
    eventWrites.write(siteId, items, now);
  });
  const tickets = db.transaction((siteId: string, items: readonly TicketItem[], now: number) => {
    for (const item of items) insertTicket.run(...ticketValues(siteId, item, now));
  });
  return {
    insertEvents(siteId: string, items: readonly CustomerEventItem[], now = Date.now()): void {
      events(siteId, items, now);
    },
    insertTickets(siteId: string, items: readonly TicketItem[], now = Date.now()): void {
      tickets(siteId, items, now);
    },
    setSchedule(siteId: string, schedule: TicketSchedule): void {
      putSchedule.run(siteId, JSON.stringify(schedule), Date.now());
    },
    /** Each identified customer's NPS answers, oldest first. */
    npsAnswers(siteId: string): Map<string, { at: number; nps: number }[]> {
      const out = new Map<string, { at: number; nps: number }[]>();
      const rows = db
        .prepare<[string], { c: string; at: number; nps: number }>('SELECT customer_id AS c, created_at AS at, nps FROM responses WHERE site_id = ? AND customer_id IS NOT NULL AND nps IS NOT NULL ORDER BY created_at, seq')
        .iterate(siteId);
      for (const r of rows) {
        const list = out.get(r.c);
        if (list) list.push({ at: r.at, nps: r.nps });
        else out.set(r.c, [{ at: r.at, nps: r.nps }]);
      }
      return out;
    },
  };
}
