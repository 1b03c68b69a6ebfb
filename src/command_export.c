/*
 * command_export.c - `gutskin export`: the journal as CSV or JSON.
 *
 * With -o, the export is written through fileio.h: privately, and never left half written (nor
 * an earlier export of the same name spoiled) when it fails.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "export.h"
#include "fileio.h"
#include "import_formats.h"
#include "setup.h"

struct export_request {
    const char *format_name;
    const char *from_text;
    const char *to_text;
    const char *output;
    bool force;
    int from; /* DATE_NONE when not given */
    int to;
    enum export_format format;
};

static const struct cli_command export_command = {
    .name = "export",
    .usage = "gutskin export [--format csv|json] [--from DATE] [--to DATE] [-o FILE [--force]]",
    .help = "\nWrites the saved days, oldest first.\n\n"
            "  -f, --format FORMAT  csv or json (default: from FILE's extension, else csv)\n"
            "      --from DATE      first day to export (YYYY-MM-DD, today, yesterday, -N)\n"
            "      --to DATE        last day to export\n"
            "  -o, --output FILE    write to FILE (private, mode 0600); - or none: stdout\n"
            "      --force          replace FILE if it exists (never the journal or another\n"
            "                       SQLite database)\n"
            "  -h, --help           show this help\n\n"
            "CSV follows RFC 4180: UTF-8, CRLF line ends, one row per day. Columns: date, one\n"
            "per sign and habit (then ids the content no longer defines), food:ID per food,\n"
            "note. A blank cell means not logged. JSON is an array of\n"
            "{\"date\", \"readings\", \"foods\", \"note\"} objects with sorted keys, and\n"
            "\"marks\" (Trends' marks) on a day that has any. CSV holds the days only; JSON\n"
            "holds the days and the marks.\n\n"
            "Exit status: 0 written, 1 the journal or the file could not be used, 2 a usage "
            "error.\n",
};

/* Returns CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, struct export_request *request)
{
    const struct cli_option options[] = {
        {"format", 'f', .value = &request->format_name, .choices = format_names(FORMAT_EXPORT)},
        {"from", 0, .value = &request->from_text},
        {"to", 0, .value = &request->to_text},
        {"output", 'o', .value = &request->output},
        {"force", 0, .flag = &request->force},
        {0}};
    return cli_parse(&export_command, options, argc, argv, NULL);
}

/* Fills `out` from a --from/--to value (DATE_NONE when absent); returns CLI_GO_ON, or the exit
 * status. */
static int resolve_date(const char *option, const char *text, int *out)
{
    *out = DATE_NONE;
    if (text == NULL)
        return CLI_GO_ON;
    return cli_parse_date(&export_command, option, text, date_today(), out);
}

/* Works out the format and the dates; returns CLI_GO_ON, or the exit status. */
static int resolve_request(struct export_request *request)
{
    request->format = EXPORT_CSV;
    if (request->format_name != NULL) /* one of the names: the parser checked */
        export_format_from_name(request->format_name, &request->format);
    else if (request->output != NULL)
        export_format_from_path(request->output, &request->format);
    int status = resolve_date("--from", request->from_text, &request->from);
    if (status == CLI_GO_ON)
        status = resolve_date("--to", request->to_text, &request->to);
    if (status == CLI_GO_ON && request->from != DATE_NONE && request->to != DATE_NONE &&
        request->from > request->to) {
        char from[DATE_TEXT_SIZE];
        date_format(request->from, from);
        status = cli_usage_error(&export_command, "--from %s is after --to", from);
    }
    return status;
}

/* Writes to standard output or, through fileio, to the -o file; a file written is confirmed on
 * standard error, with the days and the format. */
static int export_to(const struct export_request *request, struct journal *journal,
                     const struct content *content, struct error *err)
{
    struct fileio_output output;
    size_t days = 0;
    if (fileio_output_open(&output, request->output, err) != 0)
        return -1;
    if (export_write(output.file, request->format, journal, content, request->from, request->to,
                     &days, err) != 0) {
        fileio_output_abort(&output);
        return -1;
    }
    if (fileio_output_commit(&output, err) != 0)
        return -1;
    setup_print_written("export", request->output, "%zu day%s, %s", days, days == 1 ? "" : "s",
                        request->format == EXPORT_JSON ? "json" : "csv");
    return 0;
}

static int run_export(const struct command_options *options, const struct export_request *request)
{
    struct error err = {ERROR_NONE, ""};
    struct content *content = NULL;
    if (setup_check_output(options, request->output, request->force, &err) != 0)
        return setup_report_error(&err);
    /* Only CSV needs the content (for its columns). */
    if (request->format == EXPORT_CSV && (content = setup_load_content(options, &err)) == NULL)
        return setup_report_error(&err);
    struct journal *journal = setup_open_journal_for_reading(options, &err);
    int status = -1;
    if (journal != NULL) {
        setup_print_journal_warning(journal);
        status = export_to(request, journal, content, &err);
        journal_close(journal);
    }
    if (content != NULL)
        content_free(content);
    return status == 0 ? 0 : setup_report_error(&err);
}

int command_export(const struct command_options *options, int argc, char **argv)
{
    struct export_request request = {.format_name = NULL};
    int status = parse_options(argc, argv, &request);
    if (status == CLI_GO_ON)
        status = resolve_request(&request);
    if (status == CLI_GO_ON)
        status = run_export(options, &request);
    return status;
}
