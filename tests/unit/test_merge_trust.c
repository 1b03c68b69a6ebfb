/*
 * test_merge_trust.c - a merge to trust: the other journal is checked as `import` checks a file
 * (every problem listed, exit 1, nothing written, --dry-run saying the same), a copy of this
 * journal is kept before writing, and deleted days stay deleted across merges in either
 * direction unless changed after the deletion.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "backups.h"
#include "command_run.h"
#include "journal.h"
#include "merge.h"

static void at(long long seconds)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", seconds);
    setenv("GUTSKIN_NOW", text, 1);
}

static struct journal *open_or_fail(const char *path)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(path, &err);
    if (journal == NULL)
        fail_msg("%s", err.message);
    return journal;
}

static void save(const char *path, long long when, const char *date, const char *metric,
                 double value, const char *note)
{
    at(when);
    struct journal *journal = open_or_fail(path);
    struct error err = {ERROR_NONE, ""};
    struct day day;
    day_init(&day, testutil_day(date));
    assert_true(journal_load_day(journal, testutil_day(date), &day, &err) >= 0);
    day_set_reading(&day, metric, value);
    if (note != NULL)
        day_set_note(&day, note);
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);
    journal_close(journal);
}

static void delete_day(const char *path, long long when, const char *date)
{
    at(when);
    struct journal *journal = open_or_fail(path);
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(journal_delete_day(journal, testutil_day(date), &err), 0);
    journal_close(journal);
}

static void merge(const char *into, const char *from)
{
    at(99000);
    struct journal *ours = open_or_fail(into);
    struct error err = {ERROR_NONE, ""};
    struct journal *theirs = journal_open_existing(from, true, &err);
    assert_non_null(theirs);
    struct merge_report report;
    merge_report_init(&report);
    if (merge_journals(ours, theirs, false, &report, &err) != 0)
        fail_msg("merge: %s", err.message);
    merge_report_release(&report);
    journal_close(theirs);
    journal_close(ours);
}

static int dump_day(const struct day *day, void *context)
{
    char **text = context;
    char date[DATE_TEXT_SIZE];
    date_format(day->day_number, date);
    char *line = xprintf("%s%s [%s]", *text, date, day->note ? day->note : "");
    free(*text);
    *text = line;
    for (size_t i = 0; i < day->reading_count; i++) {
        line = xprintf("%s %s=%g@%lld", *text, day->readings[i].id, day->readings[i].value,
                       (long long)day->readings[i].changed_at);
        free(*text);
        *text = line;
    }
    line = xprintf("%s\n", *text);
    free(*text);
    *text = line;
    return 0;
}

static char *dump(const char *path)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(path, true, &err);
    assert_non_null(journal);
    char *text = xstrdup("");
    assert_int_equal(journal_each_day(journal, DATE_NONE, DATE_NONE, dump_day, &text, &err), 0);
    journal_close(journal);
    return text;
}

struct pair {
    char *dir, *a, *b;
};

/* Two journals that share 03-01 and 03-02, saved at t=1000. */
static struct pair *pair_new(void)
{
    struct pair *pair = xcalloc(1, sizeof *pair);
    pair->dir = testutil_make_temp_dir();
    pair->a = xprintf("%s/a.db", pair->dir);
    pair->b = xprintf("%s/b.db", pair->dir);
    const char *both[] = {pair->a, pair->b};
    for (int i = 0; i < 2; i++) {
        save(both[i], 1000, "2026-03-01", "acne", 1, "first");
        save(both[i], 1000, "2026-03-02", "acne", 2, NULL);
    }
    return pair;
}

static void pair_free(struct pair *pair)
{
    testutil_remove_tree(pair->dir);
    free(pair->dir);
    free(pair->a);
    free(pair->b);
    free(pair);
    unsetenv("GUTSKIN_NOW");
}

/* Merges both ways, twice, and returns A's days, which must be B's. */
static char *merge_both_ways(struct pair *pair)
{
    merge(pair->a, pair->b);
    merge(pair->b, pair->a);
    char *a = dump(pair->a), *b = dump(pair->b);
    assert_string_equal(a, b);
    merge(pair->b, pair->a);
    merge(pair->a, pair->b);
    char *again = dump(pair->a);
    assert_string_equal(a, again);
    free(again);
    free(b);
    return a;
}

static void test_deleted_day_stays_deleted(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    delete_day(pair->a, 2000, "2026-03-01");
    char *days = merge_both_ways(pair);
    assert_null(strstr(days, "2026-03-01"));
    assert_non_null(strstr(days, "2026-03-02"));
    free(days);
    pair_free(pair);
}

/* The other direction first: B merges A's deletion in before A hears of anything. */
static void test_deleted_day_stays_deleted_other_way(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    delete_day(pair->b, 2000, "2026-03-02");
    merge(pair->a, pair->b);
    char *a = dump(pair->a);
    assert_null(strstr(a, "2026-03-02"));
    free(a);
    char *days = merge_both_ways(pair);
    assert_null(strstr(days, "2026-03-02"));
    free(days);
    pair_free(pair);
}

static void test_day_changed_after_deletion_comes_back(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    delete_day(pair->a, 2000, "2026-03-01");
    save(pair->b, 3000, "2026-03-01", "redness", 3, NULL);
    char *days = merge_both_ways(pair);
    assert_non_null(strstr(days, "2026-03-01 [first] acne=1@1000 redness=3@3000"));
    free(days);
    pair_free(pair);
}

static void test_day_changed_before_deletion_goes(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    save(pair->b, 2000, "2026-03-01", "redness", 3, NULL);
    delete_day(pair->a, 3000, "2026-03-01");
    char *days = merge_both_ways(pair);
    assert_null(strstr(days, "2026-03-01"));
    free(days);
    pair_free(pair);
}

/* --- Values removed from a day that stays ------------------------------------------------------
 */

/* Removes a reading (or with metric NULL, the note) from a day, as the check-in does. */
static void remove_value(const char *path, long long when, const char *date, const char *metric)
{
    at(when);
    struct journal *journal = open_or_fail(path);
    struct error err = {ERROR_NONE, ""};
    struct day day;
    day_init(&day, testutil_day(date));
    assert_int_equal(journal_load_day(journal, testutil_day(date), &day, &err), 1);
    if (metric != NULL)
        day_remove_reading(&day, metric);
    else
        day_set_note(&day, NULL);
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);
    journal_close(journal);
}

/* The pair, with redness=2 on 03-01 in both, saved at 1000. */
static struct pair *pair_with_redness(void)
{
    struct pair *pair = pair_new();
    save(pair->a, 1000, "2026-03-01", "redness", 2, NULL);
    save(pair->b, 1000, "2026-03-01", "redness", 2, NULL);
    return pair;
}

static void test_removed_value_stays_removed(void **state)
{
    (void)state;
    struct pair *pair = pair_with_redness();
    remove_value(pair->a, 2000, "2026-03-01", "redness");
    char *days = merge_both_ways(pair);
    assert_string_equal(days, "2026-03-01 [first] acne=1@1000\n2026-03-02 [] acne=2@1000\n");
    free(days);
    pair_free(pair);
}

static void test_value_changed_after_removal_comes_back(void **state)
{
    (void)state;
    struct pair *pair = pair_with_redness();
    remove_value(pair->a, 2000, "2026-03-01", "redness");
    save(pair->b, 3000, "2026-03-01", "redness", 3, NULL);
    char *days = merge_both_ways(pair);
    assert_non_null(strstr(days, "2026-03-01 [first] acne=1@1000 redness=3@3000\n"));
    free(days);
    pair_free(pair);
}

/* Changed there before it was removed here: the later change, the removal, wins (as between two
 * values), and the merge says so. */
static void test_value_changed_before_removal_goes(void **state)
{
    (void)state;
    struct pair *pair = pair_with_redness();
    save(pair->b, 1500, "2026-03-01", "redness", 3, NULL);
    remove_value(pair->a, 2000, "2026-03-01", "redness");
    at(99000);
    struct error err = {ERROR_NONE, ""};
    struct journal *ours = open_or_fail(pair->a);
    struct journal *theirs = journal_open_existing(pair->b, true, &err);
    assert_non_null(theirs);
    struct merge_report report;
    merge_report_init(&report);
    assert_int_equal(merge_journals(ours, theirs, true, &report, &err), 0);
    assert_int_equal(report.kept_removed, 1);
    assert_int_equal(report.conflict_count, 1);
    assert_true(report.conflicts[0].ours_removed);
    assert_false(report.conflicts[0].took_theirs);
    assert_true(report.conflicts[0].theirs_value == 3);
    merge_report_release(&report);
    journal_close(theirs);
    journal_close(ours);
    struct command_run *run = command_run_new();
    run->options.db_path = pair->a;
    setenv("GUTSKIN_BACKUPS", "off", 1);
    assert_int_equal(command_run(run, command_merge, "merge", "--dry-run", pair->b, NULL), 0);
    unsetenv("GUTSKIN_BACKUPS");
    assert_contains(run->out, "would keep 1 value removed here");
    assert_contains(run->out, "  2026-03-01 redness: ours removed at 1970-01-01 00:33, theirs 3 "
                              "(changed 1970-01-01 00:25) -> would keep it removed\n");
    command_run_free(run);
    char *days = merge_both_ways(pair);
    assert_null(strstr(days, "redness"));
    free(days);
    pair_free(pair);
}

static void test_removed_note_stays_removed(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    remove_value(pair->a, 2000, "2026-03-01", NULL);
    char *days = merge_both_ways(pair);
    assert_non_null(strstr(days, "2026-03-01 [] acne=1@1000\n"));
    free(days);
    pair_free(pair);
}

/* A note changed there that the removal here never saw is a text the person wrote: it comes
 * back, whatever the clocks say. */
static void test_note_changed_elsewhere_comes_back(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    save(pair->b, 1500, "2026-03-01", "acne", 1, "first, and more");
    remove_value(pair->a, 2000, "2026-03-01", NULL);
    char *days = merge_both_ways(pair);
    assert_non_null(strstr(days, "2026-03-01 [first, and more] acne=1@1000\n"));
    free(days);
    pair_free(pair);
}

static size_t removals_in(const char *path)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(path, true, &err);
    assert_non_null(journal);
    struct journal_value_deletion_list list;
    journal_value_deletion_list_init(&list);
    assert_int_equal(journal_list_value_deletions(journal, &list, &err), 0);
    size_t count = list.count;
    journal_value_deletion_list_release(&list);
    journal_close(journal);
    return count;
}

/* A value (or the note) set again forgets its removal: it is simply there, and wins as usual. */
static void test_value_set_again_forgets_its_removal(void **state)
{
    (void)state;
    struct pair *pair = pair_with_redness();
    remove_value(pair->a, 2000, "2026-03-01", "redness");
    remove_value(pair->a, 2000, "2026-03-01", NULL);
    assert_int_equal(removals_in(pair->a), 2);
    save(pair->a, 2500, "2026-03-01", "redness", 4, "again");
    assert_int_equal(removals_in(pair->a), 0);
    char *days = merge_both_ways(pair);
    assert_non_null(strstr(days, "2026-03-01 [first" MERGE_NOTE_MARK "again] acne=1@1000 "
                                 "redness=4@2500\n"));
    free(days);
    pair_free(pair);
}

/* The removal travels on: B hears of it from A, then C from B. */
static void test_value_removal_travels(void **state)
{
    (void)state;
    struct pair *pair = pair_with_redness();
    char *c = xprintf("%s/c.db", pair->dir);
    merge(c, pair->a);
    remove_value(pair->a, 2000, "2026-03-01", "redness");
    merge(pair->b, pair->a);
    merge(c, pair->b);
    char *days = dump(c);
    assert_null(strstr(days, "redness"));
    assert_non_null(strstr(days, "2026-03-01 [first] acne=1@1000\n"));
    free(days);
    free(c);
    pair_free(pair);
}

/* --- Marks ------------------------------------------------------------------------------------ */

static void tamper(const char *path, const char *sql);

static void add_mark(const char *path, long long when, const char *date, const char *label)
{
    at(when);
    struct journal *journal = open_or_fail(path);
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(journal_add_mark(journal, testutil_day(date), label, &err), 0);
    journal_close(journal);
}

/* Removes the mark of `date` and `label`, as Trends' d does. */
static void remove_mark(const char *path, long long when, const char *date, const char *label)
{
    at(when);
    struct journal *journal = open_or_fail(path);
    struct error err = {ERROR_NONE, ""};
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    int64_t id = -1;
    for (size_t i = 0; i < marks.count; i++)
        if (marks.items[i].day_number == testutil_day(date) &&
            strcmp(marks.items[i].label, label) == 0)
            id = marks.items[i].id;
    assert_true(id >= 0);
    assert_int_equal(journal_delete_mark(journal, id, &err), 0);
    journal_mark_list_release(&marks);
    journal_close(journal);
}

/* "DATE LABEL@TIME" per mark, oldest first. */
static char *marks_text(const char *path)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(path, true, &err);
    assert_non_null(journal);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    char *text = xstrdup("");
    for (size_t i = 0; i < marks.count; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(marks.items[i].day_number, date);
        char *line = xprintf("%s%s %s@%lld\n", text, date, marks.items[i].label,
                             (long long)marks.items[i].changed_at);
        free(text);
        text = line;
    }
    journal_mark_list_release(&marks);
    journal_close(journal);
    return text;
}

/* Merges both ways, twice: A's marks, which must be B's and stay so. */
static char *merge_marks_both_ways(struct pair *pair)
{
    merge(pair->a, pair->b);
    merge(pair->b, pair->a);
    char *a = marks_text(pair->a), *b = marks_text(pair->b);
    assert_string_equal(a, b);
    merge(pair->a, pair->b);
    merge(pair->b, pair->a);
    char *again = marks_text(pair->a);
    assert_string_equal(a, again);
    free(again);
    free(b);
    return a;
}

static void test_removed_mark_stays_removed(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    add_mark(pair->a, 1000, "2026-03-01", "started kefir");
    add_mark(pair->a, 1000, "2026-03-02", "stopped dairy");
    merge(pair->b, pair->a);
    remove_mark(pair->a, 2000, "2026-03-01", "started kefir");
    char *marks = merge_marks_both_ways(pair);
    assert_string_equal(marks, "2026-03-02 stopped dairy@1000\n");
    free(marks);
    pair_free(pair);
}

/* The removal made in B reaches A, and from A a third journal that never heard of it. */
static void test_mark_removal_travels(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    char *c = xprintf("%s/c.db", pair->dir);
    add_mark(pair->a, 1000, "2026-03-01", "started kefir");
    merge(pair->b, pair->a);
    merge(c, pair->a);
    remove_mark(pair->b, 2000, "2026-03-01", "started kefir");
    merge(pair->a, pair->b);
    char *marks = marks_text(pair->a);
    assert_string_equal(marks, "");
    free(marks);
    merge(c, pair->a);
    marks = marks_text(c);
    assert_string_equal(marks, "");
    free(marks);
    free(c);
    pair_free(pair);
}

static void test_mark_added_after_removal_comes_back(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    add_mark(pair->a, 1000, "2026-03-01", "started kefir");
    remove_mark(pair->a, 2000, "2026-03-01", "started kefir");
    add_mark(pair->b, 3000, "2026-03-01", "started kefir");
    char *marks = merge_marks_both_ways(pair);
    assert_string_equal(marks, "2026-03-01 started kefir@3000\n");
    free(marks);
    pair_free(pair);
}

/* Of two marks with the same date and label, removing one leaves the mark there. */
static void test_removing_a_twin_keeps_the_mark(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    add_mark(pair->a, 1000, "2026-03-01", "started kefir");
    merge(pair->b, pair->a);
    add_mark(pair->a, 1500, "2026-03-01", "started kefir");
    remove_mark(pair->a, 2000, "2026-03-01", "started kefir");
    char *marks = merge_marks_both_ways(pair);
    assert_non_null(strstr(marks, "2026-03-01 started kefir@"));
    free(marks);
    pair_free(pair);
}

/* A journal of schema 5, from before mark tombstones: read as it is as the other side of a merge,
 * and migrated, its marks and days kept, when opened to write. */
static void test_journal_before_mark_tombstones(void **state)
{
    (void)state;
    struct pair *pair = pair_new();
    add_mark(pair->b, 1000, "2026-03-01", "started kefir");
    tamper(pair->b, "DROP TABLE deleted_mark; DROP TABLE deleted_value; PRAGMA user_version = 5;");
    merge(pair->a, pair->b);
    char *marks = marks_text(pair->a);
    assert_string_equal(marks, "2026-03-01 started kefir@1000\n");
    free(marks);
    char *days = dump(pair->b);
    struct journal *journal = open_or_fail(pair->b);
    assert_int_equal(journal_schema_version(journal), JOURNAL_SCHEMA_VERSION);
    journal_close(journal);
    char *migrated = dump(pair->b);
    assert_string_equal(days, migrated);
    marks = marks_text(pair->b);
    assert_string_equal(marks, "2026-03-01 started kefir@1000\n");
    remove_mark(pair->b, 2000, "2026-03-01", "started kefir");
    merge(pair->a, pair->b);
    free(marks);
    marks = marks_text(pair->a);
    assert_string_equal(marks, "");
    free(marks);
    free(days);
    free(migrated);
    pair_free(pair);
}

/* --- Checking the other journal ------------------------------------------------------------- */

/* Runs fixed SQL on a journal file, as another program might have. */
static void tamper(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("tamper: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
}

static char *checksum(const char *path)
{
    size_t length = 0;
    char *bytes = testutil_read_file(path, &length);
    assert_non_null(bytes);
    unsigned long long sum = 1469598103934665603ULL;
    for (size_t i = 0; i < length; i++)
        sum = (sum ^ (unsigned char)bytes[i]) * 1099511628211ULL;
    free(bytes);
    return xprintf("%zu:%llx", length, sum);
}

/* The other journal, with the days of ours at 2026-03-10 and then `sql` run on it. */
static char *other_journal(struct command_run *run, const char *sql)
{
    char *other = xprintf("%s/other.db", run->dir);
    const char *saved = run->options.db_path;
    run->options.db_path = other;
    assert_int_equal(command_run(run, command_log, "log", "acne=2", "sleep-hours=7", "--food",
                                 "kimchi", "--note", "theirs", NULL),
                     0);
    run->options.db_path = saved;
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(other, &err);
    assert_non_null(journal);
    assert_int_equal(journal_add_mark(journal, testutil_day("2026-03-01"), "started kefir", &err),
                     0);
    journal_close(journal);
    if (sql != NULL)
        tamper(other, sql);
    return other;
}

static void expect_refused(struct command_run *run, const char *other, const char *const *lines)
{
    char *before = checksum(run->db_path);
    const char *modes[] = {"--dry-run", NULL};
    for (int m = 0; m < 2; m++) {
        if (modes[m] != NULL)
            command_run(run, command_merge, "merge", modes[m], other, NULL);
        else
            command_run(run, command_merge, "merge", other, NULL);
        assert_int_equal(run->status, 1);
        for (size_t i = 0; lines[i] != NULL; i++)
            assert_contains(run->err, lines[i]);
        assert_contains(run->err, "nothing merged");
        assert_string_equal(run->out, "");
    }
    char *after = checksum(run->db_path);
    assert_string_equal(before, after);
    char *copies = xprintf("%s/backups", run->dir);
    struct backups_list list;
    backups_list_init(&list);
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(backups_list_read(run->db_path, &list, &err), 0);
    for (size_t i = 0; i < list.count; i++)
        assert_null(strstr(list.items[i].name, "before-merge"));
    backups_list_release(&list);
    free(copies);
    free(before);
    free(after);
}

static struct command_run *ours_with_a_day(void)
{
    struct command_run *run = command_run_new();
    setenv("GUTSKIN_BACKUPS", "off", 1);
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-03-09", "acne=1", NULL),
                     0);
    unsetenv("GUTSKIN_BACKUPS");
    return run;
}

static void test_bad_values_refused_every_one_listed(void **state)
{
    (void)state;
    struct command_run *run = ours_with_a_day();
    char *other = other_journal(
        run, "UPDATE reading SET value = 99 WHERE metric = 'acne';"
             "INSERT INTO reading VALUES ('2026-03-10', 'redness', 2.5, 100);"
             "UPDATE food_eaten SET servings = 1e308;"
             "INSERT INTO reading VALUES ('2026-03-10', 'Not An Id!', 1, 100);"
             "UPDATE day SET note = CAST(X'6869FF' AS TEXT);"
             "UPDATE mark SET date = '2026-02-30';"
             "INSERT INTO deleted_mark VALUES ('2026-03-02', '', 100);"
             "UPDATE reading SET changed_at = 99999999999 WHERE metric = 'sleep-hours';");
    const char *lines[] = {"2026-03-10: value 99 for 'acne' is out of range",
                           "2026-03-10: value 2.5 for 'redness'",
                           "kimchi",
                           "\"Not An Id!\" is not a valid metric id",
                           "2026-03-10: the note is not valid UTF-8 text",
                           "mark 1: \"2026-02-30\" is not a date",
                           "2026-03-02: a removed mark's label is empty or not valid UTF-8",
                           "sleep-hours was changed at an impossible time",
                           NULL};
    expect_refused(run, other, lines);
    free(other);
    command_run_free(run);
}

/* Merge takes values by import's rule (import_take_value()): a habit's value outside today's
 * range (narrowed since) and an id the content no longer defines come in, with import's one
 * warning line; a sign's severity outside 0-4 (above) is refused. */
static void test_values_content_no_longer_allows_are_kept(void **state)
{
    (void)state;
    struct command_run *run = ours_with_a_day();
    char *other =
        other_journal(run, "UPDATE reading SET value = 15 WHERE metric = 'sleep-hours';"
                           "INSERT INTO reading VALUES ('2026-03-10', 'old-itch', 3, 100);");
    assert_int_equal(command_run(run, command_merge, "merge", other, NULL), 0);
    assert_contains(run->err, "gutskin: warning: ");
    assert_contains(run->err, "other.db: kept 2 values as they were, though today's content does "
                              "not allow them: 1 outside today's ranges (sleep-hours); 1 for ids "
                              "the content does not define (old-itch)\n");
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(run->db_path, &err);
    struct day day;
    day_init(&day, DATE_NONE);
    assert_int_equal(journal_load_day(journal, testutil_day("2026-03-10"), &day, &err), 1);
    double value = 0;
    assert_true(day_get_reading(&day, "sleep-hours", &value) && value == 15);
    assert_true(day_get_reading(&day, "old-itch", &value) && value == 3);
    day_release(&day);
    journal_close(journal);
    free(other);
    command_run_free(run);
}

static void test_wrong_types_refused(void **state)
{
    (void)state;
    struct command_run *run = ours_with_a_day();
    char *other =
        other_journal(run, "UPDATE reading SET value = 'lots' WHERE metric = 'acne';"
                           "UPDATE mark SET label = X'00';"
                           "INSERT INTO deleted_mark VALUES ('2026-03-02', 'x', 'soon');");
    const char *lines[] = {"2026-03-10: the value of acne is text, not a number",
                           "mark 1: the label is blob, not text",
                           "a removed mark: the time of its removal is text, not integer", NULL};
    expect_refused(run, other, lines);
    free(other);
    command_run_free(run);
}

static void test_damaged_file_refused(void **state)
{
    (void)state;
    struct command_run *run = ours_with_a_day();
    char *other = other_journal(run, "PRAGMA journal_mode = DELETE;");
    /* Scribble over the second page: the tables' b-trees no longer hold together. */
    FILE *file = fopen(other, "r+b");
    assert_non_null(file);
    fseek(file, 4096 + 8, SEEK_SET);
    for (int i = 0; i < 200; i++)
        fputc(0x5A, file);
    fclose(file);
    char *before = checksum(other);
    command_run(run, command_merge, "merge", other, NULL);
    assert_int_equal(run->status, 1);
    assert_string_equal(run->out, "");
    char *after = checksum(other);
    assert_string_equal(before, after); /* only read */
    free(before);
    free(after);
    free(other);
    command_run_free(run);
}

/* A good merge: the dry run says what the real run does, and a copy is kept first. */
static void test_good_merge_backs_up_first(void **state)
{
    (void)state;
    struct command_run *run = ours_with_a_day();
    char *other = other_journal(run, NULL);
    assert_int_equal(command_run(run, command_merge, "merge", "--dry-run", other, NULL), 0);
    assert_contains(run->out, "would take 1 new day, 0 newer values, 1 mark");
    assert_contains(run->out, "a copy of this journal would be kept in the backups folder");
    char *dry = xstrdup(run->out);
    assert_int_equal(command_run(run, command_merge, "merge", other, NULL), 0);
    assert_contains(run->out, "took 1 new day, 0 newer values, 1 mark");
    assert_contains(run->out, "before-merge.db");
    struct backups_list list;
    backups_list_init(&list);
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(backups_list_read(run->db_path, &list, &err), 0);
    size_t before_merge = 0;
    for (size_t i = 0; i < list.count; i++)
        before_merge += strstr(list.items[i].name, "-before-merge.db") != NULL;
    assert_int_equal(before_merge, 1);
    backups_list_release(&list);
    assert_int_equal(command_run(run, command_merge, "merge", other, NULL), 0);
    assert_contains(run->out, "nothing to take");
    free(dry);
    free(other);
    command_run_free(run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deleted_day_stays_deleted),
        cmocka_unit_test(test_deleted_day_stays_deleted_other_way),
        cmocka_unit_test(test_day_changed_after_deletion_comes_back),
        cmocka_unit_test(test_day_changed_before_deletion_goes),
        cmocka_unit_test(test_removed_value_stays_removed),
        cmocka_unit_test(test_value_changed_after_removal_comes_back),
        cmocka_unit_test(test_value_changed_before_removal_goes),
        cmocka_unit_test(test_removed_note_stays_removed),
        cmocka_unit_test(test_note_changed_elsewhere_comes_back),
        cmocka_unit_test(test_value_removal_travels),
        cmocka_unit_test(test_value_set_again_forgets_its_removal),
        cmocka_unit_test(test_removed_mark_stays_removed),
        cmocka_unit_test(test_mark_removal_travels),
        cmocka_unit_test(test_mark_added_after_removal_comes_back),
        cmocka_unit_test(test_removing_a_twin_keeps_the_mark),
        cmocka_unit_test(test_journal_before_mark_tombstones),
        cmocka_unit_test(test_bad_values_refused_every_one_listed),
        cmocka_unit_test(test_values_content_no_longer_allows_are_kept),
        cmocka_unit_test(test_wrong_types_refused),
        cmocka_unit_test(test_damaged_file_refused),
        cmocka_unit_test(test_good_merge_backs_up_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
