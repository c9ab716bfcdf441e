-- Unanswered questions remember their conversation, so a person's "erase my data" removes them too
-- (before, they stayed until the retention period ended).
ALTER TABLE unanswered_question ADD COLUMN conversation_id VARCHAR(36);
CREATE INDEX unanswered_question_conversation ON unanswered_question (conversation_id);
