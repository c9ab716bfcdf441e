-- outbox_contact (contact_id, seq) serves no query that outbox_contact_pending (contact_id, status,
-- seq) does not: every read by contact starts with contact_id. Each outbox row written paid for
-- both; the dialogue writes one per reply.
DROP INDEX outbox_contact;
