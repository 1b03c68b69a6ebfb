/*
 * import_bearable.c - Bearable's CSV export.
 *
 * One row per thing recorded: `date,weekday,time of day,category,rating/amount,detail,notes`,
 * every field quoted. The date is English with an ordinal ("22nd Sep 2020"); the time of day is a
 * bucket (pre, am, mid, pm, all day), a clock time, or empty. What a row means depends on its
 * category: a symptom is "Name (Severity)" with the severity 1-4 as the rating, factors and
 * feelings are " | " lists, the food diary is "Meals: a | b. Snacks: c", medicines are
 * "Name (unit)" with the dose as the amount, sleep is "H:MM".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "numbers.h"
#include "import_readers.h"
#include "text.h"
#include "xalloc.h"

static const char *const known[] = {"date",          "weekday", "time of day", "category",
                                    "rating/amount", "detail",  "notes",       NULL};
static const char *const required[] = {"date",          "time of day", "category",
                                       "rating/amount", "detail",      NULL};

bool import_bearable_recognise(const struct import_input *input)
{
    char line[512];
    reader_first_line(input, line, sizeof line);
    return strstr(line, "category") != NULL && strstr(line, "rating/amount") != NULL;
}

/* "22nd Sep 2020", "1st Jan 2021", "8th Dec 2021". */
static bool parse_date(const char *text, int *day_number)
{
    int day, year, used = 0;
    char suffix[4], month_name[16];
    if (sscanf(text, "%2d%2[a-z] %15s %4d%n", &day, suffix, month_name, &year, &used) != 4 ||
        text[used] != '\0')
        return false;
    int month = 0;
    for (int m = 1; m <= 12 && month == 0; m++)
        if (strcasecmp(month_name, date_month_name(m)) == 0)
            month = m;
    char iso[32];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return month > 0 && date_parse(iso, day_number);
}

/* A clock time, or -1 for a bucket or nothing; false when it is neither. */
static bool parse_time_of_day(const char *text, int *minute)
{
    static const char *const buckets[] = {"", "pre", "am", "mid", "pm", "all day"};
    *minute = -1;
    for (size_t i = 0; i < sizeof buckets / sizeof buckets[0]; i++)
        if (strcasecmp(text, buckets[i]) == 0)
            return true;
    *minute = reader_parse_time(text);
    return *minute >= 0;
}

struct row {
    struct peer_data *data;
    int day, minute;
    long line;
    const char *amount, *detail;
};

static void add_present(struct row *row, const char *kind, const char *name)
{
    size_t index = peer_name_add(row->data, kind, name, PEER_PRESENT, NULL, row->line);
    peer_add_value(row->data, row->day, row->minute, index, 1, NULL, row->line);
}

/* Each part of a " | " list as a present name of `kind`. */
static void add_list(struct row *row, const char *kind, const char *list)
{
    char *copy = xstrdup(list);
    for (char *part = copy, *bar; part != NULL; part = bar ? bar + 1 : NULL) {
        bar = strchr(part, '|');
        if (bar != NULL)
            *bar = '\0';
        add_present(row, kind, part);
    }
    free(copy);
}

/* "Meals: Porridge | Coffee. Snacks: Apple | Tea": the items, whatever the meal. */
static void add_food_diary(struct row *row)
{
    char *copy = xstrdup(row->detail);
    for (char *section = copy, *next; section != NULL; section = next) {
        next = strstr(section, ". ");
        if (next != NULL)
            *next = '\0', next += 2;
        char *colon = strstr(section, ": ");
        add_list(row, "food", colon ? colon + 2 : section);
    }
    free(copy);
}

/* "Headache (Mild)" -> "Headache" and the words in the last parentheses. */
static char *split_parenthesis(const char *detail, char *inside, size_t size)
{
    const char *open = strrchr(detail, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    inside[0] = '\0';
    if (open == NULL || close == NULL)
        return xstrdup(detail);
    snprintf(inside, size, "%.*s", (int)(close - open - 1), open + 1);
    return xstrndup(detail, (size_t)(open - detail));
}

static int severity_word(const char *word)
{
    static const char *const words[] = {"None", "Mild", "Moderate", "Severe", "Unbearable"};
    for (int i = 0; i < 5; i++)
        if (strcasecmp(word, words[i]) == 0)
            return i;
    return -1;
}

static void add_symptom(struct row *row)
{
    char inside[64];
    char *name = split_parenthesis(row->detail, inside, sizeof inside);
    double value;
    if (!num_parse(row->amount, &value)) {
        int from_word = severity_word(inside);
        value = from_word;
        if (from_word < 0) {
            peer_problem(row->data, row->line, "symptom '%.40s' has no severity (1 to 4)",
                         row->detail);
            free(name);
            return;
        }
    }
    if (value < 0 || value > 4 || value != (int)value)
        peer_problem(row->data, row->line, "symptom severity '%.20s' is not 0 to 4", row->amount);
    else {
        size_t index = peer_name_add(row->data, "symptom", name, PEER_SEVERITY4, NULL, row->line);
        peer_add_value(row->data, row->day, row->minute, index, value, NULL, row->line);
    }
    free(name);
}

static void add_medicine(struct row *row)
{
    char unit[64];
    char *name = split_parenthesis(row->detail, unit, sizeof unit);
    double amount;
    if (num_parse(row->amount, &amount)) {
        size_t index = peer_name_add(row->data, "medicine", name, PEER_AMOUNT,
                                     unit[0] ? unit : NULL, row->line);
        peer_add_value(row->data, row->day, row->minute, index, amount, NULL, row->line);
    } else {
        add_present(row, "medicine", name);
    }
    free(name);
}

/* A rating of `kind` (mood 1-10, energy and sleep quality 1-5, custom ratings 1-5). */
static void add_rating(struct row *row, const char *kind, const char *name, enum peer_scale scale)
{
    double value, max = scale == PEER_MOOD10 ? 10 : 5;
    if (row->amount[0] == '\0')
        return;
    if (!num_parse(row->amount, &value) || value < 1 || value > max) {
        peer_problem(row->data, row->line, "%s rating '%.20s' is not 1 to %g", kind, row->amount,
                     max);
        return;
    }
    size_t index = peer_name_add(row->data, kind, name, scale, NULL, row->line);
    peer_add_value(row->data, row->day, row->minute, index, value, NULL, row->line);
}

static void add_sleep(struct row *row)
{
    int hours, minutes, used = 0;
    if (sscanf(row->amount, "%d:%2d%n", &hours, &minutes, &used) != 2 ||
        row->amount[used] != '\0' || hours < 0 || minutes > 59) {
        peer_problem(row->data, row->line, "sleep '%.20s' is not a duration (H:MM)", row->amount);
        return;
    }
    size_t index = peer_name_add(row->data, "sleep", "Sleep", PEER_AMOUNT, "hours", row->line);
    peer_add_value(row->data, row->day, row->minute, index, hours + minutes / 60.0,
                   row->detail[0] ? row->detail : NULL, row->line);
}

static void add_text(struct row *row, const char *kind, const char *name)
{
    const char *text = row->detail[0] ? row->detail : row->amount;
    if (text[0] == '\0')
        return;
    size_t index = peer_name_add(row->data, kind, name, PEER_TEXT, NULL, row->line);
    peer_add_value(row->data, row->day, row->minute, index, 0, text, row->line);
}

/* A count when the amount is a number (the detail then kept beside it), else words. */
static void add_bowel_movements(struct row *row)
{
    double count;
    if (!num_parse(row->amount, &count)) {
        add_text(row, "bowel movements", "Bowel movements, in words");
        return;
    }
    size_t index = peer_name_add(row->data, "bowel movements", "Bowel movements", PEER_AMOUNT,
                                 "times", row->line);
    peer_add_value(row->data, row->day, row->minute, index, count,
                   row->detail[0] ? row->detail : NULL, row->line);
}

static void add_row(struct row *row, const char *category)
{
    if (strcmp(category, "Mood") == 0) {
        add_rating(row, "mood", "Mood", PEER_MOOD10);
        add_list(row, "feeling", row->detail);
    } else if (strcmp(category, "Symptom") == 0)
        add_symptom(row);
    else if (strcmp(category, "Factors") == 0) {
        /* The day's factors, all of them: one it leaves out was not there that day. */
        peer_add_listing(row->data, row->day, "factor", row->line);
        add_list(row, "factor", row->detail);
    } else if (strcmp(category, "Food Diary") == 0)
        add_food_diary(row);
    else if (strcmp(category, "Food Diary factors") == 0)
        add_list(row, "food factor", row->detail);
    else if (strcmp(category, "Sleep factors") == 0)
        add_list(row, "sleep factor", row->detail);
    else if (strcmp(category, "Meds/Supplements") == 0)
        add_medicine(row);
    else if (strcmp(category, "Energy") == 0)
        add_rating(row, "energy", "Energy", PEER_RATING5);
    else if (strcmp(category, "Sleep quality") == 0)
        add_rating(row, "sleep quality", "Sleep quality", PEER_RATING5);
    else if (strcmp(category, "Sleep") == 0)
        add_sleep(row);
    else if (strcmp(category, "Gratitudes") == 0)
        add_text(row, "gratitude", "Gratitude");
    else if (strcmp(category, "Bowel Movements") == 0)
        add_bowel_movements(row);
    else if (strcmp(category, "Health measurements") == 0)
        add_text(row, "health measurement", row->detail[0] ? row->detail : "Measurement");
    else /* the person's own ratings ("Productivity"): 1 to 5 */
        add_rating(row, "rating", category, PEER_RATING5);
}

struct reader {
    struct peer_data *data;
    long date, iso_date, time, category, amount, detail, notes;
};

/* Newer exports add a column with the date as YYYY-MM-DD beside `date`; its name is not known
 * for sure, so any other column whose name holds "date" is taken for it, and its cells must then
 * be ISO dates. */
static long iso_date_column(const struct strlist *cells)
{
    for (size_t i = 0; i < cells->count; i++)
        if (strcmp(cells->items[i], "date") != 0 && text_contains_folded(cells->items[i], "date"))
            return (long)i;
    return -1;
}

static bool read_header(void *context, long line, const struct strlist *cells)
{
    struct reader *reader = context;
    reader->iso_date = iso_date_column(cells);
    const char *with_iso[sizeof known / sizeof known[0] + 1];
    memcpy(with_iso, known, sizeof known);
    with_iso[sizeof known / sizeof known[0] - 1] =
        reader->iso_date >= 0 ? cells->items[reader->iso_date] : NULL;
    with_iso[sizeof known / sizeof known[0]] = NULL;
    bool ok = reader_check_header(reader->data, line, cells, with_iso, required);
    reader->date = reader_column(cells, "date");
    reader->time = reader_column(cells, "time of day");
    reader->category = reader_column(cells, "category");
    reader->amount = reader_column(cells, "rating/amount");
    reader->detail = reader_column(cells, "detail");
    reader->notes = reader_column(cells, "notes");
    return ok;
}

/* A trimmed copy of the cell, or "" for a missing column. */
static char *cell(const struct strlist *cells, long column)
{
    const char *text = column >= 0 ? cells->items[column] : "";
    while (*text == ' ')
        text++;
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '.'))
        length--;
    return xstrndup(text, length);
}

static bool read_row(void *context, long line, const struct strlist *cells)
{
    struct reader *reader = context;
    struct row row = {.data = reader->data, .line = line};
    if (reader->iso_date >= 0 ? !date_parse(cells->items[reader->iso_date], &row.day)
                              : !parse_date(cells->items[reader->date], &row.day)) {
        peer_problem(reader->data, line, "'%.40s' is not a date (%s)",
                     cells->items[reader->iso_date >= 0 ? reader->iso_date : reader->date],
                     reader->iso_date >= 0 ? "YYYY-MM-DD" : "22nd Sep 2020");
        return true;
    }
    if (!parse_time_of_day(cells->items[reader->time], &row.minute)) {
        peer_problem(reader->data, line,
                     "'%.40s' is not a time of day (pre, am, mid, pm, "
                     "all day or 9:30)",
                     cells->items[reader->time]);
        return true;
    }
    char *amount = cell(cells, reader->amount), *notes = cell(cells, reader->notes);
    row.amount = amount;
    row.detail = cells->items[reader->detail];
    add_row(&row, cells->items[reader->category]);
    peer_add_note(reader->data, row.day, row.minute, notes, line);
    free(amount);
    free(notes);
    return true;
}

void import_bearable_read(const struct import_input *input, struct peer_data *data)
{
    struct reader reader = {.data = data};
    struct reader_table table = {read_header, read_row, &reader, STRLIST_INIT};
    reader_csv_file(input, data, "Bearable's header", &table);
}
