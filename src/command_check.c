/*
 * command_check.c - `gutskin check [FILE]`: SQLite's integrity check on a journal.
 *
 * The journal is opened read-only and nothing is migrated, so that checking a damaged or foreign
 * file can never make it worse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "journal.h"
#include "paths.h"
#include "setup.h"
#include "xalloc.h"

static const struct cli_command check_command = {
    .name = "check",
    .usage = "gutskin check [FILE]",
    .help = "\n"
            "Checks that the journal (or FILE) is a sound gutskin journal: SQLite's integrity\n"
            "check, then the links between days and their readings. The file is only read.\n"
            "\n"
            "Exit status: 0 when the journal is sound, 1 when it is damaged or not a journal,\n"
            "2 for a wrong command line.\n",
    .max_args = 1,
    .extra = "check takes one journal, not also %s",
};

static int report(struct journal *journal, struct error *err)
{
    size_t days = 0;
    int first_day, last_day;
    if (journal_check_integrity(journal, err) != 0 ||
        journal_count_days(journal, DATE_NONE, DATE_NONE, &days, err) != 0 ||
        journal_day_span(journal, &first_day, &last_day, err) != 0)
        return -1;
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    date_format(first_day, first);
    date_format(last_day, last);
    const char *path = journal_path(journal);
    int schema = journal_schema_version(journal);
    if (days == 0)
        printf("%s: ok (no days yet, schema %d)\n", path, schema);
    else
        printf("%s: ok (%zu day%s, from %s to %s, schema %d)\n", path, days, days == 1 ? "" : "s",
               first, last, schema);
    return 0;
}

/* SQLite's -wal and -shm files beside the journal. */
static const char *const sidecar_suffixes[] = {"-wal", "-shm"};
#define SIDECAR_COUNT (sizeof sidecar_suffixes / sizeof sidecar_suffixes[0])

static void find_sidecars(const char *path, bool existed[SIDECAR_COUNT])
{
    for (size_t i = 0; i < SIDECAR_COUNT; i++) {
        char *name = xprintf("%s%s", path, sidecar_suffixes[i]);
        existed[i] = access(name, F_OK) == 0;
        free(name);
    }
}

/* Opening a damaged file that says it is in WAL mode makes SQLite create an empty -wal and a
 * -shm that a read-only connection cannot remove. They were made by this check and hold nothing
 * (no other gutskin can be using a file it cannot open), so they go: a damaged file is left
 * exactly as it was found. */
static void remove_new_sidecars(const char *path, const bool existed[SIDECAR_COUNT])
{
    for (size_t i = 0; i < SIDECAR_COUNT; i++) {
        char *name = xprintf("%s%s", path, sidecar_suffixes[i]);
        struct stat info;
        bool empty_wal = i != 0 || (stat(name, &info) == 0 && info.st_size == 0);
        if (!existed[i] && empty_wal)
            (void)unlink(name);
        free(name);
    }
}

static int check_file(const char *path, struct error *err)
{
    bool existed[SIDECAR_COUNT];
    find_sidecars(path, existed);
    struct journal *journal = journal_open_existing(path, true, err);
    int status = journal != NULL ? report(journal, err) : -1;
    journal_close(journal);
    if (status != 0)
        remove_new_sidecars(path, existed);
    return status;
}

int command_check(const struct command_options *options, int argc, char **argv)
{
    struct cli_args args;
    int status = cli_parse(&check_command, NULL, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    const char *file = args.count > 0 ? args.items[0] : NULL;
    struct error err = {ERROR_NONE, ""};
    char *path = paths_journal_file(file != NULL ? file : options->db_path, &err);
    status = path != NULL ? check_file(path, &err) : -1;
    free(path);
    return status == 0 ? 0 : setup_report_error(&err);
}
