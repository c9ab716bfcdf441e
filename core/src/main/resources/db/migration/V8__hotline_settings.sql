-- Settings admins change at run time in the console (issue 6): opening hours, their time zone and
-- the retention period. A row overrides the environment's value (SELAM_HOTLINE_HOURS,
-- SELAM_HOTLINE_TIMEZONE, SELAM_RETENTION); without a row the environment's value holds.
-- Written for H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE hotline_setting (
    name        VARCHAR(32)   PRIMARY KEY,               -- hours, timezone, retention
    setting     VARCHAR(1000) NOT NULL,                  -- as typed, checked by the env's parser
    updated_by  VARCHAR(64)   NOT NULL,                  -- staff username
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
