/*
 * test_merge_experiments.c - a merge carries experiments: a plan only the other journal has is
 * added with its schedule exactly as planned, the same plan is never doubled, a stop made there
 * first is taken, and two experiments that would run at once refuse the merge with a message
 * the person can act on, nothing written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "command_run.h"
#include "dates.h"
#include "experiment.h"
#include "journal.h"
#include "merge.h"

struct two {
    struct command_run *run;
    char *a, *b;
};

static struct two *two_new(void)
{
    struct two *two = xcalloc(1, sizeof *two);
    two->run = command_run_new();
    two->a = xprintf("%s/a.db", two->run->dir);
    two->b = xprintf("%s/b.db", two->run->dir);
    setenv("GUTSKIN_BACKUPS", "off", 1);
    return two;
}

static void two_free(struct two *two)
{
    free(two->a);
    free(two->b);
    command_run_free(two->run);
    free(two);
    unsetenv("GUTSKIN_BACKUPS");
    setenv("GUTSKIN_TODAY", "2026-03-10", 1);
}

/* Runs a command on the journal at `path`. */
static int on(struct two *two, const char *path, ...)
{
    two->run->options.db_path = path;
    va_list args;
    va_start(args, path);
    command_run_fn *fn = va_arg(args, command_run_fn *);
    int status = command_run_v(two->run, two->run->dir, fn, args);
    va_end(args);
    return status;
}

static void log_day(struct two *two, const char *path, const char *date, const char *reading)
{
    if (on(two, path, command_log, "log", "--date", date, reading, NULL) != 0)
        fail_msg("log: %s", two->run->err);
}

static void start(struct two *two, const char *path, const char *change, const char *seed)
{
    if (on(two, path, command_experiment, "experiment", "start", "--change", change, "--outcome",
           "acne", "--periods", "3", "--period-days", "5", "--washout-days", "1", "--start",
           "2026-03-10", "--seed", seed, NULL) != 0)
        fail_msg("experiment start: %s", two->run->err);
}

static int merge(struct two *two, const char *into, const char *from, bool dry_run)
{
    return dry_run ? on(two, into, command_merge, "merge", "--dry-run", from, NULL)
                   : on(two, into, command_merge, "merge", from, NULL);
}

/* The plans saved in the journal at `path` (free()). */
static struct experiment_plan *plans_of(const char *path, size_t *count)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(path, true, &err);
    assert_non_null(journal);
    struct experiment_plan *plans = NULL;
    assert_int_equal(journal_list_experiments(journal, &plans, count, &err), 0);
    journal_close(journal);
    return plans;
}

/* A copy of the journal at `from`, as `gutskin backup` makes one. */
static void copy_journal(const char *from, const char *to)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(from, true, &err);
    assert_non_null(journal);
    assert_int_equal(journal_backup(journal, to, &err), 0);
    journal_close(journal);
}

static void test_plan_only_there_is_added_as_planned(void **state)
{
    (void)state;
    struct two *two = two_new();
    log_day(two, two->a, "2026-03-02", "acne=1");
    log_day(two, two->b, "2026-03-01", "acne=2");
    start(two, two->b, "take food:kefir", "42");

    assert_int_equal(merge(two, two->a, two->b, true), 0);
    assert_contains(two->run->out, "would take 1 new day, 0 newer values, 1 experiment");
    assert_contains(two->run->out, "experiments:\n  would add take food:kefir -> sign:acne from "
                                   "2026-03-10, 3 pairs of 5 days (washout 1), seed 42\n");
    size_t count = 0;
    free(plans_of(two->a, &count));
    assert_int_equal(count, 0); /* the dry run wrote nothing */

    assert_int_equal(merge(two, two->a, two->b, false), 0);
    assert_contains(two->run->out, "  added take food:kefir -> sign:acne from 2026-03-10");
    size_t theirs_count = 0;
    struct experiment_plan *ours = plans_of(two->a, &count);
    struct experiment_plan *theirs = plans_of(two->b, &theirs_count);
    assert_int_equal(count, 1);
    assert_int_equal(theirs_count, 1);
    assert_true(experiment_same_plan(&ours[0], &theirs[0]));
    assert_true(ours[0].seed == 42);
    assert_int_equal(ours[0].stopped_day, -1);
    for (int period = 0; period < 2 * ours[0].pairs; period++) {
        assert_int_equal(experiment_period_with(&ours[0], period),
                         experiment_period_with(&theirs[0], period));
        assert_int_equal(experiment_period_start(&ours[0], period),
                         experiment_period_start(&theirs[0], period));
    }
    free(ours);
    free(theirs);

    /* Again, and back: the same plan is never doubled. */
    assert_int_equal(merge(two, two->a, two->b, false), 0);
    assert_contains(two->run->out, "nothing to take");
    assert_int_equal(merge(two, two->b, two->a, false), 0);
    free(plans_of(two->a, &count));
    assert_int_equal(count, 1);
    free(plans_of(two->b, &count));
    assert_int_equal(count, 1);
    two_free(two);
}

/* A plan copied to two journals and stopped in both: the earlier stop wins, either way. */
static void test_earlier_stop_is_taken(void **state)
{
    (void)state;
    struct two *two = two_new();
    char *c = xprintf("%s/c.db", two->run->dir);
    log_day(two, two->a, "2026-03-02", "acne=1");
    start(two, two->a, "avoid category:limit-these", "7");
    copy_journal(two->a, two->b);
    copy_journal(two->a, c);
    setenv("GUTSKIN_TODAY", "2026-03-12", 1);
    assert_int_equal(on(two, two->b, command_experiment, "experiment", "stop", NULL), 0);
    setenv("GUTSKIN_TODAY", "2026-03-15", 1);
    assert_int_equal(on(two, two->a, command_experiment, "experiment", "stop", NULL), 0);

    assert_int_equal(merge(two, two->a, two->b, false), 0);
    assert_contains(two->run->out, "1 experiment stop");
    assert_contains(two->run->out, "  stopped on 2026-03-12, as there: avoid "
                                   "category:limit-these -> sign:acne from 2026-03-10");
    size_t count = 0;
    struct experiment_plan *plans = plans_of(two->a, &count);
    int stopped;
    assert_true(date_parse("2026-03-12", &stopped));
    assert_int_equal(count, 1);
    assert_int_equal(plans[0].stopped_day, stopped);
    free(plans);
    assert_int_equal(merge(two, two->b, two->a, false), 0);
    assert_contains(two->run->out, "nothing to take");

    /* A journal where it still runs takes the stop too. */
    assert_int_equal(merge(two, c, two->a, false), 0);
    plans = plans_of(c, &count);
    assert_int_equal(count, 1);
    assert_int_equal(plans[0].stopped_day, stopped);
    free(plans);
    free(c);
    two_free(two);
}

static void test_two_running_refuse_the_merge(void **state)
{
    (void)state;
    struct two *two = two_new();
    log_day(two, two->a, "2026-03-02", "acne=1");
    log_day(two, two->b, "2026-03-05", "acne=3");
    start(two, two->a, "avoid category:limit-these", "1");
    start(two, two->b, "take food:kefir", "2");
    for (int dry_run = 1; dry_run >= 0; dry_run--) {
        assert_int_equal(merge(two, two->a, two->b, dry_run), 1);
        assert_contains(two->run->err, "nothing merged: the experiment 'take food:kefir' (from "
                                       "2026-03-10) runs in ");
        assert_contains(two->run->err, "and 'avoid category:limit-these' (from 2026-03-10) runs "
                                       "in this journal; one runs at a time: end one with gutskin "
                                       "experiment stop (for the other journal: gutskin --db ");
    }
    /* Nothing was written: not the day, not the plan. */
    assert_int_equal(on(two, two->a, command_show, "show", "2026-03-05", NULL), 1);
    size_t count = 0;
    free(plans_of(two->a, &count));
    assert_int_equal(count, 1);

    /* The person ends the other one; then everything comes, and ours is still the one that
     * runs, though theirs was saved after it. */
    setenv("GUTSKIN_TODAY", "2026-03-11", 1);
    assert_int_equal(on(two, two->b, command_experiment, "experiment", "stop", NULL), 0);
    assert_int_equal(merge(two, two->a, two->b, false), 0);
    assert_contains(two->run->out, "  added take food:kefir -> sign:acne from 2026-03-10, 3 "
                                   "pairs of 5 days (washout 1), seed 2, stopped 2026-03-11\n");
    struct experiment_plan *plans = plans_of(two->a, &count);
    assert_int_equal(count, 2);
    assert_string_equal(plans[experiment_current(plans, count, date_today())].change_id,
                        "limit-these");
    free(plans);
    assert_int_equal(on(two, two->a, command_experiment, "experiment", "show", NULL), 0);
    assert_contains(two->run->out, "limit");
    assert_int_equal(on(two, two->a, command_experiment, "experiment", "stop", NULL), 0);
    two_free(two);
}

/* A plan no gutskin wrote is a problem of the other journal, never dropped in silence. */
static void test_unreadable_plan_refused(void **state)
{
    (void)state;
    struct two *two = two_new();
    log_day(two, two->a, "2026-03-02", "acne=1");
    start(two, two->b, "take food:kefir", "2");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(two->b, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "UPDATE experiment SET change = 'eat more'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(merge(two, two->a, two->b, false), 1);
    assert_contains(two->run->err, "experiment 1: the plan is not one gutskin writes");
    assert_contains(two->run->err, "nothing merged: 1 problem");
    two_free(two);
}

/* experiment_current: the running plan, else the one that ended last, whatever the order. */
static void test_current_plan(void **state)
{
    (void)state;
    struct experiment_plan plans[3];
    memset(plans, 0, sizeof plans);
    for (int i = 0; i < 3; i++) {
        plans[i].pairs = 1;
        plans[i].period_days = 5;
        plans[i].stopped_day = -1;
        plans[i].id = i + 1;
    }
    plans[0].start_day = 100; /* runs 100..109 */
    plans[1].start_day = 50;  /* finished at 59 */
    plans[2].start_day = 80;  /* stopped at 85 */
    plans[2].stopped_day = 85;
    assert_int_equal(experiment_current(plans, 3, 105), 0);
    assert_int_equal(experiment_current(plans, 3, 120), 0); /* ended last, at 109 */
    plans[0].stopped_day = 70;
    assert_int_equal(experiment_current(plans, 3, 120), 2);
    assert_int_equal(experiment_current(plans, 0, 120), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_only_there_is_added_as_planned),
        cmocka_unit_test(test_earlier_stop_is_taken),
        cmocka_unit_test(test_two_running_refuse_the_merge),
        cmocka_unit_test(test_unreadable_plan_refused),
        cmocka_unit_test(test_current_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
