-- 0007: each revision stores its snapshot's bytes once (issue 9). The main prompt is a string of the
-- revision's snapshot, so a new revision no longer copies it into `revisions.prompt` (NULL there):
-- `prompt_offset` and `prompt_length` give the byte range of the prompt's escaped text inside the
-- snapshot (its UTF-8 bytes, 0-based, between the quotes), and `revision_contents` decodes it back.
-- Such a row is chained with the encoding "assistant-mirror/revision/v2" (RevisionChain.swift), which
-- covers both columns and still the (NULL) prompt column, so writing a prompt into it breaks the hash.
-- Old rows keep their prompt and the v1 encoding (history is append-only); so do new rows whose
-- prompt is NULL (a deletion, an assistant without one) or holds a control character other than tab,
-- line feed and carriage return, whose escapes the decoding below does not undo.
--
-- Why not json_extract(snapshot, path): SQLite 3.40 (the system library) does not mark its JSON
-- functions innocuous, so under the mirror's `PRAGMA trusted_schema = OFF` no view may call them
-- ("unsafe use of json_extract()", https://www.sqlite.org/pragma.html#pragma_trusted_schema; SQLite's
-- check-in "Fix JSON functions so that they work correctly under PRAGMA trusted_schema", 2023-01-09,
-- first shipped in 3.41.0).
-- substr, CAST, char and replace are innocuous. The canonical encoder escapes `"` `\` and control
-- characters only (JSONValue+Canonical.swift); for a prompt whose only control characters are tab,
-- line feed and carriage return the text holds exactly the escapes \\ \" \n \t \r. Replacing \\ first
-- by char(1) (which such a prompt cannot contain) leaves every other backslash at the start of its
-- own escape, so the remaining replacements cannot misread one; char(1) then becomes \ again.
-- The database's text encoding is UTF-8 (the default; the mirror never changes it), so the BLOB cast
-- gives the bytes the offsets count.
--
-- `revision_contents` is the one place that knows this: the revisions with `prompt` read from
-- wherever it is stored. Every view (and the Swift readers) reads a revision's prompt from it; the
-- three views that read `revisions.prompt` come back over it with the same columns in the same order.
-- SQLite flattens the simple view into each query (https://www.sqlite.org/optoverview.html#flattening),
-- so lookups keep using the revisions' indexes, and the decoding runs only where a prompt is read.

ALTER TABLE revisions ADD COLUMN prompt_offset INTEGER;
ALTER TABLE revisions ADD COLUMN prompt_length INTEGER;

CREATE VIEW revision_contents AS
SELECT seq, assistant_id, revision, change_kind, observed_at, previous_observed_at, provider_updated_at,
       content_hash, changed_by, actor_hint, name,
       coalesce(prompt, replace(replace(replace(replace(replace(replace(
           CAST(substr(CAST(snapshot AS BLOB), prompt_offset + 1, prompt_length) AS TEXT),
           '\\', char(1)), '\n', char(10)), '\t', char(9)), '\r', char(13)), '\"', '"'), char(1), '\')) AS prompt,
       snapshot, crawl_id
FROM revisions;

DROP VIEW assistants_current;
CREATE VIEW assistants_current AS
SELECT ac.name AS account, ac.provider, a.remote_id, a.name,
       (SELECT r.prompt FROM revision_contents r
         WHERE r.assistant_id = a.id AND r.revision <= a.revision AND r.change_kind <> 'deleted'
         ORDER BY r.revision DESC LIMIT 1) AS prompt,
       a.model, a.provider_updated_at, a.first_seen_at, a.last_seen_at, a.deleted_at, a.revision,
       a.voice, a.greeting, a.content_hash, a.id AS assistant_id
FROM assistants a
JOIN accounts ac ON ac.id = a.account_id;

DROP VIEW assistant_revisions;
CREATE VIEW assistant_revisions AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.revision, r.change_kind, r.observed_at,
       r.previous_observed_at, r.provider_updated_at, r.content_hash, e.changed_by, r.actor_hint,
       r.snapshot, r.name, r.prompt, r.seq, r.crawl_id, a.id AS assistant_id,
       e.changed_by_source, e.change_reason
FROM revision_contents r
JOIN revision_editors e ON e.revision_seq = r.seq
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id;

DROP VIEW prompt_changes;
CREATE VIEW prompt_changes AS
SELECT ac.name AS account, ac.provider, a.remote_id, r.name, r.revision, r.change_kind,
       r.observed_at, r.previous_observed_at, r.provider_updated_at, e.changed_by, r.actor_hint,
       (SELECT p.prompt FROM revision_contents p WHERE p.assistant_id = r.assistant_id AND p.revision < r.revision
         ORDER BY p.revision DESC LIMIT 1) AS old_prompt,
       r.prompt AS new_prompt, r.seq,
       (SELECT group_concat(f.path, ', ') FROM revision_fields f
         WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1) AS prompt_fields,
       e.changed_by_source, e.change_reason
FROM revision_contents r
JOIN revision_editors e ON e.revision_seq = r.seq
JOIN assistants a ON a.id = r.assistant_id
JOIN accounts ac ON ac.id = a.account_id
WHERE r.change_kind <> 'updated'
   OR EXISTS (SELECT 1 FROM revision_fields f WHERE f.revision_seq = r.seq AND f.prompt_bearing = 1);
