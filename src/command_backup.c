/*
 * command_backup.c - `gutskin backup [--force] [FILE]`: a consistent copy of the journal.
 *
 * The copy goes through SQLite's online backup API (journal_backup), so it is safe while the app
 * or another gutskin has the journal open. The source is opened read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
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

static const struct cli_command backup_command = {
    .name = "backup",
    .usage = "gutskin backup [--force] [FILE]",
    .help = "\n"
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
    .max_args = 1,
    .extra = "backup writes one file, not also %s",
};

/* Returns CLI_GO_ON, else the exit status. */
static int parse_arguments(int argc, char **argv, struct backup_arguments *arguments)
{
    const struct cli_option options[] = {{"force", 'f', .flag = &arguments->force}, {0}};
    struct cli_args args;
    int status = cli_parse(&backup_command, options, argc, argv, &args);
    if (status == CLI_GO_ON && args.count > 0)
        arguments->file = args.items[0];
    return status;
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
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *journal_file = paths_journal_file(options->db_path, &err);
    status = journal_file != NULL ? back_up(journal_file, &arguments, &err) : -1;
    free(journal_file);
    return status == 0 ? 0 : setup_report_error(&err);
}
