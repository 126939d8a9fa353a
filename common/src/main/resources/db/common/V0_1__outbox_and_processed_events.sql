-- Shared by every service (flyway location classpath:db/common, versions 0.x; services start at 1).

-- Transactional outbox: an event row is written in the same transaction as the change that
-- caused it; OutboxRelay publishes unpublished rows in seq order and marks them published.
CREATE TABLE outbox_event (
    seq           BIGSERIAL    PRIMARY KEY,
    id            UUID         NOT NULL UNIQUE,
    topic         TEXT         NOT NULL,
    record_key    TEXT         NOT NULL,
    type          TEXT         NOT NULL,
    source        TEXT         NOT NULL,
    subject       TEXT,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    payload       JSONB        NOT NULL,
    published_at  TIMESTAMPTZ
);
-- the relay only ever looks for what is still to send
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent consumers: the ids of applied events, inserted in the same transaction as the effect.
CREATE TABLE processed_event (
    consumer      TEXT         NOT NULL,
    event_id      TEXT         NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
