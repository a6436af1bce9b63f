-- Invitations get an id of their own (see sqlite/024_invite_ids.sql).
ALTER TABLE invites ADD COLUMN id TEXT;
UPDATE invites SET id = 'ivt_' || substr(token_hash, 1, 16);
ALTER TABLE invites ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX invites_by_site ON invites (site_id, id);
