-- Customers and support tickets (see sqlite/020_customers_tickets.sql). import_jobs and
-- import_rows stay empty here: PostgreSQL imports in one transaction; they exist so that
-- `pnpm plaudit copy` finds every SQLite table on this side.
CREATE TABLE customer_events (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('acquired', 'lost', 'reactivated')),
  at BIGINT NOT NULL,
  day TEXT NOT NULL,
  plan TEXT,
  mrr DOUBLE PRECISION,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX customer_events_by_customer ON customer_events (site_id, customer_id, at);

CREATE TABLE tickets (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT,
  subject TEXT,
  topic TEXT,
  topic_source TEXT CHECK (topic_source IN ('topic', 'tag', 'subject')),
  tags TEXT,
  channel TEXT,
  opened_at BIGINT NOT NULL,
  opened_day TEXT NOT NULL,
  first_response_at BIGINT,
  resolved_at BIGINT,
  reopened_count INTEGER NOT NULL DEFAULT 0,
  satisfaction SMALLINT CHECK (satisfaction BETWEEN 1 AND 5),
  first_response_business_ms BIGINT,
  resolution_business_ms BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX tickets_by_day ON tickets (site_id, opened_day);
CREATE INDEX tickets_by_customer ON tickets (site_id, customer_id, opened_at) WHERE customer_id IS NOT NULL;

CREATE TABLE ticket_schedules (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  schedule TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE import_jobs (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('customer_events', 'tickets')),
  state TEXT NOT NULL CHECK (state IN ('staging', 'applying')),
  created_at BIGINT NOT NULL
);
CREATE TABLE import_rows (
  job_id TEXT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (job_id, n)
);

CREATE INDEX responses_by_ticket ON responses (site_id, (attributes::jsonb ->> 'ticket'))
  WHERE csat IS NOT NULL AND (attributes::jsonb ->> 'ticket') IS NOT NULL;
