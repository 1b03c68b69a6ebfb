/*
 * command_check.c - `gutskin check [FILE]`: SQLite's integrity check on a journal.
 *
 * The journal is opened read-only and nothing is migrated, so that checking a damaged or foreign
 * file can never make it worse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "journal.h"
#include "paths.h"
#include "setup.h"
#include "xalloc.h"

static void print_help(void)
{
    fputs("usage: gutskin check [FILE]\n"
          "\n"
          "Checks that the journal (or FILE) is a sound gutskin journal: SQLite's integrity\n"
          "check, then the links between days and their readings. The file is only read.\n"
          "\n"
          "Exit status: 0 when the journal is sound, 1 when it is damaged or not a journal,\n"
          "2 for a wrong command line.\n",
          stdout);
}

static int usage_error(const char *format, const char *detail)
{
    fputs("gutskin: ", stderr);
    fprintf(stderr, format, detail);
    fputs("\nusage: gutskin check [FILE]\n", stderr);
    return 2;
}

/* Parses the arguments; returns -1 to go on, else the exit status. */
static int parse_arguments(int argc, char **argv, const char **file)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (!options_done && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            print_help();
            return 0;
        } else if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option %s for check", arg);
        } else if (*file != NULL) {
            return usage_error("check takes one journal, not also %s", arg);
        } else {
            *file = arg;
        }
    }
    return -1;
}

static int report(struct journal *journal, struct error *err)
{
    size_t days = 0;
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    if (journal_check_integrity(journal, err) != 0 ||
        journal_count_days(journal, NULL, NULL, &days, err) != 0 ||
        journal_date_span(journal, first, last, err) != 0)
        return -1;
    const char *path = journal_path(journal);
    int schema = journal_schema_version(journal);
    if (days == 0)
        printf("%s: ok (no days yet, schema %d)\n", path, schema);
    else
        printf("%s: ok (%zu day%s, from %s to %s, schema %d)\n", path, days, days == 1 ? "" : "s",
               first, last, schema);
    return 0;
}

int command_check(const struct command_options *options, int argc, char **argv)
{
    const char *file = NULL;
    int status = parse_arguments(argc, argv, &file);
    if (status >= 0)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *path = paths_journal_file(file != NULL ? file : options->db_path, &err);
    struct journal *journal = path ? journal_open_existing(path, true, &err) : NULL;
    status = journal != NULL ? report(journal, &err) : -1;
    journal_close(journal);
    free(path);
    return status == 0 ? 0 : setup_report_error(&err);
}
