-- Change markers: "new checkout released" on a day, for a site or one of its surveys. The metrics
-- series lists them; their impact compares the days before and after.
CREATE TABLE markers (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id TEXT,
  day TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX markers_by_site ON markers (site_id, day);
