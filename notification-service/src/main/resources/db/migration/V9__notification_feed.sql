-- Issue 19: the pull feed. Each notification row carries the id of the transaction that wrote it
-- (pg_current_xact_id(), 64 bits: never wraps), so the feed can serve rows in an order no later commit
-- can land before: only rows whose transaction is below the reader's snapshot xmin (every transaction
-- below it has ended), ordered by (xid, id). See feed/FeedService and docs/architecture.md.
--
-- Rows written before this migration get xid 1 (a constant default: no table rewrite), so they come
-- first, in id order; then the column default becomes the writing transaction's id, with no change to
-- any INSERT. Every row of one consumer batch shares one xid: the id orders them.
ALTER TABLE notification ADD COLUMN xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE notification ALTER COLUMN xid SET DEFAULT pg_current_xact_id();

-- the feed of every unit (supervisor, viewer) and of some units (a unit's operator, an OA system's units)
CREATE INDEX notification_feed ON notification (xid, id);
CREATE INDEX notification_feed_unit ON notification (unit_code, xid, id);
