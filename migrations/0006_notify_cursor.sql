-- 0006: change notifications (issue 13). `notify-exec` runs a program once per row of the
-- prompt_changes view; this cursor says how far that has gone, durably, so a restart neither repeats
-- nor skips a change. One row (id = 1), written in its own small transaction after each run.
--   notified_seq: every prompt change whose seq is at most this has been handled: delivered, failed
--                 for good (logged), or skipped (its account's baseline, or no program configured).
-- The row is created on the first pass with the history's head at that moment, so turning
-- notify-exec on for an existing database notifies what happens from then on, not its past.
-- An account's baseline (its first complete crawl, which notifies nothing) needs no column: it is
-- the crawls table's first complete crawl of the account (see PromptChangeFeed).
CREATE TABLE notify_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    notified_seq  INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
