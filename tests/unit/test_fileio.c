/* test_fileio.c - whole-file reads with their errors, and output files: a regular file replaced
 * whole and private, links and pipes written through, failed writes leaving the old file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "testutil.h"
#include "xalloc.h"

static int setup(void **state)
{
    *state = testutil_make_temp_dir();
    return 0;
}

static int teardown(void **state)
{
    testutil_remove_tree(*state);
    free(*state);
    return 0;
}

/* The number of entries in `dir` other than . and .. */
static int count_entries(const char *dir)
{
    DIR *folder = opendir(dir);
    assert_non_null(folder);
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL)
        count += strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
    closedir(folder);
    return count;
}

static void assert_file_text(const char *path, const char *expected)
{
    char *text = testutil_read_file(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, expected);
    free(text);
}

static void test_read_file(void **state)
{
    const char *dir = *state;
    char *path = testutil_write_file(dir, "note.txt", "line one\nline two\n");
    struct error err = {ERROR_NONE, ""};
    size_t length = 0;
    char *text = fileio_read_file(path, FILEIO_NO_LIMIT, &length, &err);
    assert_string_equal(text, "line one\nline two\n");
    assert_int_equal(length, 18);
    free(text);
    /* One byte over the limit is refused, and the limit is named. */
    assert_null(fileio_read_file(path, 17, &length, &err));
    assert_int_equal(err.kind, ERROR_INPUT);
    char *expected = xprintf("cannot read %s: it is larger than 17 bytes", path);
    assert_string_equal(err.message, expected);
    free(expected);
    free(path);
}

static void test_read_missing_file(void **state)
{
    const char *dir = *state;
    char *path = xprintf("%s/missing.txt", dir);
    struct error err = {ERROR_NONE, ""};
    assert_null(fileio_read_file(path, FILEIO_NO_LIMIT, NULL, &err));
    assert_int_equal(err.kind, ERROR_SYSTEM);
    char *expected = xprintf("cannot open %s: No such file or directory", path);
    assert_string_equal(err.message, expected);
    free(expected);
    free(path);
}

static void test_read_folder_is_an_error(void **state)
{
    const char *dir = *state;
    struct error err = {ERROR_NONE, ""};
    assert_null(fileio_read_file(dir, FILEIO_NO_LIMIT, NULL, &err));
    assert_non_null(strstr(err.message, dir));
    assert_int_equal(strncmp(err.message, "cannot ", 7), 0);
}

static void test_same_file(void **state)
{
    const char *dir = *state;
    char *path = testutil_write_file(dir, "journal.db", "x");
    char *other = testutil_write_file(dir, "other.db", "x");
    char *spelled = xprintf("%s/./journal.db", dir), *hard = xprintf("%s/hard.db", dir);
    char *missing = xprintf("%s/missing.db", dir);
    assert_int_equal(link(path, hard), 0);
    assert_true(fileio_same_file(path, path));
    assert_true(fileio_same_file(path, spelled));
    assert_true(fileio_same_file(hard, path));
    assert_false(fileio_same_file(path, other));
    assert_false(fileio_same_file(missing, missing));
    free(path);
    free(other);
    free(spelled);
    free(hard);
    free(missing);
}

static void test_regular_file_replaced_whole_and_private(void **state)
{
    const char *dir = *state;
    char *path = testutil_write_file(dir, "days.csv", "old\n");
    assert_int_equal(chmod(path, 0644), 0);
    struct stat before;
    assert_int_equal(stat(path, &before), 0);
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, path, &err), 0);
    assert_non_null(output.temporary);
    fputs("new\n", output.file);
    fflush(output.file);
    /* Until the commit, the old file is untouched and the new one is a hidden file beside it. */
    assert_file_text(path, "old\n");
    assert_int_equal(count_entries(dir), 2);
    assert_int_equal(testutil_file_mode(output.temporary), 0600);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    assert_file_text(path, "new\n");
    assert_int_equal(testutil_file_mode(path), 0600);
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_true(after.st_ino != before.st_ino); /* renamed into place, not rewritten */
    assert_int_equal(count_entries(dir), 1);
    assert_null(output.file);
    free(path);
}

static void test_new_file_in_a_relative_folder(void **state)
{
    const char *dir = *state;
    char *previous = getcwd(NULL, 0);
    assert_int_equal(chdir(dir), 0);
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, "report.md", &err), 0);
    fputs("# report\n", output.file);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    assert_int_equal(chdir(previous), 0);
    free(previous);
    char *path = xprintf("%s/report.md", dir);
    assert_file_text(path, "# report\n");
    assert_int_equal(testutil_file_mode(path), 0600);
    assert_int_equal(count_entries(dir), 1);
    free(path);
}

static void test_symbolic_link_written_through(void **state)
{
    const char *dir = *state;
    char *target = testutil_write_file(dir, "target.csv", "old\n");
    char *link = xprintf("%s/link.csv", dir);
    assert_int_equal(symlink(target, link), 0);
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, link, &err), 0);
    assert_null(output.temporary);
    fputs("new\n", output.file);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    struct stat info;
    assert_int_equal(lstat(link, &info), 0);
    assert_true(S_ISLNK(info.st_mode));
    assert_file_text(target, "new\n");
    assert_int_equal(count_entries(dir), 2);
    /* A link to a file that does not exist yet creates the file, privately. */
    char *dangling = xprintf("%s/dangling.csv", dir), *created = xprintf("%s/created.csv", dir);
    assert_int_equal(symlink(created, dangling), 0);
    assert_int_equal(fileio_output_open(&output, dangling, &err), 0);
    fputs("made\n", output.file);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    assert_file_text(created, "made\n");
    assert_int_equal(testutil_file_mode(created), 0600);
    free(dangling);
    free(created);
    free(target);
    free(link);
}

static void test_pipe_written_in_place(void **state)
{
    const char *dir = *state;
    char *fifo = xprintf("%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* A reader first, so that opening the pipe for writing does not wait. */
    int reader = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(reader >= 0);
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, fifo, &err), 0);
    assert_null(output.temporary);
    fputs("through the pipe\n", output.file);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    char buffer[64] = "";
    assert_int_equal(read(reader, buffer, sizeof buffer - 1), 17);
    assert_string_equal(buffer, "through the pipe\n");
    close(reader);
    struct stat info;
    assert_int_equal(lstat(fifo, &info), 0);
    assert_true(S_ISFIFO(info.st_mode));
    assert_int_equal(count_entries(dir), 1);
    free(fifo);
}

/* Writes more than a 4 KiB file size limit allows, so that the writes fail with EFBIG. */
static void write_past_a_size_limit(FILE *file)
{
    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = 4096;
    void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    char line[100];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    for (int i = 0; i < 100; i++)
        fputs(line, file);
    fflush(file);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, previous);
    assert_true(ferror(file));
}

static void test_commit_after_a_write_error_keeps_the_old_file(void **state)
{
    const char *dir = *state;
    char *path = testutil_write_file(dir, "days.json", "old\n");
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, path, &err), 0);
    write_past_a_size_limit(output.file);
    assert_int_equal(fileio_output_commit(&output, &err), -1);
    assert_int_equal(err.kind, ERROR_SYSTEM);
    char *expected = xprintf("cannot write %s", path);
    assert_int_equal(strncmp(err.message, expected, strlen(expected)), 0);
    free(expected);
    assert_file_text(path, "old\n");
    assert_int_equal(count_entries(dir), 1); /* no temporary file left */
    free(path);
}

static void test_abort_keeps_the_old_file(void **state)
{
    const char *dir = *state;
    char *path = testutil_write_file(dir, "days.csv", "old\n");
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, path, &err), 0);
    fputs("half a fi", output.file);
    fileio_output_abort(&output);
    assert_file_text(path, "old\n");
    assert_int_equal(count_entries(dir), 1);
    free(path);
}

static void test_missing_folder_and_standard_output(void **state)
{
    const char *dir = *state;
    char *path = xprintf("%s/missing/out.csv", dir);
    struct fileio_output output;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(fileio_output_open(&output, path, &err), -1);
    char *expected = xprintf("cannot create a file beside %s: No such file or directory", path);
    assert_string_equal(err.message, expected);
    free(expected);
    free(path);
    assert_int_equal(fileio_output_open(&output, "-", &err), 0);
    assert_ptr_equal(output.file, stdout);
    assert_null(output.path);
    assert_int_equal(fileio_output_commit(&output, &err), 0);
    assert_int_equal(fileio_output_open(&output, NULL, &err), 0);
    assert_ptr_equal(output.file, stdout);
    fileio_output_abort(&output);
    assert_int_equal(count_entries(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_folder_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regular_file_replaced_whole_and_private, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_new_file_in_a_relative_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symbolic_link_written_through, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pipe_written_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_after_a_write_error_keeps_the_old_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_abort_keeps_the_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_and_standard_output, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
