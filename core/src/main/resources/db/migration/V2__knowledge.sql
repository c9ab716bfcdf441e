-- Knowledge base: articles, every version of each, questions the bot could not answer, feedback.

CREATE TABLE article (
    id           VARCHAR(36)  PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    language     VARCHAR(8)   NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         VARCHAR      NOT NULL,
    keywords     VARCHAR      NOT NULL,               -- comma separated
    questions    VARCHAR      NOT NULL,               -- one example question a line
    status       VARCHAR(12)  NOT NULL,               -- draft, published, archived
    version      INTEGER      NOT NULL,
    needs_review BOOLEAN      NOT NULL,
    review_note  VARCHAR(2000) DEFAULT '' NOT NULL,
    updated_by   VARCHAR(64)  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT article_topic_language UNIQUE (topic, language)
);

CREATE TABLE article_version (
    article_id   VARCHAR(36)  NOT NULL REFERENCES article (id),
    version      INTEGER      NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         VARCHAR      NOT NULL,
    keywords     VARCHAR      NOT NULL,
    questions    VARCHAR      NOT NULL,
    status       VARCHAR(12)  NOT NULL,
    needs_review BOOLEAN      NOT NULL,
    review_note  VARCHAR(2000) DEFAULT '' NOT NULL,
    change       VARCHAR(16)  NOT NULL,               -- created, edited, published, archived, restored, imported
    author       VARCHAR(64)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE unanswered_question (
    id              VARCHAR(36) PRIMARY KEY,
    language        VARCHAR(8),
    question        VARCHAR     NOT NULL,             -- encrypted
    best_topic      VARCHAR(64),
    best_confidence DOUBLE PRECISION NOT NULL,
    asked_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX unanswered_question_asked ON unanswered_question (asked_at);

CREATE TABLE feedback (
    id              VARCHAR(36) PRIMARY KEY,
    conversation_id VARCHAR(36),
    topic           VARCHAR(64) NOT NULL,
    language        VARCHAR(8)  NOT NULL,
    helpful         BOOLEAN     NOT NULL,
    given_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX feedback_topic ON feedback (topic, language);
