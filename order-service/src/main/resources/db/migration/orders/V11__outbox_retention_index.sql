-- The outbox retention job deletes rows older than its window, oldest first, in small batches.
CREATE INDEX outbox_created_at ON outbox (created_at);
