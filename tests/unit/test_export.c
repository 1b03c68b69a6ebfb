/* test_export.c - CSV and JSON exports: columns, quoting, numbers, ranges, exact bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "export.h"
#include "numbers.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

/* A small fixed content (3 signs, 3 habits, 3 foods), so that columns do not follow edits to the
 * shipped content. */
#define TEST_CONTENT TESTS_SOURCE_DIR "/csv-bad/content"

struct fixture {
    char *dir;
    struct journal *journal;
    struct content *content;
    struct error err;
    size_t days; /* what the last export_text() said it wrote */
};

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->journal = testutil_open_journal(fixture->dir);
    fixture->content = testutil_load_content(TEST_CONTENT);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    journal_close(fixture->journal);
    content_free(fixture->content);
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture);
    return 0;
}

static void save(struct fixture *fixture, struct day *day)
{
    assert_int_equal(journal_save_day(fixture->journal, day, &fixture->err), 0);
    day_release(day);
}

/* Runs an export into a file and returns what was written (caller frees); the number of days it
 * reports goes to fixture->days. */
static char *export_text(struct fixture *fixture, enum export_format format, const char *from,
                         const char *to)
{
    char *path = xprintf("%s/out", fixture->dir);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(export_write(out, format, fixture->journal, fixture->content,
                                  testutil_day(from), testutil_day(to), &fixture->days,
                                  &fixture->err),
                     0);
    fclose(out);
    char *text = testutil_read_file(path, NULL);
    free(path);
    assert_non_null(text);
    return text;
}

static void save_two_days(struct fixture *fixture)
{
    struct day day;
    day_init(&day, testutil_day("2026-03-02"));
    day_set_reading(&day, "acne", 2);
    day_set_reading(&day, "sleep-hours", 7.5);
    day_set_reading(&day, "old-itch", 1);
    day_set_food(&day, "kefir", 1);
    day_set_food(&day, "natto", 0.5);
    day_set_note(&day, "ate out, \"spicy\"\nslept badly");
    save(fixture, &day);
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "stress", 3);
    day_set_note(&day, " leading space");
    save(fixture, &day);
}

static void test_csv_columns_quoting_and_order(void **state)
{
    struct fixture *fixture = *state;
    save_two_days(fixture);
    char *text = export_text(fixture, EXPORT_CSV, NULL, NULL);
    assert_int_equal(fixture->days, 2);
    assert_string_equal(text, "date,acne,redness,bloating,sleep-hours,stress,probiotic-taken,"
                              "old-itch,food:kimchi,food:kefir,food:sugar,food:natto,note\r\n"
                              "2026-03-01,,,,,3,,,,,,,\" leading space\"\r\n"
                              "2026-03-02,2,,,7.5,,,1,,1,,0.5,"
                              "\"ate out, \"\"spicy\"\"\nslept badly\"\r\n");
    free(text);
}

static void test_csv_range_and_empty(void **state)
{
    struct fixture *fixture = *state;
    char *text = export_text(fixture, EXPORT_CSV, NULL, NULL);
    assert_string_equal(text, "date,acne,redness,bloating,sleep-hours,stress,probiotic-taken,"
                              "food:kimchi,food:kefir,food:sugar,note\r\n");
    assert_int_equal(fixture->days, 0);
    free(text);
    save_two_days(fixture);
    /* Only 2026-03-02 is in range, and the retired ids it holds still get their columns. */
    text = export_text(fixture, EXPORT_CSV, "2026-03-02", NULL);
    assert_int_equal(fixture->days, 1);
    assert_non_null(strstr(text, "old-itch"));
    assert_null(strstr(text, "2026-03-01"));
    assert_non_null(strstr(text, "2026-03-02,"));
    free(text);
    /* The retired ids appear only when the exported days hold them. */
    text = export_text(fixture, EXPORT_CSV, NULL, "2026-03-01");
    assert_null(strstr(text, "old-itch"));
    assert_null(strstr(text, "2026-03-02"));
    free(text);
}

static void test_json_exact(void **state)
{
    struct fixture *fixture = *state;
    char *text = export_text(fixture, EXPORT_JSON, NULL, NULL);
    assert_string_equal(text, "[]\n");
    assert_int_equal(fixture->days, 0);
    free(text);
    save_two_days(fixture);
    text = export_text(fixture, EXPORT_JSON, "2026-03-01", "2026-03-01");
    assert_int_equal(fixture->days, 1);
    assert_string_equal(text, "[\n"
                              "  {\n"
                              "    \"date\": \"2026-03-01\",\n"
                              "    \"foods\": {},\n"
                              "    \"note\": \" leading space\",\n"
                              "    \"readings\": {\n"
                              "      \"stress\": 3\n"
                              "    }\n"
                              "  }\n"
                              "]\n");
    free(text);
    text = export_text(fixture, EXPORT_JSON, NULL, NULL);
    assert_non_null(strstr(text, "\"natto\": 0.5"));
    assert_non_null(strstr(text, "\"note\": \"ate out, \\\"spicy\\\"\\nslept badly\""));
    assert_non_null(strstr(text, "\"sleep-hours\": 7.5"));
    free(text);
}

static void test_numbers_shortest_exact(void **state)
{
    (void)state;
    static const double values[] = {0, 3, 7.5, 0.1, 1.0 / 3, -2.25, 1e-7, 123456789.125, 1e21};
    static const char *const expected[] = {"0",     "3",     "7.5",           "0.1",  NULL,
                                           "-2.25", "1e-07", "123456789.125", "1e+21"};
    char text[NUM_TEXT_SIZE];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        num_format(values[i], text);
        assert_true(strtod(text, NULL) == values[i]);
        if (expected[i] != NULL)
            assert_string_equal(text, expected[i]);
    }
    num_format(-0.0, text);
    assert_string_equal(text, "0");
}

static void test_format_names(void **state)
{
    (void)state;
    enum export_format format = EXPORT_CSV;
    assert_true(export_format_from_path("dir.v2/out.JSON", &format));
    assert_int_equal(format, EXPORT_JSON);
    assert_true(export_format_from_path("out.csv", &format));
    assert_int_equal(format, EXPORT_CSV);
    assert_false(export_format_from_path("dir.json/out", &format));
    assert_false(export_format_from_path("out.txt", &format));
    assert_true(export_format_from_name("json", &format));
    assert_int_equal(format, EXPORT_JSON);
    assert_false(export_format_from_name("JSON", &format));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_csv_columns_quoting_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_range_and_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_exact, setup, teardown),
        cmocka_unit_test(test_numbers_shortest_exact),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
