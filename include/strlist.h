/*
 * strlist.h - a growable list of owned strings.
 *
 * Used wherever a function reports several problems (the content loader, the importer) or
 * returns a list of names. The list owns every string in it: strlist_release() frees them all.
 */
#ifndef GUTSKIN_STRLIST_H
#define GUTSKIN_STRLIST_H

#include <stddef.h>

struct strlist {
    char **items;
    size_t count;
    size_t capacity;
};

#define STRLIST_INIT {NULL, 0, 0}

void strlist_init(struct strlist *list);
void strlist_release(struct strlist *list);

/* Appends a copy of `text`. */
void strlist_push(struct strlist *list, const char *text);

/* Appends a printf-style formatted string. */
void strlist_pushf(struct strlist *list, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Returns the index of `text`, or -1 when it is not in the list. */
long strlist_find(const struct strlist *list, const char *text);

#endif
