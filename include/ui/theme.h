/*
 * theme.h - colours and glyphs in one table.
 *
 * Every drawing call asks for a role (a heading, the selected row, a severity) rather than a
 * colour, so the monochrome theme (no colours, NO_COLOR set, or a terminal without colour) is a
 * column of the table, not a branch in each screen. Glyphs have an ASCII column for terminals
 * whose locale is not UTF-8.
 */
#ifndef GUTSKIN_UI_THEME_H
#define GUTSKIN_UI_THEME_H

#include <stdbool.h>
#include <curses.h>

enum theme_role {
    THEME_NORMAL,
    THEME_TAB,
    THEME_TAB_ACTIVE,
    THEME_STATUS,
    THEME_MESSAGE,
    THEME_HEADING,
    THEME_SELECTED,
    THEME_DIM,
    THEME_WARNING,
    THEME_GOOD,
    THEME_SEVERITY_0,
    THEME_SEVERITY_1,
    THEME_SEVERITY_2,
    THEME_SEVERITY_3,
    THEME_SEVERITY_4,
    THEME_SERIES_1,
    THEME_SERIES_2,
    THEME_SERIES_3,
    THEME_SERIES_4,
    THEME_SERIES_5,
    THEME_SERIES_6,
    THEME_ROLE_COUNT
};

#define THEME_SERIES_COUNT 6

enum theme_glyph {
    GLYPH_DOT_FULL,  /* a severity point given */
    GLYPH_DOT_EMPTY, /* a severity point not given */
    GLYPH_CHECK_ON,  /* a ticked food */
    GLYPH_CHECK_OFF,
    GLYPH_BULLET,
    GLYPH_ELLIPSIS,
    GLYPH_SEPARATOR, /* between items in a header line */
    GLYPH_BAR_FULL,  /* a full bar cell */
    GLYPH_HLINE,
    GLYPH_VLINE,
    GLYPH_ARROW_UP,
    GLYPH_ARROW_DOWN,
    GLYPH_COUNT
};

/* Chooses colours (when the terminal has them and NO_COLOR is unset) and glyphs (UTF-8 or
 * ASCII). Call after initscr()/newterm(). */
void theme_init(bool allow_color, bool utf8);

/* The attributes (colour pair included) for a role. */
attr_t theme_attr(enum theme_role role);

/* The glyph for the current locale. */
const char *theme_glyph(enum theme_glyph glyph);

bool theme_has_color(void);
bool theme_is_utf8(void);

/* The role for a severity 0..4, and for the i-th series of a chart. */
enum theme_role theme_severity_role(int severity);
enum theme_role theme_series_role(int index);

#endif
