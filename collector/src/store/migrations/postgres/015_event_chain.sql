-- Each customer event carries the customer's state and MRR before it and whether it is their
-- first, kept on every write (see sqlite/025_event_chain.sql and store/event-chain.ts).
ALTER TABLE customer_events ADD COLUMN was_active INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer_events ADD COLUMN mrr_before DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE customer_events ADD COLUMN first_event INTEGER NOT NULL DEFAULT 0;
UPDATE customer_events SET was_active = c.was_active, mrr_before = c.mrr_before, first_event = c.first_event
FROM (
  SELECT site_id AS chain_site, id AS chain_id,
    COALESCE(LAG(a) OVER o, 1 - a) AS was_active,
    COALESCE(LAG(ma) OVER o, CASE WHEN a = 0 THEN COALESCE(mrr, 0) ELSE 0 END) AS mrr_before,
    CASE WHEN LAG(a) OVER o IS NULL THEN 1 ELSE 0 END AS first_event
  FROM (
    SELECT site_id, id, customer_id, at, type, mrr,
      CASE WHEN type = 'lost' THEN 0 ELSE 1 END AS a,
      CASE WHEN type = 'lost' THEN 0 ELSE COALESCE(mrr, 0) END AS ma
    FROM customer_events
  ) e
  WINDOW o AS (PARTITION BY site_id, customer_id ORDER BY at, CASE WHEN type = 'lost' THEN 1 ELSE 0 END, id)
) c
WHERE customer_events.site_id = c.chain_site AND customer_events.id = c.chain_id;
DROP INDEX customer_events_walk;
CREATE INDEX customer_events_walk ON customer_events (site_id, customer_id, at, (CASE WHEN type = 'lost' THEN 1 ELSE 0 END), id) INCLUDE (type, mrr, day, week, was_active, plan);
CREATE INDEX customer_events_days ON customer_events (site_id, day, week) INCLUDE (type, was_active, first_event, mrr, mrr_before);
