-- Each comment's theme keys, worked out once when the comment arrives (domain/themes/analyze.ts):
-- JSON {"language", "terms", "forms"}, or NULL without a comment. The themes route reads these
-- rather than the text; a comment stored before this column is analysed when first read.
ALTER TABLE responses ADD COLUMN comment_keys TEXT;
-- The themes worker reads every comment of a range: this index holds what it needs (the rowid seq
-- comes with every entry), so the read walks one dense index instead of the responses' pages.
CREATE INDEX responses_comment_keys ON responses (site_id, created_at, survey_id, nps, comment_keys) WHERE comment IS NOT NULL;
