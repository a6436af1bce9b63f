-- Each site's allowed origins, one row per origin, so that the CORS check of a request from an
-- origin no site knows is one index lookup instead of a scan of every site's origin list (which
-- anyone can trigger with made-up Origin headers). sites.origins stays the list as the owner
-- wrote it; the sites repository keeps both in step in one transaction.
CREATE TABLE site_origins (
  origin TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  PRIMARY KEY (origin, site_id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO site_origins (origin, site_id)
  SELECT json_each.value, sites.id FROM sites, json_each(sites.origins);
