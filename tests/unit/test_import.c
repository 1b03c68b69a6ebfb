/* test_import.c - reading CSV and JSON back: exact round trips, every bad CSV in tests/csv-bad
 * with its exact messages, line numbers across quoted newlines, merge and replace, speed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "export.h"
#include "import.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

#define BAD_CSV_DIR TESTS_SOURCE_DIR "/csv-bad"
#define TEST_CONTENT BAD_CSV_DIR "/content"

struct fixture {
    char *dir;
    struct journal *journal; /* the journal imports go into */
    struct content *content;
    struct import_plan plan;
    struct strlist problems;
    struct strlist warnings;
    struct error err;
};

static struct journal *open_journal(struct fixture *fixture, const char *name)
{
    char *path = xprintf("%s/%s", fixture->dir, name);
    struct journal *journal = journal_open(path, &fixture->err);
    free(path);
    assert_non_null(journal);
    return journal;
}

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->journal = open_journal(fixture, "journal.db");
    fixture->content = content_load(TEST_CONTENT, NULL, &fixture->problems);
    assert_int_equal(fixture->problems.count, 0);
    assert_non_null(fixture->content);
    import_plan_init(&fixture->plan);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    journal_close(fixture->journal);
    content_free(fixture->content);
    import_plan_release(&fixture->plan);
    strlist_release(&fixture->problems);
    strlist_release(&fixture->warnings);
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture);
    return 0;
}

/* Reads `text` as a file called `name` into the fixture's plan; returns the problem count. */
static size_t read_text(struct fixture *fixture, enum import_format format, const char *name,
                        const char *text)
{
    char *path = testutil_write_file(fixture->dir, name, text);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    import_plan_release(&fixture->plan);
    size_t count = format == IMPORT_JSON
                       ? import_read_json(in, name, fixture->content, &fixture->plan,
                                          &fixture->problems, &fixture->warnings)
                       : import_read_csv(in, name, fixture->content, &fixture->plan,
                                         &fixture->problems, &fixture->warnings);
    fclose(in);
    free(path);
    return count;
}

static void apply(struct fixture *fixture, struct journal *journal, enum import_mode mode,
                  struct import_counts *counts)
{
    assert_int_equal(import_apply(journal, &fixture->plan, mode, false, counts, &fixture->err), 0);
}

static char *export_text(struct fixture *fixture, struct journal *journal,
                         enum export_format format)
{
    char *path = xprintf("%s/export", fixture->dir);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(
        export_write(out, format, journal, fixture->content, DATE_NONE, DATE_NONE, NULL,
                     &fixture->err),
        0);
    fclose(out);
    char *text = testutil_read_file(path, NULL);
    free(path);
    return text;
}

static void save(struct journal *journal, struct day *day)
{
    struct error err;
    assert_int_equal(journal_save_day(journal, day, &err), 0);
    day_release(day);
}

/* Days whose text and numbers are hard to carry through a file. */
static void save_awkward_days(struct journal *journal)
{
    static const char *const notes[] = {
        "commas, \"quotes\" and a\nnewline",
        "café crème, naïve, Straße 😀🍜",
        "windows line\r\nend, trailing space ",
        "\ttab first",
        "=SUM(A1) is only text",
    };
    struct day day;
    for (int i = 0; i < 5; i++) {
        day_init(&day, date_from_parts(2026, 1, 1) + i * 3);
        day_set_note(&day, notes[i]);
        day_set_reading(&day, "acne", i % 5);
        day_set_reading(&day, "sleep-hours", 6.5 + i * 0.5);
        day_set_food(&day, "kimchi", 1 + i * 0.25);
        if (i == 2) {
            day_set_reading(&day, "retired-itch", 0.1); /* not in the content */
            day_set_food(&day, "old-food", 1.0 / 3);
        }
        save(journal, &day);
    }
    day_init(&day, testutil_day("2026-02-01")); /* no note at all */
    day_set_reading(&day, "probiotic-taken", 1);
    save(journal, &day);
}

static void check_round_trip(struct fixture *fixture, enum export_format format)
{
    struct journal *source = open_journal(fixture, "source.db");
    save_awkward_days(source);
    char *first = export_text(fixture, source, format);
    enum import_format import_format = format == EXPORT_JSON ? IMPORT_JSON : IMPORT_CSV;
    assert_int_equal(read_text(fixture, import_format, "in", first), 0);
    assert_int_equal(fixture->plan.count, 6);
    /* The retired metric and food are imported, with one warning line that names them. */
    assert_int_equal(fixture->warnings.count, 1);
    assert_non_null(strstr(fixture->warnings.items[0],
                           "2 for ids the content does not define (retired-itch, food:old-food)"));
    struct import_counts counts;
    apply(fixture, fixture->journal, IMPORT_MERGE, &counts);
    assert_int_equal(counts.added, 6);
    char *second = export_text(fixture, fixture->journal, format);
    assert_string_equal(first, second);
    struct day day;
    day_init(&day, DATE_NONE);
    assert_int_equal(
        journal_load_day(fixture->journal, testutil_day("2026-01-07"), &day, &fixture->err), 1);
    assert_string_equal(day.note, "windows line\r\nend, trailing space ");
    double value = 0;
    assert_true(day_get_food(&day, "old-food", &value) && value == 1.0 / 3);
    day_release(&day);
    free(first);
    free(second);
    journal_close(source);
}

static void test_round_trip_csv(void **state)
{
    check_round_trip(*state, EXPORT_CSV);
}

static void test_round_trip_json(void **state)
{
    check_round_trip(*state, EXPORT_JSON);
}

static char *expected_problems(const char *name)
{
    char *path = xprintf("%s/%.*s.expected", BAD_CSV_DIR, (int)(strlen(name) - 4), name);
    char *text = testutil_read_file(path, NULL);
    if (text == NULL)
        fail_msg("missing %s", path);
    free(path);
    return text;
}

static void check_bad_csv(struct fixture *fixture, const char *name)
{
    char *path = xprintf("%s/%s", BAD_CSV_DIR, name);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    strlist_release(&fixture->problems);
    size_t count = import_read_csv(in, name, fixture->content, &fixture->plan, &fixture->problems,
                                   &fixture->warnings);
    fclose(in);
    char *expected = expected_problems(name);
    char *found = xstrdup("");
    for (size_t i = 0; i < fixture->problems.count; i++) {
        char *longer = xprintf("%s%s\n", found, fixture->problems.items[i]);
        free(found);
        found = longer;
    }
    if (strcmp(found, expected) != 0)
        fail_msg("%s: expected\n%sfound\n%s", name, expected, found);
    assert_int_equal(count, fixture->problems.count);
    assert_true(count > 0);
    free(found);
    free(expected);
    free(path);
}

static void test_every_bad_csv(void **state)
{
    struct fixture *fixture = *state;
    DIR *dir = opendir(BAD_CSV_DIR);
    assert_non_null(dir);
    struct dirent *entry;
    size_t checked = 0;
    while ((entry = readdir(dir)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length > 4 && strcmp(entry->d_name + length - 4, ".csv") == 0) {
            check_bad_csv(fixture, entry->d_name);
            checked++;
        }
    }
    closedir(dir);
    assert_true(checked >= 15);
}

static void test_bom_and_crlf(void **state)
{
    struct fixture *fixture = *state;
    assert_int_equal(read_text(fixture, IMPORT_CSV, "bom.csv",
                               "\xEF\xBB\xBF"
                               "date,acne,note\r\n2026-01-01,2,\"two\r\nlines\"\r\n"
                               "2026-01-02, 3 ,plain\r\n"),
                     0);
    assert_int_equal(fixture->plan.count, 2);
    assert_int_equal(fixture->plan.days[0].day_number, testutil_day("2026-01-01"));
    assert_string_equal(fixture->plan.days[0].note, "two\r\nlines");
    double value = 0;
    assert_true(day_get_reading(&fixture->plan.days[1], "acne", &value) && value == 3);
    assert_string_equal(fixture->plan.days[1].note, "plain");
    /* LF only, no final line end, columns in another order, no note column. */
    assert_int_equal(read_text(fixture, IMPORT_CSV, "lf.csv",
                               "date,food:kefir,stress\n"
                               "2026-01-05,2,4"),
                     0);
    assert_int_equal(fixture->plan.count, 1);
    assert_true(day_get_food(&fixture->plan.days[0], "kefir", &value) && value == 2);
}

/* A spreadsheet set to a language with decimal commas separates cells with semicolons. */
static void test_semicolons_and_decimal_commas(void **state)
{
    struct fixture *fixture = *state;
    assert_int_equal(read_text(fixture, IMPORT_CSV, "semi.csv",
                               "\xEF\xBB\xBF"
                               "date;sleep-hours;food:kimchi;note\r\n"
                               "2026-01-01;7,5;1,5;\"hello; world,\r\nagain\"\r\n"
                               "2026-01-02;8;;\r\n"),
                     0);
    assert_int_equal(fixture->plan.count, 2);
    double value = 0;
    assert_true(day_get_reading(&fixture->plan.days[0], "sleep-hours", &value) && value == 7.5);
    assert_true(day_get_food(&fixture->plan.days[0], "kimchi", &value) && value == 1.5);
    assert_string_equal(fixture->plan.days[0].note, "hello; world,\r\nagain");
    assert_true(day_get_reading(&fixture->plan.days[1], "sleep-hours", &value) && value == 8);
    /* Problems still name their lines. */
    assert_int_equal(read_text(fixture, IMPORT_CSV, "bad.csv",
                               "date;sleep-hours\n2026-01-01;7,5\n2026-01-02;7,2,5\n"),
                     1);
    assert_string_equal(fixture->problems.items[0],
                        "bad.csv:3: '7,2,5' in column 'sleep-hours' is not a number");
    /* A header with commas is read with commas, even when a note holds semicolons. */
    assert_int_equal(read_text(fixture, IMPORT_CSV, "comma.csv", "date,note\n2026-01-01,\"a;b\"\n"),
                     0);
    assert_string_equal(fixture->plan.days[0].note, "a;b");
}

static void save_existing(struct fixture *fixture)
{
    struct day day;
    day_init(&day, testutil_day("2026-01-01"));
    day_set_reading(&day, "acne", 2);
    day_set_reading(&day, "stress", 5);
    day_set_food(&day, "kimchi", 1);
    day_set_note(&day, "old note");
    save(fixture->journal, &day);
}

static void load(struct fixture *fixture, const char *date, struct day *day)
{
    day_init(day, DATE_NONE);
    assert_int_equal(journal_load_day(fixture->journal, testutil_day(date), day, &fixture->err), 1);
}

static const char merge_file[] = "date,acne,stress,food:kimchi,food:kefir,note\r\n"
                                 "2026-01-01,3,,,1,\r\n"
                                 "2026-01-02,1,,,,new day\r\n";

static void test_merge_keeps_blank_cells(void **state)
{
    struct fixture *fixture = *state;
    save_existing(fixture);
    assert_int_equal(read_text(fixture, IMPORT_CSV, "m.csv", merge_file), 0);
    struct import_counts counts;
    apply(fixture, fixture->journal, IMPORT_MERGE, &counts);
    assert_int_equal(counts.days, 2);
    assert_int_equal(counts.added, 1);
    assert_int_equal(counts.existing, 1);
    assert_int_equal(counts.unchanged, 0);
    struct day day;
    load(fixture, "2026-01-01", &day);
    double value = 0;
    assert_true(day_get_reading(&day, "acne", &value) && value == 3);
    assert_true(day_get_reading(&day, "stress", &value) && value == 5);
    assert_true(day_get_food(&day, "kimchi", &value) && value == 1);
    assert_true(day_get_food(&day, "kefir", &value) && value == 1);
    assert_string_equal(day.note, "old note");
    day_release(&day);
    /* The same file again changes nothing. */
    apply(fixture, fixture->journal, IMPORT_MERGE, &counts);
    assert_int_equal(counts.existing, 2);
    assert_int_equal(counts.unchanged, 2);
}

static void test_replace_makes_the_row(void **state)
{
    struct fixture *fixture = *state;
    save_existing(fixture);
    assert_int_equal(read_text(fixture, IMPORT_CSV, "r.csv", merge_file), 0);
    struct import_counts counts;
    apply(fixture, fixture->journal, IMPORT_REPLACE, &counts);
    assert_int_equal(counts.existing, 1);
    struct day day;
    load(fixture, "2026-01-01", &day);
    double value = 0;
    assert_true(day_get_reading(&day, "acne", &value) && value == 3);
    assert_false(day_get_reading(&day, "stress", &value));
    assert_false(day_get_food(&day, "kimchi", &value));
    assert_true(day_get_food(&day, "kefir", &value) && value == 1);
    assert_null(day.note);
    day_release(&day);
    /* A row with nothing but a date changes nothing, note included, and says so: the dry run
     * counts exactly what the real run does. */
    day_init(&day, testutil_day("2026-01-01"));
    day_set_reading(&day, "acne", 2);
    day_set_note(&day, "keep me");
    save(fixture->journal, &day);
    day_release(&day);
    import_plan_release(&fixture->plan);
    assert_int_equal(
        read_text(fixture, IMPORT_CSV, "blank.csv", "date,acne,note\n2026-01-01,,\n2026-01-05,,\n"),
        0);
    for (int dry = 1; dry >= 0; dry--) {
        assert_int_equal(import_apply(fixture->journal, &fixture->plan, IMPORT_REPLACE, dry,
                                      &counts, &fixture->err),
                         0);
        assert_int_equal(counts.days, 2);
        assert_int_equal(counts.date_only, 2);
        assert_int_equal(counts.added, 0);
        assert_int_equal(counts.existing, 0);
        load(fixture, "2026-01-01", &day);
        assert_string_equal(day.note, "keep me");
        assert_true(day_get_reading(&day, "acne", &value) && value == 2);
        day_release(&day);
    }
}

static void test_dry_run_writes_nothing(void **state)
{
    struct fixture *fixture = *state;
    save_existing(fixture);
    assert_int_equal(read_text(fixture, IMPORT_CSV, "d.csv", merge_file), 0);
    struct import_counts counts;
    assert_int_equal(
        import_apply(fixture->journal, &fixture->plan, IMPORT_REPLACE, true, &counts, NULL), 0);
    assert_int_equal(counts.days, 2);
    assert_int_equal(counts.added, 1);
    assert_int_equal(counts.existing, 1);
    size_t saved = 0;
    assert_int_equal(
        journal_count_days(fixture->journal, DATE_NONE, DATE_NONE, &saved, &fixture->err), 0);
    assert_int_equal(saved, 1);
    struct day day;
    load(fixture, "2026-01-01", &day);
    assert_string_equal(day.note, "old note");
    day_release(&day);
}

/* Ten years of days as CSV, with `bad_row` (0-based, or -1) not a number. */
static char *many_rows(int rows, int bad_row)
{
    size_t capacity = (size_t)rows * 80 + 200, used = 0;
    char *text = xmalloc(capacity);
    used += (size_t)snprintf(text, capacity, "date,acne,sleep-hours,stress,food:kimchi,note\r\n");
    for (int i = 0; i < rows; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(date_from_parts(2016, 1, 1) + i, date);
        char stress[16];
        snprintf(stress, sizeof stress, i == bad_row ? "eleven" : "%d", i % 10);
        used += (size_t)snprintf(text + used, capacity - used, "%s,%d,%.1f,%s,1,\"day, %d\"\r\n",
                                 date, i % 5, 6 + (i % 4) * 0.5, stress, i);
    }
    return text;
}

static void test_bad_row_in_a_large_file(void **state)
{
    struct fixture *fixture = *state;
    char *text = many_rows(3000, 1499);
    assert_int_equal(read_text(fixture, IMPORT_CSV, "big.csv", text), 1);
    assert_string_equal(fixture->problems.items[0],
                        "big.csv:1501: 'eleven' in column 'stress' is not a number");
    free(text);
}

static void test_ten_years_is_fast(void **state)
{
    struct fixture *fixture = *state;
    char *text = many_rows(3650, -1);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(read_text(fixture, IMPORT_CSV, "ten-years.csv", text), 0);
    struct import_counts counts;
    apply(fixture, fixture->journal, IMPORT_MERGE, &counts);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    assert_int_equal(counts.added, 3650);
    /* Well under a second on an ordinary machine; the bound leaves room for sanitizers. */
    print_message("read and wrote 3650 days in %.3f s\n", seconds);
    assert_true(seconds < 5);
    free(text);
}

static void test_json_problems(void **state)
{
    struct fixture *fixture = *state;
    assert_int_equal(read_text(fixture, IMPORT_JSON, "a.json",
                               "[\n  {\"date\": \"2026-01-01\",\n"
                               "   \"note\": \"x\", \"note\": 1}\n]"),
                     1);
    assert_string_equal(fixture->problems.items[0],
                        "a.json:3: duplicate object key near '\"note\"'");
    strlist_release(&fixture->problems);
    assert_int_equal(read_text(fixture, IMPORT_JSON, "b.json",
                               "[{\"date\": \"2026-01-01\", \"foods\": {\"kefir\": 99}},\n"
                               " {\"date\": \"2026-01-01\", \"foods\": {\"Kimchi\": 1}},\n"
                               " {\"readings\": {\"stress\": \"3\"}, \"mood\": 1}, 7]"),
                     7);
    static const char *const expected[] = {
        "b.json: day 1 (2026-01-01): servings 99 for 'food:kefir' are out of range (more than 0, "
        "at most 20)",
        "b.json: day 2 (2026-01-01): 2026-01-01 appears again (first as day 1)",
        "b.json: day 2 (2026-01-01): 'Kimchi' is not a valid id (lowercase letters, digits and "
        "'-')",
        "b.json: day 3: the date is missing",
        "b.json: day 3: unknown key 'mood' (expected date, readings, foods, note, marks)",
        "b.json: day 3: the value of 'stress' must be a number",
        "b.json: day 4: expected an object",
    };
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(fixture->problems.items[i], expected[i]);
    strlist_release(&fixture->problems);
    assert_int_equal(read_text(fixture, IMPORT_JSON, "c.json", "{}"), 1);
    assert_string_equal(fixture->problems.items[0],
                        "c.json: expected an array with one object per day");
}

/* A hand-typed severity outside 0-4 (or between steps) is refused in CSV and JSON, as merge
 * refuses it: no content ever allowed it, and it would skew every score and chart. */
static void test_sign_outside_0_to_4(void **state)
{
    struct fixture *fixture = *state;
    assert_int_equal(read_text(fixture, IMPORT_CSV, "typed.csv",
                               "date,acne,redness\n2026-01-01,7,1\n2026-01-02,-1,2.5\n"),
                     3);
    assert_string_equal(fixture->problems.items[0],
                        "typed.csv:2: value 7 for 'acne' is out of range (0 to 4)");
    assert_string_equal(fixture->problems.items[1],
                        "typed.csv:3: value -1 for 'acne' is out of range (0 to 4)");
    assert_non_null(strstr(fixture->problems.items[2], "typed.csv:3: value 2.5 for 'redness'"));
    strlist_release(&fixture->problems);
    assert_int_equal(read_text(fixture, IMPORT_JSON, "typed.json",
                               "[{\"date\": \"2026-01-03\", \"readings\": {\"acne\": 9}}]"),
                     1);
    assert_non_null(strstr(fixture->problems.items[0], "value 9 for 'acne' is out of range"));
}

/* A backup always comes back: values today's content does not allow (a habit's range narrowed
 * since, a step changed, an item removed) are kept as they are, with one warning line that
 * counts them and names their ids. Only what no content allows stays a problem: a sign's
 * severity is 0 to 4 whatever the content, so 5 there is a typo (test_sign_outside_0_to_4). */
static void test_values_content_no_longer_allows_are_kept(void **state)
{
    struct fixture *fixture = *state;
    assert_int_equal(read_text(fixture, IMPORT_CSV, "old.csv",
                               "date,acne,sleep-hours,stress,probiotic-taken,old-itch,food:gone\r\n"
                               "2026-01-01,4,7.25,11,2,1,1\r\n"
                               "2026-01-02,0,15,3,1,,\r\n"),
                     0);
    assert_int_equal(fixture->warnings.count, 1);
    assert_string_equal(fixture->warnings.items[0],
                        "old.csv: kept 6 values as they were, though today's content does not "
                        "allow them: 4 outside today's ranges (sleep-hours, stress, "
                        "probiotic-taken); 2 for ids the content does not define (old-itch, "
                        "food:gone)");
    double value = 0;
    assert_true(day_get_reading(&fixture->plan.days[0], "sleep-hours", &value) && value == 7.25);
    assert_true(day_get_reading(&fixture->plan.days[1], "acne", &value) && value == 0);
    struct import_counts counts;
    apply(fixture, fixture->journal, IMPORT_MERGE, &counts);
    assert_int_equal(counts.added, 2);
    struct day day;
    day_init(&day, DATE_NONE);
    assert_int_equal(
        journal_load_day(fixture->journal, testutil_day("2026-01-02"), &day, &fixture->err), 1);
    assert_true(day_get_reading(&day, "sleep-hours", &value) && value == 15);
    day_release(&day);
    /* The same from JSON. */
    strlist_release(&fixture->warnings);
    assert_int_equal(read_text(fixture, IMPORT_JSON, "old.json",
                               "[{\"date\": \"2026-01-03\", \"readings\": {\"stress\": 12}}]"),
                     0);
    assert_string_equal(fixture->warnings.items[0],
                        "old.json: kept 1 value as it was, though today's content does not allow "
                        "it: 1 outside today's ranges (stress)");
    /* Not a finite number is still refused. */
    assert_int_equal(read_text(fixture, IMPORT_JSON, "inf.json",
                               "[{\"date\": \"2026-01-03\", \"readings\": {\"acne\": 1e999}}]"),
                     1);
}

static void test_ids(void **state)
{
    (void)state;
    assert_true(content_id_valid("brain-fog2"));
    assert_false(content_id_valid("Brain"));
    assert_false(content_id_valid(""));
    assert_false(content_id_valid("a_b"));
    assert_false(content_id_valid("food:kimchi"));
    assert_true(content_id_valid("abcdefghijklmnopqrstuvwxyz-0123456789-abcdefghij"));   /* 48 */
    assert_false(content_id_valid("abcdefghijklmnopqrstuvwxyz-0123456789-abcdefghijk")); /* 49 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_bad_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_and_crlf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_semicolons_and_decimal_commas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_keeps_blank_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_makes_the_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_row_in_a_large_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ten_years_is_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sign_outside_0_to_4, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_content_no_longer_allows_are_kept, setup,
                                        teardown),
        cmocka_unit_test(test_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
