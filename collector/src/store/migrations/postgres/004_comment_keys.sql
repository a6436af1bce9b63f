-- Each comment's theme keys (see sqlite/010_comment_keys.sql). The keys stay out of the index: a
-- long comment's keys could pass the size a B-tree entry may have.
ALTER TABLE responses ADD COLUMN comment_keys TEXT;
CREATE INDEX responses_comment_keys ON responses (site_id, created_at) INCLUDE (survey_id, nps) WHERE comment IS NOT NULL;
