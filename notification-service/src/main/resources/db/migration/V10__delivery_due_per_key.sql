-- Issue 16 (hwh3): the due rows per slot key (a webhook endpoint, or the channel: the SMTP server), oldest first.
-- The worker's claim takes at most max-per-endpoint rows per key: with this index it reads the keys that have
-- PENDING rows (one probe each) and each key's first rows, not every due row (a window function over the whole due backlog,
-- sorted on each claim, cost ~2 ms at 500 due rows and ~13 ms at 5,000). The recording's pull-forward (an endpoint's
-- waiting retries) uses it too, so the endpoint-only index it replaces goes.
CREATE INDEX delivery_due_per_key ON delivery ((coalesce(endpoint_id::text, channel)), next_attempt_at, created_at)
    WHERE status = 'PENDING';
DROP INDEX delivery_endpoint_waiting;
