-- The PostgreSQL schema, at the level of SQLite's migrations 001 to 007 (a PostgreSQL deployment
-- starts empty, or is filled by `pnpm plaudit copy`). Times are Unix milliseconds (BIGINT), as in
-- SQLite; `day` is the local date ('YYYY-MM-DD') in the site's time zone at creation.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  origins TEXT NOT NULL DEFAULT '[]',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  public_key TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL UNIQUE,
  previous_public_key TEXT,
  previous_public_key_until BIGINT,
  cooldown_days INTEGER NOT NULL DEFAULT 0,
  link_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sites_by_previous_public_key ON sites (previous_public_key) WHERE previous_public_key IS NOT NULL;

-- Each site's allowed origins, one row per origin: the CORS check of an unknown origin is one
-- index lookup however many sites exist.
CREATE TABLE site_origins (
  origin TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (origin, site_id)
);

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
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX surveys_by_site ON surveys (site_id, created_at);

CREATE TABLE responses (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  nps SMALLINT CHECK (nps BETWEEN 0 AND 10),
  csat SMALLINT CHECK (csat BETWEEN 1 AND 5),
  comment TEXT,
  consent BOOLEAN,
  locale TEXT,
  page TEXT,
  visitor TEXT,
  customer_id TEXT,
  customer_email TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Newest-first paging, per site and per survey; seq breaks ties between equal timestamps.
CREATE INDEX responses_by_site ON responses (site_id, created_at, seq);
CREATE INDEX responses_by_survey ON responses (survey_id, created_at, seq);
CREATE INDEX responses_by_customer ON responses (site_id, customer_id) WHERE customer_id IS NOT NULL;

-- One row per survey and local day, kept in step with `responses` in the same transaction.
CREATE TABLE daily_rollups (
  survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  site_id TEXT NOT NULL,
  responses BIGINT NOT NULL DEFAULT 0,
  comments BIGINT NOT NULL DEFAULT 0,
  impressions BIGINT NOT NULL DEFAULT 0,
  dismissals BIGINT NOT NULL DEFAULT 0,
  bot_answers BIGINT NOT NULL DEFAULT 0,
  nps0 BIGINT NOT NULL DEFAULT 0,
  nps1 BIGINT NOT NULL DEFAULT 0,
  nps2 BIGINT NOT NULL DEFAULT 0,
  nps3 BIGINT NOT NULL DEFAULT 0,
  nps4 BIGINT NOT NULL DEFAULT 0,
  nps5 BIGINT NOT NULL DEFAULT 0,
  nps6 BIGINT NOT NULL DEFAULT 0,
  nps7 BIGINT NOT NULL DEFAULT 0,
  nps8 BIGINT NOT NULL DEFAULT 0,
  nps9 BIGINT NOT NULL DEFAULT 0,
  nps10 BIGINT NOT NULL DEFAULT 0,
  csat1 BIGINT NOT NULL DEFAULT 0,
  csat2 BIGINT NOT NULL DEFAULT 0,
  csat3 BIGINT NOT NULL DEFAULT 0,
  csat4 BIGINT NOT NULL DEFAULT 0,
  csat5 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, day)
);
CREATE INDEX daily_rollups_by_site ON daily_rollups (site_id, day);

-- Counters per site, attribute, day, attribute value and survey (segmented metrics).
CREATE TABLE segment_rollups (
  site_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  day TEXT NOT NULL,
  value TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  responses BIGINT NOT NULL DEFAULT 0,
  comments BIGINT NOT NULL DEFAULT 0,
  nps0 BIGINT NOT NULL DEFAULT 0,
  nps1 BIGINT NOT NULL DEFAULT 0,
  nps2 BIGINT NOT NULL DEFAULT 0,
  nps3 BIGINT NOT NULL DEFAULT 0,
  nps4 BIGINT NOT NULL DEFAULT 0,
  nps5 BIGINT NOT NULL DEFAULT 0,
  nps6 BIGINT NOT NULL DEFAULT 0,
  nps7 BIGINT NOT NULL DEFAULT 0,
  nps8 BIGINT NOT NULL DEFAULT 0,
  nps9 BIGINT NOT NULL DEFAULT 0,
  nps10 BIGINT NOT NULL DEFAULT 0,
  csat1 BIGINT NOT NULL DEFAULT 0,
  csat2 BIGINT NOT NULL DEFAULT 0,
  csat3 BIGINT NOT NULL DEFAULT 0,
  csat4 BIGINT NOT NULL DEFAULT 0,
  csat5 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, attribute, day, value, survey_id)
);

-- The attribute names and values of a site that have segment counters of their own.
CREATE TABLE segment_values (
  site_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (site_id, attribute, value)
);

-- When each survey last reached an identified customer (a hash of site and id).
CREATE TABLE customer_contacts (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  customer_key TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, customer_key, survey_id)
);
