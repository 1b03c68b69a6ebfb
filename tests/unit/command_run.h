/*
 * command_run.h - running a gutskin subcommand inside a unit test, with its standard output and
 * error captured, against a private journal and the small fixed test content.
 *
 * Include after cmocka.h. Everything is static inline so that each test file takes only what it
 * uses without unused-function warnings.
 */
#ifndef GUTSKIN_COMMAND_RUN_H
#define GUTSKIN_COMMAND_RUN_H

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

#define COMMAND_RUN_CONTENT TESTS_SOURCE_DIR "/csv-bad/content"
#define COMMAND_RUN_MAX_ARGS 32

struct command_run {
    char *dir;
    char *db_path;
    struct command_options options;
    int status;
    char *out; /* what the last command printed */
    char *err;
};

typedef int command_run_fn(const struct command_options *options, int argc, char **argv);

static inline struct command_run *command_run_new(void)
{
    struct command_run *run = xcalloc(1, sizeof *run);
    run->dir = testutil_make_temp_dir();
    run->db_path = xprintf("%s/journal.db", run->dir);
    run->options.db_path = run->db_path;
    run->options.content_dir = COMMAND_RUN_CONTENT;
    /* No user overlay, no journal from the environment, a fixed today. */
    setenv("XDG_CONFIG_HOME", run->dir, 1);
    unsetenv("GUTSKIN_DB");
    setenv("GUTSKIN_TODAY", "2026-03-10", 1);
    return run;
}

static inline void command_run_free(struct command_run *run)
{
    testutil_remove_tree(run->dir);
    free(run->dir);
    free(run->db_path);
    free(run->out);
    free(run->err);
    free(run);
}

/* cmocka fixtures for tests that need only a fresh run: *state is the struct command_run. */
static inline int command_run_setup(void **state)
{
    *state = command_run_new();
    return 0;
}

static inline int command_run_teardown(void **state)
{
    command_run_free(*state);
    return 0;
}

/* Points `fd` at `path`; returns the saved descriptor to restore. */
static inline int command_run_redirect(int fd, const char *path)
{
    int saved = dup(fd);
    int file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && file >= 0);
    dup2(file, fd);
    close(file);
    return saved;
}

static inline void command_run_restore(int fd, int saved)
{
    dup2(saved, fd);
    close(saved);
}

/* Runs `fn` with the arguments in `args` (a NULL ends them; the first is the command name), its
 * standard output and error captured through files in `capture_dir`, filling run->status,
 * run->out and run->err. Returns the status. */
static inline int command_run_v(struct command_run *run, const char *capture_dir,
                                command_run_fn *fn, va_list args)
{
    char *argv[COMMAND_RUN_MAX_ARGS + 1];
    int argc = 0;
    const char *argument;
    while ((argument = va_arg(args, const char *)) != NULL && argc < COMMAND_RUN_MAX_ARGS)
        argv[argc++] = xstrdup(argument);
    argv[argc] = NULL;
    char *out_path = xprintf("%s/stdout", capture_dir);
    char *err_path = xprintf("%s/stderr", capture_dir);
    fflush(stdout);
    fflush(stderr);
    int saved_out = command_run_redirect(STDOUT_FILENO, out_path);
    int saved_err = command_run_redirect(STDERR_FILENO, err_path);
    run->status = fn(&run->options, argc, argv);
    fflush(stdout);
    fflush(stderr);
    command_run_restore(STDOUT_FILENO, saved_out);
    command_run_restore(STDERR_FILENO, saved_err);
    free(run->out);
    free(run->err);
    run->out = testutil_read_file(out_path, NULL);
    run->err = testutil_read_file(err_path, NULL);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(out_path);
    free(err_path);
    return run->status;
}

/* Runs `fn` with the arguments that follow (a NULL ends them; the first is the command name),
 * capturing its output in run->dir. Returns the status. */
static inline int command_run(struct command_run *run, command_run_fn *fn, ...)
{
    va_list args;
    va_start(args, fn);
    int status = command_run_v(run, run->dir, fn, args);
    va_end(args);
    return status;
}

/* Fails the test, showing what was printed, when `needle` is not in `text`. */
#define assert_contains(text, needle)                                                              \
    do {                                                                                           \
        if (strstr((text), (needle)) == NULL)                                                      \
            fail_msg("'%s' not found in:\n%s", (needle), (text));                                  \
    } while (0)

/* The number of days saved in the run's journal (cmocka fails the test when it cannot be read). */
static inline size_t command_run_saved_days(const struct command_run *run)
{
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    size_t count = 0;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &err), 0);
    journal_close(journal);
    return count;
}

#endif
