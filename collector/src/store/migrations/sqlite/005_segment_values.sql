-- The attribute names and values of a site that have segment counters of their own (see
-- segment-rollups.ts). Kept apart from the counters, so that a value admitted in a batch where
-- its counters net to zero is still known after a restart, and so that a restart reads a site's
-- few hundred entries instead of every counter row.
CREATE TABLE segment_values (
  site_id TEXT NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (site_id, attribute, value)
) STRICT, WITHOUT ROWID;

-- Fills the counters of 004 and the admitted values of this table from existing answers, once:
-- the 50 most answered attribute names of each site are segmented, and the 100 most answered
-- values of each keep a row of their own, the rest counted as '(other)'. Values are named as
-- JavaScript writes them (plaudit_json_text, registered by the migration runner: SQLite prints
-- some numbers otherwise, 1/3 for one), as the collector names them at write time.
CREATE TEMP TABLE segment_counts AS
SELECT r.site_id, a.key AS attribute, plaudit_json_text(a.type, a.value) AS value, r.day, r.survey_id,
  COUNT(*) AS responses, COUNT(r.comment) AS comments,
  SUM(r.nps IS 0) AS nps0, SUM(r.nps IS 1) AS nps1, SUM(r.nps IS 2) AS nps2, SUM(r.nps IS 3) AS nps3, SUM(r.nps IS 4) AS nps4, SUM(r.nps IS 5) AS nps5, SUM(r.nps IS 6) AS nps6, SUM(r.nps IS 7) AS nps7, SUM(r.nps IS 8) AS nps8, SUM(r.nps IS 9) AS nps9, SUM(r.nps IS 10) AS nps10,
  SUM(r.csat IS 1) AS csat1, SUM(r.csat IS 2) AS csat2, SUM(r.csat IS 3) AS csat3, SUM(r.csat IS 4) AS csat4, SUM(r.csat IS 5) AS csat5
FROM responses r, json_each(r.attributes) a
WHERE a.type IN ('text', 'integer', 'real', 'true', 'false')
GROUP BY 1, 2, 3, 4, 5;
DELETE FROM temp.segment_counts WHERE (site_id, attribute) NOT IN (
  SELECT site_id, attribute FROM (
    SELECT site_id, attribute, ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY SUM(responses) DESC, attribute) AS rank
    FROM temp.segment_counts GROUP BY site_id, attribute
  ) WHERE rank <= 50
);
CREATE TEMP TABLE segment_ranks (site_id TEXT, attribute TEXT, value TEXT, PRIMARY KEY (site_id, attribute, value)) WITHOUT ROWID;
INSERT INTO temp.segment_ranks
SELECT site_id, attribute, value FROM (
  SELECT site_id, attribute, value, ROW_NUMBER() OVER (PARTITION BY site_id, attribute ORDER BY SUM(responses) DESC, value) AS rank
  FROM temp.segment_counts GROUP BY site_id, attribute, value
) WHERE rank <= 100;
INSERT INTO segment_values SELECT site_id, attribute, value FROM temp.segment_ranks;
INSERT INTO segment_rollups (site_id, attribute, day, value, survey_id, responses, comments, nps0, nps1, nps2, nps3, nps4, nps5, nps6, nps7, nps8, nps9, nps10, csat1, csat2, csat3, csat4, csat5)
SELECT c.site_id, c.attribute, c.day, CASE WHEN k.value IS NULL THEN '(other)' ELSE c.value END AS segment, c.survey_id, SUM(responses) AS responses, SUM(comments) AS comments, SUM(nps0) AS nps0, SUM(nps1) AS nps1, SUM(nps2) AS nps2, SUM(nps3) AS nps3, SUM(nps4) AS nps4, SUM(nps5) AS nps5, SUM(nps6) AS nps6, SUM(nps7) AS nps7, SUM(nps8) AS nps8, SUM(nps9) AS nps9, SUM(nps10) AS nps10, SUM(csat1) AS csat1, SUM(csat2) AS csat2, SUM(csat3) AS csat3, SUM(csat4) AS csat4, SUM(csat5) AS csat5
FROM temp.segment_counts c
LEFT JOIN temp.segment_ranks k ON k.site_id = c.site_id AND k.attribute = c.attribute AND k.value = c.value
GROUP BY c.site_id, c.attribute, c.day, segment, c.survey_id;
DROP TABLE temp.segment_counts;
DROP TABLE temp.segment_ranks;
