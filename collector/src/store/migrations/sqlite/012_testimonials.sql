-- Quotes a customer allowed: the exact wording they agreed to, in which language, when, and the
-- consent sentence they saw; the owner approves or hides each. A quote goes with its response:
-- erasing the response (or the customer's responses) withdraws it in the same transaction.
CREATE TABLE testimonials (
  response_id TEXT PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  text TEXT NOT NULL,
  locale TEXT,
  consent_label TEXT NOT NULL,
  consented_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'hidden')),
  display_name TEXT,
  reviewed_at INTEGER,
  reviewed_by TEXT
) STRICT;
CREATE INDEX testimonials_by_site ON testimonials (site_id, status, consented_at);
