/*
 * import_readers.h - the readers of other apps' exports, one file each, used only by the format
 * table (import_formats.c), and what they share: reading a whole input, CSV rows with their line
 * numbers, and entries of a zip archive.
 */
#ifndef GUTSKIN_IMPORT_READERS_H
#define GUTSKIN_IMPORT_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include "import_formats.h"
#include "import_peer.h"
#include "strlist.h"

bool import_daylio_recognise(const struct import_input *input);
void import_daylio_read(const struct import_input *input, struct peer_data *data);
bool import_daylio_backup_recognise(const struct import_input *input);
void import_daylio_backup_read(const struct import_input *input, struct peer_data *data);
bool import_bearable_recognise(const struct import_input *input);
void import_bearable_read(const struct import_input *input, struct peer_data *data);
bool import_loop_recognise(const struct import_input *input);
void import_loop_read(const struct import_input *input, struct peer_data *data);
bool import_flaredown_recognise(const struct import_input *input);
void import_flaredown_read(const struct import_input *input, struct peer_data *data);

/* --- Shared by the readers -------------------------------------------------------------------- */

/* The first line of the head (without its end and a byte order mark), in `out`. */
void reader_first_line(const struct import_input *input, char *out, size_t size);

/* Reads the whole file (at most IMPORT_MAX_BYTES), without a UTF-8 byte order mark; NULL with a
 * problem added when it cannot, or when it is not text (a NUL byte or invalid UTF-8). */
char *reader_load_text(const char *path, const char *name, size_t *length, struct peer_data *data);

/* Like reader_load_text, for text already in memory (an entry of a zip archive): checks it and
 * drops a byte order mark in place. False with a problem added when it is not text. */
bool reader_check_text(char *text, size_t *length, const char *name, struct peer_data *data);

/* Calls `row` for every record of the CSV `text` with the line where it starts; a header is the
 * first record. Stops and adds a problem at a quoting error or an empty line between records. The
 * callback returns false to stop. */
typedef bool reader_csv_row(void *context, long line, const struct strlist *cells);
void reader_csv_rows(const char *text, size_t length, const char *name, struct peer_data *data,
                     reader_csv_row *row, void *context);

/* A CSV file with a header line: `header` gets the first record (return false to stop: a header
 * that cannot be used), `row` every other one that has as many cells as the header (the others
 * are "FILE:LINE: expected N cells, found M"). `columns` holds the header for both. */
struct reader_table {
    reader_csv_row *header;
    reader_csv_row *row;
    void *context;
    struct strlist columns;
};

/* Reads the whole file at input->path as such a table; a file without a record is
 * "FILE:1: the file is empty (expected WHAT)". Releases `columns` at the end. */
void reader_csv_file(const struct import_input *input, struct peer_data *data, const char *what,
                     struct reader_table *table);

/* The length of the physical line at `text`, its end (LF, CRLF or a lone CR) included. */
size_t reader_line_length(const char *text, size_t left);

/* Whether the `length` bytes at `text` are only blanks and line ends (libcsv skips such lines). */
bool reader_blank(const char *text, size_t length);

/* The index of `name` among the header cells (exact), or -1. */
long reader_column(const struct strlist *header, const char *name);

/* Checks a header against the columns a format knows: every cell must be one of `known`, and
 * every one of `required` present. Adds problems naming the line; true when it is usable. */
bool reader_check_header(struct peer_data *data, long line, const struct strlist *header,
                         const char *const *known, const char *const *required);

/* Whether the file at `path` is a zip archive holding an entry named `entry` (the last path
 * component compared when `anywhere`). */
bool reader_zip_has(const char *path, const char *entry, bool anywhere);

/* The names of the entries of a zip archive; -1 with a problem when it cannot be read. */
int reader_zip_list(const char *path, const char *name, struct strlist *entries,
                    struct peer_data *data);

/* One entry of a zip archive, NUL-terminated (at most IMPORT_MAX_BYTES); NULL with a problem. */
char *reader_zip_read(const char *path, const char *name, const char *entry, size_t *length,
                      struct peer_data *data);

/* A day and a month name in either order ("18 May", "May 18", "18. Mai", "30 octobre"): the
 * month's name, or its first three letters or more, in English, German, French, Spanish,
 * Italian, Portuguese or Dutch, case and accents aside. False for anything else. */
bool reader_day_and_month(const char *text, int *day, int *month);

/* "10:04 AM", "6:50 pm", "6:50 p.m.", "18:52", "9:05" -> minute of the day; -1 when it is none
 * of those. */
int reader_parse_time(const char *text);

#endif
