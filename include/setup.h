/*
 * setup.h - opening the journal and loading the content the way every command does.
 *
 * Both functions print nothing; they return NULL with `err` filled (content problems are joined
 * into the message, one per line, as many as fit and at most 20, then how many more there are,
 * then where the person's own additions are when the problems are in them). The journal's warning
 * (loose permissions), if any, is left for the caller to show: the app shows it on screen, the
 * other commands with setup_print_journal_warning().
 */
#ifndef GUTSKIN_SETUP_H
#define GUTSKIN_SETUP_H

#include "commands.h"
#include "content.h"
#include "error.h"
#include "journal.h"

/* Resolves the journal path from the options (see paths.h) and opens it, creating it if needed. */
struct journal *setup_open_journal(const struct command_options *options, struct error *err);

/* The same for the commands that only read: never creates the journal (a missing one is "there
 * is no journal yet"), never writes to it, and works on a journal the person can only read. */
struct journal *setup_open_journal_for_reading(const struct command_options *options,
                                               struct error *err);

/* Resolves the content folders from the options and loads them. */
struct content *setup_load_content(const struct command_options *options, struct error *err);

/* Checks an output file a command was asked to write (-o FILE) before anything is written: never
 * the journal in use, its -wal or -shm, a link to them, or another SQLite database; an existing
 * file only with `force` (see fileio.h). NULL and "-" are standard output. */
int setup_check_output(const struct command_options *options, const char *output, bool force,
                       struct error *err);

/* Prints "gutskin: warning: WARNING" to stderr when the journal has a warning. */
void setup_print_journal_warning(const struct journal *journal);

/* Confirms a file a command wrote: "WHAT written to PATH" on standard error, followed by
 * " (DETAILS)" when `details_format` is not NULL, so standard output stays the command's own.
 * Says nothing when PATH is NULL, "-" or standard output itself (/dev/stdout, or a name of the
 * same file or pipe), where the line would land inside what it confirms. */
void setup_print_written(const char *what, const char *path, const char *details_format, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "gutskin: MESSAGE" to stderr and returns the exit status for `err`. */
int setup_report_error(const struct error *err);

#endif
