-- Issue 3: notification-service's replicas of the registry's units (with their contacts, for the
-- e-mail channel) and groups, kept from duban.units and duban.unit-groups.
CREATE TABLE unit_replica (
    code          TEXT         PRIMARY KEY,
    name          TEXT         NOT NULL,
    short_name    TEXT,
    type          TEXT         NOT NULL,
    parent_code   TEXT,
    tags          JSONB        NOT NULL DEFAULT '[]',
    -- [{"name","phone","email","primary"}], at most one primary
    contacts      JSONB        NOT NULL DEFAULT '[]',
    active        BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

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
