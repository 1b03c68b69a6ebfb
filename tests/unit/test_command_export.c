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

static int teardown(void **state)
{
    command_run_free(*state);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_csv_to_stdout_by_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_file_is_private_and_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_and_devices_are_written_in_place, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
