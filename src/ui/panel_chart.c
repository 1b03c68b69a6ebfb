/* panel_chart.c - the time chart: pure axis, scale and dot arithmetic, then curses drawing. */
#include "ui/panel_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "numbers.h"
#include "text.h"
#include "xalloc.h"

/* --- The time axis ------------------------------------------------------------------------ */

static int month_index(int day)
{
    int year, month, dom;
    date_to_parts(day, &year, &month, &dom);
    return year * 12 + (month - 1);
}

static int floor_div(int a, int b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

struct chart_axis chart_axis_make(enum chart_step step, int from, int to)
{
    struct chart_axis axis = {step, from, 1};
    if (step == CHART_BY_WEEK)
        axis.first = date_week_start(from);
    else if (step == CHART_BY_MONTH)
        axis.first = date_month_start(from);
    axis.count = chart_axis_bucket(&axis, to) + 1;
    if (axis.count < 1)
        axis.count = 1;
    return axis;
}

int chart_axis_bucket(const struct chart_axis *axis, int day)
{
    switch (axis->step) {
    case CHART_BY_WEEK:
        return floor_div(day - axis->first, 7);
    case CHART_BY_MONTH:
        return month_index(day) - month_index(axis->first);
    default:
        return day - axis->first;
    }
}

int chart_axis_day(const struct chart_axis *axis, int bucket)
{
    switch (axis->step) {
    case CHART_BY_WEEK:
        return axis->first + 7 * bucket;
    case CHART_BY_MONTH:
        return date_add_months(axis->first, bucket);
    default:
        return axis->first + bucket;
    }
}

void chart_axis_fill(const struct chart_axis *axis, const struct chart_point *points, size_t count,
                     double *values)
{
    for (int i = 0; i < axis->count; i++)
        values[i] = NAN;
    for (size_t i = 0; i < count; i++) {
        int bucket = chart_axis_bucket(axis, points[i].day);
        if (bucket >= 0 && bucket < axis->count)
            values[bucket] = points[i].value;
    }
}

int chart_bucket_x(int bucket, int count, int dots)
{
    if (count <= 0 || dots <= 0)
        return 0;
    return (int)(((2LL * bucket + 1) * dots) / (2LL * count));
}

int chart_x_bucket(int x, int count, int dots)
{
    if (count <= 0 || dots <= 0)
        return 0;
    /* The slot that holds the middle of dot column x. */
    long long bucket = ((2LL * x + 1) * count) / (2LL * dots);
    if (x < 0 || bucket < 0)
        return 0;
    return bucket >= count ? count - 1 : (int)bucket;
}

/* The first bucket whose point falls at dot column `x` or after it (count when none). */
static int first_bucket_from(int x, int count, int dots)
{
    int bucket = chart_x_bucket(x, count, dots);
    while (bucket > 0 && chart_bucket_x(bucket - 1, count, dots) >= x)
        bucket--;
    while (bucket < count && chart_bucket_x(bucket, count, dots) < x)
        bucket++;
    return bucket;
}

bool chart_cell_buckets(int cell, int dot_width, int count, int dots, int *first, int *last)
{
    int left = cell * dot_width;
    if (cell < 0 || left >= dots || count <= 0)
        return false;
    /* The buckets whose points are drawn in this cell, so that bars and lines line up. */
    *first = first_bucket_from(left, count, dots);
    *last = first_bucket_from(left + dot_width, count, dots) - 1;
    if (*first <= *last)
        return true;
    /* Slots wider than a cell: the one under the cell's middle, with the last cell of a slot
     * three cells wide or more left blank so that neighbouring bars stay apart. */
    *first = *last = chart_x_bucket(left + dot_width / 2, count, dots);
    bool wide_slot = (long long)dots >= 3LL * dot_width * count;
    bool slot_ends_here = left + dot_width >= dots ||
                          chart_x_bucket(left + dot_width + dot_width / 2, count, dots) != *first;
    return !(wide_slot && slot_ends_here);
}

/* --- Scales and ticks -------------------------------------------------------------------- */

double chart_fraction(double value, double min, double max)
{
    if (!(max > min))
        return 0.5; /* a flat series sits in the middle */
    double fraction = (value - min) / (max - min);
    return fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
}

int chart_value_y(double value, double min, double max, int dots)
{
    if (dots <= 1)
        return 0;
    return (int)lround((1 - chart_fraction(value, min, max)) * (dots - 1));
}

/* Multiples of `step` in min..max, or 0 when there would be more than `max_ticks`. */
static size_t ticks_of_step(double min, double max, double step, double *ticks, size_t max_ticks)
{
    size_t count = 0;
    for (double k = ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
        if (count == max_ticks)
            return 0;
        ticks[count++] = fabs(k * step) < step * 1e-9 ? 0 : k * step;
    }
    return count;
}

static bool ticks_spaced(const double *ticks, size_t count, double min, double max, int rows,
                         int gap)
{
    for (size_t i = 1; i < count; i++) {
        int a = chart_value_y(ticks[i - 1], min, max, rows);
        int b = chart_value_y(ticks[i], min, max, rows);
        if (a - b < gap)
            return false;
    }
    return true;
}

size_t chart_y_ticks(double min, double max, int rows, double *ticks, size_t max_ticks)
{
    if (max_ticks == 0 || rows < 1)
        return 0;
    if (!(max > min)) {
        ticks[0] = min;
        return 1;
    }
    /* A blank row between labels when there is room; never more than about one label in three
     * rows, so that 0..4 reads 0 1 2 3 4 rather than in halves. */
    int gap = rows >= 5 ? 2 : 1;
    size_t most = (size_t)(rows / 3 + 1) < 3 ? 3 : (size_t)(rows / 3 + 1);
    if (most > max_ticks)
        most = max_ticks;
    double base = pow(10, floor(log10((max - min) / rows)) - 1);
    static const double multipliers[] = {1, 2, 5};
    for (int power = 0; power < 6; power++, base *= 10)
        for (int m = 0; m < 3; m++) {
            size_t count = ticks_of_step(min, max, base * multipliers[m], ticks, most);
            if (count > 0 && ticks_spaced(ticks, count, min, max, rows, gap))
                return count;
        }
    ticks[0] = min;
    ticks[1] = max;
    return rows >= 2 && max_ticks >= 2 ? 2 : 1;
}

enum tick_kind { TICK_DAY, TICK_WEEK, TICK_MONTH, TICK_QUARTER, TICK_YEAR, TICK_YEARS_5 };

/* The first tick of a kind on or after `day`. */
static int tick_align(enum tick_kind kind, int day)
{
    int year, month, dom;
    date_to_parts(day, &year, &month, &dom);
    switch (kind) {
    case TICK_DAY:
        return day;
    case TICK_WEEK:
        return date_week_start(day) == day ? day : date_week_start(day) + 7;
    case TICK_MONTH:
        return dom == 1 ? day : date_add_months(day, 1);
    case TICK_QUARTER: {
        int start = date_from_parts(year, (month - 1) / 3 * 3 + 1, 1);
        return start == day ? day : date_add_months(start, 3);
    }
    default: {
        int every = kind == TICK_YEAR ? 1 : 5;
        int first = (year + every - 1) / every * every;
        int start = date_from_parts(first, 1, 1);
        return start >= day ? start : date_from_parts(first + every, 1, 1);
    }
    }
}

static int tick_next(enum tick_kind kind, int day)
{
    static const int months[] = {
        [TICK_MONTH] = 1, [TICK_QUARTER] = 3, [TICK_YEAR] = 12, [TICK_YEARS_5] = 60};
    if (kind == TICK_DAY)
        return day + 1;
    if (kind == TICK_WEEK)
        return day + 7;
    return date_add_months(day, months[kind]);
}

static void tick_label(enum tick_kind kind, int day, char *label, size_t size)
{
    int year, month, dom;
    date_to_parts(day, &year, &month, &dom);
    if (kind <= TICK_WEEK)
        snprintf(label, size, "%s %d", date_month_name(month), dom);
    else if (kind <= TICK_QUARTER && month != 1)
        snprintf(label, size, "%s", date_month_name(month));
    else
        snprintf(label, size, "%d", year);
}

/* The ticks of one kind, or 0 when their labels would touch or there are too many; when
 * `thin`, ticks whose labels would touch are skipped instead. */
static size_t ticks_of_kind(const struct chart_axis *axis, enum tick_kind kind, int cells,
                            int dot_width, bool thin, struct chart_tick *ticks, size_t max_ticks)
{
    int last_day = chart_axis_day(axis, axis->count) - 1;
    int dots = cells * dot_width;
    size_t count = 0;
    for (int day = tick_align(kind, axis->first); day <= last_day; day = tick_next(kind, day)) {
        int bucket = chart_axis_bucket(axis, day);
        struct chart_tick tick = {chart_bucket_x(bucket, axis->count, dots) / dot_width, 0, day,
                                  ""};
        tick_label(kind, day, tick.label, sizeof tick.label);
        /* The last label may start left of its tick to end at the edge. */
        tick.label_cell = tick.cell;
        if (tick.label_cell + (int)strlen(tick.label) > cells)
            tick.label_cell = cells - (int)strlen(tick.label);
        bool touches = count > 0 && tick.label_cell - ticks[count - 1].label_cell <=
                                        (int)strlen(ticks[count - 1].label);
        if (tick.label_cell < 0 || (touches && tick.label_cell != tick.cell))
            break;
        if (touches && thin)
            continue;
        if (touches || count == max_ticks)
            return thin ? count : 0;
        ticks[count++] = tick;
    }
    return count;
}

size_t chart_x_ticks(const struct chart_axis *axis, int cells, int dot_width,
                     struct chart_tick *ticks, size_t max_ticks)
{
    enum tick_kind finest = axis->step == CHART_BY_DAY    ? TICK_DAY
                            : axis->step == CHART_BY_WEEK ? TICK_WEEK
                                                          : TICK_MONTH;
    for (int kind = finest; kind <= TICK_YEARS_5; kind++) {
        size_t count =
            ticks_of_kind(axis, (enum tick_kind)kind, cells, dot_width, false, ticks, max_ticks);
        if (count > 0)
            return count;
    }
    /* Decades on a few columns: as many five-year ticks as have room. */
    return ticks_of_kind(axis, TICK_YEARS_5, cells, dot_width, true, ticks, max_ticks);
}

/* --- Dots --------------------------------------------------------------------------------- */

unsigned chart_braille_bit(int dx, int dy)
{
    /* Braille numbers its dots 1-2-3 down the left column, 4-5-6 down the right, then 7 and 8
     * under them: bits 0-2, 3-5, then 6 (left) and 7 (right). */
    static const unsigned char bits[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    if (dx < 0 || dx > 1 || dy < 0 || dy > 3)
        return 0;
    return bits[dx][dy];
}

int chart_braille_encode(unsigned bits, char out[4])
{
    unsigned code = 0x2800 + (bits & 0xff);
    out[0] = (char)(0xe0 | (code >> 12));
    out[1] = (char)(0x80 | ((code >> 6) & 0x3f));
    out[2] = (char)(0x80 | (code & 0x3f));
    out[3] = '\0';
    return 3;
}

void chart_canvas_init(struct chart_canvas *canvas, int width, int height, bool braille)
{
    size_t cells = (size_t)(width > 0 ? width : 0) * (size_t)(height > 0 ? height : 0);
    canvas->width = width > 0 ? width : 0;
    canvas->height = height > 0 ? height : 0;
    canvas->dot_width = braille ? 2 : 1;
    canvas->dot_height = braille ? 4 : 1;
    canvas->bits = xcalloc(cells + 1, 1);
    canvas->kind = xcalloc(cells + 1, 1);
    canvas->owner = xmalloc(cells + 1);
    memset(canvas->owner, -1, cells + 1);
}

void chart_canvas_release(struct chart_canvas *canvas)
{
    free(canvas->bits);
    free(canvas->kind);
    free(canvas->owner);
    memset(canvas, 0, sizeof *canvas);
}

void chart_canvas_dot(struct chart_canvas *canvas, int x, int y, int series,
                      enum chart_dot_kind kind)
{
    if (x < 0 || y < 0 || x >= canvas->width * canvas->dot_width ||
        y >= canvas->height * canvas->dot_height)
        return;
    size_t cell =
        (size_t)(y / canvas->dot_height) * (size_t)canvas->width + (size_t)(x / canvas->dot_width);
    if (canvas->dot_width == 2)
        canvas->bits[cell] |= (unsigned char)chart_braille_bit(x % 2, y % 4);
    if (kind >= canvas->kind[cell]) {
        canvas->kind[cell] = (unsigned char)kind;
        canvas->owner[cell] = (signed char)series;
    }
}

void chart_canvas_line(struct chart_canvas *canvas, int x0, int y0, int x1, int y1, int series)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int error = dx + dy;
    for (;;) {
        chart_canvas_dot(canvas, x0, y0, series, CHART_DOT_LINE);
        if (x0 == x1 && y0 == y1)
            return;
        int twice = 2 * error;
        if (twice >= dy) {
            error += dy;
            x0 += sx;
        }
        if (twice <= dx) {
            error += dx;
            y0 += sy;
        }
    }
}

static bool present(const double *values, int count, int index)
{
    return index >= 0 && index < count && !isnan(values[index]);
}

void chart_canvas_plot(struct chart_canvas *canvas, const double *values, int count, double min,
                       double max, int series, bool join)
{
    int dots_x = canvas->width * canvas->dot_width;
    int dots_y = canvas->height * canvas->dot_height;
    for (int b = 0; b < count; b++) {
        if (!present(values, count, b))
            continue;
        int x = chart_bucket_x(b, count, dots_x);
        int y = chart_value_y(values[b], min, max, dots_y);
        bool joined = join && present(values, count, b + 1);
        if (joined)
            chart_canvas_line(canvas, x, y, chart_bucket_x(b + 1, count, dots_x),
                              chart_value_y(values[b + 1], min, max, dots_y), series);
        bool alone = !joined && !(join && present(values, count, b - 1));
        if (alone && canvas->dot_width == 2)
            chart_canvas_dot(canvas, x ^ 1, y, series, CHART_DOT_POINT);
        chart_canvas_dot(canvas, x, y, series, CHART_DOT_POINT);
    }
}

int chart_bar_eighths(double value, double max, int rows)
{
    if (!(value > 0) || !(max > 0) || rows < 1)
        return 0;
    long eighths = lround(value / max * rows * 8);
    if (eighths < 1)
        eighths = 1;
    return eighths > rows * 8 ? rows * 8 : (int)eighths;
}

/* --- Drawing ------------------------------------------------------------------------------ */

#define CHART_MAX_TICKS 64
#define CHART_MAX_Y_TICKS 16

static const char *const series_glyphs[][2] = {
    {"\u25cf", "*"}, {"\u25a0", "+"}, {"\u25b2", "o"},
    {"\u25c6", "x"}, {"\u25cb", "%"}, {"\u25a1", "@"},
};

const char *chart_series_glyph(int index)
{
    int count = (int)(sizeof series_glyphs / sizeof series_glyphs[0]);
    if (index < 0)
        index = 0;
    return series_glyphs[index % count][theme_is_utf8() ? 0 : 1];
}

/* Everything one draw needs: the series by bucket, the scales and where each part goes. */
struct chart_frame {
    const struct chart_panel *chart;
    struct draw_rect area;
    bool braille;
    int dot_width;
    double **values;  /* per series, by bucket */
    double **average; /* per line series when the moving average is on, else NULL */
    double *bar_max;  /* per bar series */
    double min, max;  /* the line scale */
    double ticks[CHART_MAX_Y_TICKS];
    size_t tick_count;
    int decimals;
    int line_count, bar_count;
    int legend_y, plot_y, plot_rows, bars_y, bar_rows, bars_shown, axis_y, readout_y;
    int gutter, plot_x, plot_width;
    int cursor_cell;        /* -1 when none */
    signed char *mark_cell; /* per plot cell: 1 where a mark's line runs, 2 in a band */
};

static const char *glyph_text(const char *utf8, const char *ascii)
{
    return theme_is_utf8() ? utf8 : ascii;
}

static void format_value(double value, int decimals, char *out, size_t size)
{
    if (isnan(value))
        snprintf(out, size, "%s", glyph_text("\u2013", "-"));
    else if (decimals < 0)
        snprintf(out, size, "%.*f", fabs(value - round(value)) < 0.05 ? 0 : 1, value);
    else
        snprintf(out, size, "%.*f", decimals, value);
}

static void frame_values(struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    size_t buckets = (size_t)chart->axis.count;
    frame->values = xcalloc(chart->series_count + 1, sizeof *frame->values);
    frame->average = xcalloc(chart->series_count + 1, sizeof *frame->average);
    frame->bar_max = xcalloc(chart->series_count + 1, sizeof *frame->bar_max);
    for (size_t i = 0; i < chart->series_count; i++) {
        const struct chart_series *series = &chart->series[i];
        frame->values[i] = xmalloc(buckets * sizeof(double));
        chart_axis_fill(&chart->axis, series->points, series->count, frame->values[i]);
        if (series->bars)
            frame->bar_count++;
        else
            frame->line_count++;
        if (!series->bars && chart->average != NULL) {
            frame->average[i] = xmalloc(buckets * sizeof(double));
            chart->average(frame->values[i], buckets, chart->average_window, frame->average[i]);
        }
    }
}

/* Widens min..max to hold the values of one series (its declared range when it has one). */
static void extend_range(const struct chart_series *series, const double *values, int count,
                         double *min, double *max)
{
    if (!isnan(series->min))
        *min = fmin(*min, series->min);
    if (!isnan(series->max))
        *max = fmax(*max, series->max);
    for (int b = 0; b < count; b++) {
        if (isnan(values[b]))
            continue;
        if (isnan(series->min))
            *min = fmin(*min, values[b]);
        if (isnan(series->max))
            *max = fmax(*max, values[b]);
    }
}

static void frame_scales(struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    frame->min = INFINITY;
    frame->max = -INFINITY;
    for (size_t i = 0; i < chart->series_count; i++) {
        if (!chart->series[i].bars) {
            extend_range(&chart->series[i], frame->values[i], chart->axis.count, &frame->min,
                         &frame->max);
            continue;
        }
        /* Bars read against each other within a strip: its own largest value is the top. */
        double high = 0;
        for (int b = 0; b < chart->axis.count; b++)
            if (frame->values[i][b] > high)
                high = frame->values[i][b];
        frame->bar_max[i] = high > 0 ? high : 1;
    }
    if (!(frame->min <= frame->max)) {
        frame->min = 0;
        frame->max = 1;
    } else if (frame->min == frame->max) {
        frame->min -= 1;
        frame->max += 1;
    }
}

static void frame_rows(struct chart_frame *frame)
{
    struct draw_rect area = frame->area;
    int rest = area.height - 1, y = area.y, bars = frame->bar_count;
    frame->legend_y = frame->readout_y = -1;
    if (rest >= 6) {
        frame->legend_y = y++;
        rest--;
    }
    if (rest >= 5) {
        frame->readout_y = area.y + area.height - 1;
        rest--;
    }
    if (frame->line_count > 0) {
        frame->bar_rows = rest >= 8 * bars + 8 ? 3 : rest >= 2 * bars + 8 ? 2 : 1;
        frame->bars_shown = (rest - 3) / frame->bar_rows;
        if (frame->bars_shown > bars)
            frame->bars_shown = bars;
        if (frame->bars_shown < 0)
            frame->bars_shown = 0;
        frame->plot_rows = rest - frame->bars_shown * frame->bar_rows;
    } else {
        frame->bar_rows = bars > 0 ? rest / bars : 0;
        frame->bar_rows = frame->bar_rows > 8 ? 8 : frame->bar_rows < 1 ? 1 : frame->bar_rows;
        frame->bars_shown = bars < rest / frame->bar_rows ? bars : rest / frame->bar_rows;
        frame->plot_rows = 0;
    }
    frame->plot_y = y;
    frame->bars_y = y + frame->plot_rows;
    frame->axis_y = frame->bars_y + frame->bars_shown * frame->bar_rows;
}

static int frame_label_width(struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    int width = 1;
    char label[32];
    for (size_t i = 0; i < frame->tick_count; i++) {
        format_value(frame->ticks[i], frame->decimals, label, sizeof label);
        if ((int)strlen(label) > width)
            width = (int)strlen(label);
    }
    for (size_t i = 0; i < chart->series_count; i++) {
        if (!chart->series[i].bars)
            continue;
        format_value(frame->bar_max[i], -1, label, sizeof label);
        if ((int)strlen(label) > width)
            width = (int)strlen(label);
    }
    return width;
}

static void frame_columns(struct chart_frame *frame)
{
    if (frame->plot_rows > 0)
        frame->tick_count = chart_y_ticks(frame->min, frame->max, frame->plot_rows, frame->ticks,
                                          CHART_MAX_Y_TICKS);
    /* Whole ticks without decimals, others with as many as the step needs: 4, 3.5, 3. */
    double step = frame->tick_count >= 2 ? frame->ticks[1] - frame->ticks[0] : 1;
    frame->decimals = step >= 0.999 ? 0 : step >= 0.0999 ? -1 : 2;
    frame->gutter = frame_label_width(frame) + 3;
    frame->plot_x = frame->area.x + frame->gutter;
    frame->plot_width = frame->area.width - frame->gutter - 1;
}

static void frame_cells(struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    int count = chart->axis.count, dots = frame->plot_width * frame->dot_width;
    frame->cursor_cell = -1;
    if (chart->cursor >= 0 && chart->cursor < count)
        frame->cursor_cell = chart_bucket_x(chart->cursor, count, dots) / frame->dot_width;
    frame->mark_cell = xcalloc((size_t)frame->plot_width + 1, 1);
    for (size_t i = 0; i < chart->mark_count; i++) {
        int bucket = chart_axis_bucket(&chart->axis, chart->marks[i].day);
        if (bucket >= 0 && bucket < count)
            frame->mark_cell[chart_bucket_x(bucket, count, dots) / frame->dot_width] = 1;
    }
    /* A band runs from its first bucket's cell to its last one's, as a mark is placed. */
    for (size_t i = 0; i < chart->band_count; i++) {
        int first = chart_axis_bucket(&chart->axis, chart->bands[i].from);
        int last = chart_axis_bucket(&chart->axis, chart->bands[i].to);
        first = first < 0 ? 0 : first;
        last = last >= count ? count - 1 : last;
        if (first > last)
            continue;
        int from = chart_bucket_x(first, count, dots) / frame->dot_width;
        int to = chart_bucket_x(last, count, dots) / frame->dot_width;
        for (int cell = from; cell <= to && cell < frame->plot_width; cell++)
            if (frame->mark_cell[cell] == 0)
                frame->mark_cell[cell] = 2;
    }
}

static void frame_init(struct chart_frame *frame, const struct chart_panel *chart,
                       struct draw_rect area)
{
    memset(frame, 0, sizeof *frame);
    frame->chart = chart;
    frame->area = area;
    frame->braille = theme_is_utf8();
    frame->dot_width = frame->braille ? 2 : 1;
    frame_values(frame);
    frame_scales(frame);
    frame_rows(frame);
    frame_columns(frame);
    if (frame->plot_width > 0)
        frame_cells(frame);
}

static void frame_release(struct chart_frame *frame)
{
    for (size_t i = 0; i < frame->chart->series_count; i++) {
        free(frame->values[i]);
        free(frame->average[i]);
    }
    free(frame->values);
    free(frame->average);
    free(frame->bar_max);
    free(frame->mark_cell);
}

int chart_panel_plot_width(const struct chart_panel *chart, struct draw_rect area)
{
    return chart_panel_plot_area(chart, area).width;
}

struct draw_rect chart_panel_plot_area(const struct chart_panel *chart, struct draw_rect area)
{
    struct chart_frame frame;
    frame_init(&frame, chart, area);
    struct draw_rect plot = {frame.plot_y, frame.plot_x, frame.plot_rows, frame.plot_width};
    frame_release(&frame);
    return plot;
}

/* --- Drawing: the parts ------------------------------------------------------------------- */

static void draw_glyph(int y, int x, const char *glyph, attr_t attributes)
{
    draw_text_attr(y, x, 1, glyph, attributes);
}

/* What an empty cell of the plot or of a bar strip shows: the cursor's line, a mark's, a band's
 * shade, or nothing. */
static void draw_empty_cell(const struct chart_frame *frame, int y, int cell)
{
    int x = frame->plot_x + cell;
    if (cell == frame->cursor_cell)
        draw_glyph(y, x, theme_glyph(GLYPH_VLINE), theme_attr(THEME_NORMAL));
    else if (frame->mark_cell[cell] == 1)
        draw_glyph(y, x, glyph_text("\u2506", ":"), theme_attr(THEME_DIM));
    else if (frame->mark_cell[cell] == 2)
        draw_glyph(y, x, glyph_text("\u2591", " "), theme_attr(THEME_DIM));
}

static attr_t cell_attributes(const struct chart_frame *frame, int series, int cell)
{
    attr_t attributes = theme_attr(theme_series_role(series));
    return cell == frame->cursor_cell ? attributes | A_REVERSE : attributes;
}

static void draw_canvas(const struct chart_frame *frame, const struct chart_canvas *canvas)
{
    for (int row = 0; row < canvas->height; row++)
        for (int cell = 0; cell < canvas->width; cell++) {
            size_t index = (size_t)row * (size_t)canvas->width + (size_t)cell;
            int y = frame->plot_y + row;
            if (canvas->kind[index] == CHART_DOT_NONE) {
                draw_empty_cell(frame, y, cell);
                continue;
            }
            char glyph[8];
            if (frame->braille)
                chart_braille_encode(canvas->bits[index], glyph);
            else
                snprintf(glyph, sizeof glyph, "%s",
                         canvas->kind[index] == CHART_DOT_POINT
                             ? chart_series_glyph(canvas->owner[index])
                             : ".");
            draw_glyph(y, frame->plot_x + cell, glyph,
                       cell_attributes(frame, canvas->owner[index], cell));
        }
}

/* The last value of a line and the row it is on, or -1 when the line is empty. */
static int line_end_row(const struct chart_frame *frame, const double *values)
{
    int dots = frame->plot_rows * (frame->braille ? 4 : 1);
    for (int b = frame->chart->axis.count - 1; b >= 0; b--)
        if (!isnan(values[b]))
            return chart_value_y(values[b], frame->min, frame->max, dots) /
                   (frame->braille ? 4 : 1);
    return -1;
}

/* The free row nearest `row`, looking up and down alternately; -1 when all are taken. */
static int nearest_free_row(const bool *taken, int rows, int row)
{
    for (int distance = 0; distance < rows; distance++) {
        if (row + distance < rows && !taken[row + distance])
            return row + distance;
        if (row - distance >= 0 && !taken[row - distance])
            return row - distance;
    }
    return -1;
}

/* Each line's marker glyph at the right of the plot, at the height where the line ends, so that
 * lines can be told apart without colour. */
static void draw_line_ends(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    bool *taken = xcalloc((size_t)frame->plot_rows + 1, sizeof *taken);
    for (size_t i = 0; i < chart->series_count; i++) {
        if (chart->series[i].bars)
            continue;
        int row = line_end_row(frame, frame->average[i] ? frame->average[i] : frame->values[i]);
        if (row < 0)
            continue;
        row = nearest_free_row(taken, frame->plot_rows, row);
        if (row < 0)
            continue;
        taken[row] = true;
        draw_glyph(frame->plot_y + row, frame->plot_x + frame->plot_width,
                   chart_series_glyph((int)i), theme_attr(theme_series_role((int)i)));
    }
    free(taken);
}

static void draw_lines(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    struct chart_canvas canvas;
    chart_canvas_init(&canvas, frame->plot_width, frame->plot_rows, frame->braille);
    for (size_t i = 0; i < chart->series_count; i++) {
        if (chart->series[i].bars)
            continue;
        chart_canvas_plot(&canvas, frame->values[i], chart->axis.count, frame->min, frame->max,
                          (int)i, frame->average[i] == NULL);
        if (frame->average[i] != NULL)
            chart_canvas_plot(&canvas, frame->average[i], chart->axis.count, frame->min, frame->max,
                              (int)i, true);
    }
    draw_canvas(frame, &canvas);
    chart_canvas_release(&canvas);
    draw_line_ends(frame);
}

static void draw_y_axis(const struct chart_frame *frame)
{
    int axis_x = frame->plot_x - 1, dot_height = frame->braille ? 4 : 1;
    for (int row = 0; row < frame->plot_rows; row++)
        draw_glyph(frame->plot_y + row, axis_x, theme_glyph(GLYPH_VLINE), theme_attr(THEME_DIM));
    for (size_t i = 0; i < frame->tick_count; i++) {
        int row =
            chart_value_y(frame->ticks[i], frame->min, frame->max, frame->plot_rows * dot_height) /
            dot_height;
        char label[32];
        format_value(frame->ticks[i], frame->decimals, label, sizeof label);
        draw_text_right(frame->plot_y + row, frame->area.x, frame->gutter - 1, label, THEME_DIM);
        draw_glyph(frame->plot_y + row, axis_x, glyph_text("\u2524", "+"), theme_attr(THEME_DIM));
    }
}

static double cell_value(const double *values, int first, int last)
{
    double sum = 0;
    int count = 0;
    for (int b = first; b <= last; b++)
        if (!isnan(values[b])) {
            sum += values[b];
            count++;
        }
    return count > 0 ? sum / count : NAN;
}

static const char *bar_glyph(int fill, bool bottom)
{
    static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                         "\u2585", "\u2586", "\u2587", "\u2588"};
    if (fill <= 0)
        return NULL;
    if (!theme_is_utf8())
        return fill >= 4 || bottom ? "#" : NULL;
    return blocks[fill > 8 ? 7 : fill - 1];
}

static void draw_bar_cell(const struct chart_frame *frame, int series, int top, int cell,
                          double value)
{
    int rows = frame->bar_rows;
    int eighths = isnan(value) ? 0 : chart_bar_eighths(value, frame->bar_max[series], rows);
    for (int row = 0; row < rows; row++) {
        bool bottom = row == rows - 1;
        const char *glyph = bar_glyph(eighths - 8 * (rows - 1 - row), bottom);
        if (glyph != NULL)
            draw_glyph(top + row, frame->plot_x + cell, glyph,
                       cell_attributes(frame, series, cell));
        else if (bottom && value == 0 && cell != frame->cursor_cell)
            draw_glyph(top + row, frame->plot_x + cell, theme_glyph(GLYPH_DOT_EMPTY),
                       theme_attr(THEME_DIM));
        else
            draw_empty_cell(frame, top + row, cell);
    }
}

static void draw_strip_gutter(const struct chart_frame *frame, int series, int top)
{
    char label[32];
    format_value(frame->bar_max[series], -1, label, sizeof label);
    draw_glyph(top, frame->area.x, chart_series_glyph(series),
               theme_attr(theme_series_role(series)));
    draw_text_right(top, frame->area.x, frame->gutter - 1, label, THEME_DIM);
    for (int row = 0; row < frame->bar_rows; row++)
        draw_glyph(top + row, frame->plot_x - 1,
                   row == 0 ? glyph_text("\u2524", "+") : theme_glyph(GLYPH_VLINE),
                   theme_attr(THEME_DIM));
    if (frame->bar_rows >= 2)
        draw_text_right(top + frame->bar_rows - 1, frame->area.x, frame->gutter - 1, "0",
                        THEME_DIM);
}

static void draw_bars(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    int count = chart->axis.count, dots = frame->plot_width * frame->dot_width, strip = 0;
    for (size_t i = 0; i < chart->series_count && strip < frame->bars_shown; i++) {
        if (!chart->series[i].bars)
            continue;
        int top = frame->bars_y + strip++ * frame->bar_rows;
        draw_strip_gutter(frame, (int)i, top);
        for (int cell = 0; cell < frame->plot_width; cell++) {
            int first, last;
            double value = NAN;
            if (chart_cell_buckets(cell, frame->dot_width, count, dots, &first, &last))
                value = cell_value(frame->values[i], first, last);
            draw_bar_cell(frame, (int)i, top, cell, value);
        }
    }
}

static int mark_cell(const struct chart_frame *frame, const struct chart_mark *mark)
{
    const struct chart_axis *axis = &frame->chart->axis;
    int bucket = chart_axis_bucket(axis, mark->day);
    if (bucket < 0 || bucket >= axis->count)
        return -1;
    return chart_bucket_x(bucket, axis->count, frame->plot_width * frame->dot_width) /
           frame->dot_width;
}

/* Each mark's label at the top, from its line to the next mark's. */
static void draw_mark_labels(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    int y = frame->plot_y;
    for (size_t i = 0; i < chart->mark_count; i++) {
        int cell = mark_cell(frame, &chart->marks[i]);
        if (cell < 0 || chart->marks[i].label == NULL)
            continue;
        int end = frame->plot_width;
        for (size_t j = 0; j < chart->mark_count; j++) {
            int other = mark_cell(frame, &chart->marks[j]);
            if (other > cell && other < end)
                end = other;
        }
        draw_text(y, frame->plot_x + cell + 1, end - cell - 1, chart->marks[i].label,
                  THEME_MESSAGE);
    }
}

static void draw_x_axis(const struct chart_frame *frame)
{
    struct chart_tick ticks[CHART_MAX_TICKS];
    size_t count = chart_x_ticks(&frame->chart->axis, frame->plot_width, frame->dot_width, ticks,
                                 CHART_MAX_TICKS);
    int y = frame->axis_y;
    draw_glyph(y, frame->plot_x - 1, glyph_text("\u2514", "+"), theme_attr(THEME_DIM));
    draw_hline(y, frame->plot_x, frame->plot_width, THEME_DIM);
    for (size_t i = 0; i < count; i++)
        draw_text(y, frame->plot_x + ticks[i].label_cell, frame->plot_width - ticks[i].label_cell,
                  ticks[i].label, THEME_NORMAL);
}

static const char *step_word(enum chart_step step)
{
    return step == CHART_BY_DAY ? "day" : step == CHART_BY_WEEK ? "week" : "month";
}

static void draw_legend(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    int x = frame->area.x + 1, right = frame->area.x + frame->area.width;
    for (size_t i = 0; i < chart->series_count && x < right; i++) {
        x += draw_text(frame->legend_y, x, right - x, chart_series_glyph((int)i),
                       theme_series_role((int)i));
        x += draw_textf(frame->legend_y, x, right - x, THEME_NORMAL, " %s  ",
                        chart->series[i].label);
    }
    if (chart->average != NULL && frame->line_count > 0 && x < right)
        draw_textf(frame->legend_y, x, right - x, THEME_DIM, "(lines: %zu-%s average)",
                   chart->average_window, step_word(chart->axis.step));
}

static void bucket_text(const struct chart_axis *axis, int bucket, char *out, size_t size)
{
    int day = chart_axis_day(axis, bucket), year, month, dom;
    date_to_parts(day, &year, &month, &dom);
    char long_date[DATE_LONG_SIZE];
    date_format_long(day, long_date);
    if (axis->step == CHART_BY_DAY)
        snprintf(out, size, "%s", long_date);
    else if (axis->step == CHART_BY_WEEK)
        snprintf(out, size, "Week of %d %s %d", dom, date_month_name(month), year);
    else
        snprintf(out, size, "%s %d", date_month_name(month), year);
}

static int draw_readout_values(const struct chart_frame *frame, int x, int right)
{
    const struct chart_panel *chart = frame->chart;
    for (size_t i = 0; i < chart->series_count && x < right; i++) {
        const struct chart_series *series = &chart->series[i];
        char value[32], singular[NUM_UNIT_SIZE];
        format_value(frame->values[i][chart->cursor], -1, value, sizeof value);
        x += draw_text(frame->readout_y, x, right - x, "  ", THEME_NORMAL);
        x += draw_text(frame->readout_y, x, right - x, chart_series_glyph((int)i),
                       theme_series_role((int)i));
        x += draw_textf(frame->readout_y, x, right - x, THEME_NORMAL, " %s %s%s%s", series->label,
                        value, series->unit && series->unit[0] ? " " : "",
                        series->unit ? num_unit(value, series->unit, singular) : "");
    }
    return x;
}

static void draw_readout(const struct chart_frame *frame)
{
    const struct chart_panel *chart = frame->chart;
    if (chart->cursor < 0 || chart->cursor >= chart->axis.count)
        return;
    int x = frame->area.x + 1, right = frame->area.x + frame->area.width;
    char when[48];
    bucket_text(&chart->axis, chart->cursor, when, sizeof when);
    x += draw_text(frame->readout_y, x, right - x, when, THEME_HEADING);
    x = draw_readout_values(frame, x, right);
    for (size_t i = 0; i < chart->mark_count && x < right; i++)
        if (chart_axis_bucket(&chart->axis, chart->marks[i].day) == chart->cursor)
            x += draw_textf(frame->readout_y, x, right - x, THEME_MESSAGE, "  %s %s",
                            glyph_text("\u2506", ":"), chart->marks[i].label);
}

void chart_panel_draw(const struct chart_panel *chart, struct draw_rect area)
{
    struct chart_frame frame;
    frame_init(&frame, chart, area);
    if (frame.plot_width < 4 || area.height < 3) {
        draw_text(area.y, area.x, area.width, "(too small for a chart)", THEME_DIM);
        frame_release(&frame);
        return;
    }
    if (frame.legend_y >= 0)
        draw_legend(&frame);
    if (frame.plot_rows > 0) {
        draw_y_axis(&frame);
        draw_lines(&frame);
    }
    draw_bars(&frame);
    if (frame.plot_rows > 0) /* over bars a label would hide their tops */
        draw_mark_labels(&frame);
    draw_x_axis(&frame);
    if (frame.readout_y >= 0)
        draw_readout(&frame);
    frame_release(&frame);
}
