/// The auditor's queries that README shows, written once here and run by AuditQueryTests with the
/// real `sqlite3` shell against a real database. They use only the views of design.md ("Database"),
/// whose columns may be added to but never removed, and named parameters that the shell binds with
/// `.parameter set :name VALUE` (https://sqlite.org/cli.html#sql_parameters); VALUE is read as SQL, so
/// a text value is quoted twice: `.parameter set :at "'2026-03-03T12:00:00.000Z'"`.
///
/// Timestamps are ISO 8601 UTC text with milliseconds, so `>=`/`<` on them are time comparisons; a bare
/// date such as `'2026-07-01'` sorts before every instant of that day.
enum AuditQueries {
    /// (a) Every prompt change observed in the last full calendar quarter (UTC), oldest first: when (the
    /// change happened after `previous_observed_at` and at or before `observed_at`), who (`changed_by`
    /// when a provider reported it, else NULL; `actor_hint` is only a hint), and both prompts.
    static let promptChangesLastQuarter = """
        SELECT account, provider, remote_id, name, revision, change_kind, previous_observed_at, observed_at,
               provider_updated_at, changed_by, actor_hint, old_prompt, new_prompt
        FROM prompt_changes
        WHERE observed_at >= date('now', 'start of month',
                                  printf('-%d months', (CAST(strftime('%m', 'now') AS INTEGER) - 1) % 3 + 3))
          AND observed_at <  date('now', 'start of month',
                                  printf('-%d months', (CAST(strftime('%m', 'now') AS INTEGER) - 1) % 3))
        ORDER BY observed_at, seq;
        """

    /// (b) What assistant :account/:remote_id said at :at: the prompt of its latest revision observed at
    /// or before :at. Always one row; `prompt` is NULL when the assistant was deleted then
    /// (`change_kind` = 'deleted') or not yet seen (`revision` is NULL).
    static let promptAsOf = """
        SELECT :account AS account, :remote_id AS remote_id, :at AS as_of,
               r.revision, r.change_kind, r.observed_at, r.prompt
        FROM (SELECT 1) AS one
        LEFT JOIN assistant_revisions r
               ON r.account = :account AND r.remote_id = :remote_id
              AND r.revision = (SELECT max(revision) FROM assistant_revisions
                                WHERE account = :account AND remote_id = :remote_id AND observed_at <= :at);
        """

    /// (c) Assistants whose prompts were edited more than :n times (creations, deletions and
    /// restorations are not edits), most edited first.
    static let frequentlyEditedPrompts = """
        SELECT account, provider, remote_id, count(*) AS prompt_edits,
               min(observed_at) AS first_edit_seen_at, max(observed_at) AS last_edit_seen_at
        FROM prompt_changes
        WHERE change_kind = 'updated'
        GROUP BY account, provider, remote_id
        HAVING count(*) > :n
        ORDER BY prompt_edits DESC, account, remote_id;
        """

    /// (d) Every change observed in [:since, :until) across all providers: one row per changed field,
    /// and one row with a NULL path for a revision that changed no field (a creation or a deletion).
    /// `prompt_bearing` = 1 marks the prompt fields.
    static let changesInWindow = """
        SELECT r.provider, r.account, r.remote_id, r.revision, r.change_kind, r.observed_at,
               f.path, f.old_value, f.new_value, f.prompt_bearing
        FROM assistant_revisions r
        LEFT JOIN field_changes f ON f.seq = r.seq
        WHERE r.observed_at >= :since AND r.observed_at < :until
        ORDER BY r.observed_at, r.seq, f.path;
        """
}
