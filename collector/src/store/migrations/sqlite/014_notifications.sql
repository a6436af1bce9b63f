-- Who a site e-mails: detractor alerts and the weekly digest (JSON, see NotificationSettings).
CREATE TABLE site_notifications (
  site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
