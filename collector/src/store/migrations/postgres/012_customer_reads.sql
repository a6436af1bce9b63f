-- The customer queries' reads from indexes (see sqlite/022_customer_reads.sql).
CREATE INDEX responses_customer_answers ON responses (site_id, customer_id, created_at DESC, seq DESC) INCLUDE (nps, first_contact_at, follow_up_state)
  WHERE customer_id IS NOT NULL AND nps IS NOT NULL;
CREATE INDEX tickets_awaiting ON tickets (site_id, opened_at) INCLUDE (customer_id) WHERE first_response_at IS NULL AND resolved_at IS NULL;
