/* draw.c - clipped, width-aware text output for the screens. */
#include "ui/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

/* Short texts that need cleaning are cleaned in a buffer on the stack. */
#define DRAW_BUFFER_SIZE 256

/* Draws `length` bytes of `text` in the columns text_fit counted for them: a control character
 * (a note's tab, a carriage return) would otherwise move the cursor or show as two columns. */
static void put_bytes(int y, int x, const char *text, size_t length)
{
    bool utf8 = theme_is_utf8();
    /* Nearly every text is printable as it is, and then nothing is copied. */
    if (utf8 && text_is_printable(text, length)) {
        mvaddnstr(y, x, text, (int)length);
        return;
    }
    char buffer[DRAW_BUFFER_SIZE];
    char *copy = length < sizeof buffer ? buffer : xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    text_make_printable(copy, !utf8);
    mvaddstr(y, x, copy);
    if (copy != buffer)
        free(copy);
}

int draw_text_attr(int y, int x, int width, const char *text, attr_t attributes)
{
    if (width <= 0 || text == NULL)
        return 0;
    attr_set(attributes, PAIR_NUMBER(attributes), NULL);
    int used;
    size_t bytes = text_fit(text, width, &used);
    if (text[bytes] != '\0' && width > 1) {
        bytes = text_fit(text, width - 1, &used);
        put_bytes(y, x, text, bytes);
        mvaddstr(y, x + used, theme_glyph(GLYPH_ELLIPSIS));
        used += 1;
    } else {
        put_bytes(y, x, text, bytes);
    }
    attr_set(A_NORMAL, 0, NULL);
    return used;
}

int draw_text(int y, int x, int width, const char *text, enum theme_role role)
{
    return draw_text_attr(y, x, width, text, theme_attr(role));
}

int draw_textf(int y, int x, int width, enum theme_role role, const char *format, ...)
{
    char buffer[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return draw_text(y, x, width, buffer, role);
}

void draw_blank(int y, int x, int width, enum theme_role role)
{
    if (width <= 0)
        return;
    attr_t attributes = theme_attr(role);
    attr_set(attributes, PAIR_NUMBER(attributes), NULL);
    mvhline(y, x, ' ', width);
    attr_set(A_NORMAL, 0, NULL);
}

void draw_text_right(int y, int x, int width, const char *text, enum theme_role role)
{
    int text_columns = text_width(text);
    if (text_columns > width)
        text_columns = width;
    draw_text(y, x + width - text_columns, text_columns, text, role);
}

void draw_hline(int y, int x, int width, enum theme_role role)
{
    for (int i = 0; i < width; i++)
        draw_text(y, x + i, 1, theme_glyph(GLYPH_HLINE), role);
}

void draw_vline(int y, int x, int height, enum theme_role role)
{
    for (int i = 0; i < height; i++)
        draw_text(y + i, x, 1, theme_glyph(GLYPH_VLINE), role);
}

int draw_wrapped(int y, int x, int width, int rows, const char *text, enum theme_role role)
{
    struct strlist lines = STRLIST_INIT;
    text_wrap(text, width, &lines);
    int used = 0;
    for (size_t i = 0; i < lines.count && used < rows; i++)
        draw_text(y + used++, x, width, lines.items[i], role);
    strlist_release(&lines);
    return used;
}

int draw_wrapped_rows(const char *text, int width)
{
    struct strlist lines = STRLIST_INIT;
    text_wrap(text, width, &lines);
    int rows = (int)lines.count;
    strlist_release(&lines);
    return rows;
}
