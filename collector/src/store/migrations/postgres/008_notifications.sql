-- Who a site e-mails (see sqlite/014_notifications.sql).
CREATE TABLE site_notifications (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
