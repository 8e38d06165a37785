-- 0001: the mirror's schema. Tables hold the data; the views below are the stable interface for
-- people using sqlite3 (design.md, "Database"): their columns may be added to, never removed.
-- Timestamps are ISO 8601 UTC text with milliseconds (2026-11-21T09:30:00.123Z): they sort as text.

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    provider    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- One row per crawl of one account. While status = 'running', next_page is the checkpoint: the
-- provider cursor of the first page not yet committed, written in the same transaction as the page
-- before it, so a crash resumes exactly where the last commit ended.
CREATE TABLE crawls (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    status         TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
    pages          INTEGER NOT NULL DEFAULT 0,
    seen           INTEGER NOT NULL DEFAULT 0,
    created        INTEGER NOT NULL DEFAULT 0,
    updated        INTEGER NOT NULL DEFAULT 0,
    deleted        INTEGER NOT NULL DEFAULT 0,
    restored       INTEGER NOT NULL DEFAULT 0,
    complete       INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    error          TEXT,
    next_page      TEXT,
    checkpoint_at  TEXT
) STRICT;
CREATE INDEX crawls_by_account ON crawls (account_id, id);

-- Current state, one row per assistant ever seen. Mutable; the history is in revisions.
CREATE TABLE assistants (
    id                   INTEGER PRIMARY KEY,
    account_id           INTEGER NOT NULL REFERENCES accounts(id),
    remote_id            TEXT NOT NULL,
    name                 TEXT,
    prompt               TEXT,
    model                TEXT,
    voice                TEXT,
    greeting             TEXT,
    provider_updated_at  TEXT,
    content_hash         TEXT NOT NULL,
    snapshot             TEXT NOT NULL,
    first_seen_at        TEXT NOT NULL,
    last_seen_at         TEXT NOT NULL,
    last_seen_crawl      INTEGER REFERENCES crawls(id),
    absent_crawls        INTEGER NOT NULL DEFAULT 0,
    deleted_at           TEXT,
    revision             INTEGER NOT NULL,
    UNIQUE (account_id, remote_id)
) STRICT;
CREATE INDEX assistants_by_crawl ON assistants (account_id, last_seen_crawl);

-- The history: append-only (triggers below) and hash-chained in seq order. prompt is the main prompt
-- in effect after the revision (NULL for a deletion); snapshot is the redacted canonical JSON.
CREATE TABLE revisions (
    seq                   INTEGER PRIMARY KEY,
    assistant_id          INTEGER NOT NULL REFERENCES assistants(id),
    revision              INTEGER NOT NULL CHECK (revision >= 1),
    change_kind           TEXT NOT NULL CHECK (change_kind IN ('created', 'updated', 'deleted', 'restored')),
    observed_at           TEXT NOT NULL,
    previous_observed_at  TEXT,
    provider_updated_at   TEXT,
    content_hash          TEXT NOT NULL,
    changed_by            TEXT,
    actor_hint            TEXT,
    name                  TEXT,
    prompt                TEXT,
    snapshot              TEXT NOT NULL,
    crawl_id              INTEGER REFERENCES crawls(id),
    prev_hash             TEXT NOT NULL,
    row_hash              TEXT NOT NULL,
    UNIQUE (assistant_id, revision)
) STRICT;
CREATE INDEX revisions_by_time ON revisions (observed_at);

-- Field-level changes of each revision: path (prompt, config.instructions, actions[0].instructions),
-- old and new value (strings as they are, other scalars as JSON text, NULL when absent).
CREATE TABLE revision_fields (
    id              INTEGER PRIMARY KEY,
    revision_seq    INTEGER NOT NULL REFERENCES revisions(seq),
    path            TEXT NOT NULL,
    old_value       TEXT,
    new_value       TEXT,
    prompt_bearing  INTEGER NOT NULL CHECK (prompt_bearing IN (0, 1)),
    UNIQUE (revision_seq, path)
) STRICT;

-- Append-only history. RAISE(ABORT) fails the statement with SQLITE_CONSTRAINT
-- (https://www.sqlite.org/lang_createtrigger.html#the_raise_function). Anyone with write access can
-- drop a trigger, which is why revisions are also hash-chained (verify).
CREATE TRIGGER revisions_are_append_only_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'history is append-only: revisions cannot be updated'); END;
CREATE TRIGGER revisions_are_append_only_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'history is append-only: revisions cannot be deleted'); END;
CREATE TRIGGER revision_fields_are_append_only_update BEFORE UPDATE ON revision_fields
BEGIN SELECT RAISE(ABORT, 'history is append-only: field changes cannot be updated'); END;
CREATE TRIGGER revision_fields_are_append_only_delete BEFORE DELETE ON revision_fields
BEGIN SELECT RAISE(ABORT, 'history is append-only: field changes cannot be deleted'); END;

-- The views of design.md.

CREATE VIEW assistants_current AS
SELECT ac.name AS account, ac.provider, a.remote_id, a.name, a.prompt, a.model,
       a.provider_updated_at, a.first_seen_at, a.last_seen_at, a.deleted_at, a.revision,
       a.voice, a.greeting, a.content_hash, a.id AS assistant_id
FROM assistants a JOIN accounts ac ON ac.id = a.account_id;

CREATE VIEW assistant_revisions AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.revision, r.change_kind, r.observed_at,
       r.previous_observed_at, r.provider_updated_at, r.content_hash, r.changed_by, r.actor_hint,
       r.snapshot, r.name, r.prompt, r.seq, r.crawl_id, a.id AS assistant_id
FROM revisions r
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id;

CREATE VIEW field_changes AS
SELECT ac.name AS account, a.remote_id, r.revision, f.path, f.old_value, f.new_value,
       ac.provider, f.prompt_bearing, r.observed_at, r.seq
FROM revision_fields f
JOIN revisions r ON r.seq = f.revision_seq
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id;

-- Every revision that changed a prompt-bearing field, plus creations, deletions and restorations
-- (the prompt came into effect or went out of it). old_prompt/new_prompt are the main prompt field;
-- old_prompt comes from the latest earlier revision still in the history.
CREATE VIEW prompt_changes AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.name, r.revision, r.change_kind,
       r.observed_at, r.previous_observed_at, r.provider_updated_at, r.changed_by, r.actor_hint,
       (SELECT p.prompt FROM revisions p WHERE p.assistant_id = r.assistant_id AND p.revision < r.revision
         ORDER BY p.revision DESC LIMIT 1) AS old_prompt,
       r.prompt AS new_prompt, r.seq,
       (SELECT group_concat(f.path, ', ') FROM revision_fields f
         WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1) AS prompt_fields
FROM revisions r
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id
WHERE r.change_kind <> 'updated'
   OR EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1);

CREATE VIEW sync_runs AS
SELECT c.id, ac.name AS account, ac.provider, c.started_at, c.finished_at, c.status, c.pages,
       c.seen, c.created, c.updated, c.deleted, c.complete, c.error, c.restored
FROM crawls c JOIN accounts ac ON ac.id = c.account_id;
