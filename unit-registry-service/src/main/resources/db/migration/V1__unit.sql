-- Units of a city: 市直单位, 区政府, 管委会 ... The code is stable and never reused.
CREATE TABLE unit (
    code        TEXT         PRIMARY KEY,
    name        TEXT         NOT NULL,
    short_name  TEXT,
    type        TEXT         NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX unit_name_unique ON unit (name);
