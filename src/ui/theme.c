/* theme.c - the colour and glyph tables, with monochrome and ASCII columns. */
#include "ui/theme.h"

#include <stdlib.h>

struct theme_entry {
    short foreground;
    short background;
    attr_t color_attributes;
    attr_t mono_attributes;
};

/* -1 is the terminal's default colour (use_default_colors), so the app keeps the user's
 * background instead of painting its own. */
static const struct theme_entry theme_table[THEME_ROLE_COUNT] = {
    [THEME_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [THEME_TAB] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
    [THEME_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD},
    [THEME_STATUS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [THEME_MESSAGE] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [THEME_HEADING] = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [THEME_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [THEME_DIM] = {-1, -1, A_DIM, A_DIM},
    [THEME_WARNING] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [THEME_GOOD] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [THEME_SEVERITY_0] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [THEME_SEVERITY_1] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
    [THEME_SEVERITY_2] = {COLOR_YELLOW, -1, A_NORMAL, A_NORMAL},
    [THEME_SEVERITY_3] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
    [THEME_SEVERITY_4] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [THEME_SERIES_1] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
    [THEME_SERIES_2] = {COLOR_YELLOW, -1, A_NORMAL, A_NORMAL},
    [THEME_SERIES_3] = {COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL},
    [THEME_SERIES_4] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [THEME_SERIES_5] = {COLOR_RED, -1, A_NORMAL, A_NORMAL},
    [THEME_SERIES_6] = {COLOR_BLUE, -1, A_NORMAL, A_NORMAL},
};

static const char *const glyph_table[GLYPH_COUNT][2] = {
    /* UTF-8, ASCII */
    [GLYPH_DOT_FULL] = {"\u25cf", "#"},  [GLYPH_DOT_EMPTY] = {"\u00b7", "."},
    [GLYPH_CHECK_ON] = {"[x]", "[x]"},   [GLYPH_CHECK_OFF] = {"[ ]", "[ ]"},
    [GLYPH_BULLET] = {"\u2022", "*"},    [GLYPH_ELLIPSIS] = {"\u2026", "~"},
    [GLYPH_SEPARATOR] = {"\u00b7", "|"}, [GLYPH_BAR_FULL] = {"\u2588", "#"},
    [GLYPH_HLINE] = {"\u2500", "-"},     [GLYPH_VLINE] = {"\u2502", "|"},
    [GLYPH_ARROW_UP] = {"\u25b2", "^"},  [GLYPH_ARROW_DOWN] = {"\u25bc", "v"},
};

static bool theme_color;
static bool theme_utf8;

void theme_init(bool allow_color, bool utf8)
{
    const char *no_color = getenv("NO_COLOR");
    theme_utf8 = utf8;
    theme_color = allow_color && has_colors() && (no_color == NULL || no_color[0] == '\0');
    if (!theme_color)
        return;
    start_color();
    use_default_colors();
    for (int role = 1; role < THEME_ROLE_COUNT && role < COLOR_PAIRS; role++)
        init_pair((short)role, theme_table[role].foreground, theme_table[role].background);
}

attr_t theme_attr(enum theme_role role)
{
    if (role < 0 || role >= THEME_ROLE_COUNT)
        role = THEME_NORMAL;
    if (!theme_color)
        return theme_table[role].mono_attributes;
    return theme_table[role].color_attributes | (role ? COLOR_PAIR(role) : 0);
}

const char *theme_glyph(enum theme_glyph glyph)
{
    return glyph_table[glyph][theme_utf8 ? 0 : 1];
}

bool theme_has_color(void)
{
    return theme_color;
}

bool theme_is_utf8(void)
{
    return theme_utf8;
}

enum theme_role theme_severity_role(int severity)
{
    if (severity < 0)
        severity = 0;
    if (severity > 4)
        severity = 4;
    return (enum theme_role)(THEME_SEVERITY_0 + severity);
}

enum theme_role theme_series_role(int index)
{
    if (index < 0)
        index = 0;
    return (enum theme_role)(THEME_SERIES_1 + index % THEME_SERIES_COUNT);
}
