/*
 * command_report.c - `gutskin report [--days N | --from D --to D] [--format md|html] [-o FILE]`:
 * the summary to bring to a healthcare practitioner (see report.h).
 *
 * A file named with -o is written through fileio.h, so that an interrupted run never leaves half
 * a report; like the journal, it is created readable by its owner only, since it holds health
 * information.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "fileio.h"
#include "import_formats.h"
#include "report.h"
#include "setup.h"

#define REPORT_MAX_DAYS 36600

struct report_arguments {
    const char *days;
    const char *from;
    const char *to;
    const char *format;
    const char *output;
    bool force;
};

static const struct cli_command report_command = {
    .name = "report",
    .usage = "gutskin report [--days N | --from DATE --to DATE] [--format md|html] "
             "[-o FILE [--force]]",
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
            "  --force          replace FILE if it exists (never the journal or another\n"
            "                   SQLite database)\n"
            "  -h, --help       show this help and exit\n"
            "\n"
            "Exit status: 0 when the report was written, 1 when it could not be, 2 for a wrong\n"
            "command line.\n",
};

/* Returns CLI_GO_ON, else the exit status. */
static int parse_arguments(int argc, char **argv, struct report_arguments *arguments)
{
    const struct cli_option options[] = {
        {"days", 0, .value = &arguments->days},
        {"from", 0, .value = &arguments->from},
        {"to", 0, .value = &arguments->to},
        {"format", 0, .value = &arguments->format, .choices = format_names(FORMAT_REPORT)},
        {"output", 'o', .value = &arguments->output},
        {"force", 0, .flag = &arguments->force},
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
        return cli_usage_error(&report_command,
                               "--days needs a number of days from 1 to %d, not '%s'",
                               REPORT_MAX_DAYS, text);
    *days = (int)value;
    return CLI_GO_ON;
}

/* A period is capped like --days: the report's memory grows with its length, and a typo such as
 * --to 9999-12-31 must not take gigabytes. Messages quote only what the person typed. */
static int check_span(const struct report_arguments *arguments, const struct report_options *out)
{
    const char *to = arguments->to != NULL ? arguments->to : "today";
    if (out->to - out->from + 1 > REPORT_MAX_DAYS && arguments->from != NULL)
        return cli_usage_error(&report_command,
                               "--from %s --to %s is more than %d days (about 100 years), the "
                               "most a report covers",
                               arguments->from, to, REPORT_MAX_DAYS);
    if (out->from <= date_from_parts(DATE_FIRST_YEAR, 1, 1) && arguments->from != NULL)
        return cli_usage_error(&report_command,
                               "--from %s is too early: a report starts after %d-01-01",
                               arguments->from, DATE_FIRST_YEAR);
    if (out->from <= date_from_parts(DATE_FIRST_YEAR, 1, 1))
        return cli_usage_error(&report_command,
                               "the period%s%s up to %s starts too early: a report starts after "
                               "%d-01-01",
                               arguments->days ? " of --days " : "",
                               arguments->days ? arguments->days : "", to, DATE_FIRST_YEAR);
    return CLI_GO_ON;
}

/* A name that promises a document format gutskin does not write (report.pdf, report.docx). */
static bool is_document_name(const char *path)
{
    static const char *const others[] = {".pdf", ".doc", ".docx", ".odt", ".rtf"};
    const char *dot = fileio_extension(path);
    for (size_t i = 0; dot != NULL && i < sizeof others / sizeof others[0]; i++)
        if (strcasecmp(dot, others[i]) == 0)
            return true;
    return false;
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
        status = cli_parse_date(&report_command, "--to", arguments->to, today, &out->to);
    out->from = out->to - days + 1;
    if (status == CLI_GO_ON && arguments->from != NULL)
        status = cli_parse_date(&report_command, "--from", arguments->from, today, &out->from);
    if (status == CLI_GO_ON && out->from > out->to)
        status = cli_usage_error(&report_command, "--from is after --to");
    if (status == CLI_GO_ON)
        status = check_span(arguments, out);
    out->format = REPORT_MARKDOWN;
    if (arguments->format != NULL) /* one of the names: the parser checked */
        report_format_from_name(arguments->format, &out->format);
    else if (status == CLI_GO_ON && arguments->output != NULL &&
             !report_format_from_file(arguments->output, &out->format) &&
             is_document_name(arguments->output))
        /* x.pdf would get Markdown under a name that promises something else */
        status =
            cli_usage_error(&report_command,
                            "cannot write a %s report: reports are Markdown (.md) or HTML (.html); "
                            "for a PDF, write HTML and print it to PDF from a browser "
                            "(chromium --headless --print-to-pdf=report.pdf report.html)",
                            fileio_extension(arguments->output));
    return status;
}

/* Writes to standard output or, through fileio, to the -o file. */
static int write_report(const char *path, struct journal *journal, const struct content *content,
                        const struct report_options *options, struct error *err)
{
    struct fileio_output output;
    if (fileio_output_open(&output, path, err) != 0)
        return -1;
    if (report_write(output.file, journal, content, options, err) != 0) {
        fileio_output_abort(&output);
        return -1;
    }
    return fileio_output_commit(&output, err);
}

static int run_report(const struct command_options *options, const char *output, bool force,
                      const struct report_options *report, struct error *err)
{
    if (setup_check_output(options, output, force, err) != 0)
        return -1;
    struct journal *journal = setup_open_journal_for_reading(options, err);
    if (journal == NULL)
        return -1;
    setup_print_journal_warning(journal);
    struct content *content = setup_load_content(options, err);
    int status = content != NULL ? write_report(output, journal, content, report, err) : -1;
    if (status == 0)
        setup_print_written("report", output, NULL);
    content_free(content);
    journal_close(journal);
    return status;
}

int command_report(const struct command_options *options, int argc, char **argv)
{
    struct report_arguments arguments = {NULL, NULL, NULL, NULL, NULL, false};
    int status = parse_arguments(argc, argv, &arguments);
    if (status != CLI_GO_ON)
        return status;
    struct report_options report;
    status = resolve_options(&arguments, &report);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    if (run_report(options, arguments.output, arguments.force, &report, &err) != 0)
        return setup_report_error(&err);
    return 0;
}
