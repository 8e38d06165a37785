-- 0006: change notifications (issue 13). `notify-exec` runs a program once per row of the
-- prompt_changes view; this cursor says how far that has gone, durably, so a restart neither repeats
-- nor skips a change. One row (id = 1), written in its own small transaction after each run.
--   notified_seq: every prompt change whose seq is at most this has been handled: delivered, failed
--                 for good (logged), or skipped (its account's baseline, or no program configured).
-- The row is created by the first pass that has a program to run, at the history's head at that
-- moment, and deleted by a pass that has none, so turning notify-exec on (for an existing database,
-- or again after a while without it) notifies what happens from then on, not the past.
-- An account's baseline (its first complete crawl, which notifies nothing) needs no column: it is
-- the crawls table's first complete crawl of the account (see PromptChangeFeed).
CREATE TABLE notify_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    notified_seq  INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
