// Customer events and tickets as rows, for both engines: their columns, their values in column
// order, and the upsert that replaces a row with the same id (keeping when it was first stored).
import type { CustomerEventItem, TicketItem } from './types';

export const EVENT_COLUMNS = ['site_id', 'id', 'customer_id', 'type', 'at', 'day', 'week', 'plan', 'mrr', 'created_at', 'updated_at'] as const;

export const TICKET_COLUMNS = [
  'site_id',
  'id',
  'customer_id',
  'subject',
  'topic',
  'topic_source',
  'tags',
  'channel',
  'opened_at',
  'opened_day',
  'opened_week',
  'first_response_at',
  'resolved_at',
  'reopened_count',
  'satisfaction',
  'first_response_business_ms',
  'resolution_business_ms',
  'created_at',
  'updated_at',
] as const;

export function eventValues(siteId: string, e: CustomerEventItem, now: number): unknown[] {
  return [siteId, e.id, e.customerId, e.type, e.at, e.day, e.week, e.plan, e.mrr, now, now];
}

export function ticketValues(siteId: string, t: TicketItem, now: number): unknown[] {
  return [
    siteId,
    t.id,
    t.customerId,
    t.subject,
    t.topic,
    t.topicSource,
    t.tags === null ? null : JSON.stringify(t.tags),
    t.channel,
    t.openedAt,
    t.openedDay,
    t.openedWeek,
    t.firstResponseAt,
    t.resolvedAt,
    t.reopenedCount,
    t.satisfaction,
    t.firstResponseBusinessMs,
    t.resolutionBusinessMs,
    now,
    now,
  ];
}

/** ON CONFLICT … DO UPDATE of every column but the key and created_at. */
export function upsertClause(columns: readonly string[]): string {
  const updated = columns.filter((c) => c !== 'site_id' && c !== 'id' && c !== 'created_at');
  return `ON CONFLICT (site_id, id) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

/** An upsert of `rows` rows, with `?` placeholders. */
export function upsertSql(table: 'customer_events' | 'tickets', columns: readonly string[], rows = 1): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${upsertClause(columns)}`;
}

/** The last item of each id, in order: one statement may not update a row twice (PostgreSQL). */
export function lastOfEachId<T extends { id: string }>(items: readonly T[]): T[] {
  const last = new Map<string, T>();
  for (const item of items) {
    last.delete(item.id);
    last.set(item.id, item);
  }
  return [...last.values()];
}
