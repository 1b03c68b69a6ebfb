/*
 * testutil.h - small helpers shared by the unit tests: temporary folders and files.
 *
 * Include after <stdarg.h>, <stddef.h>, <setjmp.h> and <cmocka.h>, as cmocka asks.
 */
#ifndef GUTSKIN_TESTUTIL_H
#define GUTSKIN_TESTUTIL_H

#include <stddef.h>

/* Creates a fresh private folder under $TMPDIR (or /tmp) and returns its path (caller frees).
 * Fails the test when it cannot. */
char *testutil_make_temp_dir(void);

/* Removes a folder and everything in it. */
void testutil_remove_tree(const char *path);

/* Writes `text` to dir/name (creating the file) and returns the full path (caller frees). */
char *testutil_write_file(const char *dir, const char *name, const char *text);

/* Reads a whole file into a NUL-terminated buffer (caller frees); NULL when it cannot. */
char *testutil_read_file(const char *path, size_t *length);

struct journal;
struct content;

/* Opens (creating) DIR/journal.db; fails the test with the journal's message when it cannot. */
struct journal *testutil_open_journal(const char *dir);

/* Loads the content of `dir` (no overlay); fails the test with the first problem when any. */
struct content *testutil_load_content(const char *dir);

/* The day number of a `YYYY-MM-DD` date written in a test, DATE_NONE for NULL; fails the test
 * when the text is not a date. The journal takes day numbers; tests read better with dates. */
int testutil_day(const char *text);

/* Permission bits of a file (st_mode & 0777), or -1 when it does not exist. */
int testutil_file_mode(const char *path);

/* Writes a journal of schema version 1 (as the first gutskin did) at `path`, with `days` days from
 * 2025-01-01 on (at most 28), each with a note and an acne reading of (day index % 5). */
void testutil_write_v1_journal(const char *path, int days);

#endif
