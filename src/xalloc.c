/* xalloc.c - allocation wrappers that exit with a message instead of returning NULL. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *pointer)
{
    if (pointer == NULL) {
        fputs("gutskin: out of memory\n", stderr);
        exit(1);
    }
    return pointer;
}

void *xmalloc(size_t size)
{
    return check(malloc(size ? size : 1));
}

void *xcalloc(size_t count, size_t size)
{
    return check(calloc(count ? count : 1, size ? size : 1));
}

void *xrealloc(void *pointer, size_t size)
{
    return check(realloc(pointer, size ? size : 1));
}

char *xstrdup(const char *text)
{
    return xstrndup(text, strlen(text));
}

char *xstrndup(const char *text, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

void xgrow(void *array_pointer, size_t *capacity, size_t needed, size_t size)
{
    void **array = array_pointer;
    if (needed <= *capacity)
        return;
    size_t grown = *capacity ? *capacity : 8;
    while (grown < needed) {
        if (grown > SIZE_MAX / 2 / size)
            check(NULL);
        grown *= 2;
    }
    *array = xrealloc(*array, grown * size);
    *capacity = grown;
}

char *xvprintf(const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0)
        check(NULL);
    char *text = xmalloc((size_t)length + 1);
    vsnprintf(text, (size_t)length + 1, format, args);
    return text;
}

char *xprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = xvprintf(format, args);
    va_end(args);
    return text;
}
