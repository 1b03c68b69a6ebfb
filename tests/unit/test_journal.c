/* test_journal.c - the SQLite journal: files and permissions, schema versions, saving and loading
 * days, series, marks, transactions, locking between two processes, checks and backups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

struct fixture {
    char *dir;
    char *path; /* dir/data/gutskin/journal.db: two folders that do not exist yet */
    struct error err;
};

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->path = xprintf("%s/data/gutskin/journal.db", fixture->dir);
    error_clear(&fixture->err);
    setenv("GUTSKIN_NOW", "1000", 1);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture->path);
    free(fixture);
    unsetenv("GUTSKIN_NOW");
    unsetenv("GUTSKIN_TODAY");
    return 0;
}

/* --- Helpers that reach the file without the journal module ---------------------------------- */

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    if (rc != SQLITE_OK)
        fail_msg("%s: %s", sql, message);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    long long value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    return value;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static struct journal *open_journal(struct fixture *fixture)
{
    struct journal *journal = journal_open(fixture->path, &fixture->err);
    if (journal == NULL)
        fail_msg("journal_open: %s", fixture->err.message);
    return journal;
}

static void save(struct journal *journal, const struct day *day)
{
    struct error err;
    error_clear(&err);
    if (journal_save_day(journal, day, &err) != 0)
        fail_msg("journal_save_day: %s", err.message);
}

/* Saves one day holding a single reading. */
static void save_reading(struct journal *journal, const char *date, const char *metric,
                         double value)
{
    struct day day;
    day_init(&day, testutil_day(date));
    day_set_reading(&day, metric, value);
    save(journal, &day);
    day_release(&day);
}

static void set_now(const char *seconds)
{
    setenv("GUTSKIN_NOW", seconds, 1);
}

/* --- Files, permissions and schema versions --------------------------------------------------- */

/* Schema 3: readings by metric come from one index holding their values too, the index of schema
 * 1 and 2 is gone, and a series-like query reads the index only. */
static void assert_index_covers_series(const char *path)
{
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
                                   " WHERE name = 'reading_by_metric'"),
                     0);
    assert_int_equal(raw_int(path, "SELECT group_concat(name, ',') = 'metric,date,value'"
                                   " FROM pragma_index_info('reading_values_by_metric')"),
                     1);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_index_list('reading')"
                                   " WHERE origin = 'c'"),
                     1);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "EXPLAIN QUERY PLAN SELECT date, avg(value) FROM reading"
                                        " WHERE metric IN ('acne', 'itch') AND date BETWEEN"
                                        " '2026-01-01' AND '2026-12-31' GROUP BY date",
                                        -1, &stmt, NULL),
                     SQLITE_OK);
    bool covered = false;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        covered = covered || strstr((const char *)sqlite3_column_text(stmt, 3),
                                    "COVERING INDEX reading_values_by_metric") != NULL;
    sqlite3_finalize(stmt);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    assert_true(covered);
}

static void test_create_new(void **state)
{
    struct fixture *fixture = *state;
    mode_t saved = umask(022); /* the journal must be private whatever the umask */
    struct journal *journal = open_journal(fixture);
    umask(saved);
    assert_string_equal(journal_path(journal), fixture->path);
    assert_null(journal_warning(journal));
    assert_int_equal(journal_schema_version(journal), JOURNAL_SCHEMA_VERSION);
    save_reading(journal, "2026-03-01", "acne", 2);
    char *wal = xprintf("%s-wal", fixture->path);
    assert_true(file_exists(wal));
    assert_int_equal(testutil_file_mode(wal), 0600);
    journal_close(journal);
    free(wal);

    assert_int_equal(testutil_file_mode(fixture->path), 0600);
    char *folder = xprintf("%s/data/gutskin", fixture->dir);
    assert_int_equal(testutil_file_mode(folder), 0700);
    free(folder);
    assert_int_equal(raw_int(fixture->path, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    assert_int_equal(raw_int(fixture->path, "SELECT count(*) FROM day"), 1);
    assert_int_equal(raw_int(fixture->path, "SELECT count(*) FROM sqlite_master"
                                            " WHERE name IN ('day', 'reading', 'food_eaten',"
                                            " 'mark', 'reading_values_by_metric',"
                                            " 'food_eaten_by_food')"),
                     6);
    assert_index_covers_series(fixture->path);
}

static void test_warns_about_open_permissions(void **state)
{
    struct fixture *fixture = *state;
    journal_close(open_journal(fixture));
    assert_int_equal(chmod(fixture->path, 0644), 0);
    struct journal *journal = open_journal(fixture);
    const char *warning = journal_warning(journal);
    assert_non_null(warning);
    assert_non_null(strstr(warning, "readable by others"));
    assert_non_null(strstr(warning, "0644"));
    assert_non_null(strstr(warning, "chmod 600"));
    journal_close(journal);
}

static const char *const schema_v1 =
    "CREATE TABLE day (date TEXT PRIMARY KEY NOT NULL, note TEXT, note_changed_at INTEGER,"
    " changed_at INTEGER NOT NULL);"
    "CREATE TABLE reading (date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
    " metric TEXT NOT NULL, value REAL NOT NULL, changed_at INTEGER NOT NULL,"
    " PRIMARY KEY (date, metric)) WITHOUT ROWID;"
    "CREATE INDEX reading_by_metric ON reading (metric, date);"
    "CREATE TABLE food_eaten (date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
    " food TEXT NOT NULL, servings REAL NOT NULL, changed_at INTEGER NOT NULL,"
    " PRIMARY KEY (date, food)) WITHOUT ROWID;"
    "CREATE INDEX food_eaten_by_food ON food_eaten (food, date);"
    "INSERT INTO day VALUES ('2025-12-24', 'before the upgrade', 10, 20);"
    "INSERT INTO reading VALUES ('2025-12-24', 'acne', 3, 20);"
    "INSERT INTO food_eaten VALUES ('2025-12-24', 'kimchi', 1, 20);"
    "PRAGMA user_version = 1;";

static void make_v1_journal(struct fixture *fixture)
{
    char *data = xprintf("%s/data", fixture->dir);
    char *folder = xprintf("%s/data/gutskin", fixture->dir);
    assert_int_equal(mkdir(data, 0700), 0);
    assert_int_equal(mkdir(folder, 0700), 0);
    free(data);
    free(folder);
    raw_exec(fixture->path, schema_v1);
    assert_int_equal(chmod(fixture->path, 0600), 0);
}

static void test_migrates_version_1(void **state)
{
    struct fixture *fixture = *state;
    make_v1_journal(fixture);
    setenv("GUTSKIN_TODAY", "2026-11-25", 1);
    struct journal *journal = open_journal(fixture);
    struct day day;
    day_init(&day, DATE_NONE);
    assert_int_equal(journal_load_day(journal, testutil_day("2025-12-24"), &day, &fixture->err), 1);
    assert_string_equal(day.note, "before the upgrade");
    assert_int_equal(day.note_changed_at, 10);
    double value = 0;
    assert_true(day_get_reading(&day, "acne", &value));
    assert_true(value == 3);
    assert_int_equal(day.readings[0].changed_at, 20);
    assert_true(day_get_food(&day, "kimchi", &value));
    day_release(&day);
    assert_int_equal(
        journal_add_mark(journal, testutil_day("2025-12-25"), "new diet", &fixture->err), 0);
    journal_close(journal);

    assert_int_equal(raw_int(fixture->path, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    assert_index_covers_series(fixture->path);
    char *copy = xprintf("%s.v1-2026-11-25.bak", fixture->path);
    assert_true(file_exists(copy));
    assert_int_equal(testutil_file_mode(copy), 0600);
    assert_int_equal(raw_int(copy, "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(copy, "SELECT count(*) FROM reading"), 1);
    free(copy);
}

/* Schema 2 is schema 1 with marks. */
static void make_v2_journal(struct fixture *fixture)
{
    make_v1_journal(fixture);
    raw_exec(fixture->path, "CREATE TABLE mark (id INTEGER PRIMARY KEY, date TEXT NOT NULL,"
                            " label TEXT NOT NULL, changed_at INTEGER NOT NULL);"
                            "INSERT INTO mark VALUES (1, '2025-12-20', 'probiotic', 20);"
                            "INSERT INTO day VALUES ('2025-12-23', NULL, NULL, 20);"
                            "INSERT INTO reading VALUES ('2025-12-23', 'acne', 1, 20);"
                            "INSERT INTO reading VALUES ('2025-12-23', 'itch', 2, 20);"
                            "PRAGMA user_version = 2;");
}

static void test_migrates_version_2(void **state)
{
    struct fixture *fixture = *state;
    make_v2_journal(fixture);
    setenv("GUTSKIN_TODAY", "2026-11-27", 1);
    struct journal *journal = open_journal(fixture);
    assert_int_equal(journal_schema_version(journal), JOURNAL_SCHEMA_VERSION);
    const char *ids[] = {"acne", "itch"};
    struct journal_series_query query = {
        JOURNAL_SERIES_MEAN_OF_METRICS, ids, 2, DATE_NONE, DATE_NONE, JOURNAL_BY_DAY};
    struct journal_series series;
    journal_series_init(&series);
    assert_int_equal(journal_read_series(journal, &query, &series, &fixture->err), 0);
    assert_int_equal(series.count, 2);
    assert_int_equal(series.points[0].day, testutil_day("2025-12-23"));
    assert_true(series.points[0].mean == 1.5);
    assert_true(series.points[1].mean == 1.5); /* acne 3, itch blank: 3 / 2 */
    journal_series_release(&series);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &fixture->err), 0);
    assert_int_equal(marks.count, 1);
    assert_string_equal(marks.items[0].label, "probiotic");
    journal_mark_list_release(&marks);
    assert_int_equal(journal_check_integrity(journal, &fixture->err), 0);
    journal_close(journal);

    assert_int_equal(raw_int(fixture->path, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    assert_int_equal(raw_int(fixture->path, "SELECT count(*) FROM reading"), 3);
    assert_index_covers_series(fixture->path);
    char *copy = xprintf("%s.v2-2026-11-27.bak", fixture->path);
    assert_true(file_exists(copy));
    assert_int_equal(testutil_file_mode(copy), 0600);
    assert_int_equal(raw_int(copy, "PRAGMA user_version"), 2);
    assert_int_equal(raw_int(copy, "SELECT count(*) FROM sqlite_master"
                                   " WHERE name = 'reading_by_metric'"),
                     1);
    free(copy);
    char *v1_copy = xprintf("%s.v1-2026-11-27.bak", fixture->path);
    assert_false(file_exists(v1_copy)); /* one copy, of the file as it was */
    free(v1_copy);
}

static void test_read_only_leaves_older_schema(void **state)
{
    struct fixture *fixture = *state;
    make_v1_journal(fixture);
    struct journal *journal = journal_open_existing(fixture->path, true, &fixture->err);
    assert_non_null(journal);
    assert_int_equal(journal_schema_version(journal), 1);
    size_t count = 0;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 1);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &fixture->err), 0);
    assert_int_equal(marks.count, 0);
    struct day day;
    day_init(&day, testutil_day("2025-12-25"));
    day_set_reading(&day, "acne", 1);
    assert_int_equal(journal_save_day(journal, &day, &fixture->err), -1);
    assert_non_null(strstr(fixture->err.message, "read-only"));
    day_release(&day);
    journal_close(journal);
    assert_int_equal(raw_int(fixture->path, "PRAGMA user_version"), 1);
}

static void test_read_write_existing_migrates(void **state)
{
    struct fixture *fixture = *state;
    make_v1_journal(fixture);
    setenv("GUTSKIN_TODAY", "2026-11-26", 1);
    struct journal *journal = journal_open_existing(fixture->path, false, &fixture->err);
    assert_non_null(journal);
    assert_int_equal(
        journal_add_mark(journal, testutil_day("2025-12-25"), "new diet", &fixture->err), 0);
    journal_close(journal);
    assert_int_equal(raw_int(fixture->path, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    char *copy = xprintf("%s.v1-2026-11-26.bak", fixture->path);
    assert_true(file_exists(copy));
    free(copy);

    char *empty = testutil_write_file(fixture->dir, "empty.db", "");
    assert_null(journal_open_existing(empty, false, &fixture->err));
    assert_non_null(strstr(fixture->err.message, "is not a gutskin journal"));
    journal = journal_open(empty, &fixture->err); /* journal_open makes it a new journal */
    assert_non_null(journal);
    journal_close(journal);
    assert_int_equal(raw_int(empty, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    free(empty);
}

static void test_refuses_newer_schema(void **state)
{
    struct fixture *fixture = *state;
    journal_close(open_journal(fixture));
    /* Rollback-journal mode, so that even the WAL pragma would change the file's bytes. */
    raw_exec(fixture->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
    size_t before_length = 0, after_length = 0;
    char *before = testutil_read_file(fixture->path, &before_length);
    assert_null(journal_open(fixture->path, &fixture->err));
    assert_int_equal(fixture->err.kind, ERROR_NEWER);
    char *expected =
        xprintf("newer gutskin (schema 99, this one knows %d)", JOURNAL_SCHEMA_VERSION);
    assert_non_null(strstr(fixture->err.message, expected));
    free(expected);
    error_clear(&fixture->err);
    assert_null(journal_open_existing(fixture->path, true, &fixture->err));
    assert_int_equal(fixture->err.kind, ERROR_NEWER);
    char *after = testutil_read_file(fixture->path, &after_length);
    assert_int_equal(before_length, after_length);
    assert_memory_equal(before, after, before_length);
    free(before);
    free(after);
}

static void test_refuses_other_files(void **state)
{
    struct fixture *fixture = *state;
    char text[2048];
    for (size_t i = 0; i + 1 < sizeof text; i++)
        text[i] = (char)('a' + i % 26);
    text[sizeof text - 1] = '\0';
    char *path = testutil_write_file(fixture->dir, "notes.txt", text);
    assert_null(journal_open(path, &fixture->err));
    assert_int_equal(fixture->err.kind, ERROR_INPUT);
    assert_non_null(
        strstr(fixture->err.message, "is not a gutskin journal (file is not a database)"));
    char *after = testutil_read_file(path, NULL);
    assert_string_equal(after, text);
    free(after);
    free(path);

    path = xprintf("%s/other.db", fixture->dir);
    raw_exec(path, "CREATE TABLE t (x)");
    assert_null(journal_open(path, &fixture->err));
    assert_int_equal(fixture->err.kind, ERROR_INPUT);
    assert_non_null(strstr(fixture->err.message, "is not a gutskin journal"));
    free(path);

    path = xprintf("%s/missing.db", fixture->dir);
    assert_null(journal_open_existing(path, false, &fixture->err));
    assert_int_equal(fixture->err.kind, ERROR_INPUT);
    assert_false(file_exists(path));
    free(path);
}

/* --- Saving and loading days ------------------------------------------------------------------ */

static void fill_example(struct day *day)
{
    day_set_note(day, "ate out; itchy evening");
    day_set_reading(day, "acne", 3);
    day_set_reading(day, "stress", 4.5);
    day_set_food(day, "kimchi", 1);
    day_set_food(day, "bread", 2);
}

static void test_save_load_delete(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day, loaded;
    day_init(&day, testutil_day("2026-03-01"));
    day_init(&loaded, DATE_NONE);
    fill_example(&day);
    save(journal, &day);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_int_equal(loaded.day_number, testutil_day("2026-03-01"));
    assert_true(day_equal(&day, &loaded));
    assert_int_equal(loaded.note_changed_at, 1000);
    assert_int_equal(loaded.readings[1].changed_at, 1000);
    assert_int_equal(loaded.foods[0].changed_at, 1000);

    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-02"), &loaded, &fixture->err),
                     0);
    assert_int_equal(loaded.day_number, testutil_day("2026-03-02"));
    assert_true(day_is_empty(&loaded));

    assert_int_equal(journal_delete_day(journal, testutil_day("2026-03-01"), &fixture->err), 0);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     0);
    journal_close(journal);
    assert_int_equal(raw_int(fixture->path, "SELECT count(*) FROM reading"), 0);
    assert_int_equal(raw_int(fixture->path, "SELECT count(*) FROM food_eaten"), 0);
    day_release(&day);
    day_release(&loaded);
}

static void test_save_replaces_the_day(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day, loaded;
    day_init(&day, testutil_day("2026-03-01"));
    day_init(&loaded, DATE_NONE);
    fill_example(&day);
    save(journal, &day);
    day_remove_reading(&day, "stress");
    day_remove_food(&day, "bread");
    day_set_note(&day, NULL);
    save(journal, &day);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_true(day_equal(&day, &loaded));
    assert_null(loaded.note);
    assert_int_equal(loaded.reading_count, 1);
    assert_int_equal(loaded.food_count, 1);

    day_release(&day);
    day_init(&day, testutil_day("2026-03-01")); /* empty: saving it deletes the date */
    save(journal, &day);
    size_t count = 99;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 0);
    journal_close(journal);
    day_release(&day);
    day_release(&loaded);
}

static void test_unchanged_rows_keep_their_time(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day, loaded;
    day_init(&day, testutil_day("2026-03-01"));
    day_init(&loaded, DATE_NONE);
    fill_example(&day);
    save(journal, &day);

    set_now("2000");
    day_set_reading(&day, "stress", 2);
    save(journal, &day);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_string_equal(loaded.readings[0].id, "acne");
    assert_int_equal(loaded.readings[0].changed_at, 1000);
    assert_int_equal(loaded.readings[1].changed_at, 2000);
    assert_int_equal(loaded.foods[0].changed_at, 1000);
    assert_int_equal(loaded.note_changed_at, 1000);

    set_now("3000"); /* nothing changes: not even the day's own time */
    save(journal, &loaded);
    day_set_note(&day, "a new note");
    set_now("4000");
    save(journal, &day);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_int_equal(loaded.note_changed_at, 4000);
    assert_int_equal(loaded.readings[1].changed_at, 2000);
    journal_close(journal);
    assert_int_equal(raw_int(fixture->path, "SELECT changed_at FROM day"), 4000);
    day_release(&day);
    day_release(&loaded);
}

/* Sets the entry's changed_at as a merge would after taking it from another journal. */
static void stamp_entry(struct day_entry *entries, size_t count, const char *id, int64_t time)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].id, id) == 0)
            entries[i].changed_at = time;
}

static void test_save_with_given_times(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day, loaded;
    day_init(&day, testutil_day("2026-03-01"));
    day_init(&loaded, DATE_NONE);
    fill_example(&day);
    day.note_changed_at = 600;
    stamp_entry(day.readings, day.reading_count, "acne", 500); /* the others stay 0: now */
    assert_int_equal(journal_save_day_with_times(journal, &day, &fixture->err), 0);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_int_equal(loaded.note_changed_at, 600);
    assert_int_equal(loaded.readings[0].changed_at, 500);
    assert_int_equal(loaded.readings[1].changed_at, 1000);

    stamp_entry(day.readings, day.reading_count, "acne", 700); /* same value: keeps 500 */
    day_set_reading(&day, "stress", 1);
    stamp_entry(day.readings, day.reading_count, "stress", 800);
    assert_int_equal(journal_save_day_with_times(journal, &day, &fixture->err), 0);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_int_equal(loaded.readings[0].changed_at, 500);
    assert_int_equal(loaded.readings[1].changed_at, 800);
    journal_close(journal);
    day_release(&day);
    day_release(&loaded);
}

static void test_day_time_only_moves_on_change(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_reading(journal, "2026-03-01", "acne", 1);
    set_now("5000");
    save_reading(journal, "2026-03-01", "acne", 1);
    journal_close(journal);
    assert_int_equal(raw_int(fixture->path, "SELECT changed_at FROM day"), 1000);
}

static void test_unknown_and_odd_ids_survive(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day, loaded;
    day_init(&day, testutil_day("2026-03-01"));
    day_init(&loaded, DATE_NONE);
    day_set_reading(&day, "no-longer-in-content", 7);
    day_set_reading(&day, "it's \"quoted\", [odd]", 1);
    day_set_food(&day, "caf\xc3\xa9 au lait", 0.5);
    save(journal, &day);
    save(journal, &day); /* the prune step must keep every id, whatever its quoting */
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-01"), &loaded, &fixture->err),
                     1);
    assert_true(day_equal(&day, &loaded));
    assert_int_equal(loaded.reading_count, 2);
    journal_close(journal);
    day_release(&day);
    day_release(&loaded);
}

static void test_rejects_bad_input(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct day day;
    day_init(&day, DATE_NONE); /* no date: the callers parse dates, the journal still refuses */
    day_set_reading(&day, "acne", 1);
    assert_int_equal(journal_save_day(journal, &day, &fixture->err), -1);
    assert_int_equal(fixture->err.kind, ERROR_INPUT);
    day_release(&day);
    day_init(&day, testutil_day("2026-02-28"));
    day_set_reading(&day, "acne", 1);
    day_set_reading(&day, "stress", NAN);
    assert_int_equal(journal_save_day(journal, &day, &fixture->err), -1);
    assert_non_null(strstr(fixture->err.message, "stress"));
    size_t count = 99;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 0); /* the failed save left nothing half-written */
    int *days = NULL;
    size_t listed = 0;
    int beyond = date_from_parts(DATE_LAST_YEAR + 1, 1, 1); /* no date of the calendar */
    assert_int_equal(journal_list_days(journal, beyond, DATE_NONE, &days, &listed, &fixture->err),
                     -1);
    assert_null(days);
    journal_close(journal);
    day_release(&day);
}

/* --- Walking and listing days ----------------------------------------------------------------- */

struct walk_log {
    char dates[8][DATE_TEXT_SIZE];
    size_t readings[8];
    size_t foods[8];
    size_t count;
    size_t stop_after;
};

static int log_day(const struct day *day, void *context)
{
    struct walk_log *log = context;
    assert_true(log->count < 8);
    date_format(day->day_number, log->dates[log->count]);
    log->readings[log->count] = day->reading_count;
    log->foods[log->count] = day->food_count;
    log->count++;
    return log->count == log->stop_after ? 42 : 0;
}

static void save_walk_days(struct journal *journal)
{
    struct day day;
    const char *dates[] = {"2026-03-05", "2026-03-01", "2026-03-03", "2026-04-01"};
    for (size_t i = 0; i < 4; i++) {
        day_init(&day, testutil_day(dates[i]));
        for (size_t r = 0; r <= i; r++) {
            char id[16];
            snprintf(id, sizeof id, "metric-%zu", r);
            day_set_reading(&day, id, (double)r);
        }
        if (i % 2 == 0)
            day_set_food(&day, "kimchi", 1);
        else
            day_set_note(&day, "only a note and readings");
        save(journal, &day);
        day_release(&day);
    }
}

static void test_each_day_in_order(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_walk_days(journal);
    struct walk_log log = {.stop_after = 0};
    assert_int_equal(journal_each_day(journal, DATE_NONE, DATE_NONE, log_day, &log, &fixture->err),
                     0);
    assert_int_equal(log.count, 4);
    assert_string_equal(log.dates[0], "2026-03-01");
    assert_int_equal(log.readings[0], 2);
    assert_int_equal(log.foods[0], 0);
    assert_string_equal(log.dates[1], "2026-03-03");
    assert_int_equal(log.readings[1], 3);
    assert_int_equal(log.foods[1], 1);
    assert_string_equal(log.dates[2], "2026-03-05");
    assert_int_equal(log.readings[2], 1);
    assert_string_equal(log.dates[3], "2026-04-01");
    assert_int_equal(log.readings[3], 4);

    struct walk_log ranged = {.stop_after = 0};
    assert_int_equal(journal_each_day(journal, testutil_day("2026-03-02"),
                                      testutil_day("2026-03-05"), log_day, &ranged, &fixture->err),
                     0);
    assert_int_equal(ranged.count, 2);
    assert_string_equal(ranged.dates[0], "2026-03-03");
    assert_int_equal(ranged.foods[0], 1);

    struct walk_log stopped = {.stop_after = 2};
    assert_int_equal(
        journal_each_day(journal, DATE_NONE, DATE_NONE, log_day, &stopped, &fixture->err), 42);
    assert_int_equal(stopped.count, 2);
    journal_close(journal);
}

struct note_log {
    size_t count, stop_after;
    int days[8];
    char notes[8][64];
};

static void note_log_add(struct note_log *log, int day_number, const char *note)
{
    assert_true(log->count < 8);
    log->days[log->count] = day_number;
    snprintf(log->notes[log->count], sizeof log->notes[0], "%s", note);
    log->count++;
}

static int log_note(int day_number, const char *note, void *context)
{
    struct note_log *log = context;
    note_log_add(log, day_number, note);
    return log->count == log->stop_after ? 42 : 0;
}

static int log_day_note(const struct day *day, void *context)
{
    if (day->note != NULL && day->note[0] != '\0')
        note_log_add(context, day->day_number, day->note);
    return 0;
}

/* journal_each_note() finds what a walk of whole days finds: the same days, order and text, with
 * an empty note, a note stored as a blob and a date that is no date as another program may leave
 * them. */
static void test_each_note_as_each_day(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_walk_days(journal);
    journal_close(journal);
    raw_exec(fixture->path, "INSERT INTO day (date, note, note_changed_at, changed_at)"
                            " VALUES ('2026-03-02', '', 0, 0), ('0999-05-05', 'old', 0, 0),"
                            " ('2026-03-04', x'6869', 0, 0);");
    journal = open_journal(fixture);
    struct note_log notes = {.stop_after = 0}, days = {.stop_after = 0};
    assert_int_equal(
        journal_each_note(journal, DATE_NONE, DATE_NONE, log_note, &notes, &fixture->err), 0);
    assert_int_equal(
        journal_each_day(journal, DATE_NONE, DATE_NONE, log_day_note, &days, &fixture->err), 0);
    assert_int_equal(notes.count, 3);
    assert_int_equal(notes.days[0], testutil_day("2026-03-01"));
    assert_string_equal(notes.notes[0], "only a note and readings");
    assert_int_equal(notes.days[1], testutil_day("2026-03-04"));
    assert_string_equal(notes.notes[1], "hi");
    assert_int_equal(notes.days[2], testutil_day("2026-04-01"));
    assert_int_equal(days.count, notes.count);
    for (size_t i = 0; i < notes.count; i++) {
        assert_int_equal(days.days[i], notes.days[i]);
        assert_string_equal(days.notes[i], notes.notes[i]);
    }

    struct note_log ranged = {.stop_after = 0};
    assert_int_equal(journal_each_note(journal, testutil_day("2026-03-04"),
                                       testutil_day("2026-03-31"), log_note, &ranged,
                                       &fixture->err),
                     0);
    assert_int_equal(ranged.count, 1);
    assert_int_equal(ranged.days[0], testutil_day("2026-03-04"));
    struct note_log stopped = {.stop_after = 1};
    assert_int_equal(
        journal_each_note(journal, DATE_NONE, DATE_NONE, log_note, &stopped, &fixture->err), 42);
    assert_int_equal(stopped.count, 1);
    journal_close(journal);
}

static void test_list_span_and_count(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    int first = 0, last = 0;
    assert_int_equal(journal_day_span(journal, &first, &last, &fixture->err), 0);
    assert_int_equal(first, DATE_NONE);
    assert_int_equal(last, DATE_NONE);
    save_walk_days(journal);
    assert_int_equal(journal_day_span(journal, &first, &last, &fixture->err), 0);
    assert_int_equal(first, testutil_day("2026-03-01"));
    assert_int_equal(last, testutil_day("2026-04-01"));
    int *days = NULL;
    size_t listed = 0;
    assert_int_equal(journal_list_days(journal, testutil_day("2026-03-02"), DATE_NONE, &days,
                                       &listed, &fixture->err),
                     0);
    assert_int_equal(listed, 3);
    assert_int_equal(days[0], testutil_day("2026-04-01"));
    assert_int_equal(days[2], testutil_day("2026-03-03"));
    free(days);
    size_t count = 0;
    assert_int_equal(
        journal_count_days(journal, DATE_NONE, testutil_day("2026-03-04"), &count, &fixture->err),
        0);
    assert_int_equal(count, 2);
    journal_close(journal);
}

/* --- Series ----------------------------------------------------------------------------------- */

static void assert_point(const struct journal_series *series, size_t index, const char *date,
                         double mean, double min, double max, int count)
{
    assert_true(index < series->count);
    const struct journal_point *point = &series->points[index];
    assert_int_equal(point->day, testutil_day(date));
    if (fabs(point->mean - mean) > 1e-9 || point->min != min || point->max != max)
        fail_msg("%s: got mean %g min %g max %g, expected %g %g %g", date, point->mean, point->min,
                 point->max, mean, min, max);
    assert_int_equal(point->count, count);
}

static void read_series(struct journal *journal, const struct journal_series_query *query,
                        struct journal_series *series)
{
    struct error err;
    error_clear(&err);
    if (journal_read_series(journal, query, series, &err) != 0)
        fail_msg("journal_read_series: %s", err.message);
}

/* Acne on eight days with gaps; 2026-03-02 and 2026-03-09 are Mondays. */
static void save_acne_days(struct journal *journal)
{
    const char *dates[] = {"2026-03-02", "2026-03-03", "2026-03-05", "2026-03-08",
                           "2026-03-09", "2026-03-31", "2026-04-01"};
    const double values[] = {2, 4, 3, 1, 5, 2, 4};
    for (size_t i = 0; i < 7; i++)
        save_reading(journal, dates[i], "acne", values[i]);
    save_reading(journal, "2026-03-04", "stress", 8); /* a saved day without acne */
}

static void test_series_of_one_metric(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_acne_days(journal);
    const char *ids[] = {"acne"};
    struct journal_series_query query = {JOURNAL_SERIES_METRIC, ids, 1, DATE_NONE, DATE_NONE,
                                         JOURNAL_BY_DAY};
    struct journal_series series;
    journal_series_init(&series);
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 7); /* 2026-03-04 is a gap, not a zero */
    assert_point(&series, 0, "2026-03-02", 2, 2, 2, 1);
    assert_point(&series, 2, "2026-03-05", 3, 3, 3, 1);

    query.from = testutil_day("2026-03-03");
    query.to = testutil_day("2026-03-09");
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 4);
    assert_point(&series, 0, "2026-03-03", 4, 4, 4, 1);
    assert_point(&series, 3, "2026-03-09", 5, 5, 5, 1);

    query.from = query.to = DATE_NONE;
    query.grouping = JOURNAL_BY_WEEK;
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 3);
    assert_point(&series, 0, "2026-03-02", 2.5, 1, 4, 4); /* Sunday 03-08 ends the week */
    assert_point(&series, 1, "2026-03-09", 5, 5, 5, 1);
    assert_point(&series, 2, "2026-03-30", 3, 2, 4, 2); /* a week across two months */

    query.grouping = JOURNAL_BY_MONTH;
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 2);
    assert_point(&series, 0, "2026-03-01", 17.0 / 6, 1, 5, 6);
    assert_point(&series, 1, "2026-04-01", 4, 4, 4, 1);
    journal_series_release(&series);
    journal_close(journal);
}

/* Every day from 1999-12-20 to 2001-01-14 (a leap year's end and a year change included): each
 * falls in the bucket of its own Monday and first of the month, as dates.h works them out. */
static void test_series_buckets_follow_the_calendar(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    int first, last;
    assert_true(date_parse("1999-12-20", &first));
    assert_true(date_parse("2001-01-14", &last));
    for (int number = first; number <= last; number++) {
        char date[DATE_TEXT_SIZE];
        date_format(number, date);
        save_reading(journal, date, "acne", number % 5);
    }
    const char *ids[] = {"acne"};
    struct journal_series_query query = {JOURNAL_SERIES_METRIC, ids, 1, DATE_NONE, DATE_NONE,
                                         JOURNAL_BY_WEEK};
    struct journal_series series;
    journal_series_init(&series);
    read_series(journal, &query, &series);
    assert_int_equal(series.count, (size_t)(last - first + 1) / 7);
    for (size_t i = 0; i < series.count; i++) {
        assert_int_equal(date_weekday(first + 7 * (int)i), date_weekday(first));
        assert_int_equal(series.points[i].day, date_week_start(first + 7 * (int)i));
        assert_int_equal(series.points[i].count, 7);
    }
    query.grouping = JOURNAL_BY_MONTH;
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 14); /* 1999-12 to 2001-01 */
    int expected_days[] = {12, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 14};
    for (size_t i = 0; i < series.count; i++) {
        assert_int_equal(series.points[i].day, date_month_start(date_add_months(first, (int)i)));
        assert_int_equal(series.points[i].count, expected_days[i]);
    }
    journal_series_release(&series);
    journal_close(journal);
}

static void save_mixed_day(struct journal *journal, const char *date, const char *readings,
                           const char *foods)
{
    /* readings/foods: "id=value,id=value" */
    struct day day;
    day_init(&day, testutil_day(date));
    const char *lists[2] = {readings, foods};
    for (int list = 0; list < 2; list++) {
        char *copy = xstrdup(lists[list]), *saveptr = NULL;
        for (char *item = strtok_r(copy, ",", &saveptr); item != NULL;
             item = strtok_r(NULL, ",", &saveptr)) {
            char *equals = strchr(item, '=');
            *equals = '\0';
            if (list == 0)
                day_set_reading(&day, item, atof(equals + 1));
            else
                day_set_food(&day, item, atof(equals + 1));
        }
        free(copy);
    }
    save(journal, &day);
    day_release(&day);
}

static void save_mixed_days(struct journal *journal)
{
    save_mixed_day(journal, "2026-03-02", "acne=2,itch=4,stress=9", "kimchi=1,yogurt=2,bread=1");
    save_mixed_day(journal, "2026-03-03", "acne=1", "");
    save_mixed_day(journal, "2026-03-04", "itch=5", "kimchi=0.5");
    save_mixed_day(journal, "2026-03-05", "stress=1", "bread=1");
    save_mixed_day(journal, "2026-03-10", "acne=3,itch=3", "");
}

static void test_series_mean_of_metrics(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_mixed_days(journal);
    const char *ids[] = {"acne", "itch"};
    struct journal_series_query query = {
        JOURNAL_SERIES_MEAN_OF_METRICS, ids, 2, DATE_NONE, DATE_NONE, JOURNAL_BY_DAY};
    struct journal_series series;
    journal_series_init(&series);
    read_series(journal, &query, &series);
    /* The sum of those logged over both ids (a blank counts as none); 2026-03-05 has neither
     * metric and no value at all. */
    assert_int_equal(series.count, 4);
    assert_point(&series, 0, "2026-03-02", 3, 3, 3, 1);
    assert_point(&series, 1, "2026-03-03", 0.5, 0.5, 0.5, 1);
    assert_point(&series, 2, "2026-03-04", 2.5, 2.5, 2.5, 1);
    assert_point(&series, 3, "2026-03-10", 3, 3, 3, 1);
    query.grouping = JOURNAL_BY_WEEK;
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 2);
    assert_point(&series, 0, "2026-03-02", 2, 0.5, 3, 3);
    assert_point(&series, 1, "2026-03-09", 3, 3, 3, 1);
    journal_series_release(&series);
    journal_close(journal);
}

static void test_series_food_servings(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_mixed_days(journal);
    const char *ids[] = {"kimchi", "yogurt"};
    struct journal_series_query query = {
        JOURNAL_SERIES_FOOD_SERVINGS, ids, 2, DATE_NONE, DATE_NONE, JOURNAL_BY_DAY};
    struct journal_series series;
    journal_series_init(&series);
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 5); /* every saved day, 0 when none of the foods */
    assert_point(&series, 0, "2026-03-02", 3, 3, 3, 1);
    assert_point(&series, 1, "2026-03-03", 0, 0, 0, 1);
    assert_point(&series, 2, "2026-03-04", 0.5, 0.5, 0.5, 1);
    assert_point(&series, 3, "2026-03-05", 0, 0, 0, 1);
    query.grouping = JOURNAL_BY_WEEK;
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 2);
    assert_point(&series, 0, "2026-03-02", 0.875, 0, 3, 4);
    assert_point(&series, 1, "2026-03-09", 0, 0, 0, 1);
    query.grouping = JOURNAL_BY_MONTH;
    query.from = testutil_day("2026-03-03");
    query.to = testutil_day("2026-03-04");
    read_series(journal, &query, &series);
    assert_int_equal(series.count, 1);
    assert_point(&series, 0, "2026-03-01", 0.25, 0, 0.5, 2);
    journal_series_release(&series);
    journal_close(journal);
}

/* --- Marks and transactions ------------------------------------------------------------------- */

static void test_marks(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    assert_int_equal(
        journal_add_mark(journal, testutil_day("2026-03-10"), "stopped dairy", &fixture->err), 0);
    assert_int_equal(
        journal_add_mark(journal, testutil_day("2026-03-01"), "started probiotic", &fixture->err),
        0);
    assert_int_equal(
        journal_add_mark(journal, date_from_parts(DATE_LAST_YEAR + 1, 1, 1), "bad", &fixture->err),
        -1);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &fixture->err), 0);
    assert_int_equal(marks.count, 2);
    assert_int_equal(marks.items[0].day_number, testutil_day("2026-03-01"));
    assert_string_equal(marks.items[0].label, "started probiotic");
    assert_string_equal(marks.items[1].label, "stopped dairy");
    int64_t id = marks.items[0].id;
    assert_int_equal(journal_delete_mark(journal, id, &fixture->err), 0);
    assert_int_equal(journal_delete_mark(journal, id, &fixture->err), -1);
    assert_int_equal(fixture->err.kind, ERROR_INPUT);
    assert_int_equal(journal_list_marks(journal, &marks, &fixture->err), 0);
    assert_int_equal(marks.count, 1);
    assert_string_equal(marks.items[0].label, "stopped dairy");
    journal_mark_list_release(&marks);
    journal_close(journal);
}

static int count_visit(const struct day *day, void *context)
{
    assert_int_equal(day->day_number, testutil_day("2026-03-01"));
    (*(int *)context)++;
    return 0;
}

/* Text that is no date (a file written by another program) has no day number: reads leave it
 * out, and journal_check_dates() names each one. */
static void test_stored_dates_that_are_not_dates(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_reading(journal, "2026-03-01", "acne", 1);
    journal_close(journal);
    raw_exec(fixture->path,
             "INSERT INTO day (date, note, note_changed_at, changed_at)"
             " VALUES ('0999-05-05', 'old', 0, 0);"
             "INSERT INTO reading (date, metric, value, changed_at)"
             " VALUES ('0999-05-05', 'acne', 2, 0);"
             "INSERT INTO mark (date, label, changed_at) VALUES ('2026-02-30', 'bad', 0),"
             " ('2026-03-02', 'good', 0);"
             "INSERT INTO deleted_day (date, deleted_at) VALUES ('soon', 5);");
    journal = open_journal(fixture);
    int visited = 0;
    assert_int_equal(
        journal_each_day(journal, DATE_NONE, DATE_NONE, count_visit, &visited, &fixture->err), 0);
    assert_int_equal(visited, 1);
    int first = DATE_NONE, last = DATE_NONE;
    assert_int_equal(journal_day_span(journal, &first, &last, &fixture->err), 0);
    assert_int_equal(first, testutil_day("2026-03-01"));
    assert_int_equal(last, first);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &fixture->err), 0);
    assert_int_equal(marks.count, 1);
    assert_string_equal(marks.items[0].label, "good");
    journal_mark_list_release(&marks);
    struct journal_deletion_list deletions;
    journal_deletion_list_init(&deletions);
    assert_int_equal(journal_list_deletions(journal, &deletions, &fixture->err), 0);
    assert_int_equal(deletions.count, 0);
    journal_deletion_list_release(&deletions);
    struct strlist problems = STRLIST_INIT;
    assert_int_equal(journal_check_dates(journal, &problems, &fixture->err), 0);
    assert_int_equal(problems.count, 3);
    assert_string_equal(problems.items[0], "\"0999-05-05\" is not a date");
    assert_string_equal(problems.items[1], "mark 1: \"2026-02-30\" is not a date");
    assert_string_equal(problems.items[2], "a deleted day: \"soon\" is not a date");
    strlist_release(&problems);
    journal_close(journal);
}

struct batch {
    int status;
};

/* Saves two days and one that fails half-way (its savepoint is rolled back). */
static int save_batch(struct journal *journal, void *context, struct error *err)
{
    struct batch *batch = context;
    save_reading(journal, "2026-03-01", "acne", 1);
    save_reading(journal, "2026-03-02", "acne", 2);
    struct day broken;
    day_init(&broken, testutil_day("2026-03-03"));
    day_set_reading(&broken, "acne", 1);
    day_set_reading(&broken, "stress", NAN);
    assert_int_equal(journal_save_day(journal, &broken, err), -1);
    day_release(&broken);
    if (batch->status != 0)
        error_set(err, ERROR_INPUT, "batch refused");
    return batch->status;
}

static void test_transactions(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    struct batch batch = {-1};
    assert_int_equal(journal_in_transaction(journal, save_batch, &batch, &fixture->err), -1);
    assert_string_equal(fixture->err.message, "batch refused");
    size_t count = 99;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 0);

    batch.status = 0;
    assert_int_equal(journal_in_transaction(journal, save_batch, &batch, &fixture->err), 0);
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 2); /* the broken day left nothing, the others committed */
    journal_close(journal);
}

/* --- Two writers ------------------------------------------------------------------------------ */

/* Whether the first writer's transaction (which creates the table `first_writer`) is committed,
 * as a new connection sees it: 1 or 0, or -1 when the file cannot be read. */
static int first_writer_committed(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int found = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'first_writer'",
                           -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        found = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return found;
}

/* The child saves while the parent holds the write lock; its exit status tells what happened.
 * Order, not time, shows that it waited: when its save returns, the parent's transaction, begun
 * before the child started, must already be committed. */
static int child_save(const char *path, int ready_fd)
{
    char byte;
    if (read(ready_fd, &byte, 1) != 1)
        return 10;
    struct error err;
    error_clear(&err);
    struct journal *journal = journal_open(path, &err);
    if (journal == NULL)
        return 11;
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "acne", 4);
    int status = journal_save_day(journal, &day, &err);
    int committed = first_writer_committed(path);
    day_release(&day);
    journal_close(journal);
    if (status != 0)
        return 12;
    return committed == 1 ? 0 : 13; /* it must have waited for the parent's commit */
}

static void test_second_writer_waits(void **state)
{
    struct fixture *fixture = *state;
    journal_close(open_journal(fixture)); /* no connection may cross the fork */
    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(pipe_fds[1]);
        _exit(child_save(fixture->path, pipe_fds[0]));
    }
    close(pipe_fds[0]);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE first_writer(x)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(write(pipe_fds[1], "x", 1), 1);
    close(pipe_fds[1]);
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(raw_int(fixture->path, "SELECT value FROM reading WHERE metric = 'acne'"), 4);
}

static void test_busy_after_timeout(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "acne", 4);
    assert_int_equal(journal_save_day(journal, &day, &fixture->err), -1);
    assert_int_equal(fixture->err.kind, ERROR_BUSY);
    char *expected = xprintf("journal is busy: another gutskin is writing to %s", fixture->path);
    assert_string_equal(fixture->err.message, expected);
    free(expected);
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    save(journal, &day); /* the lock is gone: the same handle works again */
    day_release(&day);
    journal_close(journal);
}

/* --- Checks and backups ----------------------------------------------------------------------- */

static void test_integrity(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_reading(journal, "2026-03-01", "acne", 1);
    assert_int_equal(journal_check_integrity(journal, &fixture->err), 0);
    journal_close(journal);
    /* A tool that writes with foreign keys off can leave a reading without its day. */
    raw_exec(fixture->path, "INSERT INTO reading VALUES ('2026-03-02', 'acne', 1, 1)");
    journal = open_journal(fixture);
    assert_int_equal(journal_check_integrity(journal, &fixture->err), -1);
    assert_non_null(strstr(fixture->err.message, "reading"));
    struct walk_log log = {.stop_after = 0};
    assert_int_equal(journal_each_day(journal, DATE_NONE, DATE_NONE, log_day, &log, &fixture->err),
                     0);
    assert_int_equal(log.count, 1); /* the orphan is skipped, not attached to another day */
    assert_int_equal(log.readings[0], 1);
    journal_close(journal);
}

static void test_backup(void **state)
{
    struct fixture *fixture = *state;
    struct journal *journal = open_journal(fixture);
    save_reading(journal, "2026-03-01", "acne", 3);
    char *copy = testutil_write_file(fixture->dir, "copy.db", "an older file, readable by all");
    assert_int_equal(chmod(copy, 0644), 0);
    assert_int_equal(journal_backup(journal, copy, &fixture->err), 0);
    assert_int_equal(testutil_file_mode(copy), 0600);
    assert_int_equal(journal_backup(journal, fixture->path, &fixture->err), -1);
    assert_int_equal(journal_backup(journal, fixture->dir, &fixture->err), -1);
    assert_int_equal(journal_check_integrity(journal, &fixture->err), 0);
    journal_close(journal);

    struct journal *restored = journal_open_existing(copy, true, &fixture->err);
    assert_non_null(restored);
    assert_null(journal_warning(restored));
    struct day day;
    day_init(&day, DATE_NONE);
    assert_int_equal(journal_load_day(restored, testutil_day("2026-03-01"), &day, &fixture->err),
                     1);
    double value = 0;
    assert_true(day_get_reading(&day, "acne", &value));
    assert_true(value == 3);
    day_release(&day);
    journal_close(restored);
    free(copy);
}

static void test_many_days_in_one_batch(void **state)
{
    struct fixture *fixture = *state;
    (void)state;
    struct journal *journal = open_journal(fixture);
    for (int i = 0; i < 400; i++) {
        struct day day;
        day_init(&day, date_from_parts(2025, 1, 1) + i);
        for (int r = 0; r < 10; r++) {
            char id[16];
            snprintf(id, sizeof id, "m%02d", r);
            day_set_reading(&day, id, r + i % 5);
        }
        save(journal, &day);
        day_release(&day);
    }
    struct walk_log log = {.stop_after = 8};
    assert_int_equal(journal_each_day(journal, testutil_day("2025-06-01"), DATE_NONE, log_day, &log,
                                      &fixture->err),
                     42);
    assert_string_equal(log.dates[0], "2025-06-01");
    assert_int_equal(log.readings[7], 10);
    size_t count = 0;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &fixture->err), 0);
    assert_int_equal(count, 400);
    journal_close(journal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_new, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warns_about_open_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_version_2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_leaves_older_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_write_existing_migrates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_other_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_load_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_replaces_the_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unchanged_rows_keep_their_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_with_given_times, setup, teardown),
        cmocka_unit_test_setup_teardown(test_day_time_only_moves_on_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_odd_ids_survive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejects_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_day_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_note_as_each_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_span_and_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_of_one_metric, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_buckets_follow_the_calendar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_mean_of_metrics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_food_servings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stored_dates_that_are_not_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_waits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_after_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integrity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_days_in_one_batch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
