-- Issue 18: the replica of task-service's working-day calendar, kept from duban.calendar (compacted,
-- key = year). One row per year: its holidays and 调休 working days as task-service published them
-- (days: [{"date","kind","name"}]), whether the year is covered (its holidays entered) and the version
-- of the snapshot applied: a snapshot with a version not above it changes nothing (replays, duplicates).
CREATE TABLE calendar_replica_year (
    year        INT          PRIMARY KEY,
    covered     BOOLEAN      NOT NULL,
    version     BIGINT       NOT NULL,
    days        JSONB        NOT NULL,
    event_id    TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
