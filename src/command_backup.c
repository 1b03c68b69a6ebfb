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

#include "backups.h"
#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "fileio.h"
#include "journal.h"
#include "paths.h"
#include "setup.h"
#include "xalloc.h"

struct backup_arguments {
    const char *file;
    bool force;
    bool list;
};

static const struct cli_command backup_command = {
    .name = "backup",
    .usage = "gutskin backup [--force] [FILE] | gutskin backup --list",
    .help = "\n"
            "Writes a consistent copy of the journal to FILE, by default beside the journal as\n"
            "JOURNAL.YYYY-MM-DD.bak (today's date). It is safe to run while gutskin is open.\n"
            "The copy is readable only by you. An existing file is never replaced unless\n"
            "--force is given; even then the new copy is written beside it, checked and synced\n"
            "to the disk before it takes the old one's place, so a failed copy leaves the old\n"
            "one as it was.\n"
            "\n"
            "gutskin also keeps copies by itself: before the first change of each day, in the\n"
            "folder backups/ beside the journal, the last 7 daily and 4 weekly ones. Set\n"
            "GUTSKIN_BACKUPS=off to stop them, or to DAILY,WEEKLY (such as 14,8) to keep more.\n"
            "--list shows them; gutskin restore FILE puts one back.\n"
            "\n"
            "Options:\n"
            "  -f, --force   replace FILE if it exists\n"
            "  -l, --list    list the automatic copies, newest first, with their sizes\n"
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
    const struct cli_option options[] = {
        {"force", 'f', .flag = &arguments->force}, {"list", 'l', .flag = &arguments->list}, {0}};
    struct cli_args args;
    int status = cli_parse(&backup_command, options, argc, argv, &args);
    if (status == CLI_GO_ON && args.count > 0)
        arguments->file = args.items[0];
    if (status == CLI_GO_ON && arguments->list && (arguments->file != NULL || arguments->force))
        return cli_usage_error(&backup_command, "--list takes no FILE and no --force");
    return status;
}

static char *default_destination(const char *journal_file)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    return xprintf("%s.%s.bak", journal_file, today);
}

static int back_up(const char *journal_file, const struct backup_arguments *arguments,
                   struct error *err)
{
    char *destination =
        arguments->file != NULL ? xstrdup(arguments->file) : default_destination(journal_file);
    /* An earlier backup is an SQLite file that --force may replace; the journal never. */
    int status = fileio_check_destination(destination, journal_file, true, err);
    if (status == 0)
        status = fileio_refuse_existing(destination, arguments->force, err);
    struct journal *journal = NULL;
    if (status == 0) {
        journal = journal_open_existing(journal_file, true, err);
        status = journal != NULL ? journal_backup(journal, destination, err) : -1;
    }
    if (status == 0)
        setup_print_written("backup", destination, NULL);
    journal_close(journal);
    free(destination);
    return status;
}

static void print_size(int64_t size)
{
    if (size < 1024)
        printf("%7lld B  ", (long long)size);
    else if (size < 1024 * 1024)
        printf("%7.1f KiB", (double)size / 1024);
    else
        printf("%7.1f MiB", (double)size / (1024 * 1024));
}

static void print_policy(void)
{
    struct backups_policy policy;
    struct error err = {ERROR_NONE, ""};
    if (backups_policy_read(&policy, &err) != 0)
        printf("%s\n", err.message);
    else if (policy.off)
        puts("automatic backups are off (GUTSKIN_BACKUPS=off)");
    else
        printf("keeping the last %d daily and %d weekly copies\n", policy.daily, policy.weekly);
}

static int list_backups(const char *journal_file, struct error *err)
{
    struct backups_list list;
    backups_list_init(&list);
    int status = backups_list_read(journal_file, &list, err);
    if (status == 0) {
        printf("backups of %s in %s/\n", journal_file, list.dir);
        print_policy();
        if (list.count == 0)
            puts("no copies yet: the first is made before the first change of a day");
        for (size_t i = 0; i < list.count; i++) {
            printf("%s  ", list.items[i].date);
            print_size(list.items[i].size);
            printf("  %s\n", list.items[i].name);
        }
    }
    backups_list_release(&list);
    return status;
}

int command_backup(const struct command_options *options, int argc, char **argv)
{
    struct backup_arguments arguments = {NULL, false, false};
    int status = parse_arguments(argc, argv, &arguments);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *journal_file = paths_journal_file(options->db_path, &err);
    if (journal_file != NULL)
        status = arguments.list ? list_backups(journal_file, &err)
                                : back_up(journal_file, &arguments, &err);
    else
        status = -1;
    free(journal_file);
    return status == 0 ? 0 : setup_report_error(&err);
}
