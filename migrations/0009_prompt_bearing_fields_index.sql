-- 0009: the prompt-bearing field changes of a revision, found from an index alone (issue 9). `changes`,
-- `history` and the `prompt_changes` view ask, for each revision, whether one of its field changes is
-- prompt-bearing and which paths those are. `revision_fields` keeps `prompt_bearing` after the old and
-- new values, which for a prompt are kilobytes, so answering from the table reads each change's
-- overflow pages. A partial index (https://www.sqlite.org/partialindex.html) holding only the
-- prompt-bearing rows answers both questions without touching the table; `prompt_bearing` is in it
-- too, so the planner sees it as covering (EXPLAIN QUERY PLAN: "USING COVERING INDEX").

CREATE INDEX revision_fields_prompt_bearing ON revision_fields (revision_seq, path, prompt_bearing)
WHERE prompt_bearing = 1;
