-- Counters per site, attribute, day, attribute value and survey, for metrics segmented by an
-- attribute: a segmented query reads a few thousand of these rows, never the responses. The key
-- leads with what that query filters on. The rows are filled from existing responses once
-- migration 005 has run too (rebuildSegmentRollups in segment-rollups.ts). No foreign key to surveys: they
-- are archived, never deleted, and a cascade would need one more index to update on every write.
CREATE TABLE segment_rollups (
  site_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  day TEXT NOT NULL,
  value TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  responses INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  nps0 INTEGER NOT NULL DEFAULT 0,
  nps1 INTEGER NOT NULL DEFAULT 0,
  nps2 INTEGER NOT NULL DEFAULT 0,
  nps3 INTEGER NOT NULL DEFAULT 0,
  nps4 INTEGER NOT NULL DEFAULT 0,
  nps5 INTEGER NOT NULL DEFAULT 0,
  nps6 INTEGER NOT NULL DEFAULT 0,
  nps7 INTEGER NOT NULL DEFAULT 0,
  nps8 INTEGER NOT NULL DEFAULT 0,
  nps9 INTEGER NOT NULL DEFAULT 0,
  nps10 INTEGER NOT NULL DEFAULT 0,
  csat1 INTEGER NOT NULL DEFAULT 0,
  csat2 INTEGER NOT NULL DEFAULT 0,
  csat3 INTEGER NOT NULL DEFAULT 0,
  csat4 INTEGER NOT NULL DEFAULT 0,
  csat5 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, attribute, day, value, survey_id)
) STRICT, WITHOUT ROWID;
