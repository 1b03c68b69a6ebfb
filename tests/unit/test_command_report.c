/* test_command_report.c - `gutskin report`: what a wrong command line is told. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "command_run.h"

static int setup(void **state)
{
    *state = command_run_new();
    return 0;
}

static int teardown(void **state)
{
    command_run_free(*state);
    return 0;
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_days_out_of_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_days_and_from_together, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
