-- Previews of imported plan documents (POST /plan-imports), kept until confirmed or expired.
CREATE TABLE plan_import (
    id              UUID         PRIMARY KEY,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    content_sha256  TEXT         NOT NULL,
    document_number TEXT,
    state           TEXT         NOT NULL,
    plan_id         UUID,
    preview         JSONB        NOT NULL,
    version         BIGINT       NOT NULL DEFAULT 0
);
-- the same content confirmed twice is one plan
CREATE UNIQUE INDEX plan_import_confirmed_content ON plan_import (content_sha256) WHERE state = 'CONFIRMED';
CREATE INDEX plan_import_expires ON plan_import (expires_at) WHERE state = 'PREVIEW';
