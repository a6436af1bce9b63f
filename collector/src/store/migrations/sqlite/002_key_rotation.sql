-- Public keys are rotated with a grace period: the previous key keeps working until it expires,
-- so pages still carrying the old snippet (caches, CDNs) do not lose answers meanwhile.
ALTER TABLE sites ADD COLUMN previous_public_key TEXT;
ALTER TABLE sites ADD COLUMN previous_public_key_until INTEGER;
CREATE UNIQUE INDEX sites_by_previous_public_key ON sites (previous_public_key) WHERE previous_public_key IS NOT NULL;
