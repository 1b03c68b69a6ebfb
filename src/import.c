/*
 * import.c - reading CSV and JSON exports back into the journal.
 *
 * The whole input is read and validated before anything is written: problems are collected
 * rather than stopping at the first, so that a person fixing a spreadsheet sees them all at
 * once. CSV is parsed by libcsv, fed one physical line at a time so that each problem can name
 * the line where its record starts, even when quoted notes span several lines.
 */
#include "import.h"

#include <csv.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fileio.h"
#include "import_readers.h"
#include "numbers.h"
#include "text.h"
#include "xalloc.h"

/* Room for a piece of the user's text quoted in a message. */
#define IMPORT_QUOTE_SIZE 44

/* --- Checks ------------------------------------------------------------------------------- */

/* The message for a value outside the metric's range or steps. The numbers are formatted only
 * here: formatting them for every valid value cost an import a tenth of its time. */
static int reading_problem(const char *metric_id, double value, double min, double max, double step,
                           struct error *err)
{
    char text[NUM_TEXT_SIZE], low[NUM_TEXT_SIZE], high[NUM_TEXT_SIZE];
    char step_text[NUM_TEXT_SIZE];
    num_format(value, text);
    num_format(min, low);
    num_format(max, high);
    num_format(step, step_text);
    if (value < min || value > max)
        return error_set(err, ERROR_INPUT, "value %s for '%s' is out of range (%s to %s)", text,
                         metric_id, low, high);
    return error_set(err, ERROR_INPUT,
                     "value %s for '%s' is not a step of %s (%s to %s in steps of %s)", text,
                     metric_id, step_text, low, high, step_text);
}

int import_check_day(int day_number, struct error *err)
{
    char date[DATE_TEXT_SIZE];
    if (day_number <= date_today())
        return 0;
    date_format(day_number, date);
    return error_set(err, ERROR_INPUT,
                     "%s is after today: only days that have happened can be imported", date);
}

int import_check_reading(const struct content *content, const char *metric_id, double value,
                         struct error *err)
{
    double min, max, step;
    if (!isfinite(value))
        return error_set(err, ERROR_INPUT, "value for '%s' is not a finite number", metric_id);
    if (!content_metric_range(content, metric_id, &min, &max, &step))
        return 0;
    if (value < min || value > max || !num_step_ok(value, min, step))
        return reading_problem(metric_id, value, min, max, step, err);
    return 0;
}

int import_check_servings(const char *food_id, double servings, struct error *err)
{
    if (isfinite(servings) && servings > 0 && servings <= IMPORT_MAX_SERVINGS)
        return 0;
    char text[NUM_TEXT_SIZE];
    num_format(servings, text);
    return error_set(err, ERROR_INPUT,
                     "servings %s for 'food:%s' are out of range (more than 0, at most %d)", text,
                     food_id, IMPORT_MAX_SERVINGS);
}

/* NULL when `text` (of `length` bytes) is acceptable text, else what is wrong with it. */
static const char *text_problem(const char *text, size_t length)
{
    if (!text_is_valid_utf8(text, length))
        return "invalid UTF-8";
    if (memchr(text, '\0', length) != NULL)
        return "a NUL byte";
    return NULL;
}

bool import_valid_text(const char *text)
{
    return text_problem(text, strlen(text)) == NULL;
}

/* `text` made fit for a one-line message: safe for the terminal and cut with "...". */
static const char *shorten(const char *text, char out[IMPORT_QUOTE_SIZE])
{
    return text_safe(text, out, IMPORT_QUOTE_SIZE);
}

/* --- The plan ----------------------------------------------------------------------------- */

void import_plan_init(struct import_plan *plan)
{
    memset(plan, 0, sizeof *plan);
}

void import_plan_release(struct import_plan *plan)
{
    for (size_t i = 0; i < plan->count; i++)
        day_release(&plan->days[i]);
    free(plan->days);
    for (size_t i = 0; i < plan->fill_count; i++)
        free(plan->fills[i].id);
    free(plan->fills);
    for (size_t i = 0; i < plan->mark_count; i++)
        free(plan->marks[i].label);
    free(plan->marks);
    import_plan_init(plan);
}

void import_plan_fill(struct import_plan *plan, int day_number, const char *id, double value)
{
    xgrow(&plan->fills, &plan->fill_capacity, plan->fill_count + 1, sizeof *plan->fills);
    plan->fills[plan->fill_count++] = (struct import_fill){day_number, xstrdup(id), value};
}

void import_plan_mark(struct import_plan *plan, int day_number, const char *label)
{
    xgrow(&plan->marks, &plan->mark_capacity, plan->mark_count + 1, sizeof *plan->marks);
    plan->marks[plan->mark_count++] = (struct import_mark){day_number, xstrdup(label)};
}

/* Moves `day` into the plan; the caller's copy is left initialised and empty. */
static void plan_take_day(struct import_plan *plan, struct day *day)
{
    xgrow(&plan->days, &plan->capacity, plan->count + 1, sizeof *plan->days);
    plan->days[plan->count++] = *day;
    day_init(day, DATE_NONE);
}

/* --- Duplicate dates ---------------------------------------------------------------------- */

/* An open-addressing set of day numbers, each with where it was first seen (a line or an index,
 * always > 0). */
struct date_set {
    struct date_slot {
        int day_number;
        long where; /* 0: empty slot */
    } * slots;
    size_t capacity; /* a power of two */
    size_t count;
};

static struct date_slot *date_set_slot(struct date_set *set, int day_number)
{
    size_t mask = set->capacity - 1;
    size_t index = ((size_t)(unsigned)day_number * 2654435761u) & mask;
    while (set->slots[index].where != 0 && set->slots[index].day_number != day_number)
        index = (index + 1) & mask;
    return &set->slots[index];
}

static void date_set_grow(struct date_set *set)
{
    struct date_set bigger = {NULL, set->capacity ? set->capacity * 2 : 256, set->count};
    bigger.slots = xcalloc(bigger.capacity, sizeof *bigger.slots);
    for (size_t i = 0; i < set->capacity; i++)
        if (set->slots[i].where != 0)
            *date_set_slot(&bigger, set->slots[i].day_number) = set->slots[i];
    free(set->slots);
    *set = bigger;
}

/* Adds the date; returns 0 when it is new, else where it was seen first. */
static long date_set_add(struct date_set *set, int day_number, long where)
{
    if (2 * (set->count + 1) > set->capacity)
        date_set_grow(set);
    struct date_slot *slot = date_set_slot(set, day_number);
    if (slot->where != 0)
        return slot->where;
    slot->day_number = day_number;
    slot->where = where;
    set->count++;
    return 0;
}

static void date_set_release(struct date_set *set)
{
    free(set->slots);
    memset(set, 0, sizeof *set);
}

/* --- Reading the input -------------------------------------------------------------------- */

/* Reads all of `in` into a NUL-terminated buffer, without a UTF-8 byte order mark. */
static char *read_all(FILE *in, const char *name, size_t *length, struct strlist *problems)
{
    struct error err;
    char *buffer = fileio_read_stream(in, name, (size_t)IMPORT_MAX_BYTES, length, &err);
    if (buffer == NULL) {
        strlist_push(problems, err.message);
        return NULL;
    }
    if (*length >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0)
        memmove(buffer, buffer + 3, (*length -= 3) + 1);
    return buffer;
}

void import_kept_init(struct import_kept *kept)
{
    *kept = (struct import_kept){STRLIST_INIT, 0, STRLIST_INIT, 0};
}

void import_kept_release(struct import_kept *kept)
{
    strlist_release(&kept->outside_ids);
    strlist_release(&kept->unknown_ids);
}

static void kept_add(struct strlist *ids, size_t *count, bool food, const char *id)
{
    char *key = xprintf("%s%s", food ? "food:" : "", id);
    if (strlist_find(ids, key) < 0)
        strlist_push(ids, key);
    free(key);
    (*count)++;
}

int import_take_value(const struct content *content, bool food, const char *id, double value,
                      struct import_kept *kept, struct error *err)
{
    if (food) {
        if (import_check_servings(id, value, err) != 0)
            return -1;
        if (content_find_food(content, id) == NULL)
            kept_add(&kept->unknown_ids, &kept->unknown, true, id);
        return 0;
    }
    if (!isfinite(value))
        return error_set(err, ERROR_INPUT, "value for '%s' is not a finite number", id);
    if (content_find_sign(content, id) != NULL)
        return import_check_reading(content, id, value, err);
    if (content_find_habit(content, id) == NULL)
        kept_add(&kept->unknown_ids, &kept->unknown, false, id);
    else if (import_check_reading(content, id, value, NULL) != 0)
        kept_add(&kept->outside_ids, &kept->outside, false, id);
    return 0;
}

/* "2 outside today's ranges (acne, stress)": the first ids, then how many more. */
static char *kept_describe(const struct strlist *ids, size_t count, const char *what)
{
    char *text = xprintf("%zu %s (", count, what);
    for (size_t i = 0; i < ids->count && i < 8; i++) {
        char *longer = xprintf("%s%s%s", text, i ? ", " : "", ids->items[i]);
        free(text);
        text = longer;
    }
    char *done =
        ids->count > 8 ? xprintf("%s and %zu more)", text, ids->count - 8) : xprintf("%s)", text);
    free(text);
    return done;
}

void import_kept_warn(const struct import_kept *kept, const char *name, struct strlist *warnings)
{
    size_t total = kept->outside + kept->unknown;
    if (total == 0)
        return;
    char *outside = kept->outside
                        ? kept_describe(&kept->outside_ids, kept->outside, "outside today's ranges")
                        : xstrdup("");
    char *unknown = kept->unknown ? kept_describe(&kept->unknown_ids, kept->unknown,
                                                  "for ids the content does not define")
                                  : xstrdup("");
    strlist_pushf(
        warnings, "%s: kept %zu value%s as %s, though today's content does not allow %s: %s%s%s",
        name, total, total == 1 ? "" : "s", total == 1 ? "it was" : "they were",
        total == 1 ? "it" : "them", outside, kept->outside && kept->unknown ? "; " : "", unknown);
    free(outside);
    free(unknown);
}

/* What the CSV and the JSON readers share. */
struct reader {
    const char *name;
    const struct content *content;
    struct import_plan *plan;
    struct strlist *problems;
    struct strlist *warnings;
    /* A backup always comes back: values the person's content no longer allows (a range narrowed
     * since, an item removed) are kept as they are, like readings of retired ids. */
    struct import_kept kept;
    struct date_set dates;
};

static void reader_release(struct reader *reader)
{
    import_kept_warn(&reader->kept, reader->name, reader->warnings);
    import_kept_release(&reader->kept);
    date_set_release(&reader->dates);
}

/* Checks a parsed value (import_take_value()'s rule) and sets it in `day`; on failure appends
 * "WHERE: why" to the problems. */
static bool take_value(struct reader *reader, const char *where, bool food, const char *id,
                       double value, struct day *day)
{
    struct error err;
    if (import_take_value(reader->content, food, id, value, &reader->kept, &err) != 0) {
        strlist_pushf(reader->problems, "%s: %s", where, err.message);
        return false;
    }
    if (food)
        day_set_food(day, id, value);
    else
        day_set_reading(day, id, value);
    return true;
}

/* --- CSV ---------------------------------------------------------------------------------- */

enum csv_column_kind { COLUMN_DATE, COLUMN_NOTE, COLUMN_METRIC, COLUMN_FOOD, COLUMN_IGNORED };

struct csv_column {
    enum csv_column_kind kind;
    char *name; /* as written in the header */
    char *id;   /* metric or food id; NULL for the others */
};

struct csv_reader {
    struct reader base;
    struct csv_column *columns;
    size_t column_count;
    bool have_header;
    bool header_failed; /* no usable header: rows cannot be read */
    bool semicolons;    /* cells separated by ';' and numbers with a decimal comma */
    struct strlist cells;
    bool record_bad; /* a cell of this record was already reported */
    long line;       /* the physical line being fed */
    long record_line;
    bool in_record;
};

static void csv_problem(struct csv_reader *reader, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void csv_problem(struct csv_reader *reader, const char *format, ...)
{
    char what[512];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    strlist_pushf(reader->base.problems, "%s:%ld: %s", reader->base.name, reader->record_line,
                  what);
}

/* "column 'note'" once the header is known, else "column 3". */
static void csv_describe_column(const struct csv_reader *reader, size_t index, char *buffer,
                                size_t size)
{
    char quoted[IMPORT_QUOTE_SIZE];
    if (reader->have_header && !reader->header_failed && index < reader->column_count)
        snprintf(buffer, size, "column '%s'", shorten(reader->columns[index].name, quoted));
    else
        snprintf(buffer, size, "column %zu", index + 1);
}

static void csv_on_field(void *field, size_t length, void *context)
{
    struct csv_reader *reader = context;
    const char *text = field ? field : "";
    const char *problem = text_problem(text, field ? length : 0);
    if (problem != NULL && !reader->record_bad) {
        char column[IMPORT_QUOTE_SIZE + 16];
        csv_describe_column(reader, reader->cells.count, column, sizeof column);
        csv_problem(reader, "%s in %s", problem, column);
        reader->record_bad = true;
    }
    strlist_push(&reader->cells, problem ? "" : text);
}

/* "date", "note", "food:ID", "metric:ID" or a bare metric id; `*id` points into `name`. */
static enum csv_column_kind csv_classify(const char *name, const char **id)
{
    *id = NULL;
    if (strcmp(name, "date") == 0)
        return COLUMN_DATE;
    if (strcmp(name, "note") == 0)
        return COLUMN_NOTE;
    if (strncmp(name, "food:", 5) == 0) {
        *id = name + 5;
        return COLUMN_FOOD;
    }
    *id = strncmp(name, "metric:", 7) == 0 ? name + 7 : name;
    return COLUMN_METRIC;
}

static bool csv_same_column(const struct csv_column *a, const struct csv_column *b)
{
    if (a->kind != b->kind)
        return false;
    return a->id == NULL || strcmp(a->id, b->id) == 0;
}

/* Fills column `index` from its header cell; a column that cannot be used is reported and
 * ignored, so that the rows can still be checked. */
static void csv_add_column(struct csv_reader *reader, size_t index, const char *name)
{
    struct csv_column *column = &reader->columns[index];
    char quoted[IMPORT_QUOTE_SIZE];
    const char *id;
    column->name = xstrdup(name);
    column->kind = csv_classify(name, &id);
    column->id = id ? xstrdup(id) : NULL;
    if (name[0] == '\0') {
        csv_problem(reader, "column %zu has no name", index + 1);
        column->kind = COLUMN_IGNORED;
        return;
    }
    if (id != NULL && !content_id_valid(id)) {
        csv_problem(reader,
                    "column %zu: '%s' is not a valid id (lowercase letters, digits and '-')",
                    index + 1, shorten(id, quoted));
        column->kind = COLUMN_IGNORED;
        return;
    }
    for (size_t j = 0; j < index; j++) {
        if (csv_same_column(&reader->columns[j], column)) {
            csv_problem(reader, "column %zu: '%s' appears twice", index + 1, shorten(name, quoted));
            column->kind = COLUMN_IGNORED;
            return;
        }
    }
}

static void csv_read_header(struct csv_reader *reader)
{
    struct strlist *cells = &reader->cells;
    char quoted[IMPORT_QUOTE_SIZE];
    int day_number;
    reader->have_header = true;
    if (strcmp(cells->items[0], "date") != 0) {
        reader->header_failed = true;
        if (date_parse(cells->items[0], &day_number))
            csv_problem(reader, "no header: the first line must name the columns, starting "
                                "with 'date'");
        else
            csv_problem(reader, "the first column must be 'date', not '%s'",
                        shorten(cells->items[0], quoted));
        return;
    }
    reader->column_count = cells->count;
    reader->columns = xcalloc(cells->count, sizeof *reader->columns);
    for (size_t i = 0; i < cells->count; i++)
        csv_add_column(reader, i, cells->items[i]);
}

/* Starts `day` on the row's date; false (with the problem reported) when there is none. */
static bool csv_row_date(struct csv_reader *reader, const char *text, struct day *day)
{
    char quoted[IMPORT_QUOTE_SIZE];
    int day_number;
    day_init(day, DATE_NONE);
    if (text[0] == '\0') {
        csv_problem(reader, "the date is missing");
        return false;
    }
    if (!date_parse(text, &day_number)) {
        csv_problem(reader, "'%s' is not a date (YYYY-MM-DD)", shorten(text, quoted));
        return false;
    }
    struct error err;
    if (import_check_day(day_number, &err) != 0) {
        csv_problem(reader, "%s", err.message);
        return false;
    }
    long first = date_set_add(&reader->base.dates, day_number, reader->record_line);
    if (first != 0) {
        csv_problem(reader, "%s appears again (first on line %ld)", text, first);
        return false;
    }
    day_init(day, day_number);
    return true;
}

/* Reads a cell: a metric's value by content_read_value() (the rule `gutskin log` uses, so a
 * yes-no column takes "yes" and "no"), a food's servings as a number; a decimal comma in a file
 * separated by semicolons. Reports why not. */
static bool csv_cell_value(struct csv_reader *reader, const struct csv_column *column,
                           const char *text, double *value)
{
    char quoted[IMPORT_QUOTE_SIZE];
    const struct content *content = reader->base.content;
    bool metric = column->kind == COLUMN_METRIC;
    if (metric ? content_read_value(content, column->id, text, value) : num_parse(text, value))
        return true;
    const char *expected = metric ? content_value_expected(content, column->id) : NULL;
    bool comma = num_parse_decimal_comma(text, value);
    if (comma && reader->semicolons)
        return true;
    if (comma) {
        char dotted[NUM_TEXT_SIZE];
        num_format(*value, dotted);
        csv_problem(reader, "'%s' in column '%s' is not a number: write decimals with a point (%s)",
                    shorten(text, quoted), column->name, dotted);
    } else if (expected != NULL) {
        csv_problem(reader, "'%s' in column '%s' is not a value for '%s' (expected %s)",
                    shorten(text, quoted), column->name, column->id, expected);
    } else {
        csv_problem(reader, "'%s' in column '%s' is not a number", shorten(text, quoted),
                    column->name);
    }
    return false;
}

static bool csv_read_cell(struct csv_reader *reader, const struct csv_column *column,
                          const char *text, struct day *day)
{
    double value;
    if (text[0] == '\0' || column->kind == COLUMN_IGNORED)
        return true;
    if (column->kind == COLUMN_NOTE) {
        day_set_note(day, text);
        return true;
    }
    if (!csv_cell_value(reader, column, text, &value))
        return false;
    char *where = xprintf("%s:%ld", reader->base.name, reader->record_line);
    bool ok = take_value(&reader->base, where, column->kind == COLUMN_FOOD, column->id, value, day);
    free(where);
    return ok;
}

static void csv_read_row(struct csv_reader *reader)
{
    struct strlist *cells = &reader->cells;
    if (cells->count != reader->column_count) {
        csv_problem(reader, "expected %zu cells, found %zu", reader->column_count, cells->count);
        return;
    }
    struct day day;
    bool ok = csv_row_date(reader, cells->items[0], &day);
    for (size_t i = 1; i < cells->count; i++)
        ok = csv_read_cell(reader, &reader->columns[i], cells->items[i], &day) && ok;
    if (ok)
        plan_take_day(reader->base.plan, &day);
    day_release(&day);
}

static void csv_on_record(int terminator, void *context)
{
    (void)terminator;
    struct csv_reader *reader = context;
    reader->in_record = false;
    if (!reader->have_header && reader->record_bad)
        reader->have_header = reader->header_failed = true;
    else if (!reader->have_header)
        csv_read_header(reader);
    else if (!reader->record_bad && !reader->header_failed)
        csv_read_row(reader);
    strlist_release(&reader->cells);
    reader->record_bad = false;
}

/* Spreadsheets set to a language with decimal commas write CSV with semicolons between cells.
 * The header tells: it holds semicolons and no comma (ids never contain either). */
static bool csv_uses_semicolons(const char *text, size_t length)
{
    size_t semicolons = 0;
    bool quoted = false;
    for (size_t i = 0; i < length && (quoted || (text[i] != '\n' && text[i] != '\r')); i++) {
        if (text[i] == '"')
            quoted = !quoted;
        else if (!quoted && text[i] == ',')
            return false;
        else if (!quoted && text[i] == ';')
            semicolons++;
    }
    return semicolons > 0;
}

static void csv_report_parse_error(struct csv_reader *reader, struct csv_parser *parser)
{
    /* Named by the line where the parser stopped, which is where the fix is needed. */
    reader->record_line = reader->line;
    if (csv_error(parser) == CSV_EPARSE)
        csv_problem(reader, "misplaced quote: a field holding a quote must be quoted whole, "
                            "with the quote doubled (\"\")");
    else
        csv_problem(reader, "cannot parse: %s", csv_strerror(csv_error(parser)));
}

static void csv_feed(struct csv_reader *reader, const char *text, size_t length)
{
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    reader->semicolons = csv_uses_semicolons(text, length);
    if (reader->semicolons)
        csv_set_delim(&parser, ';');
    size_t offset = 0;
    bool broken = false;
    for (reader->line = 1; offset < length && !broken; reader->line++) {
        size_t chunk = reader_line_length(text + offset, length - offset);
        if (!reader->in_record && !reader_blank(text + offset, chunk)) {
            reader->in_record = true;
            reader->record_line = reader->line;
        }
        if (csv_parse(&parser, text + offset, chunk, csv_on_field, csv_on_record, reader) !=
            chunk) {
            csv_report_parse_error(reader, &parser);
            broken = true;
        }
        offset += chunk;
    }
    if (!broken && csv_fini(&parser, csv_on_field, csv_on_record, reader) != 0)
        csv_problem(reader, "a quoted field is never closed");
    csv_free(&parser);
}

static void csv_reader_release(struct csv_reader *reader)
{
    for (size_t i = 0; i < reader->column_count; i++) {
        free(reader->columns[i].name);
        free(reader->columns[i].id);
    }
    free(reader->columns);
    strlist_release(&reader->cells);
    reader_release(&reader->base);
}

/* True when the text starts (after a byte order mark and blanks) with '<': an XML or HTML file
 * (an Apple Health export, a saved web page), which CSV's own errors would only puzzle about. */
static bool looks_like_markup(const char *text, size_t length)
{
    size_t i = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return i < length && text[i] == '<';
}

size_t import_read_csv(FILE *in, const char *name, const struct content *content,
                       struct import_plan *plan, struct strlist *problems, struct strlist *warnings)
{
    size_t before = problems->count, length;
    char *text = read_all(in, name, &length, problems);
    if (text == NULL)
        return problems->count - before;
    if (looks_like_markup(text, length)) {
        strlist_pushf(problems,
                      "%s:1: not a CSV file (it looks like XML or HTML); 'gutskin import --help' "
                      "lists the files gutskin reads",
                      name);
        free(text);
        return problems->count - before;
    }
    struct csv_reader reader = {.base = {.name = name,
                                         .content = content,
                                         .plan = plan,
                                         .problems = problems,
                                         .warnings = warnings}};
    csv_feed(&reader, text, length);
    if (!reader.have_header && problems->count == before)
        strlist_pushf(problems, "%s:1: the file is empty (expected a header line: date,...)", name);
    csv_reader_release(&reader);
    free(text);
    return problems->count - before;
}

/* --- JSON --------------------------------------------------------------------------------- */

/* The day's date, or DATE_NONE (reported). `where` becomes "NAME: day N (DATE)" once it is
 * known. */
static int json_read_date(struct reader *reader, json_t *object, size_t index, char *where,
                          size_t size)
{
    char quoted[IMPORT_QUOTE_SIZE];
    json_t *value = json_object_get(object, "date");
    const char *date = json_string_value(value);
    int day_number;
    struct error err;
    if (value == NULL)
        strlist_pushf(reader->problems, "%s: the date is missing", where);
    else if (date == NULL)
        strlist_pushf(reader->problems, "%s: 'date' must be a string", where);
    else if (!date_parse(date, &day_number))
        strlist_pushf(reader->problems, "%s: '%s' is not a date (YYYY-MM-DD)", where,
                      shorten(date, quoted));
    else if (import_check_day(day_number, &err) != 0)
        strlist_pushf(reader->problems, "%s: %s", where, err.message);
    else {
        snprintf(where, size, "%s: day %zu (%s)", reader->name, index, date);
        long first = date_set_add(&reader->dates, day_number, (long)index);
        if (first == 0)
            return day_number;
        strlist_pushf(reader->problems, "%s: %s appears again (first as day %ld)", where, date,
                      first);
    }
    return DATE_NONE;
}

static bool json_read_entry(struct reader *reader, const char *where, bool food, const char *id,
                            json_t *value, struct day *day)
{
    char quoted[IMPORT_QUOTE_SIZE];
    if (!content_id_valid(id)) {
        strlist_pushf(reader->problems,
                      "%s: '%s' is not a valid id (lowercase letters, digits "
                      "and '-')",
                      where, shorten(id, quoted));
        return false;
    }
    if (json_is_number(value))
        return take_value(reader, where, food, id, json_number_value(value), day);
    /* A reading written as text or true/false reads as `gutskin log` and CSV read it. */
    const char *text = json_is_string(value)  ? json_string_value(value)
                       : json_is_true(value)  ? "true"
                       : json_is_false(value) ? "false"
                                              : NULL;
    const char *expected = food ? NULL : content_value_expected(reader->content, id);
    double number;
    if (text != NULL && expected != NULL &&
        (!json_is_string(value) || strlen(text) == json_string_length(value)) &&
        content_read_value(reader->content, id, text, &number))
        return take_value(reader, where, food, id, number, day);
    if (expected != NULL)
        strlist_pushf(reader->problems, "%s: the value of '%s' must be %s", where, id, expected);
    else
        strlist_pushf(reader->problems, "%s: the value of '%s' must be a number", where, id);
    return false;
}

static bool json_read_entries(struct reader *reader, const char *where, json_t *object,
                              const char *key, struct day *day)
{
    json_t *entries = json_object_get(object, key);
    if (entries == NULL || json_is_null(entries))
        return true;
    if (!json_is_object(entries)) {
        strlist_pushf(reader->problems, "%s: '%s' must be an object of id: number", where, key);
        return false;
    }
    bool ok = true, food = strcmp(key, "foods") == 0;
    const char *id;
    json_t *value;
    json_object_foreach(entries, id, value)
    {
        ok = json_read_entry(reader, where, food, id, value, day) && ok;
    }
    return ok;
}

static bool json_read_note(struct reader *reader, const char *where, json_t *object,
                           struct day *day)
{
    json_t *note = json_object_get(object, "note");
    if (note == NULL || json_is_null(note))
        return true;
    if (!json_is_string(note)) {
        strlist_pushf(reader->problems, "%s: 'note' must be text or null", where);
        return false;
    }
    if (strlen(json_string_value(note)) != json_string_length(note)) {
        strlist_pushf(reader->problems, "%s: the note holds a NUL character", where);
        return false;
    }
    day_set_note(day, json_string_value(note));
    return true;
}

/* "marks": the labels of the day's marks (export.h), each non-empty UTF-8 text. */
static bool json_read_marks(struct reader *reader, const char *where, json_t *object,
                            int day_number)
{
    json_t *marks = json_object_get(object, "marks");
    if (marks == NULL || json_is_null(marks))
        return true;
    if (!json_is_array(marks)) {
        strlist_pushf(reader->problems, "%s: 'marks' must be an array of labels", where);
        return false;
    }
    bool ok = true;
    size_t index;
    json_t *mark;
    json_array_foreach(marks, index, mark)
    {
        const char *label = json_string_value(mark);
        if (label == NULL || label[0] == '\0' || strlen(label) != json_string_length(mark)) {
            strlist_pushf(reader->problems, "%s: mark %zu must be a label (text, not empty)", where,
                          index + 1);
            ok = false;
        } else if (day_number != DATE_NONE) {
            import_plan_mark(reader->plan, day_number, label);
        }
    }
    return ok;
}

static bool json_known_keys(struct reader *reader, const char *where, json_t *object)
{
    static const char *const keys[] = {"date", "readings", "foods", "note", "marks"};
    char quoted[IMPORT_QUOTE_SIZE];
    bool ok = true;
    const char *key;
    json_t *value;
    json_object_foreach(object, key, value)
    {
        size_t k = 0;
        while (k < sizeof keys / sizeof keys[0] && strcmp(key, keys[k]) != 0)
            k++;
        if (k == sizeof keys / sizeof keys[0]) {
            strlist_pushf(reader->problems,
                          "%s: unknown key '%s' (expected date, readings, "
                          "foods, note, marks)",
                          where, shorten(key, quoted));
            ok = false;
        }
    }
    return ok;
}

static void json_read_day(struct reader *reader, size_t index, json_t *object)
{
    char where[256];
    snprintf(where, sizeof where, "%s: day %zu", reader->name, index);
    if (!json_is_object(object)) {
        strlist_pushf(reader->problems, "%s: expected an object", where);
        return;
    }
    int day_number = json_read_date(reader, object, index, where, sizeof where);
    struct day day;
    day_init(&day, day_number);
    bool ok = day_number != DATE_NONE;
    ok = json_known_keys(reader, where, object) && ok;
    ok = json_read_entries(reader, where, object, "readings", &day) && ok;
    ok = json_read_entries(reader, where, object, "foods", &day) && ok;
    ok = json_read_note(reader, where, object, &day) && ok;
    ok = json_read_marks(reader, where, object, day_number) && ok;
    /* A day that is there only for its marks holds no values: it is no row of the import. */
    bool marks_only = day_is_empty(&day) && json_array_size(json_object_get(object, "marks")) > 0;
    if (ok && !marks_only)
        plan_take_day(reader->plan, &day);
    day_release(&day);
}

size_t import_read_json(FILE *in, const char *name, const struct content *content,
                        struct import_plan *plan, struct strlist *problems,
                        struct strlist *warnings)
{
    size_t before = problems->count, length;
    char *text = read_all(in, name, &length, problems);
    if (text == NULL)
        return problems->count - before;
    json_error_t error;
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &error);
    free(text);
    if (root == NULL) {
        strlist_pushf(problems, "%s:%d: %s", name, error.line > 0 ? error.line : 1, error.text);
        return problems->count - before;
    }
    if (!json_is_array(root)) {
        strlist_pushf(problems, "%s: expected an array with one object per day", name);
    } else {
        struct reader reader = {.name = name,
                                .content = content,
                                .plan = plan,
                                .problems = problems,
                                .warnings = warnings};
        for (size_t i = 0; i < json_array_size(root); i++)
            json_read_day(&reader, i + 1, json_array_get(root, i));
        reader_release(&reader);
    }
    json_decref(root);
    return problems->count - before;
}

/* --- Writing ------------------------------------------------------------------------------ */

struct import_run {
    const struct import_plan *plan;
    enum import_mode mode;
    bool dry_run;
    struct import_counts *counts;
};

/* Makes `result` (a copy of what is saved) exactly `given`, keeping the change times of the
 * values that stay the same. */
static void drop_missing(struct day *result, const struct day *given)
{
    for (size_t i = result->reading_count; i-- > 0;)
        if (!day_get_reading(given, result->readings[i].id, NULL))
            day_remove_reading(result, result->readings[i].id);
    for (size_t i = result->food_count; i-- > 0;)
        if (!day_get_food(given, result->foods[i].id, NULL))
            day_remove_food(result, result->foods[i].id);
    if (given->note == NULL)
        day_set_note(result, NULL);
}

/* The saved note with the imported one after it, or NULL when the saved note already holds it. */
static char *joined_note(const char *saved, const char *given)
{
    if (strstr(saved, given) != NULL)
        return NULL;
    return xprintf("%s\n\n%s", saved, given);
}

static void overlay(struct day *result, const struct day *given, bool keep_notes)
{
    for (size_t i = 0; i < given->reading_count; i++)
        day_set_reading(result, given->readings[i].id, given->readings[i].value);
    for (size_t i = 0; i < given->food_count; i++)
        day_set_food(result, given->foods[i].id, given->foods[i].value);
    if (given->note == NULL || (result->note != NULL && strcmp(result->note, given->note) == 0))
        return;
    if (keep_notes && result->note != NULL) {
        char *joined = joined_note(result->note, given->note);
        if (joined != NULL)
            day_set_note(result, joined);
        free(joined);
    } else {
        day_set_note(result, given->note);
    }
}

/* The first fill of `day_number` (fills are in day order), or fill_count. */
static size_t first_fill(const struct import_plan *plan, int day_number)
{
    size_t low = 0, high = plan->fill_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (plan->fills[middle].day_number < day_number)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* Sets the day's fills: with --replace as given, with merge only where nothing is saved. */
static void apply_fills(struct day *result, const struct import_run *run)
{
    const struct import_plan *plan = run->plan;
    for (size_t i = first_fill(plan, result->day_number);
         i < plan->fill_count && plan->fills[i].day_number == result->day_number; i++)
        if (run->mode == IMPORT_REPLACE || !day_get_reading(result, plan->fills[i].id, NULL))
            day_set_reading(result, plan->fills[i].id, plan->fills[i].value);
}

static int import_one_day(struct journal *journal, const struct import_run *run,
                          const struct day *given, struct error *err)
{
    struct day saved, result;
    day_init(&saved, given->day_number);
    day_init(&result, given->day_number);
    int found = journal_load_day(journal, given->day_number, &saved, err);
    int status = found < 0 ? -1 : 0;
    /* A row with nothing but its date says nothing about the day: it changes nothing, even with
     * --replace (deleting a day is History's d, which asks first). */
    bool date_only = day_is_empty(given) && first_fill(run->plan, given->day_number) ==
                                                first_fill(run->plan, given->day_number + 1);
    if (found >= 0) {
        day_copy(&result, &saved);
        if (run->mode == IMPORT_REPLACE && !date_only)
            drop_missing(&result, given);
        overlay(&result, given, run->plan->keep_notes);
        apply_fills(&result, run);
        bool same = day_equal(&saved, &result);
        run->counts->days++;
        run->counts->date_only += date_only ? 1 : 0;
        run->counts->added += found || date_only ? 0 : 1;
        run->counts->existing += found && !date_only ? 1 : 0;
        run->counts->unchanged += found && same && !date_only ? 1 : 0;
        if (!same && !run->dry_run)
            status = journal_save_day(journal, &result, err);
    }
    day_release(&saved);
    day_release(&result);
    return status;
}

static bool has_mark(const struct journal_mark_list *marks, int day_number, const char *label)
{
    for (size_t i = 0; i < marks->count; i++)
        if (marks->items[i].day_number == day_number && strcmp(marks->items[i].label, label) == 0)
            return true;
    return false;
}

/* Adds the plan's marks the journal lacks, matched by day and label as merge matches them; `saved`
 * grows with each one added, so that a mark given twice is added once. */
static int import_marks(struct journal *journal, const struct import_run *run, struct error *err)
{
    struct journal_mark_list saved;
    journal_mark_list_init(&saved);
    int status = journal_list_marks(journal, &saved, err);
    for (size_t i = 0; status == 0 && i < run->plan->mark_count; i++) {
        const struct import_mark *mark = &run->plan->marks[i];
        run->counts->marks++;
        if (has_mark(&saved, mark->day_number, mark->label))
            continue;
        run->counts->new_marks++;
        if (!run->dry_run)
            status = journal_add_mark(journal, mark->day_number, mark->label, err);
        xgrow(&saved.items, &saved.capacity, saved.count + 1, sizeof *saved.items);
        saved.items[saved.count++] =
            (struct journal_mark){0, mark->day_number, xstrdup(mark->label), 0};
    }
    journal_mark_list_release(&saved);
    return status;
}

static int import_all_days(struct journal *journal, void *context, struct error *err)
{
    const struct import_run *run = context;
    memset(run->counts, 0, sizeof *run->counts);
    for (size_t i = 0; i < run->plan->count; i++)
        if (import_one_day(journal, run, &run->plan->days[i], err) != 0)
            return -1;
    return import_marks(journal, run, err);
}

int import_apply(struct journal *journal, const struct import_plan *plan, enum import_mode mode,
                 bool dry_run, struct import_counts *counts, struct error *err)
{
    /* Zero even when the transaction cannot begin, so that a caller never reads stale counts. */
    memset(counts, 0, sizeof *counts);
    struct import_run run = {plan, mode, dry_run, counts};
    if (dry_run)
        return import_all_days(journal, &run, err);
    return journal_in_transaction(journal, import_all_days, &run, err);
}
