/*
 * import_loop.c - Loop Habit Tracker: its CSV export (a zip, or the folder it unzips to) and its
 * SQLite backup (.db).
 *
 * CSV: `Habits.csv` lists the habits (Position, Name, Type YES_NO or NUMERICAL, Unit...); each
 * habit has a folder `NNN <name>/` (NNN its position) with `Checkmarks.csv`: Date,Value[,Notes].
 * When there are no such folders, the wide `Checkmarks.csv` (Date, one column per habit, and a
 * trailing comma on every line) is read instead.
 * Database: Habits and Repetitions tables; columns differ by schema version (12: no type, no
 * value; 21-22: type, unit, value; 25: notes), so they are looked up, not assumed. The file is
 * opened read-only, with SQLite's defensive mode, and only read.
 *
 * Values: YES_MANUAL (2) is yes and NO (0) is no; YES_AUTO (1, implied by the frequency), SKIP
 * (3) and UNKNOWN (-1) are left missing: a gap is not a zero. A numeric habit's value is stored
 * times 1000. Dates are ISO in the CSV and milliseconds at UTC midnight in the database.
 */
#include <dirent.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dates.h"
#include "import_readers.h"
#include "numbers.h"
#include "xalloc.h"

#define LOOP_DAY_MS 86400000LL

static bool is_sqlite(const struct import_input *input)
{
    return input->head_length >= 16 && memcmp(input->head, "SQLite format 3", 16) == 0;
}

static bool is_zip(const struct import_input *input)
{
    return input->head_length >= 4 && memcmp(input->head, "PK\3\4", 4) == 0;
}

static char *join_path(const char *dir, const char *name)
{
    size_t length = strlen(dir);
    return xprintf("%s%s%s", dir, length > 0 && dir[length - 1] == '/' ? "" : "/", name);
}

static bool dir_has_habits(const char *dir)
{
    char *path = join_path(dir, "Habits.csv");
    struct stat info;
    bool found = stat(path, &info) == 0 && S_ISREG(info.st_mode);
    free(path);
    return found;
}

bool import_loop_recognise(const struct import_input *input)
{
    if (input->is_dir)
        return dir_has_habits(input->path);
    if (is_zip(input))
        return reader_zip_has(input->path, "Habits.csv", true);
    return is_sqlite(input);
}

/* --- Values ----------------------------------------------------------------------------------- */

struct habit {
    char *name;
    char *position; /* "001" */
    bool numeric;
    char *unit;
    size_t peer_name;
};

/* Adds a value in Loop's codes; YES_AUTO, SKIP and UNKNOWN add nothing. */
static void add_code(struct peer_data *data, const struct habit *habit, int day, long long code,
                     long where)
{
    if (habit->numeric) {
        if (code >= 0)
            peer_add_value(data, day, -1, habit->peer_name, (double)code / 1000, NULL, where);
    } else if (code == 2 || code == 0) {
        peer_add_value(data, day, -1, habit->peer_name, code == 2, NULL, where);
    }
}

/* "YES_MANUAL", "NO", "7000"... as a code; false when it is none of them. */
static bool parse_code(const char *text, long long *code)
{
    static const struct {
        const char *word;
        int code;
    } words[] = {{"YES_MANUAL", 2}, {"YES_AUTO", 1}, {"NO", 0},
                 {"SKIP", 3},       {"UNKNOWN", -1}, {"", -1}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(text, words[i].word) == 0)
            return (*code = words[i].code), true;
    double value;
    if (!num_parse(text, &value) || value != floor(value))
        return false;
    *code = (long long)value;
    return true;
}

/* --- The CSV export: a folder or a zip -------------------------------------------------------- */

struct source {
    const struct import_input *input;
    struct peer_data *data;
    bool zipped;
    char *prefix; /* the zip's folder holding Habits.csv ("" at its root) */
    struct strlist entries;
    struct habit *habits;
    size_t habit_count, habit_capacity;
    char *file; /* the name of the file being read, for messages */
};

static char *source_read(struct source *source, const char *relative, size_t *length)
{
    free(source->file);
    if (source->zipped) {
        char *entry = xprintf("%s%s", source->prefix, relative);
        source->file = xprintf("%s/%s", source->input->name, entry);
        char *text =
            reader_zip_read(source->input->path, source->input->name, entry, length, source->data);
        free(entry);
        if (text != NULL && !reader_check_text(text, length, source->file, source->data)) {
            free(text);
            return NULL;
        }
        return text;
    }
    source->file = join_path(source->input->path, relative);
    return reader_load_text(source->file, source->file, length, source->data);
}

/* The folder of the habit at `position` ("001 Meditate/"), or NULL. Caller frees. */
static char *habit_folder(struct source *source, const char *position)
{
    size_t length = strlen(position);
    if (source->zipped) {
        size_t prefix = strlen(source->prefix);
        for (size_t i = 0; i < source->entries.count; i++) {
            const char *entry = source->entries.items[i];
            const char *slash = strchr(entry + prefix, '/');
            if (strncmp(entry, source->prefix, prefix) == 0 &&
                strncmp(entry + prefix, position, length) == 0 && entry[prefix + length] == ' ' &&
                slash != NULL && strcmp(slash, "/Checkmarks.csv") == 0)
                return xstrndup(entry + prefix, (size_t)(slash - entry - prefix) + 1);
        }
        return NULL;
    }
    DIR *dir = opendir(source->input->path);
    char *found = NULL;
    for (struct dirent *e; dir != NULL && found == NULL && (e = readdir(dir)) != NULL;)
        if (strncmp(e->d_name, position, length) == 0 && e->d_name[length] == ' ')
            found = xprintf("%s/", e->d_name);
    if (dir != NULL)
        closedir(dir);
    return found;
}

static const char *const habits_known[] = {"Position",
                                           "Name",
                                           "Type",
                                           "Question",
                                           "Description",
                                           "FrequencyNumerator",
                                           "FrequencyDenominator",
                                           "Color",
                                           "Unit",
                                           "Target Type",
                                           "Target Value",
                                           "Archived?",
                                           NULL};
static const char *const habits_required[] = {"Position", "Name", NULL};

struct table {
    struct source *source;
    struct strlist header;
    bool have_header;
    long columns[4];
    struct habit *habit; /* per-habit files: whose */
};

static bool habits_row(void *context, long line, const struct strlist *cells)
{
    struct table *table = context;
    struct source *source = table->source;
    struct peer_data *data = source->data;
    if (!table->have_header) {
        for (size_t i = 0; i < cells->count; i++)
            strlist_push(&table->header, cells->items[i]);
        table->have_header = true;
        table->columns[0] = reader_column(cells, "Position");
        table->columns[1] = reader_column(cells, "Name");
        table->columns[2] = reader_column(cells, "Type");
        table->columns[3] = reader_column(cells, "Unit");
        return reader_check_header(data, line, cells, habits_known, habits_required);
    }
    if (cells->count != table->header.count) {
        strlist_pushf(data->problems, "%s:%ld: expected %zu cells, found %zu", source->file, line,
                      table->header.count, cells->count);
        return true;
    }
    const char *type = table->columns[2] >= 0 ? cells->items[table->columns[2]] : "YES_NO";
    bool numeric = strcmp(type, "NUMERICAL") == 0;
    if (!numeric && strcmp(type, "YES_NO") != 0) {
        strlist_pushf(data->problems, "%s:%ld: type '%.20s' is not YES_NO or NUMERICAL",
                      source->file, line, type);
        return true;
    }
    const char *unit = table->columns[3] >= 0 ? cells->items[table->columns[3]] : "";
    xgrow(&source->habits, &source->habit_capacity, source->habit_count + 1,
          sizeof *source->habits);
    struct habit *habit = &source->habits[source->habit_count++];
    habit->name = xstrdup(cells->items[table->columns[1]]);
    habit->position = xstrdup(cells->items[table->columns[0]]);
    habit->numeric = numeric;
    habit->unit = xstrdup(unit);
    habit->peer_name =
        peer_name_add(data, "habit", habit->name, numeric ? PEER_AMOUNT : PEER_YES_NO,
                      numeric && unit[0] ? unit : NULL, line);
    return true;
}

static bool date_cell(struct source *source, long line, const char *text, int *day)
{
    if (date_parse(text, day))
        return true;
    strlist_pushf(source->data->problems, "%s:%ld: '%.40s' is not a date (YYYY-MM-DD)",
                  source->file, line, text);
    return false;
}

static bool code_cell(struct source *source, long line, const char *text, long long *code)
{
    if (parse_code(text, code))
        return true;
    strlist_pushf(source->data->problems,
                  "%s:%ld: '%.40s' is not a value (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN or a "
                  "number)",
                  source->file, line, text);
    return false;
}

/* One habit's Checkmarks.csv: Date,Value[,Notes]. */
static bool checkmarks_row(void *context, long line, const struct strlist *cells)
{
    struct table *table = context;
    struct source *source = table->source;
    if (!table->have_header) {
        table->have_header = true;
        bool ok = cells->count >= 2 && strcmp(cells->items[0], "Date") == 0 &&
                  strcmp(cells->items[1], "Value") == 0 &&
                  (cells->count == 2 || (cells->count == 3 && !strcmp(cells->items[2], "Notes")));
        if (!ok)
            strlist_pushf(source->data->problems, "%s:%ld: expected the header Date,Value,Notes",
                          source->file, line);
        table->columns[0] = (long)cells->count;
        return ok;
    }
    int day;
    long long code;
    if (cells->count != (size_t)table->columns[0]) {
        strlist_pushf(source->data->problems, "%s:%ld: expected %ld cells, found %zu", source->file,
                      line, table->columns[0], cells->count);
        return true;
    }
    if (!date_cell(source, line, cells->items[0], &day) ||
        !code_cell(source, line, cells->items[1], &code))
        return true;
    add_code(source->data, table->habit, day, code, line);
    if (cells->count == 3 && cells->items[2][0] != '\0') {
        char *note = xprintf("%s: %s", table->habit->name, cells->items[2]);
        peer_add_note(source->data, day, -1, note, line);
        free(note);
    }
    return true;
}

/* The wide Checkmarks.csv: Date, one column per habit by name, and an empty last cell. */
static bool wide_row(void *context, long line, const struct strlist *cells)
{
    struct table *table = context;
    struct source *source = table->source;
    size_t count = cells->count;
    if (count > 0 && cells->items[count - 1][0] == '\0')
        count--; /* the trailing comma */
    if (!table->have_header) {
        table->have_header = true;
        for (size_t i = 0; i < count; i++)
            strlist_push(&table->header, cells->items[i]);
        for (size_t i = 1; i < count; i++) {
            size_t h = 0;
            while (h < source->habit_count && strcmp(source->habits[h].name, cells->items[i]))
                h++;
            if (h == source->habit_count) {
                strlist_pushf(source->data->problems,
                              "%s:%ld: column '%.40s' is not a habit of Habits.csv", source->file,
                              line, cells->items[i]);
                return false;
            }
        }
        if (count == 0 || strcmp(cells->items[0], "Date") != 0) {
            strlist_pushf(source->data->problems, "%s:%ld: expected the header Date,HABIT,...",
                          source->file, line);
            return false;
        }
        return true;
    }
    int day;
    if (count != table->header.count) {
        strlist_pushf(source->data->problems, "%s:%ld: expected %zu cells, found %zu", source->file,
                      line, table->header.count, count);
        return true;
    }
    if (!date_cell(source, line, cells->items[0], &day))
        return true;
    for (size_t i = 1; i < count; i++) {
        long long code;
        size_t h = 0;
        while (strcmp(source->habits[h].name, table->header.items[i]) != 0)
            h++;
        if (code_cell(source, line, cells->items[i], &code))
            add_code(source->data, &source->habits[h], day, code, line);
    }
    return true;
}

static void read_table(struct source *source, const char *relative, reader_csv_row *row,
                       struct habit *habit)
{
    size_t length;
    char *text = source_read(source, relative, &length);
    if (text == NULL)
        return;
    struct table table = {.source = source, .habit = habit};
    /* Problems the shared code reports (peer_problem) name the file inside the folder or zip. */
    const char *file = source->data->file;
    source->data->file = source->file;
    reader_csv_rows(text, length, source->file, source->data, row, &table);
    source->data->file = file;
    if (!table.have_header)
        strlist_pushf(source->data->problems, "%s:1: the file is empty", source->file);
    strlist_release(&table.header);
    free(text);
}

/* In a zip, the folder that holds Habits.csv. */
static bool find_prefix(struct source *source)
{
    if (reader_zip_list(source->input->path, source->input->name, &source->entries, source->data) !=
        0)
        return false;
    for (size_t i = 0; i < source->entries.count; i++) {
        const char *entry = source->entries.items[i];
        size_t length = strlen(entry);
        if (length >= 10 && strcmp(entry + length - 10, "Habits.csv") == 0 &&
            (length == 10 || entry[length - 11] == '/')) {
            source->prefix = xstrndup(entry, length - 10);
            return true;
        }
    }
    strlist_pushf(source->data->problems, "%s: the archive holds no Habits.csv",
                  source->input->name);
    return false;
}

static void read_csv_export(const struct import_input *input, struct peer_data *data)
{
    struct source source = {.input = input, .data = data, .zipped = !input->is_dir};
    if (source.zipped ? find_prefix(&source) : (source.prefix = xstrdup(""), true)) {
        read_table(&source, "Habits.csv", habits_row, NULL);
        bool any_folder = false;
        for (size_t i = 0; data->problems->count == 0 && i < source.habit_count; i++) {
            char *folder = habit_folder(&source, source.habits[i].position);
            if (folder != NULL) {
                char *relative = xprintf("%sCheckmarks.csv", folder);
                read_table(&source, relative, checkmarks_row, &source.habits[i]);
                free(relative);
                any_folder = true;
            }
            free(folder);
        }
        if (data->problems->count == 0 && !any_folder && source.habit_count > 0)
            read_table(&source, "Checkmarks.csv", wide_row, NULL);
    }
    for (size_t i = 0; i < source.habit_count; i++) {
        free(source.habits[i].name);
        free(source.habits[i].position);
        free(source.habits[i].unit);
    }
    free(source.habits);
    free(source.prefix);
    free(source.file);
    strlist_release(&source.entries);
}

/* --- The database backup ---------------------------------------------------------------------- */

static bool has_column(sqlite3 *db, const char *table, const char *column)
{
    sqlite3_stmt *statement;
    bool found = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE",
                           -1, &statement, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(statement, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 2, column, -1, SQLITE_STATIC);
    found = sqlite3_step(statement) == SQLITE_ROW;
    sqlite3_finalize(statement);
    return found;
}

struct database {
    sqlite3 *db;
    struct peer_data *data;
    struct habit *habits;
    long long *ids;
    size_t count, capacity;
};

static void db_problem(struct database *database, const char *what)
{
    strlist_pushf(database->data->problems, "%s: %s: %s", database->data->file, what,
                  sqlite3_errmsg(database->db));
}

static bool db_read_habits(struct database *database)
{
    bool typed = has_column(database->db, "Habits", "type");
    bool unit = has_column(database->db, "Habits", "unit");
    /* Fixed texts chosen by the schema, never built from the file's data. */
    const char *sql = typed && unit ? "SELECT id, name, type, unit FROM Habits ORDER BY id"
                      : typed       ? "SELECT id, name, type, '' FROM Habits ORDER BY id"
                                    : "SELECT id, name, 0, '' FROM Habits ORDER BY id";
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(database->db, sql, -1, &statement, NULL) != SQLITE_OK) {
        db_problem(database, "not a Loop backup (no readable Habits table)");
        return false;
    }
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
        xgrow(&database->habits, &database->capacity, database->count + 1,
              sizeof *database->habits);
        database->ids = xrealloc(database->ids, database->capacity * sizeof *database->ids);
        const char *name = (const char *)sqlite3_column_text(statement, 1);
        const char *unit_text = (const char *)sqlite3_column_text(statement, 3);
        struct habit *habit = &database->habits[database->count];
        database->ids[database->count++] = sqlite3_column_int64(statement, 0);
        habit->name = xstrdup(name ? name : "");
        habit->position = NULL;
        habit->numeric = sqlite3_column_int(statement, 2) == 1;
        habit->unit = xstrdup(unit_text ? unit_text : "");
        habit->peer_name = peer_name_add(database->data, "habit", habit->name,
                                         habit->numeric ? PEER_AMOUNT : PEER_YES_NO,
                                         habit->numeric && habit->unit[0] ? habit->unit : NULL,
                                         (long)database->ids[database->count - 1]);
        if (habit->peer_name == SIZE_MAX)
            peer_problem(database->data, (long)database->ids[database->count - 1],
                         "habit %lld has no name", database->ids[database->count - 1]);
    }
    if (status != SQLITE_DONE)
        db_problem(database, "cannot read the habits");
    sqlite3_finalize(statement);
    return status == SQLITE_DONE;
}

static void db_add_repetition(struct database *database, sqlite3_stmt *statement)
{
    long long row = sqlite3_column_int64(statement, 0), id = sqlite3_column_int64(statement, 1);
    long long timestamp = sqlite3_column_int64(statement, 2);
    size_t h = 0;
    while (h < database->count && database->ids[h] != id)
        h++;
    /* Days before year 1000 or after 9999 are not dates the journal keeps. */
    long long day =
        timestamp >= 0 ? timestamp / LOOP_DAY_MS : -((LOOP_DAY_MS - 1 - timestamp) / LOOP_DAY_MS);
    if (h == database->count) {
        peer_problem(database->data, (long)row, "repetition of habit %lld, which is not in Habits",
                     id);
        return;
    }
    if (sqlite3_column_type(statement, 2) != SQLITE_INTEGER || day < -354285 || day > 2932896) {
        peer_problem(database->data, (long)row, "timestamp '%.30s' is not a date in milliseconds",
                     (const char *)sqlite3_column_text(statement, 2));
        return;
    }
    add_code(database->data, &database->habits[h], (int)day, sqlite3_column_int64(statement, 3),
             (long)row);
    const char *notes = (const char *)sqlite3_column_text(statement, 4);
    if (notes != NULL && notes[0] != '\0') {
        char *note = xprintf("%s: %s", database->habits[h].name, notes);
        peer_add_note(database->data, (int)day, -1, note, (long)row);
        free(note);
    }
}

static void db_read_repetitions(struct database *database)
{
    bool valued = has_column(database->db, "Repetitions", "value");
    bool noted = has_column(database->db, "Repetitions", "notes");
    const char *sql =
        valued && noted
            ? "SELECT rowid, habit, timestamp, value, notes FROM Repetitions ORDER BY rowid"
        : valued ? "SELECT rowid, habit, timestamp, value, NULL FROM Repetitions ORDER BY rowid"
                 /* Schema 12 keeps only the days that were done. */
                 : "SELECT rowid, habit, timestamp, 2, NULL FROM Repetitions ORDER BY rowid";
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(database->db, sql, -1, &statement, NULL) != SQLITE_OK) {
        db_problem(database, "not a Loop backup (no readable Repetitions table)");
        return;
    }
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW)
        db_add_repetition(database, statement);
    if (status != SQLITE_DONE)
        db_problem(database, "cannot read the repetitions");
    sqlite3_finalize(statement);
}

static void read_database(const struct import_input *input, struct peer_data *data)
{
    struct database database = {.data = data};
    data->entry_numbers = true;
    if (sqlite3_open_v2(input->path, &database.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        db_problem(&database, "cannot open the database");
    } else {
        sqlite3_db_config(database.db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
        sqlite3_db_config(database.db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
        sqlite3_exec(database.db, "PRAGMA query_only = ON", NULL, NULL, NULL);
        if (db_read_habits(&database))
            db_read_repetitions(&database);
    }
    sqlite3_close(database.db);
    for (size_t i = 0; i < database.count; i++) {
        free(database.habits[i].name);
        free(database.habits[i].unit);
    }
    free(database.habits);
    free(database.ids);
}

void import_loop_read(const struct import_input *input, struct peer_data *data)
{
    if (!input->is_dir && is_sqlite(input))
        read_database(input, data);
    else if (input->is_dir || is_zip(input))
        read_csv_export(input, data);
    else
        strlist_pushf(data->problems, "%s: not a Loop export (a zip, its folder, or a .db backup)",
                      input->name);
}
