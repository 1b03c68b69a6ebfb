/*
 * main.c - the gutskin command line: global options, then a subcommand or the full-screen app.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "text.h"

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
    {"import", command_import, "read days from CSV or JSON"},
    {"report", command_report, "a summary to bring to a healthcare practitioner"},
    {"merge", command_merge, "bring in the days of another journal"},
    {"backup", command_backup, "a consistent copy of the journal"},
    {"restore", command_restore, "put a backup back as the journal"},
    {"check", command_check, "check the journal's integrity"},
    {"track", command_track, "your own foods, signs and habits; hide or rename any item"},
    {"demo", command_demo, "open a demo journal with sample check-ins"},
    {"content", command_content, "check the content files (content check [DIR]) or list sources"},
};

static void print_usage(FILE *out)
{
    fputs("usage: gutskin [--db PATH] [--content DIR] [COMMAND [ARGS]]\n", out);
}

static void print_help(void)
{
    print_usage(stdout);
    fputs("\nA terminal journal for the gut-skin axis. Without a command, gutskin opens the\n"
          "full-screen app on today's check-in.\n\n"
          "Options:\n"
          "  --db PATH       use this journal file (default: $GUTSKIN_DB, else\n"
          "                  $XDG_DATA_HOME/gutskin/journal.db)\n"
          "  --content DIR   read the content files from DIR\n"
          "  -h, --help      show this help and exit\n"
          "  -V, --version   show the version and exit\n\n"
          "Commands:\n",
          stdout);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'gutskin COMMAND --help' for a command's options; 'man gutskin' for more.\n",
          stdout);
}

/* Takes "--name VALUE" or "--name=VALUE"; returns how many arguments it used, 0 when argv[*i]
 * is not this option, -1 when the value is missing. */
static int take_option(const char *name, int argc, char **argv, int i, const char **value)
{
    size_t length = strlen(name);
    if (strncmp(argv[i], name, length) != 0)
        return 0;
    if (argv[i][length] == '=') {
        *value = argv[i] + length + 1;
        return 1;
    }
    if (argv[i][length] != '\0')
        return 0;
    if (i + 1 >= argc)
        return -1;
    *value = argv[i + 1];
    return 2;
}

static int usage_error(const char *format, const char *detail)
{
    char shown[64];
    fputs("gutskin: ", stderr);
    fprintf(stderr, format, text_safe(detail, shown, sizeof shown));
    fputc('\n', stderr);
    print_usage(stderr);
    return 2;
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

static int run(int argc, char **argv)
{
    struct command_options options = {NULL, NULL};
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            print_help();
            return 0;
        }
        if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
            printf("gutskin %s\n", GUTSKIN_VERSION);
            return 0;
        }
        const char *db = NULL, *content = NULL;
        int used = take_option("--db", argc, argv, i, &db);
        if (used == 0)
            used = take_option("--content", argc, argv, i, &content);
        if (used < 0)
            return usage_error("option %s needs a value", argv[i]);
        if (used == 0)
            return usage_error("unknown option %s", argv[i]);
        const char **slot = db != NULL ? &options.db_path : &options.content_dir;
        const char *value = db != NULL ? db : content;
        /* An empty value would quietly mean the default journal; twice, one would be ignored. */
        if (value[0] == '\0')
            return usage_error("option %s needs a value, not an empty one",
                               db != NULL ? "--db" : "--content");
        if (*slot != NULL)
            return usage_error("option %s is given twice; give it once",
                               db != NULL ? "--db" : "--content");
        *slot = value;
        i += used;
    }
    if (i == argc)
        return command_app(&options, 0, argv + i);
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(argv[i], commands[c].name) == 0)
            return commands[c].run(&options, argc - i, argv + i);
    return usage_error("unknown command '%s' (see gutskin --help)", argv[i]);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* Numbers in files and on the command line always use a decimal point. */
    setlocale(LC_NUMERIC, "C");
    return check_standard_output(run(argc, argv));
}
