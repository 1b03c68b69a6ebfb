/* test_command_report.c - `gutskin report`: what a wrong command line is told. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "command_run.h"

/* The message names the range: '99999999999' is "from 1 up" and was refused all the same. */
static void test_days_out_of_range(void **state)
{
    struct command_run *run = *state;
    static const char *const bad[] = {"0", "-3", "36601", "99999999999", "7d", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(command_run(run, command_report, "report", "--days", bad[i], NULL), 2);
        char *expected =
            xprintf("gutskin: --days needs a number of days from 1 to 36600, not '%s'\n", bad[i]);
        assert_contains(run->err, expected);
        free(expected);
    }
    /* A report only reads: without a journal it says there is none yet, and creates none. */
    assert_int_equal(command_run(run, command_report, "report", "--days", "36600", NULL), 1);
    assert_contains(run->err, "there is no journal yet");
    assert_int_equal(testutil_file_mode(run->db_path), -1);
    assert_int_equal(command_run(run, command_log, "log", "acne=1", NULL), 0);
    assert_int_equal(command_run(run, command_report, "report", "--days", "36600", NULL), 0);
}

static void test_days_and_from_together(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(
        command_run(run, command_report, "report", "--days", "7", "--from", "2026-01-01", NULL), 2);
    assert_contains(run->err, "--days and --from cannot be used together");
}

/* A period is capped like --days, so that --to 9999-12-31 cannot take gigabytes, and the messages
 * quote only what was typed: never a date the report worked out (such as the period before). */
static void test_periods_are_capped(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "acne=1", NULL), 0);
    assert_int_equal(command_run(run, command_report, "report", "--from", "2026-01-01", "--to",
                                 "9999-12-31", NULL),
                     2);
    assert_contains(run->err, "gutskin: --from 2026-01-01 --to 9999-12-31 is more than 36600 "
                              "days (about 100 years), the most a report covers\n");
    assert_int_equal(command_run(run, command_report, "report", "--from", "1000-01-01", "--to",
                                 "1000-03-01", NULL),
                     2);
    assert_contains(run->err, "gutskin: --from 1000-01-01 is too early: a report starts after "
                              "1000-01-01\n");
    assert_int_equal(
        command_run(run, command_report, "report", "--days", "30", "--to", "1000-01-20", NULL), 2);
    assert_contains(run->err, "the period of --days 30 up to 1000-01-20 starts too early");
    /* Its period before is cut where the calendar starts, never reported as a date. */
    assert_int_equal(command_run(run, command_report, "report", "--from", "1000-01-10", "--to",
                                 "1000-03-01", NULL),
                     0);
    assert_string_equal(run->err, "");
    /* The longest period still works. */
    assert_int_equal(command_run(run, command_report, "report", "--from", "1950-01-01", "--to",
                                 "2050-01-01", NULL),
                     0);
}

/* A PDF (or any name gutskin cannot write) is refused, naming the formats and how to get a PDF;
 * no file is left. */
static void test_pdf_refused(void **state)
{
    struct command_run *run = *state;
    char *path = xprintf("%s/report.pdf", run->dir);
    assert_int_equal(command_run(run, command_report, "report", "-o", path, NULL), 2);
    assert_contains(run->err, "gutskin: cannot write a .pdf report: reports are Markdown (.md) or "
                              "HTML (.html); for a PDF, write HTML and print it to PDF");
    assert_int_equal(access(path, F_OK), -1);
    free(path);
}

/* A report written to a file is confirmed on standard error, never inside standard output; to
 * standard output ("-") it says nothing. */
static void test_file_written_is_confirmed_on_stderr(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_log, "log", "acne=1", NULL), 0);
    char *path = xprintf("%s/report.md", run->dir);
    assert_int_equal(command_run(run, command_report, "report", "-o", path, NULL), 0);
    assert_string_equal(run->out, "");
    char *expected = xprintf("report written to %s\n", path);
    assert_string_equal(run->err, expected);
    free(expected);
    free(path);
    assert_int_equal(command_run(run, command_report, "report", "-o", "-", NULL), 0);
    assert_string_equal(run->err, "");
    assert_true(run->out[0] != '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_days_out_of_range, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_pdf_refused, command_run_setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_days_and_from_together, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_periods_are_capped, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_file_written_is_confirmed_on_stderr, command_run_setup,
                                        command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
