/*
 * panel_calendar.h - a year of one daily series as a grid of days ("year in pixels").
 *
 * Seven rows, Monday to Sunday, one column a week, the newest week on the right; month names on
 * top. Each day is shaded by its value on five levels: with colour, the severity colours (for
 * symptoms) or a series colour; always also a glyph, so that the grid reads without colour:
 * · ░ ▒ ▓ █ from the lowest level to the highest, or . : - = # when the terminal is not UTF-8. A
 * day without a value is blank, never the lowest level.
 *
 * Like the chart panel, it is fed plain (day number, value) points and knows nothing of where
 * they come from. The functions before "Drawing" are pure and unit tested.
 */
#ifndef GUTSKIN_UI_PANEL_CALENDAR_H
#define GUTSKIN_UI_PANEL_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"
#include "ui/panel_chart.h"

/* At most a year of weeks. */
#define CALENDAR_MAX_WEEKS 53
#define CALENDAR_LEVELS 5

/* The level 0..CALENDAR_LEVELS-1 of a value on the scale min..max, or -1 for a missing value
 * (NaN). Values outside the scale are clamped; a flat scale gives the middle level. */
int calendar_level(double value, double min, double max);

/* The glyph of a level (-1: blank) for the current locale. */
const char *calendar_level_glyph(int level);

/* How many week columns fit in `width` columns, and how wide each is (2 when a year fits at two
 * columns a week, else 1). */
int calendar_weeks(int width, int *cell_width);

/* The Monday of the first column when the last column holds `last_day`. */
int calendar_first_monday(int last_day, int weeks);

/* Column (week) and row (weekday) of `day` in a grid starting at `first_monday`; false when the
 * day is not in the `weeks` columns. */
bool calendar_cell(int first_monday, int weeks, int day, int *column, int *row);

/* --- Drawing ------------------------------------------------------------------------------ */

struct calendar_panel {
    const struct chart_point *points; /* daily values, oldest first */
    size_t count;
    double min; /* the shading scale */
    double max;
    bool severity; /* shade with the severity colours (else the colour of series `series`) */
    int series;
    int last_day; /* the newest day shown */
    int cursor;   /* a day number, or -1 */
};

/* Rows of one calendar: the month names and seven days. */
#define CALENDAR_ROWS 8

/* Draws the grid in the first CALENDAR_ROWS rows of `area`. */
void calendar_panel_draw(const struct calendar_panel *calendar, struct draw_rect area);

/* "less · ░ ▒ ▓ █ more   blank: not logged" on row y. */
void calendar_panel_draw_legend(int y, int x, int width, bool severity);

/* The value of `day`; false when it has none. */
bool calendar_panel_value(const struct calendar_panel *calendar, int day, double *value);

#endif
