/* test_journal_merge.c - saving what a person changed as a merge: values others wrote meanwhile
 * survive, a value both changed is a conflict that waits for the person, load-change-save in one
 * transaction, read snapshots and the freshness counter. Two handles on one file stand for two
 * gutskin processes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

#define DATE testutil_day("2026-03-15")

struct fixture {
    char *dir;
    struct journal *app;   /* the app, whose form holds `base` and `mine` */
    struct journal *shell; /* another gutskin: `gutskin log`, a second window */
    struct day base, mine;
    struct error err;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->dir = testutil_make_temp_dir();
    setenv("GUTSKIN_NOW", "1000", 1);
    f->app = testutil_open_journal(f->dir);
    f->shell = testutil_open_journal(f->dir);
    day_init(&f->base, DATE);
    day_init(&f->mine, DATE);
    error_clear(&f->err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    journal_close(f->app);
    journal_close(f->shell);
    day_release(&f->base);
    day_release(&f->mine);
    testutil_remove_tree(f->dir);
    free(f->dir);
    free(f);
    unsetenv("GUTSKIN_NOW");
    return 0;
}

/* Saves a day through the other handle: sleep, water and a note. */
static void shell_saves(struct fixture *f, double sleep, const char *note)
{
    struct day day;
    day_init(&day, DATE);
    assert_true(journal_load_day(f->shell, DATE, &day, &f->err) >= 0);
    day_set_reading(&day, "sleep-hours", sleep);
    day_set_reading(&day, "water", 5);
    day_set_note(&day, note);
    assert_int_equal(journal_save_day(f->shell, &day, &f->err), 0);
    day_release(&day);
}

/* The form opens: base and mine are the day as saved now. */
static void form_opens(struct fixture *f)
{
    assert_true(journal_load_day(f->app, DATE, &f->base, &f->err) >= 0);
    day_copy(&f->mine, &f->base);
}

static double reading(struct fixture *f, const char *id, bool *present)
{
    struct day day;
    day_init(&day, DATE);
    assert_true(journal_load_day(f->shell, DATE, &day, &f->err) >= 0);
    double value = -1;
    *present = day_get_reading(&day, id, &value);
    day_release(&day);
    return value;
}

static char *saved_note(struct fixture *f)
{
    struct day day;
    day_init(&day, DATE);
    assert_true(journal_load_day(f->shell, DATE, &day, &f->err) >= 0);
    char *note = day.note ? xstrdup(day.note) : NULL;
    day_release(&day);
    return note;
}

/* The app holds an unsaved rating while `gutskin log` saves sleep, water and a note: the app's
 * save keeps all three. (Saving the whole form put sleep back, dropped water and the note.) */
static void test_untouched_values_keep_what_others_wrote(void **state)
{
    struct fixture *f = *state;
    setenv("GUTSKIN_NOW", "1000", 1);
    shell_saves(f, 7, "morning");
    form_opens(f);
    day_set_reading(&f->mine, "acne", 2);
    setenv("GUTSKIN_NOW", "1100", 1);
    shell_saves(f, 9, "from the shell");
    struct day_conflicts conflicts;
    day_conflicts_init(&conflicts);
    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_ASK, &conflicts, &f->err), 0);
    assert_int_equal(conflicts.count, 0);
    bool present;
    assert_true(reading(f, "acne", &present) == 2 && present);
    assert_true(reading(f, "sleep-hours", &present) == 9 && present);
    assert_true(reading(f, "water", &present) == 5 && present);
    char *note = saved_note(f);
    assert_string_equal(note, "from the shell");
    free(note);
    day_conflicts_release(&conflicts);
}

/* Removing a value is a change like any other; a value others removed stays removed. */
static void test_removals_merge_too(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    form_opens(f);
    day_remove_reading(&f->mine, "water");
    struct day other;
    day_init(&other, DATE);
    day_copy(&other, &f->base);
    day_remove_reading(&other, "sleep-hours");
    assert_int_equal(journal_save_day(f->shell, &other, &f->err), 0);
    day_release(&other);
    assert_int_equal(journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_ASK, NULL, &f->err),
                     0);
    bool present;
    reading(f, "water", &present);
    assert_false(present);
    reading(f, "sleep-hours", &present);
    assert_false(present);
    char *note = saved_note(f);
    assert_string_equal(note, "morning");
    free(note);
}

/* Both changed sleep, to different values: nothing is written until the person decides; then
 * each choice does what it says, and the person's other changes are saved with it. */
static void test_same_value_is_a_conflict(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    form_opens(f);
    day_set_reading(&f->mine, "sleep-hours", 6);
    day_set_reading(&f->mine, "acne", 1);
    setenv("GUTSKIN_NOW", "1200", 1);
    shell_saves(f, 9, "morning");
    struct day_conflicts conflicts;
    day_conflicts_init(&conflicts);
    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_ASK, &conflicts, &f->err), 1);
    assert_int_equal(conflicts.count, 1);
    assert_int_equal(conflicts.items[0].kind, DAY_VALUE_READING);
    assert_string_equal(conflicts.items[0].id, "sleep-hours");
    assert_true(conflicts.items[0].mine_set && conflicts.items[0].mine == 6);
    assert_true(conflicts.items[0].theirs_set && conflicts.items[0].theirs == 9);
    assert_int_equal(conflicts.items[0].theirs_changed_at, 1200);
    day_conflicts_release(&conflicts);
    bool present;
    reading(f, "acne", &present);
    assert_false(present); /* asking wrote nothing */

    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_KEEP_THEIRS, NULL, &f->err), 0);
    assert_true(reading(f, "sleep-hours", &present) == 9);
    assert_true(reading(f, "acne", &present) == 1 && present);

    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_KEEP_MINE, NULL, &f->err), 0);
    assert_true(reading(f, "sleep-hours", &present) == 6);
}

/* Both wrote the same value: no question. A note both changed differently is a conflict. */
static void test_agreeing_changes_and_notes(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    form_opens(f);
    day_set_reading(&f->mine, "sleep-hours", 9);
    day_set_note(&f->mine, "mine");
    shell_saves(f, 9, "theirs");
    struct day_conflicts conflicts;
    day_conflicts_init(&conflicts);
    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_ASK, &conflicts, &f->err), 1);
    assert_int_equal(conflicts.count, 1);
    assert_int_equal(conflicts.items[0].kind, DAY_VALUE_NOTE);
    assert_string_equal(conflicts.items[0].mine_note, "mine");
    assert_string_equal(conflicts.items[0].theirs_note, "theirs");
    day_conflicts_release(&conflicts);
    assert_int_equal(
        journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_KEEP_MINE, NULL, &f->err), 0);
    char *note = saved_note(f);
    assert_string_equal(note, "mine");
    free(note);
}

/* A day deleted elsewhere while the form held one change: the change is saved, alone. */
static void test_day_deleted_elsewhere(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    form_opens(f);
    day_set_reading(&f->mine, "acne", 3);
    assert_int_equal(journal_delete_day(f->shell, DATE, &f->err), 0);
    assert_int_equal(journal_merge_day(f->app, &f->base, &f->mine, DAY_MERGE_ASK, NULL, &f->err),
                     0);
    bool present;
    assert_true(reading(f, "acne", &present) == 3 && present);
    reading(f, "sleep-hours", &present);
    assert_false(present);
}

/* Pure three-way merge without a journal: the same rules, one place. */
static void test_day_merge_rules(void **state)
{
    (void)state;
    struct day base, mine, theirs, result;
    day_init(&base, DATE);
    day_init(&mine, DATE);
    day_init(&theirs, DATE);
    day_init(&result, DATE_NONE);
    day_set_food(&base, "kefir", 1);
    day_copy(&mine, &base);
    day_copy(&theirs, &base);
    day_set_food(&mine, "kefir", 2);   /* mine only */
    day_set_food(&theirs, "apple", 1); /* theirs only */
    day_set_food(&mine, "garlic", 1);  /* both added, differently */
    day_set_food(&theirs, "garlic", 2);
    struct day_conflicts conflicts;
    day_conflicts_init(&conflicts);
    assert_int_equal(day_merge(&base, &mine, &theirs, DAY_MERGE_KEEP_THEIRS, &result, &conflicts),
                     1);
    double value;
    assert_true(day_get_food(&result, "kefir", &value) && value == 2);
    assert_true(day_get_food(&result, "apple", &value) && value == 1);
    assert_true(day_get_food(&result, "garlic", &value) && value == 2);
    assert_int_equal(conflicts.items[0].kind, DAY_VALUE_FOOD);
    assert_string_equal(conflicts.items[0].id, "garlic");
    day_conflicts_release(&conflicts);
    assert_int_equal(day_merge(&base, &mine, &theirs, DAY_MERGE_KEEP_MINE, &result, NULL), 1);
    assert_true(day_get_food(&result, "garlic", &value) && value == 1);
    /* Nothing changed here: the result is theirs exactly. */
    assert_int_equal(day_merge(&base, &base, &theirs, DAY_MERGE_ASK, &result, NULL), 0);
    assert_true(day_equal(&result, &theirs));
    day_release(&base);
    day_release(&mine);
    day_release(&theirs);
    day_release(&result);
}

static int add_kefir(struct day *day, void *context, struct error *err)
{
    (void)context;
    (void)err;
    double servings = 0;
    day_get_food(day, "kefir", &servings);
    day_set_food(day, "kefir", servings + 1);
    return 0;
}

/* Load-change-save keeps what is saved and adds to it; a cancelled change writes nothing. */
static void test_update_day(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    assert_int_equal(journal_update_day(f->app, DATE, add_kefir, NULL, &f->err), 0);
    assert_int_equal(journal_update_day(f->app, DATE, add_kefir, NULL, &f->err), 0);
    struct day day;
    day_init(&day, DATE);
    assert_int_equal(journal_load_day(f->shell, DATE, &day, &f->err), 1);
    double value;
    assert_true(day_get_food(&day, "kefir", &value) && value == 2);
    assert_true(day_get_reading(&day, "sleep-hours", &value) && value == 7);
    day_release(&day);
}

static int read_twice(struct journal *journal, void *context, struct error *err)
{
    struct fixture *f = context;
    size_t before = 0, after = 0;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &before, err), 0);
    struct day day;
    day_init(&day, testutil_day("2026-03-16"));
    day_set_reading(&day, "acne", 1);
    assert_int_equal(journal_save_day(f->shell, &day, err), 0); /* not blocked by the reader */
    day_release(&day);
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &after, err), 0);
    assert_int_equal(before, after);
    return 0;
}

/* A snapshot sees one state of the journal and never blocks a writer. */
static void test_read_snapshot(void **state)
{
    struct fixture *f = *state;
    shell_saves(f, 7, "morning");
    assert_int_equal(journal_read_snapshot(f->app, read_twice, f, &f->err), 0);
    size_t days = 0;
    assert_int_equal(journal_count_days(f->app, DATE_NONE, DATE_NONE, &days, &f->err), 0);
    assert_int_equal(days, 2);
}

/* The counter moves on others' commits and on this handle's own writes, not on reads. */
static void test_freshness(void **state)
{
    struct fixture *f = *state;
    uint64_t start = journal_freshness(f->app);
    assert_int_equal(journal_freshness(f->app), start);
    form_opens(f);
    assert_int_equal(journal_freshness(f->app), start);
    shell_saves(f, 7, "morning");
    uint64_t after_other = journal_freshness(f->app);
    assert_true(after_other != start);
    day_set_reading(&f->mine, "acne", 1);
    assert_int_equal(journal_save_day(f->app, &f->mine, &f->err), 0);
    assert_true(journal_freshness(f->app) != after_other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_untouched_values_keep_what_others_wrote, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_removals_merge_too, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_value_is_a_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agreeing_changes_and_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_day_deleted_elsewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_day_merge_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_freshness, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
