-- Follow-up questions, their answers, and the promoters' next step (see sqlite/009_follow_ups.sql).
-- Constant defaults: PostgreSQL adds these columns without rewriting the tables.
ALTER TABLE surveys ADD COLUMN follow_ups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE surveys ADD COLUMN cta TEXT;
ALTER TABLE responses ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE daily_rollups ADD COLUMN cta_shown BIGINT NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN cta_clicks BIGINT NOT NULL DEFAULT 0;
