-- Churn's reads from indexes (see sqlite/023_churn_reads.sql).
DROP INDEX customer_events_by_customer;
CREATE INDEX customer_events_walk ON customer_events (site_id, customer_id, at, (CASE WHEN type = 'lost' THEN 1 ELSE 0 END), id) INCLUDE (type, mrr, day, week);
DROP INDEX responses_customer_answers;
CREATE INDEX responses_customer_answers ON responses (site_id, customer_id, created_at DESC, seq DESC) INCLUDE (nps, first_contact_at, follow_up_state, day)
  WHERE customer_id IS NOT NULL AND nps IS NOT NULL;
