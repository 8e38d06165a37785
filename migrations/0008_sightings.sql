-- 0008: an unchanged re-read writes nothing per assistant (issue 9). Until now every page's unchanged
-- assistants got `last_seen_at`, `last_seen_crawl` and `absent_crawls = 0` rewritten, one row and one
-- index entry each: what an unchanged re-poll wrote was proportional to the account. Now a page
-- writes one narrow row naming the unchanged assistants it sighted, committed with its checkpoint,
-- and the deletion pass reads those rows (json_each, https://www.sqlite.org/json1.html#jeach).
--
-- crawl_sightings: one row per committed page of a crawl still in progress; assistant_ids is a JSON
-- array of the local ids of the assistants that page read unchanged (those it wrote carry the crawl
-- in assistants.last_seen_crawl). A crawl resumed after a crash or a shutdown still has its earlier
-- pages' rows. The rows of a crawl go when it ends ok or failed (an interrupted one is resumed), and
-- those of an account's earlier crawls when it begins a new one, so the table stays small.
--
-- What the columns of assistants now mean:
--   last_seen_crawl  the last crawl that WROTE the row (created, changed, restored, sighted again
--                    after an absence, or counted absent: a deletion pass resumed after an
--                    interruption must not count one absence twice); a crawl's unchanged
--                    sightings are in crawl_sightings.
--   absent_crawls    unchanged: reset to 0 when an absent assistant is sighted again (a state change,
--                    rare, so those rows are written).
--   last_seen_at     a time the assistant was certainly seen: exact when it was written, never later
--                    than its last sighting. Written when the row changes, when an absence begins
--                    and when it is deleted, not on an unchanged re-read.
-- The last sighting to present (assistants_current.last_seen_at, and what a new revision's
-- previous_observed_at says, design.md invariant 2) is `assistants_last_seen.last_seen_at` below:
-- a live assistant with no absence was listed by its account's latest crawl that ended ok and
-- complete (every live one that crawl did not list was confirmed by GET-one, counted absent or
-- deleted by its deletion pass), so it was seen no earlier than that crawl's start: the larger of
-- that start and the stored time is still a time it was seen, and the change window stays true.

CREATE TABLE crawl_sightings (
    crawl_id       INTEGER NOT NULL REFERENCES crawls(id),
    page           INTEGER NOT NULL,
    assistant_ids  TEXT NOT NULL,
    PRIMARY KEY (crawl_id, page)
) STRICT, WITHOUT ROWID;

-- The one definition of an assistant's last sighting; readers and the sync engine use it alike.
-- max() with several arguments is NULL when one is (https://www.sqlite.org/lang_corefunc.html#max_scalar),
-- hence ifnull for an account with no such crawl yet.
CREATE VIEW assistants_last_seen AS
SELECT a.id AS assistant_id,
       CASE WHEN a.deleted_at IS NULL AND a.absent_crawls = 0
            THEN max(a.last_seen_at, ifnull((SELECT c.started_at FROM crawls c
                   WHERE c.account_id = a.account_id AND c.status = 'ok' AND c.complete = 1
                   ORDER BY c.id DESC LIMIT 1), ''))
            ELSE a.last_seen_at END AS last_seen_at
FROM assistants a;

-- Same columns in the same order (design.md: views gain columns, never lose them); last_seen_at now
-- comes from the definition above, and the prompt from revision_contents as in 0007.
DROP VIEW assistants_current;
CREATE VIEW assistants_current AS
SELECT ac.name AS account, ac.provider, a.remote_id, a.name,
       (SELECT r.prompt FROM revision_contents r
         WHERE r.assistant_id = a.id AND r.revision <= a.revision AND r.change_kind <> 'deleted'
         ORDER BY r.revision DESC LIMIT 1) AS prompt,
       a.model, a.provider_updated_at, a.first_seen_at, s.last_seen_at, a.deleted_at, a.revision,
       a.voice, a.greeting, a.content_hash, a.id AS assistant_id
FROM assistants a
JOIN accounts ac ON ac.id = a.account_id
JOIN assistants_last_seen s ON s.assistant_id = a.id;
