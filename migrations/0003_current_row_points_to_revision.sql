-- 0003: a snapshot stored once per revision (issue 9). The current row no longer copies its
-- revision's prompt and snapshot: `assistants.revision` already points to it, and the views read
-- them from there. That also makes `assistants` narrow, so an unchanged re-read rewrites a small
-- row instead of the last overflow page of a ~8 KB one. History and its hash chain are untouched.
-- A deleted assistant keeps showing its last prompt, as before: the prompt comes from its latest
-- revision that is not a deletion (retention never prunes one that changed the prompt, so the
-- newest one left holds the same prompt). UNIQUE (assistant_id, revision) makes it one index seek.
-- ALTER TABLE … DROP COLUMN refuses a column a view uses (https://www.sqlite.org/lang_altertable.html),
-- so the view goes first and comes back with the same columns.

DROP VIEW assistants_current;

ALTER TABLE assistants DROP COLUMN prompt;
ALTER TABLE assistants DROP COLUMN snapshot;

CREATE VIEW assistants_current AS
SELECT ac.name AS account, ac.provider, a.remote_id, a.name,
       (SELECT r.prompt FROM revisions r
         WHERE r.assistant_id = a.id AND r.revision <= a.revision AND r.change_kind <> 'deleted'
         ORDER BY r.revision DESC LIMIT 1) AS prompt,
       a.model, a.provider_updated_at, a.first_seen_at, a.last_seen_at, a.deleted_at, a.revision,
       a.voice, a.greeting, a.content_hash, a.id AS assistant_id
FROM assistants a
JOIN accounts ac ON ac.id = a.account_id;
