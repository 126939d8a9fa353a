-- Idempotency-Key on POSTs that create (org.duban.common.idempotency): one row per caller and key.
-- A row without completed_at is in flight; a completed row holds the first 2xx response, replayed
-- for the same method, path and body until expires_at (IdempotencyPurge deletes expired rows).
CREATE TABLE idempotency_key (
    scope          TEXT         NOT NULL,
    idem_key       TEXT         NOT NULL,
    request_hash   TEXT         NOT NULL,
    method         TEXT         NOT NULL,
    path           TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ  NOT NULL,
    completed_at   TIMESTAMPTZ,
    status         INT,
    content_type   TEXT,
    location       TEXT,
    etag           TEXT,
    body           TEXT,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
