-- The retention job deletes oldest first by these columns, a batch at a time.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
CREATE INDEX dead_letters_replayed_at ON dead_letters (replayed_at) WHERE status = 'REPLAYED';
