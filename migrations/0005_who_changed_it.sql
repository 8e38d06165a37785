-- 0005: who changed it (issue 10). Two sources know an editor for certain, and only they fill
-- `changed_by` (design.md: a hint is never presented as the editor):
--   * assistant-mirror itself, for a prompt written through `set-prompt` or `revert`: the revision
--     recorded from the re-read after the write carries `changed_by` = 'unix:<user> (uid N)' in the
--     revision itself (covered by its chain entry), and the `prompt_writes` row that made it links it
--     (view `write_attempts`).
--   * the provider's audit log (Telnyx `GET /audit_events`): events are stored verbatim (redacted)
--     in `audit_events`; an `attributions` record then names the editor(s) of one revision. Revisions
--     are immutable, so an event that arrives late attributes its revision by a new record, and the
--     newest attribution of a revision is the one in effect.
-- `attributions` and `prompt_writes` are chain entries: they take their seq from the same sequence
-- as revisions and prunes, and `verify` recomputes their row_hash (encodings in RevisionChain).

-- The audit log's events as the provider sent them (snapshot-style redacted canonical JSON), once
-- per (account, provider event id). created_at is the event's own time, normalized to the mirror's
-- timestamp form so it compares with revisions.observed_at.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    event_id     TEXT NOT NULL,
    resource_id  TEXT,
    user_id      TEXT,
    change_made_by TEXT,
    change_type  TEXT,
    created_at   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    event        TEXT NOT NULL,
    UNIQUE (account_id, event_id)
) STRICT;
CREATE INDEX audit_events_by_resource ON audit_events (account_id, resource_id, created_at);

-- Where each account's audit-log reading stands: the upper bound of the last window read
-- successfully (the next read starts an overlap before it, because events arrive late), and the
-- outcome of the last attempt (shown by `status`; a failed read never fails a crawl).
CREATE TABLE audit_log_reads (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id),
    read_until    TEXT,
    last_attempt_at TEXT NOT NULL,
    last_status   TEXT NOT NULL CHECK (last_status IN ('ok', 'failed')),
    last_error    TEXT,
    events_stored INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The editor(s) of one revision according to the audit log. changed_by is one editor, or, when
-- several events fall in the revision's window (ambiguous = 1), all of them joined with ', '.
-- event_ids lists the provider's event ids it rests on, comma-separated, in created_at order.
CREATE TABLE attributions (
    seq            INTEGER PRIMARY KEY,
    revision_seq   INTEGER NOT NULL REFERENCES revisions(seq),
    source         TEXT NOT NULL CHECK (source IN ('provider-audit-log')),
    changed_by     TEXT NOT NULL,
    ambiguous      INTEGER NOT NULL CHECK (ambiguous IN (0, 1)),
    event_ids      TEXT NOT NULL,
    attributed_at  TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    row_hash       TEXT NOT NULL
) STRICT;
CREATE INDEX attributions_by_revision ON attributions (revision_seq, seq);

-- Every attempt to write a prompt through the mirror, refused and failed ones included (a dry run
-- changes nothing and is not recorded). hash_before is the content_hash of the mirror's current
-- revision when the attempt began, hash_after the one of the revision recorded from the re-read.
CREATE TABLE prompt_writes (
    seq              INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id),
    remote_id        TEXT NOT NULL,
    operation        TEXT NOT NULL CHECK (operation IN ('set-prompt', 'revert')),
    reverted_to      INTEGER,
    requested_by     TEXT NOT NULL,
    requested_at     TEXT NOT NULL,
    reason           TEXT NOT NULL,
    forced           INTEGER NOT NULL CHECK (forced IN (0, 1)),
    outcome          TEXT NOT NULL CHECK (outcome IN ('written', 'forbidden', 'disabled', 'conflict', 'failed')),
    provider_status  INTEGER,
    error            TEXT,
    hash_before      TEXT,
    hash_after       TEXT,
    revision_seq     INTEGER REFERENCES revisions(seq),
    prev_hash        TEXT NOT NULL,
    row_hash         TEXT NOT NULL
) STRICT;
CREATE INDEX prompt_writes_by_revision ON prompt_writes (revision_seq);

CREATE TRIGGER audit_events_are_append_only_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'history is append-only: audit events cannot be updated'); END;
CREATE TRIGGER audit_events_are_append_only_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'history is append-only: audit events cannot be deleted'); END;
CREATE TRIGGER attributions_are_append_only_update BEFORE UPDATE ON attributions
BEGIN SELECT RAISE(ABORT, 'history is append-only: attributions cannot be updated'); END;
CREATE TRIGGER attributions_are_append_only_delete BEFORE DELETE ON attributions
BEGIN SELECT RAISE(ABORT, 'history is append-only: attributions cannot be deleted'); END;
CREATE TRIGGER prompt_writes_are_append_only_update BEFORE UPDATE ON prompt_writes
BEGIN SELECT RAISE(ABORT, 'history is append-only: write attempts cannot be updated'); END;
CREATE TRIGGER prompt_writes_are_append_only_delete BEFORE DELETE ON prompt_writes
BEGIN SELECT RAISE(ABORT, 'history is append-only: write attempts cannot be deleted'); END;

-- The editor of a revision, from whichever source knows it: the revision's own changed_by (written
-- through the mirror), else its newest attribution. NULL source means nobody knows.
CREATE VIEW revision_editors AS
SELECT r.seq AS revision_seq,
       COALESCE(r.changed_by, at.changed_by) AS changed_by,
       CASE WHEN r.changed_by IS NOT NULL THEN 'assistant-mirror'
            WHEN at.changed_by IS NOT NULL THEN 'provider-audit-log' END AS changed_by_source,
       w.reason AS change_reason,
       COALESCE(at.ambiguous, 0) AS ambiguous
FROM revisions r
LEFT JOIN attributions at ON at.seq = (SELECT MAX(x.seq) FROM attributions x WHERE x.revision_seq = r.seq)
LEFT JOIN prompt_writes w ON w.revision_seq = r.seq;

-- assistant_revisions and prompt_changes keep every column, in order, and gain the editor's source
-- and the reason (design.md: views gain columns, never lose them).
DROP VIEW assistant_revisions;
CREATE VIEW assistant_revisions AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.revision, r.change_kind, r.observed_at,
       r.previous_observed_at, r.provider_updated_at, r.content_hash, e.changed_by, r.actor_hint,
       r.snapshot, r.name, r.prompt, r.seq, r.crawl_id, a.id AS assistant_id,
       e.changed_by_source, e.change_reason
FROM revisions r
JOIN revision_editors e ON e.revision_seq = r.seq
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id;

DROP VIEW prompt_changes;
CREATE VIEW prompt_changes AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.name, r.revision, r.change_kind,
       r.observed_at, r.previous_observed_at, r.provider_updated_at, e.changed_by, r.actor_hint,
       (SELECT p.prompt FROM revisions p WHERE p.assistant_id = r.assistant_id AND p.revision < r.revision
         ORDER BY p.revision DESC LIMIT 1) AS old_prompt,
       r.prompt AS new_prompt, r.seq,
       (SELECT group_concat(f.path, ', ') FROM revision_fields f
         WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1) AS prompt_fields,
       e.changed_by_source, e.change_reason
FROM revisions r
JOIN revision_editors e ON e.revision_seq = r.seq
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id
WHERE r.change_kind <> 'updated'
   OR EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1);

-- Every attempt to write through the mirror, for people (design.md views; the table is prompt_writes).
CREATE VIEW write_attempts AS
SELECT ac.name AS account, ac.provider, w.remote_id, w.operation, w.reverted_to, w.requested_by,
       w.requested_at, w.reason, w.forced, w.outcome, w.provider_status, w.error, w.hash_before,
       w.hash_after, r.revision, w.seq
FROM prompt_writes w
JOIN accounts ac ON ac.id = w.account_id
LEFT JOIN revisions r ON r.seq = w.revision_seq;
