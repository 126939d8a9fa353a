-- Issue 3: the full unit model, the tag vocabulary, groups, and the city itself.

-- The city this registry serves (one row): its name is stripped as a prefix when resolving phrases.
CREATE TABLE city (
    code         TEXT         PRIMARY KEY,
    name         TEXT         NOT NULL,
    short_names  JSONB        NOT NULL DEFAULT '[]',
    updated_at   TIMESTAMPTZ  NOT NULL
);

-- The managed tag vocabulary; a role tag names a function inside units (政府信息公开工作主管部门).
CREATE TABLE tag (
    code         TEXT         PRIMARY KEY,
    name         TEXT         NOT NULL UNIQUE,
    aliases      JSONB        NOT NULL DEFAULT '[]',
    role         BOOLEAN      NOT NULL DEFAULT FALSE,
    description  TEXT
);

-- Names are unique among active units and groups, checked by the service (a retired unit keeps
-- its name for history, and a later unit may take it again).
DROP INDEX unit_name_unique;
ALTER TABLE unit
    ADD COLUMN aliases       JSONB    NOT NULL DEFAULT '[]',
    ADD COLUMN parent_code   TEXT     REFERENCES unit (code) DEFERRABLE INITIALLY DEFERRED,
    ADD COLUMN tags          JSONB    NOT NULL DEFAULT '[]',
    ADD COLUMN contacts      JSONB    NOT NULL DEFAULT '[]',
    ADD COLUMN valid_from    DATE,
    ADD COLUMN valid_to      DATE,
    ADD COLUMN predecessors  JSONB    NOT NULL DEFAULT '[]',
    ADD COLUMN successors    JSONB    NOT NULL DEFAULT '[]',
    -- the city's own order (the order of its data file), kept by group expansions
    ADD COLUMN ordinal       INTEGER  NOT NULL DEFAULT 0;
CREATE INDEX unit_parent ON unit (parent_code);
CREATE INDEX unit_tags ON unit USING gin (tags);

-- Groups: by rule (types, tags, parent), by explicit list, or open (to be designated).
CREATE TABLE unit_group (
    code          TEXT         PRIMARY KEY,
    name          TEXT         NOT NULL,
    aliases       JSONB        NOT NULL DEFAULT '[]',
    kind          TEXT         NOT NULL,
    rule_types    JSONB        NOT NULL DEFAULT '[]',
    rule_tags     JSONB        NOT NULL DEFAULT '[]',
    rule_parent   TEXT,
    members       JSONB        NOT NULL DEFAULT '[]',
    -- the members as last published, so a unit change republishes exactly the groups it changes
    member_codes  JSONB        NOT NULL DEFAULT '[]',
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    ordinal       INTEGER      NOT NULL DEFAULT 0,
    version       BIGINT       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

-- Bumped by every write: each replica of the service rebuilds its resolution index when it moves.
CREATE TABLE registry_revision (
    id        INTEGER  PRIMARY KEY CHECK (id = 1),
    revision  BIGINT   NOT NULL
);
INSERT INTO registry_revision (id, revision) VALUES (1, 0);
