/*
 * draw.h - writing clipped UTF-8 text onto the screen.
 *
 * Screens draw onto the standard screen inside the rectangle they are given; these helpers clip
 * by display width (never splitting a character) and fall back to ASCII when the terminal's
 * locale is not UTF-8.
 */
#ifndef GUTSKIN_UI_DRAW_H
#define GUTSKIN_UI_DRAW_H

#include <curses.h>

#include "ui/theme.h"

struct draw_rect {
    int y;
    int x;
    int height;
    int width;
};

/* Writes `text` at (y, x) in at most `width` columns with the role's attributes; returns the
 * number of columns written. When the text does not fit and `width` > 1 the last column shows an
 * ellipsis. */
int draw_text(int y, int x, int width, const char *text, enum theme_role role);

/* Like draw_text, with explicit attributes (a role's attributes combined with A_BOLD, say). */
int draw_text_attr(int y, int x, int width, const char *text, attr_t attributes);

/* printf into a line. */
int draw_textf(int y, int x, int width, enum theme_role role, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

/* Fills `width` columns from (y, x) with blanks in the role's attributes. */
void draw_blank(int y, int x, int width, enum theme_role role);

/* `text` wrapped at word boundaries to `width` columns from row `y` down, at most `rows` rows;
 * returns the rows used. */
int draw_wrapped(int y, int x, int width, int rows, const char *text, enum theme_role role);
/* The rows draw_wrapped() needs for all of `text`. */
int draw_wrapped_rows(const char *text, int width);

/* Writes `text` right-aligned so that it ends at column x + width. */
void draw_text_right(int y, int x, int width, const char *text, enum theme_role role);

/* A horizontal rule. */
void draw_hline(int y, int x, int width, enum theme_role role);

/* A vertical rule. */
void draw_vline(int y, int x, int height, enum theme_role role);

#endif
