-- Customers as the owner's billing system sees them, and support tickets from the help desk.
-- Times are Unix milliseconds; `day` and `opened_day` are local dates ('YYYY-MM-DD') in the site's
-- time zone when the row was written, as for responses.

-- One row per billing event, idempotent on the billing system's id. Churn is counted from each
-- customer's events in order (store/churn-query.ts), hence the index by customer and time.
CREATE TABLE customer_events (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('acquired', 'lost', 'reactivated')),
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  plan TEXT,
  mrr REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_events_by_customer ON customer_events (site_id, customer_id, at);

-- One row per help-desk ticket, replaced whole by each upsert. Business-hours durations are worked
-- out when the ticket is written, with the schedule in force then (as Zendesk records them).
CREATE TABLE tickets (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT,
  subject TEXT,
  topic TEXT,
  topic_source TEXT CHECK (topic_source IN ('topic', 'tag', 'subject')),
  tags TEXT,
  channel TEXT,
  opened_at INTEGER NOT NULL,
  opened_day TEXT NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  reopened_count INTEGER NOT NULL DEFAULT 0,
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  first_response_business_ms INTEGER,
  resolution_business_ms INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tickets_by_day ON tickets (site_id, opened_day);
CREATE INDEX tickets_by_customer ON tickets (site_id, customer_id, opened_at) WHERE customer_id IS NOT NULL;

-- A site's support schedule (JSON), for business hours.
CREATE TABLE ticket_schedules (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  schedule TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Large imports on SQLite: rows are staged a slice at a time, the job is committed by one update
-- ('staging' → 'applying'), then applied a slice at a time (store/sqlite/imports.ts). A job left
-- 'staging' by a crash is dropped at start, one left 'applying' is finished.
CREATE TABLE import_jobs (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('customer_events', 'tickets')),
  state TEXT NOT NULL CHECK (state IN ('staging', 'applying')),
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE import_rows (
  job_id TEXT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (job_id, n)
) STRICT, WITHOUT ROWID;

-- Post-ticket CSAT: the link-survey answers that name a ticket (attribute `ticket`), a few rows
-- however many answers a site has.
CREATE INDEX responses_by_ticket ON responses (site_id, json_extract(attributes, '$.ticket'))
  WHERE csat IS NOT NULL AND json_extract(attributes, '$.ticket') IS NOT NULL;
