-- Telegram channel and outbox dispatch (issue 4). Written for H2 (PostgreSQL mode) and PostgreSQL.

-- A contact is any chat the bot can reach: a person's private chat, or a group the bot told once
-- that it works only in private chat. Groups never get a conversation.
ALTER TABLE contact ADD COLUMN chat_type VARCHAR(16) DEFAULT 'private' NOT NULL;

-- How an inbound update ended: handled, ignored (a kind the bot does not handle), group (a group
-- chat, told or ignored), failed (the handler kept failing; the payload is kept for operators).
ALTER TABLE inbound_update ADD COLUMN outcome VARCHAR(16);
ALTER TABLE inbound_update ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;

-- The stored message an outbox row delivers: Telegram's message id is copied to it when sent, so
-- /erase can delete the message in the chat later.
ALTER TABLE outbox ADD COLUMN message_id VARCHAR(36);

-- The dispatcher looks for the oldest pending row of each contact.
CREATE INDEX outbox_contact_pending ON outbox (contact_id, status, seq);
