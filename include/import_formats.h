/*
 * import_formats.h - the table of file formats: what `gutskin import` reads, `export` writes and
 * `report` writes.
 *
 * Each format is one row: its name (what --from and --format take, and maybe a second name), its
 * extensions (how the name of a file to write says its format), what it is in words, and, where
 * they exist, how to recognise and read it and which command writes it. A file to read is
 * recognised by its first bytes, its header or what it holds: never by its file name. gutskin's
 * own exports (csv, json) are read straight into days (import.h); other apps' exports are read
 * into peer data (import_peer.h), which the mapping turns into days. A new format to read is one
 * new reader file and one row in import_formats.c.
 */
#ifndef GUTSKIN_IMPORT_FORMATS_H
#define GUTSKIN_IMPORT_FORMATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "content.h"
#include "export.h"
#include "import.h"
#include "import_peer.h"
#include "report.h"
#include "strlist.h"

/* How to read a numeric date such as 03/04/2021 (--date-order). */
enum import_date_order {
    IMPORT_DATE_ORDER_NONE,
    IMPORT_DATE_DMY,
    IMPORT_DATE_MDY,
    IMPORT_DATE_YMD
};

/* What a recogniser may look at. */
struct import_input {
    const char *path; /* as given; "-" is standard input */
    const char *name; /* for messages */
    bool is_dir;
    const unsigned char *head; /* the first bytes of a file (NULL for a folder) */
    size_t head_length;
};

/* The most of a file a recogniser sees. */
#define IMPORT_HEAD_SIZE 4096

/* Which command writes a format. */
enum format_use {
    FORMAT_IMPORT, /* import reads it: a row with a reader */
    FORMAT_EXPORT, /* export writes it (the writer is an enum export_format) */
    FORMAT_REPORT  /* report writes it (the writer is an enum report_format) */
};

/* The most extensions a format has. */
#define FORMAT_MAX_EXTENSIONS 2

struct import_format_entry {
    const char *name;  /* "daylio" */
    const char *alias; /* another name the options take ("markdown"), or NULL */
    const char *what;  /* "Daylio CSV export" */
    /* ".md", ".markdown": for the formats gutskin writes, matched in any case; NULL after */
    const char *extensions[FORMAT_MAX_EXTENSIONS];
    /* FORMAT_EXPORT or FORMAT_REPORT, with the writer's enum value; FORMAT_IMPORT: only read */
    enum format_use written_by;
    int writer;
    bool (*recognise)(const struct import_input *input);
    /* gutskin's own formats: all of `in` into days. */
    size_t (*read_days)(FILE *in, const char *name, const struct content *content,
                        struct import_plan *plan, struct strlist *problems,
                        struct strlist *warnings);
    /* Other apps' formats: the file (or folder) at input->path into peer data. */
    void (*read_peer)(const struct import_input *input, struct peer_data *data);
};

/* The table, in the order in which formats are tried when --from is not given. */
const struct import_format_entry *import_formats(size_t *count);

/* The format import reads that is named `name` (exact), or NULL. */
const struct import_format_entry *import_format_find(const char *name);

/* The format `use` reads or writes that is named `name` (its name or alias, exact), or NULL. */
const struct import_format_entry *format_find(enum format_use use, const char *name);

/* The format `use` writes that `path`'s extension names (any case), or NULL. */
const struct import_format_entry *format_from_path(enum format_use use, const char *path);

/* `format`'s writer as export's or report's own enum, in *writer; false when `format` is NULL
 * (then *writer is left as it was). */
bool format_as_export(const struct import_format_entry *format, enum export_format *writer);
bool format_as_report(const struct import_format_entry *format, enum report_format *writer);

/* The names and aliases of the formats `use` reads or writes, in table order, NULL-terminated:
 * the choices of a --format option. Static storage. */
const char *const *format_names(enum format_use use);

/* The format the input looks like, or NULL when no recogniser is sure. */
const struct import_format_entry *import_format_detect(const struct import_input *input);

/* Reads another app's export at `path` (a file or a Loop folder) with `format`, maps its names
 * (with the map file `map_path`, may be NULL) and converts it into `plan`; `summary` says what it
 * holds. `data` and `import` are initialised here and must be released by the caller. Problems
 * are appended to `problems`; the plan is complete only when none were added. */
size_t import_read_peer(const struct import_format_entry *format, const char *path,
                        const struct content *content, const char *map_path, int date_order,
                        struct peer_data *data, struct peer_import *import,
                        struct import_plan *plan, struct peer_summary *summary,
                        struct strlist *problems);

#endif
