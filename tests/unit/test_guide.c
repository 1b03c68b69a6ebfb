/* test_guide.c - what the guide screens share: a person's recent figures for a metric or a food
 * read from a real journal, dates in words, and the text markup with the caution. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "testutil.h"
#include "ui/guide.h"
#include "xalloc.h"

struct fixture {
    char *dir;
    struct journal *journal;
    int today;
};

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->journal = testutil_open_journal(fixture->dir);
    assert_true(date_parse("2026-03-15", &fixture->today));
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    journal_close(fixture->journal);
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture);
    return 0;
}

/* Saves one day holding one reading (metric != NULL) and/or one food. */
static void save(struct fixture *fixture, const char *date, const char *metric, double value,
                 const char *food, double servings)
{
    struct day day;
    struct error err = {0};
    day_init(&day, testutil_day(date));
    if (metric != NULL)
        day_set_reading(&day, metric, value);
    if (food != NULL)
        day_set_food(&day, food, servings);
    assert_int_equal(journal_save_day(fixture->journal, &day, &err), 0);
    day_release(&day);
}

static void read_figures(struct fixture *fixture, enum journal_series_kind kind, const char *id,
                         int days, struct guide_figures *figures)
{
    struct error err = {0};
    assert_int_equal(
        guide_read_figures(fixture->journal, kind, id, fixture->today, days, figures, &err), 0);
    assert_int_equal(figures->days, days);
}

static void test_metric_figures_in_the_window(void **state)
{
    struct fixture *fixture = *state;
    save(fixture, "2026-03-01", "acne", 4, NULL, 0); /* one day before a 14-day window */
    save(fixture, "2026-03-02", "acne", 1, NULL, 0); /* its first day */
    save(fixture, "2026-03-10", "acne", 0, NULL, 0);
    save(fixture, "2026-03-14", "acne", 2, NULL, 0);
    save(fixture, "2026-03-16", "acne", 3, NULL, 0); /* after today: not counted */
    struct guide_figures figures;
    read_figures(fixture, JOURNAL_SERIES_METRIC, "acne", 14, &figures);
    assert_int_equal(figures.logged, 3);
    assert_int_equal(figures.positive, 2);
    assert_float_equal(figures.mean, 1.0, 1e-9);
    assert_true(figures.has_last);
    assert_int_equal(figures.last_day, testutil_day("2026-03-14"));
    assert_float_equal(figures.last_value, 2, 1e-9);
}

static void test_metric_last_logged_before_the_window(void **state)
{
    struct fixture *fixture = *state;
    save(fixture, "2026-01-20", "redness", 3, NULL, 0);
    save(fixture, "2026-03-14", "acne", 1, NULL, 0); /* another metric, inside the window */
    struct guide_figures figures;
    read_figures(fixture, JOURNAL_SERIES_METRIC, "redness", 14, &figures);
    assert_int_equal(figures.logged, 0);
    assert_float_equal(figures.mean, 0, 1e-9);
    assert_true(figures.has_last);
    assert_int_equal(figures.last_day, testutil_day("2026-01-20"));
    assert_float_equal(figures.last_value, 3, 1e-9);
}

static void test_metric_never_logged(void **state)
{
    struct fixture *fixture = *state;
    struct guide_figures figures;
    read_figures(fixture, JOURNAL_SERIES_METRIC, "acne", 14, &figures);
    assert_int_equal(figures.logged, 0);
    assert_int_equal(figures.positive, 0);
    assert_false(figures.has_last);
}

/* A yes/no habit: "yes" days are the positive ones among the logged. */
static void test_yes_no_days(void **state)
{
    struct fixture *fixture = *state;
    save(fixture, "2026-03-12", "probiotic-taken", 1, NULL, 0);
    save(fixture, "2026-03-13", "probiotic-taken", 0, NULL, 0);
    save(fixture, "2026-03-15", "probiotic-taken", 1, NULL, 0);
    struct guide_figures figures;
    read_figures(fixture, JOURNAL_SERIES_METRIC, "probiotic-taken", 14, &figures);
    assert_int_equal(figures.logged, 3);
    assert_int_equal(figures.positive, 2);
    assert_int_equal(figures.last_day, testutil_day("2026-03-15"));
}

/* A food: every saved day counts as logged, the days it was eaten as positive. */
static void test_food_days(void **state)
{
    struct fixture *fixture = *state;
    save(fixture, "2026-02-13", NULL, 0, "kimchi", 1); /* 31 days ago: outside 30 days */
    save(fixture, "2026-02-14", NULL, 0, "kimchi", 2); /* the first of the 30 */
    save(fixture, "2026-03-01", "acne", 1, "oats", 1);
    save(fixture, "2026-03-15", NULL, 0, "kimchi", 1);
    struct guide_figures figures;
    read_figures(fixture, JOURNAL_SERIES_FOOD_SERVINGS, "kimchi", 30, &figures);
    assert_int_equal(figures.logged, 3);
    assert_int_equal(figures.positive, 2);
}

static void test_dates_in_words(void **state)
{
    (void)state;
    int today;
    char out[64];
    assert_true(date_parse("2026-03-15", &today));
    guide_format_date(testutil_day("2026-03-15"), today, out, sizeof out);
    assert_string_equal(out, "Sun 15 Mar 2026 (today)");
    guide_format_date(testutil_day("2026-03-14"), today, out, sizeof out);
    assert_string_equal(out, "Sat 14 Mar 2026 (yesterday)");
    guide_format_date(testutil_day("2026-02-20"), today, out, sizeof out);
    assert_string_equal(out, "Fri 20 Feb 2026");
    assert_string_equal(guide_plural(1), "");
    assert_string_equal(guide_plural(0), "s");
    assert_string_equal(guide_plural(12), "s");
}

static void test_text_markup(void **state)
{
    (void)state;
    struct content content = {0};
    content.caution = "See a practitioner.";
    struct strlist lines = STRLIST_INIT;
    guide_add_paragraph(&lines, "First paragraph.");
    guide_add_heading(&lines, "A heading");
    guide_add_text(&lines, "Literal block\nof two lines\n\n");
    strlist_push(&lines, "- a bullet");
    guide_add_caution(&lines, &content);
    char *text = guide_join(&lines);
    assert_string_equal(text, "First paragraph.\n"
                              "\n"
                              "# A heading\n"
                              "Literal block\nof two lines\n"
                              "- a bullet\n"
                              "\n"
                              "# A word of caution\n"
                              "See a practitioner.\n");
    free(text);
    strlist_release(&lines);
}

static void test_text_without_caution(void **state)
{
    (void)state;
    struct content content = {0};
    struct strlist lines = STRLIST_INIT;
    guide_add_caution(&lines, &content);
    content.caution = "";
    guide_add_caution(&lines, &content);
    char *text = guide_join(&lines);
    assert_string_equal(text, "");
    free(text);
    strlist_release(&lines);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_metric_figures_in_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metric_last_logged_before_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metric_never_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yes_no_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_food_days, setup, teardown),
        cmocka_unit_test(test_dates_in_words),
        cmocka_unit_test(test_text_markup),
        cmocka_unit_test(test_text_without_caution),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
