/* test_command_import.c - `gutskin import`: a bad file leaves the journal untouched, dry runs,
 * merge and replace summaries, warnings, standard input, usage errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "command_run.h"
#include "journal.h"

static int setup(void **state)
{
    struct command_run *run = command_run_new();
    assert_int_equal(command_run(run, command_log, "log", "-d", "2026-01-01", "acne=2", "stress=5",
                                 "--note", "saved before", NULL),
                     0);
    *state = run;
    return 0;
}

static void test_bad_row_leaves_journal_untouched(void **state)
{
    struct command_run *run = *state;
    char *export_before = NULL;
    assert_int_equal(command_run(run, command_export, "export", NULL), 0);
    export_before = xstrdup(run->out);
    /* 3000 good rows but one, in the middle. */
    size_t capacity = 3000 * 40 + 100, used = 0;
    char *text = xmalloc(capacity);
    used += (size_t)snprintf(text, capacity, "date,acne,stress\r\n");
    for (int i = 0; i < 3000; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(date_from_parts(2010, 1, 1) + i, date);
        used += (size_t)snprintf(text + used, capacity - used, "%s,%d,%s\r\n", date, i % 5,
                                 i == 1500 ? "twelve" : "3");
    }
    char *path = testutil_write_file(run->dir, "big.csv", text);
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 1);
    assert_contains(run->err, "big.csv:1502: 'twelve' in column 'stress' is not a number\n");
    assert_contains(run->err, "gutskin: nothing imported: 1 problem in ");
    assert_string_equal(run->out, "");
    assert_int_equal(command_run_saved_days(run), 1);
    assert_int_equal(command_run(run, command_export, "export", NULL), 0);
    assert_string_equal(run->out, export_before);
    free(export_before);
    free(path);
    free(text);
}

static const char two_days[] = "\xEF\xBB\xBF"
                               "date,acne,stress,old-itch,note\r\n"
                               "2026-01-01,3,,1,\r\n"
                               "2026-01-02,1,2,,\"new, with a\r\nsecond line\"\r\n";

static void test_dry_run_then_merge_then_replace(void **state)
{
    struct command_run *run = *state;
    char *path = testutil_write_file(run->dir, "two.csv", two_days);
    assert_int_equal(command_run(run, command_import, "import", path, "--dry-run", NULL), 0);
    assert_string_equal(run->out, "would import 2 days (1 new, 1 merged)\n");
    assert_contains(run->err, "gutskin: warning: ");
    assert_contains(run->err, "two.csv: kept 1 value as it was, though today's content does not "
                              "allow it: 1 for ids the content does not define (old-itch)\n");
    assert_int_equal(command_run_saved_days(run), 1);
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 0);
    assert_string_equal(run->out, "imported 2 days (1 new, 1 merged)\n");
    assert_int_equal(command_run(run, command_show, "show", "2026-01-01", NULL), 0);
    assert_contains(run->out, "Breakouts: severe (3)");
    assert_contains(run->out, "Stress: 5"); /* kept: the cell was blank */
    assert_contains(run->out, "saved before");
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 0);
    assert_string_equal(run->out, "imported 2 days (0 new, 2 merged; 2 already up to date)\n");
    assert_int_equal(command_run(run, command_import, "import", "--replace", path, NULL), 0);
    /* 2026-01-02 already is exactly its row. */
    assert_string_equal(run->out, "imported 2 days (0 new, 2 replaced; 1 already up to date)\n");
    assert_int_equal(command_run(run, command_show, "show", "2026-01-01", NULL), 0);
    assert_null(strstr(run->out, "Stress"));
    assert_null(strstr(run->out, "saved before"));
    free(path);
}

static void test_json_and_stdin(void **state)
{
    struct command_run *run = *state;
    char *path = testutil_write_file(run->dir, "days.json",
                                     "[{\"date\": \"2026-02-01\", \"readings\": {\"acne\": 1},"
                                     " \"foods\": {\"kimchi\": 2}, \"note\": null}]");
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 0);
    assert_string_equal(run->out, "imported 1 day (1 new, 0 merged)\n");
    free(path);
    path = testutil_write_file(run->dir, "in.txt", "date,redness\n2026-02-02,2\n");
    int saved = dup(STDIN_FILENO);
    int file = open(path, O_RDONLY);
    assert_true(saved >= 0 && file >= 0);
    dup2(file, STDIN_FILENO);
    close(file);
    int status = command_run(run, command_import, "import", "-", NULL);
    dup2(saved, STDIN_FILENO);
    close(saved);
    clearerr(stdin);
    assert_int_equal(status, 0);
    assert_int_equal(command_run_saved_days(run), 3);
    free(path);
}

/* A yes-no habit's column reads the words `gutskin log` takes: saved as 1 and 0, and exported as
 * the numbers (the round trip stays as it was). */
static void test_csv_yes_no_words(void **state)
{
    struct command_run *run = *state;
    char *path = testutil_write_file(run->dir, "habits.csv",
                                     "date,probiotic-taken\r\n2026-02-01,yes\r\n2026-02-02,No\r\n"
                                     "2026-02-03,TRUE\r\n2026-02-04,n\r\n");
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 0);
    assert_string_equal(run->out, "imported 4 days (4 new, 0 merged)\n");
    assert_int_equal(command_run(run, command_export, "export", "--from", "2026-02-01", NULL), 0);
    assert_contains(run->out, "2026-02-01,");
    assert_null(strstr(run->out, "yes")); /* export writes the numbers, as it always has */
    const char *expect[] = {"2026-02-01", "1", "2026-02-02", "0",
                            "2026-02-03", "1", "2026-02-04", "0"};
    for (size_t i = 0; i < 8; i += 2) {
        assert_int_equal(command_run(run, command_show, "show", expect[i], NULL), 0);
        assert_contains(run->out, expect[i + 1][0] == '1' ? ": yes" : ": no");
    }
    free(path);
}

/* A wrong word names the file, the line and what the column takes, as `gutskin log` says it;
 * nothing is imported. */
static void test_csv_yes_no_wrong_word(void **state)
{
    struct command_run *run = *state;
    char *path = testutil_write_file(
        run->dir, "bad.csv", "date,probiotic-taken\r\n2026-02-01,yes\r\n2026-02-02,maybe\r\n");
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 1);
    assert_contains(run->err, "bad.csv:3: 'maybe' in column 'probiotic-taken' is not a value for "
                              "'probiotic-taken' (expected yes, no, y, n, true, false, 1 or 0)\n");
    assert_int_equal(command_run_saved_days(run), 1);
    assert_int_equal(command_run(run, command_log, "log", "probiotic-taken=maybe", NULL), 1);
    assert_contains(run->err, "'maybe' is not a value for 'probiotic-taken' (expected yes, no, y, "
                              "n, true, false, 1 or 0)\n");
    free(path);
}

/* What one value does in `gutskin log`, a CSV cell and a JSON string: -1 refused, else the value
 * saved. */
static double value_through(struct command_run *run, command_run_fn *fn, const char *id,
                            const char *word, const char *date, const char *kind)
{
    int status;
    if (strcmp(kind, "log") == 0) {
        char *argument = xprintf("%s=%s", id, word);
        status = command_run(run, fn, "log", "-d", date, argument, NULL);
        free(argument);
    } else {
        char *text =
            strcmp(kind, "csv") == 0
                ? xprintf("date,%s\n%s,%s\n", id, date, word)
                : xprintf("[{\"date\": \"%s\", \"readings\": {\"%s\": \"%s\"}}]", date, id, word);
        char *path =
            testutil_write_file(run->dir, strcmp(kind, "csv") == 0 ? "one.csv" : "one.json", text);
        status = command_run(run, fn, "import", path, NULL);
        free(path);
        free(text);
    }
    if (status != 0)
        return -1;
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    struct day day;
    day_init(&day, DATE_NONE);
    double value = -1;
    if (journal_load_day(journal, testutil_day(date), &day, &err) != 1 ||
        !day_get_reading(&day, id, &value))
        value = -1; /* nothing saved: a blank log value removes */
    day_release(&day);
    journal_close(journal);
    return value;
}

/* Log and import take the same set: each word does the same thing in all three. */
static void test_log_and_import_agree(void **state)
{
    struct command_run *run = *state;
    static const struct {
        const char *id, *word;
    } cases[] = {{"probiotic-taken", "yes"},
                 {"probiotic-taken", "NO"},
                 {"probiotic-taken", "Y"},
                 {"probiotic-taken", "n"},
                 {"probiotic-taken", "true"},
                 {"probiotic-taken", "False"},
                 {"probiotic-taken", "1"},
                 {"probiotic-taken", "0"},
                 {"probiotic-taken", "maybe"},
                 {"probiotic-taken", "yes!"},
                 {"probiotic-taken", ""},
                 {"acne", "mild"},
                 {"acne", "very-severe"},
                 {"acne", "Very_Severe"},
                 {"acne", "awful"},
                 {"acne", "3"},
                 {"acne", "yes"},
                 {"stress", "yes"},
                 {"stress", "4"},
                 {"stress", "four"}};
    char date[DATE_TEXT_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        date_format(date_from_parts(2025, 1, 1) + (int)i * 3, date);
        double logged = value_through(run, command_log, cases[i].id, cases[i].word, date, "log");
        date_format(date_from_parts(2025, 1, 1) + (int)i * 3 + 1, date);
        double from_csv =
            value_through(run, command_import, cases[i].id, cases[i].word, date, "csv");
        assert_true(logged == from_csv);
        /* JSON takes a word where a word means something: a sign or yes-no habit. */
        if (strcmp(cases[i].id, "stress") != 0 && cases[i].word[0] != '\0') {
            date_format(date_from_parts(2025, 1, 1) + (int)i * 3 + 2, date);
            double from_json =
                value_through(run, command_import, cases[i].id, cases[i].word, date, "json");
            assert_true(logged == from_json);
        }
    }
}

static void test_usage_and_missing_file(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_import, "import", NULL), 2);
    assert_contains(run->err, "which file?");
    assert_int_equal(command_run(run, command_import, "import", "a.csv", "b.csv", NULL), 2);
    assert_int_equal(
        command_run(run, command_import, "import", "a.csv", "--merge", "--replace", NULL), 2);
    assert_int_equal(command_run(run, command_import, "import", "a.csv", "-f", "xls", NULL), 2);
    assert_int_equal(command_run(run, command_import, "import", "/nonexistent/a.csv", NULL), 1);
    assert_contains(run->err, "gutskin: cannot open /nonexistent/a.csv: ");
    assert_int_equal(command_run(run, command_import, "import", "--help", NULL), 0);
    assert_contains(run->out, "--replace");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_row_leaves_journal_untouched, setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_then_merge_then_replace, setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_json_and_stdin, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_csv_yes_no_words, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_csv_yes_no_wrong_word, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_log_and_import_agree, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_usage_and_missing_file, setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
