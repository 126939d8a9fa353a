-- The hourly purges read by age: without these indexes each pass scans the whole table.
-- OutboxRelay.purgePublished: DELETE … WHERE published_at IS NOT NULL AND published_at < ?
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
-- ProcessedEvents.purgeBefore: DELETE … WHERE processed_at < ?
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
