/* text.c - UTF-8 display widths, word wrapping and search folding, on top of utf8proc. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xalloc.h"

bool text_is_valid_utf8(const char *text, size_t length)
{
    const utf8proc_uint8_t *bytes = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t offset = 0;
    while ((size_t)offset < length) {
        utf8proc_int32_t code;
        utf8proc_ssize_t step =
            utf8proc_iterate(bytes + offset, (utf8proc_ssize_t)length - offset, &code);
        if (step <= 0)
            return false;
        offset += step;
    }
    return true;
}

/* Decodes one character at `text`; returns its byte length (1 for an invalid byte) and stores
 * its column width. */
static size_t next_char(const char *text, int *width)
{
    utf8proc_int32_t code;
    utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)text, -1, &code);
    if (step <= 0) {
        *width = 1;
        return 1;
    }
    int columns = utf8proc_charwidth(code);
    /* Control characters have width 0 in utf8proc; tabs and newlines are shown as one blank. */
    *width = (code < 32) ? 1 : columns;
    return (size_t)step;
}

int text_width(const char *text)
{
    int total = 0;
    while (*text != '\0') {
        int width;
        text += next_char(text, &width);
        total += width;
    }
    return total;
}

size_t text_fit(const char *text, int columns, int *used)
{
    size_t offset = 0;
    int total = 0;
    while (text[offset] != '\0') {
        int width;
        size_t step = next_char(text + offset, &width);
        if (total + width > columns)
            break;
        total += width;
        offset += step;
    }
    if (used != NULL)
        *used = total;
    return offset;
}

/* Wraps one paragraph (no newline inside). */
static void wrap_paragraph(const char *start, size_t length, int width, struct strlist *lines)
{
    char *paragraph = xstrndup(start, length);
    const char *rest = paragraph;
    if (*rest == '\0')
        strlist_push(lines, "");
    while (*rest != '\0') {
        size_t fit = text_fit(rest, width, NULL);
        if (rest[fit] == '\0') {
            strlist_push(lines, rest);
            break;
        }
        size_t cut = fit;
        while (cut > 0 && rest[cut] != ' ')
            cut--;
        if (cut == 0) /* one word wider than the line: cut it */
            cut = fit > 0 ? fit : 1;
        char *line = xstrndup(rest, cut);
        strlist_push(lines, line);
        free(line);
        rest += cut;
        while (*rest == ' ')
            rest++;
    }
    free(paragraph);
}

void text_wrap(const char *text, int width, struct strlist *lines)
{
    if (width < 1)
        width = 1;
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, '\n');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        wrap_paragraph(start, length, width, lines);
        if (end == NULL)
            break;
        start = end + 1;
    }
}

char *text_fold(const char *text)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t length =
        utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE);
    if (length < 0) {
        /* Invalid UTF-8: fall back to the bytes as they are, so search still works on ASCII. */
        return xstrdup(text);
    }
    char *copy = xstrdup((const char *)folded);
    free(folded);
    return copy;
}

bool text_contains_folded(const char *haystack, const char *folded_needle)
{
    char *folded = text_fold(haystack);
    bool found = strstr(folded, folded_needle) != NULL;
    free(folded);
    return found;
}

void text_to_ascii(char *text)
{
    char *out = text;
    for (const char *in = text; *in != '\0';) {
        int width;
        size_t step = next_char(in, &width);
        *out++ = (step == 1 && (unsigned char)*in < 128) ? *in : '?';
        in += step;
    }
    *out = '\0';
}
