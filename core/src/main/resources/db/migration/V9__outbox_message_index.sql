-- The delivery state of each stored message is read from the outbox row that delivers it
-- (the console's conversation view): without an index every message read the whole outbox.
CREATE INDEX outbox_message ON outbox (message_id);
