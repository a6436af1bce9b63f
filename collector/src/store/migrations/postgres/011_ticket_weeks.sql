-- Each ticket and customer event keeps the Monday of its ISO week (see sqlite/021_ticket_order.sql).
ALTER TABLE tickets ADD COLUMN opened_week TEXT NOT NULL DEFAULT '';
UPDATE tickets SET opened_week = to_char(date_trunc('week', opened_day::date), 'YYYY-MM-DD');
ALTER TABLE customer_events ADD COLUMN week TEXT NOT NULL DEFAULT '';
UPDATE customer_events SET week = to_char(date_trunc('week', day::date), 'YYYY-MM-DD');
