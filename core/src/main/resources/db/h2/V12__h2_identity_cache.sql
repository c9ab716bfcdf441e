-- H2 only (PostgreSQL never runs this folder; see Database.migrate).
-- H2 writes an identity column's high-water mark to disk every CACHE values, each time as a whole
-- store of every changed page: with H2's default of 32, messages and outbox rows forced an extra
-- store about once per shared commit (12 % of H2's time in the webhook benchmark). H2 hands out
-- values from one counter for every session, so a larger cache keeps them in order; a crash only
-- skips up to a cache's worth of values. PostgreSQL's CACHE is per session and would hand out
-- values out of order across sessions, which the outbox's order per contact relies on.
ALTER TABLE message ALTER COLUMN seq SET CACHE 10000;
ALTER TABLE outbox ALTER COLUMN seq SET CACHE 10000;
ALTER TABLE webchat_entry ALTER COLUMN seq SET CACHE 10000;
ALTER TABLE conversation_note ALTER COLUMN seq SET CACHE 10000;
