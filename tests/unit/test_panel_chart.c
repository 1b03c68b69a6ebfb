/* test_panel_chart.c - the chart and calendar panels' arithmetic: braille dots, time axis and
 * buckets, scales, ticks, gaps, bars and the calendar grid. Nothing here needs a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "dates.h"
#include "ui/panel_calendar.h"
#include "ui/panel_chart.h"

static int day_of(const char *text)
{
    int day;
    assert_true(date_parse(text, &day));
    return day;
}

/* --- Braille ------------------------------------------------------------------------------ */

static void test_braille_bits(void **state)
{
    (void)state;
    /* Dots 1 2 3 7 down the left column, 4 5 6 8 down the right (Unicode's numbering). */
    static const unsigned expected[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    unsigned all = 0;
    for (int dy = 0; dy < 4; dy++)
        for (int dx = 0; dx < 2; dx++) {
            assert_int_equal(chart_braille_bit(dx, dy), expected[dy][dx]);
            assert_int_equal(all & chart_braille_bit(dx, dy), 0);
            all |= chart_braille_bit(dx, dy);
        }
    assert_int_equal(all, 0xff);
    assert_int_equal(chart_braille_bit(2, 0), 0);
    assert_int_equal(chart_braille_bit(0, 4), 0);
    assert_int_equal(chart_braille_bit(-1, 0), 0);
}

static void test_braille_encoding(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(chart_braille_encode(0, out), 3);
    assert_string_equal(out, "\u2800");
    chart_braille_encode(0x01, out);
    assert_string_equal(out, "\u2801");
    chart_braille_encode(0x47, out); /* the whole left column */
    assert_string_equal(out, "\u2847");
    chart_braille_encode(0xff, out);
    assert_string_equal(out, "\u28ff");
}

/* --- The time axis ------------------------------------------------------------------------ */

static void test_axis_days(void **state)
{
    (void)state;
    int from = day_of("2026-03-09"), to = day_of("2026-03-15");
    struct chart_axis axis = chart_axis_make(CHART_BY_DAY, from, to);
    assert_int_equal(axis.first, from);
    assert_int_equal(axis.count, 7);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-03-12")), 3);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-03-08")), -1);
    assert_int_equal(chart_axis_day(&axis, 6), to);
}

static void test_axis_weeks_start_on_monday(void **state)
{
    (void)state;
    /* Wednesday 2026-01-07 to Monday 2026-02-02: the weeks of Jan 5, 12, 19, 26 and Feb 2. */
    struct chart_axis axis =
        chart_axis_make(CHART_BY_WEEK, day_of("2026-01-07"), day_of("2026-02-02"));
    assert_int_equal(axis.first, day_of("2026-01-05"));
    assert_int_equal(axis.count, 5);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-01-11")), 0); /* Sunday */
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-01-12")), 1);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-01-04")), -1); /* floor, not 0 */
    assert_int_equal(chart_axis_bucket(&axis, day_of("2025-12-28")), -2);
    assert_int_equal(chart_axis_day(&axis, 4), day_of("2026-02-02"));
}

static void test_axis_months_across_a_year(void **state)
{
    (void)state;
    struct chart_axis axis =
        chart_axis_make(CHART_BY_MONTH, day_of("2025-11-20"), day_of("2026-02-03"));
    assert_int_equal(axis.first, day_of("2025-11-01"));
    assert_int_equal(axis.count, 4);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2026-01-31")), 2);
    assert_int_equal(chart_axis_bucket(&axis, day_of("2025-10-31")), -1);
    assert_int_equal(chart_axis_day(&axis, 3), day_of("2026-02-01"));
}

static void test_axis_fill_leaves_gaps(void **state)
{
    (void)state;
    struct chart_axis axis =
        chart_axis_make(CHART_BY_DAY, day_of("2026-03-01"), day_of("2026-03-05"));
    struct chart_point points[] = {{day_of("2026-02-28"), 9}, /* before the axis: ignored */
                                   {day_of("2026-03-01"), 1},
                                   {day_of("2026-03-04"), 0},
                                   {day_of("2026-03-06"), 9}};
    double values[5];
    chart_axis_fill(&axis, points, 4, values);
    assert_true(values[0] == 1);
    assert_true(isnan(values[1]) && isnan(values[2]) && isnan(values[4]));
    assert_true(values[3] == 0); /* a zero is a value, not a gap */
}

static void test_bucket_columns_round_trip(void **state)
{
    (void)state;
    static const int counts[] = {1, 2, 7, 30, 90, 143, 144};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        int previous = -1;
        for (int b = 0; b < counts[i]; b++) {
            int x = chart_bucket_x(b, counts[i], 144);
            assert_true(x > previous && x < 144);
            assert_int_equal(chart_x_bucket(x, counts[i], 144), b);
            previous = x;
        }
    }
    assert_int_equal(chart_bucket_x(0, 1, 144), 72); /* one point sits in the middle */
    /* More buckets than dots: columns never go back and stay inside. */
    int previous = 0;
    for (int b = 0; b < 3650; b++) {
        int x = chart_bucket_x(b, 3650, 144);
        assert_true(x >= previous && x < 144);
        previous = x;
    }
    assert_int_equal(chart_x_bucket(-5, 10, 100), 0);
    assert_int_equal(chart_x_bucket(500, 10, 100), 9);
}

static void test_cell_buckets_wide_slots_leave_gaps(void **state)
{
    (void)state;
    /* 7 buckets over 70 cells of 2 dots: 10 cells a bucket, the last one of each blank. */
    int first, last, gaps = 0;
    for (int cell = 0; cell < 70; cell++) {
        bool bar = chart_cell_buckets(cell, 2, 7, 140, &first, &last);
        assert_int_equal(first, last);
        assert_int_equal(first, cell / 10);
        if (!bar) {
            gaps++;
            assert_int_equal(cell % 10, 9);
        }
    }
    assert_int_equal(gaps, 7);
    assert_false(chart_cell_buckets(70, 2, 7, 140, &first, &last)); /* outside */
}

static void test_cell_buckets_narrow_slots_cover_everything(void **state)
{
    (void)state;
    /* 3650 buckets over 72 cells: every bucket in exactly one cell, in order. */
    int next = 0, first, last;
    for (int cell = 0; cell < 72; cell++) {
        assert_true(chart_cell_buckets(cell, 2, 3650, 144, &first, &last));
        assert_int_equal(first, next);
        assert_true(last >= first);
        next = last + 1;
    }
    assert_int_equal(next, 3650);
}

/* --- Scales and ticks -------------------------------------------------------------------- */

static void test_value_rows(void **state)
{
    (void)state;
    assert_int_equal(chart_value_y(0, 0, 4, 20), 19);
    assert_int_equal(chart_value_y(4, 0, 4, 20), 0);
    assert_int_equal(chart_value_y(2, 0, 4, 21), 10);
    assert_int_equal(chart_value_y(-3, 0, 4, 20), 19); /* clamped */
    assert_int_equal(chart_value_y(9, 0, 4, 20), 0);
    assert_int_equal(chart_value_y(5, 5, 5, 20), 10); /* a flat scale: the middle */
    assert_int_equal(chart_value_y(1, 0, 4, 1), 0);
}

static void assert_ticks(double min, double max, int rows, const double *expected, size_t count)
{
    double ticks[16];
    size_t got = chart_y_ticks(min, max, rows, ticks, 16);
    assert_int_equal(got, count);
    for (size_t i = 0; i < count; i++)
        assert_true(fabs(ticks[i] - expected[i]) < 1e-9);
}

static void test_y_ticks(void **state)
{
    (void)state;
    /* Severities on a tall chart: every whole point, not halves. */
    assert_ticks(0, 4, 15, (const double[]){0, 1, 2, 3, 4}, 5);
    /* On five rows a label every other row. */
    assert_ticks(0, 4, 5, (const double[]){0, 2, 4}, 3);
    assert_ticks(0, 10, 3, (const double[]){0, 5, 10}, 3);
    /* A range not starting at a tick. */
    assert_ticks(1, 5, 9, (const double[]){2, 4}, 2);
    assert_ticks(3, 3, 10, (const double[]){3}, 1);
}

static void test_y_ticks_never_share_a_row(void **state)
{
    (void)state;
    static const double ranges[][2] = {{0, 4}, {0, 1}, {0, 14}, {1, 5}, {0, 120}, {0.2, 0.9}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int rows = 2; rows <= 60; rows++) {
            double ticks[16];
            size_t count = chart_y_ticks(ranges[r][0], ranges[r][1], rows, ticks, 16);
            assert_true(count >= 1);
            for (size_t i = 1; i < count; i++) {
                assert_true(ticks[i] > ticks[i - 1]);
                assert_true(chart_value_y(ticks[i], ranges[r][0], ranges[r][1], rows) <
                            chart_value_y(ticks[i - 1], ranges[r][0], ranges[r][1], rows));
            }
        }
}

static void test_x_ticks_days(void **state)
{
    (void)state;
    struct chart_axis axis =
        chart_axis_make(CHART_BY_DAY, day_of("2026-03-09"), day_of("2026-03-15"));
    struct chart_tick ticks[64];
    size_t count = chart_x_ticks(&axis, 70, 2, ticks, 64);
    assert_int_equal(count, 7);
    assert_string_equal(ticks[0].label, "Mar 9");
    assert_int_equal(ticks[0].day, day_of("2026-03-09"));
    assert_int_equal(ticks[0].cell, 5); /* the middle of the first tenth */
    assert_string_equal(ticks[6].label, "Mar 15");
    assert_int_equal(ticks[6].cell, 65);
    assert_int_equal(ticks[6].label_cell, 64); /* moved left to end at the edge */
}

static void test_x_ticks_months_name_the_year_in_january(void **state)
{
    (void)state;
    struct chart_axis axis =
        chart_axis_make(CHART_BY_DAY, day_of("2025-12-16"), day_of("2026-03-15"));
    struct chart_tick ticks[64];
    size_t count = chart_x_ticks(&axis, 72, 2, ticks, 64);
    assert_int_equal(count, 3);
    assert_string_equal(ticks[0].label, "2026");
    assert_int_equal(ticks[0].day, day_of("2026-01-01"));
    assert_string_equal(ticks[1].label, "Feb");
    assert_string_equal(ticks[2].label, "Mar");
}

static void test_x_ticks_years_on_a_long_range(void **state)
{
    (void)state;
    struct chart_axis axis =
        chart_axis_make(CHART_BY_MONTH, day_of("2016-03-15"), day_of("2026-03-15"));
    struct chart_tick ticks[64];
    size_t count = chart_x_ticks(&axis, 72, 2, ticks, 64);
    assert_int_equal(count, 10);
    assert_string_equal(ticks[0].label, "2017");
    assert_string_equal(ticks[9].label, "2026");
    /* Forty years on twenty cells: every fifth year at most. */
    axis = chart_axis_make(CHART_BY_MONTH, day_of("1986-03-15"), day_of("2026-03-15"));
    count = chart_x_ticks(&axis, 20, 2, ticks, 64);
    assert_true(count >= 1);
    assert_string_equal(ticks[0].label, "1990");
}

static void test_x_ticks_never_touch(void **state)
{
    (void)state;
    static const char *const starts[] = {"2026-03-09", "2026-02-14", "2025-12-16", "2025-03-15",
                                         "2016-03-15"};
    struct chart_tick ticks[64];
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++)
        for (int step = CHART_BY_DAY; step <= CHART_BY_MONTH; step++)
            for (int cells = 8; cells <= 200; cells += 3) {
                struct chart_axis axis =
                    chart_axis_make((enum chart_step)step, day_of(starts[s]), day_of("2026-03-15"));
                size_t count = chart_x_ticks(&axis, cells, 2, ticks, 64);
                for (size_t i = 0; i < count; i++) {
                    assert_true(ticks[i].label_cell >= 0);
                    assert_true(ticks[i].label_cell + (int)strlen(ticks[i].label) <= cells);
                    assert_true(ticks[i].cell >= ticks[i].label_cell && ticks[i].cell < cells);
                    if (i > 0)
                        assert_true(ticks[i].label_cell - ticks[i - 1].label_cell >
                                    (int)strlen(ticks[i - 1].label));
                }
            }
}

/* --- Dots, gaps and bars ------------------------------------------------------------------- */

static bool column_has_dots(const struct chart_canvas *canvas, int x)
{
    for (int y = 0; y < canvas->height * 4; y++) {
        size_t cell = (size_t)(y / 4) * (size_t)canvas->width + (size_t)(x / 2);
        if (canvas->bits[cell] & chart_braille_bit(x % 2, y % 4))
            return true;
    }
    return false;
}

static void test_plot_never_joins_across_a_gap(void **state)
{
    (void)state;
    struct chart_canvas canvas;
    chart_canvas_init(&canvas, 25, 2, true); /* 50 dot columns, 10 a bucket */
    double values[] = {1, 1, NAN, 3, 3};
    chart_canvas_plot(&canvas, values, 5, 0, 4, 0, true);
    int x1 = chart_bucket_x(1, 5, 50), x3 = chart_bucket_x(3, 5, 50);
    for (int x = chart_bucket_x(0, 5, 50); x <= x1; x++)
        assert_true(column_has_dots(&canvas, x)); /* joined */
    for (int x = x1 + 1; x < x3; x++)
        assert_false(column_has_dots(&canvas, x)); /* the missing day stays empty */
    assert_true(column_has_dots(&canvas, x3));
    chart_canvas_release(&canvas);
}

static void test_plot_single_point_is_visible(void **state)
{
    (void)state;
    struct chart_canvas canvas;
    chart_canvas_init(&canvas, 10, 1, true);
    double values[] = {NAN, 2, NAN};
    chart_canvas_plot(&canvas, values, 3, 0, 4, 3, true);
    int x = chart_bucket_x(1, 3, 20), y = chart_value_y(2, 0, 4, 4);
    size_t cell = (size_t)(x / 2);
    /* Both dots of its row in the cell: two dots wide. */
    assert_int_equal(canvas.bits[cell], chart_braille_bit(0, y) | chart_braille_bit(1, y));
    assert_int_equal(canvas.owner[cell], 3);
    assert_int_equal(canvas.kind[cell], CHART_DOT_POINT);
    for (int other = 0; other < 10; other++)
        if ((size_t)other != cell)
            assert_int_equal(canvas.bits[other], 0);
    chart_canvas_release(&canvas);
}

static void test_plot_flat_series_is_one_row(void **state)
{
    (void)state;
    struct chart_canvas canvas;
    chart_canvas_init(&canvas, 20, 3, true);
    double values[] = {2, 2, 2, 2};
    chart_canvas_plot(&canvas, values, 4, 0, 4, 0, true);
    int row = chart_value_y(2, 0, 4, 12);
    for (int cell = 0; cell < 60; cell++) {
        unsigned expected_mask = 0;
        if (cell / 20 == row / 4)
            expected_mask = chart_braille_bit(0, row % 4) | chart_braille_bit(1, row % 4);
        assert_int_equal(canvas.bits[cell] & ~expected_mask, 0);
    }
    chart_canvas_release(&canvas);
}

static void test_plain_grid_points_win_over_lines(void **state)
{
    (void)state;
    struct chart_canvas canvas;
    chart_canvas_init(&canvas, 9, 5, false);
    double values[] = {0, 4, 0};
    chart_canvas_plot(&canvas, values, 3, 0, 4, 1, true);
    size_t peak = (size_t)chart_bucket_x(1, 3, 9); /* row 0 */
    assert_int_equal(canvas.kind[peak], CHART_DOT_POINT);
    assert_int_equal(canvas.bits[peak], 0); /* no braille bits on the plain grid */
    /* Row 2, on the way up between the points: a segment, drawn as dots. */
    int segment = 0;
    for (int x = 2; x < 4; x++)
        segment += canvas.kind[2 * 9 + x] == CHART_DOT_LINE;
    assert_int_equal(segment, 1);
    chart_canvas_release(&canvas);
}

static void test_bar_eighths(void **state)
{
    (void)state;
    assert_int_equal(chart_bar_eighths(0, 10, 2), 0);
    assert_int_equal(chart_bar_eighths(NAN, 10, 2), 0);
    assert_int_equal(chart_bar_eighths(10, 10, 2), 16);
    assert_int_equal(chart_bar_eighths(5, 10, 2), 8);
    assert_int_equal(chart_bar_eighths(0.01, 10, 2), 1); /* a little is never nothing */
    assert_int_equal(chart_bar_eighths(30, 10, 1), 8);   /* clamped */
    assert_int_equal(chart_bar_eighths(3, 0, 1), 0);
}

/* --- The calendar ------------------------------------------------------------------------- */

static void test_calendar_levels(void **state)
{
    (void)state;
    assert_int_equal(calendar_level(NAN, 0, 4), -1);
    for (int severity = 0; severity <= 4; severity++)
        assert_int_equal(calendar_level(severity, 0, 4), severity);
    assert_int_equal(calendar_level(1.4, 0, 4), 1);
    assert_int_equal(calendar_level(-2, 0, 4), 0);
    assert_int_equal(calendar_level(12, 0, 4), 4);
    assert_int_equal(calendar_level(7, 7, 7), 2);
    assert_int_equal(calendar_level(7, 0, 14), 2);
    assert_string_equal(calendar_level_glyph(-1), " ");
}

static void test_calendar_grid(void **state)
{
    (void)state;
    int width;
    assert_int_equal(calendar_weeks(80, &width), 53);
    assert_int_equal(width, 1);
    assert_int_equal(calendar_weeks(200, &width), 53);
    assert_int_equal(width, 2);
    assert_int_equal(calendar_weeks(30, &width), 26);
    int last = day_of("2026-03-15"); /* a Sunday */
    int first = calendar_first_monday(last, 53);
    assert_int_equal(first, day_of("2025-03-10")); /* 52 weeks before Monday 2026-03-09 */
    int column, row;
    assert_true(calendar_cell(first, 53, first, &column, &row));
    assert_int_equal(column, 0);
    assert_int_equal(row, 0);
    assert_true(calendar_cell(first, 53, last, &column, &row));
    assert_int_equal(column, 52);
    assert_int_equal(row, 6);
    assert_true(calendar_cell(first, 53, day_of("2026-01-01"), &column, &row));
    assert_int_equal(row, 3); /* a Thursday */
    assert_false(calendar_cell(first, 53, first - 1, &column, &row));
    assert_false(calendar_cell(first, 53, last + 1, &column, &row));
}

static void test_calendar_value_lookup(void **state)
{
    (void)state;
    struct chart_point points[] = {{10, 1}, {12, 0}, {15, NAN}, {20, 4}};
    struct calendar_panel calendar = {points, 4, 0, 4, true, 0, 20, -1};
    double value = -1;
    assert_true(calendar_panel_value(&calendar, 12, &value));
    assert_true(value == 0);
    assert_true(calendar_panel_value(&calendar, 20, &value));
    assert_true(value == 4);
    assert_false(calendar_panel_value(&calendar, 11, &value));
    assert_false(calendar_panel_value(&calendar, 15, &value));
    assert_false(calendar_panel_value(&calendar, 21, &value));
    assert_false(calendar_panel_value(&calendar, 1, &value));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_braille_bits),
        cmocka_unit_test(test_braille_encoding),
        cmocka_unit_test(test_axis_days),
        cmocka_unit_test(test_axis_weeks_start_on_monday),
        cmocka_unit_test(test_axis_months_across_a_year),
        cmocka_unit_test(test_axis_fill_leaves_gaps),
        cmocka_unit_test(test_bucket_columns_round_trip),
        cmocka_unit_test(test_cell_buckets_wide_slots_leave_gaps),
        cmocka_unit_test(test_cell_buckets_narrow_slots_cover_everything),
        cmocka_unit_test(test_value_rows),
        cmocka_unit_test(test_y_ticks),
        cmocka_unit_test(test_y_ticks_never_share_a_row),
        cmocka_unit_test(test_x_ticks_days),
        cmocka_unit_test(test_x_ticks_months_name_the_year_in_january),
        cmocka_unit_test(test_x_ticks_years_on_a_long_range),
        cmocka_unit_test(test_x_ticks_never_touch),
        cmocka_unit_test(test_plot_never_joins_across_a_gap),
        cmocka_unit_test(test_plot_single_point_is_visible),
        cmocka_unit_test(test_plot_flat_series_is_one_row),
        cmocka_unit_test(test_plain_grid_points_win_over_lines),
        cmocka_unit_test(test_bar_eighths),
        cmocka_unit_test(test_calendar_levels),
        cmocka_unit_test(test_calendar_grid),
        cmocka_unit_test(test_calendar_value_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
