-- A site-wide cooldown between surveys; a per-site key that signs survey links; a count of
-- answers dropped as coming from bots; and, for identified customers, when each survey last
-- reached them (answered or dismissed), so the resurvey window holds across their devices.
ALTER TABLE sites ADD COLUMN cooldown_days INTEGER NOT NULL DEFAULT 0;
-- HMAC key of the site's signed survey links; never leaves the collector.
ALTER TABLE sites ADD COLUMN link_key TEXT NOT NULL DEFAULT '';
UPDATE sites SET link_key = lower(hex(randomblob(32)));
ALTER TABLE daily_rollups ADD COLUMN bot_answers INTEGER NOT NULL DEFAULT 0;
-- The customer is named by a hash of site and customer id, and the row says only when a survey
-- last reached them: what the resurvey window and the cooldown need, nothing more.
CREATE TABLE customer_contacts (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  customer_key TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, customer_key, survey_id)
) STRICT, WITHOUT ROWID;
