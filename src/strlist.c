/* strlist.c - a growable list of owned strings. */
#include "strlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strlist_init(struct strlist *list)
{
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void strlist_release(struct strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    strlist_init(list);
}

static void strlist_append_owned(struct strlist *list, char *text)
{
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    list->items[list->count++] = text;
}

void strlist_push(struct strlist *list, const char *text)
{
    strlist_append_owned(list, xstrdup(text));
}

void strlist_pushf(struct strlist *list, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    strlist_append_owned(list, xvprintf(format, args));
    va_end(args);
}

long strlist_find(const struct strlist *list, const char *text)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], text) == 0)
            return (long)i;
    return -1;
}
