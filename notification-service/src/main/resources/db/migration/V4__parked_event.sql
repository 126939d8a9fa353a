-- Issue 13: records of a consumed topic that could not be applied (a poison record: data PostgreSQL
-- refuses, a date out of range, a unit the replica does not know, unreadable JSON), kept whole so the
-- partition moves on and a supervisor can re-drive or discard them (/api/v1/parked-events).
CREATE TABLE parked_event (
    id               UUID         PRIMARY KEY,
    -- the consumer that parked it (notification-inbox, notification-unit-replica …)
    consumer         TEXT         NOT NULL,
    topic            TEXT         NOT NULL,
    kafka_partition  INT          NOT NULL,
    kafka_offset     BIGINT       NOT NULL,
    record_key       TEXT,
    -- every header of the record (ce_id, ce_type, ce_source …) as a JSON object of UTF-8 texts
    headers          TEXT         NOT NULL,
    -- the record's value, byte for byte (a NUL would not fit a TEXT column)
    value            BYTEA,
    event_id         TEXT,
    event_type       TEXT,
    -- the unit the event is about (unknown-unit: re-driven when the replica learns the unit)
    unit_code        TEXT,
    -- unknown-unit | control-character | date-out-of-range | unreadable | invalid | data-error | failed
    reason           TEXT         NOT NULL,
    error_class      TEXT         NOT NULL,
    error_message    TEXT         NOT NULL,
    attempts         INT          NOT NULL,
    first_failed_at  TIMESTAMPTZ  NOT NULL,
    last_failed_at   TIMESTAMPTZ  NOT NULL,
    status           TEXT         NOT NULL CHECK (status IN ('PARKED', 'REDRIVEN', 'DISCARDED')),
    resolved_at      TIMESTAMPTZ,
    resolved_by      TEXT,
    CONSTRAINT parked_event_record UNIQUE (topic, kafka_partition, kafka_offset)
);
CREATE INDEX parked_event_list ON parked_event (status, first_failed_at DESC, id DESC);
CREATE INDEX parked_event_unknown_unit ON parked_event (unit_code) WHERE status = 'PARKED' AND reason = 'unknown-unit';
