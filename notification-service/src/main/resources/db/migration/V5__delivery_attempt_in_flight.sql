-- Issue 13: an attempt is written (IN_FLIGHT, attempted_at = when the call starts) in a transaction of
-- its own before the call and completed after it, so a process that dies mid-call leaves an attempt
-- without an outcome; the worker that picks the delivery up again marks it INTERRUPTED.
ALTER TABLE delivery_attempt ADD COLUMN outcome TEXT;
-- attempts recorded before: a success carried no error
UPDATE delivery_attempt SET outcome = CASE WHEN error IS NULL THEN 'SUCCEEDED' ELSE 'FAILED' END;
ALTER TABLE delivery_attempt ALTER COLUMN outcome SET NOT NULL;
ALTER TABLE delivery_attempt ADD CONSTRAINT delivery_attempt_outcome
    CHECK (outcome IN ('IN_FLIGHT', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'));
-- unknown while the call runs, and for an attempt that never completed
ALTER TABLE delivery_attempt ALTER COLUMN duration_ms DROP NOT NULL;
CREATE INDEX delivery_attempt_in_flight ON delivery_attempt (delivery_id) WHERE outcome = 'IN_FLIGHT';

-- due rows in order: by due time, then oldest first (a recovered endpoint's backlog is pulled to one time)
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (next_attempt_at, created_at) WHERE status = 'PENDING';
-- an endpoint's deliveries waiting for a later retry, pulled forward when it answers 2xx again
CREATE INDEX delivery_endpoint_waiting ON delivery (endpoint_id, next_attempt_at) WHERE status = 'PENDING';
