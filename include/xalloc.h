/*
 * xalloc.h - allocation that never returns NULL.
 *
 * A terminal journal has no useful way to continue when memory runs out; these wrappers print a
 * message and exit (restoring the terminal through the registered atexit handler) instead of
 * spreading NULL checks through every caller.
 */
#ifndef GUTSKIN_XALLOC_H
#define GUTSKIN_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *pointer, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);

/* Grows `*array` (of `*capacity` elements of `size` bytes) so that it holds at least `needed`. */
void xgrow(void *array_pointer, size_t *capacity, size_t needed, size_t size);

/* asprintf and vasprintf that exit on failure: the one place that measures, then formats. */
char *xprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
char *xvprintf(const char *format, va_list args) __attribute__((format(printf, 1, 0)));

#endif
