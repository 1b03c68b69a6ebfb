/*
 * command_restore.c - `gutskin restore FILE`: put a backup (or any gutskin journal) back as the
 * journal.
 *
 * The file is checked first (a gutskin journal, integrity ok, a schema this gutskin can read),
 * and what it holds is shown beside what the journal holds now. The journal as it is now is kept
 * as a dated copy in the backups folder, and only then replaced, through SQLite's online backup
 * API into the live file: never by copying files, which would corrupt a journal another gutskin
 * has open. A file with an older schema is first copied to a temporary file and upgraded there
 * (one with another page size is copied at the journal's by journal_restore_from); the file given
 * is only ever read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backups.h"
#include "cli.h"
#include "dates.h"
#include "commands.h"
#include "fileio.h"
#include "journal.h"
#include "paths.h"
#include "setup.h"
#include "xalloc.h"

struct restore_arguments {
    const char *file;
    bool dry_run;
};

static const struct cli_command restore_command = {
    .name = "restore",
    .usage = "gutskin restore [--dry-run] FILE",
    .help = "\n"
            "Puts FILE (a copy from gutskin backup, one of the automatic copies that\n"
            "gutskin backup --list shows, or any gutskin journal) back as the journal.\n"
            "FILE is checked first and what it holds is shown. The journal as it is now is\n"
            "kept as a dated copy in the backups folder, so a restore can be undone by\n"
            "restoring that copy. It is safe while gutskin is open: the app sees the restored\n"
            "days. FILE is only read.\n"
            "\n"
            "Options:\n"
            "  -n, --dry-run   check FILE and show what it holds, without restoring it\n"
            "  -h, --help      show this help and exit\n"
            "\n"
            "Exit status: 0 when restored (or, with --dry-run, when FILE can be), 1 when FILE\n"
            "cannot be restored or the journal cannot be written, 2 for a wrong command line.\n",
    .min_args = 1,
    .max_args = 1,
    .missing = "restore needs the file to put back",
    .extra = "restore takes one file, not also %s",
};

static int parse_arguments(int argc, char **argv, struct restore_arguments *arguments)
{
    const struct cli_option options[] = {{"dry-run", 'n', .flag = &arguments->dry_run}, {0}};
    struct cli_args args;
    int status = cli_parse(&restore_command, options, argc, argv, &args);
    if (status == CLI_GO_ON)
        arguments->file = args.items[0];
    return status;
}

/* "12 days, from 2026-01-02 to 2026-03-01, last changed 2026-03-01 21:04" */
static int describe(struct journal *journal, const char *label, struct error *err)
{
    size_t days = 0;
    int first_day, last_day;
    int64_t changed = 0;
    if (journal_count_days(journal, DATE_NONE, DATE_NONE, &days, err) != 0 ||
        journal_day_span(journal, &first_day, &last_day, err) != 0 ||
        journal_last_change(journal, &changed, err) != 0)
        return -1;
    printf("%s: ", label);
    if (days == 0) {
        puts("no days");
        return 0;
    }
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    date_format(first_day, first);
    date_format(last_day, last);
    printf("%zu day%s, from %s to %s", days, days == 1 ? "" : "s", first, last);
    time_t when = (time_t)changed;
    struct tm local;
    char text[32];
    if (changed > 0 && localtime_r(&when, &local) != NULL &&
        strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local) > 0)
        printf(", last changed %s", text);
    putchar('\n');
    return 0;
}

/* The file to restore from, checked; an older schema is upgraded in a temporary copy, whose name
 * goes to *temporary (caller removes and frees). */
static struct journal *open_source(const char *file, const char *journal_file, char **temporary,
                                   int *old_version, struct error *err)
{
    *temporary = NULL;
    if (fileio_same_file(file, journal_file)) {
        error_set(err, ERROR_INPUT, "%s is the journal itself; there is nothing to restore", file);
        return NULL;
    }
    struct journal *source = journal_open_existing(file, true, err);
    if (source == NULL || journal_check_integrity(source, err) != 0) {
        if (source != NULL)
            error_prefix(err, "cannot restore %s: ", file);
        journal_close(source);
        return NULL;
    }
    *old_version = journal_schema_version(source);
    if (*old_version == JOURNAL_SCHEMA_VERSION)
        return source;
    char *dir = backups_dir(journal_file);
    if (paths_make_dirs(dir, 0700, err) != 0) {
        free(dir);
        journal_close(source);
        return NULL;
    }
    *temporary = xprintf("%s/.restore-%ld.db", dir, (long)getpid());
    free(dir);
    int status = journal_backup(source, *temporary, err);
    journal_close(source);
    return status == 0 ? journal_open_existing(*temporary, false, err) : NULL;
}

/* Removes the upgraded copy, what SQLite kept beside it, and the copy the upgrade made first
 * (NAME.vN-DATE.bak, see journal_open_existing). */
static void remove_temporary(char *temporary, int old_version)
{
    if (temporary == NULL)
        return;
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    char *names[] = {xstrdup(temporary), xprintf("%s-wal", temporary), xprintf("%s-shm", temporary),
                     xprintf("%s-journal", temporary),
                     xprintf("%s.v%d-%s.bak", temporary, old_version, today)};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        (void)unlink(names[i]);
        free(names[i]);
    }
    free(temporary);
}

static int replace(struct journal *journal, struct journal *source, struct error *err)
{
    size_t days = 0;
    char *kept = NULL;
    if (journal_count_days(journal, DATE_NONE, DATE_NONE, &days, err) != 0)
        return -1;
    if (days > 0 && backups_make_before(journal, "restore", &kept, err) != 0) {
        error_prefix(err, "nothing restored: the journal as it is now could not be kept: ");
        return -1;
    }
    int status = journal_restore_from(journal, source, err);
    if (status == 0)
        status = journal_check_integrity(journal, err);
    if (status == 0) {
        printf("restored %s\n", journal_path(source));
        if (kept != NULL)
            printf("the journal as it was is kept in %s\n", kept);
    } else if (kept != NULL) {
        error_prefix(err, "(the journal as it was is kept in %s) ", kept);
    }
    free(kept);
    return status;
}

static int run_restore(const struct command_options *options,
                       const struct restore_arguments *arguments, struct error *err)
{
    char *journal_file = paths_journal_file(options->db_path, err);
    if (journal_file == NULL)
        return -1;
    char *temporary = NULL;
    int old_version = 0;
    struct journal *source =
        open_source(arguments->file, journal_file, &temporary, &old_version, err);
    struct journal *journal = NULL;
    int status = source != NULL ? describe(source, arguments->file, err) : -1;
    if (status == 0 && !arguments->dry_run) {
        journal = journal_open(journal_file, err);
        status = journal != NULL ? describe(journal, "the journal now", err) : -1;
        if (status == 0)
            status = replace(journal, source, err);
    } else if (status == 0) {
        puts("dry run: nothing was written; without --dry-run the journal would be kept as a "
             "dated copy in the backups folder and then replaced by this file");
    }
    journal_close(journal);
    journal_close(source);
    remove_temporary(temporary, old_version);
    free(journal_file);
    return status;
}

int command_restore(const struct command_options *options, int argc, char **argv)
{
    struct restore_arguments arguments = {NULL, false};
    int status = parse_arguments(argc, argv, &arguments);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    return run_restore(options, &arguments, &err) == 0 ? 0 : setup_report_error(&err);
}
