/*
 * command_log.c - `gutskin log`: record part of a day from the command line.
 *
 * What is given is merged into what is already saved for the day (load, set, save), so that
 * `gutskin log stress=7` in the evening does not wipe the morning's check-in. Every argument is
 * checked against the content before the journal is touched, and all problems are reported
 * together, each unknown id with the valid choices.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "content.h"
#include "dates.h"
#include "day.h"
#include "fileio.h"
#include "import.h"
#include "journal.h"
#include "numbers.h"
#include "setup.h"
#include "strlist.h"
#include "text.h"
#include "xalloc.h"

#define LOG_WRAP 72
/* Room for a piece of what was typed, quoted in a message. */
#define LOG_QUOTE_SIZE 64

static const struct cli_command log_command = {
    .name = "log",
    .usage = "gutskin log [--date DATE] [METRIC=VALUE ...] [--food ID[:SERVINGS] ...] "
             "[--note TEXT]",
    .help = "\nRecords part of a day without opening the app. What you give is merged into what\n"
            "is already saved for that day; everything else is kept.\n\n"
            "  METRIC=VALUE        a sign's severity (0-4 or none, mild, moderate, severe,\n"
            "                      very-severe) or a habit's value (yes/no habits: yes, no, y, n,\n"
            "                      true, false, 1, 0);\n"
            "                      METRIC= (no value) removes the reading\n"
            "  -f, --food ID[:N]   a food eaten, N servings (default 1; 0 removes it)\n"
            "  -n, --note TEXT     replace the day's note ('' removes it)\n"
            "  -d, --date DATE     YYYY-MM-DD, today, yesterday or -N days (default: today)\n"
            "  -h, --help          show this help\n\n"
            "Exit status: 0 saved (even when the confirmation cannot be printed: that is said\n"
            "on stderr), 1 nothing saved (an unknown id, a value out of range, the journal\n"
            "could not be written), 2 a usage error.\n",
    .max_args = CLI_ANY,
};

struct log_request {
    const char *date_text;
    const char *note;       /* NULL: keep the saved note */
    struct strlist metrics; /* "id=value" as given */
    struct strlist foods;   /* "id[:servings]" as given */
};

/* The length of the id in "id=value" or "id:servings". */
static size_t id_length(const char *argument, char separator)
{
    const char *end = strchr(argument, separator);
    return end != NULL ? (size_t)(end - argument) : strlen(argument);
}

/* A usage error when two arguments name the same id: only the last would count, and the
 * confirmation of "acne=3 acne=" would list a removal that did not happen. */
static int check_repeats(const struct strlist *arguments, char separator, const char *what)
{
    for (size_t i = 1; i < arguments->count; i++) {
        const char *later = arguments->items[i];
        size_t length = id_length(later, separator);
        for (size_t j = 0; j < i; j++) {
            const char *earlier = arguments->items[j];
            if (id_length(earlier, separator) == length && strncmp(earlier, later, length) == 0)
                return cli_usage_error(&log_command,
                                       "'%.*s' is given twice ('%s', then '%s'): give each %s "
                                       "once",
                                       (int)length, later, earlier, later, what);
        }
    }
    return CLI_GO_ON;
}

/* Returns CLI_GO_ON, or the exit status. */
static int parse_arguments(int argc, char **argv, struct log_request *request)
{
    const struct cli_option options[] = {{"date", 'd', .value = &request->date_text},
                                         {"food", 'f', .list = &request->foods},
                                         {"note", 'n', .value = &request->note},
                                         {0}};
    struct cli_args args;
    int status = cli_parse(&log_command, options, argc, argv, &args);
    for (size_t i = 0; status == CLI_GO_ON && i < args.count; i++) {
        if (strchr(args.items[i], '=') == NULL || args.items[i][0] == '=')
            return cli_usage_error(&log_command, "'%s' is not METRIC=VALUE", args.items[i]);
        strlist_push(&request->metrics, args.items[i]);
    }
    if (status == CLI_GO_ON && request->metrics.count == 0 && request->foods.count == 0 &&
        request->note == NULL)
        return cli_usage_error(&log_command, "nothing to log: give METRIC=VALUE, --food or --note");
    if (status == CLI_GO_ON)
        status = check_repeats(&request->metrics, '=', "metric");
    if (status == CLI_GO_ON)
        status = check_repeats(&request->foods, ':', "food");
    return status;
}

/* --- Unknown ids: the closest valid ones, then all of them ------------------------------- */

static void print_choices(const char *what, const struct strlist *choices)
{
    size_t column = (size_t)fprintf(stderr, "gutskin:   valid %s:", what);
    for (size_t i = 0; i < choices->count; i++) {
        size_t width = strlen(choices->items[i]) + 2;
        if (column + width > LOG_WRAP && i > 0)
            column = (size_t)fprintf(stderr, "\ngutskin:    ");
        column +=
            (size_t)fprintf(stderr, " %s%s", choices->items[i], i + 1 < choices->count ? "," : "");
    }
    fputc('\n', stderr);
}

static void metric_ids(const struct content *content, struct strlist *ids)
{
    for (size_t i = 0; i < content->sign_count; i++)
        strlist_push(ids, content->signs[i].id);
    for (size_t i = 0; i < content->habit_count; i++)
        strlist_push(ids, content->habits[i].id);
}

static void food_ids(const struct content *content, struct strlist *ids)
{
    for (size_t i = 0; i < content->food_count; i++)
        strlist_push(ids, content->foods[i].id);
}

/* The id an argument names (content.h's rule: the id, or an item's id or label in any case,
 * with or without accents): a copy, or NULL after saying what is wrong and listing the choices. */
static char *resolve_id(const struct content *content, const char *given, bool food,
                        const struct strlist *choices)
{
    enum content_kind kind;
    size_t index;
    struct error err;
    if (content_resolve(content, food ? CONTENT_KIND_BIT(CONTENT_FOOD) : CONTENT_METRICS, given,
                        &kind, &index, &err) == 0)
        return xstrdup(content_item_id(content, kind, index));
    fprintf(stderr, "gutskin: %s\n", err.message);
    print_choices(food ? "foods" : "metrics", choices);
    return NULL;
}

/* --- Values ------------------------------------------------------------------------------- */

/* What a metric takes, for a message: content_value_expected()'s words, else a number. */
static const char *expected_value(const struct content *content, const char *id)
{
    const char *expected = content_value_expected(content, id);
    return expected != NULL ? expected : "a number";
}

/* True when `text` is a number with a decimal comma ("7,5"); `dotted` gets it with a point. */
static bool decimal_comma(const char *text, char dotted[NUM_TEXT_SIZE])
{
    double value;
    if (!num_parse_decimal_comma(text, &value))
        return false;
    num_format(value, dotted);
    return true;
}

static void print_bad_value(const struct content *content, const char *id, const char *text)
{
    const struct content_habit *habit = content_find_habit(content, id);
    char dotted[NUM_TEXT_SIZE], shown[LOG_QUOTE_SIZE];
    text_safe(text, shown, sizeof shown);
    bool takes_decimals = habit != NULL && habit->kind != CONTENT_HABIT_YES_NO;
    if (takes_decimals && decimal_comma(text, dotted))
        fprintf(stderr, "gutskin: '%s' is not a value for '%s': write decimals with a point (%s)\n",
                shown, id, dotted);
    else
        fprintf(stderr, "gutskin: '%s' is not a value for '%s' (expected %s)\n", shown, id,
                expected_value(content, id));
}

/* Parses and checks one METRIC=VALUE; prints what is wrong and returns false. */
static bool parse_metric_value(const struct content *content, const char *id, const char *text,
                               double *value)
{
    if (!content_read_value(content, id, text, value)) {
        print_bad_value(content, id, text);
        return false;
    }
    struct error err;
    if (import_check_reading(content, id, *value, &err) != 0) {
        fprintf(stderr, "gutskin: %s\n", err.message);
        return false;
    }
    return true;
}

/* --- Checking the request, then saving ---------------------------------------------------- */

struct log_changes {
    struct day set; /* readings and foods to set */
    struct strlist removed_readings;
    struct strlist removed_foods;
    struct strlist summary; /* "acne=2", for the confirmation */
};

static bool check_metric(const struct content *content, const struct strlist *ids,
                         const char *argument, struct log_changes *changes)
{
    const char *equals = strchr(argument, '=');
    char *given = xstrndup(argument, (size_t)(equals - argument));
    char *id = resolve_id(content, given, false, ids);
    free(given);
    const char *text = equals + 1;
    double value;
    bool ok = true;
    if (id == NULL)
        return false;
    if (day_get_reading(&changes->set, id, &value)) {
        fprintf(stderr, "gutskin: '%s' is given twice (by its id or its label)\n", id);
        ok = false;
    } else if (text[0] == '\0') {
        strlist_push(&changes->removed_readings, id);
        strlist_pushf(&changes->summary, "%s removed", id);
    } else if ((ok = parse_metric_value(content, id, text, &value))) {
        char number[NUM_TEXT_SIZE];
        num_format(value, number);
        day_set_reading(&changes->set, id, value);
        strlist_pushf(&changes->summary, "%s=%s", id, number);
    }
    free(id);
    return ok;
}

static bool check_food(const struct content *content, const struct strlist *ids,
                       const char *argument, struct log_changes *changes)
{
    const char *colon = strchr(argument, ':');
    char *given = colon ? xstrndup(argument, (size_t)(colon - argument)) : xstrdup(argument);
    char *id = resolve_id(content, given, true, ids);
    free(given);
    double servings = 1;
    struct error err;
    bool ok = false;
    if (id == NULL)
        return false;
    if (day_get_food(&changes->set, id, &servings)) {
        fprintf(stderr, "gutskin: food '%s' is given twice (by its id or its label)\n", id);
    } else if (colon != NULL && !num_parse(colon + 1, &servings)) {
        char dotted[NUM_TEXT_SIZE], shown[LOG_QUOTE_SIZE];
        text_safe(colon + 1, shown, sizeof shown);
        if (decimal_comma(colon + 1, dotted))
            fprintf(stderr,
                    "gutskin: '%s' is not a number of servings for '%s': write decimals with a "
                    "point (%s)\n",
                    shown, id, dotted);
        else
            fprintf(stderr, "gutskin: '%s' is not a number of servings for '%s'\n", shown, id);
    } else if (servings == 0) {
        strlist_push(&changes->removed_foods, id);
        strlist_pushf(&changes->summary, "food %s removed", id);
        ok = true;
    } else if (import_check_servings(id, servings, &err) != 0) {
        fprintf(stderr, "gutskin: %s\n", err.message);
    } else {
        char number[NUM_TEXT_SIZE];
        num_format(servings, number);
        day_set_food(&changes->set, id, servings);
        strlist_pushf(&changes->summary, "food %s=%s", id, number);
        ok = true;
    }
    free(id);
    return ok;
}

/* Checks every argument, printing each problem; true when all are valid. */
static bool check_request(const struct content *content, const struct log_request *request,
                          struct log_changes *changes)
{
    struct strlist metrics = STRLIST_INIT, foods = STRLIST_INIT;
    metric_ids(content, &metrics);
    food_ids(content, &foods);
    bool ok = true;
    for (size_t i = 0; i < request->metrics.count; i++)
        ok = check_metric(content, &metrics, request->metrics.items[i], changes) && ok;
    for (size_t i = 0; i < request->foods.count; i++)
        ok = check_food(content, &foods, request->foods.items[i], changes) && ok;
    if (request->note != NULL && !import_valid_text(request->note)) {
        fputs("gutskin: the note is not valid UTF-8 text\n", stderr);
        ok = false;
    } else if (request->note != NULL) {
        strlist_push(&changes->summary, request->note[0] ? "note" : "note removed");
    }
    strlist_release(&metrics);
    strlist_release(&foods);
    return ok;
}

static void apply_changes(struct day *day, const struct log_changes *changes, const char *note)
{
    for (size_t i = 0; i < changes->removed_readings.count; i++)
        day_remove_reading(day, changes->removed_readings.items[i]);
    for (size_t i = 0; i < changes->removed_foods.count; i++)
        day_remove_food(day, changes->removed_foods.items[i]);
    for (size_t i = 0; i < changes->set.reading_count; i++)
        day_set_reading(day, changes->set.readings[i].id, changes->set.readings[i].value);
    for (size_t i = 0; i < changes->set.food_count; i++)
        day_set_food(day, changes->set.foods[i].id, changes->set.foods[i].value);
    if (note != NULL && (day->note == NULL || strcmp(day->note, note) != 0))
        day_set_note(day, note);
}

/* Says what was saved. The day is saved already, so a standard output that cannot be written
 * (a full disk, a closed pipe) must not turn the exit status into 1, "nothing saved": the line is
 * written straight to the file descriptor, outside stdio, and a failure is only said on stderr. */
static void print_confirmation(int day_number, const struct strlist *summary)
{
    char date[DATE_TEXT_SIZE];
    date_format(day_number, date);
    char *line = xprintf("logged %s %s:", date_weekday_name(date_weekday(day_number)), date);
    for (size_t i = 0; i < summary->count; i++) {
        char *longer = xprintf("%s%s %s", line, i ? "," : "", summary->items[i]);
        free(line);
        line = longer;
    }
    char *text = xprintf("%s\n", line);
    free(line);
    if (!fileio_write_all(STDOUT_FILENO, text, strlen(text)))
        fprintf(stderr,
                "gutskin: %s is saved, but its confirmation could not be written to standard "
                "output: %s\n",
                date, strerror(errno));
    free(text);
}

struct log_update {
    int day_number;
    const struct log_changes *changes;
    const char *note;
};

/* Loading and saving in one write transaction: another writer's changes to the same day between
 * the two would otherwise be overwritten. */
static int update_day(struct journal *journal, void *context, struct error *err)
{
    const struct log_update *update = context;
    struct day day;
    day_init(&day, update->day_number);
    int status = journal_load_day(journal, update->day_number, &day, err) < 0 ? -1 : 0;
    if (status == 0) {
        apply_changes(&day, update->changes, update->note);
        status = journal_save_day(journal, &day, err);
    }
    day_release(&day);
    return status;
}

static int save_changes(const struct command_options *options, int day_number,
                        const struct log_changes *changes, const char *note)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = setup_open_journal(options, &err);
    if (journal == NULL)
        return setup_report_error(&err);
    setup_print_journal_warning(journal);
    struct log_update update = {day_number, changes, note};
    int status = journal_in_transaction(journal, update_day, &update, &err);
    journal_close(journal);
    if (status != 0)
        return setup_report_error(&err);
    print_confirmation(day_number, &changes->summary);
    return 0;
}

static int run_request(const struct command_options *options, const struct log_request *request)
{
    int day_number;
    const char *date_text = request->date_text ? request->date_text : "today";
    int status = cli_parse_date(&log_command, NULL, date_text, date_today(), &day_number);
    if (status != CLI_GO_ON)
        return status;
    if (day_number > date_today()) {
        char date[DATE_TEXT_SIZE], today[DATE_TEXT_SIZE];
        date_format(day_number, date);
        date_format(date_today(), today);
        fprintf(stderr,
                "gutskin: %s is after today (%s): only days that have happened can be "
                "logged\ngutskin: nothing saved\n",
                date, today);
        return 1;
    }
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    struct log_changes changes = {
        .removed_readings = STRLIST_INIT, .removed_foods = STRLIST_INIT, .summary = STRLIST_INIT};
    day_init(&changes.set, day_number);
    status = 1;
    if (check_request(content, request, &changes))
        status = save_changes(options, day_number, &changes, request->note);
    else
        fputs("gutskin: nothing saved\n", stderr);
    day_release(&changes.set);
    strlist_release(&changes.removed_readings);
    strlist_release(&changes.removed_foods);
    strlist_release(&changes.summary);
    content_free(content);
    return status;
}

int command_log(const struct command_options *options, int argc, char **argv)
{
    struct log_request request = {NULL, NULL, STRLIST_INIT, STRLIST_INIT};
    int status = parse_arguments(argc, argv, &request);
    if (status == CLI_GO_ON)
        status = run_request(options, &request);
    strlist_release(&request.metrics);
    strlist_release(&request.foods);
    return status;
}
