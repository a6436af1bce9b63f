-- Tickets kept in the order of the day they were opened, so that the metrics of a range read
-- neighbouring pages instead of looking each ticket up by id (five times faster at 500,000
-- tickets); the id stays unique per site for upserts. Each ticket and customer event also keeps
-- the Monday of its ISO week, as `day` keeps its day: grouping by week then costs no date
-- arithmetic per row.
CREATE TABLE tickets_rebuilt (
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
  opened_week TEXT NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  reopened_count INTEGER NOT NULL DEFAULT 0,
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  first_response_business_ms INTEGER,
  resolution_business_ms INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, opened_day, id)
) STRICT, WITHOUT ROWID;
INSERT INTO tickets_rebuilt
  SELECT site_id, id, customer_id, subject, topic, topic_source, tags, channel, opened_at, opened_day, date(opened_day, 'weekday 0', '-6 days'),
    first_response_at, resolved_at, reopened_count, satisfaction, first_response_business_ms, resolution_business_ms, created_at, updated_at
  FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_rebuilt RENAME TO tickets;
CREATE UNIQUE INDEX tickets_by_id ON tickets (site_id, id);
CREATE INDEX tickets_by_customer ON tickets (site_id, customer_id, opened_at) WHERE customer_id IS NOT NULL;

ALTER TABLE customer_events ADD COLUMN week TEXT NOT NULL DEFAULT '';
UPDATE customer_events SET week = date(day, 'weekday 0', '-6 days');
