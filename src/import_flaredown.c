/*
 * import_flaredown.c - Flaredown's per-person CSV export.
 *
 * One row per check-in, oldest first: `Date` (ISO), one column per condition, symptom and
 * treatment by name, then `Tags`, `Foods` (each joined with "; ") and six weather columns.
 * Conditions and symptoms are 0-4, the same scale as gutskin's signs. Treatments are "Taken",
 * "Not Taken" or a dose ("8.0 mg"). The header does not say which column is which: a column whose
 * cells are all numbers is a condition or symptom, any other a treatment. Weather is not
 * imported.
 */
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "import_readers.h"
#include "numbers.h"
#include "xalloc.h"

static const char *const weather[] = {"Weather summary",
                                      "Weather max temperature",
                                      "Weather min temperature",
                                      "Weather pressure",
                                      "Weather precipitation intensity",
                                      "Weather humidity",
                                      NULL};

bool import_flaredown_recognise(const struct import_input *input)
{
    char line[4096];
    reader_first_line(input, line, sizeof line);
    return strncmp(line, "Date,", 5) == 0 && strstr(line, ",Tags,Foods") != NULL;
}

struct row_copy {
    long line;
    struct strlist cells;
};

struct reader {
    struct peer_data *data;
    struct strlist header;
    long tags, foods;
    struct row_copy *rows;
    size_t count, capacity;
};

static bool is_weather(const char *name)
{
    for (const char *const *w = weather; *w != NULL; w++)
        if (strcmp(name, *w) == 0)
            return true;
    return false;
}

static bool read_header(void *context, long line, const struct strlist *cells)
{
    struct reader *reader = context;
    for (size_t i = 0; i < cells->count; i++)
        strlist_push(&reader->header, cells->items[i]);
    reader->tags = reader_column(cells, "Tags");
    reader->foods = reader_column(cells, "Foods");
    if (reader->tags < 1 || reader->foods != reader->tags + 1) {
        peer_problem(reader->data, line, "expected the columns Date, ..., Tags, Foods, Weather...");
        return false;
    }
    for (size_t i = (size_t)reader->foods + 1; i < cells->count; i++)
        if (!is_weather(cells->items[i])) {
            peer_problem(reader->data, line, "unknown column '%.40s' after Foods", cells->items[i]);
            return false;
        }
    return true;
}

static bool keep_row(void *context, long line, const struct strlist *cells)
{
    struct reader *reader = context;
    xgrow(&reader->rows, &reader->capacity, reader->count + 1, sizeof *reader->rows);
    struct row_copy *copy = &reader->rows[reader->count++];
    copy->line = line;
    strlist_init(&copy->cells);
    for (size_t i = 0; i < cells->count; i++)
        strlist_push(&copy->cells, cells->items[i]);
    return true;
}

/* A column of numbers only (blanks aside) is a condition or symptom. */
static bool numeric_column(const struct reader *reader, size_t column)
{
    double value;
    for (size_t r = 0; r < reader->count; r++) {
        const char *text = reader->rows[r].cells.items[column];
        if (text[0] != '\0' && !num_parse(text, &value))
            return false;
    }
    return true;
}

static void add_list(struct peer_data *data, const char *kind, const char *list, int day, long line)
{
    char *copy = xstrdup(list);
    for (char *part = copy, *semi; part != NULL; part = semi ? semi + 1 : NULL) {
        semi = strchr(part, ';');
        if (semi != NULL)
            *semi = '\0';
        size_t index = peer_name_add(data, kind, part, PEER_PRESENT, NULL, line);
        peer_add_value(data, day, -1, index, 1, NULL, line);
    }
    free(copy);
}

static void add_cell(struct reader *reader, size_t column, bool numeric, int day, long line,
                     const char *text)
{
    struct peer_data *data = reader->data;
    const char *name = reader->header.items[column];
    double value;
    if (text[0] == '\0')
        return; /* not recorded that day: missing, not 0 */
    if (numeric) {
        if (!num_parse(text, &value) || value < 0 || value > 4 || value != (int)value) {
            peer_problem(data, line, "'%.20s' for '%.40s' is not 0 to 4", text, name);
            return;
        }
        size_t index = peer_name_add(data, "symptom", name, PEER_SEVERITY4, NULL, line);
        peer_add_value(data, day, -1, index, value, NULL, line);
        return;
    }
    bool not_taken = strcmp(text, "Not Taken") == 0, taken = strcmp(text, "Taken") == 0;
    size_t index = peer_name_add(data, "treatment", name, PEER_YES_NO, NULL, line);
    /* A dose is kept beside the yes, in the note. */
    peer_add_value(data, day, -1, index, not_taken ? 0 : 1, taken || not_taken ? NULL : text, line);
}

static void read_rows(struct reader *reader)
{
    size_t columns = (size_t)reader->tags;
    bool *numeric = xcalloc(columns + 1, sizeof *numeric);
    for (size_t c = 1; c < columns; c++)
        numeric[c] = numeric_column(reader, c);
    for (size_t r = 0; r < reader->count; r++) {
        const struct row_copy *row = &reader->rows[r];
        int day;
        if (!date_parse(row->cells.items[0], &day)) {
            peer_problem(reader->data, row->line, "'%.40s' is not a date (YYYY-MM-DD)",
                         row->cells.items[0]);
            continue;
        }
        for (size_t c = 1; c < columns; c++)
            add_cell(reader, c, numeric[c], day, row->line, row->cells.items[c]);
        /* A check-in's tags are all it had; one without tags may have skipped them. */
        if (row->cells.items[reader->tags][0] != '\0')
            peer_add_listing(reader->data, day, "tag", row->line);
        add_list(reader->data, "tag", row->cells.items[reader->tags], day, row->line);
        add_list(reader->data, "food", row->cells.items[reader->foods], day, row->line);
    }
    free(numeric);
}

void import_flaredown_read(const struct import_input *input, struct peer_data *data)
{
    struct reader reader = {.data = data};
    size_t before = data->problems->count;
    struct reader_table table = {read_header, keep_row, &reader, STRLIST_INIT};
    reader_csv_file(input, data, "Flaredown's header", &table);
    if (data->problems->count == before)
        read_rows(&reader);
    for (size_t i = 0; i < reader.count; i++)
        strlist_release(&reader.rows[i].cells);
    free(reader.rows);
    strlist_release(&reader.header);
}
