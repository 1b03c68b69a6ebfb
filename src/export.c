/*
 * export.c - journal days as CSV (RFC 4180) or JSON.
 *
 * The CSV header depends on the ids present in the exported days (retired ids get columns of
 * their own), so CSV takes two walks over the journal, inside one transaction: one to collect
 * the ids the content does not define, one to write the rows. Nothing is held in memory but one
 * day at a time.
 */
#include "export.h"

#include <errno.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_formats.h"
#include "numbers.h"
#include "strlist.h"
#include "xalloc.h"

/* Doubles with no fractional part and at most this magnitude are exact as JSON integers. */
#define EXPORT_EXACT_INTEGER 9007199254740992.0

bool export_format_from_name(const char *name, enum export_format *format)
{
    return format_as_export(format_find(FORMAT_EXPORT, name), format);
}

bool export_format_from_path(const char *path, enum export_format *format)
{
    return format_as_export(format_from_path(FORMAT_EXPORT, path), format);
}

/* --- CSV ---------------------------------------------------------------------------------- */

struct csv_columns {
    struct strlist metrics; /* ids, in column order */
    struct strlist foods;
    const struct content *content;
};

static int collect_unknown_ids(const struct day *day, void *context)
{
    struct csv_columns *columns = context;
    for (size_t i = 0; i < day->reading_count; i++) {
        const char *id = day->readings[i].id;
        if (content_metric_label(columns->content, id) == NULL &&
            strlist_find(&columns->metrics, id) < 0)
            strlist_push(&columns->metrics, id);
    }
    for (size_t i = 0; i < day->food_count; i++) {
        const char *id = day->foods[i].id;
        if (content_find_food(columns->content, id) == NULL &&
            strlist_find(&columns->foods, id) < 0)
            strlist_push(&columns->foods, id);
    }
    return 0;
}

static int compare_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Makes `list` the content's ids (`known`) followed by the unknown ones collected, sorted. */
static void prepend_known(struct strlist *list, struct strlist *known)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, compare_text);
    for (size_t i = 0; i < list->count; i++)
        strlist_push(known, list->items[i]);
    strlist_release(list);
    *list = *known;
}

static int csv_plan_columns(struct csv_columns *columns, struct journal *journal, int from, int to,
                            struct error *err)
{
    const struct content *content = columns->content;
    if (journal_each_day(journal, from, to, collect_unknown_ids, columns, err) != 0)
        return -1;
    struct strlist known = STRLIST_INIT;
    for (size_t i = 0; i < content->sign_count; i++)
        strlist_push(&known, content->signs[i].id);
    for (size_t i = 0; i < content->habit_count; i++)
        strlist_push(&known, content->habits[i].id);
    prepend_known(&columns->metrics, &known);
    strlist_init(&known);
    for (size_t i = 0; i < content->food_count; i++)
        strlist_push(&known, content->foods[i].id);
    prepend_known(&columns->foods, &known);
    return 0;
}

static bool csv_needs_quotes(const char *text)
{
    size_t length = strlen(text);
    if (length == 0)
        return false;
    /* The reader trims unquoted spaces and tabs, so quote them to keep them. */
    if (text[0] == ' ' || text[0] == '\t' || text[length - 1] == ' ' || text[length - 1] == '\t')
        return true;
    return strpbrk(text, ",\"\r\n") != NULL;
}

static void csv_put_field(FILE *out, const char *text, bool first)
{
    if (!first)
        fputc(',', out);
    if (!csv_needs_quotes(text)) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *c = text; *c != '\0'; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

static void csv_put_header(FILE *out, const struct csv_columns *columns)
{
    csv_put_field(out, "date", true);
    for (size_t i = 0; i < columns->metrics.count; i++) {
        const char *id = columns->metrics.items[i];
        bool reserved = strcmp(id, "date") == 0 || strcmp(id, "note") == 0;
        char *name = reserved ? xprintf("metric:%s", id) : xstrdup(id);
        csv_put_field(out, name, false);
        free(name);
    }
    for (size_t i = 0; i < columns->foods.count; i++) {
        char *name = xprintf("food:%s", columns->foods.items[i]);
        csv_put_field(out, name, false);
        free(name);
    }
    csv_put_field(out, "note", false);
    fputs("\r\n", out);
}

struct csv_rows {
    FILE *out;
    const struct csv_columns *columns;
    size_t count;
};

static void csv_put_value(FILE *out, bool present, double value)
{
    char number[NUM_TEXT_SIZE] = "";
    if (present)
        num_format(value, number);
    csv_put_field(out, number, false);
}

static int csv_put_row(const struct day *day, void *context)
{
    struct csv_rows *rows = context;
    const struct csv_columns *columns = rows->columns;
    rows->count++;
    double value;
    char date[DATE_TEXT_SIZE];
    date_format(day->day_number, date);
    csv_put_field(rows->out, date, true);
    for (size_t i = 0; i < columns->metrics.count; i++) {
        bool present = day_get_reading(day, columns->metrics.items[i], &value);
        csv_put_value(rows->out, present, value);
    }
    for (size_t i = 0; i < columns->foods.count; i++) {
        bool present = day_get_food(day, columns->foods.items[i], &value);
        csv_put_value(rows->out, present, value);
    }
    csv_put_field(rows->out, day->note ? day->note : "", false);
    fputs("\r\n", rows->out);
    return ferror(rows->out) ? -1 : 0;
}

static int check_written(FILE *out, int status, struct error *err)
{
    if (status == 0 && (fflush(out) != 0 || ferror(out)))
        return error_set(err, ERROR_SYSTEM, "cannot write the export: %s", strerror(errno));
    return status;
}

struct csv_export {
    FILE *out;
    const struct content *content;
    int from;
    int to;
    size_t days; /* rows written */
};

static int csv_export_snapshot(struct journal *journal, void *context, struct error *err)
{
    struct csv_export *job = context;
    struct csv_columns columns = {STRLIST_INIT, STRLIST_INIT, job->content};
    int status = csv_plan_columns(&columns, journal, job->from, job->to, err);
    if (status == 0) {
        csv_put_header(job->out, &columns);
        struct csv_rows rows = {job->out, &columns, 0};
        int walked = journal_each_day(journal, job->from, job->to, csv_put_row, &rows, err);
        job->days = rows.count;
        /* A visitor's -1 is a write failure, reported below; the journal's own fills `err`. */
        if (walked != 0 && !ferror(job->out))
            status = -1;
    }
    strlist_release(&columns.metrics);
    strlist_release(&columns.foods);
    return check_written(job->out, status, err);
}

int export_csv(FILE *out, struct journal *journal, const struct content *content, int from, int to,
               size_t *days, struct error *err)
{
    /* Both walks in one snapshot: a day saved between them could otherwise hold an id that has
     * no column. A read transaction: the export never waits behind a writer. */
    struct csv_export job = {out, content, from, to, 0};
    int status = journal_read_snapshot(journal, csv_export_snapshot, &job, err);
    if (days != NULL)
        *days = job.days;
    return status;
}

/* --- JSON --------------------------------------------------------------------------------- */

static json_t *json_number_of(double value)
{
    if (value == floor(value) && fabs(value) <= EXPORT_EXACT_INTEGER)
        return json_integer((json_int_t)value);
    return json_real(value);
}

static json_t *json_entries(const struct day_entry *entries, size_t count)
{
    json_t *object = json_object();
    for (size_t i = 0; i < count; i++)
        json_object_set_new(object, entries[i].id, json_number_of(entries[i].value));
    return object;
}

struct json_days {
    json_t *array;
    const struct journal_mark_list *marks; /* by day, within the range */
    size_t next_mark;                      /* the first mark not written yet */
    struct error *err;
};

static json_t *json_day_object(int day_number)
{
    char date[DATE_TEXT_SIZE];
    date_format(day_number, date);
    json_t *object = json_object();
    json_object_set_new(object, "date", json_string(date));
    return object;
}

/* Sets the day's "marks" (only when it has some, so that a journal without marks exports as it
 * always has) and moves past them. */
static void json_set_marks(struct json_days *days, json_t *object, int day_number)
{
    const struct journal_mark_list *marks = days->marks;
    if (days->next_mark >= marks->count || marks->items[days->next_mark].day_number != day_number)
        return;
    json_t *labels = json_array();
    while (days->next_mark < marks->count && marks->items[days->next_mark].day_number == day_number)
        json_array_append_new(labels, json_string(marks->items[days->next_mark++].label));
    json_object_set_new(object, "marks", labels);
}

/* Days with marks but nothing saved, before `day_number` (DATE_NONE: all that are left). */
static void json_add_marked_days(struct json_days *days, int day_number)
{
    const struct journal_mark_list *marks = days->marks;
    while (days->next_mark < marks->count &&
           (day_number == DATE_NONE || marks->items[days->next_mark].day_number < day_number)) {
        int marked = marks->items[days->next_mark].day_number;
        json_t *object = json_day_object(marked);
        json_object_set_new(object, "readings", json_object());
        json_object_set_new(object, "foods", json_object());
        json_object_set_new(object, "note", json_null());
        json_set_marks(days, object, marked);
        json_array_append_new(days->array, object);
    }
}

static int json_add_day(const struct day *day, void *context)
{
    struct json_days *days = context;
    char date[DATE_TEXT_SIZE];
    date_format(day->day_number, date);
    json_t *note = day->note ? json_string(day->note) : json_null();
    if (note == NULL) /* jansson refuses text that is not UTF-8 */
        return error_set(days->err, ERROR_INPUT, "the note of %s is not valid UTF-8", date);
    json_add_marked_days(days, day->day_number);
    json_t *object = json_day_object(day->day_number);
    json_object_set_new(object, "readings", json_entries(day->readings, day->reading_count));
    json_object_set_new(object, "foods", json_entries(day->foods, day->food_count));
    json_object_set_new(object, "note", note);
    json_set_marks(days, object, day->day_number);
    json_array_append_new(days->array, object);
    return 0;
}

static bool in_range(int day_number, int from, int to)
{
    return (from == DATE_NONE || day_number >= from) && (to == DATE_NONE || day_number <= to);
}

/* The journal's marks from `from` to `to`, by day (journal_list_marks() gives them by day). */
static int json_list_marks(struct journal *journal, int from, int to,
                           struct journal_mark_list *marks, struct error *err)
{
    if (journal_list_marks(journal, marks, err) != 0)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < marks->count; i++) {
        const struct journal_mark *mark = &marks->items[i];
        json_t *label = json_string(mark->label); /* NULL when not UTF-8 */
        json_decref(label);
        if (label == NULL) {
            char date[DATE_TEXT_SIZE];
            date_format(mark->day_number, date);
            return error_set(err, ERROR_INPUT, "the mark of %s is not valid UTF-8", date);
        }
        if (in_range(mark->day_number, from, to))
            marks->items[kept++] = *mark;
        else
            free(mark->label);
    }
    marks->count = kept;
    return 0;
}

struct json_export {
    FILE *out;
    int from;
    int to;
    size_t days; /* objects written */
};

static int json_export_snapshot(struct journal *journal, void *context, struct error *err)
{
    struct json_export *job = context;
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    json_t *array = json_array();
    struct json_days days = {array, &marks, 0, err};
    int status = json_list_marks(journal, job->from, job->to, &marks, err);
    if (status == 0)
        status = journal_each_day(journal, job->from, job->to, json_add_day, &days, err);
    if (status == 0) {
        json_add_marked_days(&days, DATE_NONE);
        job->days = json_array_size(array);
        if (json_dumpf(array, job->out, JSON_INDENT(2) | JSON_SORT_KEYS) != 0)
            status = error_set(err, ERROR_SYSTEM, "cannot write the export: %s", strerror(errno));
        else
            fputc('\n', job->out);
    }
    json_decref(array);
    journal_mark_list_release(&marks);
    return check_written(job->out, status, err);
}

int export_json(FILE *out, struct journal *journal, int from, int to, size_t *days,
                struct error *err)
{
    /* Days and marks from one snapshot, so that a mark is never written without its day's
     * values or the other way round. */
    struct json_export job = {out, from, to, 0};
    int status = journal_read_snapshot(journal, json_export_snapshot, &job, err);
    if (days != NULL)
        *days = job.days;
    return status;
}

int export_write(FILE *out, enum export_format format, struct journal *journal,
                 const struct content *content, int from, int to, size_t *days, struct error *err)
{
    if (format == EXPORT_JSON)
        return export_json(out, journal, from, to, days, err);
    return export_csv(out, journal, content, from, to, days, err);
}
