-- Follow-up questions after the score and a next step for promoters (a survey's definitions, as
-- JSON), the answers to them (by question id, merged into the response like its other fields),
-- and how often promoters were shown the next step and followed it.
ALTER TABLE surveys ADD COLUMN follow_ups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE surveys ADD COLUMN cta TEXT;
ALTER TABLE responses ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE daily_rollups ADD COLUMN cta_shown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN cta_clicks INTEGER NOT NULL DEFAULT 0;
