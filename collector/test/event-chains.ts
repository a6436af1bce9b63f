// What each customer event's chain (store/event-chain.ts) should be, worked out here from the
// stored events alone, for the tests that check the stored chains: event-chains.test.ts and the
// two collectors of process/postgres.test.ts.

export type EventType = 'acquired' | 'lost' | 'reactivated';

/** The stored event, as `SELECT ${STORED_EVENT_COLUMNS} FROM customer_events` reads it. */
export interface StoredEvent {
  id: string;
  customer_id: string;
  type: EventType;
  at: number;
  mrr: number | null;
  was_active: number;
  mrr_before: number;
  first_event: number;
}

export const STORED_EVENT_COLUMNS = 'id, customer_id, type, at, mrr, was_active, mrr_before, first_event';

/**
 * The chains, per event id: each customer's events in order (time, a loss last at an equal
 * instant, then id), active after `acquired`/`reactivated` and inactive after `lost`; a customer
 * whose first event is a loss was active before it, with that loss's MRR.
 */
export function expectedChains(rows: readonly StoredEvent[]): Record<string, [number, number, number]> {
  const byCustomer = new Map<string, StoredEvent[]>();
  for (const row of rows) byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), row]);
  const out: Record<string, [number, number, number]> = {};
  for (const events of byCustomer.values()) {
    events.sort((a, b) => Number(a.at) - Number(b.at) || Number(a.type === 'lost') - Number(b.type === 'lost') || (a.id < b.id ? -1 : 1));
    let previous: { active: number; mrr: number } | undefined;
    for (const e of events) {
      const active = e.type === 'lost' ? 0 : 1;
      out[e.id] = [previous?.active ?? 1 - active, previous?.mrr ?? (active ? 0 : Number(e.mrr ?? 0)), previous ? 0 : 1];
      previous = { active, mrr: active ? Number(e.mrr ?? 0) : 0 };
    }
  }
  return out;
}

/** The chains as stored, per event id. */
export function storedChains(rows: readonly StoredEvent[]): Record<string, [number, number, number]> {
  return Object.fromEntries(rows.map((r) => [r.id, [Number(r.was_active), Number(r.mrr_before), Number(r.first_event)]]));
}
