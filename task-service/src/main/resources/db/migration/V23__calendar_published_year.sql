-- Issue 18: the calendar is published on duban.calendar (compacted, key = year) through the outbox, so
-- notification-service keeps a replica. One row per year published: the version of its last snapshot
-- (1, 2, …; the consumer keeps the highest). A year with entries or seeded data but no row here is
-- published at start, once (so a database that predates the topic publishes everything it holds).
CREATE TABLE calendar_published_year (
    year          INT          PRIMARY KEY,
    version       BIGINT       NOT NULL,
    published_at  TIMESTAMPTZ  NOT NULL
);
