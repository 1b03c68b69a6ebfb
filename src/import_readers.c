/*
 * import_readers.c - what the readers of other apps' exports share: whole inputs read and
 * checked as text, CSV records (libcsv) with the line where each starts, zip entries (libzip),
 * and clock times.
 */
#include "import_readers.h"

#include <csv.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fileio.h"
#include "text.h"
#include "xalloc.h"

void reader_first_line(const struct import_input *input, char *out, size_t size)
{
    out[0] = '\0';
    if (input->head == NULL || size == 0)
        return;
    const unsigned char *text = input->head;
    size_t length = input->head_length;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, length -= 3;
    size_t used = 0;
    while (used < length && used + 1 < size && text[used] != '\n' && text[used] != '\r' &&
           text[used] != '\0')
        used++;
    memcpy(out, text, used);
    out[used] = '\0';
}

bool reader_check_text(char *text, size_t *length, const char *name, struct peer_data *data)
{
    if (*length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        memmove(text, text + 3, (*length -= 3) + 1);
    if (memchr(text, '\0', *length) != NULL || !text_is_valid_utf8(text, *length)) {
        strlist_pushf(data->problems, "%s: not a text file (binary or not UTF-8)", name);
        return false;
    }
    return true;
}

char *reader_load_text(const char *path, const char *name, size_t *length, struct peer_data *data)
{
    struct error err;
    char *text = fileio_read_file(path, (size_t)IMPORT_MAX_BYTES, length, &err);
    if (text == NULL) {
        strlist_push(data->problems, err.message);
        return NULL;
    }
    if (!reader_check_text(text, length, name, data)) {
        free(text);
        return NULL;
    }
    return text;
}

/* --- CSV -------------------------------------------------------------------------------------- */

struct csv_rows {
    reader_csv_row *row;
    void *context;
    struct strlist cells;
    long record_line;
    bool stopped;
};

static void on_field(void *field, size_t length, void *context)
{
    struct csv_rows *rows = context;
    char *copy = xstrndup(field ? field : "", field ? length : 0);
    strlist_push(&rows->cells, copy);
    free(copy);
}

static void on_record(int terminator, void *context)
{
    (void)terminator;
    struct csv_rows *rows = context;
    if (!rows->stopped && !rows->row(rows->context, rows->record_line, &rows->cells))
        rows->stopped = true;
    strlist_release(&rows->cells);
}

size_t reader_line_length(const char *text, size_t left)
{
    for (size_t i = 0; i < left; i++) {
        if (text[i] == '\n')
            return i + 1;
        if (text[i] == '\r')
            return i + 1 < left && text[i + 1] == '\n' ? i + 2 : i + 1;
    }
    return left;
}

bool reader_blank(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (strchr(" \t\r\n", text[i]) == NULL)
            return false;
    return true;
}

/* Whether only blank lines follow `offset`. */
static bool only_blank_after(const char *text, size_t offset, size_t length)
{
    return reader_blank(text + offset, length - offset);
}

void reader_csv_rows(const char *text, size_t length, const char *name, struct peer_data *data,
                     reader_csv_row *row, void *context)
{
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    struct csv_rows rows = {.row = row, .context = context};
    size_t offset = 0;
    bool in_record = false;
    for (long line = 1; offset < length && !rows.stopped; line++) {
        size_t chunk = reader_line_length(text + offset, length - offset);
        bool empty = reader_blank(text + offset, chunk);
        if (empty && !in_record && !only_blank_after(text, offset, length)) {
            strlist_pushf(data->problems, "%s:%ld: empty line (a record was expected)", name, line);
            rows.stopped = true;
            break;
        }
        if (!empty && !in_record)
            rows.record_line = line;
        if (csv_parse(&parser, text + offset, chunk, on_field, on_record, &rows) != chunk) {
            strlist_pushf(data->problems,
                          "%s:%ld: misplaced quote: a field holding a quote must be quoted "
                          "whole, with the quote doubled (\"\")",
                          name, line);
            rows.stopped = true;
        }
        in_record = parser.pstate != 0;
        offset += chunk;
    }
    if (!rows.stopped && csv_fini(&parser, on_field, on_record, &rows) != 0)
        strlist_pushf(data->problems, "%s:%ld: a quoted field is never closed", name,
                      rows.record_line);
    strlist_release(&rows.cells);
    csv_free(&parser);
}

struct csv_file {
    struct reader_table *table;
    struct peer_data *data;
    bool any;
};

static bool csv_file_row(void *context, long line, const struct strlist *cells)
{
    struct csv_file *file = context;
    struct reader_table *table = file->table;
    if (!file->any) {
        file->any = true;
        for (size_t i = 0; i < cells->count; i++)
            strlist_push(&table->columns, cells->items[i]);
        return table->header(table->context, line, cells);
    }
    if (cells->count != table->columns.count) {
        peer_problem(file->data, line, "expected %zu cells, found %zu", table->columns.count,
                     cells->count);
        return true;
    }
    return table->row(table->context, line, cells);
}

void reader_csv_file(const struct import_input *input, struct peer_data *data, const char *what,
                     struct reader_table *table)
{
    size_t length;
    char *text = reader_load_text(input->path, input->name, &length, data);
    if (text != NULL) {
        struct csv_file file = {table, data, false};
        reader_csv_rows(text, length, input->name, data, csv_file_row, &file);
        if (!file.any)
            strlist_pushf(data->problems, "%s:1: the file is empty (expected %s)", input->name,
                          what);
        free(text);
    }
    strlist_release(&table->columns);
}

long reader_column(const struct strlist *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++)
        if (strcmp(header->items[i], name) == 0)
            return (long)i;
    return -1;
}

static bool in_list(const char *text, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(text, *list) == 0)
            return true;
    return false;
}

bool reader_check_header(struct peer_data *data, long line, const struct strlist *header,
                         const char *const *known, const char *const *required)
{
    bool ok = true;
    for (size_t i = 0; i < header->count; i++) {
        if (in_list(header->items[i], known))
            continue;
        char shown[60];
        snprintf(shown, sizeof shown, "%s", header->items[i]);
        shown[text_cut(shown, sizeof shown - 1)] = '\0';
        text_make_printable(shown, false);
        peer_problem(data, line, "unknown column '%s' (column %zu)", shown, i + 1);
        ok = false;
    }
    for (; *required != NULL; required++)
        if (reader_column(header, *required) < 0) {
            peer_problem(data, line, "the column '%s' is missing", *required);
            ok = false;
        }
    return ok;
}

/* --- Zip archives ----------------------------------------------------------------------------- */

/* libzip is opened when a zip is first read, not linked: with what it pulls in (libcrypto,
 * libbz2, libz...) it made every start of gutskin about 1.3 ms slower, `gutskin status` in a
 * shell prompt included (bench/README.md). The calls go through this table. */
static struct {
    bool tried;
    void *handle;
    char problem[200];
    __typeof__(&zip_open) open;
    __typeof__(&zip_error_init_with_code) error_init_with_code;
    __typeof__(&zip_error_strerror) error_strerror;
    __typeof__(&zip_error_fini) error_fini;
    __typeof__(&zip_name_locate) name_locate;
    __typeof__(&zip_get_num_entries) get_num_entries;
    __typeof__(&zip_get_name) get_name;
    __typeof__(&zip_discard) discard;
    __typeof__(&zip_stat) stat;
    __typeof__(&zip_fopen) fopen;
    __typeof__(&zip_strerror) strerror;
    __typeof__(&zip_fread) fread;
    __typeof__(&zip_file_strerror) file_strerror;
    __typeof__(&zip_fclose) fclose;
} libzip;

/* Each function's name and where its address goes (a function pointer's bytes, as POSIX's
 * dlsym() hands them over in an object pointer). */
#define ZIP_SYMBOL(name) "zip_" #name, &libzip.name, sizeof libzip.name

static bool zip_load(void)
{
    if (libzip.tried)
        return libzip.handle != NULL;
    libzip.tried = true;
    const struct {
        const char *name;
        void *slot;
        size_t size;
    } symbols[] = {
        {ZIP_SYMBOL(open)},           {ZIP_SYMBOL(error_init_with_code)},
        {ZIP_SYMBOL(error_strerror)}, {ZIP_SYMBOL(error_fini)},
        {ZIP_SYMBOL(name_locate)},    {ZIP_SYMBOL(get_num_entries)},
        {ZIP_SYMBOL(get_name)},       {ZIP_SYMBOL(discard)},
        {ZIP_SYMBOL(stat)},           {ZIP_SYMBOL(fopen)},
        {ZIP_SYMBOL(strerror)},       {ZIP_SYMBOL(fread)},
        {ZIP_SYMBOL(file_strerror)},  {ZIP_SYMBOL(fclose)},
    };
    libzip.handle = dlopen(GUTSKIN_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
    for (size_t i = 0; libzip.handle != NULL && i < sizeof symbols / sizeof symbols[0]; i++) {
        void *address = dlsym(libzip.handle, symbols[i].name);
        if (address == NULL || symbols[i].size != sizeof address) {
            dlclose(libzip.handle);
            libzip.handle = NULL;
            break;
        }
        memcpy(symbols[i].slot, &address, sizeof address);
    }
    if (libzip.handle == NULL)
        snprintf(libzip.problem, sizeof libzip.problem,
                 "cannot read zip archives: libzip (%s) could not be loaded",
                 GUTSKIN_LIBZIP_SONAME);
    return libzip.handle != NULL;
}

static zip_t *zip_open_read(const char *path, const char *name, struct peer_data *data)
{
    if (!zip_load()) {
        if (data != NULL)
            strlist_pushf(data->problems, "%s: %s", name, libzip.problem);
        return NULL;
    }
    int code = 0;
    zip_t *archive = libzip.open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (archive == NULL && data != NULL) {
        zip_error_t error;
        libzip.error_init_with_code(&error, code);
        strlist_pushf(data->problems, "%s: not a readable zip archive (%s)", name,
                      libzip.error_strerror(&error));
        libzip.error_fini(&error);
    }
    return archive;
}

static const char *last_component(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool reader_zip_has(const char *path, const char *entry, bool anywhere)
{
    zip_t *archive = zip_open_read(path, path, NULL);
    if (archive == NULL)
        return false;
    bool found = libzip.name_locate(archive, entry, 0) >= 0;
    zip_int64_t count = libzip.get_num_entries(archive, 0);
    for (zip_int64_t i = 0; anywhere && !found && i < count; i++) {
        const char *name = libzip.get_name(archive, (zip_uint64_t)i, 0);
        found = name != NULL && strcmp(last_component(name), entry) == 0;
    }
    libzip.discard(archive);
    return found;
}

int reader_zip_list(const char *path, const char *name, struct strlist *entries,
                    struct peer_data *data)
{
    zip_t *archive = zip_open_read(path, name, data);
    if (archive == NULL)
        return -1;
    zip_int64_t count = libzip.get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; i++) {
        const char *entry = libzip.get_name(archive, (zip_uint64_t)i, 0);
        if (entry != NULL)
            strlist_push(entries, entry);
    }
    libzip.discard(archive);
    return 0;
}

char *reader_zip_read(const char *path, const char *name, const char *entry, size_t *length,
                      struct peer_data *data)
{
    zip_t *archive = zip_open_read(path, name, data);
    if (archive == NULL)
        return NULL;
    zip_stat_t stat;
    char *buffer = NULL;
    zip_file_t *file = NULL;
    if (libzip.stat(archive, entry, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        strlist_pushf(data->problems, "%s: the archive holds no '%s'", name, entry);
    else if (stat.size > (zip_uint64_t)IMPORT_MAX_BYTES)
        strlist_pushf(data->problems, "%s: '%s' is larger than %ld bytes", name, entry,
                      (long)IMPORT_MAX_BYTES);
    else if ((file = libzip.fopen(archive, entry, 0)) == NULL)
        strlist_pushf(data->problems, "%s: cannot open '%s' in the archive: %s", name, entry,
                      libzip.strerror(archive));
    else {
        buffer = xmalloc((size_t)stat.size + 1);
        zip_int64_t got = libzip.fread(file, buffer, stat.size);
        if (got < 0 || (zip_uint64_t)got != stat.size) {
            strlist_pushf(data->problems, "%s: '%s' in the archive is damaged: %s", name, entry,
                          libzip.file_strerror(file));
            free(buffer);
            buffer = NULL;
        } else {
            buffer[got] = '\0';
            *length = (size_t)got;
        }
        libzip.fclose(file);
    }
    libzip.discard(archive);
    return buffer;
}

/* --- Dates in words ----------------------------------------------------------------------- */

/* Month names, folded (lower case, no accents), in the languages the phone may use. */
static const char *const month_names[][12] = {
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"},
    {"januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober",
     "november", "dezember"},
    {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
     "octobre", "novembre", "decembre"},
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
     "ottobre", "novembre", "dicembre"},
    {"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
     "oktober", "november", "december"},
};

/* 1-12 for a month's name or a prefix of three letters or more that only one month starts with
 * (in any of the languages); 0 otherwise. */
static int month_from_word(const char *word)
{
    char *folded = text_fold(word);
    size_t length = strlen(folded);
    int found = 0;
    bool ambiguous = false;
    for (size_t l = 0; length >= 3 && l < sizeof month_names / sizeof month_names[0]; l++)
        for (int m = 0; m < 12; m++)
            if (strncmp(month_names[l][m], folded, length) == 0) {
                ambiguous = ambiguous || (found != 0 && found != m + 1);
                found = m + 1;
            }
    free(folded);
    return ambiguous ? 0 : found;
}

bool reader_day_and_month(const char *text, int *day, int *month)
{
    char *copy = xstrdup(text);
    int days = 0, months = 0;
    for (char *save = NULL, *token = strtok_r(copy, " .,/-", &save); token != NULL;
         token = strtok_r(NULL, " .,/-", &save)) {
        char *end;
        long number = strtol(token, &end, 10);
        if (*end == '\0' && number >= 1 && number <= 31)
            *day = (int)number, days++;
        else if ((*month = month_from_word(token)) > 0)
            months++;
        else
            days = 99;
    }
    free(copy);
    return days == 1 && months == 1;
}

/* --- Times ------------------------------------------------------------------------------------ */

/* "am", "AM", "a.m.", "a. m." (as phones write it in several languages) -> 'a'; 'p' likewise;
 * 0 for anything else. */
static char meridiem(const char *text)
{
    char letters[4];
    size_t count = 0;
    for (; *text != '\0'; text++) {
        if (*text == '.' || *text == ' ')
            continue;
        if (count == 2)
            return 0;
        letters[count++] = (char)(*text | 0x20);
    }
    if (count != 2 || letters[1] != 'm')
        return 0;
    return letters[0] == 'a' || letters[0] == 'p' ? letters[0] : 0;
}

int reader_parse_time(const char *text)
{
    int hour, minute, used = 0;
    while (*text == ' ')
        text++;
    if (sscanf(text, "%2d:%2d%n", &hour, &minute, &used) != 2 || minute < 0 || minute > 59 ||
        hour < 0)
        return -1;
    const char *rest = text + used;
    while (*rest == ' ')
        rest++;
    if (*rest == '\0')
        return hour <= 23 ? hour * 60 + minute : -1;
    char half = meridiem(rest);
    if (half == 0 || hour < 1 || hour > 12)
        return -1;
    /* 12:00 AM is midnight, 12:00 PM noon. */
    return (hour % 12 + (half == 'p' ? 12 : 0)) * 60 + minute;
}
