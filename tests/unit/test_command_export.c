/* test_command_export.c - `gutskin export`: formats from options and extensions, private files
 * written whole through a temporary name, date ranges, usage errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>

#include "command_run.h"

static int setup(void **state)
{
    struct command_run *run = command_run_new();
    assert_int_equal(command_run(run, command_log, "log", "-d", "2026-03-01", "acne=1", NULL), 0);
    assert_int_equal(command_run(run, command_log, "log", "-d", "2026-03-05", "acne=3", NULL), 0);
    *state = run;
    return 0;
}

static const char csv_header[] =
    "date,acne,redness,bloating,sleep-hours,stress,probiotic-taken,food:kimchi,food:kefir,"
    "food:sugar,note\r\n";

static void test_csv_to_stdout_by_default(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_export, "export", NULL), 0);
    char *expected = xprintf("%s2026-03-01,1,,,,,,,,,\r\n2026-03-05,3,,,,,,,,,\r\n", csv_header);
    assert_string_equal(run->out, expected);
    free(expected);
    assert_int_equal(
        command_run(run, command_export, "export", "--from", "2026-03-02", "--to", "today", NULL),
        0);
    expected = xprintf("%s2026-03-05,3,,,,,,,,,\r\n", csv_header);
    assert_string_equal(run->out, expected);
    free(expected);
    assert_int_equal(
        command_run(run, command_export, "export", "--format", "json", "--to", "-8", NULL), 0);
    assert_contains(run->out, "\"date\": \"2026-03-01\"");
    assert_null(strstr(run->out, "2026-03-05"));
}

/* Counts the entries of `dir` other than . and .. whose name starts with `prefix`. */
static int count_entries(const char *dir, const char *prefix)
{
    DIR *folder = opendir(dir);
    assert_non_null(folder);
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL)
        if (strncmp(entry->d_name, prefix, strlen(prefix)) == 0 &&
            strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            count++;
    closedir(folder);
    return count;
}

static void test_output_file_is_private_and_whole(void **state)
{
    struct command_run *run = *state;
    char *path = xprintf("%s/days.JSON", run->dir);
    assert_int_equal(command_run(run, command_export, "export", "-o", path, NULL), 0);
    assert_string_equal(run->out, "");
    char *said = xprintf("export written to %s (2 days, json)\n", path);
    assert_string_equal(run->err, said);
    free(said);
    assert_int_equal(testutil_file_mode(path), 0600);
    char *text = testutil_read_file(path, NULL);
    assert_non_null(text);
    assert_true(text[0] == '['); /* JSON, from the extension */
    free(text);
    assert_int_equal(count_entries(run->dir, ".days.JSON"), 0); /* no temporary file left */
    /* The file exists now: replacing it needs --force. */
    assert_int_equal(command_run(run, command_export, "export", "-o", path, "-f", "csv", NULL), 1);
    assert_non_null(strstr(run->err, "already exists; use --force to replace it"));
    /* --format wins over the extension. */
    assert_int_equal(
        command_run(run, command_export, "export", "-o", path, "-f", "csv", "--force", NULL), 0);
    text = testutil_read_file(path, NULL);
    assert_true(strncmp(text, "date,", 5) == 0);
    free(text);
    free(path);
}

static void test_links_and_devices_are_written_in_place(void **state)
{
    struct command_run *run = *state;
    char *target = xprintf("%s/target.csv", run->dir), *link = xprintf("%s/link.csv", run->dir);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(command_run(run, command_export, "export", "-o", link, NULL), 0);
    char buffer[8] = "";
    assert_true(readlink(link, buffer, sizeof buffer - 1) > 0); /* still a link */
    char *text = testutil_read_file(target, NULL);
    assert_non_null(text);
    assert_true(strncmp(text, "date,", 5) == 0);
    free(text);
    free(target);
    free(link);
    /* A pipe (as a device would be) is written into, not replaced by a file. */
    char *fifo = xprintf("%s/pipe.csv", run->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    int reader = open(fifo, O_RDONLY | O_NONBLOCK); /* so that the export does not wait */
    assert_true(reader >= 0);
    assert_int_equal(command_run(run, command_export, "export", "-o", fifo, NULL), 0);
    char head[6] = "";
    assert_int_equal(read(reader, head, 5), 5);
    assert_string_equal(head, "date,");
    close(reader);
    struct stat info;
    assert_int_equal(lstat(fifo, &info), 0);
    assert_true(S_ISFIFO(info.st_mode));
    free(fifo);
}

static void test_failures(void **state)
{
    struct command_run *run = *state;
    char *path = xprintf("%s/missing/out.csv", run->dir);
    assert_int_equal(command_run(run, command_export, "export", "-o", path, NULL), 1);
    assert_contains(run->err, "gutskin: cannot create a file beside");
    assert_int_equal(testutil_file_mode(path), -1);
    free(path);
    assert_int_equal(command_run(run, command_export, "export", "--format", "xml", NULL), 2);
    assert_contains(run->err, "unknown format 'xml'");
    assert_int_equal(command_run(run, command_export, "export", "--from", "2026-03-05", "--to",
                                 "2026-03-01", NULL),
                     2);
    assert_contains(run->err, "--from 2026-03-05 is after --to");
    assert_int_equal(command_run(run, command_export, "export", "--from", "soon", NULL), 2);
    assert_int_equal(command_run(run, command_export, "export", "extra", NULL), 2);
    assert_int_equal(command_run(run, command_export, "export", "--help", NULL), 0);
    assert_contains(run->out, "RFC 4180");
}

/* Adds a mark to the run's journal. */
static void add_mark(const struct command_run *run, const char *date, const char *label)
{
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    assert_int_equal(journal_add_mark(journal, testutil_day(date), label, &err), 0);
    journal_close(journal);
}

/* The run's marks as "DATE LABEL" lines, by day. */
static char *list_marks(const struct command_run *run)
{
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    char *text = xstrdup("");
    for (size_t i = 0; i < marks.count; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(marks.items[i].day_number, date);
        char *longer = xprintf("%s%s %s\n", text, date, marks.items[i].label);
        free(text);
        text = longer;
    }
    journal_mark_list_release(&marks);
    journal_close(journal);
    return text;
}

static void test_json_round_trip_keeps_marks(void **state)
{
    struct command_run *run = *state;
    add_mark(run, "2026-03-05", "started new moisturiser");
    add_mark(run, "2026-03-03", "stopped \"dairy\", mostly"); /* a day with nothing saved */
    add_mark(run, "2026-03-05", "ate out");
    char *path = xprintf("%s/all.json", run->dir);
    assert_int_equal(command_run(run, command_export, "export", "-o", path, NULL), 0);
    char *exported = testutil_read_file(path, NULL);
    assert_non_null(exported);
    assert_contains(exported, "\"marks\": [\n      \"stopped \\\"dairy\\\", mostly\"\n    ]");
    /* A range leaves out the marks outside it, like the days. */
    assert_int_equal(
        command_run(run, command_export, "export", "-f", "json", "--from", "2026-03-04", NULL), 0);
    assert_contains(run->out, "ate out");
    assert_null(strstr(run->out, "dairy"));
    assert_null(strstr(run->out, "2026-03-03"));

    struct command_run *fresh = command_run_new();
    assert_int_equal(command_run(fresh, command_import, "import", path, NULL), 0);
    assert_contains(fresh->out, "imported 2 days (2 new, 0 merged)");
    assert_contains(fresh->out, "added 3 marks (0 already there)");
    char *before = list_marks(run);
    char *after = list_marks(fresh);
    assert_string_equal(after, "2026-03-03 stopped \"dairy\", mostly\n"
                               "2026-03-05 started new moisturiser\n2026-03-05 ate out\n");
    assert_string_equal(after, before);
    assert_int_equal(command_run_saved_days(fresh), 2);
    /* The fresh journal exports the same bytes: the round trip loses nothing. */
    assert_int_equal(command_run(fresh, command_export, "export", "-f", "json", NULL), 0);
    assert_string_equal(fresh->out, exported);

    /* A second import changes nothing, with merge or replace. */
    assert_int_equal(command_run(fresh, command_import, "import", path, NULL), 0);
    assert_contains(fresh->out, "added 0 marks (3 already there)");
    assert_int_equal(command_run(fresh, command_import, "import", "--replace", path, NULL), 0);
    assert_contains(fresh->out, "added 0 marks (3 already there)");
    free(after);
    after = list_marks(fresh);
    assert_string_equal(after, before);
    assert_int_equal(command_run_saved_days(fresh), 2);

    free(before);
    free(after);
    free(exported);
    free(path);
    command_run_free(fresh);
    setenv("XDG_CONFIG_HOME", run->dir, 1); /* the fresh run's folder is gone */
}

static void test_json_marks_bad_input(void **state)
{
    struct command_run *run = *state;
    char *path = xprintf("%s/bad.json", run->dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs("[{\"date\": \"2026-03-02\", \"marks\": [\"fine\", \"\"]},\n"
          " {\"date\": \"2026-03-04\", \"marks\": \"one\"}]\n",
          out);
    fclose(out);
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 1);
    assert_contains(run->err, "day 1 (2026-03-02): mark 2 must be a label (text, not empty)");
    assert_contains(run->err, "day 2 (2026-03-04): 'marks' must be an array of labels");
    char *marks = list_marks(run);
    assert_string_equal(marks, ""); /* a bad file adds nothing */
    free(marks);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_csv_to_stdout_by_default, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_output_file_is_private_and_whole, setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_links_and_devices_are_written_in_place, setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_failures, setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_json_round_trip_keeps_marks, setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_json_marks_bad_input, setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
