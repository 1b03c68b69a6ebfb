/*
 * main.c - the gutskin command line: global options, then a subcommand or the full-screen app.
 */
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "xalloc.h"

#ifndef GUTSKIN_VERSION
#define GUTSKIN_VERSION "0.1.0"
#endif

typedef int command_fn(const struct command_options *options, int argc, char **argv);

struct command {
    const char *name;
    command_fn *run;
    const char *summary;
};

static const struct command commands[] = {
    {"log", command_log, "record part of a day without opening the app"},
    {"show", command_show, "print a day as text"},
    {"export", command_export, "write the journal as CSV or JSON"},
    {"import", command_import, "read days from CSV, JSON or another app's export"},
    {"report", command_report, "a summary to bring to a healthcare practitioner"},
    {"merge", command_merge, "bring in the days of another journal"},
    {"backup", command_backup, "a consistent copy of the journal"},
    {"restore", command_restore, "put a backup back as the journal"},
    {"check", command_check, "check the journal's integrity"},
    {"status", command_status, "one line: is today logged, days logged of the last 30"},
    {"track", command_track, "your own foods, signs and habits; hide or rename any item"},
    {"experiment", command_experiment, "plan and read a test of one change (an n-of-1 trial)"},
    {"demo", command_demo, "open a demo journal with sample check-ins"},
    {"content", command_content, "check the content files (content check [DIR]) or list sources"},
};

/* The help after the usage line, with the commands from the table. */
static char *main_help(void)
{
    char *help =
        xstrdup("\nA terminal journal for the gut-skin axis. Without a command, gutskin opens the\n"
                "full-screen app on today's check-in.\n\n"
                "Options:\n"
                "  --db PATH       use this journal file (default: $GUTSKIN_DB, else\n"
                "                  $XDG_DATA_HOME/gutskin/journal.db)\n"
                "  --content DIR   read the content files from DIR\n"
                "  -h, --help      show this help and exit\n"
                "  -V, --version   show the version and exit\n\n"
                "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char *longer = xprintf("%s  %-10s %s\n", help, commands[i].name, commands[i].summary);
        free(help);
        help = longer;
    }
    char *whole = xprintf(
        "%s\nRun 'gutskin COMMAND --help' for a command's options; 'man gutskin' for more.\n",
        help);
    free(help);
    return whole;
}

/* What was printed must have reached standard output: `gutskin show > file` on a full disk
 * would otherwise end with status 0 and half a file. */
static int check_standard_output(int status)
{
    errno = 0;
    /* A command that failed has said why already (export names its own write errors). */
    if (status != 0 || (fflush(stdout) == 0 && !ferror(stdout)))
        return status;
    if (errno != 0)
        fprintf(stderr, "gutskin: cannot write to standard output: %s\n", strerror(errno));
    else
        fputs("gutskin: cannot write to standard output\n", stderr);
    return 1;
}

/* gutskin's own options go through the parser every command uses; they end at the command. */
static int run(int argc, char **argv)
{
    struct command_options options = {NULL, NULL};
    bool version = false;
    char *help = main_help();
    const struct cli_command gutskin = {
        .usage = "gutskin [--db PATH] [--content DIR] [COMMAND [ARGS]]",
        .help = help,
        .max_args = CLI_ANY,
        .options_first = true,
    };
    const struct cli_option globals[] = {
        {"db", 0, .value = &options.db_path},
        {"content", 0, .value = &options.content_dir},
        {"version", 'V', .flag = &version},
        {0},
    };
    struct cli_args args;
    int status = cli_parse(&gutskin, globals, argc, argv, &args);
    free(help);
    if (status != CLI_GO_ON)
        return status;
    /* An empty value would quietly mean the default journal or content. */
    if (options.db_path != NULL && options.db_path[0] == '\0')
        return cli_usage_error(&gutskin, "option --db needs a value, not an empty one");
    if (options.content_dir != NULL && options.content_dir[0] == '\0')
        return cli_usage_error(&gutskin, "option --content needs a value, not an empty one");
    if (version) {
        printf("gutskin %s\n", GUTSKIN_VERSION);
        return 0;
    }
    if (args.count == 0)
        return command_app(&options, 0, args.items);
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(args.items[0], commands[c].name) == 0)
            return commands[c].run(&options, (int)args.count, args.items);
    return cli_usage_error(&gutskin, "unknown command '%s' (see gutskin --help)", args.items[0]);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* Numbers in files and on the command line always use a decimal point. */
    setlocale(LC_NUMERIC, "C");
    return check_standard_output(run(argc, argv));
}
