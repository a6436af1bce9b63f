-- The attribute names and values of a site that have segment counters of their own (see
-- segment-rollups.ts). Kept apart from the counters, so that a value admitted in a batch where
-- its counters net to zero is still known after a restart, and so that a restart reads a site's
-- few hundred entries instead of every counter row. Filled, with the counters, right after this
-- file runs.
CREATE TABLE segment_values (
  site_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (site_id, attribute, value)
) STRICT, WITHOUT ROWID;
