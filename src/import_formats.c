/*
 * import_formats.c - the table of import formats, and recognising a file by what it holds.
 */
#include "import_formats.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

static const struct import_format_entry formats[] = {
    {"daylio", "Daylio's CSV export", import_daylio_recognise, NULL, import_daylio_read},
    {"daylio-backup", "Daylio's backup (.daylio)", import_daylio_backup_recognise, NULL,
     import_daylio_backup_read},
    {"bearable", "Bearable's CSV export", import_bearable_recognise, NULL, import_bearable_read},
    {"loop", "Loop Habit Tracker's CSV zip, its unzipped folder, or its .db backup",
     import_loop_recognise, NULL, import_loop_read},
    {"flaredown", "Flaredown's CSV export (one person)", import_flaredown_recognise, NULL,
     import_flaredown_read},
    /* Last: a Bearable header also starts with a "date" cell. */
    {"csv", "gutskin's CSV export", csv_recognise, import_read_csv, NULL},
    {"json", "gutskin's JSON export", json_recognise, import_read_json, NULL},
};

const struct import_format_entry *import_formats(size_t *count)
{
    *count = sizeof formats / sizeof formats[0];
    return formats;
}

const struct import_format_entry *import_format_find(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

const struct import_format_entry *import_format_detect(const struct import_input *input)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].recognise(input))
            return &formats[i];
    return NULL;
}

const char *import_format_names(void)
{
    static char names[256];
    if (names[0] == '\0')
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", formats[i].name);
        }
    return names;
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
