-- Escalations: a conversation handed to a person, in the queue until an operator claims it and
-- until it is closed. The reasons name the indicators and the words that matched them: words a
-- person wrote, so they are stored encrypted (FieldCipher, purpose "escalation.reasons"). The rest
-- stays for statistics after message text is purged.

CREATE TABLE escalation (
    id              VARCHAR(36)  PRIMARY KEY,
    conversation_id VARCHAR(36)  NOT NULL REFERENCES conversation (id),
    -- the conversation id while the escalation is open, NULL once closed: at most one open
    -- escalation per conversation, on H2 and PostgreSQL alike (both allow many NULLs)
    open_for        VARCHAR(36),
    language        VARCHAR(8),
    level           VARCHAR(8)   NOT NULL,            -- medium, high
    priority        INTEGER      NOT NULL,            -- 2 high, 1 medium: the queue's first key
    score           DOUBLE PRECISION NOT NULL,
    reasons         VARCHAR,                          -- encrypted JSON array
    category        VARCHAR(32),
    status          VARCHAR(12)  NOT NULL,            -- waiting, claimed, closed
    operator_id     VARCHAR(36),
    outcome         VARCHAR(32),
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE,
    closed_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT escalation_one_open UNIQUE (open_for)
);
CREATE INDEX escalation_queue ON escalation (status, priority, score, opened_at);
CREATE INDEX escalation_conversation ON escalation (conversation_id, opened_at);
CREATE INDEX escalation_operator ON escalation (operator_id, status);
