-- Change markers (see sqlite/008_markers.sql).
CREATE TABLE markers (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  survey_id TEXT,
  day TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX markers_by_site ON markers (site_id, day);
