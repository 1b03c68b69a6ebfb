/*
 * command_import.c - `gutskin import`: days from a CSV or JSON file.
 *
 * The file is validated whole before the journal is even opened; only a file without a single
 * problem is written, in one transaction.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "export.h"
#include "import.h"
#include "setup.h"
#include "text.h"

/* More problems than this are counted rather than listed. */
#define IMPORT_MAX_SHOWN 100

struct import_request {
    const char *path;
    const char *format_name;
    enum import_format format;
    enum import_mode mode;
    bool dry_run;
};

static const struct cli_command import_command = {
    .name = "import",
    .usage = "gutskin import FILE [--dry-run] [--merge | --replace] [--format csv|json]",
    .help = "\nReads days from a file written by 'gutskin export' (or made to look like one).\n"
            "The whole file is checked first; if anything is wrong, every problem is listed as\n"
            "FILE:LINE: what is wrong, and nothing is imported.\n\n"
            "  FILE                 the file to read; - reads standard input\n"
            "  -n, --dry-run        check the file and say what would be imported\n"
            "      --merge          set the file's values over the saved ones; blank cells\n"
            "                       keep what is saved (the default)\n"
            "      --replace        each day in the file becomes exactly the file's row\n"
            "  -f, --format FORMAT  csv or json (default: from FILE's extension, else csv)\n"
            "  -h, --help           show this help\n\n"
            "Ids the content does not define are imported as they are, with a warning.\n"
            "A CSV file whose header is separated by semicolons (as spreadsheets write it in\n"
            "languages with a decimal comma) is read with ';' between cells and ',' in numbers.\n"
            "Exit status: 0 imported, 1 a problem in the file or the journal, 2 a usage error.\n",
    .min_args = 1,
    .max_args = 1,
    .missing = "which file? (- reads standard input)",
    .extra = "give exactly one file, not also '%s'",
};

/* Returns CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, struct import_request *request)
{
    static const char *const formats[] = {"csv", "json", NULL};
    bool merge = false, replace = false;
    const struct cli_option options[] = {
        {"dry-run", 'n', .flag = &request->dry_run},
        {"merge", 0, .flag = &merge},
        {"replace", 0, .flag = &replace},
        {"format", 'f', .value = &request->format_name, .choices = formats},
        {0}};
    struct cli_args args;
    int status = cli_parse(&import_command, options, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    if (merge && replace)
        return cli_usage_error(&import_command, "--merge and --replace cannot be used together");
    request->mode = replace ? IMPORT_REPLACE : IMPORT_MERGE;
    request->path = args.items[0];
    return CLI_GO_ON;
}

static void resolve_format(struct import_request *request)
{
    enum export_format format = EXPORT_CSV;
    if (request->format_name != NULL) /* one of the names: the parser checked */
        export_format_from_name(request->format_name, &format);
    else
        export_format_from_path(request->path, &format);
    request->format = format == EXPORT_JSON ? IMPORT_JSON : IMPORT_CSV;
}

static void print_lines(const struct strlist *lines, const char *prefix, size_t limit)
{
    for (size_t i = 0; i < lines->count && i < limit; i++) {
        fprintf(stderr, "gutskin: %s", prefix);
        text_put_safe(stderr, lines->items[i], strlen(lines->items[i]));
        fputc('\n', stderr);
    }
    if (lines->count > limit)
        fprintf(stderr, "gutskin: %s... and %zu more\n", prefix, lines->count - limit);
}

static void print_counts(const struct import_request *request, const struct import_counts *counts)
{
    printf("%s %zu day%s (%zu new, %zu %s", request->dry_run ? "would import" : "imported",
           counts->days, counts->days == 1 ? "" : "s", counts->added, counts->existing,
           request->mode == IMPORT_REPLACE ? "replaced" : "merged");
    if (counts->unchanged > 0)
        printf("; %zu already up to date", counts->unchanged);
    puts(")");
}

static int write_plan(const struct command_options *options, const struct import_request *request,
                      const struct import_plan *plan)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = setup_open_journal(options, &err);
    if (journal == NULL)
        return setup_report_error(&err);
    setup_print_journal_warning(journal);
    struct import_counts counts;
    int status = import_apply(journal, plan, request->mode, request->dry_run, &counts, &err);
    journal_close(journal);
    if (status != 0) {
        error_prefix(&err, "nothing imported: ");
        return setup_report_error(&err);
    }
    print_counts(request, &counts);
    return 0;
}

/* Reads and checks the file; 0 when `plan` is ready to be written. */
static int read_plan(const struct command_options *options, const struct import_request *request,
                     struct import_plan *plan)
{
    bool from_stdin = strcmp(request->path, "-") == 0;
    const char *name = from_stdin ? "stdin" : request->path;
    FILE *in = from_stdin ? stdin : fopen(request->path, "rb");
    if (in == NULL) {
        fprintf(stderr, "gutskin: cannot open %s: %s\n", request->path, strerror(errno));
        return 1;
    }
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    size_t problem_count = 0;
    struct strlist problems = STRLIST_INIT, warnings = STRLIST_INIT;
    if (content != NULL) {
        problem_count = request->format == IMPORT_JSON
                            ? import_read_json(in, name, content, plan, &problems, &warnings)
                            : import_read_csv(in, name, content, plan, &problems, &warnings);
        content_free(content);
    }
    if (!from_stdin)
        fclose(in);
    print_lines(&warnings, "warning: ", IMPORT_MAX_SHOWN);
    print_lines(&problems, "", IMPORT_MAX_SHOWN);
    if (problem_count > 0)
        fprintf(stderr, "gutskin: nothing imported: %zu problem%s in %s\n", problem_count,
                problem_count == 1 ? "" : "s", name);
    strlist_release(&problems);
    strlist_release(&warnings);
    if (content == NULL)
        return setup_report_error(&err);
    return problem_count > 0 ? 1 : 0;
}

int command_import(const struct command_options *options, int argc, char **argv)
{
    struct import_request request = {.mode = IMPORT_MERGE};
    int status = parse_options(argc, argv, &request);
    if (status != CLI_GO_ON)
        return status;
    resolve_format(&request);
    struct import_plan plan;
    import_plan_init(&plan);
    status = read_plan(options, &request, &plan);
    if (status == 0)
        status = write_plan(options, &request, &plan);
    import_plan_release(&plan);
    return status;
}
