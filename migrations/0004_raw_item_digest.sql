-- 0004: recognise an unchanged item before normalizing it (issue 9). `raw_digest` is the digest of
-- the item's exact bytes as the provider last sent them, seeded with everything normalization
-- depends on (the provider description, the fingerprint key, the normalizer's version). It is set
-- only when the current row is known to be what those bytes normalize to, and an item whose bytes
-- digest alike is then an unchanged re-read without being parsed into a snapshot again. NULL (every
-- existing row, and rows last seen through GET-one) means "unknown": the item takes the full
-- comparison path, as before, which stores its digest. Nothing else changes.

ALTER TABLE assistants ADD COLUMN raw_digest INTEGER;
