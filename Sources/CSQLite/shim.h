#ifndef ASSISTANT_MIRROR_CSQLITE_SHIM_H
#define ASSISTANT_MIRROR_CSQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot call C variadic functions, so the variadic configuration calls get fixed-arity wrappers.

/// Refuses double-quoted string literals, a legacy misfeature that turns a misspelt column name into
/// a string. https://www.sqlite.org/quirks.html#dblquote
static inline int mirror_sqlite_disable_dqs(sqlite3 *db) {
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
}

/// Defensive mode stops ordinary SQL from corrupting the file (writable_schema, journal_mode=off, ...).
/// https://www.sqlite.org/c3ref/c_dbconfig_defensive.html
static inline int mirror_sqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}

/// Keeps the -wal and -shm files after the last connection closes, so that read-only users of the
/// group can still open the database while the daemon is stopped. https://www.sqlite.org/walformat.html
static inline int mirror_sqlite_persist_wal(sqlite3 *db) {
    int on = 1;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

#endif
