// Each customer event's chain (the customer's state and MRR before it, whether it is their first:
// store/event-chain.ts) is kept right however the events arrive: out of time order, in batches
// and imports, re-sent with another time or moved to another customer. After a shuffled history,
// every stored chain must equal the one worked out here from the stored events alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORED_EVENT_COLUMNS, expectedChains, storedChains, type EventType, type StoredEvent } from '../event-chains';
import { bearer, buildTestApp, createSite, type TestApp, type TestSite } from '../helper';

let t: TestApp;
let site: TestSite;
beforeEach(async () => {
  t = await buildTestApp();
  site = await createSite(t.app, { timezone: 'UTC' });
});
afterEach(async () => {
  await t.close();
});

interface Event {
  id: string;
  customer: string;
  type: EventType;
  at: string;
  mrr?: number;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const postEvents = (events: readonly Event[]) =>
  t.app.inject({ method: 'POST', url: `/v1/sites/${site.id}/customers/events`, headers: bearer(site.secretKey), payload: events as Event[] });
const importEvents = (events: readonly Event[]) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/sites/${site.id}/customers/events/import`,
    headers: { ...bearer(site.secretKey), 'content-type': 'text/csv' },
    payload: ['id,customer,type,at,plan,mrr', ...events.map((e) => `${e.id},${e.customer},${e.type},${e.at},,${e.mrr ?? ''}`)].join('\n') + '\n',
  });

describe('customer event chains', () => {
  it('stay right through shuffled batches, an import, corrections and events moved between customers', { timeout: 60_000 }, async () => {
    const next = random(17);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    // Few instants, so equal instants (and the loss-last rule) come up often.
    const instants = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i * 3, 12)).toISOString());
    const customers = Array.from({ length: 25 }, (_, i) => `cus_${String(i).padStart(2, '0')}`);
    const types: EventType[] = ['acquired', 'acquired', 'lost', 'lost', 'reactivated'];
    // The imported customers are theirs alone, so nothing written later recomputes their chains.
    const importedCustomers = Array.from({ length: 8 }, (_, i) => `imp_${i}`);
    const make = (id: string, among = customers): Event => {
      const mrr = next() < 0.3 ? undefined : Math.round(next() * 100);
      return { id, customer: pick(among), type: pick(types), at: pick(instants), ...(mrr !== undefined && { mrr }) };
    };
    const shuffle = <T>(list: T[]) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      return list;
    };
    const imported = shuffle(Array.from({ length: 80 }, (_, i) => make(`imp_${String(i).padStart(3, '0')}`, importedCustomers)));
    const events = [...imported, ...shuffle(Array.from({ length: 160 }, (_, i) => make(`evt_${String(i).padStart(3, '0')}`)))];
    // A third arrives by import (in slices of its own on SQLite), the rest in batches of 1–15;
    // then corrections of those: another time, another type, or another customer (whose chain
    // and the old one's both change).
    const res = await importEvents(imported);
    expect(res.statusCode, res.body).toBe(200);
    for (let from = 80; from < events.length; ) {
      const size = 1 + Math.floor(next() * 15);
      const res = await postEvents(events.slice(from, from + size));
      expect(res.statusCode, res.body).toBe(200);
      from += size;
    }
    const corrections = Array.from({ length: 40 }, () => make(pick(events.slice(80)).id));
    let moved = 0;
    for (const c of corrections) {
      const before = events.find((e) => e.id === c.id)!;
      if (before.customer !== c.customer) moved++;
      const res = await postEvents([c]);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(moved).toBeGreaterThan(10);

    const stored = await t.db.query<StoredEvent>(`SELECT ${STORED_EVENT_COLUMNS} FROM customer_events WHERE site_id = ?`, [site.id]);
    expect(stored).toHaveLength(240);
    const expected = expectedChains(stored);
    expect(storedChains(stored)).toEqual(expected);
    // The history has what the rules are about: first events that are losses, equal instants.
    const chains = Object.values(expected);
    expect(chains.filter(([was, , first]) => first === 1 && was === 1).length).toBeGreaterThan(0);
    expect(stored.filter((a) => stored.some((b) => b !== a && b.customer_id === a.customer_id && b.at === a.at)).length).toBeGreaterThan(0);
  });
});
