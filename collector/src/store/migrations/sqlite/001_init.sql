-- Sites, surveys, responses, and the per-day rollups the metrics routes read.
-- Times are Unix milliseconds; `day` is the local date in the site's time zone at creation.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  origins TEXT NOT NULL DEFAULT '[]',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  public_key TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  questions TEXT NOT NULL,
  product_name TEXT,
  locale TEXT,
  display TEXT NOT NULL,
  texts TEXT NOT NULL,
  theme TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'archived')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX surveys_by_site ON surveys (site_id, created_at);

CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  nps INTEGER CHECK (nps BETWEEN 0 AND 10),
  csat INTEGER CHECK (csat BETWEEN 1 AND 5),
  comment TEXT,
  consent INTEGER CHECK (consent IN (0, 1)),
  locale TEXT,
  page TEXT,
  visitor TEXT,
  customer_id TEXT,
  customer_email TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- Newest-first paging, per site and per survey; seq breaks ties between equal timestamps.
CREATE INDEX responses_by_site ON responses (site_id, created_at DESC, seq DESC);
CREATE INDEX responses_by_survey ON responses (survey_id, created_at DESC, seq DESC);
CREATE INDEX responses_by_customer ON responses (site_id, customer_id) WHERE customer_id IS NOT NULL;

-- One row per survey and local day, kept in step with `responses` in the same transaction,
-- so metrics never scan the responses table.
CREATE TABLE daily_rollups (
  survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  site_id TEXT NOT NULL,
  responses INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  impressions INTEGER NOT NULL DEFAULT 0,
  dismissals INTEGER NOT NULL DEFAULT 0,
  nps0 INTEGER NOT NULL DEFAULT 0,
  nps1 INTEGER NOT NULL DEFAULT 0,
  nps2 INTEGER NOT NULL DEFAULT 0,
  nps3 INTEGER NOT NULL DEFAULT 0,
  nps4 INTEGER NOT NULL DEFAULT 0,
  nps5 INTEGER NOT NULL DEFAULT 0,
  nps6 INTEGER NOT NULL DEFAULT 0,
  nps7 INTEGER NOT NULL DEFAULT 0,
  nps8 INTEGER NOT NULL DEFAULT 0,
  nps9 INTEGER NOT NULL DEFAULT 0,
  nps10 INTEGER NOT NULL DEFAULT 0,
  csat1 INTEGER NOT NULL DEFAULT 0,
  csat2 INTEGER NOT NULL DEFAULT 0,
  csat3 INTEGER NOT NULL DEFAULT 0,
  csat4 INTEGER NOT NULL DEFAULT 0,
  csat5 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX daily_rollups_by_site ON daily_rollups (site_id, day);
