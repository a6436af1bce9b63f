// What each customer event knows of the events before it, written with the events, for both
// engines: the customer's state before it (was_active), their MRR before it (mrr_before), and
// whether it is their first (first_event). Churn's figures are then plain sums over events in the
// order of their days (churn-query.ts), where reading them meant ordering every customer's events
// again at each read: the window pass and its groupings cost 0.75 s of churn's 0.95 s on the
// dashboard's seed (287,608 events).
//
// The conventions are churn's: a customer is active after `acquired` or `reactivated`, inactive
// after `lost`; one whose first event is a loss was active before the data began (was_active 1,
// and the loss takes away its own `mrr`). A customer's MRR after an event is the event's `mrr`
// when it makes them active, 0 when it makes them inactive.
//
// Any write of a customer's events recomputes that customer's chain in the same transaction (an
// event moved to another customer recomputes both): chainSql over the customers written.
import type { Engine } from './period-sql';

/**
 * The order of a customer's events, in SQL: time, a loss last at an equal instant, then id. The
 * index customer_events_walk holds this very expression (migrations sqlite 025, postgres 015), so
 * reading a customer's events in it sorts nothing: change both together.
 */
export const EVENT_ORDER = `at, CASE WHEN type = 'lost' THEN 1 ELSE 0 END, id`;

/** The same order backwards: the customer's latest event first. */
export const EVENT_ORDER_DESC = `at DESC, CASE WHEN type = 'lost' THEN 1 ELSE 0 END DESC, id DESC`;

/**
 * A JSON array of text as a set SQL can test membership in (`customer_id IN (…)`), the array
 * bound as one parameter, so a batch of any size is one statement.
 */
export function jsonTextSet(engine: Engine): string {
  return engine === 'sqlite' ? 'SELECT value FROM json_each(?)' : 'SELECT jsonb_array_elements_text(CAST(? AS jsonb))';
}

/**
 * Recomputes the chain columns of a site's events: of the customers in a JSON array of ids (the
 * second parameter), or of all its customers. Rows whose values are already right are not written.
 * Parameters: the site id, then (for 'listed') the JSON array.
 */
export function chainSql(engine: Engine, customers: 'all' | 'listed'): string {
  const which = customers === 'listed' ? `AND customer_id IN (${jsonTextSet(engine)})` : '';
  return `UPDATE customer_events SET was_active = c.was_active, mrr_before = c.mrr_before, first_event = c.first_event
    FROM (
      SELECT site_id AS chain_site, id AS chain_id,
        COALESCE(LAG(a) OVER o, 1 - a) AS was_active,
        COALESCE(LAG(ma) OVER o, CASE WHEN a = 0 THEN COALESCE(mrr, 0) ELSE 0 END) AS mrr_before,
        CASE WHEN LAG(a) OVER o IS NULL THEN 1 ELSE 0 END AS first_event
      FROM (
        SELECT site_id, id, customer_id, at, type, mrr,
          CASE WHEN type = 'lost' THEN 0 ELSE 1 END AS a,
          CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END AS ma
        FROM customer_events WHERE site_id = ? ${which}
      ) e
      WINDOW o AS (PARTITION BY customer_id ORDER BY ${EVENT_ORDER})
    ) c
    WHERE customer_events.site_id = c.chain_site AND customer_events.id = c.chain_id
      AND (customer_events.was_active <> c.was_active OR customer_events.mrr_before <> c.mrr_before OR customer_events.first_event <> c.first_event)`;
}

/** The customers whose chains a write of `items` changes: theirs, and the present owners of those event ids. */
export function ownersSql(engine: Engine): string {
  return `SELECT DISTINCT customer_id FROM customer_events WHERE site_id = ? AND id IN (${jsonTextSet(engine)})`;
}

/** The set chainSql recomputes after writing `items`: their customers and the ids' previous owners. */
export function touchedCustomers(items: readonly { customerId: string }[], previousOwners: readonly string[]): string {
  return JSON.stringify([...new Set([...items.map((i) => i.customerId), ...previousOwners])]);
}
