/* panel_calendar.c - the year-in-pixels grid: pure placement and shading, then drawing. */
#include "ui/panel_calendar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dates.h"
#include "ui/panel_chart.h"
#include "xalloc.h"

#define CALENDAR_GUTTER 4 /* "Mon " */

int calendar_level(double value, double min, double max)
{
    if (isnan(value))
        return -1;
    return (int)lround(chart_fraction(value, min, max) * (CALENDAR_LEVELS - 1));
}

const char *calendar_level_glyph(int level)
{
    static const char *const glyphs[CALENDAR_LEVELS][2] = {
        {"\u00b7", "."}, {"\u2591", ":"}, {"\u2592", "-"}, {"\u2593", "="}, {"\u2588", "#"},
    };
    if (level < 0)
        return " ";
    if (level >= CALENDAR_LEVELS)
        level = CALENDAR_LEVELS - 1;
    return glyphs[level][theme_is_utf8() ? 0 : 1];
}

int calendar_weeks(int width, int *cell_width)
{
    int room = width - CALENDAR_GUTTER;
    *cell_width = room >= 2 * CALENDAR_MAX_WEEKS ? 2 : 1;
    int weeks = room / *cell_width;
    if (weeks > CALENDAR_MAX_WEEKS)
        weeks = CALENDAR_MAX_WEEKS;
    return weeks > 0 ? weeks : 0;
}

int calendar_first_monday(int last_day, int weeks)
{
    return date_week_start(last_day) - 7 * (weeks > 0 ? weeks - 1 : 0);
}

bool calendar_cell(int first_monday, int weeks, int day, int *column, int *row)
{
    int offset = day - first_monday;
    if (offset < 0 || offset >= 7 * weeks)
        return false;
    *column = offset / 7;
    *row = offset % 7;
    return true;
}

/* --- Drawing ------------------------------------------------------------------------------ */

struct calendar_frame {
    const struct calendar_panel *calendar;
    struct draw_rect area;
    int weeks, cell_width, first_monday;
    double *values; /* weeks * 7 days from first_monday */
};

static void draw_month_names(const struct calendar_frame *frame, int y)
{
    int next_free = 0;
    for (int column = 0; column < frame->weeks; column++) {
        int monday = frame->first_monday + 7 * column, year, month, dom;
        /* The column that holds the 1st of a month, or the first column. */
        date_to_parts(monday + 6, &year, &month, &dom);
        if (column > 0 && dom > 7)
            continue;
        /* The first column's month, when its 1st is earlier, is named only if that leaves room
         * for the next month's name: a real month start is never pushed out (it was April or
         * December, depending on the window). */
        if (column == 0 && dom > 7) {
            int weeks_to_next = 0, next_year, next_month, next_dom;
            do
                date_to_parts(monday + 6 + 7 * ++weeks_to_next, &next_year, &next_month, &next_dom);
            while (next_dom > 7 && weeks_to_next < 6);
            if (weeks_to_next * frame->cell_width < 4)
                continue;
        }
        int x = CALENDAR_GUTTER + column * frame->cell_width;
        if (x < next_free)
            continue;
        next_free = x +
                    draw_text(y, frame->area.x + x, frame->area.width - x, date_month_name(month),
                              THEME_DIM) +
                    1;
    }
}

static void draw_weekday_names(const struct calendar_frame *frame, int top)
{
    for (int row = 0; row < 7; row++)
        if (frame->cell_width == 2 || row % 2 == 0)
            draw_text(top + row, frame->area.x, CALENDAR_GUTTER - 1, date_weekday_name(row),
                      THEME_DIM);
}

static enum theme_role level_role(const struct calendar_panel *calendar, int level)
{
    return calendar->severity ? theme_severity_role(level) : theme_series_role(calendar->series);
}

static void draw_day(const struct calendar_frame *frame, int top, int column, int row)
{
    const struct calendar_panel *calendar = frame->calendar;
    int day = frame->first_monday + 7 * column + row;
    if (day > calendar->last_day)
        return;
    int level = calendar_level(frame->values[7 * column + row], calendar->min, calendar->max);
    int x = frame->area.x + CALENDAR_GUTTER + column * frame->cell_width;
    if (day == calendar->cursor && level < 0)
        draw_text(top + row, x, 1, theme_is_utf8() ? "\u25a1" : "o", THEME_SELECTED);
    else if (day == calendar->cursor)
        draw_text_attr(top + row, x, 1, calendar_level_glyph(level),
                       theme_attr(level_role(calendar, level)) | A_REVERSE);
    else if (level >= 0)
        draw_text(top + row, x, 1, calendar_level_glyph(level), level_role(calendar, level));
}

void calendar_panel_draw_legend(int y, int x, int width, bool severity)
{
    int right = x + width;
    x += draw_text(y, x, right - x, "less ", THEME_DIM);
    for (int level = 0; level < CALENDAR_LEVELS && x < right; level++)
        x += draw_text(y, x, 1, calendar_level_glyph(level),
                       severity ? theme_severity_role(level) : THEME_NORMAL);
    draw_text(y, x, right - x, " more   blank: not logged", THEME_DIM);
}

bool calendar_panel_value(const struct calendar_panel *calendar, int day, double *value)
{
    size_t low = 0, high = calendar->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (calendar->points[middle].day < day)
            low = middle + 1;
        else
            high = middle;
    }
    if (low == calendar->count || calendar->points[low].day != day ||
        isnan(calendar->points[low].value))
        return false;
    *value = calendar->points[low].value;
    return true;
}

static void fill_values(struct calendar_frame *frame)
{
    const struct calendar_panel *calendar = frame->calendar;
    size_t days = (size_t)frame->weeks * 7;
    frame->values = xmalloc((days + 1) * sizeof *frame->values);
    for (size_t i = 0; i < days; i++)
        frame->values[i] = NAN;
    for (size_t i = 0; i < calendar->count; i++) {
        int column, row;
        if (calendar_cell(frame->first_monday, frame->weeks, calendar->points[i].day, &column,
                          &row))
            frame->values[7 * column + row] = calendar->points[i].value;
    }
}

void calendar_panel_draw(const struct calendar_panel *calendar, struct draw_rect area)
{
    struct calendar_frame frame = {calendar, area, 0, 1, 0, NULL};
    frame.weeks = calendar_weeks(area.width, &frame.cell_width);
    if (frame.weeks < 1 || area.height < CALENDAR_ROWS) {
        draw_text(area.y, area.x, area.width, "(too small for the calendar)", THEME_DIM);
        return;
    }
    frame.first_monday = calendar_first_monday(calendar->last_day, frame.weeks);
    fill_values(&frame);
    draw_month_names(&frame, area.y);
    draw_weekday_names(&frame, area.y + 1);
    for (int column = 0; column < frame.weeks; column++)
        for (int row = 0; row < 7; row++)
            draw_day(&frame, area.y + 1, column, row);
    free(frame.values);
}
