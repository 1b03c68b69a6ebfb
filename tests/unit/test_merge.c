/* test_merge.c - merging journals: the last change wins value by value, both directions give the
 * same days, a second merge takes nothing, conflicts are reported, a dry run writes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "merge.h"
#include "testutil.h"
#include "xalloc.h"

/* --- merge_day, without a database ---------------------------------------------------------- */

static void put(struct day *day, const char *id, double value, int64_t changed_at)
{
    day_set_reading(day, id, value);
    for (size_t i = 0; i < day->reading_count; i++)
        if (strcmp(day->readings[i].id, id) == 0)
            day->readings[i].changed_at = changed_at;
}

static void test_day_last_change_wins_and_keeps_its_time(void **state)
{
    (void)state;
    struct day ours, theirs, merged;
    day_init(&ours, testutil_day("2026-03-01"));
    day_init(&theirs, testutil_day("2026-03-01"));
    day_init(&merged, DATE_NONE);
    put(&ours, "acne", 2, 200);
    put(&theirs, "acne", 3, 300);
    put(&ours, "stress", 4, 500);
    put(&theirs, "stress", 6, 400);
    put(&theirs, "gas", 1, 50);
    struct merge_report report;
    merge_report_init(&report);
    assert_true(merge_day(&ours, &theirs, &merged, &report));
    double value;
    assert_true(day_get_reading(&merged, "acne", &value) && value == 3);
    assert_true(day_get_reading(&merged, "stress", &value) && value == 4);
    assert_true(day_get_reading(&merged, "gas", &value) && value == 1);
    assert_int_equal(merged.readings[0].changed_at, 300); /* acne */
    assert_int_equal(merged.readings[1].changed_at, 50);  /* gas */
    assert_int_equal(report.newer_values, 2);
    assert_int_equal(report.kept_ours, 1);
    assert_int_equal(report.conflict_count, 2);
    assert_true(report.conflicts[0].took_theirs);
    assert_false(report.conflicts[1].took_theirs);
    assert_string_equal(report.conflicts[1].id, "stress");
    merge_report_release(&report);
    day_release(&ours);
    day_release(&theirs);
    day_release(&merged);
}

static void test_day_tie_keeps_ours(void **state)
{
    (void)state;
    struct day ours, theirs, merged;
    day_init(&ours, testutil_day("2026-03-01"));
    day_init(&theirs, testutil_day("2026-03-01"));
    day_init(&merged, DATE_NONE);
    put(&ours, "acne", 2, 100);
    put(&theirs, "acne", 3, 100);
    day_set_note(&ours, "ours");
    ours.note_changed_at = 100;
    day_set_note(&theirs, "theirs");
    theirs.note_changed_at = 100;
    struct merge_report report;
    merge_report_init(&report);
    /* The values' tie keeps ours; two notes are never settled by clocks: both texts stay, in
     * the same order whichever side merges. */
    assert_true(merge_day(&ours, &theirs, &merged, &report));
    double value;
    assert_true(day_get_reading(&merged, "acne", &value) && value == 2);
    assert_string_equal(merged.note, "ours" MERGE_NOTE_MARK "theirs");
    assert_int_equal(report.kept_ours, 1);
    assert_int_equal(report.notes_joined, 1);
    assert_int_equal(report.conflict_count, 2);
    assert_true(report.conflicts[1].kept_both);
    struct day back;
    day_init(&back, DATE_NONE);
    struct merge_report other;
    merge_report_init(&other);
    merge_day(&theirs, &ours, &back, &other);
    assert_string_equal(back.note, merged.note);
    /* Merging the joined note with either text again changes nothing. */
    struct day again;
    day_init(&again, DATE_NONE);
    assert_false(merge_day(&merged, &theirs, &again, &other));
    day_release(&again);
    day_release(&back);
    merge_report_release(&other);
    merge_report_release(&report);
    day_release(&ours);
    day_release(&theirs);
    day_release(&merged);
}

static void test_day_new_day_taken_whole(void **state)
{
    (void)state;
    struct day theirs, merged;
    day_init(&theirs, testutil_day("2026-03-04"));
    day_init(&merged, DATE_NONE);
    put(&theirs, "gas", 1, 70);
    day_set_note(&theirs, "new");
    theirs.note_changed_at = 80;
    struct merge_report report;
    merge_report_init(&report);
    assert_true(merge_day(NULL, &theirs, &merged, &report));
    assert_true(day_equal(&merged, &theirs));
    assert_int_equal(merged.note_changed_at, 80);
    assert_int_equal(report.new_days, 1);
    assert_int_equal(report.newer_values, 0);
    merge_report_release(&report);
    day_release(&theirs);
    day_release(&merged);
}

/* --- Two journals edited apart -------------------------------------------------------------- */

struct fixture {
    char *dir;
    char *ours;
    char *theirs;
    struct error err;
};

static void at(long seconds)
{
    char text[32];
    snprintf(text, sizeof text, "%ld", seconds);
    setenv("GUTSKIN_NOW", text, 1);
}

enum edit_kind { EDIT_READING, EDIT_FOOD, EDIT_NOTE };

static void edit(const char *path, long when, const char *date, enum edit_kind kind, const char *id,
                 double value)
{
    struct error err;
    at(when);
    struct journal *journal = journal_open(path, &err);
    assert_non_null(journal);
    struct day day;
    day_init(&day, testutil_day(date));
    assert_true(journal_load_day(journal, testutil_day(date), &day, &err) >= 0);
    if (kind == EDIT_READING)
        day_set_reading(&day, id, value);
    else if (kind == EDIT_FOOD)
        day_set_food(&day, id, value);
    else
        day_set_note(&day, id);
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);
    journal_close(journal);
}

static void add_mark(const char *path, const char *date, const char *label)
{
    struct error err;
    struct journal *journal = journal_open(path, &err);
    assert_non_null(journal);
    assert_int_equal(journal_add_mark(journal, testutil_day(date), label, &err), 0);
    journal_close(journal);
}

/* Both start from the same day at t=1000, then each is edited on its own. */
static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->ours = xprintf("%s/ours.db", fixture->dir);
    fixture->theirs = xprintf("%s/theirs.db", fixture->dir);
    const char *both[] = {fixture->ours, fixture->theirs};
    for (int i = 0; i < 2; i++) {
        edit(both[i], 1000, "2026-03-01", EDIT_READING, "acne", 1);
        edit(both[i], 1000, "2026-03-01", EDIT_READING, "bloating", 2);
        edit(both[i], 1000, "2026-03-01", EDIT_FOOD, "kimchi", 1);
        edit(both[i], 1000, "2026-03-01", EDIT_NOTE, "calm day", 0);
        add_mark(both[i], "2026-02-20", "new face cream");
    }
    edit(fixture->ours, 2000, "2026-03-01", EDIT_READING, "acne", 2);
    edit(fixture->ours, 2000, "2026-03-02", EDIT_READING, "stress", 5);
    edit(fixture->ours, 2000, "2026-03-03", EDIT_NOTE, "our note", 0);
    edit(fixture->ours, 4000, "2026-03-01", EDIT_READING, "bloating", 1);
    edit(fixture->theirs, 3000, "2026-03-01", EDIT_READING, "acne", 3);
    edit(fixture->theirs, 3000, "2026-03-01", EDIT_READING, "bloating", 3);
    edit(fixture->theirs, 3000, "2026-03-01", EDIT_FOOD, "oats", 2);
    edit(fixture->theirs, 2500, "2026-03-03", EDIT_NOTE, "their note", 0);
    edit(fixture->theirs, 2500, "2026-03-04", EDIT_READING, "gas", 1);
    add_mark(fixture->theirs, "2026-03-02", "started kefir");
    at(9000); /* the merge itself: taken values must not get this time */
    error_clear(&fixture->err);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture->ours);
    free(fixture->theirs);
    free(fixture);
    unsetenv("GUTSKIN_NOW");
    return 0;
}

static void append(char **text, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void append(char **text, const char *format, ...)
{
    char piece[512];
    va_list args;
    va_start(args, format);
    vsnprintf(piece, sizeof piece, format, args);
    va_end(args);
    char *joined = xprintf("%s%s", *text, piece);
    free(*text);
    *text = joined;
}

/* Every value with its changed_at time, and the marks. */
static int dump_day(const struct day *day, void *context)
{
    char **text = context;
    char date[DATE_TEXT_SIZE];
    date_format(day->day_number, date);
    append(text, "%s [%s@%lld]", date, day->note ? day->note : "",
           (long long)(day->note ? day->note_changed_at : 0));
    for (size_t i = 0; i < day->reading_count; i++)
        append(text, " %s=%g@%lld", day->readings[i].id, day->readings[i].value,
               (long long)day->readings[i].changed_at);
    for (size_t i = 0; i < day->food_count; i++)
        append(text, " food %s=%g@%lld", day->foods[i].id, day->foods[i].value,
               (long long)day->foods[i].changed_at);
    append(text, "\n");
    return 0;
}

static char *dump(const char *path)
{
    struct error err;
    struct journal *journal = journal_open_existing(path, true, &err);
    assert_non_null(journal);
    char *text = xstrdup("");
    assert_int_equal(journal_each_day(journal, DATE_NONE, DATE_NONE, dump_day, &text, &err), 0);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    for (size_t i = 0; i < marks.count; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(marks.items[i].day_number, date);
        append(&text, "mark %s %s\n", date, marks.items[i].label);
    }
    journal_mark_list_release(&marks);
    journal_close(journal);
    return text;
}

static int merge_files(const char *into, const char *from, bool dry_run,
                       struct merge_report *report)
{
    struct error err;
    error_clear(&err);
    struct journal *ours = journal_open(into, &err);
    struct journal *theirs = journal_open_existing(from, true, &err);
    assert_non_null(ours);
    assert_non_null(theirs);
    merge_report_init(report);
    int status = merge_journals(ours, theirs, dry_run, report, &err);
    if (status != 0)
        fail_msg("merge: %s", err.message);
    journal_close(theirs);
    journal_close(ours);
    return status;
}

static char *copy_of(struct fixture *fixture, const char *path, const char *name)
{
    char *copy = xprintf("%s/%s", fixture->dir, name);
    struct journal *journal = journal_open_existing(path, true, &fixture->err);
    assert_non_null(journal);
    assert_int_equal(journal_backup(journal, copy, &fixture->err), 0);
    journal_close(journal);
    return copy;
}

static void test_merge_reports_what_it_took(void **state)
{
    struct fixture *fixture = *state;
    struct merge_report report;
    merge_files(fixture->ours, fixture->theirs, false, &report);
    assert_int_equal(report.new_days, 1);     /* 03-04 */
    assert_int_equal(report.newer_values, 2); /* acne, oats */
    assert_int_equal(report.notes_joined, 1); /* the notes of 03-03 */
    assert_int_equal(report.kept_ours, 1);    /* bloating */
    assert_int_equal(report.new_marks, 1);    /* started kefir */
    assert_int_equal(report.conflict_count, 3);
    const struct merge_conflict *acne = &report.conflicts[0];
    assert_int_equal(acne->day_number, testutil_day("2026-03-01"));
    assert_int_equal(acne->kind, MERGE_READING);
    assert_string_equal(acne->id, "acne");
    assert_true(acne->ours_value == 2 && acne->theirs_value == 3 && acne->took_theirs);
    assert_int_equal(acne->ours_changed_at, 2000);
    assert_int_equal(acne->theirs_changed_at, 3000);
    const struct merge_conflict *bloating = &report.conflicts[1];
    assert_string_equal(bloating->id, "bloating");
    assert_false(bloating->took_theirs);
    const struct merge_conflict *note = &report.conflicts[2];
    assert_int_equal(note->kind, MERGE_NOTE);
    assert_string_equal(note->ours_note, "our note");
    assert_string_equal(note->theirs_note, "their note");
    assert_true(note->kept_both);
    merge_report_release(&report);

    char *merged = dump(fixture->ours);
    assert_non_null(strstr(merged, "2026-03-01 [calm day@1000] acne=3@3000 bloating=1@4000"));
    assert_non_null(strstr(merged, "food oats=2@3000"));
    assert_non_null(strstr(merged, "2026-03-03 [our note" MERGE_NOTE_MARK "their note@2500]"));
    assert_non_null(strstr(merged, "2026-03-04 [@0] gas=1@2500"));
    assert_non_null(strstr(merged, "mark 2026-03-02 started kefir"));
    assert_null(strstr(merged, "@9000"));
    free(merged);
}

static void test_both_directions_agree(void **state)
{
    struct fixture *fixture = *state;
    char *ours_copy = copy_of(fixture, fixture->ours, "ours-copy.db");
    char *theirs_copy = copy_of(fixture, fixture->theirs, "theirs-copy.db");
    struct merge_report report;
    merge_files(fixture->ours, theirs_copy, false, &report);
    merge_report_release(&report);
    merge_files(fixture->theirs, ours_copy, false, &report);
    merge_report_release(&report);
    char *a = dump(fixture->ours);
    char *b = dump(fixture->theirs);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(ours_copy);
    free(theirs_copy);
}

static void test_second_merge_changes_nothing(void **state)
{
    struct fixture *fixture = *state;
    struct merge_report report;
    merge_files(fixture->ours, fixture->theirs, false, &report);
    merge_report_release(&report);
    char *before = dump(fixture->ours);
    at(12000);
    merge_files(fixture->ours, fixture->theirs, false, &report);
    assert_true(merge_report_took_nothing(&report));
    assert_int_equal(report.new_days + report.newer_values + report.new_marks, 0);
    assert_int_equal(report.kept_ours, 1); /* bloating still differs, and ours still wins */
    merge_report_release(&report);
    char *after = dump(fixture->ours);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_dry_run_writes_nothing(void **state)
{
    struct fixture *fixture = *state;
    char *before = dump(fixture->ours);
    struct merge_report report;
    merge_files(fixture->ours, fixture->theirs, true, &report);
    assert_int_equal(report.new_days, 1);
    assert_int_equal(report.newer_values, 2);
    assert_int_equal(report.notes_joined, 1);
    assert_int_equal(report.new_marks, 1);
    merge_report_release(&report);
    char *after = dump(fixture->ours);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_last_change_wins_and_keeps_its_time),
        cmocka_unit_test(test_day_tie_keeps_ours),
        cmocka_unit_test(test_day_new_day_taken_whole),
        cmocka_unit_test_setup_teardown(test_merge_reports_what_it_took, setup, teardown),
        cmocka_unit_test_setup_teardown(test_both_directions_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_merge_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
