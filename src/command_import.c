/*
 * command_import.c - `gutskin import`: days from a CSV or JSON file.
 *
 * The file is validated whole before the journal is even opened; only a file without a single
 * problem is written, in one transaction.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "export.h"
#include "import.h"
#include "setup.h"

#define IMPORT_USAGE                                                                               \
    "usage: gutskin import FILE [--dry-run] [--merge | --replace] [--format csv|json]\n"
/* More problems than this are counted rather than listed. */
#define IMPORT_MAX_SHOWN 100

struct import_request {
    const char *path;
    const char *format_name;
    enum import_format format;
    enum import_mode mode;
    bool dry_run;
};

static void print_help(void)
{
    fputs(IMPORT_USAGE
          "\nReads days from a file written by 'gutskin export' (or made to look like one).\n"
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
          "Exit status: 0 imported, 1 a problem in the file or the journal, 2 a usage error.\n",
          stdout);
}

static int usage_error(const char *format, const char *detail)
{
    fputs("gutskin: import: ", stderr);
    fprintf(stderr, format, detail);
    fputs("\n" IMPORT_USAGE, stderr);
    return 2;
}

static int option_problem(int option, char **argv)
{
    return usage_error(option == ':' ? "option %s needs a value" : "unknown option %s",
                       argv[optind - 1]);
}

/* Returns -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct import_request *request)
{
    static const struct option options[] = {
        {"dry-run", no_argument, NULL, 'n'}, {"merge", no_argument, NULL, 'M'},
        {"replace", no_argument, NULL, 'R'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},    {NULL, 0, NULL, 0}};
    int option, modes = 0;
    optind = 0;
    opterr = 0;
    while ((option = getopt_long(argc, argv, ":nf:h", options, NULL)) != -1) {
        if (option == 'h') {
            print_help();
            return 0;
        }
        if (option == 'n')
            request->dry_run = true;
        else if (option == 'M' || option == 'R') {
            request->mode = option == 'R' ? IMPORT_REPLACE : IMPORT_MERGE;
            modes |= option == 'R' ? 2 : 1;
        } else if (option == 'f')
            request->format_name = optarg;
        else
            return option_problem(option, argv);
    }
    if (modes == 3)
        return usage_error("%s", "--merge and --replace cannot be used together");
    if (optind != argc - 1)
        return usage_error("%s", optind == argc ? "which file? (- reads standard input)"
                                                : "give exactly one file");
    request->path = argv[optind];
    return -1;
}

static int resolve_format(struct import_request *request)
{
    enum export_format format = EXPORT_CSV;
    if (request->format_name != NULL) {
        if (!export_format_from_name(request->format_name, &format))
            return usage_error("unknown format '%s' (csv or json)", request->format_name);
    } else {
        export_format_from_path(request->path, &format);
    }
    request->format = format == EXPORT_JSON ? IMPORT_JSON : IMPORT_CSV;
    return -1;
}

static void print_lines(const struct strlist *lines, const char *prefix, size_t limit)
{
    for (size_t i = 0; i < lines->count && i < limit; i++)
        fprintf(stderr, "gutskin: %s%s\n", prefix, lines->items[i]);
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
    if (journal_warning(journal) != NULL)
        fprintf(stderr, "gutskin: warning: %s\n", journal_warning(journal));
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
    if (status < 0)
        status = resolve_format(&request);
    if (status >= 0)
        return status;
    struct import_plan plan;
    import_plan_init(&plan);
    status = read_plan(options, &request, &plan);
    if (status == 0)
        status = write_plan(options, &request, &plan);
    import_plan_release(&plan);
    return status;
}
