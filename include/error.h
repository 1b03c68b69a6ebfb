/*
 * error.h - errors as values.
 *
 * A function that can fail takes a `struct error *` as its last argument and returns a status
 * (0 or a valid pointer on success). On failure it fills the error with a message a person can act
 * on: lowercase, no full stop, what failed first and then where ("cannot open journal: ...").
 * The pointer may be NULL when the caller does not care about the message.
 */
#ifndef GUTSKIN_ERROR_H
#define GUTSKIN_ERROR_H

#include <stdbool.h>

enum error_kind {
    ERROR_NONE = 0,
    ERROR_INPUT,    /* the user's data or input is wrong: exit status 1 */
    ERROR_USAGE,    /* the command line is wrong: exit status 2 */
    ERROR_SYSTEM,   /* the file system or a library failed: exit status 1 */
    ERROR_NEWER,    /* the journal was written by a newer gutskin */
    ERROR_BUSY,     /* the journal is locked by another writer for too long */
};

struct error {
    enum error_kind kind;
    char message[512];
};

/* Fills `err` (if not NULL) with a printf-style message; returns -1 for `return error_set(...)`. */
int error_set(struct error *err, enum error_kind kind, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes an existing message with more context, e.g. the file name. */
void error_prefix(struct error *err, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Resets `err` to "no error". */
void error_clear(struct error *err);

/* Exit status for the command line: 0 for none, 2 for usage, 1 for everything else. */
int error_exit_status(const struct error *err);

#endif
