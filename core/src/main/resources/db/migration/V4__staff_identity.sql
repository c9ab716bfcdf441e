-- Staff identity: TOTP replay protection, sessions that outlive a replica, and the head of the
-- audit log's hash chain. Written once for H2 (PostgreSQL mode) and PostgreSQL alike.

-- The last TOTP time step accepted for this account: a code is never accepted twice.
ALTER TABLE staff_user ADD COLUMN totp_last_step BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE staff_user ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;

-- Console sessions. Only a SHA-256 of the cookie's token is stored: a copy of this table does not
-- let anyone sign in.
CREATE TABLE staff_session (
    token_hash    VARCHAR(64)  PRIMARY KEY,
    staff_id      VARCHAR(36)  NOT NULL REFERENCES staff_user (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,     -- for the idle timeout
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL      -- absolute end, whatever the activity
);
CREATE INDEX staff_session_staff ON staff_session (staff_id);
CREATE INDEX staff_session_expires ON staff_session (expires_at);

-- One row: the last link of the audit chain. Appending locks it (SELECT ... FOR UPDATE), so
-- replicas appending at once still build one unbroken chain.
CREATE TABLE audit_head (
    id    INTEGER      PRIMARY KEY,
    seq   BIGINT       NOT NULL,
    hash  VARCHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE INDEX audit_event_at ON audit_event (at);
