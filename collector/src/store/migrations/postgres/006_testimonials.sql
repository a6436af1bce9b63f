-- Quotes a customer allowed (see sqlite/012_testimonials.sql).
CREATE TABLE testimonials (
  response_id TEXT PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  text TEXT NOT NULL,
  locale TEXT,
  consent_label TEXT NOT NULL,
  consented_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'hidden')),
  display_name TEXT,
  reviewed_at BIGINT,
  reviewed_by TEXT
);
CREATE INDEX testimonials_by_site ON testimonials (site_id, status, consented_at);
