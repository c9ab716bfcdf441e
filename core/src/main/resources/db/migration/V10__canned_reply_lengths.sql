-- The contract limits a canned reply's title to 120 characters and its text to 3,500, counting
-- characters as code points; H2 counts UTF-16 units, in which an emoji is two, so a title of 120
-- emoji failed to store (a 500). Room for two units per character, on both databases.
ALTER TABLE canned_reply ALTER COLUMN title SET DATA TYPE VARCHAR(240);
ALTER TABLE canned_reply ALTER COLUMN body SET DATA TYPE VARCHAR(7000);
