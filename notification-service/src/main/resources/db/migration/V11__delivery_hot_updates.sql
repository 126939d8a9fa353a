-- Issue 16 follow-up (hwh5): fewer index entries per delivered call.
--
-- delivery_due (next_attempt_at, created_at) WHERE PENDING: read by no hot statement any more. The claim and the
-- pull-forward read delivery_due_per_key (V10); the worker's "when is the next row due" reads that too (each key's
-- first entry, a loose index scan); the backlog gauges (every 15 s) read it whole. Every delivery written and every
-- claim (it moves next_attempt_at: not a HOT update) inserted an entry here as well.
DROP INDEX delivery_due;

-- delivery_attempt_in_flight (delivery_id) WHERE outcome = 'IN_FLIGHT': its predicate made the attempt's completion
-- (IN_FLIGHT -> SUCCEEDED, after every call) an update of an indexed column, so never HOT: a new tuple with an entry
-- in every index of the table. Its readers look an attempt up by id (the recording) or by delivery
-- (delivery_attempt_delivery: a delivery has a few attempts). Without it, the completion changes no indexed column;
-- room left free in each page (fillfactor) lets the new version stay in its page: a HOT update, no index entry.
DROP INDEX delivery_attempt_in_flight;
ALTER TABLE delivery_attempt SET (fillfactor = 80);
