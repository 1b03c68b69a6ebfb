/*
 * import_formats.c - the table of file formats, looking a format up by name or file name, and
 * recognising a file to read by what it holds.
 */
#include "import_formats.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fileio.h"
#include "import_readers.h"

/* gutskin's CSV: a header whose first cell is `date` (quoted or not, ',' or ';' after it). */
static bool csv_recognise(const struct import_input *input)
{
    char line[256];
    reader_first_line(input, line, sizeof line);
    const char *cell = line[0] == '"' ? line + 1 : line;
    if (strncmp(cell, "date", 4) != 0)
        return false;
    cell += 4;
    if (line[0] == '"' && *cell++ != '"')
        return false;
    return *cell == '\0' || *cell == ',' || *cell == ';';
}

/* gutskin's JSON: an array (of days). */
static bool json_recognise(const struct import_input *input)
{
    for (size_t i = 0; input->head != NULL && i < input->head_length; i++) {
        unsigned char c = input->head[i];
        if (c == '[')
            return true;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return false;
}

/* One row a format; a row without a writer (written_by 0) is only read. (Kept by hand in rows:
 * a field a line would hide the table.) */
// clang-format off
static const struct import_format_entry formats[] = {
    {.name = "daylio", .what = "Daylio's CSV export",
     .recognise = import_daylio_recognise, .read_peer = import_daylio_read},
    {.name = "daylio-backup", .what = "Daylio's backup (.daylio)",
     .recognise = import_daylio_backup_recognise, .read_peer = import_daylio_backup_read},
    {.name = "bearable", .what = "Bearable's CSV export",
     .recognise = import_bearable_recognise, .read_peer = import_bearable_read},
    {.name = "loop", .what = "Loop Habit Tracker's CSV zip, its unzipped folder, or its .db backup",
     .recognise = import_loop_recognise, .read_peer = import_loop_read},
    {.name = "flaredown", .what = "Flaredown's CSV export (one person)",
     .recognise = import_flaredown_recognise, .read_peer = import_flaredown_read},
    /* Last of those read: a Bearable header also starts with a "date" cell. */
    {.name = "csv", .what = "gutskin's CSV export", .extensions = {".csv"},
     .written_by = FORMAT_EXPORT, .writer = EXPORT_CSV,
     .recognise = csv_recognise, .read_days = import_read_csv},
    {.name = "json", .what = "gutskin's JSON export", .extensions = {".json"},
     .written_by = FORMAT_EXPORT, .writer = EXPORT_JSON,
     .recognise = json_recognise, .read_days = import_read_json},
    {.name = "md", .alias = "markdown", .what = "gutskin's report as Markdown",
     .extensions = {".md", ".markdown"}, .written_by = FORMAT_REPORT, .writer = REPORT_MARKDOWN},
    {.name = "html", .what = "gutskin's report as one HTML file",
     .extensions = {".html", ".htm"}, .written_by = FORMAT_REPORT, .writer = REPORT_HTML},
};
// clang-format on

#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

const struct import_format_entry *import_formats(size_t *count)
{
    *count = FORMAT_COUNT;
    return formats;
}

static bool is_used_for(const struct import_format_entry *format, enum format_use use)
{
    if (use == FORMAT_IMPORT)
        return format->read_days != NULL || format->read_peer != NULL;
    return format->written_by == use;
}

const struct import_format_entry *import_format_find(const char *name)
{
    return format_find(FORMAT_IMPORT, name);
}

const struct import_format_entry *format_find(enum format_use use, const char *name)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (is_used_for(&formats[i], use) &&
            (strcmp(formats[i].name, name) == 0 ||
             (formats[i].alias != NULL && strcmp(formats[i].alias, name) == 0)))
            return &formats[i];
    return NULL;
}

const struct import_format_entry *format_from_path(enum format_use use, const char *path)
{
    const char *dot = fileio_extension(path);
    for (size_t i = 0; dot != NULL && i < FORMAT_COUNT; i++)
        for (size_t e = 0; e < FORMAT_MAX_EXTENSIONS && formats[i].extensions[e] != NULL; e++)
            if (is_used_for(&formats[i], use) && strcasecmp(formats[i].extensions[e], dot) == 0)
                return &formats[i];
    return NULL;
}

const char *const *format_names(enum format_use use)
{
    /* each use's names: every row's name and alias, and the closing NULL */
    static const char *names[FORMAT_REPORT + 1][2 * FORMAT_COUNT + 1];
    const char **out = names[use];
    if (out[0] == NULL)
        for (size_t i = 0; i < FORMAT_COUNT; i++)
            if (is_used_for(&formats[i], use)) {
                *out++ = formats[i].name;
                if (formats[i].alias != NULL)
                    *out++ = formats[i].alias;
            }
    return names[use];
}

bool format_as_export(const struct import_format_entry *format, enum export_format *writer)
{
    return format != NULL && (*writer = (enum export_format)format->writer, true);
}

bool format_as_report(const struct import_format_entry *format, enum report_format *writer)
{
    return format != NULL && (*writer = (enum report_format)format->writer, true);
}

const struct import_format_entry *import_format_detect(const struct import_input *input)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (formats[i].recognise != NULL && formats[i].recognise(input))
            return &formats[i];
    return NULL;
}

size_t import_read_peer(const struct import_format_entry *format, const char *path,
                        const struct content *content, const char *map_path, int date_order,
                        struct peer_data *data, struct peer_import *import,
                        struct import_plan *plan, struct peer_summary *summary,
                        struct strlist *problems)
{
    size_t before = problems->count;
    peer_data_init(data, path, problems);
    peer_import_init(import);
    memset(summary, 0, sizeof *summary);
    data->date_order = date_order;
    struct stat info;
    unsigned char head[IMPORT_HEAD_SIZE];
    struct import_input input = {path, path, false, NULL, 0};
    FILE *in = NULL;
    if (stat(path, &info) != 0 ||
        (!(input.is_dir = S_ISDIR(info.st_mode)) && (in = fopen(path, "rb")) == NULL)) {
        strlist_pushf(problems, "cannot open %s: %s", path, strerror(errno));
        return problems->count - before;
    }
    if (in != NULL) {
        input.head_length = fread(head, 1, sizeof head, in);
        input.head = head;
        fclose(in);
    }
    format->read_peer(&input, data);
    if (problems->count > before)
        return problems->count - before;
    peer_map(data, content, map_path, import, problems);
    if (problems->count == before)
        peer_build_plan(data, import, content, plan, summary);
    return problems->count - before;
}
