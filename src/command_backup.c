/*
 * command_backup.c - `gutskin backup [--force] [FILE]`: a consistent copy of the journal.
 *
 * The copy goes through SQLite's online backup API (journal_backup), so it is safe while the app
 * or another gutskin has the journal open. The source is opened read-only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "dates.h"
#include "journal.h"
#include "paths.h"
#include "setup.h"
#include "xalloc.h"

struct backup_arguments {
    const char *file;
    bool force;
};

static void print_help(void)
{
    fputs("usage: gutskin backup [--force] [FILE]\n"
          "\n"
          "Writes a consistent copy of the journal to FILE, by default beside the journal as\n"
          "JOURNAL.YYYY-MM-DD.bak (today's date). It is safe to run while gutskin is open.\n"
          "The copy is readable only by you. An existing file is never replaced unless\n"
          "--force is given.\n"
          "\n"
          "Options:\n"
          "  -f, --force   replace FILE if it exists\n"
          "  -h, --help    show this help and exit\n"
          "\n"
          "Exit status: 0 when the copy was written, 1 when it could not be, 2 for a wrong\n"
          "command line.\n",
          stdout);
}

static int usage_error(const char *format, const char *detail)
{
    fputs("gutskin: ", stderr);
    fprintf(stderr, format, detail);
    fputs("\nusage: gutskin backup [--force] [FILE]\n", stderr);
    return 2;
}

/* Returns -1 to go on, else the exit status. */
static int parse_arguments(int argc, char **argv, struct backup_arguments *arguments)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (!options_done && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            print_help();
            return 0;
        } else if (!options_done && (strcmp(arg, "-f") == 0 || strcmp(arg, "--force") == 0)) {
            arguments->force = true;
        } else if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option %s for backup", arg);
        } else if (arguments->file != NULL) {
            return usage_error("backup writes one file, not also %s", arg);
        } else {
            arguments->file = arg;
        }
    }
    return -1;
}

static char *default_destination(const char *journal_file)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    return xprintf("%s.%s.bak", journal_file, today);
}

static int refuse_existing(const char *destination, bool force, struct error *err)
{
    struct stat info;
    if (force || stat(destination, &info) != 0)
        return 0;
    return error_set(err, ERROR_INPUT, "%s already exists; use --force to replace it", destination);
}

static int back_up(const char *journal_file, const struct backup_arguments *arguments,
                   struct error *err)
{
    char *destination =
        arguments->file != NULL ? xstrdup(arguments->file) : default_destination(journal_file);
    int status = refuse_existing(destination, arguments->force, err);
    struct journal *journal = NULL;
    if (status == 0) {
        journal = journal_open_existing(journal_file, true, err);
        status = journal != NULL ? journal_backup(journal, destination, err) : -1;
    }
    if (status == 0)
        printf("backup written to %s\n", destination);
    journal_close(journal);
    free(destination);
    return status;
}

int command_backup(const struct command_options *options, int argc, char **argv)
{
    struct backup_arguments arguments = {NULL, false};
    int status = parse_arguments(argc, argv, &arguments);
    if (status >= 0)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *journal_file = paths_journal_file(options->db_path, &err);
    status = journal_file != NULL ? back_up(journal_file, &arguments, &err) : -1;
    free(journal_file);
    return status == 0 ? 0 : setup_report_error(&err);
}
