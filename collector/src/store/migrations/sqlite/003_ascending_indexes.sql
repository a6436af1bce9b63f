-- The listing indexes were declared created_at DESC, so every new answer went in at the left edge
-- of each index, where SQLite splits pages half-empty: they grew to twice their size, and a commit
-- wrote more pages. Ascending, new entries append at the right edge; SQLite walks the index
-- backwards for newest-first, and the rowid (seq) that ends every entry keeps ties in order.
DROP INDEX responses_by_site;
CREATE INDEX responses_by_site ON responses (site_id, created_at);
DROP INDEX responses_by_survey;
CREATE INDEX responses_by_survey ON responses (survey_id, created_at);
