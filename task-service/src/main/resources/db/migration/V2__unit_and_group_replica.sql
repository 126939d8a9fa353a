-- Issue 3: more of the registry's unit snapshot, and a replica of its groups (duban.unit-groups).
ALTER TABLE unit_replica
    ADD COLUMN parent_code  TEXT,
    ADD COLUMN tags         JSONB  NOT NULL DEFAULT '[]',
    ADD COLUMN valid_to     DATE,
    ADD COLUMN successors   JSONB  NOT NULL DEFAULT '[]';

-- A group (市直各单位, 各区政府（管委会）…) with its members as the registry last evaluated them;
-- an open group (市直有关单位) has none: its units are designated per task.
CREATE TABLE unit_group_replica (
    code          TEXT         PRIMARY KEY,
    name          TEXT         NOT NULL,
    kind          TEXT         NOT NULL,
    member_codes  JSONB        NOT NULL DEFAULT '[]',
    open          BOOLEAN      NOT NULL,
    active        BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
