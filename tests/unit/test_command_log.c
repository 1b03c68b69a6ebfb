/* test_command_log.c - `gutskin log`: merging into the saved day, words for values, relative
 * dates, and refusing unknown ids or bad values with the valid choices. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "command_run.h"
#include "journal.h"

/* Loads a saved day into `day` (initialised here); returns journal_load_day()'s answer. */
static int load(struct command_run *run, const char *date, struct day *day)
{
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    day_init(day, DATE_NONE);
    int found = journal_load_day(journal, testutil_day(date), day, &err);
    journal_close(journal);
    return found;
}

static double reading(const struct day *day, const char *id)
{
    double value = -1;
    if (!day_get_reading(day, id, &value))
        fail_msg("'%s' is not logged", id);
    return value;
}

static void test_log_then_merge(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-03-01", "acne=2",
                                 "sleep-hours=7.5", "--food", "kimchi", "--note", "calm, mostly",
                                 NULL),
                     0);
    assert_string_equal(run->out,
                        "logged Sun 2026-03-01: acne=2, sleep-hours=7.5, food kimchi=1, note\n");
    assert_string_equal(run->err, "");
    assert_int_equal(command_run(run, command_log, "log", "-d", "2026-03-01", "stress=3", "--food",
                                 "kefir:1.5", NULL),
                     0);
    struct day day;
    assert_int_equal(load(run, "2026-03-01", &day), 1);
    assert_true(reading(&day, "acne") == 2);
    assert_true(reading(&day, "sleep-hours") == 7.5);
    assert_true(reading(&day, "stress") == 3);
    double servings = 0;
    assert_true(day_get_food(&day, "kimchi", &servings) && servings == 1);
    assert_true(day_get_food(&day, "kefir", &servings) && servings == 1.5);
    assert_string_equal(day.note, "calm, mostly");
    day_release(&day);
}

static void test_words_removal_and_relative_dates(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "acne=very-severe", "redness=mild",
                                 "probiotic-taken=yes", "--food", "sugar", NULL),
                     0);
    struct day day;
    assert_int_equal(load(run, "2026-03-10", &day), 1); /* GUTSKIN_TODAY */
    assert_true(reading(&day, "acne") == 4);
    assert_true(reading(&day, "redness") == 1);
    assert_true(reading(&day, "probiotic-taken") == 1);
    day_release(&day);
    assert_int_equal(command_run(run, command_log, "log", "--date", "today", "acne=", "--food",
                                 "sugar:0", "probiotic-taken=no", NULL),
                     0);
    assert_int_equal(load(run, "2026-03-10", &day), 1);
    assert_false(day_get_reading(&day, "acne", NULL));
    assert_false(day_get_food(&day, "sugar", NULL));
    assert_true(reading(&day, "probiotic-taken") == 0);
    day_release(&day);
    assert_int_equal(command_run(run, command_log, "log", "--date", "-3", "stress=1", NULL), 0);
    assert_int_equal(load(run, "2026-03-07", &day), 1);
    day_release(&day);
    assert_int_equal(command_run(run, command_log, "log", "--date=yesterday", "stress=1", NULL), 0);
    assert_int_equal(load(run, "2026-03-09", &day), 1);
    day_release(&day);
}

static void test_unknown_ids_list_the_choices(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(
        command_run(run, command_log, "log", "acen=2", "stress=3", "--food", "kimchee", NULL), 1);
    assert_contains(run->err, "gutskin: unknown metric 'acen'; did you mean 'acne' (Breakouts)?\n");
    /* Wrapped to fit a terminal, every line with the prefix. */
    assert_contains(run->err, "gutskin:   valid metrics: acne, redness, bloating, sleep-hours,"
                              " stress,\ngutskin:     probiotic-taken\n");
    assert_contains(run->err, "gutskin: unknown food 'kimchee'; did you mean 'kimchi'?\n");
    assert_contains(run->err, "gutskin:   valid foods: kimchi, kefir, sugar\n");
    assert_contains(run->err, "gutskin: nothing saved\n");
    assert_string_equal(run->out, "");
    struct day day;
    /* The valid stress=3 was not saved either: all or nothing. */
    assert_int_equal(load(run, "2026-03-10", &day), 0);
    day_release(&day);
    assert_int_equal(command_run(run, command_log, "log", "zzz=1", NULL), 1);
    assert_contains(run->err, "gutskin: unknown metric 'zzz'\n");
}

static void test_bad_values(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "stress=11", NULL), 1);
    assert_contains(run->err, "gutskin: value 11 for 'stress' is out of range (0 to 10)\n");
    assert_int_equal(command_run(run, command_log, "log", "sleep-hours=7.25", NULL), 1);
    assert_contains(run->err, "not a step of 0.5");
    assert_int_equal(command_run(run, command_log, "log", "acne=awful", NULL), 1);
    assert_contains(run->err, "gutskin: 'awful' is not a value for 'acne' (expected 0 to 4, or "
                              "none, mild, moderate, severe, very-severe)\n");
    assert_int_equal(command_run(run, command_log, "log", "probiotic-taken=maybe", NULL), 1);
    assert_contains(run->err, "(expected yes, no, y, n, true, false, 1 or 0)");
    assert_int_equal(command_run(run, command_log, "log", "--food", "kimchi:lots", NULL), 1);
    assert_contains(run->err, "'lots' is not a number of servings for 'kimchi'");
    assert_int_equal(command_run(run, command_log, "log", "--food", "kimchi:50", NULL), 1);
    assert_contains(run->err, "out of range (more than 0, at most 20)");
    assert_int_equal(command_run(run, command_log, "log", "--note", "caf\xe9", NULL), 1);
    assert_contains(run->err, "gutskin: the note is not valid UTF-8 text\n");
    /* A decimal comma: say how to write it (a severity has no decimals to write). */
    assert_int_equal(command_run(run, command_log, "log", "sleep-hours=7,5", NULL), 1);
    assert_contains(run->err, "gutskin: '7,5' is not a value for 'sleep-hours': write decimals "
                              "with a point (7.5)\n");
    assert_int_equal(command_run(run, command_log, "log", "--food", "kimchi:1,5", NULL), 1);
    assert_contains(run->err, "'1,5' is not a number of servings for 'kimchi': write decimals "
                              "with a point (1.5)\n");
    assert_int_equal(command_run(run, command_log, "log", "acne=2,5", NULL), 1);
    assert_contains(run->err, "(expected 0 to 4, or none,");
}

/* The same id twice: the confirmation listed both, though only the last one counted. */
static void test_repeated_ids(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "acne=3", "acne=", NULL), 2);
    assert_contains(run->err, "gutskin: 'acne' is given twice ('acne=3', then 'acne='): give each "
                              "metric once\n");
    assert_int_equal(
        command_run(run, command_log, "log", "--food", "kimchi", "-f", "kimchi:0", NULL), 2);
    assert_contains(run->err, "'kimchi' is given twice ('kimchi', then 'kimchi:0')");
    struct day day;
    assert_int_equal(load(run, "2026-03-10", &day), 0); /* nothing saved */
    day_release(&day);
    assert_int_equal(command_run(run, command_log, "log", "acne=1", "redness=2", "-f", "kimchi",
                                 "-f", "kefir:2", NULL),
                     0);
}

static void test_usage_errors(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", NULL), 2);
    assert_contains(run->err, "gutskin: nothing to log");
    assert_int_equal(command_run(run, command_log, "log", "acne", NULL), 2);
    assert_contains(run->err, "'acne' is not METRIC=VALUE");
    assert_int_equal(command_run(run, command_log, "log", "--date", "tomorrow", "acne=1", NULL), 2);
    assert_contains(run->err, "'tomorrow' is not a date");
    assert_int_equal(command_run(run, command_log, "log", "--bogus", NULL), 2);
    assert_contains(run->err, "unknown option --bogus");
    assert_int_equal(command_run(run, command_log, "log", "acne=1", "--note", NULL), 2);
    assert_contains(run->err, "option --note for log needs a value");
    assert_int_equal(command_run(run, command_log, "log", "--help", NULL), 0);
    assert_contains(run->out, "usage: gutskin log");
}

/* A day after today has not happened: nothing is saved. */
static void test_log_refuses_future(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-03-11", "acne=2", NULL),
                     1);
    assert_string_equal(run->err, "gutskin: 2026-03-11 is after today (2026-03-10): only days that "
                                  "have happened can be logged\ngutskin: nothing saved\n");
    assert_int_equal(command_run(run, command_log, "log", "--date", "today", "acne=2", NULL), 0);
}

/* Labels work as well as ids, in any case and with or without accents; a near miss gets a
 * suggestion; one item named twice is refused. */
static void test_log_by_label(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "BREAKOUTS=Mild", "Probiotic taken=YES",
                                 "--food", "added SUGAR:2", "--food", "KIMCHI", NULL),
                     0);
    assert_string_equal(run->out, "logged Tue 2026-03-10: acne=1, probiotic-taken=1, food "
                                  "sugar=2, food kimchi=1\n");
    assert_int_equal(
        command_run(run, command_log, "log", "--date", "-1", "RÉDNESS=1", "--food", "Kéfir", NULL),
        0);
    assert_string_equal(run->out, "logged Mon 2026-03-09: redness=1, food kefir=1\n");
    assert_int_equal(command_run(run, command_log, "log", "--food", "kefri", NULL), 1);
    assert_contains(run->err, "gutskin: unknown food 'kefri'; did you mean 'kefir'?\n");
    assert_int_equal(command_run(run, command_log, "log", "breakout=1", NULL), 1);
    assert_contains(run->err,
                    "gutskin: unknown metric 'breakout'; did you mean 'acne' (Breakouts)?\n");
    assert_int_equal(command_run(run, command_log, "log", "Breakouts=2", "acne=1", NULL), 1);
    assert_contains(run->err, "'acne' is given twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_log_refuses_future, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_log_by_label, command_run_setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_log_then_merge, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_words_removal_and_relative_dates, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_ids_list_the_choices, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_bad_values, command_run_setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_repeated_ids, command_run_setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_usage_errors, command_run_setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
