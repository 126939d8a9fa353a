-- Issue 19: evidence files (佐证材料) sent with a progress report. The metadata is always here; the bytes are
-- here too (evidence_chunk) with the default store, or in S3-compatible object storage (storage = 's3', key = id).
CREATE TABLE evidence_file (
    id              UUID         PRIMARY KEY,
    report_id       UUID         NOT NULL REFERENCES progress_report (id),
    assignment_id   UUID         NOT NULL REFERENCES assignment (id),
    position        INT          NOT NULL CHECK (position >= 0),
    file_name       TEXT         NOT NULL,
    media_type      TEXT         NOT NULL,
    size_bytes      BIGINT       NOT NULL CHECK (size_bytes >= 0),
    sha256          TEXT         NOT NULL,
    storage         TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (report_id, position)
);
-- the ledger counts and names an assignment's files; a report lists its own
CREATE INDEX evidence_file_assignment ON evidence_file (assignment_id, created_at);

-- The default store: a file's bytes in chunks (duban.evidence.chunk-size, 1 MiB), so neither an upload nor a
-- download holds more than one chunk in memory, and the rows commit or roll back with the report.
CREATE TABLE evidence_chunk (
    evidence_id     UUID         NOT NULL REFERENCES evidence_file (id) ON DELETE CASCADE,
    seq             INT          NOT NULL CHECK (seq >= 0),
    data            BYTEA        NOT NULL,
    PRIMARY KEY (evidence_id, seq)
);
