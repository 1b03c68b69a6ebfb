/* error.c - filling and reading `struct error` values. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int error_set(struct error *err, enum error_kind kind, const char *format, ...)
{
    if (err == NULL)
        return -1;
    va_list args;
    va_start(args, format);
    err->kind = kind;
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return -1;
}

void error_prefix(struct error *err, const char *format, ...)
{
    if (err == NULL)
        return;
    char prefix[sizeof err->message];
    char joined[2 * sizeof err->message];
    va_list args;
    va_start(args, format);
    vsnprintf(prefix, sizeof prefix, format, args);
    va_end(args);
    snprintf(joined, sizeof joined, "%s%s", prefix, err->message);
    /* A message cut at the end is still more useful than none. */
    size_t length = strnlen(joined, sizeof err->message - 1);
    memcpy(err->message, joined, length);
    err->message[length] = '\0';
}

void error_clear(struct error *err)
{
    if (err == NULL)
        return;
    err->kind = ERROR_NONE;
    err->message[0] = '\0';
}

int error_exit_status(const struct error *err)
{
    if (err == NULL || err->kind == ERROR_NONE)
        return 0;
    return err->kind == ERROR_USAGE ? 2 : 1;
}
