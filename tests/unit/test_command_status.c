/* test_command_status.c - `gutskin status`: one line, and an exit status a reminder can use. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "command_run.h"

static void test_status_line(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_status, "status", NULL), 3);
    assert_string_equal(run->out, "no journal yet: gutskin opens today's check-in\n");
    /* today is 2026-03-10; 2026-02-08 is 30 days back, outside the window */
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-02-08", "acne=1", NULL),
                     0);
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-02-09", "acne=1", NULL),
                     0);
    assert_int_equal(command_run(run, command_log, "log", "--date", "2026-03-09", "acne=1", NULL),
                     0);
    assert_int_equal(command_run(run, command_status, "status", NULL), 3);
    assert_string_equal(run->out, "today not logged · 2/30 days\n");
    assert_int_equal(command_run(run, command_log, "log", "acne=0", NULL), 0);
    assert_int_equal(command_run(run, command_status, "status", NULL), 0);
    assert_string_equal(run->out, "today logged · 3/30 days\n");
    assert_string_equal(run->err, "");
    assert_int_equal(command_run(run, command_status, "status", "extra", NULL), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_status_line, command_run_setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
