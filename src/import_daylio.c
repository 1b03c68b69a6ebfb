/*
 * import_daylio.c - Daylio's CSV export and its .daylio backup.
 *
 * CSV: a header names the columns (three layouts: full_date,date,weekday,time,mood,activities,
 * note_title,note; the same with `scales` before note_title; and the oldest year,date,weekday,
 * time,mood,activities,note). The day is `full_date` (the phone's local date); `date` and
 * `weekday` are display text in the phone's language and are read only when there is no
 * full_date. Times are 12- or 24-hour. Moods are names (the person may rename them), activities
 * and scales are joined with " | ", notes may be HTML.
 *
 * Backup: a zip holding `backup.daylio`, base64 of UTF-8 JSON (a bare base64 file is read too).
 * Moods are ids of `customMoods`, whose mood_group_id (1 rad .. 5 awful) is the level whatever
 * the mood is called; the day is the entry's local year/month (from 0)/day.
 */
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "numbers.h"
#include "import_readers.h"
#include "xalloc.h"

/* --- Moods, notes and scales ------------------------------------------------------------------ */

/* Daylio's default mood names, now and in older versions, with their level. A renamed or added
 * mood is not here: its level is asked for in the map file. */
static int default_level(const char *name)
{
    static const struct {
        const char *name;
        int level;
    } names[] = {{"rad", 5},  {"good", 4}, {"happy", 4}, {"meh", 3},   {"average", 3}, {"ok", 3},
                 {"okay", 3}, {"bad", 2},  {"sad", 2},   {"awful", 1}, {"horrible", 1}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(names[i].name, name) == 0)
            return names[i].level;
    return 0;
}

static size_t add_mood(struct peer_data *data, const char *name, int level, long where)
{
    size_t index = peer_name_add(data, "mood", name, PEER_LEVEL5, NULL, where);
    if (index != SIZE_MAX && data->names[index].level == 0)
        data->names[index].level = level ? level : default_level(data->names[index].name);
    return index;
}

/* Appends the character `code` as UTF-8. */
static size_t put_utf8(char *out, long code)
{
    if (code < 0x80)
        return (size_t)(out[0] = (char)code, 1);
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6)), out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12)), out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18)), out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F)), out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

/* An entity at `text` ("&amp;", "&#233;"): writes it to `out`, returns the bytes read or 0. */
static size_t html_entity(const char *text, char *out, size_t *written)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
                 {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", ' '}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strncmp(text, named[i].name, strlen(named[i].name)) == 0) {
            out[0] = named[i].c;
            *written = 1;
            return strlen(named[i].name);
        }
    if (text[1] != '#')
        return 0;
    char *end;
    bool hex = text[2] == 'x' || text[2] == 'X';
    long code = strtol(text + (hex ? 3 : 2), &end, hex ? 16 : 10);
    if (*end != ';' || code <= 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    *written = put_utf8(out, code);
    return (size_t)(end - text) + 1;
}

/* Whether the tag at `text` (after '<') is one that ends a line: br, p, div, li, ol, ul. */
static bool tag_breaks_line(const char *text)
{
    if (*text == '/')
        text++;
    static const char *const tags[] = {"br", "p", "div", "li", "ol", "ul", "h1", "h2", "h3"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t length = strlen(tags[i]);
        if (strncasecmp(text, tags[i], length) == 0 && strchr(" />", text[length]) != NULL &&
            text[length] != '\0')
            return true;
    }
    return false;
}

/* Daylio's rich-text notes as plain text: line-ending tags become line breaks, other tags go,
 * entities become their characters. A handful of tags from one editor: a general HTML parser
 * would bring a library for this alone. Caller frees. */
static char *html_to_text(const char *html)
{
    char *out = xmalloc(strlen(html) * 4 + 1);
    size_t used = 0;
    for (const char *c = html; *c != '\0';) {
        const char *close = *c == '<' ? strchr(c, '>') : NULL;
        size_t written = 0, read = *c == '&' ? html_entity(c, out + used, &written) : 0;
        if (close != NULL) {
            if (tag_breaks_line(c + 1) && used > 0 && out[used - 1] != '\n')
                out[used++] = '\n';
            else if (tag_breaks_line(c + 1) && strncasecmp(c, "<br", 3) == 0)
                out[used++] = '\n';
            c = close + 1;
        } else if (read > 0) {
            used += written;
            c += read;
        } else {
            out[used++] = *c++;
        }
    }
    while (used > 0 && out[used - 1] == '\n')
        used--;
    out[used] = '\0';
    return out;
}

static void add_note(struct peer_data *data, int day, int minute, const char *title,
                     const char *body, long where)
{
    char *title_text = html_to_text(title ? title : "");
    char *body_text = html_to_text(body ? body : "");
    char *note = title_text[0] && body_text[0] ? xprintf("%s: %s", title_text, body_text)
                                               : xprintf("%s%s", title_text, body_text);
    peer_add_note(data, day, minute, note, where);
    free(note);
    free(title_text);
    free(body_text);
}

/* Calls `each` for every part of a " | " list, trimmed by peer_name_add. */
static void split_list(const char *list, void (*each)(void *, const char *), void *context)
{
    char *copy = xstrdup(list);
    for (char *part = copy, *bar; part != NULL; part = bar ? bar + 1 : NULL) {
        bar = strchr(part, '|');
        if (bar != NULL)
            *bar = '\0';
        each(context, part);
    }
    free(copy);
}

struct entry_context {
    struct peer_data *data;
    int day, minute;
    long where;
};

static void add_activity(void *context, const char *name)
{
    struct entry_context *entry = context;
    size_t index = peer_name_add(entry->data, "activity", name, PEER_PRESENT, NULL, entry->where);
    peer_add_value(entry->data, entry->day, entry->minute, index, 1, NULL, entry->where);
}

/* "Sleep Quality: 8/10 points", "Sleep Time: 8:00", "Steps: 9000", "Weather: sunny". */
static void add_scale(void *context, const char *part)
{
    struct entry_context *entry = context;
    char *trimmed = xstrdup(part);
    /* The app writes a no-break space after the colon and before "points". */
    size_t kept = 0;
    for (size_t i = 0; trimmed[i] != '\0'; i++) {
        bool no_break = (unsigned char)trimmed[i] == 0xC2 && (unsigned char)trimmed[i + 1] == 0xA0;
        trimmed[kept++] = no_break ? ' ' : trimmed[i];
        i += no_break;
    }
    trimmed[kept] = '\0';
    size_t length = strlen(trimmed);
    while (length > 0 && trimmed[length - 1] == ' ')
        trimmed[--length] = '\0';
    part = trimmed;
    const char *colon = strchr(part, ':');
    if (colon == NULL) {
        free(trimmed);
        peer_problem(entry->data, entry->where, "a scale must be written 'Name: value'");
        return;
    }
    char *name = xstrndup(part, (size_t)(colon - part));
    const char *value = colon + 1;
    while (*value == ' ')
        value++;
    double points, max, number;
    int hours, minutes, used = 0;
    size_t index;
    if (sscanf(value, "%lf/%lf points%n", &points, &max, &used) == 2 && max > 0) {
        char unit[32];
        snprintf(unit, sizeof unit, "%g", max);
        index = peer_name_add(entry->data, "scale", name, PEER_POINTS, unit, entry->where);
        peer_add_value(entry->data, entry->day, entry->minute, index, points, NULL, entry->where);
    } else if (sscanf(value, "%d:%2d%n", &hours, &minutes, &used) == 2 && value[used] == '\0') {
        index = peer_name_add(entry->data, "scale", name, PEER_AMOUNT, "hours", entry->where);
        peer_add_value(entry->data, entry->day, entry->minute, index, hours + minutes / 60.0, NULL,
                       entry->where);
    } else if (num_parse(value, &number)) {
        index = peer_name_add(entry->data, "scale", name, PEER_AMOUNT, NULL, entry->where);
        peer_add_value(entry->data, entry->day, entry->minute, index, number, NULL, entry->where);
    } else {
        index = peer_name_add(entry->data, "scale", name, PEER_TEXT, NULL, entry->where);
        peer_add_value(entry->data, entry->day, entry->minute, index, 0, value, entry->where);
    }
    free(name);
    free(trimmed);
}

/* --- CSV -------------------------------------------------------------------------------------- */

static const char *const csv_known[] = {"full_date",  "year", "date",       "weekday",
                                        "time",       "mood", "activities", "scales",
                                        "note_title", "note", NULL};
static const char *const csv_required[] = {"time", "mood", "activities", NULL};

bool import_daylio_recognise(const struct import_input *input)
{
    char line[256];
    reader_first_line(input, line, sizeof line);
    return strncmp(line, "full_date,", 10) == 0 || strncmp(line, "\"full_date\",", 12) == 0 ||
           strncmp(line, "year,date,weekday,", 18) == 0;
}

struct csv_reader {
    struct peer_data *data;
    long full_date, year, date, time, mood, activities, scales, note_title, note;
};

/* Numbers only ("18.05.", "05/18"): which is the day depends on the phone, so --date-order must
 * say. 1 read, 0 not numeric, -1 numeric but the order was not given. */
static int numeric_date(int order, int year, const char *text, int *day, int *month)
{
    int first, second, used = 0;
    char separator;
    if (sscanf(text, " %d%c%d%n", &first, &separator, &second, &used) != 3 ||
        strchr("./-", separator) == NULL)
        return 0;
    (void)year;
    if (order == IMPORT_DATE_ORDER_NONE)
        return -1;
    *day = order == IMPORT_DATE_MDY ? second : first;
    *month = order == IMPORT_DATE_MDY ? first : second;
    return 1;
}

/* The oldest layout's date: "18 May", "May 18", "18. Mai", "30 octobre" (month names in several
 * languages, see reader_day_and_month), or numbers in the --date-order, with the year beside it. */
static bool old_layout_date(struct peer_data *data, long line, const char *year_text,
                            const char *text, int *day_number)
{
    int year, day = 0, month = 0;
    if (sscanf(year_text, "%d", &year) != 1)
        return false;
    int numeric = numeric_date(data->date_order, year, text, &day, &month);
    if (numeric < 0) {
        peer_problem(data, line,
                     "'%.20s' could be day-month or month-day: give --date-order "
                     "dmy or mdy",
                     text);
        return true; /* reported */
    }
    if (numeric == 0 && !reader_day_and_month(text, &day, &month))
        return false;
    char iso[DATE_TEXT_SIZE + 24];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return month > 0 && date_parse(iso, day_number);
}

static bool csv_read_header(void *context, long line, const struct strlist *cells)
{
    struct csv_reader *reader = context;
    bool ok = reader_check_header(reader->data, line, cells, csv_known, csv_required);
    reader->full_date = reader_column(cells, "full_date");
    reader->year = reader_column(cells, "year");
    reader->date = reader_column(cells, "date");
    reader->time = reader_column(cells, "time");
    reader->mood = reader_column(cells, "mood");
    reader->activities = reader_column(cells, "activities");
    reader->scales = reader_column(cells, "scales");
    reader->note_title = reader_column(cells, "note_title");
    reader->note = reader_column(cells, "note");
    if (reader->full_date < 0 && (reader->year < 0 || reader->date < 0)) {
        peer_problem(reader->data, line, "the column 'full_date' is missing");
        ok = false;
    }
    return ok;
}

static const char *cell(const struct strlist *cells, long column)
{
    return column >= 0 ? cells->items[column] : "";
}

static bool csv_read_row(void *context, long line, const struct strlist *cells)
{
    struct csv_reader *reader = context;
    struct peer_data *data = reader->data;
    int day = INT_MIN;
    size_t before = data->problems->count;
    bool dated = reader->full_date >= 0 ? date_parse(cell(cells, reader->full_date), &day)
                                        : old_layout_date(data, line, cell(cells, reader->year),
                                                          cell(cells, reader->date), &day);
    if (data->problems->count > before)
        return true;
    dated = dated && day != INT_MIN;
    int minute = reader_parse_time(cell(cells, reader->time));
    if (!dated)
        peer_problem(data, line, "'%.40s' is not a date (%s)",
                     cell(cells, reader->full_date >= 0 ? reader->full_date : reader->date),
                     reader->full_date >= 0 ? "YYYY-MM-DD" : "a day and a month: 18 May");
    if (minute < 0)
        peer_problem(data, line, "'%.40s' is not a time (10:04 AM, 6:50 pm or 18:52)",
                     cell(cells, reader->time));
    if (!dated || minute < 0)
        return true;
    size_t mood = add_mood(data, cell(cells, reader->mood), 0, line);
    if (mood == SIZE_MAX)
        peer_problem(data, line, "the mood is empty");
    else
        peer_add_value(data, day, minute, mood, data->names[mood].level, NULL, line);
    struct entry_context entry = {data, day, minute, line};
    /* An entry lists every activity done: one it leaves out was not done that day. */
    peer_add_listing(data, day, "activity", line);
    split_list(cell(cells, reader->activities), add_activity, &entry);
    if (reader->scales >= 0 && cell(cells, reader->scales)[0] != '\0')
        split_list(cell(cells, reader->scales), add_scale, &entry);
    add_note(data, day, minute, cell(cells, reader->note_title), cell(cells, reader->note), line);
    return true;
}

void import_daylio_read(const struct import_input *input, struct peer_data *data)
{
    struct csv_reader reader = {.data = data};
    struct reader_table table = {csv_read_header, csv_read_row, &reader, STRLIST_INIT};
    reader_csv_file(input, data, "Daylio's header line", &table);
}

/* --- Backup ----------------------------------------------------------------------------------- */

static bool looks_base64_json(const struct import_input *input)
{
    return input->head != NULL && input->head_length >= 4 &&
           memcmp(input->head, "eyJ", 3) == 0; /* base64 of '{"' */
}

bool import_daylio_backup_recognise(const struct import_input *input)
{
    if (input->is_dir)
        return false;
    if (input->head_length >= 4 && memcmp(input->head, "PK\3\4", 4) == 0)
        return reader_zip_has(input->path, "backup.daylio", false);
    return looks_base64_json(input);
}

static int base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes base64 in place (blanks skipped, '=' ends it); false when a byte is not base64. Four
 * lines of arithmetic: no library in the project offers it. */
static bool base64_decode(char *text, size_t *length)
{
    size_t out = 0;
    unsigned bits = 0;
    int count = 0;
    for (size_t i = 0; i < *length && text[i] != '='; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            continue;
        int value = base64_value(c);
        if (value < 0)
            return false;
        bits = (bits << 6) | (unsigned)value;
        if (++count == 4) {
            text[out++] = (char)(bits >> 16), text[out++] = (char)(bits >> 8);
            text[out++] = (char)bits;
            bits = 0, count = 0;
        }
    }
    if (count == 1)
        return false;
    if (count >= 2)
        text[out++] = (char)(bits >> (count == 2 ? 4 : 10));
    if (count == 3)
        text[out++] = (char)(bits >> 2);
    text[out] = '\0';
    *length = out;
    return true;
}

static char *backup_text(const struct import_input *input, struct peer_data *data, size_t *length)
{
    bool zipped = input->head_length >= 4 && memcmp(input->head, "PK\3\4", 4) == 0;
    char *text = zipped ? reader_zip_read(input->path, input->name, "backup.daylio", length, data)
                        : reader_load_text(input->path, input->name, length, data);
    if (text == NULL)
        return NULL;
    if (!base64_decode(text, length) || !reader_check_text(text, length, input->name, data)) {
        strlist_pushf(data->problems, "%s: the backup is damaged (not base64 of JSON text)",
                      input->name);
        free(text);
        return NULL;
    }
    return text;
}

struct backup {
    struct peer_data *data;
    json_t *moods, *tags;
};

static const char *const predefined_moods[] = {"", "rad", "good", "meh", "bad", "awful"};

/* The mood id's name and level; SIZE_MAX with a problem when the backup has no such mood. */
static size_t backup_mood(struct backup *backup, json_int_t id, long where)
{
    size_t i;
    json_t *mood;
    json_array_foreach(backup->moods, i, mood)
    {
        if (json_integer_value(json_object_get(mood, "id")) != id)
            continue;
        json_int_t group = json_integer_value(json_object_get(mood, "mood_group_id"));
        json_int_t predefined = json_integer_value(json_object_get(mood, "predefined_name_id"));
        const char *name = json_string_value(json_object_get(mood, "custom_name"));
        if (name == NULL || name[0] == '\0')
            name = predefined >= 1 && predefined <= 5 ? predefined_moods[predefined] : "";
        if (group < 1 || group > 5 || name[0] == '\0')
            break;
        return add_mood(backup->data, name, 6 - (int)group, where);
    }
    peer_problem(backup->data, where, "mood %lld is not among the backup's moods", (long long)id);
    return SIZE_MAX;
}

static void backup_tags(struct backup *backup, json_t *tags, int day, int minute, long where)
{
    size_t i, k;
    json_t *tag, *known;
    json_array_foreach(tags, i, tag)
    {
        const char *name = NULL;
        json_array_foreach(backup->tags, k, known)
        {
            if (json_integer_value(json_object_get(known, "id")) == json_integer_value(tag))
                name = json_string_value(json_object_get(known, "name"));
        }
        if (!json_is_integer(tag) || name == NULL) {
            peer_problem(backup->data, where, "activity %lld is not among the backup's tags",
                         (long long)json_integer_value(tag));
            continue;
        }
        size_t index = peer_name_add(backup->data, "activity", name, PEER_PRESENT, NULL, where);
        peer_add_value(backup->data, day, minute, index, 1, NULL, where);
    }
}

static bool entry_int(json_t *entry, const char *key, json_int_t *value)
{
    json_t *field = json_object_get(entry, key);
    *value = json_integer_value(field);
    return json_is_integer(field);
}

static void backup_entry(struct backup *backup, json_t *entry, long where)
{
    json_int_t year, month, day, hour, minute, mood;
    if (!json_is_object(entry) || !entry_int(entry, "year", &year) ||
        !entry_int(entry, "month", &month) || !entry_int(entry, "day", &day) ||
        !entry_int(entry, "hour", &hour) || !entry_int(entry, "minute", &minute) ||
        !entry_int(entry, "mood", &mood)) {
        peer_problem(backup->data, where,
                     "expected an object with whole numbers year, month, day, hour, minute, mood");
        return;
    }
    char iso[48];
    int day_number;
    /* Daylio counts months from 0. */
    snprintf(iso, sizeof iso, "%04lld-%02lld-%02lld", (long long)year, (long long)month + 1,
             (long long)day);
    /* Old entries have no time: hour and minute are -1. */
    bool timeless = hour == -1 && minute == -1;
    if (!date_parse(iso, &day_number) ||
        (!timeless && (hour < 0 || hour > 23 || minute < 0 || minute > 59))) {
        peer_problem(backup->data, where, "%s %02lld:%02lld is not a date and time", iso,
                     (long long)hour, (long long)minute);
        return;
    }
    int at = timeless ? -1 : (int)(hour * 60 + minute);
    size_t name = backup_mood(backup, mood, where);
    if (name != SIZE_MAX)
        peer_add_value(backup->data, day_number, at, name, backup->data->names[name].level, NULL,
                       where);
    peer_add_listing(backup->data, day_number, "activity", where);
    json_t *tags = json_object_get(entry, "tags");
    if (tags != NULL && !json_is_array(tags))
        peer_problem(backup->data, where, "'tags' must be a list");
    else if (tags != NULL)
        backup_tags(backup, tags, day_number, at, where);
    add_note(backup->data, day_number, at, json_string_value(json_object_get(entry, "note_title")),
             json_string_value(json_object_get(entry, "note")), where);
}

void import_daylio_backup_read(const struct import_input *input, struct peer_data *data)
{
    size_t length;
    char *text = backup_text(input, data, &length);
    if (text == NULL)
        return;
    json_error_t error;
    json_t *root = json_loadb(text, length, 0, &error);
    free(text);
    if (root == NULL) {
        strlist_pushf(data->problems, "%s: the backup's JSON is damaged: %s (line %d)", input->name,
                      error.text, error.line);
        return;
    }
    data->entry_numbers = true;
    struct backup backup = {data, json_object_get(root, "customMoods"),
                            json_object_get(root, "tags")};
    json_t *entries = json_object_get(root, "dayEntries");
    if (!json_is_array(entries) || !json_is_array(backup.moods) || !json_is_array(backup.tags))
        strlist_pushf(data->problems,
                      "%s: not a Daylio backup (no dayEntries, customMoods and tags lists)",
                      input->name);
    else {
        size_t i;
        json_t *entry;
        json_array_foreach(entries, i, entry) backup_entry(&backup, entry, (long)i + 1);
    }
    json_decref(root);
}
