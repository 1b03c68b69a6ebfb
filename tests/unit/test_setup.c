/* test_setup.c - loading the content as every command does: the message when it is broken. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "setup.h"
#include "testutil.h"
#include "xalloc.h"

static size_t count_lines(const char *text)
{
    size_t lines = 1;
    for (const char *c = text; *c != '\0'; c++)
        lines += *c == '\n';
    return lines;
}

/* $XDG_CONFIG_HOME/gutskin/content/foods.yaml with `foods` foods of an unknown category;
 * returns the new $XDG_CONFIG_HOME. */
static char *make_overlay(int foods)
{
    char *home = testutil_make_temp_dir();
    char *dir = xprintf("%s/gutskin", home), *content = xprintf("%s/gutskin/content", home);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(mkdir(content, 0700), 0);
    char *text = xstrdup("foods:\n");
    for (int i = 0; i < foods; i++) {
        char *longer =
            xprintf("%s  - {id: f%d, name: F, category: nope, plant: true, why: w}\n", text, i);
        free(text);
        text = longer;
    }
    free(testutil_write_file(content, "foods.yaml", text));
    setenv("XDG_CONFIG_HOME", home, 1);
    free(text);
    free(content);
    free(dir);
    return home;
}

static struct error load_broken(int foods, char **home)
{
    *home = make_overlay(foods);
    struct command_options options = {NULL, CONTENT_SOURCE_DIR};
    struct error err = {ERROR_NONE, ""};
    assert_null(setup_load_content(&options, &err));
    return err;
}

/* One problem: it is shown, with where the person's additions are. */
static void test_overlay_problem_says_where(void **state)
{
    (void)state;
    char *home;
    struct error err = load_broken(1, &home);
    char *expected = xprintf("%s/gutskin/content/foods.yaml:2:33: unknown category 'nope'\n"
                             "the problems are in your additions in %s/gutskin/content: fix "
                             "them, or move the file out of that folder",
                             home, home);
    assert_string_equal(err.message, expected);
    assert_int_equal(error_exit_status(&err), 1);
    free(expected);
    testutil_remove_tree(home);
    free(home);
}

/* More problems than fit in a message: the rest are counted, never dropped without a word. */
static void test_problems_left_out_are_counted(void **state)
{
    (void)state;
    char *home;
    struct error err = load_broken(12, &home);
    const char *more =
        strstr(err.message, " more problems: 'gutskin content check' lists them all");
    assert_non_null(more);
    const char *count_line = more;
    while (count_line > err.message && count_line[-1] != '\n')
        count_line--;
    size_t shown = count_lines(err.message) - 2; /* minus the count and the additions lines */
    assert_true(shown >= 1);
    assert_int_equal(shown + strtoul(count_line, NULL, 10), 12);
    assert_non_null(strstr(err.message, "the problems are in your additions in"));
    testutil_remove_tree(home);
    free(home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlay_problem_says_where),
        cmocka_unit_test(test_problems_left_out_are_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
