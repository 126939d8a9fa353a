-- The working-day calendar: days that differ from the plain week (Monday-Friday working).
-- Seeded once per year from classpath:calendar/cn-holidays-2020-2026.json; afterwards the table
-- is the source of truth and the supervisor edits it through /api/v1/calendar/days/{date}.
CREATE TABLE calendar_day (
    day         DATE         PRIMARY KEY,
    kind        TEXT         NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name        TEXT         NOT NULL,
    reason      TEXT,
    source      TEXT         NOT NULL CHECK (source IN ('SEED', 'API')),
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);

-- The years whose seed data has been loaded: a year is seeded once, so a day the supervisor
-- deleted or changed is never brought back by a restart.
CREATE TABLE calendar_seeded_year (
    year        INT          PRIMARY KEY,
    notice      TEXT         NOT NULL,
    seeded_at   TIMESTAMPTZ  NOT NULL
);
