/*
 * journal.c - the SQLite journal of days: opening (with schema checks and migrations), saving
 * and loading days, series computed in SQL, marks, transactions and backups.
 *
 * Durability: PRAGMA synchronous=FULL even in WAL mode. A save is a few rows typed by a person;
 * paying one fsync per save is cheap, and losing the last entry to a power cut is not.
 *
 * Backups (journal_backup and the copy made before a migration) overwrite an existing regular
 * file at the destination: the copy is always the newer, complete state. Anything that is not a
 * regular file, or the journal itself, is refused.
 *
 * journal_open_existing() in read-write mode migrates an older schema like journal_open() (it
 * never creates the file or its schema); in read-only mode an older schema is read as it is. An
 * empty file (0 bytes) is a new journal for journal_open() and "not a gutskin journal" otherwise.
 *
 * journal_each_day() reads inside one snapshot (a read savepoint): its visitor may load days but
 * should not save them. journal_list_dates() and journal_list_marks() reset their list first.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "experiment.h"
#include "fileio.h"
#include "fsops.h"
#include "paths.h"
#include "text.h"
#include "xalloc.h"

#define BUSY_TIMEOUT_MS 5000

/* Open ends of a date range, bound instead of NULL so that the date indexes still serve the
 * range. */
#define DATE_LOW "0000-00-00"
#define DATE_HIGH "9999-99-99"

/* --- Schema ---------------------------------------------------------------------------------- */

struct migration {
    int version;     /* the user_version after this step */
    const char *sql; /* ends by setting PRAGMA user_version */
};

/* date(date) IS date rejects impossible dates, which SQLite would otherwise normalise. */
static const struct migration migrations[] = {
    {1, "CREATE TABLE day ("
        " date TEXT PRIMARY KEY NOT NULL"
        "  CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) IS date),"
        " note TEXT,"
        " note_changed_at INTEGER,"
        " changed_at INTEGER NOT NULL);"
        "CREATE TABLE reading ("
        " date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
        " metric TEXT NOT NULL,"
        " value REAL NOT NULL,"
        " changed_at INTEGER NOT NULL,"
        " PRIMARY KEY (date, metric)) WITHOUT ROWID;"
        "CREATE INDEX reading_by_metric ON reading (metric, date);"
        "CREATE TABLE food_eaten ("
        " date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
        " food TEXT NOT NULL,"
        " servings REAL NOT NULL,"
        " changed_at INTEGER NOT NULL,"
        " PRIMARY KEY (date, food)) WITHOUT ROWID;"
        "CREATE INDEX food_eaten_by_food ON food_eaten (food, date);"
        "PRAGMA user_version = 1;"},
    {2, "CREATE TABLE mark ("
        " id INTEGER PRIMARY KEY,"
        " date TEXT NOT NULL,"
        " label TEXT NOT NULL,"
        " changed_at INTEGER NOT NULL);"
        "PRAGMA user_version = 2;"},
    /* The series of the Trends screen read a metric's values by date: with the value in the index
     * they never visit the table (a ten-year score read about three times faster). The old index
     * is a prefix of the new one, so it goes, and first, so that its pages are reused. */
    {3, "DROP INDEX reading_by_metric;"
        "CREATE INDEX reading_values_by_metric ON reading (metric, date, value);"
        "PRAGMA user_version = 3;"},
    /* Tombstones: a deleted day is remembered with the time of its deletion, so that a merge
     * with a journal that still has the day deletes it there too, unless that day was changed
     * after the deletion. A day saved again loses its tombstone. */
    {4, "CREATE TABLE deleted_day ("
        " date TEXT PRIMARY KEY NOT NULL,"
        " deleted_at INTEGER NOT NULL) WITHOUT ROWID;"
        "PRAGMA user_version = 4;"},
    /* Experiments (experiment.h): one row per plan, kept after it ends or is stopped. The seed
     * is stored as the signed 64-bit pattern of the unsigned seed. */
    {5, "CREATE TABLE experiment ("
        " id INTEGER PRIMARY KEY,"
        " change TEXT NOT NULL,"
        " change_id TEXT NOT NULL,"
        " outcome TEXT NOT NULL,"
        " outcome_id TEXT NOT NULL,"
        " pairs INTEGER NOT NULL,"
        " period_days INTEGER NOT NULL,"
        " washout_days INTEGER NOT NULL,"
        " start TEXT NOT NULL,"
        " seed INTEGER NOT NULL,"
        " stopped TEXT,"
        " changed_at INTEGER NOT NULL);"
        "PRAGMA user_version = 5;"},
    /* Tombstones of marks, like those of days: a mark (a date and its label, what a merge
     * matches marks by) removed is remembered with the time of its removal, so that a merge
     * with a journal that still has it removes it there too instead of bringing it back. */
    {6, "CREATE TABLE deleted_mark ("
        " date TEXT NOT NULL,"
        " label TEXT NOT NULL,"
        " deleted_at INTEGER NOT NULL,"
        " PRIMARY KEY (date, label)) WITHOUT ROWID;"
        "PRAGMA user_version = 6;"},
    /* Tombstones of values: a reading, a food or the note removed from a day that stays, with
     * when it was removed and when the value removed had last changed (which version it was),
     * so that a merge neither brings it back nor drops a change made elsewhere since. kind is
     * 'reading', 'food' or 'note' (id ''). */
    {7, "CREATE TABLE deleted_value ("
        " date TEXT NOT NULL,"
        " kind TEXT NOT NULL,"
        " id TEXT NOT NULL,"
        " deleted_at INTEGER NOT NULL,"
        " was_changed_at INTEGER NOT NULL,"
        " PRIMARY KEY (date, kind, id)) WITHOUT ROWID;"
        "PRAGMA user_version = 7;"},
};

#define MIGRATION_COUNT (sizeof migrations / sizeof migrations[0])

_Static_assert(sizeof migrations / sizeof migrations[0] == JOURNAL_SCHEMA_VERSION,
               "one migration step per schema version");

/* --- Statements ------------------------------------------------------------------------------ */

enum statement_id {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SAVEPOINT_WRITE,
    ST_RELEASE_WRITE,
    ST_ROLLBACK_TO_WRITE,
    ST_SAVEPOINT_READ,
    ST_RELEASE_READ,
    ST_BEGIN_SNAPSHOT,
    ST_DATA_VERSION,
    ST_DAY_UPSERT,
    ST_DAY_TOUCH,
    ST_DAY_DELETE,
    ST_READING_UPSERT,
    ST_READING_PRUNE,
    ST_FOOD_UPSERT,
    ST_FOOD_PRUNE,
    ST_DAYS_RANGE,
    ST_NOTES_RANGE,
    ST_READINGS_RANGE,
    ST_FOODS_RANGE,
    ST_LIST_DATES,
    ST_DATE_SPAN,
    ST_COUNT_DAYS,
    ST_SERIES_READINGS,
    ST_SERIES_FOODS,
    ST_MARK_ADD,
    ST_MARK_DELETE,
    ST_MARK_LIST,
    ST_MARK_DELETE_LABELLED,
    ST_MARK_TOMBSTONE_OF_ID,
    ST_MARK_TOMBSTONE_ADD,
    ST_MARK_TOMBSTONE_CLEAR,
    ST_MARK_TOMBSTONE_LIST,
    ST_EXPERIMENT_ADD,
    ST_EXPERIMENT_LIST,
    ST_EXPERIMENT_STOP,
    ST_EXPERIMENT_STOP_EARLIER,
    ST_READING_COUNT,
    ST_FOOD_COUNT,
    ST_VALUES_BURIED,
    ST_READING_BURY,
    ST_FOOD_BURY,
    ST_NOTE_BURY,
    ST_VALUES_UNBURY,
    ST_VALUE_UNBURY,
    ST_VALUE_TOMBSTONE_ADD,
    ST_VALUE_TOMBSTONE_LIST,
    ST_READING_DELETE,
    ST_FOOD_DELETE,
    ST_NOTE_DELETE,
    ST_DAY_DELETE_IF_EMPTY,
    ST_TOMBSTONE_ADD,
    ST_TOMBSTONE_CLEAR,
    ST_TOMBSTONE_LIST,
    ST_COUNT
};

/* An id list bound as one text, ?N: every id followed by the unit separator (char 31), a
 * control character no id may hold (ids_join refuses one that does). The recursive table
 * `listed` splits it into rows; LISTED_IDS is the ids. An empty text is no ids. */
#define LISTED_CTE(n)                                                                              \
    "WITH RECURSIVE listed (id, rest) AS (SELECT NULL, ?" #n " UNION ALL"                          \
    " SELECT substr(rest, 1, instr(rest, char(31)) - 1), substr(rest, instr(rest, char(31)) + 1)"  \
    " FROM listed WHERE rest <> '')"
#define LISTED_IDS "(SELECT id FROM listed WHERE id IS NOT NULL)"

/* The buckets of the daily values (d, v); ?4 is the enum journal_grouping (1 week, 2 month).
 * Days are grouped by a key that is cheap to compute for each of them (a week's number counted
 * from the Julian day 0, a Monday; a month's "YYYY-MM"), and only each bucket's date is built from
 * its key: building a date for every day was about half the cost of bucketing a long series. */
#define SERIES_BUCKETS                                                                             \
    " SELECT CASE ?4 WHEN 1 THEN date(k * 7 - 0.5) WHEN 2 THEN k || '-01' ELSE k END,"             \
    " avg(v), min(v), max(v), count(v) FROM ("                                                     \
    "  SELECT CASE ?4 WHEN 1 THEN CAST(julianday(d) + 0.5 AS INTEGER) / 7"                         \
    "   WHEN 2 THEN substr(d, 1, 7) ELSE d END AS k, v FROM daily)"                                \
    " GROUP BY k ORDER BY k"

/* A value's tombstone: removed at ?3 (a later removal already recorded stays, with the version
 * it removed). */
#define VALUE_TOMBSTONE_LATER                                                                      \
    " ON CONFLICT (date, kind, id) DO UPDATE SET was_changed_at = CASE"                            \
    " WHEN excluded.deleted_at > deleted_at THEN excluded.was_changed_at ELSE was_changed_at END," \
    " deleted_at = max(deleted_at, excluded.deleted_at)"

static const char *const statement_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SAVEPOINT_WRITE] = "SAVEPOINT journal_write",
    [ST_RELEASE_WRITE] = "RELEASE journal_write",
    [ST_ROLLBACK_TO_WRITE] = "ROLLBACK TO journal_write",
    [ST_SAVEPOINT_READ] = "SAVEPOINT journal_read",
    [ST_RELEASE_READ] = "RELEASE journal_read",
    [ST_BEGIN_SNAPSHOT] = "BEGIN DEFERRED",
    [ST_DATA_VERSION] = "PRAGMA data_version",
    [ST_DAY_UPSERT] = "INSERT INTO day (date, note, note_changed_at, changed_at)"
                      " VALUES (?1, ?2, CASE WHEN ?2 IS NULL THEN NULL ELSE ?4 END, ?3)"
                      " ON CONFLICT (date) DO UPDATE SET note = excluded.note, note_changed_at = ?4"
                      " WHERE note IS NOT excluded.note",
    [ST_DAY_TOUCH] = "UPDATE day SET changed_at = ?2 WHERE date = ?1",
    [ST_DAY_DELETE] = "DELETE FROM day WHERE date = ?1",
    [ST_READING_UPSERT] = "INSERT INTO reading (date, metric, value, changed_at)"
                          " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (date, metric) DO UPDATE"
                          " SET value = excluded.value, changed_at = excluded.changed_at"
                          " WHERE value IS NOT excluded.value",
    [ST_READING_PRUNE] = LISTED_CTE(2) " DELETE FROM reading WHERE date = ?1"
                                       " AND metric NOT IN " LISTED_IDS,
    [ST_FOOD_UPSERT] = "INSERT INTO food_eaten (date, food, servings, changed_at)"
                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (date, food) DO UPDATE"
                       " SET servings = excluded.servings, changed_at = excluded.changed_at"
                       " WHERE servings IS NOT excluded.servings",
    [ST_FOOD_PRUNE] = LISTED_CTE(2) " DELETE FROM food_eaten WHERE date = ?1"
                                    " AND food NOT IN " LISTED_IDS,
    [ST_DAYS_RANGE] = "SELECT date, note, note_changed_at FROM day"
                      " WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    [ST_NOTES_RANGE] = "SELECT date, note FROM day"
                       " WHERE date BETWEEN ?1 AND ?2 AND note IS NOT NULL ORDER BY date",
    [ST_READINGS_RANGE] = "SELECT date, metric, value, changed_at FROM reading"
                          " WHERE date BETWEEN ?1 AND ?2 ORDER BY date, metric",
    [ST_FOODS_RANGE] = "SELECT date, food, servings, changed_at FROM food_eaten"
                       " WHERE date BETWEEN ?1 AND ?2 ORDER BY date, food",
    [ST_LIST_DATES] = "SELECT date FROM day WHERE date BETWEEN ?1 AND ?2 ORDER BY date DESC",
    [ST_DATE_SPAN] = "SELECT min(date), max(date) FROM day WHERE date BETWEEN ?1 AND ?2",
    [ST_COUNT_DAYS] = "SELECT count(*) FROM day WHERE date BETWEEN ?1 AND ?2",
    [ST_SERIES_READINGS] =
        LISTED_CTE(1) ", daily (d, v) AS ("
                      " SELECT date, total(value) / (SELECT count(id) FROM listed) FROM reading"
                      " WHERE metric IN " LISTED_IDS
                      " AND date BETWEEN ?2 AND ?3 GROUP BY date)" SERIES_BUCKETS,
    [ST_SERIES_FOODS] =
        LISTED_CTE(1) ", daily (d, v) AS ("
                      " SELECT day.date, total(f.servings) FROM day"
                      " LEFT JOIN food_eaten AS f ON f.date = day.date"
                      " AND f.food IN " LISTED_IDS
                      " WHERE day.date BETWEEN ?2 AND ?3 GROUP BY day.date)" SERIES_BUCKETS,
    [ST_MARK_ADD] = "INSERT INTO mark (date, label, changed_at) VALUES (?1, ?2, ?3)",
    [ST_MARK_DELETE] = "DELETE FROM mark WHERE id = ?1",
    [ST_MARK_LIST] = "SELECT id, date, label, changed_at FROM mark ORDER BY date, id",
    [ST_MARK_DELETE_LABELLED] = "DELETE FROM mark WHERE date = ?1 AND label = ?2",
    /* Only the last mark of its date and label leaves a tombstone: while a twin stays, the mark
     * is still there for a merge, which matches marks by date and label. */
    [ST_MARK_TOMBSTONE_OF_ID] = "INSERT INTO deleted_mark (date, label, deleted_at)"
                                " SELECT date, label, ?2 FROM mark AS gone WHERE id = ?1"
                                " AND NOT EXISTS (SELECT 1 FROM mark WHERE date = gone.date"
                                " AND label = gone.label AND id <> gone.id)"
                                " ON CONFLICT (date, label) DO UPDATE"
                                " SET deleted_at = max(deleted_at, excluded.deleted_at)",
    [ST_MARK_TOMBSTONE_ADD] = "INSERT INTO deleted_mark (date, label, deleted_at)"
                              " VALUES (?1, ?2, ?3) ON CONFLICT (date, label) DO UPDATE"
                              " SET deleted_at = max(deleted_at, excluded.deleted_at)",
    [ST_MARK_TOMBSTONE_CLEAR] = "DELETE FROM deleted_mark WHERE date = ?1 AND label = ?2",
    [ST_MARK_TOMBSTONE_LIST] = "SELECT date, label, deleted_at FROM deleted_mark"
                               " ORDER BY date, label",
    [ST_EXPERIMENT_ADD] = "INSERT INTO experiment (change, change_id, outcome, outcome_id, pairs,"
                          " period_days, washout_days, start, seed, changed_at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_EXPERIMENT_LIST] = "SELECT id, change, change_id, outcome, outcome_id, pairs, period_days,"
                           " washout_days, start, seed, stopped FROM experiment ORDER BY id",
    [ST_EXPERIMENT_STOP] = "UPDATE experiment SET stopped = ?2, changed_at = ?3"
                           " WHERE id = ?1 AND stopped IS NULL",
    [ST_EXPERIMENT_STOP_EARLIER] = "UPDATE experiment SET stopped = ?2, changed_at = ?3"
                                   " WHERE id = ?1 AND (stopped IS NULL OR stopped > ?2)",
    [ST_READING_COUNT] = "SELECT count(*) FROM reading WHERE date = ?1",
    [ST_FOOD_COUNT] = "SELECT count(*) FROM food_eaten WHERE date = ?1",
    [ST_VALUES_BURIED] = "SELECT EXISTS (SELECT 1 FROM deleted_value WHERE date = ?1)",
    [ST_READING_BURY] =
        LISTED_CTE(2) " INSERT INTO deleted_value"
                      " (date, kind, id, deleted_at, was_changed_at)"
                      " SELECT date, 'reading', metric, ?3, changed_at FROM reading"
                      " WHERE date = ?1 AND metric NOT IN " LISTED_IDS VALUE_TOMBSTONE_LATER,
    [ST_FOOD_BURY] =
        LISTED_CTE(2) " INSERT INTO deleted_value"
                      " (date, kind, id, deleted_at, was_changed_at)"
                      " SELECT date, 'food', food, ?3, changed_at FROM food_eaten"
                      " WHERE date = ?1 AND food NOT IN " LISTED_IDS VALUE_TOMBSTONE_LATER,
    [ST_NOTE_BURY] = "INSERT INTO deleted_value (date, kind, id, deleted_at, was_changed_at)"
                     " SELECT date, 'note', '', ?2, coalesce(note_changed_at, 0) FROM day"
                     " WHERE date = ?1 AND note IS NOT NULL" VALUE_TOMBSTONE_LATER,
    [ST_VALUES_UNBURY] = LISTED_CTE(2) " DELETE FROM deleted_value WHERE date = ?1 AND kind = ?3"
                                       " AND id IN " LISTED_IDS,
    [ST_VALUE_UNBURY] = "DELETE FROM deleted_value WHERE date = ?1 AND kind = ?2 AND id = ?3",
    [ST_VALUE_TOMBSTONE_ADD] = "INSERT INTO deleted_value"
                               " (date, kind, id, deleted_at, was_changed_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)" VALUE_TOMBSTONE_LATER,
    [ST_VALUE_TOMBSTONE_LIST] = "SELECT date, kind, id, deleted_at, was_changed_at"
                                " FROM deleted_value ORDER BY date, kind, id",
    [ST_READING_DELETE] = "DELETE FROM reading WHERE date = ?1 AND metric = ?2",
    [ST_FOOD_DELETE] = "DELETE FROM food_eaten WHERE date = ?1 AND food = ?2",
    [ST_NOTE_DELETE] = "UPDATE day SET note = NULL, note_changed_at = ?2"
                       " WHERE date = ?1 AND note IS NOT NULL",
    [ST_DAY_DELETE_IF_EMPTY] = "DELETE FROM day WHERE date = ?1 AND note IS NULL"
                               " AND NOT EXISTS (SELECT 1 FROM reading WHERE date = ?1)"
                               " AND NOT EXISTS (SELECT 1 FROM food_eaten WHERE date = ?1)",
    [ST_TOMBSTONE_ADD] = "INSERT INTO deleted_day (date, deleted_at) VALUES (?1, ?2)"
                         " ON CONFLICT (date) DO UPDATE"
                         " SET deleted_at = max(deleted_at, excluded.deleted_at)",
    [ST_TOMBSTONE_CLEAR] = "DELETE FROM deleted_day WHERE date = ?1",
    [ST_TOMBSTONE_LIST] = "SELECT date, deleted_at FROM deleted_day ORDER BY date",
};

struct journal {
    sqlite3 *db;
    char *path;
    char *warning;
    int schema_version;
    sqlite3_stmt *statements[ST_COUNT]; /* prepared on first use */
    journal_write_hook *write_hook;
    void *write_hook_context;
    int write_hook_day; /* the day number the hook last ran on, or -1 */
    /* Freshness: bumped whenever data_version (others' commits) or this connection's own count
     * of changed rows moves; see journal_freshness(). */
    uint64_t freshness;
    int64_t seen_data_version;
    int64_t seen_own_changes;
};

enum open_mode {
    OPEN_CREATE,    /* journal_open: an empty file gets the schema */
    OPEN_MIGRATE,   /* journal_open_existing, read-write */
    OPEN_READ_ONLY, /* journal_open_existing, read-only: older schemas are read as they are */
};

/* --- Small helpers --------------------------------------------------------------------------- */

/* The time stamped on changes. GUTSKIN_NOW (unix seconds) fixes it for tests and merges. */
static int64_t journal_now(void)
{
    const char *text = getenv("GUTSKIN_NOW");
    if (text != NULL && text[0] != '\0') {
        char *end;
        errno = 0;
        long long value = strtoll(text, &end, 10);
        if (errno == 0 && *end == '\0')
            return value;
    }
    return (int64_t)time(NULL);
}

/* Callers parse dates at their edge; a day number outside the calendar is a slip of theirs, caught
 * here before it could be stored as "0000-00-00". */
static int check_day(int day, struct error *err)
{
    if (date_is_valid(day))
        return 0;
    return error_set(err, ERROR_INPUT, "day %d is not a date of the years %d to %d", day,
                     DATE_FIRST_YEAR, DATE_LAST_YEAR);
}

/* "save 2026-03-01": what a write or read of one day is called in its error messages. */
static void day_what(char *what, size_t size, const char *verb, int day)
{
    char date[DATE_TEXT_SIZE];
    date_format(day, date);
    snprintf(what, size, "%s %s", verb, date);
}

static int check_range(int from, int to, struct error *err)
{
    if (from != DATE_NONE && check_day(from, err) != 0)
        return -1;
    return to != DATE_NONE ? check_day(to, err) : 0;
}

/* Turns a failed SQLite call into a message naming what failed and the journal. */
static int db_fail(sqlite3 *db, const char *path, int rc, const char *what, struct error *err)
{
    const char *detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int code = rc & 0xff;
    /* A full disk met while SQLite grows the WAL index (-shm) comes back as an I/O error. */
    if (code == SQLITE_IOERR && db != NULL &&
        (sqlite3_system_errno(db) == ENOSPC || sqlite3_system_errno(db) == EDQUOT))
        code = SQLITE_FULL;
    switch (code) {
    case SQLITE_BUSY:
        return error_set(err, ERROR_BUSY, "journal is busy: another gutskin is writing to %s",
                         path);
    case SQLITE_FULL:
        return error_set(err, ERROR_SYSTEM, "disk is full: could not %s to %s", what, path);
    case SQLITE_READONLY:
        return error_set(err, ERROR_SYSTEM, "could not %s: %s is read-only (%s)", what, path,
                         detail);
    case SQLITE_NOTADB:
        return error_set(err, ERROR_INPUT, "%s is not a gutskin journal (%s)", path, detail);
    case SQLITE_CORRUPT:
        return error_set(err, ERROR_INPUT, "could not %s: %s is damaged (%s)", what, path, detail);
    default:
        return error_set(err, ERROR_SYSTEM, "could not %s (%s): %s", what, path, detail);
    }
}

static int journal_fail(const struct journal *journal, int rc, const char *what, struct error *err)
{
    return db_fail(journal->db, journal->path, rc, what, err);
}

/* A day's text as the file stores it, or `open` for DATE_NONE (an open end of a range). This
 * (through bind_list's D, F and U) and column_day() are the only places where stored dates meet
 * day numbers; other text dates here are only words in messages and backup names. */
static void day_text(int day, const char *open, char out[DATE_TEXT_SIZE])
{
    if (day == DATE_NONE)
        snprintf(out, DATE_TEXT_SIZE, "%s", open);
    else
        date_format(day, out);
}

/* Binds values by type letter: t text (NULL binds NULL), d double, i int64_t; D a day number as
 * its stored text, F and U a range's first and last day (DATE_NONE: open). */
static int bind_list(sqlite3_stmt *stmt, const char *types, va_list args)
{
    int rc = SQLITE_OK;
    for (int i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
        if (strchr("DFU", types[i]) != NULL) {
            char text[DATE_TEXT_SIZE];
            day_text(va_arg(args, int), types[i] == 'U' ? DATE_HIGH : DATE_LOW, text);
            rc = sqlite3_bind_text(stmt, i + 1, text, -1, SQLITE_TRANSIENT);
        } else if (types[i] == 't') {
            const char *text = va_arg(args, const char *);
            rc = text ? sqlite3_bind_text(stmt, i + 1, text, -1, SQLITE_TRANSIENT)
                      : sqlite3_bind_null(stmt, i + 1);
        } else if (types[i] == 'd') {
            rc = sqlite3_bind_double(stmt, i + 1, va_arg(args, double));
        } else {
            rc = sqlite3_bind_int64(stmt, i + 1, va_arg(args, int64_t));
        }
    }
    return rc;
}

static sqlite3_stmt *cached_statement(struct journal *journal, enum statement_id id,
                                      const char *what, struct error *err)
{
    sqlite3_stmt **slot = &journal->statements[id];
    if (*slot == NULL) {
        int rc = sqlite3_prepare_v3(journal->db, statement_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    slot, NULL);
        if (rc != SQLITE_OK) {
            journal_fail(journal, rc, what, err);
            sqlite3_finalize(*slot);
            *slot = NULL;
        }
    }
    return *slot;
}

/* A cached statement, reset and bound; NULL with `err` set on failure. */
static sqlite3_stmt *bound_statement(struct journal *journal, enum statement_id id,
                                     const char *what, struct error *err, const char *types,
                                     va_list args)
{
    sqlite3_stmt *stmt = cached_statement(journal, id, what, err);
    if (stmt == NULL)
        return NULL;
    /* Both only repeat an earlier step's outcome, which was handled when it happened. */
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    int rc = bind_list(stmt, types, args);
    if (rc != SQLITE_OK) {
        journal_fail(journal, rc, what, err);
        return NULL;
    }
    return stmt;
}

static sqlite3_stmt *start_query(struct journal *journal, enum statement_id id, const char *what,
                                 struct error *err, const char *types, ...)
{
    va_list args;
    va_start(args, types);
    sqlite3_stmt *stmt = bound_statement(journal, id, what, err, types, args);
    va_end(args);
    return stmt;
}

/* Resets a statement after its rows were read; `rc` is the last sqlite3_step() result. */
static int end_query(struct journal *journal, sqlite3_stmt *stmt, int rc, const char *what,
                     struct error *err)
{
    int status = 0;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        status = journal_fail(journal, rc, what, err); /* before reset, which keeps errmsg */
    sqlite3_reset(stmt);
    return status;
}

/* Runs a cached statement to completion; returns the rows it changed, or -1. */
static int run(struct journal *journal, enum statement_id id, const char *what, struct error *err,
               const char *types, ...)
{
    va_list args;
    va_start(args, types);
    sqlite3_stmt *stmt = bound_statement(journal, id, what, err, types, args);
    va_end(args);
    if (stmt == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        continue;
    if (end_query(journal, stmt, rc, what, err) != 0)
        return -1;
    return sqlite3_changes(journal->db);
}

/* Runs fixed SQL text that may hold several statements (schema steps, pragmas). */
static int exec_script(sqlite3 *db, const char *sql)
{
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && sql != NULL && *sql != '\0') {
        sqlite3_stmt *stmt = NULL;
        rc = sqlite3_prepare_v2(db, sql, -1, &stmt, &sql);
        if (rc != SQLITE_OK || stmt == NULL)
            break;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            continue;
        sqlite3_finalize(stmt); /* repeats the step's result; its message stays on `db` */
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    return rc;
}

/* Prepares fixed SQL and steps once: SQLITE_ROW leaves `*stmt` on the first row. The caller
 * finalizes `*stmt` whatever the result (it is NULL when the SQL could not be prepared). */
static int first_row(sqlite3 *db, const char *sql, sqlite3_stmt **stmt)
{
    *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);
    return rc == SQLITE_OK ? sqlite3_step(*stmt) : rc;
}

/* The first column of the first row of fixed SQL, as an integer; no row is an error. */
static int query_int(sqlite3 *db, const char *sql, int *value)
{
    sqlite3_stmt *stmt;
    int rc = first_row(db, sql, &stmt);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? SQLITE_OK : rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

/* The ids as one text for LISTED_CTE: each followed by the unit separator. NULL, with `err`
 * set, when an id holds that character (it would split into two). */
static char *ids_join(const char *const *ids, size_t count, struct error *err)
{
    size_t length = 0;
    for (size_t i = 0; i < count; i++) {
        if (strchr(ids[i], '\x1f') != NULL) {
            error_set(err, ERROR_INPUT, "id \"%s\" holds a control character", ids[i]);
            return NULL;
        }
        length += strlen(ids[i]) + 1;
    }
    char *text = xmalloc(length + 1), *end = text;
    for (size_t i = 0; i < count; i++) {
        size_t id_length = strlen(ids[i]);
        memcpy(end, ids[i], id_length);
        end[id_length] = '\x1f';
        end += id_length + 1;
    }
    *end = '\0';
    return text;
}

static char *entry_ids_join(const struct day_entry *entries, size_t count, struct error *err)
{
    const char **ids = xmalloc((count ? count : 1) * sizeof *ids);
    for (size_t i = 0; i < count; i++)
        ids[i] = entries[i].id;
    char *text = ids_join(ids, count, err);
    free(ids);
    return text;
}

/* --- Transactions ---------------------------------------------------------------------------- */

/* Starts a write: BEGIN IMMEDIATE (so that waiting for another writer happens here, under the
 * busy timeout), or a savepoint when a transaction is already open. */
static int write_begin(struct journal *journal, bool *nested, const char *what, struct error *err)
{
    *nested = !sqlite3_get_autocommit(journal->db);
    if (!*nested && journal->write_hook != NULL && journal->write_hook_day != date_today()) {
        journal->write_hook_day = date_today();
        journal->write_hook(journal, journal->write_hook_context);
    }
    return run(journal, *nested ? ST_SAVEPOINT_WRITE : ST_BEGIN, what, err, "") < 0 ? -1 : 0;
}

/* Rollback failures are not reported: the first error is the one worth showing, and SQLite may
 * already have rolled back by itself (after SQLITE_FULL, for instance). */
static void write_abandon(struct journal *journal, bool nested)
{
    if (nested) {
        run(journal, ST_ROLLBACK_TO_WRITE, "roll back", NULL, "");
        run(journal, ST_RELEASE_WRITE, "roll back", NULL, "");
    } else if (!sqlite3_get_autocommit(journal->db)) {
        run(journal, ST_ROLLBACK, "roll back", NULL, "");
    }
}

/* Commits when `status` is 0, rolls back otherwise; returns 0 only when committed. */
static int write_end(struct journal *journal, bool nested, int status, const char *what,
                     struct error *err)
{
    if (status == 0 && run(journal, nested ? ST_RELEASE_WRITE : ST_COMMIT, what, err, "") >= 0)
        return 0;
    write_abandon(journal, nested);
    return -1;
}

/* A read savepoint gives several SELECTs one consistent snapshot. */
static int read_begin(struct journal *journal, const char *what, struct error *err)
{
    return run(journal, ST_SAVEPOINT_READ, what, err, "") < 0 ? -1 : 0;
}

static int read_end(struct journal *journal, int status, const char *what, struct error *err)
{
    int released = run(journal, ST_RELEASE_READ, what, status == 0 ? err : NULL, "");
    return status != 0 ? status : (released < 0 ? -1 : 0);
}

/* --- Opening --------------------------------------------------------------------------------- */

static int make_parent_dir(const char *path, struct error *err)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL || slash == path)
        return 0;
    char *dir = xstrndup(path, (size_t)(slash - path));
    int status = paths_make_dirs(dir, 0700, err);
    free(dir);
    return status;
}

/* Creates an empty private file; one that appeared meanwhile is left as it is. */
static int create_private_file(const char *path, struct error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        return error_set(err, ERROR_SYSTEM, "cannot create journal %s: %s", path, strerror(errno));
    if (fd >= 0 && close(fd) != 0)
        return error_set(err, ERROR_SYSTEM, "cannot create journal %s: %s", path, strerror(errno));
    int code = fd >= 0 ? fsops_sync_dir_of(path) : 0; /* the new name outlives a power cut */
    if (code != 0)
        return error_set(err, ERROR_SYSTEM, "cannot create journal %s: %s", path, strerror(code));
    return 0;
}

static char *permission_warning(const char *path, const struct stat *st)
{
    unsigned mode = (unsigned)st->st_mode & 0777;
    if ((mode & 077) == 0)
        return NULL;
    /* The advice comes before the path, so that a narrow status line still shows it. */
    return xprintf("the journal is %s by others (mode %04o): keep it private with chmod 600 %s",
                   (mode & 044) ? "readable" : "writable", mode, path);
}

struct probe {
    int version;
    int tables;
};

/* A URI naming `path`, for SQLite's URI parameters: every byte outside the unreserved set and the
 * slash is percent-encoded, so that any file name survives. */
static char *path_uri(const char *path, const char *parameters)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t length = strlen(path);
    char *uri = xmalloc(5 + length * 3 + strlen(parameters) + 1), *out = uri;
    out += sprintf(out, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p) != NULL) {
            *out++ = (char)*p;
        } else {
            *out++ = '%';
            *out++ = hex[*p >> 4];
            *out++ = hex[*p & 15];
        }
    }
    strcpy(out, parameters);
    return uri;
}

/* A journal in WAL mode is read through its -shm file, which SQLite must be able to create; in a
 * folder the person cannot write (a read-only mount, a backup disk, a snapshot) it cannot. When
 * there is no -wal file either, no gutskin is writing (it would have to create that file in the
 * same folder), so the file can be read as immutable, without the -shm. */
static bool can_read_immutable(const char *path, int rc)
{
    int code = rc & 0xff;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
        return false;
    char *wal = xprintf("%s-wal", path);
    struct stat st;
    bool no_wal = stat(wal, &st) != 0 ? errno == ENOENT : st.st_size == 0;
    free(wal);
    const char *slash = strrchr(path, '/');
    char *dir =
        slash == NULL ? xstrdup(".") : xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
    bool dir_read_only = access(dir, W_OK) != 0;
    free(dir);
    return no_wal && dir_read_only;
}

/* True when a read-only connection failed because the WAL left by a killed writer must be
 * recovered first, and this process may write the file to do it. */
static bool needs_recovery(const char *path, int rc)
{
    return (rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_CANTINIT ||
            rc == SQLITE_READONLY) &&
           access(path, W_OK) == 0;
}

/* Opens `path` read-only and reads its first page, so that a file that cannot be read shows at
 * once; falls back to an immutable read where can_read_immutable() allows it. */
/* A file opened only to be read may come from anywhere (a merge's other journal, a backup to
 * restore): SQLite's settings for untrusted files, before anything is read from it. No trigger
 * or view may run, the schema may not call functions with side effects, cells are checked as
 * they are read, and nothing is memory-mapped. */
static int defend(sqlite3 *db)
{
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    if (rc == SQLITE_OK)
        rc = exec_script(db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;");
    return rc;
}

static int open_read_only(const char *path, sqlite3 **db)
{
    int tables = 0;
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = defend(*db);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK)
        rc = query_int(*db, "SELECT count(*) FROM sqlite_master", &tables);
    if (rc == SQLITE_OK)
        return rc;
    int first = rc;
    if (needs_recovery(path, rc)) {
        /* A writer was killed: its WAL must be replayed, which a read-only connection cannot do.
         * A read-write connection that may not change data does it, as the next writer would. */
        sqlite3_close(*db);
        rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
        int recovered = rc;
        if (recovered == SQLITE_OK)
            recovered = exec_script(*db, "PRAGMA query_only = ON;");
        if (recovered == SQLITE_OK)
            recovered = query_int(*db, "SELECT count(*) FROM sqlite_master", &tables);
        if (recovered == SQLITE_OK)
            return recovered;
    }
    rc = first;
    if (!can_read_immutable(path, rc))
        return rc;
    sqlite3_close(*db);
    char *uri = path_uri(path, "?immutable=1");
    rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc == SQLITE_OK ? defend(*db) : rc;
}

/* Reads the schema version through a read-only connection, so that a journal this gutskin must
 * refuse is never written to, not even by the WAL pragma. */
static int probe_journal(const char *path, struct probe *probe, struct error *err)
{
    sqlite3 *db = NULL;
    int rc = open_read_only(path, &db);
    if (rc == SQLITE_OK)
        rc = query_int(db, "PRAGMA user_version", &probe->version);
    if (rc == SQLITE_OK)
        rc = query_int(db, "SELECT count(*) FROM sqlite_master", &probe->tables);
    int status = rc == SQLITE_OK ? 0 : db_fail(db, path, rc, "open the journal", err);
    sqlite3_close(db);
    return status;
}

static int check_version(const char *path, int version, int tables, enum open_mode mode,
                         struct error *err)
{
    if (version > JOURNAL_SCHEMA_VERSION)
        return error_set(err, ERROR_NEWER,
                         "%s was written by a newer gutskin (schema %d, this one knows %d); "
                         "upgrade gutskin to open it",
                         path, version, JOURNAL_SCHEMA_VERSION);
    if (version < 0 || (version == 0 && tables > 0))
        return error_set(err, ERROR_INPUT, "%s is not a gutskin journal (it holds other data)",
                         path);
    if (version == 0 && mode != OPEN_CREATE)
        return error_set(err, ERROR_INPUT, "%s is not a gutskin journal (it is empty)", path);
    return 0;
}

static void add_warning(struct journal *journal, char *warning)
{
    if (journal->warning == NULL) {
        journal->warning = warning;
        return;
    }
    char *both = xprintf("%s; %s", journal->warning, warning);
    free(journal->warning);
    free(warning);
    journal->warning = both;
}

/* Sets WAL mode and reads back what the file system allowed: some network file systems refuse
 * the shared memory WAL needs, and SQLite then quietly keeps the old mode. */
static int set_wal_mode(struct journal *journal)
{
    sqlite3_stmt *stmt;
    int rc = first_row(journal->db, "PRAGMA journal_mode = WAL", &stmt);
    if (rc == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(stmt, 0);
        if (mode == NULL || strcmp(mode, "wal") != 0)
            add_warning(journal,
                        xprintf("the file system refused WAL mode (the journal runs in %s "
                                "mode): keep the live journal on a local disk, not a network "
                                "or synced folder",
                                mode ? mode : "an unknown"));
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int connect(struct journal *journal, enum open_mode mode, struct error *err)
{
    int rc;
    if (mode == OPEN_READ_ONLY) {
        rc = open_read_only(journal->path, &journal->db);
    } else {
        rc = sqlite3_open_v2(journal->path, &journal->db, SQLITE_OPEN_READWRITE, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_busy_timeout(journal->db, BUSY_TIMEOUT_MS);
    }
    if (rc == SQLITE_OK)
        /* Statement and savepoint journals in memory: a batch (import, merge) saves each day
         * in a savepoint, and on disk those copies cost one write per touched page per day. */
        rc = exec_script(journal->db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
    /* SQLite opens a file it may not write read-only without a word: say so now, not at the
     * first save. */
    if (rc == SQLITE_OK && mode != OPEN_READ_ONLY && sqlite3_db_readonly(journal->db, "main") == 1)
        return error_set(err, ERROR_SYSTEM,
                         "could not open the journal for writing: %s is read-only (reading "
                         "commands such as show and export still work)",
                         journal->path);
    if (rc == SQLITE_OK && mode != OPEN_READ_ONLY)
        rc = set_wal_mode(journal);
    if (rc == SQLITE_OK && mode != OPEN_READ_ONLY)
        rc = exec_script(journal->db, "PRAGMA synchronous = FULL;");
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, "open the journal", err);
    return 0;
}

static int first_text(sqlite3 *db, const char *sql, char **text);

/* --- Backups --------------------------------------------------------------------------------- */

/* Removes what SQLite may have left beside an older copy, so that a stale -journal is never
 * replayed onto the fresh one. A missing file is the usual case, hence no error check. */
static void remove_sidecars(const char *path)
{
    static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *name = xprintf("%s%s", path, suffixes[i]);
        (void)unlink(name);
        free(name);
    }
}

/* Refuses a destination that is not a regular file, or is the journal itself. */
static int check_destination(const char *source_path, const char *destination, struct error *err)
{
    struct stat target;
    if (stat(destination, &target) == 0) {
        if (!S_ISREG(target.st_mode))
            return error_set(err, ERROR_INPUT, "cannot back up to %s: not a regular file",
                             destination);
        if (fileio_same_file(source_path, destination))
            return error_set(err, ERROR_INPUT, "cannot back up %s onto itself", source_path);
    } else if (errno != ENOENT) {
        return error_set(err, ERROR_SYSTEM, "cannot back up to %s: %s", destination,
                         strerror(errno));
    }
    return 0;
}

/* A new private (0600) file beside `destination`, named .NAME.XXXXXX; NULL with `err` set. */
static char *create_temporary_beside(const char *destination, struct error *err)
{
    const char *slash = strrchr(destination, '/');
    char *name =
        slash ? xprintf("%.*s/.%s.XXXXXX", (int)(slash - destination), destination, slash + 1)
              : xprintf(".%s.XXXXXX", destination);
    int fd = mkstemp(name); /* created 0600 */
    if (fd < 0 || close(fd) != 0) {
        error_set(err, ERROR_SYSTEM, "cannot back up to %s: cannot create a file beside it: %s",
                  destination, strerror(errno));
        if (fd >= 0)
            (void)unlink(name);
        free(name);
        return NULL;
    }
    return name;
}

/* Copies through the online backup API in one step, which holds one read snapshot of the
 * source for the whole copy. The copy is then switched to a rollback journal, so that it is one
 * self-contained file that can be read where no -wal or -shm can be made (a read-only disk), and
 * rebuilt with pages of `page_size` bytes when that is not 0 (VACUUM can change the page size of a
 * rollback-journal file only). */
static int copy_database_sized(sqlite3 *source, const char *destination, int page_size,
                               struct error *err)
{
    sqlite3 *copy = NULL;
    sqlite3_backup *backup = NULL;
    int rc = sqlite3_open_v2(destination, &copy, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        backup = sqlite3_backup_init(copy, "main", source, "main");
        if (backup == NULL)
            rc = sqlite3_errcode(copy);
    }
    if (backup != NULL) {
        rc = sqlite3_backup_step(backup, -1);
        int finished = sqlite3_backup_finish(backup);
        rc = rc == SQLITE_DONE ? finished : rc;
    }
    if (rc == SQLITE_OK)
        rc = exec_script(copy, "PRAGMA journal_mode = DELETE;");
    if (rc == SQLITE_OK && page_size > 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA page_size = %d; VACUUM;", page_size);
        rc = exec_script(copy, sql);
    }
    int status = rc == SQLITE_OK ? 0 : db_fail(copy, destination, rc, "copy the journal", err);
    if (sqlite3_close(copy) != SQLITE_OK && status == 0)
        status = db_fail(copy, destination, sqlite3_errcode(copy), "copy the journal", err);
    return status;
}

static int copy_database(sqlite3 *source, const char *destination, struct error *err)
{
    return copy_database_sized(source, destination, 0, err);
}

/* Opens the copy afresh and runs the integrity check on it: a copy counts only once it reads
 * back whole. `name` is the file the person will know it by. */
static int verify_copy(const char *copy_path, const char *name, struct error *err)
{
    sqlite3 *db = NULL;
    char *problem = NULL;
    int rc = sqlite3_open_v2(copy_path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = first_text(db, "PRAGMA integrity_check", &problem);
    int status = 0;
    if (rc != SQLITE_OK)
        status = db_fail(db, name, rc, "check the copy", err);
    else if (problem == NULL || strcmp(problem, "ok") != 0)
        status = error_set(err, ERROR_SYSTEM, "the copy %s did not read back whole: %s", name,
                           problem ? problem : "integrity check gave no answer");
    free(problem);
    sqlite3_close(db);
    return status;
}

/* The copy is written beside the destination under a temporary name, checked, synced, and only
 * then renamed over the destination, whose folder is synced last: until that rename an older
 * file of that name stays exactly as it was, and after it the new copy is whole. */
static int write_backup(sqlite3 *source, const char *source_path, const char *destination,
                        struct error *err)
{
    if (check_destination(source_path, destination, err) != 0)
        return -1;
    char *temporary = create_temporary_beside(destination, err);
    if (temporary == NULL)
        return -1;
    int status = copy_database(source, temporary, err);
    if (status == 0)
        status = verify_copy(temporary, destination, err);
    int code = status == 0 ? fsops_sync_file(temporary) : 0;
    if (code != 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write the copy %s to the disk: %s",
                           destination, strerror(code));
    if (status == 0) {
        remove_sidecars(destination); /* never replayed onto the new copy */
        status = fsops_put_in_place(temporary, destination, err);
    }
    if (status != 0) {
        (void)unlink(temporary);
        remove_sidecars(temporary);
    }
    free(temporary);
    return status;
}

int journal_backup(struct journal *journal, const char *destination, struct error *err)
{
    return write_backup(journal->db, journal->path, destination, err);
}

/* --- Schema versions ------------------------------------------------------------------------- */

/* Runs migrations[first..end) in one write transaction, skipping steps that another gutskin
 * applied while this one waited for the lock. */
static int apply_steps(struct journal *journal, size_t first, size_t end, struct error *err)
{
    const char *what = "upgrade the journal";
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int version = 0;
    int rc = query_int(journal->db, "PRAGMA user_version", &version);
    for (size_t i = first; i < end && rc == SQLITE_OK; i++)
        if (migrations[i].version > version)
            rc = exec_script(journal->db, migrations[i].sql);
    int status = rc == SQLITE_OK ? 0 : journal_fail(journal, rc, what, err);
    return write_end(journal, nested, status, "save the upgraded journal", err);
}

static int backup_before_upgrade(struct journal *journal, int version, struct error *err)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    char *copy = xprintf("%s.v%d-%s.bak", journal->path, version, today);
    int status = write_backup(journal->db, journal->path, copy, err);
    if (status != 0)
        error_prefix(err, "journal not upgraded: ");
    free(copy);
    return status;
}

/* Brings the schema to JOURNAL_SCHEMA_VERSION: a new file in one step without a copy, an older
 * journal step by step after a dated copy. */
static int upgrade(struct journal *journal, enum open_mode mode, struct error *err)
{
    int version = 0, tables = 0;
    int rc = query_int(journal->db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK)
        rc = query_int(journal->db, "SELECT count(*) FROM sqlite_master", &tables);
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, "open the journal", err);
    if (check_version(journal->path, version, tables, mode, err) != 0)
        return -1;
    journal->schema_version = version;
    if (mode == OPEN_READ_ONLY || version == JOURNAL_SCHEMA_VERSION)
        return 0;
    if (version == 0) {
        if (apply_steps(journal, 0, MIGRATION_COUNT, err) != 0)
            return -1;
    } else {
        if (backup_before_upgrade(journal, version, err) != 0)
            return -1;
        for (size_t i = 0; i < MIGRATION_COUNT; i++)
            if (migrations[i].version > version && apply_steps(journal, i, i + 1, err) != 0)
                return -1;
    }
    journal->schema_version = JOURNAL_SCHEMA_VERSION;
    return 0;
}

int journal_check_sqlite(struct error *err)
{
    if (sqlite3_libversion_number() >= JOURNAL_MIN_SQLITE_NUMBER)
        return 0;
    return error_set(err, ERROR_SYSTEM,
                     "SQLite %s is too old: gutskin needs %s or newer (older ones have a "
                     "savepoint bug that can damage a journal); upgrade SQLite",
                     sqlite3_libversion(), JOURNAL_MIN_SQLITE);
}

static struct journal *open_checked(const char *path, enum open_mode mode, struct error *err)
{
    if (journal_check_sqlite(err) != 0)
        return NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        error_set(err, errno == ENOENT ? ERROR_INPUT : ERROR_SYSTEM, "cannot open journal %s: %s",
                  path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, ERROR_INPUT, "cannot open journal %s: not a regular file", path);
        return NULL;
    }
    /* Before a connection that may write (WAL mode, migrations), a separate read-only look makes
     * sure the file is a gutskin journal this gutskin knows. A read-only connection changes
     * nothing, so upgrade() checks the same on it: one open instead of two, which is most of
     * what `gutskin status` costs beyond starting (bench/README.md). */
    struct probe probe = {0, 0};
    if (mode != OPEN_READ_ONLY &&
        (probe_journal(path, &probe, err) != 0 ||
         check_version(path, probe.version, probe.tables, mode, err) != 0))
        return NULL;
    struct journal *journal = xcalloc(1, sizeof *journal);
    journal->path = xstrdup(path);
    journal->warning = permission_warning(path, &st);
    /* SQLite creates the -wal and -shm files as it goes: keep them private too. */
    mode_t saved_umask = umask(077);
    int status = connect(journal, mode, err);
    if (status == 0)
        status = upgrade(journal, mode, err);
    umask(saved_umask);
    if (status != 0) {
        journal_close(journal);
        return NULL;
    }
    return journal;
}

struct journal *journal_open(const char *path, struct error *err)
{
    if (journal_check_sqlite(err) != 0)
        return NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) {
            error_set(err, ERROR_SYSTEM, "cannot open journal %s: %s", path, strerror(errno));
            return NULL;
        }
        if (make_parent_dir(path, err) != 0 || create_private_file(path, err) != 0)
            return NULL;
    }
    return open_checked(path, OPEN_CREATE, err);
}

struct journal *journal_open_existing(const char *path, bool read_only, struct error *err)
{
    return open_checked(path, read_only ? OPEN_READ_ONLY : OPEN_MIGRATE, err);
}

struct journal *journal_open_for_reading(const char *path, struct error *err)
{
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        error_set(err, ERROR_INPUT,
                  "there is no journal yet at %s: start gutskin or use 'gutskin log' to begin one",
                  path);
        return NULL;
    }
    return open_checked(path, OPEN_READ_ONLY, err);
}

void journal_close(struct journal *journal)
{
    if (journal == NULL)
        return;
    for (size_t i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(journal->statements[i]);
    /* close_v2 cannot fail on a valid handle: every statement was finalized above. */
    sqlite3_close_v2(journal->db);
    free(journal->path);
    free(journal->warning);
    free(journal);
}

void journal_set_write_hook(struct journal *journal, journal_write_hook *hook, void *context)
{
    journal->write_hook = hook;
    journal->write_hook_context = context;
    journal->write_hook_day = -1;
}

const char *journal_path(const struct journal *journal)
{
    return journal->path;
}

int journal_schema_version(const struct journal *journal)
{
    return journal->schema_version;
}

const char *journal_warning(const struct journal *journal)
{
    return journal->warning;
}

/* The demo's mark lives in SQLite's application_id header field: no gutskin command lets a
 * person set it, and nothing a person types (a mark's label, a note) can look like it. */
#define JOURNAL_DEMO_APPLICATION_ID 0x47534430 /* "GSD0" */

int journal_set_demo(struct journal *journal, struct error *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", JOURNAL_DEMO_APPLICATION_ID);
    int rc = exec_script(journal->db, sql);
    return rc == SQLITE_OK ? 0 : journal_fail(journal, rc, "mark the demo journal", err);
}

int journal_is_demo(struct journal *journal, bool *demo, struct error *err)
{
    int id = 0;
    int rc = query_int(journal->db, "PRAGMA application_id", &id);
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, "read the journal's header", err);
    *demo = id == JOURNAL_DEMO_APPLICATION_ID;
    return 0;
}

/* --- Saving days ----------------------------------------------------------------------------- */

struct entry_statements {
    enum statement_id upsert;
    enum statement_id count; /* the day's rows */
    enum statement_id bury;  /* the tombstones of the rows prune is about to delete */
    enum statement_id prune;
    const char *kind; /* in deleted_value */
};

static const struct entry_statements reading_statements = {
    ST_READING_UPSERT, ST_READING_COUNT, ST_READING_BURY, ST_READING_PRUNE, "reading"};
static const struct entry_statements food_statements = {ST_FOOD_UPSERT, ST_FOOD_COUNT, ST_FOOD_BURY,
                                                        ST_FOOD_PRUNE, "food"};

/* The time stamped on a save's changes: `now`, or with `keep` (merges) each value's own
 * changed_at when it has one. */
struct stamp {
    int64_t now;
    bool keep;
};

static int64_t stamp_time(const struct stamp *stamp, int64_t own)
{
    return stamp->keep && own > 0 ? own : stamp->now;
}

/* Upserts the entries (a row keeps its changed_at when its value is the same) and deletes the
 * rows of ids the day no longer holds. Returns the number of rows changed, or -1. */
/* The one number a cached query of one day (?1) gives, or -1. */
static int64_t day_number_query(struct journal *journal, enum statement_id id, int day,
                                const char *what, struct error *err)
{
    sqlite3_stmt *stmt = start_query(journal, id, what, err, "D", day);
    if (stmt == NULL)
        return -1;
    int rc = sqlite3_step(stmt);
    int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    return end_query(journal, stmt, rc, what, err) != 0 ? -1 : value;
}

/* Upserts the entries (a row keeps its changed_at when its value is the same) and deletes the
 * rows of ids the day no longer holds, each leaving its tombstone; with `unbury` (the day has
 * tombstones) the entries forget theirs. The day's rows are counted first: when there are no
 * more than the entries, nothing is pruned and the id lists are not run (most saves, and every
 * imported day). Returns the number of rows changed, or -1. */
static int write_entries(struct journal *journal, int day, const struct day_entry *entries,
                         size_t count, const struct entry_statements *statements,
                         const struct stamp *stamp, bool unbury, const char *what,
                         struct error *err)
{
    int changed = 0;
    for (size_t i = 0; i < count; i++) {
        if (!isfinite(entries[i].value))
            return error_set(err, ERROR_INPUT, "could not %s: the value of %s is not a number",
                             what, entries[i].id);
        int rows = run(journal, statements->upsert, what, err, "Dtdi", day, entries[i].id,
                       entries[i].value, stamp_time(stamp, entries[i].changed_at));
        if (rows < 0)
            return -1;
        changed += rows;
    }
    char *kept = entry_ids_join(entries, count, err);
    if (kept == NULL)
        return -1;
    int64_t stored = day_number_query(journal, statements->count, day, what, err);
    int rows = stored < 0 ? -1 : 0;
    if (rows == 0 && unbury)
        rows = run(journal, ST_VALUES_UNBURY, what, err, "Dtt", day, kept, statements->kind);
    /* (A journal of an older schema is only ever open read-only: its save fails anyway.) */
    if (rows >= 0 && stored > (int64_t)count && journal->schema_version >= 7)
        rows = run(journal, statements->bury, what, err, "Dti", day, kept, stamp->now);
    if (rows >= 0 && stored > (int64_t)count)
        rows = run(journal, statements->prune, what, err, "Dt", day, kept);
    free(kept);
    return rows < 0 ? -1 : changed + (stored > (int64_t)count ? rows : 0);
}

static int write_day(struct journal *journal, const struct day *day, const struct stamp *stamp,
                     const char *what, struct error *err)
{
    const char *note = (day->note != NULL && day->note[0] != '\0') ? day->note : NULL;
    int64_t buried = journal->schema_version < 7
                         ? 0
                         : day_number_query(journal, ST_VALUES_BURIED, day->day_number, what, err);
    if (buried < 0)
        return -1;
    int rows = 0;
    if (note == NULL && journal->schema_version >= 7)
        rows = run(journal, ST_NOTE_BURY, what, err, "Di", day->day_number, stamp->now);
    else if (note != NULL && buried > 0)
        rows = run(journal, ST_VALUE_UNBURY, what, err, "Dtt", day->day_number, "note", "");
    if (rows < 0)
        return -1;
    int changed = run(journal, ST_DAY_UPSERT, what, err, "Dtii", day->day_number, note, stamp->now,
                      stamp_time(stamp, day->note_changed_at));
    if (changed < 0 || run(journal, ST_TOMBSTONE_CLEAR, what, err, "D", day->day_number) < 0)
        return -1;
    rows = write_entries(journal, day->day_number, day->readings, day->reading_count,
                         &reading_statements, stamp, buried > 0, what, err);
    if (rows < 0)
        return -1;
    changed += rows;
    rows = write_entries(journal, day->day_number, day->foods, day->food_count, &food_statements,
                         stamp, buried > 0, what, err);
    if (rows < 0)
        return -1;
    changed += rows;
    if (changed > 0 && run(journal, ST_DAY_TOUCH, what, err, "Di", day->day_number, stamp->now) < 0)
        return -1;
    return 0;
}

/* Deleting the day row removes its readings and foods through ON DELETE CASCADE. */
/* Deletes a day and leaves its tombstone: stamped now when a day was there to delete, or at
 * `deleted_at` (a deletion a merge brings from another journal) whether or not it was. */
static int remove_day_at(struct journal *journal, int day, int64_t deleted_at, const char *what,
                         struct error *err)
{
    int rows = run(journal, ST_DAY_DELETE, what, err, "D", day);
    if (rows < 0)
        return -1;
    if (deleted_at == 0 && rows == 0)
        return 0;
    int64_t when = deleted_at != 0 ? deleted_at : journal_now();
    return run(journal, ST_TOMBSTONE_ADD, what, err, "Di", day, when) < 0 ? -1 : 0;
}

static int remove_day(struct journal *journal, int day, const char *what, struct error *err)
{
    return remove_day_at(journal, day, 0, what, err);
}

static int save_day(struct journal *journal, const struct day *day, bool keep_times,
                    struct error *err)
{
    if (check_day(day->day_number, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "save", day->day_number);
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    struct stamp stamp = {journal_now(), keep_times};
    int status = day_is_empty(day) ? remove_day(journal, day->day_number, what, err)
                                   : write_day(journal, day, &stamp, what, err);
    return write_end(journal, nested, status, what, err);
}

int journal_save_day(struct journal *journal, const struct day *day, struct error *err)
{
    return save_day(journal, day, false, err);
}

int journal_save_day_with_times(struct journal *journal, const struct day *day, struct error *err)
{
    return save_day(journal, day, true, err);
}

static int delete_day(struct journal *journal, int day, int64_t deleted_at, struct error *err)
{
    if (check_day(day, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "save the removal of", day);
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int status = remove_day_at(journal, day, deleted_at, what, err);
    return write_end(journal, nested, status, what, err);
}

int journal_delete_day(struct journal *journal, int day_number, struct error *err)
{
    return delete_day(journal, day_number, 0, err);
}

/* --- Reading days ---------------------------------------------------------------------------- */

enum { WALK_DAYS, WALK_READINGS, WALK_FOODS, WALK_COUNT };

static const enum statement_id walk_statement_ids[WALK_COUNT] = {ST_DAYS_RANGE, ST_READINGS_RANGE,
                                                                 ST_FOODS_RANGE};

static const char *column_string(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    return text ? (const char *)text : "";
}

/* The day of a stored date; DATE_NONE for NULL or a text that is not a date (a file written by
 * another program: `check` and merge's checks name such values). */
static int column_day(sqlite3_stmt *stmt, int column)
{
    int day;
    return date_parse(column_string(stmt, column), &day) ? day : DATE_NONE;
}

/* Keeps one tombstone row, of a stored date that is a date, in the list behind `list`. */
typedef void tombstone_taker(sqlite3_stmt *stmt, int day_number, void *list);

/* Reads every row of a tombstone table through `take`. A read-only journal older than schema
 * `since` has none; a row whose stored date is not a date is left out (journal_check_dates()
 * names it). */
static int read_tombstones(struct journal *journal, enum statement_id id, int since,
                           const char *what, tombstone_taker *take, void *list, struct error *err)
{
    if (journal->schema_version < since)
        return 0;
    sqlite3_stmt *stmt = start_query(journal, id, what, err, "");
    if (stmt == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int day = column_day(stmt, 0);
        if (day != DATE_NONE)
            take(stmt, day, list);
    }
    return end_query(journal, stmt, rc, what, err);
}

static bool step_failed(int rc)
{
    return rc != SQLITE_ROW && rc != SQLITE_DONE;
}

static struct day_entry *find_entry(struct day_entry *entries, size_t count, const char *id)
{
    /* Rows arrive sorted by id, so the entry just added is usually the last one. */
    if (count > 0 && strcmp(entries[count - 1].id, id) == 0)
        return &entries[count - 1];
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].id, id) == 0)
            return &entries[i];
    return NULL;
}

/* What a walk of the days does with each row: build a struct day and visit it
 * (journal_each_day), or hand each value on as it comes (journal_each_value). */
struct walk_sink {
    void (*day_row)(struct walk_sink *sink, sqlite3_stmt *stmt, int day_number);
    void (*entry_row)(struct walk_sink *sink, bool food, sqlite3_stmt *stmt);
    int (*day_end)(struct walk_sink *sink); /* a non-zero return stops the walk */
    bool skip;                              /* the day is no date: its rows go nowhere */
};

struct day_sink {
    struct walk_sink sink; /* first, so that a walk_sink pointer is one to its day_sink */
    struct day *day;
    journal_day_visitor *visit;
    void *context;
};

static void day_sink_day(struct walk_sink *sink, sqlite3_stmt *stmt, int day_number)
{
    struct day *day = ((struct day_sink *)sink)->day;
    day_release(day);
    day_init(day, day_number);
    if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
        day_set_note(day, column_string(stmt, 1));
    day->note_changed_at = sqlite3_column_int64(stmt, 2);
}

static void day_sink_entry(struct walk_sink *sink, bool food, sqlite3_stmt *stmt)
{
    struct day *day = ((struct day_sink *)sink)->day;
    const char *id = column_string(stmt, 1);
    struct day_entry *entry;
    if (food) {
        day_set_food(day, id, sqlite3_column_double(stmt, 2));
        entry = find_entry(day->foods, day->food_count, id);
    } else {
        day_set_reading(day, id, sqlite3_column_double(stmt, 2));
        entry = find_entry(day->readings, day->reading_count, id);
    }
    if (entry != NULL)
        entry->changed_at = sqlite3_column_int64(stmt, 3);
}

static int day_sink_end(struct walk_sink *sink)
{
    struct day_sink *days = (struct day_sink *)sink;
    return days->visit(days->day, days->context);
}

/* Adds the rows of `stmt` dated `date` (the day's stored text) to the sink, `rc` being the
 * current step result. Rows of earlier dates (left by a tool that wrote with foreign keys off)
 * are skipped. */
static int take_entries(sqlite3_stmt *stmt, int rc, const char *date, struct walk_sink *sink,
                        bool food)
{
    while (rc == SQLITE_ROW) {
        int order = strcmp(column_string(stmt, 0), date);
        if (order > 0)
            break;
        if (order == 0 && !sink->skip)
            sink->entry_row(sink, food, stmt);
        rc = sqlite3_step(stmt);
    }
    return rc;
}

/* Walks the days, readings and foods queries in step: three ordered scans instead of one query
 * per day, which keeps a ten-year walk fast. */
static int walk_days(struct journal *journal, sqlite3_stmt *const walk[WALK_COUNT],
                     struct walk_sink *sink, const char *what, struct error *err)
{
    int readings = sqlite3_step(walk[WALK_READINGS]);
    int foods = sqlite3_step(walk[WALK_FOODS]);
    int days = SQLITE_DONE, result = 0;
    while (!step_failed(readings) && !step_failed(foods) &&
           (days = sqlite3_step(walk[WALK_DAYS])) == SQLITE_ROW) {
        int day_number = column_day(walk[WALK_DAYS], 0);
        /* not a date: journal_check_dates() names it */
        sink->skip = day_number == DATE_NONE;
        if (!sink->skip)
            sink->day_row(sink, walk[WALK_DAYS], day_number);
        /* The day row's text stays valid until its statement steps again. */
        const char *date = column_string(walk[WALK_DAYS], 0);
        readings = take_entries(walk[WALK_READINGS], readings, date, sink, false);
        foods = take_entries(walk[WALK_FOODS], foods, date, sink, true);
        if (step_failed(readings) || step_failed(foods))
            break;
        if (sink->skip)
            continue;
        result = sink->day_end(sink);
        if (result != 0)
            return result;
    }
    int rc = step_failed(days) ? days : step_failed(readings) ? readings : foods;
    return step_failed(rc) ? journal_fail(journal, rc, what, err) : 0;
}

/* bind_list() over arguments of its own, for statements that are not the cached ones. */
static int bind_values(sqlite3_stmt *stmt, const char *types, ...)
{
    va_list args;
    va_start(args, types);
    int rc = bind_list(stmt, types, args);
    va_end(args);
    return rc;
}

static int read_days(struct journal *journal, sqlite3_stmt *const walk[WALK_COUNT], int from,
                     int to, struct walk_sink *sink, const char *what, struct error *err)
{
    int rc = SQLITE_OK;
    for (int i = 0; i < WALK_COUNT && rc == SQLITE_OK; i++) {
        sqlite3_reset(walk[i]);
        rc = bind_values(walk[i], "FU", from, to);
    }
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, what, err);
    if (read_begin(journal, what, err) != 0)
        return -1;
    int result = walk_days(journal, walk, sink, what, err);
    for (int i = 0; i < WALK_COUNT; i++)
        sqlite3_reset(walk[i]);
    return read_end(journal, result, what, err);
}

static int note_found(const struct day *day, void *context)
{
    (void)day;
    *(int *)context = 1;
    return 0;
}

int journal_load_day(struct journal *journal, int day_number, struct day *day, struct error *err)
{
    day_release(day);
    day_init(day, day_number);
    if (check_day(day_number, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "load", day_number);
    sqlite3_stmt *walk[WALK_COUNT];
    for (int i = 0; i < WALK_COUNT; i++)
        if ((walk[i] = cached_statement(journal, walk_statement_ids[i], what, err)) == NULL)
            return -1;
    int found = 0;
    struct day_sink sink = {
        {day_sink_day, day_sink_entry, day_sink_end, false}, day, note_found, &found};
    if (read_days(journal, walk, day_number, day_number, &sink.sink, what, err) != 0)
        return -1;
    return found;
}

/* Uses statements of its own rather than the cached ones, so that a visitor may load days. */
static int walk_own_statements(struct journal *journal, int from, int to, struct walk_sink *sink,
                               struct error *err)
{
    const char *what = "read the journal";
    if (check_range(from, to, err) != 0)
        return -1;
    sqlite3_stmt *walk[WALK_COUNT] = {NULL, NULL, NULL};
    int rc = SQLITE_OK;
    for (int i = 0; i < WALK_COUNT && rc == SQLITE_OK; i++)
        rc = sqlite3_prepare_v2(journal->db, statement_sql[walk_statement_ids[i]], -1, &walk[i],
                                NULL);
    int result = rc != SQLITE_OK ? journal_fail(journal, rc, what, err)
                                 : read_days(journal, walk, from, to, sink, what, err);
    for (int i = 0; i < WALK_COUNT; i++)
        sqlite3_finalize(walk[i]);
    return result;
}

int journal_each_day(struct journal *journal, int from, int to, journal_day_visitor *visit,
                     void *context, struct error *err)
{
    struct day day;
    day_init(&day, DATE_NONE);
    struct day_sink sink = {
        {day_sink_day, day_sink_entry, day_sink_end, false}, &day, visit, context};
    int result = walk_own_statements(journal, from, to, &sink.sink, err);
    day_release(&day);
    return result;
}

struct value_sink {
    struct walk_sink sink; /* first, as in struct day_sink */
    const struct journal_value_visitor *visit;
};

static void value_sink_day(struct walk_sink *sink, sqlite3_stmt *stmt, int day_number)
{
    (void)stmt;
    const struct journal_value_visitor *visit = ((struct value_sink *)sink)->visit;
    visit->day(visit->context, day_number);
}

static void value_sink_entry(struct walk_sink *sink, bool food, sqlite3_stmt *stmt)
{
    const struct journal_value_visitor *visit = ((struct value_sink *)sink)->visit;
    (food ? visit->food : visit->reading)(visit->context, column_string(stmt, 1),
                                          sqlite3_column_double(stmt, 2));
}

static int value_sink_end(struct walk_sink *sink)
{
    (void)sink;
    return 0;
}

int journal_each_value(struct journal *journal, int from, int to,
                       const struct journal_value_visitor *visit, struct error *err)
{
    struct value_sink sink = {{value_sink_day, value_sink_entry, value_sink_end, false}, visit};
    return walk_own_statements(journal, from, to, &sink.sink, err);
}

/* The notes alone: the day rows' query without the readings and foods, which a walk of whole
 * days would read and throw away (the report's Notes section took as long as its statistics'
 * reading of the journal). Same days, same order and same text as journal_each_day(). */
static int walk_notes(struct journal *journal, sqlite3_stmt *stmt, journal_note_visitor *visit,
                      void *context, const char *what, struct error *err)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int day_number = column_day(stmt, 0);
        const char *note = column_string(stmt, 1);
        if (day_number == DATE_NONE || note[0] == '\0')
            continue; /* not a date: journal_check_dates() names it */
        int result = visit(day_number, note, context);
        if (result != 0)
            return result;
    }
    return rc == SQLITE_DONE ? 0 : journal_fail(journal, rc, what, err);
}

int journal_each_note(struct journal *journal, int from, int to, journal_note_visitor *visit,
                      void *context, struct error *err)
{
    const char *what = "read the notes";
    if (check_range(from, to, err) != 0)
        return -1;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(journal->db, statement_sql[ST_NOTES_RANGE], -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = bind_values(stmt, "FU", from, to);
    int result;
    if (rc != SQLITE_OK) {
        result = journal_fail(journal, rc, what, err);
    } else if (read_begin(journal, what, err) != 0) {
        result = -1;
    } else {
        result = walk_notes(journal, stmt, visit, context, what, err);
        sqlite3_reset(stmt);
        result = read_end(journal, result, what, err);
    }
    sqlite3_finalize(stmt);
    return result;
}

int journal_list_days(struct journal *journal, int from, int to, int **days, size_t *count,
                      struct error *err)
{
    const char *what = "list the saved days";
    *days = NULL;
    *count = 0;
    if (check_range(from, to, err) != 0)
        return -1;
    sqlite3_stmt *stmt = start_query(journal, ST_LIST_DATES, what, err, "FU", from, to);
    if (stmt == NULL)
        return -1;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int day = column_day(stmt, 0);
        if (day == DATE_NONE)
            continue; /* not a date: journal_check_dates() names it */
        xgrow(days, &capacity, *count + 1, sizeof **days);
        (*days)[(*count)++] = day;
    }
    return end_query(journal, stmt, rc, what, err);
}

int journal_day_span(struct journal *journal, int *first, int *last, struct error *err)
{
    const char *what = "read the saved dates";
    *first = *last = DATE_NONE;
    /* Within the calendar, so that a year-999 text another program stored is not the span's end
     * (the table's CHECK lets only real dates in, years 0000 to 9999). */
    sqlite3_stmt *stmt =
        start_query(journal, ST_DATE_SPAN, what, err, "DD", date_from_parts(DATE_FIRST_YEAR, 1, 1),
                    date_from_parts(DATE_LAST_YEAR, 12, 31));
    if (stmt == NULL)
        return -1;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *first = column_day(stmt, 0);
        *last = column_day(stmt, 1);
    }
    return end_query(journal, stmt, rc, what, err);
}

int journal_count_days(struct journal *journal, int from, int to, size_t *count, struct error *err)
{
    const char *what = "count the saved days";
    *count = 0;
    if (check_range(from, to, err) != 0)
        return -1;
    sqlite3_stmt *stmt = start_query(journal, ST_COUNT_DAYS, what, err, "FU", from, to);
    if (stmt == NULL)
        return -1;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(stmt, 0);
    return end_query(journal, stmt, rc, what, err);
}

/* --- Series ---------------------------------------------------------------------------------- */

void journal_series_init(struct journal_series *series)
{
    series->points = NULL;
    series->count = 0;
    series->capacity = 0;
}

void journal_series_release(struct journal_series *series)
{
    free(series->points);
    journal_series_init(series);
}

static void append_point(struct journal_series *series, sqlite3_stmt *stmt)
{
    xgrow(&series->points, &series->capacity, series->count + 1, sizeof *series->points);
    struct journal_point *point = &series->points[series->count++];
    point->day = column_day(stmt, 0);
    point->mean = sqlite3_column_double(stmt, 1);
    point->min = sqlite3_column_double(stmt, 2);
    point->max = sqlite3_column_double(stmt, 3);
    point->count = sqlite3_column_int(stmt, 4);
}

int journal_read_series(struct journal *journal, const struct journal_series_query *query,
                        struct journal_series *series, struct error *err)
{
    const char *what = "read a series";
    series->count = 0;
    if (check_range(query->from, query->to, err) != 0)
        return -1;
    size_t id_count = query->id_count;
    if (query->kind == JOURNAL_SERIES_METRIC) {
        if (id_count == 0)
            return error_set(err, ERROR_INPUT, "cannot read a series: no metric given");
        id_count = 1;
    }
    char *ids = ids_join(query->ids, id_count, err);
    if (ids == NULL)
        return -1;
    enum statement_id id =
        query->kind == JOURNAL_SERIES_FOOD_SERVINGS ? ST_SERIES_FOODS : ST_SERIES_READINGS;
    sqlite3_stmt *stmt = start_query(journal, id, what, err, "tFUi", ids, query->from, query->to,
                                     (int64_t)query->grouping);
    free(ids);
    if (stmt == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        append_point(series, stmt);
    return end_query(journal, stmt, rc, what, err);
}

/* --- Marks ----------------------------------------------------------------------------------- */

void journal_mark_list_init(struct journal_mark_list *marks)
{
    marks->items = NULL;
    marks->count = 0;
    marks->capacity = 0;
}

void journal_mark_list_release(struct journal_mark_list *marks)
{
    for (size_t i = 0; i < marks->count; i++)
        free(marks->items[i].label);
    free(marks->items);
    journal_mark_list_init(marks);
}

/* Adds a mark changed at `changed_at`, and forgets a removal of the same day and label. */
static int add_mark(struct journal *journal, int day_number, const char *label, int64_t changed_at,
                    struct error *err)
{
    if (check_day(day_number, err) != 0)
        return -1;
    const char *what = "save the mark";
    label = label ? label : "";
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int status = run(journal, ST_MARK_ADD, what, err, "Dti", day_number, label, changed_at) < 0 ||
                         run(journal, ST_MARK_TOMBSTONE_CLEAR, what, err, "Dt", day_number,
                             label) < 0
                     ? -1
                     : 0;
    return write_end(journal, nested, status, what, err);
}

int journal_add_mark(struct journal *journal, int day_number, const char *label, struct error *err)
{
    return add_mark(journal, day_number, label, journal_now(), err);
}

int journal_add_mark_with_time(struct journal *journal, int day_number, const char *label,
                               int64_t changed_at, struct error *err)
{
    return add_mark(journal, day_number, label, changed_at > 0 ? changed_at : journal_now(), err);
}

int journal_delete_mark(struct journal *journal, int64_t id, struct error *err)
{
    const char *what = "save the removal of a mark";
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int rows = journal->schema_version < 6
                   ? 0 /* read-only: the delete below fails as it should */
                   : run(journal, ST_MARK_TOMBSTONE_OF_ID, what, err, "ii", id, journal_now());
    if (rows >= 0)
        rows = run(journal, ST_MARK_DELETE, what, err, "i", id);
    if (rows == 0)
        error_set(err, ERROR_INPUT, "cannot delete mark %lld: there is no such mark",
                  (long long)id);
    return write_end(journal, nested, rows > 0 ? 0 : -1, what, err);
}

int journal_apply_mark_deletion(struct journal *journal, int day_number, const char *label,
                                int64_t deleted_at, struct error *err)
{
    const char *what = "save the removal of a mark";
    if (check_day(day_number, err) != 0)
        return -1;
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int status = run(journal, ST_MARK_DELETE_LABELLED, what, err, "Dt", day_number, label) < 0 ||
                         run(journal, ST_MARK_TOMBSTONE_ADD, what, err, "Dti", day_number, label,
                             deleted_at > 0 ? deleted_at : 1) < 0
                     ? -1
                     : 0;
    return write_end(journal, nested, status, what, err);
}

int journal_list_marks(struct journal *journal, struct journal_mark_list *marks, struct error *err)
{
    const char *what = "list the marks";
    journal_mark_list_release(marks);
    if (journal->schema_version < 2)
        return 0; /* a read-only journal from before marks existed has none */
    sqlite3_stmt *stmt = start_query(journal, ST_MARK_LIST, what, err, "");
    if (stmt == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int day = column_day(stmt, 1);
        if (day == DATE_NONE)
            continue; /* journal_check_dates() names it */
        xgrow(&marks->items, &marks->capacity, marks->count + 1, sizeof *marks->items);
        struct journal_mark *mark = &marks->items[marks->count++];
        mark->id = sqlite3_column_int64(stmt, 0);
        mark->day_number = day;
        mark->label = xstrdup(column_string(stmt, 2));
        mark->changed_at = sqlite3_column_int64(stmt, 3);
    }
    return end_query(journal, stmt, rc, what, err);
}

void journal_mark_deletion_list_init(struct journal_mark_deletion_list *list)
{
    memset(list, 0, sizeof *list);
}

void journal_mark_deletion_list_release(struct journal_mark_deletion_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].label);
    free(list->items);
    journal_mark_deletion_list_init(list);
}

static void take_mark_deletion(sqlite3_stmt *stmt, int day_number, void *context)
{
    struct journal_mark_deletion_list *list = context;
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    struct journal_mark_deletion *item = &list->items[list->count++];
    item->day_number = day_number;
    item->label = xstrdup(column_string(stmt, 1));
    item->deleted_at = sqlite3_column_int64(stmt, 2);
}

int journal_list_mark_deletions(struct journal *journal, struct journal_mark_deletion_list *list,
                                struct error *err)
{
    journal_mark_deletion_list_release(list);
    return read_tombstones(journal, ST_MARK_TOMBSTONE_LIST, 6, "list the removed marks",
                           take_mark_deletion, list, err);
}

/* --- Experiments ----------------------------------------------------------------------------- */

int journal_add_experiment(struct journal *journal, struct experiment_plan *plan, struct error *err)
{
    int rows = run(journal, ST_EXPERIMENT_ADD, "save the experiment", err, "ttttiiiDii",
                   experiment_change_kind_word(plan->change_kind), plan->change_id,
                   experiment_outcome_kind_word(plan->outcome_kind), plan->outcome_id,
                   (int64_t)plan->pairs, (int64_t)plan->period_days, (int64_t)plan->washout_days,
                   plan->start_day, (int64_t)plan->seed, journal_now());
    if (rows < 0)
        return -1;
    plan->id = sqlite3_last_insert_rowid(journal->db);
    plan->stopped_day = -1;
    return 0;
}

/* One row of ST_EXPERIMENT_LIST; false when a value is not one gutskin writes. */
static bool read_experiment(sqlite3_stmt *stmt, struct experiment_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    plan->id = sqlite3_column_int64(stmt, 0);
    const char *change_id = column_string(stmt, 2), *outcome_id = column_string(stmt, 4);
    if (!experiment_change_kind_of(column_string(stmt, 1), &plan->change_kind) ||
        !experiment_outcome_kind_of(column_string(stmt, 3), &plan->outcome_kind) ||
        strlen(change_id) >= sizeof plan->change_id ||
        strlen(outcome_id) >= sizeof plan->outcome_id)
        return false;
    snprintf(plan->change_id, sizeof plan->change_id, "%s", change_id);
    snprintf(plan->outcome_id, sizeof plan->outcome_id, "%s", outcome_id);
    plan->pairs = sqlite3_column_int(stmt, 5);
    plan->period_days = sqlite3_column_int(stmt, 6);
    plan->washout_days = sqlite3_column_int(stmt, 7);
    plan->seed = (uint64_t)sqlite3_column_int64(stmt, 9);
    plan->stopped_day = -1;
    plan->start_day = column_day(stmt, 8);
    if (plan->start_day == DATE_NONE || experiment_check_plan(plan, NULL) != 0)
        return false;
    if (sqlite3_column_type(stmt, 10) == SQLITE_NULL)
        return true;
    plan->stopped_day = column_day(stmt, 10);
    return plan->stopped_day != DATE_NONE;
}

int journal_list_experiments(struct journal *journal, struct experiment_plan **plans, size_t *count,
                             struct error *err)
{
    const char *what = "list the experiments";
    *plans = NULL;
    *count = 0;
    if (journal->schema_version < 5)
        return 0; /* a read-only journal from before experiments existed has none */
    sqlite3_stmt *stmt = start_query(journal, ST_EXPERIMENT_LIST, what, err, "");
    if (stmt == NULL)
        return -1;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        xgrow(plans, &capacity, *count + 1, sizeof **plans);
        if (read_experiment(stmt, &(*plans)[*count]))
            ++*count; /* a row no gutskin wrote is skipped, not fatal */
    }
    return end_query(journal, stmt, rc, what, err);
}

int journal_stop_experiment(struct journal *journal, int64_t id, int day_number, struct error *err)
{
    int rows = run(journal, ST_EXPERIMENT_STOP, "save the end of the experiment", err, "iDi", id,
                   day_number, journal_now());
    if (rows < 0)
        return -1;
    if (rows == 0)
        return error_set(err, ERROR_INPUT, "cannot stop experiment %lld: it is not running",
                         (long long)id);
    return 0;
}

int journal_stop_experiment_earlier(struct journal *journal, int64_t id, int day_number,
                                    struct error *err)
{
    return run(journal, ST_EXPERIMENT_STOP_EARLIER, "save the end of the experiment", err, "iDi",
               id, day_number, journal_now()) < 0
               ? -1
               : 0;
}

int journal_check_experiments(struct journal *journal, struct strlist *problems, struct error *err)
{
    const char *what = "check the experiments";
    if (journal->schema_version < 5)
        return 0;
    sqlite3_stmt *stmt = start_query(journal, ST_EXPERIMENT_LIST, what, err, "");
    if (stmt == NULL)
        return -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct experiment_plan plan;
        if (!read_experiment(stmt, &plan))
            strlist_pushf(problems,
                          "experiment %lld: the plan is not one gutskin writes (its change, "
                          "outcome, numbers or dates cannot be read)",
                          (long long)sqlite3_column_int64(stmt, 0));
    }
    return end_query(journal, stmt, rc, what, err);
}

/* --- Whole-journal operations ---------------------------------------------------------------- */

int journal_in_transaction(struct journal *journal, journal_transaction_fn *fn, void *context,
                           struct error *err)
{
    bool nested;
    if (write_begin(journal, &nested, "start a batch of changes", err) != 0)
        return -1;
    int status = fn(journal, context, err);
    if (status != 0 && err != NULL && err->kind == ERROR_NONE)
        error_set(err, ERROR_INPUT, "changes to %s were cancelled", journal->path);
    return write_end(journal, nested, status, "save the batch of changes", err);
}

/* The first column of the first row of fixed SQL, copied (caller frees); NULL when no row. */
static int first_text(sqlite3 *db, const char *sql, char **text)
{
    sqlite3_stmt *stmt;
    int rc = first_row(db, sql, &stmt);
    *text = rc == SQLITE_ROW ? xstrdup(column_string(stmt, 0)) : NULL;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* integrity_check covers the file's structure; foreign_key_check catches readings or foods
 * whose day is gone, which integrity_check does not look at. */
int journal_check_integrity(struct journal *journal, struct error *err)
{
    const char *what = "check the journal";
    char *problem = NULL;
    int rc = first_text(journal->db, "PRAGMA integrity_check", &problem);
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, what, err);
    int status = 0;
    if (problem == NULL || strcmp(problem, "ok") != 0)
        status = error_set(err, ERROR_INPUT, "journal %s is damaged: %s", journal->path,
                           problem ? problem : "integrity check gave no answer");
    free(problem);
    if (status != 0)
        return status;
    rc = first_text(journal->db, "PRAGMA foreign_key_check", &problem);
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, what, err);
    if (problem != NULL)
        status = error_set(err, ERROR_INPUT,
                           "journal %s is damaged: table %s has rows for a day that is not saved",
                           journal->path, problem);
    free(problem);
    return status;
}

/* --- Snapshots, load-change-save, merges and freshness ------------------------------------- */

int journal_read_snapshot(struct journal *journal, journal_transaction_fn *fn, void *context,
                          struct error *err)
{
    if (!sqlite3_get_autocommit(journal->db))
        return fn(journal, context, err); /* already inside one transaction */
    const char *what = "read the journal";
    if (run(journal, ST_BEGIN_SNAPSHOT, what, err, "") < 0)
        return -1;
    int status = fn(journal, context, err);
    /* Ending a read transaction cannot lose anything; a failure here only repeats one above. */
    if (run(journal, status == 0 ? ST_COMMIT : ST_ROLLBACK, what, status == 0 ? err : NULL, "") <
            0 &&
        status == 0)
        status = -1;
    return status;
}

/* Writes `day` over its date (an empty day removes the date), inside the caller's transaction. */
static int put_day(struct journal *journal, const struct day *day, const char *what,
                   struct error *err)
{
    struct stamp stamp = {journal_now(), false};
    return day_is_empty(day) ? remove_day(journal, day->day_number, what, err)
                             : write_day(journal, day, &stamp, what, err);
}

int journal_update_day(struct journal *journal, int day_number, journal_day_change_fn *change,
                       void *context, struct error *err)
{
    if (check_day(day_number, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "save", day_number);
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    struct day day;
    day_init(&day, day_number);
    int status = journal_load_day(journal, day_number, &day, err) < 0 ? -1 : 0;
    if (status == 0)
        status = change(&day, context, err);
    if (status == 0)
        status = put_day(journal, &day, what, err);
    day_release(&day);
    return write_end(journal, nested, status, what, err);
}

int journal_merge_day(struct journal *journal, const struct day *base, const struct day *mine,
                      enum day_merge_choice choice, struct day_conflicts *conflicts,
                      struct error *err)
{
    if (check_day(mine->day_number, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "save", mine->day_number);
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    struct day theirs, merged;
    day_init(&theirs, mine->day_number);
    day_init(&merged, mine->day_number);
    int status = journal_load_day(journal, mine->day_number, &theirs, err) < 0 ? -1 : 0;
    size_t conflict_count = 0;
    if (status == 0)
        conflict_count = day_merge(base, mine, &theirs, choice, &merged, conflicts);
    bool asking = conflict_count > 0 && choice == DAY_MERGE_ASK;
    if (status == 0 && !asking)
        status = put_day(journal, &merged, what, err);
    day_release(&theirs);
    day_release(&merged);
    if (asking) {
        /* Nothing was written: end the transaction without an error. */
        write_abandon(journal, nested);
        return 1;
    }
    return write_end(journal, nested, status, what, err);
}

bool journal_is_stale(struct journal *journal, uint64_t *seen)
{
    uint64_t now = journal_freshness(journal);
    if (*seen == now)
        return false;
    *seen = now;
    return true;
}

uint64_t journal_freshness(struct journal *journal)
{
    int64_t data_version = journal->seen_data_version;
    sqlite3_stmt *stmt = start_query(journal, ST_DATA_VERSION, "check for changes", NULL, "");
    if (stmt != NULL) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            data_version = sqlite3_column_int64(stmt, 0);
        sqlite3_reset(stmt);
    }
    int64_t own_changes = sqlite3_total_changes64(journal->db);
    if (journal->freshness == 0 || data_version != journal->seen_data_version ||
        own_changes != journal->seen_own_changes) {
        journal->seen_data_version = data_version;
        journal->seen_own_changes = own_changes;
        journal->freshness++;
    }
    return journal->freshness;
}

int journal_last_change(struct journal *journal, int64_t *when, struct error *err)
{
    sqlite3_stmt *stmt;
    int rc = first_row(journal->db,
                       "SELECT max(coalesce(max(changed_at), 0), coalesce(max(note_changed_at), 0))"
                       " FROM day",
                       &stmt);
    *when = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : journal_fail(journal, rc, "read the journal", err);
}

/* Steps the backup to the end, waiting (as the busy timeout would) while another connection
 * holds the lock it needs. */
static int backup_run(sqlite3_backup *backup)
{
    int rc, waited = 0;
    while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (waited >= BUSY_TIMEOUT_MS)
            break;
        sqlite3_sleep(50);
        waited += 50;
    }
    return rc;
}

/* Puts every page of `from` into the journal through the online backup API. */
static int restore_pages(struct journal *journal, sqlite3 *from, struct error *err)
{
    const char *what = "restore the journal";
    /* Cached statements would keep the journal busy for the backup. */
    for (size_t i = 0; i < ST_COUNT; i++)
        sqlite3_reset(journal->statements[i]);
    sqlite3_backup *backup = sqlite3_backup_init(journal->db, "main", from, "main");
    if (backup == NULL)
        return journal_fail(journal, sqlite3_errcode(journal->db), what, err);
    int rc = backup_run(backup);
    int finished = sqlite3_backup_finish(backup);
    rc = rc == SQLITE_DONE ? finished : rc;
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, what, err);
    return 0;
}

/* A journal in WAL mode keeps its page size, and SQLite's backup into it from a file with
 * another page size (made by another SQLite build, or changed by hand) fails as "read-only". Such
 * a file is first copied beside the journal with the journal's page size, and restored from
 * that copy; the file given is only read. */
static int restore_resized(struct journal *journal, struct journal *source, int page_size,
                           int source_page_size, struct error *err)
{
    char *temporary = create_temporary_beside(journal->path, err);
    if (temporary == NULL) {
        error_prefix(err, "cannot restore %s (pages of %d bytes, the journal's %d): ", source->path,
                     source_page_size, page_size);
        return -1;
    }
    int status = copy_database_sized(source->db, temporary, page_size, err);
    sqlite3 *copy = NULL;
    if (status == 0) {
        int rc = sqlite3_open_v2(temporary, &copy, SQLITE_OPEN_READONLY, NULL);
        status = rc == SQLITE_OK ? restore_pages(journal, copy, err)
                                 : db_fail(copy, temporary, rc, "read the resized copy", err);
    } else {
        error_prefix(err,
                     "cannot restore %s: its pages are %d bytes, the journal's %d, and a copy "
                     "with the journal's could not be made beside it: ",
                     source->path, source_page_size, page_size);
    }
    sqlite3_close(copy);
    (void)unlink(temporary);
    remove_sidecars(temporary);
    free(temporary);
    return status;
}

int journal_restore_from(struct journal *journal, struct journal *source, struct error *err)
{
    if (source->schema_version != journal->schema_version)
        return error_set(err, ERROR_INPUT, "cannot restore %s: its schema is %d, the journal's %d",
                         source->path, source->schema_version, journal->schema_version);
    int page_size = 0, source_page_size = 0;
    int rc = query_int(journal->db, "PRAGMA page_size", &page_size);
    if (rc == SQLITE_OK)
        rc = query_int(source->db, "PRAGMA page_size", &source_page_size);
    if (rc != SQLITE_OK)
        return journal_fail(journal, rc, "read the page sizes before a restore", err);
    if (source_page_size != page_size)
        return restore_resized(journal, source, page_size, source_page_size, err);
    return restore_pages(journal, source->db, err);
}

/* --- Tombstones ------------------------------------------------------------------------------ */

void journal_deletion_list_init(struct journal_deletion_list *list)
{
    memset(list, 0, sizeof *list);
}

void journal_deletion_list_release(struct journal_deletion_list *list)
{
    free(list->items);
    journal_deletion_list_init(list);
}

static void take_deletion(sqlite3_stmt *stmt, int day_number, void *context)
{
    struct journal_deletion_list *list = context;
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    struct journal_deletion *item = &list->items[list->count++];
    item->day_number = day_number;
    item->deleted_at = sqlite3_column_int64(stmt, 1);
}

int journal_list_deletions(struct journal *journal, struct journal_deletion_list *list,
                           struct error *err)
{
    list->count = 0;
    return read_tombstones(journal, ST_TOMBSTONE_LIST, 4, "list the deleted days", take_deletion,
                           list, err);
}

int journal_apply_deletion(struct journal *journal, int day_number, int64_t deleted_at,
                           struct error *err)
{
    return delete_day(journal, day_number, deleted_at > 0 ? deleted_at : 1, err);
}

/* --- Tombstones of values -------------------------------------------------------------------- */

static const char *const value_kind_words[] = {
    [DAY_VALUE_READING] = "reading", [DAY_VALUE_FOOD] = "food", [DAY_VALUE_NOTE] = "note"};

static bool value_kind_of(const char *word, enum day_value_kind *kind)
{
    for (size_t i = 0; i < sizeof value_kind_words / sizeof value_kind_words[0]; i++)
        if (strcmp(word, value_kind_words[i]) == 0) {
            *kind = (enum day_value_kind)i;
            return true;
        }
    return false;
}

void journal_value_deletion_list_init(struct journal_value_deletion_list *list)
{
    memset(list, 0, sizeof *list);
}

void journal_value_deletion_list_release(struct journal_value_deletion_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].id);
    free(list->items);
    journal_value_deletion_list_init(list);
}

static void take_value_deletion(sqlite3_stmt *stmt, int day_number, void *context)
{
    struct journal_value_deletion_list *list = context;
    enum day_value_kind kind;
    if (!value_kind_of(column_string(stmt, 1), &kind))
        return; /* journal_check_stored_types() names it */
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    struct journal_value_deletion *item = &list->items[list->count++];
    item->day_number = day_number;
    item->kind = kind;
    item->id = xstrdup(column_string(stmt, 2));
    item->deleted_at = sqlite3_column_int64(stmt, 3);
    item->was_changed_at = sqlite3_column_int64(stmt, 4);
}

int journal_list_value_deletions(struct journal *journal, struct journal_value_deletion_list *list,
                                 struct error *err)
{
    journal_value_deletion_list_release(list);
    return read_tombstones(journal, ST_VALUE_TOMBSTONE_LIST, 7, "list the removed values",
                           take_value_deletion, list, err);
}

/* Removes the value and records its removal; a day left with nothing goes, with its own
 * tombstone at the same time. */
static int apply_value_deletion(struct journal *journal, const struct journal_value_deletion *gone,
                                const char *what, struct error *err)
{
    int rows =
        gone->kind == DAY_VALUE_NOTE
            ? run(journal, ST_NOTE_DELETE, what, err, "Di", gone->day_number, gone->deleted_at)
            : run(journal, gone->kind == DAY_VALUE_FOOD ? ST_FOOD_DELETE : ST_READING_DELETE, what,
                  err, "Dt", gone->day_number, gone->id);
    if (rows < 0 || run(journal, ST_VALUE_TOMBSTONE_ADD, what, err, "Dttii", gone->day_number,
                        value_kind_words[gone->kind], gone->kind == DAY_VALUE_NOTE ? "" : gone->id,
                        gone->deleted_at, gone->was_changed_at) < 0)
        return -1;
    if (rows == 0)
        return 0;
    int emptied = run(journal, ST_DAY_DELETE_IF_EMPTY, what, err, "D", gone->day_number);
    if (emptied < 0)
        return -1;
    if (emptied > 0)
        return run(journal, ST_TOMBSTONE_ADD, what, err, "Di", gone->day_number, gone->deleted_at) <
                       0
                   ? -1
                   : 0;
    return run(journal, ST_DAY_TOUCH, what, err, "Di", gone->day_number, journal_now()) < 0 ? -1
                                                                                            : 0;
}

int journal_apply_value_deletion(struct journal *journal, const struct journal_value_deletion *gone,
                                 struct error *err)
{
    if (check_day(gone->day_number, err) != 0)
        return -1;
    char what[64];
    day_what(what, sizeof what, "save a removal on", gone->day_number);
    bool nested;
    if (write_begin(journal, &nested, what, err) != 0)
        return -1;
    int status = apply_value_deletion(journal, gone, what, err);
    return write_end(journal, nested, status, what, err);
}

/* --- Stored types ---------------------------------------------------------------------------- */

/* Rows whose stored type is not what gutskin writes (SQLite keeps any type in any column): what
 * a journal edited by hand or by another program may hold. Each row gives where (a date or a
 * mark id), what, and the type found. Column 4 is the type expected. */
static const char stored_types_sql[] =
    "SELECT quote(date), 'the date', typeof(date), 'text' FROM day"
    " WHERE typeof(date) != 'text'"
    " UNION ALL SELECT date, 'the note', typeof(note), 'text' FROM day"
    " WHERE typeof(note) NOT IN ('text', 'null')"
    " UNION ALL SELECT date, 'the note''s change time', typeof(note_changed_at), 'integer'"
    " FROM day WHERE typeof(note_changed_at) NOT IN ('integer', 'null')"
    " UNION ALL SELECT date, 'the change time', typeof(changed_at), 'integer' FROM day"
    " WHERE typeof(changed_at) != 'integer'"
    " UNION ALL SELECT quote(date), 'a metric id', typeof(metric), 'text' FROM reading"
    " WHERE typeof(metric) != 'text' OR typeof(date) != 'text'"
    " UNION ALL SELECT date, 'the value of ' || metric, typeof(value), 'a number' FROM reading"
    " WHERE typeof(value) NOT IN ('real', 'integer')"
    " UNION ALL SELECT date, 'the change time of ' || metric, typeof(changed_at), 'integer'"
    " FROM reading WHERE typeof(changed_at) != 'integer'"
    " UNION ALL SELECT quote(date), 'a food id', typeof(food), 'text' FROM food_eaten"
    " WHERE typeof(food) != 'text' OR typeof(date) != 'text'"
    " UNION ALL SELECT date, 'the servings of ' || food, typeof(servings), 'a number'"
    " FROM food_eaten WHERE typeof(servings) NOT IN ('real', 'integer')"
    " UNION ALL SELECT date, 'the change time of ' || food, typeof(changed_at), 'integer'"
    " FROM food_eaten WHERE typeof(changed_at) != 'integer'";

static const char stored_mark_types_sql[] =
    " UNION ALL SELECT 'mark ' || id, 'the date', typeof(date), 'text' FROM mark"
    " WHERE typeof(date) != 'text'"
    " UNION ALL SELECT 'mark ' || id, 'the label', typeof(label), 'text' FROM mark"
    " WHERE typeof(label) != 'text'";

static const char stored_mark_tombstone_types_sql[] =
    " UNION ALL SELECT 'a removed mark', 'the date', typeof(date), 'text' FROM deleted_mark"
    " WHERE typeof(date) != 'text'"
    " UNION ALL SELECT 'a removed mark', 'the label', typeof(label), 'text' FROM deleted_mark"
    " WHERE typeof(label) != 'text'"
    " UNION ALL SELECT 'a removed mark', 'the time of its removal', typeof(deleted_at),"
    " 'integer' FROM deleted_mark WHERE typeof(deleted_at) != 'integer'";

static const char stored_value_tombstone_types_sql[] =
    " UNION ALL SELECT 'a removed value', 'the kind', typeof(kind), 'reading, food or note'"
    " FROM deleted_value WHERE typeof(kind) != 'text' OR kind NOT IN ('reading', 'food', 'note')"
    " UNION ALL SELECT 'a removed value', 'the id', typeof(id), 'text' FROM deleted_value"
    " WHERE typeof(id) != 'text' OR typeof(date) != 'text'"
    " UNION ALL SELECT 'a removed value', 'the time of its removal', typeof(deleted_at),"
    " 'integer' FROM deleted_value WHERE typeof(deleted_at) != 'integer'"
    " UNION ALL SELECT 'a removed value', 'the change time of what it removed',"
    " typeof(was_changed_at), 'integer' FROM deleted_value"
    " WHERE typeof(was_changed_at) != 'integer'";

static const char stored_tombstone_types_sql[] =
    " UNION ALL SELECT quote(date), 'a deleted day''s date', typeof(date), 'text'"
    " FROM deleted_day WHERE typeof(date) != 'text'"
    " UNION ALL SELECT date, 'the time of its deletion', typeof(deleted_at), 'integer'"
    " FROM deleted_day WHERE typeof(deleted_at) != 'integer'";

int journal_check_stored_types(struct journal *journal, struct strlist *problems, struct error *err)
{
    char *sql = xprintf("%s%s%s%s%s", stored_types_sql,
                        journal->schema_version >= 2 ? stored_mark_types_sql : "",
                        journal->schema_version >= 4 ? stored_tombstone_types_sql : "",
                        journal->schema_version >= 6 ? stored_mark_tombstone_types_sql : "",
                        journal->schema_version >= 7 ? stored_value_tombstone_types_sql : "");
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(journal->db, sql, -1, &stmt, NULL);
    free(sql);
    while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char where[48], what[80];
        strlist_pushf(problems, "%s: %s is %s, not %s",
                      text_safe(column_string(stmt, 0), where, sizeof where),
                      text_safe(column_string(stmt, 1), what, sizeof what), column_string(stmt, 2),
                      column_string(stmt, 3));
        rc = SQLITE_OK;
    }
    int status = rc == SQLITE_DONE ? 0 : journal_fail(journal, rc, "check the journal", err);
    sqlite3_finalize(stmt);
    return status;
}

/* --- Stored dates ---------------------------------------------------------------------------- */

/* Every stored date, table by table (from the schema version that added the table), each with
 * the words that start a problem with it. */
static const struct {
    int since_schema;
    const char *sql;
} stored_dates[] = {
    {1, "SELECT date, '' FROM day ORDER BY date"},
    {2, "SELECT date, 'mark ' || id || ': ' FROM mark ORDER BY date, id"},
    {4, "SELECT date, 'a deleted day: ' FROM deleted_day ORDER BY date"},
    {6, "SELECT date, 'a removed mark: ' FROM deleted_mark ORDER BY date, label"},
    {7, "SELECT date, 'a removed value: ' FROM deleted_value ORDER BY date, kind, id"},
};

static int check_table_dates(struct journal *journal, size_t table, struct strlist *problems,
                             struct error *err)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(journal->db, stored_dates[table].sql, -1, &stmt, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char shown[48];
        if (column_day(stmt, 0) == DATE_NONE)
            strlist_pushf(problems, "%s\"%s\" is not a date", column_string(stmt, 1),
                          text_safe(column_string(stmt, 0), shown, sizeof shown));
        rc = SQLITE_OK;
    }
    int status = rc == SQLITE_DONE ? 0 : journal_fail(journal, rc, "check the journal", err);
    sqlite3_finalize(stmt);
    return status;
}

int journal_check_dates(struct journal *journal, struct strlist *problems, struct error *err)
{
    for (size_t i = 0; i < sizeof stored_dates / sizeof stored_dates[0]; i++)
        if (journal->schema_version >= stored_dates[i].since_schema &&
            check_table_dates(journal, i, problems, err) != 0)
            return -1;
    return 0;
}
