/*
 * command_status.c - `gutskin status`: one short line for a shell prompt, a status bar or a
 * daily reminder ("today not logged · 24/30 days"). It reads the journal only (no content, no
 * migration, no lock), so that it stays fast; bench/README.md has its timing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "journal.h"
#include "paths.h"

static const struct cli_command status_command = {
    .name = "status",
    .usage = "gutskin status",
    .help = "\nOne line: whether today is logged, and how many of the last 30 days are, e.g.\n"
            "  today not logged · 24/30 days\n"
            "For a shell prompt, a tmux status bar or a daily reminder (man gutskin has a cron\n"
            "and a systemd timer example with notify-send). Exit status: 0 today is logged,\n"
            "3 today is not logged yet, 1 the journal cannot be read.\n",
    .max_args = 0,
};

#define STATUS_NOT_LOGGED 3

int command_status(const struct command_options *options, int argc, char **argv)
{
    int status = cli_parse(&status_command, NULL, argc, argv, NULL);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *path = paths_journal_file(options->db_path, &err);
    struct stat info;
    if (path != NULL && stat(path, &info) != 0) {
        puts("no journal yet: gutskin opens today's check-in");
        free(path);
        return STATUS_NOT_LOGGED;
    }
    struct journal *journal = path ? journal_open_for_reading(path, &err) : NULL;
    free(path);
    if (journal == NULL) {
        fprintf(stderr, "gutskin: %s\n", err.message);
        return 1;
    }
    int today = date_today();
    size_t recent = 0, logged_today = 0;
    if (journal_count_days(journal, today - 29, today, &recent, &err) != 0 ||
        journal_count_days(journal, today, today, &logged_today, &err) != 0) {
        fprintf(stderr, "gutskin: %s\n", err.message);
        journal_close(journal);
        return 1;
    }
    journal_close(journal);
    printf("today %s · %zu/30 days\n", logged_today ? "logged" : "not logged", recent);
    return logged_today ? 0 : STATUS_NOT_LOGGED;
}
