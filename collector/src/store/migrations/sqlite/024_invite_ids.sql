-- Invitations get an id of their own, so an owner can list those still pending and revoke one:
-- the token is only in the link, and only its hash is stored. Earlier invitations take one made
-- from their hash (which gives nothing away: the hash cannot accept).
ALTER TABLE invites ADD COLUMN id TEXT;
UPDATE invites SET id = 'ivt_' || substr(token_hash, 1, 16);
CREATE UNIQUE INDEX invites_by_site ON invites (site_id, id);
