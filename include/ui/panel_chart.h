/*
 * panel_chart.h - a time chart of a few series: lines drawn in braille dots, bars under them.
 *
 * The panel knows nothing of the journal or the content: it is given series of (day number,
 * value) points, already aggregated into buckets of a day, a week (starting Monday) or a month,
 * and draws them on one time axis.
 *
 * Line series share one y scale and are drawn with Unicode braille cells (2 x 4 dots a cell), so
 * a 72-column chart has 144 dot columns. Two points are joined only when their buckets are next
 * to each other: a bucket with no value is a gap, and no segment is ever drawn across it. A point
 * with no neighbour on either side is drawn two dots wide so that it stays visible.
 *
 * Bar series (habits, servings) get a strip each under the lines, on the same time axis, drawn
 * with the block elements U+2581..U+2588 (eight heights a row), each strip on its own scale from
 * 0 to its largest value. A zero is a dim dot; a missing bucket is blank.
 *
 * With an average given (the owner's smoothing, so that the panel knows no statistics), the line
 * series' values become points only and their average over `average_window` buckets is drawn as
 * the line.
 *
 * Terminals: when the locale is not UTF-8 the lines are drawn on a plain character grid (one
 * "dot" a cell): points are the series' marker character, segments '.', bars '#'. Without colour
 * the braille is kept; each series is told apart by its marker glyph, shown in the legend, in the
 * readout and at the right end of its line.
 *
 * Bands (ranges of days, such as an experiment's periods with the change) shade the empty cells
 * of the lines and strips under them with a dim light shade (UTF-8 only; nothing in ASCII).
 *
 * Marks (days where something changed) are dashed vertical lines with their label at the top of
 * the lines (not over bars, whose tops it would hide; the readout names a mark under the cursor);
 * the cursor is a highlighted column, and the bottom row reads out its date and every value under
 * it.
 *
 * The functions before "Drawing" are pure (no curses) and are unit tested.
 */
#ifndef GUTSKIN_UI_PANEL_CHART_H
#define GUTSKIN_UI_PANEL_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"

/* --- The time axis ------------------------------------------------------------------------ */

struct chart_point {
    int day; /* the first day of the point's bucket */
    double value;
};

enum chart_step { CHART_BY_DAY, CHART_BY_WEEK, CHART_BY_MONTH };

/* Buckets 0 .. count - 1; bucket 0 is the day, week or month that holds `first`. */
struct chart_axis {
    enum chart_step step;
    int first; /* day number where bucket 0 starts (a Monday for weeks, a 1st for months) */
    int count;
};

/* The axis of the buckets that hold the days from..to (from <= to). */
struct chart_axis chart_axis_make(enum chart_step step, int from, int to);

/* The bucket that holds `day` (may be < 0 or >= count when the day is outside), and the first
 * day of bucket `bucket`. */
int chart_axis_bucket(const struct chart_axis *axis, int day);
int chart_axis_day(const struct chart_axis *axis, int bucket);

/* The dot column of a bucket's centre when `count` buckets share `dots` dot columns, and the
 * bucket whose slot holds dot column `x`. */
int chart_bucket_x(int bucket, int count, int dots);
int chart_x_bucket(int x, int count, int dots);

/* The buckets drawn in cell `cell` (cells `dot_width` dots wide): those whose points fall in it,
 * or, when buckets are wider than a cell, the one under the cell's middle. False outside the
 * plot and for the gap left between wide bars (the last cell of a slot three cells or wider). */
bool chart_cell_buckets(int cell, int dot_width, int count, int dots, int *first, int *last);

/* --- Scales and ticks -------------------------------------------------------------------- */

/* The dot row (0 at the top) of `value` on a scale min..max spread over `dots` rows; values
 * outside are clamped. A flat scale (min == max) puts everything in the middle. */
int chart_value_y(double value, double min, double max, int dots);

/* Where `value` falls between min and max, clamped to 0..1; 0.5 when max is not above min. Shared
 * by every scale (chart rows, calendar shades) so flat series look the same everywhere. */
double chart_fraction(double value, double min, double max);

/* Tick values for a y axis from min to max drawn on `rows` text rows: multiples of a step of 1,
 * 2 or 5 times a power of ten, chosen so that no two ticks share a row. Returns the count. */
size_t chart_y_ticks(double min, double max, int rows, double *ticks, size_t max_ticks);

struct chart_tick {
    int cell;       /* column of the tick in the plot */
    int label_cell; /* where its label starts: the tick, or left of it for the last label */
    int day;
    char label[12];
};

/* Ticks for the time axis of a plot `cells` wide: the finest of days, weeks, months, quarters,
 * years or decades whose labels do not run into each other. Returns the count. */
size_t chart_x_ticks(const struct chart_axis *axis, int cells, int dot_width,
                     struct chart_tick *ticks, size_t max_ticks);

/* --- Dots --------------------------------------------------------------------------------- */

/* The bit of the dot at column dx (0..1), row dy (0..3 from the top) of a braille cell. */
unsigned chart_braille_bit(int dx, int dy);

/* Writes the UTF-8 of U+2800 + bits (bits 0..255) and a terminator; returns its length (3). */
int chart_braille_encode(unsigned bits, char out[4]);

enum chart_dot_kind { CHART_DOT_NONE, CHART_DOT_LINE, CHART_DOT_POINT };

/* A grid of cells, each holding dot bits (braille) and the series that drew in it last. */
struct chart_canvas {
    int width; /* cells */
    int height;
    int dot_width; /* dots a cell: 2 x 4 for braille, 1 x 1 for the plain grid */
    int dot_height;
    unsigned char *bits;
    signed char *owner;  /* series index, -1 where nothing was drawn */
    unsigned char *kind; /* enum chart_dot_kind, the strongest drawn in the cell */
};

void chart_canvas_init(struct chart_canvas *canvas, int width, int height, bool braille);
void chart_canvas_release(struct chart_canvas *canvas);

/* Sets one dot (dot coordinates; outside is ignored). */
void chart_canvas_dot(struct chart_canvas *canvas, int x, int y, int series,
                      enum chart_dot_kind kind);
/* A straight segment between two dots, both ends included. */
void chart_canvas_line(struct chart_canvas *canvas, int x0, int y0, int x1, int y1, int series);

/* Plots one value per bucket (NaN = missing) on the scale min..max: points, joined to the next
 * bucket's point when `join` and both are present. */
void chart_canvas_plot(struct chart_canvas *canvas, const double *values, int count, double min,
                       double max, int series, bool join);

/* Eighths of a bar for `value` in a strip of `rows` rows scaled 0..max; a positive value is at
 * least one eighth. */
int chart_bar_eighths(double value, double max, int rows);

/* Fills values[0 .. axis->count - 1] with the points' values by bucket (NaN where none). */
void chart_axis_fill(const struct chart_axis *axis, const struct chart_point *points, size_t count,
                     double *values);

/* --- Drawing ------------------------------------------------------------------------------ */

struct chart_series {
    const char *label;
    const char *unit;                 /* after values in the readout ("h"); NULL or "" for none */
    const struct chart_point *points; /* oldest first, one per bucket at most */
    size_t count;
    double min; /* the scale the values live on (0..4 for severities); NaN: from the data */
    double max;
    bool bars;
};

struct chart_mark {
    int day;
    const char *label;
};

/* Days from..to shaded behind the lines (an experiment's periods with the change). */
struct chart_band {
    int from, to;
};

struct chart_panel {
    struct chart_axis axis;
    const struct chart_series *series;
    size_t series_count;
    const struct chart_mark *marks;
    size_t mark_count;
    const struct chart_band *bands; /* may be NULL */
    size_t band_count;
    /* NULL, or fills out[0..count) with the trailing average of values[0..count) over `window`
     * buckets (NaN where there is none): the line then drawn. */
    void (*average)(const double *values, size_t count, size_t window, double *out);
    size_t average_window;
    int cursor; /* a bucket, or -1 */
};

/* The marker glyph of the i-th series ("●", "■", ... or "*", "+", ... in ASCII). */
const char *chart_series_glyph(int index);

/* Width in cells of the plot the panel draws in `area` (for moving the cursor a cell a key). */
int chart_panel_plot_width(const struct chart_panel *chart, struct draw_rect area);
/* Where the plot's cells are (inside its axis and right border), for text drawn over it. */
struct draw_rect chart_panel_plot_area(const struct chart_panel *chart, struct draw_rect area);

/* Draws legend, lines, bars, time axis and the cursor readout in `area`. */
void chart_panel_draw(const struct chart_panel *chart, struct draw_rect area);

#endif
