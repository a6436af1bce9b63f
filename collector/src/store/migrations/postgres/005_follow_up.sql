-- Closing the loop (see sqlite/011_follow_up.sql).
ALTER TABLE responses ADD COLUMN follow_up_state TEXT NOT NULL DEFAULT 'open' CHECK (follow_up_state IN ('open', 'contacted', 'resolved', 'ignored'));
ALTER TABLE responses ADD COLUMN follow_up_assignee TEXT;
ALTER TABLE responses ADD COLUMN first_contact_at BIGINT;
ALTER TABLE responses ADD COLUMN follow_up_changed_at BIGINT;
CREATE INDEX responses_contacted_detractors ON responses (site_id, day, survey_id) INCLUDE (first_contact_at, created_at) WHERE first_contact_at IS NOT NULL AND nps <= 6;

CREATE TABLE follow_up_log (
  -- The order entries were written in, whatever their clock.
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'state', 'assignee')),
  body TEXT,
  actor TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX follow_up_log_by_response ON follow_up_log (response_id, seq);
