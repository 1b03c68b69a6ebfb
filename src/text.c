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

bool text_is_control(long code)
{
    return code < 32 || (code >= 127 && code < 160);
}

char *text_repair_utf8(const char *text, size_t length, bool *repaired)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    char *copy = xmalloc(3 * length + 1), *out = copy;
    const utf8proc_uint8_t *bytes = (const utf8proc_uint8_t *)text;
    size_t offset = 0;
    *repaired = false;
    while (offset < length) {
        utf8proc_int32_t code;
        utf8proc_ssize_t step =
            utf8proc_iterate(bytes + offset, (utf8proc_ssize_t)(length - offset), &code);
        if (step <= 0 || code == 0) {
            memcpy(out, replacement, 3);
            out += 3;
            offset++;
            *repaired = true;
            continue;
        }
        memcpy(out, text + offset, (size_t)step);
        out += step;
        offset += (size_t)step;
    }
    *out = '\0';
    return copy;
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
    /* Control characters have width 0 in utf8proc; the screen shows each as one column (a
     * blank for tabs and line breaks, a placeholder for the others). */
    *width = text_is_control(code) ? 1 : utf8proc_charwidth(code);
    return (size_t)step;
}

size_t text_decode(const char *text, long *code)
{
    if (*text == '\0') {
        *code = 0;
        return 0;
    }
    utf8proc_int32_t decoded;
    utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)text, -1, &decoded);
    *code = step > 0 ? decoded : -1;
    return step > 0 ? (size_t)step : 1;
}

size_t text_encode(long code, char out[4])
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)code, (utf8proc_uint8_t *)out);
}

bool text_is_code_point(long code)
{
    return code >= 0 && code <= 0x10FFFF && utf8proc_codepoint_valid((utf8proc_int32_t)code);
}

int text_char_width(long code)
{
    return code < 0 || text_is_control(code) ? 1 : utf8proc_charwidth((utf8proc_int32_t)code);
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

size_t text_cut(const char *text, size_t limit)
{
    size_t length = strnlen(text, limit);
    size_t lead = length;
    while (lead > 0 && ((unsigned char)text[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return length; /* nothing but continuation bytes: not UTF-8 to begin with */
    unsigned char first = (unsigned char)text[lead - 1];
    size_t needed = first < 0xC0 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
    return lead - 1 + needed <= length ? length : lead - 1;
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
        if (cut == 0) /* one word wider than the line: cut it, keeping whole characters */
            cut = fit > 0 ? fit : text_fit(rest, 2, NULL);
        if (cut == 0) /* not even one character fits: take one anyway, so the text moves on */
            cut = 1;
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

/* Writes at `out` what one character (`step` bytes at `in`, `code`) becomes; returns the bytes
 * written, never more than `step` (so that the text can be rewritten in place). */
static size_t printable_char(char *out, const char *in, size_t step, long code, bool ascii)
{
    if (code < 0) {
        *out = '?';
        return 1;
    }
    if (text_is_control(code)) {
        *out = (code == '\t' || code == '\n' || code == '\r') ? ' ' : '?';
        return 1;
    }
    if (!ascii || code < 128) {
        memmove(out, in, step);
        return step;
    }
    size_t columns = (size_t)utf8proc_charwidth((utf8proc_int32_t)code);
    memset(out, '?', columns);
    return columns;
}

void text_make_printable(char *text, bool ascii)
{
    char *out = text;
    for (const char *in = text; *in != '\0';) {
        utf8proc_int32_t code;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)in, -1, &code);
        size_t length = step > 0 ? (size_t)step : 1;
        out += printable_char(out, in, length, step > 0 ? code : -1, ascii);
        in += length;
    }
    *out = '\0';
}

void text_to_ascii(char *text)
{
    text_make_printable(text, true);
}

bool text_is_printable(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        if (byte < 0x20 || byte == 0x7f ||
            (byte == 0xc2 && i + 1 < length && (unsigned char)text[i + 1] < 0xa0))
            return false;
    }
    return text_is_valid_utf8(text, length);
}

char *text_safe(const char *text, char *out, size_t size)
{
    char *copy = xstrdup(text);
    text_make_printable(copy, false);
    size_t length = strlen(copy);
    if (length < size) {
        memcpy(out, copy, length + 1);
    } else {
        size_t cut = text_cut(copy, size - 4);
        memcpy(out, copy, cut);
        memcpy(out + cut, "...", 4);
    }
    free(copy);
    return out;
}

void text_put_safe(FILE *stream, const char *text, size_t length)
{
    char *copy = xstrndup(text, length);
    text_make_printable(copy, false);
    fputs(copy, stream);
    free(copy);
}
