/*
 * command_report.c - `gutskin report [--days N | --from D --to D] [--format md|html] [-o FILE]`:
 * the summary to bring to a healthcare practitioner (see report.h).
 *
 * A file named with -o is written to a temporary file beside it and renamed over it at the end,
 * so that an interrupted run never leaves half a report; like the journal, it is created
 * readable by its owner only, since it holds health information. A destination that exists and
 * is not a regular file (/dev/stdout, a pipe, a symbolic link) is written in place, never
 * replaced.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "report.h"
#include "setup.h"
#include "xalloc.h"

#define REPORT_MAX_DAYS 36600

struct report_arguments {
    const char *days;
    const char *from;
    const char *to;
    const char *format;
    const char *output;
};

static const struct cli_command report_command = {
    .name = "report",
    .usage = "gutskin report [--days N | --from DATE --to DATE] [--format md|html] [-o FILE]",
    .help = "\n"
            "Writes a summary of the journal to bring to a healthcare practitioner: days logged,\n"
            "group scores against the previous period, the most frequent and most severe\n"
            "symptoms, habits, foods, marked changes, possible associations and the notes.\n"
            "\n"
            "Options:\n"
            "  --days N         the last N days up to today (default 30)\n"
            "  --from DATE      first day (YYYY-MM-DD, today, yesterday or -N)\n"
            "  --to DATE        last day (default today)\n"
            "  --format FORMAT  md (Markdown, the default) or html (one self-contained file)\n"
            "  -o, --output FILE  write to FILE instead of standard output; the format follows\n"
            "                   its extension (.md, .html) unless --format is given\n"
            "  -h, --help       show this help and exit\n"
            "\n"
            "Exit status: 0 when the report was written, 1 when it could not be, 2 for a wrong\n"
            "command line.\n",
};

/* Returns CLI_GO_ON, else the exit status. */
static int parse_arguments(int argc, char **argv, struct report_arguments *arguments)
{
    static const char *const formats[] = {"md", "markdown", "html", NULL};
    const struct cli_option options[] = {
        {"days", 0, .value = &arguments->days},
        {"from", 0, .value = &arguments->from},
        {"to", 0, .value = &arguments->to},
        {"format", 0, .value = &arguments->format, .choices = formats},
        {"output", 'o', .value = &arguments->output},
        {0}};
    int status = cli_parse(&report_command, options, argc, argv, NULL);
    if (status == CLI_GO_ON && arguments->days != NULL && arguments->from != NULL)
        return cli_usage_error(&report_command, "--days and --from cannot be used together");
    return status;
}

static int parse_days(const char *text, int *days)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 1 || value > REPORT_MAX_DAYS)
        return cli_usage_error(&report_command, "--days needs a number of days from 1 up, not '%s'",
                               text);
    *days = (int)value;
    return CLI_GO_ON;
}

static int parse_date(const char *option, const char *text, int today, int *day)
{
    if (date_parse_relative(text, today, day))
        return CLI_GO_ON;
    return cli_usage_error(&report_command,
                           "%s needs a date (YYYY-MM-DD, today, yesterday or -N), not '%s'", option,
                           text);
}

/* Fills the period and the format; returns CLI_GO_ON, else the exit status. */
static int resolve_options(const struct report_arguments *arguments, struct report_options *out)
{
    int today = date_today();
    int days = REPORT_DEFAULT_DAYS, status = CLI_GO_ON;
    out->written_on = today;
    out->to = today;
    if (arguments->days != NULL)
        status = parse_days(arguments->days, &days);
    if (status == CLI_GO_ON && arguments->to != NULL)
        status = parse_date("--to", arguments->to, today, &out->to);
    out->from = out->to - days + 1;
    if (status == CLI_GO_ON && arguments->from != NULL)
        status = parse_date("--from", arguments->from, today, &out->from);
    if (status == CLI_GO_ON && out->from > out->to)
        status = cli_usage_error(&report_command, "--from is after --to");
    out->format = REPORT_MARKDOWN;
    if (arguments->format != NULL) /* one of the names: the parser checked */
        report_format_from_name(arguments->format, &out->format);
    else if (arguments->output != NULL)
        report_format_from_file(arguments->output, &out->format);
    return status;
}

/* Writes straight into `path` (a device such as /dev/null, a pipe, or a symbolic link, which a
 * rename would replace). */
static int write_in_place(const char *path, struct journal *journal, const struct content *content,
                          const struct report_options *options, struct error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (out == NULL) {
        error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int status = report_write(out, journal, content, options, err);
    if (fclose(out) != 0 && status == 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    return status;
}

/* Writes through a temporary file in the same folder, then renames it over `path`; anything that
 * exists there and is not a regular file is written in place instead. */
static int write_file(const char *path, struct journal *journal, const struct content *content,
                      const struct report_options *options, struct error *err)
{
    struct stat info;
    if (lstat(path, &info) == 0 && !S_ISREG(info.st_mode))
        return write_in_place(path, journal, content, options, err);
    char *temporary = xprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(temporary);
    if (fd < 0) {
        error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
        free(temporary);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    int status = out != NULL ? report_write(out, journal, content, options, err)
                             : error_set(err, ERROR_SYSTEM, "cannot write %s", path);
    if (status == 0 && fsync(fd) != 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    if ((out != NULL ? fclose(out) : close(fd)) != 0 && status == 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    if (status == 0 && rename(temporary, path) != 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    if (status != 0)
        unlink(temporary);
    free(temporary);
    return status;
}

static int run_report(const struct command_options *options, const char *output,
                      const struct report_options *report, struct error *err)
{
    struct journal *journal = setup_open_journal(options, err);
    if (journal == NULL)
        return -1;
    if (journal_warning(journal) != NULL)
        fprintf(stderr, "gutskin: warning: %s\n", journal_warning(journal));
    struct content *content = setup_load_content(options, err);
    int status = -1;
    if (content != NULL && (output == NULL || strcmp(output, "-") == 0))
        status = report_write(stdout, journal, content, report, err);
    else if (content != NULL)
        status = write_file(output, journal, content, report, err);
    if (status == 0 && output != NULL && strcmp(output, "-") != 0)
        printf("report written to %s\n", output);
    content_free(content);
    journal_close(journal);
    return status;
}

int command_report(const struct command_options *options, int argc, char **argv)
{
    struct report_arguments arguments = {NULL, NULL, NULL, NULL, NULL};
    int status = parse_arguments(argc, argv, &arguments);
    if (status != CLI_GO_ON)
        return status;
    struct report_options report;
    status = resolve_options(&arguments, &report);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    if (run_report(options, arguments.output, &report, &err) != 0)
        return setup_report_error(&err);
    return 0;
}
