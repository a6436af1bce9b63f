-- Closing the loop: each response's follow-up state, owner and first contact, and a log of notes
-- and changes (who, when). The partial index holds only contacted detractors, so the metrics'
-- time-to-contact reads a few rows however many answers a site has.
ALTER TABLE responses ADD COLUMN follow_up_state TEXT NOT NULL DEFAULT 'open' CHECK (follow_up_state IN ('open', 'contacted', 'resolved', 'ignored'));
ALTER TABLE responses ADD COLUMN follow_up_assignee TEXT;
ALTER TABLE responses ADD COLUMN first_contact_at INTEGER;
ALTER TABLE responses ADD COLUMN follow_up_changed_at INTEGER;
CREATE INDEX responses_contacted_detractors ON responses (site_id, day, survey_id, first_contact_at, created_at) WHERE first_contact_at IS NOT NULL AND nps <= 6;

CREATE TABLE follow_up_log (
  -- The order entries were written in, whatever their clock.
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'state', 'assignee')),
  body TEXT,
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX follow_up_log_by_response ON follow_up_log (response_id, seq);
