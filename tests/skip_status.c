/*
 * skip_status.c - a unit test executable that skipped a test exits 77, which ctest reports as
 * skipped (SKIP_RETURN_CODE), never as passed.
 *
 * cmocka's runner returns the number of failed tests only, so an executable whose tests called
 * skip() (say, no locale with a decimal comma here) would exit 0 and count as passed. Every unit
 * test executable is linked with --wrap for cmocka's _skip and _cmocka_run_group_tests (see
 * tests/CMakeLists.txt), so this file sees each skip and decides the exit status, and no test
 * has to remember to do it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

/* The exit status ctest reads as "skipped". */
enum { SKIP_STATUS = 77 };

static int skipped;

/* cmocka's own functions, reached through the linker's --wrap. */
void __real__skip(const char *const file, const int line);
int __real__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
                                   const size_t count, CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown);

void __wrap__skip(const char *const file, const int line);
int __wrap__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
                                   const size_t count, CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown);

void __wrap__skip(const char *const file, const int line)
{
    skipped++;
    __real__skip(file, line);
}

/* Failures win over skips. cmocka returns a count of failures, which as an exit status could
 * read as 77 (skipped) or, past 255, as 0 (passed): any failure is 1. */
int __wrap__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
                                   const size_t count, CMFixtureFunction group_setup,
                                   CMFixtureFunction group_teardown)
{
    skipped = 0;
    int failed =
        __real__cmocka_run_group_tests(group_name, tests, count, group_setup, group_teardown);
    if (failed != 0)
        return 1;
    return skipped > 0 ? SKIP_STATUS : 0;
}
