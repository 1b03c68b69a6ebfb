/*
 * command_import.c - `gutskin import`: days from gutskin's own CSV or JSON, or from another
 * app's export (the formats are in import_formats.c).
 *
 * The file is validated whole before the journal is even opened; only a file without a single
 * problem is written, in one transaction.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "import.h"
#include "import_formats.h"
#include "import_peer.h"
#include "paths.h"
#include "setup.h"
#include "text.h"
#include "tracked.h"
#include "xalloc.h"

/* More problems than this are counted rather than listed. */
#define IMPORT_MAX_SHOWN 100

struct import_request {
    const char *path;
    const char *format_name;
    const char *map_path;
    const char *date_order;
    const struct import_format_entry *format;
    enum import_mode mode;
    bool dry_run;
};

static const struct cli_command import_command = {
    .name = "import",
    .usage = "gutskin import FILE [--from FORMAT] [--map MAPFILE] [--dry-run] "
             "[--merge | --replace]",
    .help = "\nReads days from a file written by 'gutskin export', or by another app:\n"
            "  csv, json       gutskin's own export\n"
            "  daylio          Daylio's CSV export\n"
            "  daylio-backup   Daylio's backup (.daylio)\n"
            "  bearable        Bearable's CSV export\n"
            "  loop            Loop Habit Tracker: the CSV zip, its unzipped folder, or the .db\n"
            "                  backup\n"
            "  flaredown       Flaredown's CSV export\n"
            "The whole file is checked first; if anything is wrong, every problem is listed as\n"
            "FILE:LINE: what is wrong, and nothing is imported.\n\n"
            "  FILE                 the file (or Loop folder) to read; - reads standard input\n"
            "      --from FORMAT    one of the above (default: what the file holds, else csv)\n"
            "  -f, --format FORMAT  the same as --from\n"
            "  -n, --dry-run        check the file and say what would be imported; for another\n"
            "                       app, print the whole mapping and write it as a map file\n"
            "                       (MAPFILE, else FILE.map.yaml beside the file)\n"
            "      --map MAPFILE    use the corrections of a map file written by --dry-run\n"
            "      --date-order O   dmy, mdy or ymd, for a file whose dates are numbers only\n"
            "      --merge          set the file's values over the saved ones; blank cells\n"
            "                       keep what is saved, and a saved note is kept with the\n"
            "                       imported one after it (the default)\n"
            "      --replace        each day in the file becomes exactly the file's day (a\n"
            "                       row with only a date changes nothing)\n"
            "  -h, --help           show this help\n\n"
            "Another app's names become your items by the rule in 'man gutskin' (Coming from\n"
            "another app); a name that matches nothing becomes an item of your own.\n"
            "Values your content does not allow today (a habit's range narrowed since, an id\n"
            "it no longer defines) are imported as they are, with one warning line naming\n"
            "them; a sign's severity that is not a whole 0 to 4 is a problem.\n"
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
    static const char *const orders[] = {"dmy", "mdy", "ymd", NULL};
    const char *from = NULL;
    bool merge = false, replace = false;
    const struct cli_option options[] = {
        {"dry-run", 'n', .flag = &request->dry_run},
        {"merge", 0, .flag = &merge},
        {"replace", 0, .flag = &replace},
        {"from", 0, .value = &from, .choices = format_names(FORMAT_IMPORT)},
        {"format", 'f', .value = &request->format_name, .choices = format_names(FORMAT_IMPORT)},
        {"map", 0, .value = &request->map_path},
        {"date-order", 0, .value = &request->date_order, .choices = orders},
        {0}};
    struct cli_args args;
    int status = cli_parse(&import_command, options, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    if (merge && replace)
        return cli_usage_error(&import_command, "--merge and --replace cannot be used together");
    if (from != NULL && request->format_name != NULL && strcmp(from, request->format_name) != 0)
        return cli_usage_error(&import_command, "--from and --format name different formats");
    if (from != NULL)
        request->format_name = from;
    request->mode = replace ? IMPORT_REPLACE : IMPORT_MERGE;
    request->path = args.items[0];
    return CLI_GO_ON;
}

/* The format: --from, else what the file holds, else gutskin's CSV or JSON by the extension. */
static void resolve_format(struct import_request *request)
{
    if (request->format_name != NULL) { /* one of the names: the parser checked */
        request->format = import_format_find(request->format_name);
        return;
    }
    unsigned char head[IMPORT_HEAD_SIZE];
    struct import_input input = {request->path, request->path, false, NULL, 0};
    struct stat info;
    if (strcmp(request->path, "-") != 0 && stat(request->path, &info) == 0) {
        input.is_dir = S_ISDIR(info.st_mode);
        FILE *in = input.is_dir ? NULL : fopen(request->path, "rb");
        if (in != NULL) {
            input.head_length = fread(head, 1, sizeof head, in);
            input.head = head;
            fclose(in);
        }
        request->format = import_format_detect(&input);
    }
    if (request->format == NULL) /* gutskin's own export, by its extension, else CSV */
        request->format = format_from_path(FORMAT_EXPORT, request->path);
    if (request->format == NULL)
        request->format = import_format_find("csv");
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
    if (counts->date_only > 0)
        printf("; %zu with only a date, left as %s", counts->date_only,
               counts->date_only == 1 ? "it was" : "they were");
    puts(")");
    if (counts->marks > 0)
        printf("%s %zu mark%s (%zu already there)\n", request->dry_run ? "would add" : "added",
               counts->new_marks, counts->new_marks == 1 ? "" : "s",
               counts->marks - counts->new_marks);
}

/* Before anything is written: the person's own items, made only once the journal is open for
 * writing, so that a journal that cannot be written leaves no item without its data. */
typedef int before_write_fn(void *context, struct error *err);

static int write_plan(const struct command_options *options, const struct import_request *request,
                      const struct import_plan *plan, before_write_fn *before, void *context)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = setup_open_journal(options, &err);
    if (journal == NULL)
        return setup_report_error(&err);
    setup_print_journal_warning(journal);
    struct import_counts counts;
    int status = before != NULL && !request->dry_run ? before(context, &err) : 0;
    if (status == 0)
        status = import_apply(journal, plan, request->mode, request->dry_run, &counts, &err);
    journal_close(journal);
    if (status != 0) {
        error_prefix(&err, "nothing imported: ");
        return setup_report_error(&err);
    }
    print_counts(request, &counts);
    return 0;
}

/* Prints the problems and the closing line; returns the exit status for them. */
static int report_problems(const struct strlist *problems, const struct strlist *warnings,
                           const char *name)
{
    if (warnings != NULL)
        print_lines(warnings, "warning: ", IMPORT_MAX_SHOWN);
    print_lines(problems, "", IMPORT_MAX_SHOWN);
    if (problems->count > 0)
        fprintf(stderr, "gutskin: nothing imported: %zu problem%s in %s\n", problems->count,
                problems->count == 1 ? "" : "s", name);
    return problems->count > 0 ? 1 : 0;
}

/* Reads and checks a file of gutskin's own; 0 when `plan` is ready to be written. */
static int read_own_plan(const struct command_options *options,
                         const struct import_request *request, struct import_plan *plan)
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
    struct strlist problems = STRLIST_INIT, warnings = STRLIST_INIT;
    if (content != NULL) {
        request->format->read_days(in, name, content, plan, &problems, &warnings);
        content_free(content);
    }
    if (!from_stdin)
        fclose(in);
    int status = report_problems(&problems, &warnings, name);
    strlist_release(&problems);
    strlist_release(&warnings);
    if (content == NULL)
        return setup_report_error(&err);
    return status;
}

/* --- Another app's export --------------------------------------------------------------------- */

/* Where --dry-run writes the map: --map, else FILE.map.yaml beside the input. Caller frees. */
static char *map_output_path(const struct import_request *request)
{
    if (request->map_path != NULL)
        return xstrdup(request->map_path);
    size_t length = strlen(request->path);
    while (length > 1 && request->path[length - 1] == '/')
        length--;
    return xprintf("%.*s.map.yaml", (int)length, request->path);
}

static void print_summary(const struct import_request *request, const struct peer_summary *s,
                          const struct peer_import *import)
{
    printf("days: %zu", s->days);
    if (s->days > 0) {
        char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
        date_format(s->first, first);
        date_format(s->last, last);
        printf(" (%s to %s)", first, last);
    }
    printf(", readings: %zu, foods: %zu, notes: %zu, items of your own %s: %zu\n", s->readings,
           s->foods, s->notes, request->dry_run ? "to make" : "made", s->items_created);
    if (s->nos > 0)
        printf("activities a day's entries leave out: %zu, %s as no%s\n", s->nos,
               request->dry_run ? "to save" : "saved",
               request->mode == IMPORT_MERGE ? " where the day holds no value for them" : "");
    for (size_t i = 0; i < import->new_count; i++) {
        const struct peer_new_item *item = &import->new_items[i];
        char label[120];
        snprintf(label, sizeof label, "%s", item->label);
        text_make_printable(label, false);
        printf("  new %s %s (\"%s\")\n",
               item->target == PEER_TO_NEW_SIGN   ? "sign"
               : item->target == PEER_TO_NEW_FOOD ? "food"
                                                  : "habit",
               item->id, label);
    }
}

struct peer_run {
    struct peer_data data;
    struct peer_import import;
    struct peer_summary summary;
    struct content *content;
    struct strlist problems;
};

/* Makes the person's own items the import names, in their content folder (tracked.h), so that
 * the readings and foods written under their ids have labels and ranges. */
static int make_own_items(void *context, struct error *err)
{
    struct content *content = ((struct peer_run *)context)->content;
    const struct peer_import *import = &((struct peer_run *)context)->import;
    char *dir = paths_user_content_dir();
    int status = 0;
    for (size_t i = 0; status == 0 && i < import->new_count; i++) {
        const struct peer_new_item *item = &import->new_items[i];
        char id[TRACKED_ID_SIZE];
        if (item->target == PEER_TO_NEW_FOOD) {
            status = tracked_add_food(content, dir, item->label, item->place, false, id, err);
        } else if (item->target == PEER_TO_NEW_SIGN) {
            status = tracked_add_sign(content, dir, item->label, item->place, id, err);
        } else {
            bool yes_no = item->habit_kind == CONTENT_HABIT_YES_NO;
            struct tracked_habit_spec spec = {item->label,
                                              item->habit_kind,
                                              item->unit[0] ? item->unit : NULL,
                                              yes_no ? NAN : item->min,
                                              yes_no ? NAN : item->max,
                                              yes_no ? NAN : item->step,
                                              NULL};
            status = tracked_add_habit(content, dir, &spec, id, err);
        }
        /* The plan writes under the id the mapping chose, made as the store makes ids. */
        if (status == 0 && strcmp(id, item->id) != 0)
            status =
                error_set(err, ERROR_SYSTEM, "the item '%s' was made with the id '%s', not '%s'",
                          item->label, id, item->id);
        if (status != 0)
            error_prefix(err, "cannot make your item '%s': ", item->label);
    }
    free(dir);
    return status;
}

static int date_order_value(const char *name)
{
    if (name == NULL)
        return IMPORT_DATE_ORDER_NONE;
    return strcmp(name, "dmy") == 0   ? IMPORT_DATE_DMY
           : strcmp(name, "mdy") == 0 ? IMPORT_DATE_MDY
                                      : IMPORT_DATE_YMD;
}

/* Reads, maps and converts; on --dry-run also prints the mapping and writes the map file (even
 * when there are problems: the map file is how a person gives a mood its level). */
static int read_peer_plan(const struct import_request *request, struct peer_run *run,
                          struct import_plan *plan)
{
    if (strcmp(request->path, "-") == 0) {
        fprintf(stderr, "gutskin: %s is read from a file, not standard input\n",
                request->format->name);
        return 2;
    }
    /* A dry run may name a map file that is not there yet: it is where the mapping goes. */
    const char *map_in = request->map_path;
    if (request->dry_run && map_in != NULL && access(map_in, F_OK) != 0)
        map_in = NULL;
    import_read_peer(request->format, request->path, run->content, map_in,
                     date_order_value(request->date_order), &run->data, &run->import, plan,
                     &run->summary, &run->problems);
    if (request->dry_run && run->import.count > 0) {
        peer_print_mapping(stdout, &run->data, &run->import, run->content);
        char *map_path = map_output_path(request);
        struct error err = {ERROR_NONE, ""};
        /* FILE.map.yaml from an earlier dry run holds the person's corrections: a dry run that
         * did not name it with --map reads nothing from it and must not write over it. */
        if (request->map_path == NULL && access(map_path, F_OK) == 0)
            printf("%s is there already and is kept (your corrections): --map %s uses it, and a "
                   "dry run with --map rewrites it with them\n",
                   map_path, map_path);
        else if (peer_write_map(map_path, request->format->name, &run->data, &run->import,
                                run->content, &err) != 0)
            strlist_push(&run->problems, err.message);
        else
            printf("the mapping is in %s: correct it and import again with --map %s\n", map_path,
                   map_path);
        free(map_path);
    }
    struct strlist warnings = STRLIST_INIT;
    import_kept_warn(&run->data.kept, request->path, &warnings);
    int status = report_problems(&run->problems, &warnings, request->path);
    strlist_release(&warnings);
    return status;
}

static int import_peer(const struct command_options *options, const struct import_request *request,
                       struct import_plan *plan)
{
    struct error err = {ERROR_NONE, ""};
    struct peer_run run = {.problems = STRLIST_INIT};
    run.content = setup_load_content(options, &err);
    int status = run.content ? read_peer_plan(request, &run, plan) : setup_report_error(&err);
    if (status == 0)
        status = write_plan(options, request, plan, make_own_items, &run);
    if (status == 0)
        print_summary(request, &run.summary, &run.import);
    peer_import_release(&run.import);
    peer_data_release(&run.data);
    strlist_release(&run.problems);
    if (run.content != NULL)
        content_free(run.content);
    return status;
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
    if (request.format->read_peer != NULL) {
        plan.keep_notes = request.mode == IMPORT_MERGE;
        status = import_peer(options, &request, &plan);
    } else {
        if (request.map_path != NULL || request.date_order != NULL)
            status = cli_usage_error(&import_command,
                                     "--map and --date-order are for other "
                                     "apps' exports, not for %s",
                                     request.format->name);
        else
            status = read_own_plan(options, &request, &plan);
        if (status == 0)
            status = write_plan(options, &request, &plan, NULL, NULL);
    }
    import_plan_release(&plan);
    return status;
}
