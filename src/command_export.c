/*
 * command_export.c - `gutskin export`: the journal as CSV or JSON.
 *
 * With -o, the export is written to a private temporary file in the same folder and renamed over
 * the target only once complete, so a failed export never leaves half a file behind (and never
 * spoils an earlier export of the same name). A destination that exists and is not a regular
 * file (/dev/stdout, a pipe, a symbolic link) is written in place, never replaced.
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
#include "export.h"
#include "setup.h"
#include "xalloc.h"

struct export_request {
    const char *format_name;
    const char *from_text;
    const char *to_text;
    const char *output;
    char from[DATE_TEXT_SIZE];
    char to[DATE_TEXT_SIZE];
    enum export_format format;
};

static const struct cli_command export_command = {
    .name = "export",
    .usage = "gutskin export [--format csv|json] [--from DATE] [--to DATE] [-o FILE]",
    .help = "\nWrites the saved days, oldest first.\n\n"
            "  -f, --format FORMAT  csv or json (default: from FILE's extension, else csv)\n"
            "      --from DATE      first day to export (YYYY-MM-DD, today, yesterday, -N)\n"
            "      --to DATE        last day to export\n"
            "  -o, --output FILE    write to FILE (private, mode 0600); - or none: stdout\n"
            "  -h, --help           show this help\n\n"
            "CSV follows RFC 4180: UTF-8, CRLF line ends, one row per day. Columns: date, one\n"
            "per sign and habit (then ids the content no longer defines), food:ID per food,\n"
            "note. A blank cell means not logged. JSON is an array of\n"
            "{\"date\", \"readings\", \"foods\", \"note\"} objects with sorted keys.\n\n"
            "Exit status: 0 written, 1 the journal or the file could not be used, 2 a usage "
            "error.\n",
};

/* Returns CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, struct export_request *request)
{
    static const char *const formats[] = {"csv", "json", NULL};
    const struct cli_option options[] = {
        {"format", 'f', .value = &request->format_name, .choices = formats},
        {"from", 0, .value = &request->from_text},
        {"to", 0, .value = &request->to_text},
        {"output", 'o', .value = &request->output},
        {0}};
    return cli_parse(&export_command, options, argc, argv, NULL);
}

/* Fills `out` from a --from/--to value ("" when absent); false when it is not a date. */
static bool resolve_date(const char *text, char out[DATE_TEXT_SIZE])
{
    int day_number;
    out[0] = '\0';
    if (text == NULL)
        return true;
    if (!date_parse_relative(text, date_today(), &day_number))
        return false;
    date_format(day_number, out);
    return true;
}

/* Works out the format and the dates; returns CLI_GO_ON, or the exit status. */
static int resolve_request(struct export_request *request)
{
    request->format = EXPORT_CSV;
    if (request->format_name != NULL) /* one of the names: the parser checked */
        export_format_from_name(request->format_name, &request->format);
    else if (request->output != NULL)
        export_format_from_path(request->output, &request->format);
    if (!resolve_date(request->from_text, request->from))
        return cli_usage_error(&export_command, "--from '%s' is not a date", request->from_text);
    if (!resolve_date(request->to_text, request->to))
        return cli_usage_error(&export_command, "--to '%s' is not a date", request->to_text);
    if (request->from[0] && request->to[0] && strcmp(request->from, request->to) > 0)
        return cli_usage_error(&export_command, "--from %s is after --to", request->from);
    return CLI_GO_ON;
}

static int export_to(FILE *out, const struct export_request *request, struct journal *journal,
                     const struct content *content, struct error *err)
{
    return export_write(out, request->format, journal, content,
                        request->from[0] ? request->from : NULL,
                        request->to[0] ? request->to : NULL, err);
}

/* Closes `out` (which may be NULL after a failed fdopen of `descriptor`), keeping the first
 * error. */
static int finish_file(FILE *out, int descriptor, int status, const char *path, struct error *err)
{
    if (status == 0 && fsync(out ? fileno(out) : descriptor) != 0 && errno != EINVAL)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    if ((out ? fclose(out) : close(descriptor)) != 0 && status == 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: %s", path, strerror(errno));
    return status;
}

/* Writes straight into an existing destination that is not a regular file (/dev/stdout, a pipe,
 * a symbolic link), which a rename would replace. */
static int export_in_place(const struct export_request *request, struct journal *journal,
                           const struct content *content, struct error *err)
{
    int descriptor = open(request->output, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (descriptor < 0)
        return error_set(err, ERROR_SYSTEM, "cannot write %s: %s", request->output,
                         strerror(errno));
    FILE *out = fdopen(descriptor, "wb");
    int status = out ? export_to(out, request, journal, content, err)
                     : error_set(err, ERROR_SYSTEM, "cannot write %s", request->output);
    return finish_file(out, descriptor, status, request->output, err);
}

/* Writes to a temporary file beside `request->output`, then renames it into place. */
static int export_to_file(const struct export_request *request, struct journal *journal,
                          const struct content *content, struct error *err)
{
    struct stat info;
    if (lstat(request->output, &info) == 0 && !S_ISREG(info.st_mode))
        return export_in_place(request, journal, content, err);
    const char *slash = strrchr(request->output, '/');
    char *temporary = slash ? xprintf("%.*s/.%s.XXXXXX", (int)(slash - request->output),
                                      request->output, slash + 1)
                            : xprintf(".%s.XXXXXX", request->output);
    int descriptor = mkstemp(temporary); /* created 0600 */
    if (descriptor < 0) {
        error_set(err, ERROR_SYSTEM, "cannot create a file beside %s: %s", request->output,
                  strerror(errno));
        free(temporary);
        return -1;
    }
    FILE *out = fdopen(descriptor, "wb");
    int status = out ? export_to(out, request, journal, content, err)
                     : error_set(err, ERROR_SYSTEM, "cannot write %s", request->output);
    status = finish_file(out, descriptor, status, request->output, err);
    if (status == 0 && rename(temporary, request->output) != 0)
        status =
            error_set(err, ERROR_SYSTEM, "cannot write %s: %s", request->output, strerror(errno));
    if (status != 0)
        unlink(temporary);
    free(temporary);
    return status;
}

static int run_export(const struct command_options *options, const struct export_request *request)
{
    struct error err = {ERROR_NONE, ""};
    struct content *content = NULL;
    /* Only CSV needs the content (for its columns). */
    if (request->format == EXPORT_CSV && (content = setup_load_content(options, &err)) == NULL)
        return setup_report_error(&err);
    struct journal *journal = setup_open_journal(options, &err);
    int status = -1;
    if (journal != NULL) {
        if (journal_warning(journal) != NULL)
            fprintf(stderr, "gutskin: warning: %s\n", journal_warning(journal));
        if (request->output != NULL && strcmp(request->output, "-") != 0)
            status = export_to_file(request, journal, content, &err);
        else
            status = export_to(stdout, request, journal, content, &err);
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
