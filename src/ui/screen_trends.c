/*
 * screen_trends.c - the Trends screen: chosen series over a range of days as a line and bar
 * chart, a calendar of one series, or the insights (possible associations), with marks for the
 * days where something changed and before/after comparisons around them.
 *
 * Series are read from the journal already aggregated (journal_read_series does it in SQL) and
 * kept until the choice, the range, the grouping or the journal changes, so a redraw after a key
 * reads nothing. The insights walk every day of the range, so they are built only when their
 * view is open (see trends_insights.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "numbers.h"
#include "scores.h"
#include "stats.h"
#include "ui/keys.h"
#include "ui/panel_calendar.h"
#include "ui/panel_chart.h"
#include "ui/panel_list.h"
#include "ui/screen.h"
#include "ui/trends_experiment.h"
#include "ui/trends_insights.h"
#include "ui/ui.h"
#include "xalloc.h"

#define TRENDS_MAX_SERIES 6
/* Columns the chart panel keeps for its y axis, more or less: used to pick a grouping. */
#define TRENDS_AXIS_COLUMNS 6

enum trends_item_kind { ITEM_HEADING, ITEM_SCORE, ITEM_SIGN, ITEM_HABIT, ITEM_CATEGORY, ITEM_FOOD };

/* One thing that can be charted: a group score, a sign, a habit or a food category. */
struct trends_item {
    enum trends_item_kind kind;
    size_t index; /* into content->groups, signs, habits or categories */
    char *id;     /* "score:skin", a metric id, "category:probiotic"; NULL for a heading */
    char *label;
};

/* The Experiment view is offered only while the journal has an experiment. */
enum trends_view { VIEW_CHART, VIEW_CALENDAR, VIEW_INSIGHTS, VIEW_EXPERIMENT, VIEW_COUNT };
enum trends_mode { MODE_VIEW, MODE_PICKER, MODE_MARKS, MODE_BEFORE_AFTER };
enum trends_grouping { GROUPING_AUTO, GROUPING_DAY, GROUPING_WEEK, GROUPING_MONTH, GROUPING_COUNT };

struct trends_range {
    const char *name;
    int days; /* 0: everything logged */
};

static const struct trends_range trends_ranges[] = {
    {"7 days", 7}, {"30 days", 30}, {"90 days", 90}, {"1 year", 365}, {"all", 0},
};
#define TRENDS_RANGE_COUNT (sizeof trends_ranges / sizeof trends_ranges[0])
#define TRENDS_DEFAULT_RANGE 2

struct trends_points {
    struct chart_point *points;
    size_t count;
};

/* Series read from the journal, and what they were read for. */
struct trends_cache {
    bool valid;
    uint64_t generation;
    size_t items[TRENDS_MAX_SERIES];
    size_t item_count;
    int from, to;
    enum chart_step step;
    struct trends_points data[TRENDS_MAX_SERIES];
};

struct trends_state {
    struct app *app;
    struct trends_item *items;
    size_t item_count;
    size_t selected[TRENDS_MAX_SERIES]; /* item indexes, in legend order */
    size_t selected_count;
    enum trends_view view;
    enum trends_mode mode;
    size_t range;
    enum trends_grouping grouping;
    bool moving_average;
    int end;              /* the last day of the window (ranges other than "all") */
    int cursor;           /* a day number */
    size_t calendar_pick; /* which selected series the calendar shows */
    struct trends_cache chart_cache;
    struct trends_cache calendar_cache;
    struct chart_series series[TRENDS_MAX_SERIES];
    /* The journal's marks and first day, as of `facts_freshness`. */
    uint64_t facts_freshness;
    struct journal_mark_list marks;
    struct chart_mark *chart_marks;
    size_t chart_mark_count;  /* the journal's marks, then the experiments' period starts */
    struct chart_band *bands; /* the experiments' periods with the change */
    size_t band_count;
    int first_day;
    int last_day; /* the last logged day; DATE_NONE when nothing is logged */
    bool journal_empty;
    /* Until the person moves the window or changes the range, it is placed for them: on the
     * last 90 days, or, when those hold no logged day (old imported data, a long break), on
     * the 90 days to the last logged day, so the screen never opens empty on a full journal. */
    bool window_chosen;
    struct list_panel picker;
    struct list_panel mark_list;
    struct trends_insights insights;
    struct trends_before_after before_after;
    struct trends_experiment experiment;
    char *error; /* the last failure to read the journal, or NULL */
};

/* --- The items that can be charted ---------------------------------------------------------- */

static void add_item(struct trends_state *state, enum trends_item_kind kind, size_t index, char *id,
                     char *label)
{
    state->items = xrealloc(state->items, (state->item_count + 1) * sizeof *state->items);
    state->items[state->item_count++] = (struct trends_item){kind, index, id, label};
}

static void build_items(struct trends_state *state)
{
    const struct content *content = state->app->content;
    add_item(state, ITEM_HEADING, 0, NULL, xstrdup("Scores (higher = worse)"));
    for (size_t g = 0; g < content->group_count; g++)
        add_item(state, ITEM_SCORE, g, xprintf("score:%s", content->groups[g].id),
                 xprintf("%s score", content->groups[g].name));
    add_item(state, ITEM_HEADING, 0, NULL, xstrdup("Signs"));
    for (size_t s = 0; s < content->sign_count; s++)
        add_item(state, ITEM_SIGN, s, xstrdup(content->signs[s].id),
                 xstrdup(content->signs[s].label));
    add_item(state, ITEM_HEADING, 0, NULL, xstrdup("Habits"));
    for (size_t h = 0; h < content->habit_count; h++)
        add_item(state, ITEM_HABIT, h, xstrdup(content->habits[h].id),
                 xstrdup(content->habits[h].label));
    add_item(state, ITEM_HEADING, 0, NULL, xstrdup("Foods (servings a day)"));
    for (size_t c = 0; c < content->category_count; c++)
        add_item(state, ITEM_CATEGORY, c, xprintf("category:%s", content->categories[c].id),
                 xstrdup(content->categories[c].name));
    /* The person's own foods one by one: what they added is what they want to watch. */
    for (size_t f = 0; f < content->food_count; f++)
        if (content->foods[f].own)
            add_item(state, ITEM_FOOD, f, xprintf("food:%s", content->foods[f].id),
                     xprintf("%s (yours)", content->foods[f].name));
}

static long find_item(const struct trends_state *state, const char *id)
{
    for (size_t i = 0; i < state->item_count; i++)
        if (state->items[i].id != NULL && strcmp(state->items[i].id, id) == 0)
            return (long)i;
    return -1;
}

static long selected_position(const struct trends_state *state, size_t item)
{
    for (size_t i = 0; i < state->selected_count; i++)
        if (state->selected[i] == item)
            return (long)i;
    return -1;
}

static bool select_item(struct trends_state *state, size_t item)
{
    if (selected_position(state, item) >= 0)
        return true;
    if (state->selected_count == TRENDS_MAX_SERIES)
        return false;
    state->selected[state->selected_count++] = item;
    return true;
}

static void unselect_item(struct trends_state *state, size_t item)
{
    long position = selected_position(state, item);
    if (position < 0)
        return;
    memmove(&state->selected[position], &state->selected[position + 1],
            (state->selected_count - (size_t)position - 1) * sizeof state->selected[0]);
    state->selected_count--;
    if (state->calendar_pick >= state->selected_count)
        state->calendar_pick = 0;
}

/* Shows `id` first (a metric id, "score:GROUP" or "category:ID"), keeping the others. */
static void focus_item(struct trends_state *state, const char *id)
{
    long item = find_item(state, id);
    if (item < 0)
        return;
    unselect_item(state, (size_t)item);
    if (state->selected_count == TRENDS_MAX_SERIES)
        state->selected_count--;
    memmove(&state->selected[1], &state->selected[0],
            state->selected_count * sizeof state->selected[0]);
    state->selected[0] = (size_t)item;
    state->selected_count++;
    state->calendar_pick = 0;
}

/* The two first group scores and the first habit measured in an amount (sleep, usually). */
static void select_defaults(struct trends_state *state)
{
    const struct content *content = state->app->content;
    for (size_t i = 0; i < state->item_count; i++) {
        const struct trends_item *item = &state->items[i];
        if (item->kind == ITEM_SCORE && item->index < 2)
            select_item(state, i);
    }
    for (size_t i = 0; i < state->item_count; i++)
        if (state->items[i].kind == ITEM_HABIT &&
            content->habits[state->items[i].index].kind == CONTENT_HABIT_AMOUNT) {
            select_item(state, i);
            break;
        }
}

/* --- Reading series ----------------------------------------------------------------------- */

static enum journal_grouping journal_grouping_of(enum chart_step step)
{
    return step == CHART_BY_DAY    ? JOURNAL_BY_DAY
           : step == CHART_BY_WEEK ? JOURNAL_BY_WEEK
                                   : JOURNAL_BY_MONTH;
}

/* The metric ids an item's query runs over, and how they combine. */
static enum journal_series_kind item_query_ids(const struct trends_state *state,
                                               const struct trends_item *item, struct strlist *ids)
{
    const struct content *content = state->app->content;
    switch (item->kind) {
    case ITEM_SCORE:
        scores_group_ids(content, item->index, ids);
        return JOURNAL_SERIES_MEAN_OF_METRICS;
    case ITEM_CATEGORY:
        for (size_t f = 0; f < content->food_count; f++)
            if (content->foods[f].category == item->index)
                strlist_push(ids, content->foods[f].id);
        return JOURNAL_SERIES_FOOD_SERVINGS;
    case ITEM_FOOD:
        strlist_push(ids, content->foods[item->index].id);
        return JOURNAL_SERIES_FOOD_SERVINGS;
    default:
        strlist_push(ids, item->id);
        return JOURNAL_SERIES_METRIC;
    }
}

static int read_item(struct trends_state *state, const struct trends_item *item, int from, int to,
                     enum chart_step step, struct trends_points *out, struct error *err)
{
    struct strlist ids = STRLIST_INIT;
    struct journal_series_query query = {
        item_query_ids(state, item, &ids), (const char *const *)ids.items, ids.count, from, to,
        journal_grouping_of(step)};
    struct journal_series series;
    journal_series_init(&series);
    int status =
        ids.count == 0 ? 0 : journal_read_series(state->app->journal, &query, &series, err);
    out->points = xcalloc(series.count + 1, sizeof *out->points);
    out->count = 0;
    for (size_t i = 0; status == 0 && i < series.count; i++)
        out->points[out->count++] =
            (struct chart_point){.day = series.points[i].day, .value = series.points[i].mean};
    journal_series_release(&series);
    strlist_release(&ids);
    return status;
}

static void cache_clear(struct trends_cache *cache)
{
    for (size_t i = 0; i < cache->item_count; i++)
        free(cache->data[i].points);
    memset(cache, 0, sizeof *cache);
}

static void set_error(struct trends_state *state, const char *message)
{
    free(state->error);
    state->error = message ? xstrdup(message) : NULL;
}

/* Makes `cache` hold the series of `items` for from..to by `step`, reading only on a change. */
static void cache_fill(struct trends_state *state, struct trends_cache *cache, const size_t *items,
                       size_t count, int from, int to, enum chart_step step)
{
    uint64_t generation = journal_freshness(state->app->journal);
    if (cache->valid && cache->generation == generation && cache->item_count == count &&
        memcmp(cache->items, items, count * sizeof *items) == 0 && cache->from == from &&
        cache->to == to && cache->step == step)
        return;
    cache_clear(cache);
    struct error err = {0};
    bool failed = false;
    for (size_t i = 0; i < count; i++) {
        cache->items[i] = items[i];
        failed |=
            read_item(state, &state->items[items[i]], from, to, step, &cache->data[i], &err) != 0;
    }
    set_error(state, failed ? err.message : NULL);
    cache->item_count = count;
    cache->valid = true;
    cache->generation = generation;
    cache->from = from;
    cache->to = to;
    cache->step = step;
}

static void long_date(int day, char *out, size_t size)
{
    int year, month, dom;
    date_to_parts(day, &year, &month, &dom);
    snprintf(out, size, "%d %s %d", dom, date_month_name(month), year);
}

/* --- Marks, the window and the grouping ------------------------------------------------------ */

/* Each experiment's periods as marks after the journal's own: where a period starts, with its
 * arm, and the day after the last one. They are not in the list of marks (nothing to delete). */
static void add_experiment_marks(struct trends_state *state)
{
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    if (journal_list_experiments(state->app->journal, &plans, &count, NULL) != 0 || count == 0) {
        free(plans);
        return;
    }
    size_t extra = 0;
    for (size_t i = 0; i < count; i++)
        extra += (size_t)(2 * plans[i].pairs + 1);
    state->chart_marks =
        xrealloc(state->chart_marks, (state->marks.count + extra + 1) * sizeof *state->chart_marks);
    state->bands = xrealloc(state->bands, (extra + 1) * sizeof *state->bands);
    for (size_t i = 0; i < count; i++) {
        const struct experiment_plan *plan = &plans[i];
        int periods = 2 * plan->pairs;
        /* A stopped plan shows the periods it got to. */
        for (int period = 0; period < periods; period++) {
            if (plan->stopped_day >= 0 && experiment_period_start(plan, period) > plan->stopped_day)
                break;
            state->chart_marks[state->chart_mark_count++] =
                (struct chart_mark){experiment_period_start(plan, period),
                                    experiment_period_with(plan, period) ? "with" : "without"};
            if (experiment_period_with(plan, period))
                state->bands[state->band_count++] = (struct chart_band){
                    experiment_period_start(plan, period), experiment_period_end(plan, period)};
        }
        int end = plan->stopped_day >= 0 ? plan->stopped_day : experiment_last_day(plan);
        state->chart_marks[state->chart_mark_count++] = (struct chart_mark){end + 1, "test end"};
    }
    free(plans);
}

static void place_window(struct trends_state *state);

/* Reloads the marks and the first and last saved days when the journal changed. */
static void refresh_facts(struct trends_state *state)
{
    struct app *app = state->app;
    if (!journal_is_stale(app->journal, &state->facts_freshness))
        return;
    struct error err = {0};
    journal_mark_list_release(&state->marks);
    journal_mark_list_init(&state->marks);
    state->first_day = state->last_day = DATE_NONE;
    if (journal_list_marks(app->journal, &state->marks, &err) != 0 ||
        journal_day_span(app->journal, &state->first_day, &state->last_day, &err) != 0)
        set_error(state, err.message);
    state->journal_empty = state->first_day == DATE_NONE;
    if (state->journal_empty)
        state->first_day = app->today;
    place_window(state);
    free(state->chart_marks);
    state->chart_marks = xcalloc(state->marks.count + 1, sizeof *state->chart_marks);
    for (size_t i = 0; i < state->marks.count; i++) {
        state->chart_marks[i].label = state->marks.items[i].label;
        state->chart_marks[i].day = state->marks.items[i].day_number;
    }
    state->chart_mark_count = state->marks.count;
    state->band_count = 0;
    add_experiment_marks(state);
    list_panel_set_count(&state->mark_list, state->marks.count);
}

static int window_length(const struct trends_state *state)
{
    int days = trends_ranges[state->range].days;
    if (days == 0) {
        int first = state->first_day < state->app->today ? state->first_day : state->app->today;
        return state->app->today - first + 1;
    }
    return days;
}

static void window_of(const struct trends_state *state, int *from, int *to)
{
    *to = trends_ranges[state->range].days == 0 ? state->app->today : state->end;
    *from = *to - window_length(state) + 1;
}

/* The grouping chosen with `w`, or the finest whose buckets fit the chart's dots. */
static enum chart_step step_for(const struct trends_state *state, int from, int to, int width)
{
    if (state->grouping != GROUPING_AUTO)
        return (enum chart_step)(state->grouping - GROUPING_DAY);
    int dots = (width - TRENDS_AXIS_COLUMNS) * (theme_is_utf8() ? 2 : 1);
    if (to - from + 1 <= dots)
        return CHART_BY_DAY;
    if ((to - from) / 7 + 1 <= dots)
        return CHART_BY_WEEK;
    return CHART_BY_MONTH;
}

/* Keeps the cursor on a day that can be charted and the window around it: moving the cursor
 * past either edge scrolls the window. */
static void follow_cursor(struct trends_state *state)
{
    int today = state->app->today, length = window_length(state);
    int earliest = state->first_day < today - length + 1 ? state->first_day : today - length + 1;
    if (state->cursor > today)
        state->cursor = today;
    if (state->cursor < earliest)
        state->cursor = earliest;
    if (trends_ranges[state->range].days == 0)
        return;
    if (state->cursor > state->end)
        state->end = state->cursor;
    if (state->cursor < state->end - length + 1)
        state->end = state->cursor + length - 1;
    if (state->end > today)
        state->end = today;
}

/* True while the window was placed on the last logged day because the default one is empty. */
static bool at_last_logged_day(const struct trends_state *state)
{
    return !state->window_chosen && trends_ranges[state->range].days != 0 &&
           state->last_day != DATE_NONE && state->end == state->last_day &&
           state->end < state->app->today;
}

/* The window the screen opens on, until the person chooses one. */
static void place_window(struct trends_state *state)
{
    if (state->window_chosen)
        return;
    int today = state->app->today;
    int first_shown = today - window_length(state) + 1;
    /* Nothing logged at all is the empty journal's own screen; a day after today is no end. */
    bool holds_a_day = state->last_day == DATE_NONE || state->last_day >= first_shown;
    state->end = state->cursor = holds_a_day ? today : state->last_day;
    follow_cursor(state);
}

/* --- The chart ---------------------------------------------------------------------------- */

static void describe_series(const struct trends_state *state, const struct trends_item *item,
                            struct chart_series *series)
{
    const struct content *content = state->app->content;
    series->label = item->label;
    series->unit = NULL;
    series->min = 0;
    series->max = CONTENT_SEVERITY_MAX;
    series->bars =
        item->kind == ITEM_HABIT || item->kind == ITEM_CATEGORY || item->kind == ITEM_FOOD;
    if (item->kind == ITEM_HABIT) {
        const struct content_habit *habit = &content->habits[item->index];
        series->unit = habit->unit;
        series->min = habit->min;
        series->max = habit->max;
    } else if (item->kind == ITEM_CATEGORY || item->kind == ITEM_FOOD) {
        series->unit = "servings";
        series->max = NAN;
    }
}

/* The chart of the selection in the current window, reading the journal only on a change. */
static struct chart_panel build_chart(struct trends_state *state, struct draw_rect area)
{
    int from, to;
    refresh_facts(state);
    window_of(state, &from, &to);
    enum chart_step step = step_for(state, from, to, area.width);
    cache_fill(state, &state->chart_cache, state->selected, state->selected_count, from, to, step);
    for (size_t i = 0; i < state->selected_count; i++) {
        describe_series(state, &state->items[state->selected[i]], &state->series[i]);
        state->series[i].points = state->chart_cache.data[i].points;
        state->series[i].count = state->chart_cache.data[i].count;
    }
    struct chart_panel chart = {.axis = chart_axis_make(step, from, to),
                                .series = state->series,
                                .series_count = state->selected_count,
                                .marks = state->chart_marks,
                                .mark_count = state->chart_mark_count,
                                .bands = state->bands,
                                .band_count = state->band_count,
                                .average = state->moving_average ? stats_moving_average : NULL,
                                .average_window = STATS_MOVING_WINDOW,
                                .cursor = -1};
    chart.cursor = chart_axis_bucket(&chart.axis, state->cursor);
    if (chart.cursor < 0 || chart.cursor >= chart.axis.count)
        chart.cursor = chart.axis.count - 1;
    return chart;
}

static size_t point_total(const struct trends_state *state)
{
    size_t total = 0;
    for (size_t i = 0; i < state->selected_count; i++)
        total += state->series[i].count;
    return total;
}

static void draw_chart_view(struct trends_state *state, struct draw_rect area)
{
    if (state->selected_count == 0) {
        draw_text(area.y + 1, area.x + 2, area.width - 4,
                  "No series chosen: press s to choose what to chart.", THEME_DIM);
        return;
    }
    struct chart_panel chart = build_chart(state, area);
    chart_panel_draw(&chart, area);
    if (point_total(state) > 0)
        return;
    const char *why = state->journal_empty
                          ? "No days logged yet: the check-ins you save are charted here"
                          : "None of the chosen series is logged in these days: s chooses "
                            "others, [ and ] move, r changes the range";
    /* Inside the plot's border, wrapped where the plot is narrow. */
    struct draw_rect plot = chart_panel_plot_area(&chart, area);
    int width = plot.width - 4, rows = draw_wrapped_rows(why, width);
    if (width > 0 && rows <= plot.height)
        draw_wrapped(plot.y + (plot.height - rows) / 2, plot.x + 2, width, rows, why,
                     THEME_MESSAGE);
}

/* Moves the cursor by `buckets` buckets, or by a cell's worth when buckets share dot columns. */
static void move_chart_cursor(struct trends_state *state, struct draw_rect area, int buckets)
{
    struct chart_panel chart = build_chart(state, area);
    int cells = chart_panel_plot_width(&chart, area), dots = cells * (theme_is_utf8() ? 2 : 1);
    /* A bucket a key while each has a dot column of its own, else about a cell a key. */
    int step = cells > 0 && chart.axis.count > dots ? (chart.axis.count + cells - 1) / cells : 1;
    int target = chart.cursor + buckets * step;
    state->cursor = chart_axis_day(&chart.axis, target);
    if (target >= chart.axis.count && chart_axis_day(&chart.axis, target) > state->app->today)
        state->cursor = state->app->today;
    follow_cursor(state);
}

/* --- The calendar ------------------------------------------------------------------------- */

/* A title row and the grid of each calendar shown. */
#define CALENDAR_BLOCK (CALENDAR_ROWS + 1)

static void calendar_scale(const struct trends_state *state, const struct trends_item *item,
                           const struct trends_points *data, struct calendar_panel *calendar)
{
    struct chart_series series;
    describe_series(state, item, &series);
    calendar->min = series.min;
    calendar->max = series.max;
    calendar->severity = !series.bars;
    if (calendar->severity || data->count == 0)
        return;
    /* Habits and servings are shaded from their lowest to their highest of the year shown:
     * against a habit's whole range (0 to 14 hours of sleep) every night would look alike. */
    calendar->min = calendar->max = data->points[0].value;
    for (size_t i = 1; i < data->count; i++) {
        calendar->min = fmin(calendar->min, data->points[i].value);
        calendar->max = fmax(calendar->max, data->points[i].value);
    }
}

/* As many calendars of the chosen series as fit, from the one `n` brought first. */
static size_t calendar_items(const struct trends_state *state, struct draw_rect body,
                             size_t items[TRENDS_MAX_SERIES])
{
    size_t fit = body.height >= CALENDAR_BLOCK + 2 ? (size_t)(body.height - 2) / CALENDAR_BLOCK : 1;
    size_t count = state->selected_count < fit ? state->selected_count : fit;
    for (size_t i = 0; i < count; i++)
        items[i] = state->selected[(state->calendar_pick + i) % state->selected_count];
    return count;
}

static void draw_calendar_readout(const struct trends_state *state,
                                  const struct calendar_panel *calendars, size_t count, int y,
                                  struct draw_rect body)
{
    char when[48];
    int x = body.x + 1, right = body.x + body.width;
    snprintf(when, sizeof when, "%s ", date_weekday_name(date_weekday(state->cursor)));
    long_date(state->cursor, when + strlen(when), sizeof when - strlen(when));
    x += draw_text(y, x, right - x, when, THEME_HEADING);
    for (size_t i = 0; i < count && x < right; i++) {
        struct chart_series series;
        double value;
        describe_series(state, &state->items[state->calendar_cache.items[i]], &series);
        char digits[32], singular[NUM_UNIT_SIZE], number[sizeof digits + NUM_UNIT_SIZE] = "";
        if (calendar_panel_value(&calendars[i], state->cursor, &value)) {
            snprintf(digits, sizeof digits, "%.*f", fabs(value - round(value)) < 0.05 ? 0 : 1,
                     value);
            snprintf(number, sizeof number, "%s%s%s", digits, series.unit ? " " : "",
                     series.unit ? num_unit(digits, series.unit, singular) : "");
        }
        x += draw_text(y, x, right - x, "  ", THEME_NORMAL);
        x += draw_text(y, x, right - x, chart_series_glyph(calendars[i].series),
                       theme_series_role(calendars[i].series));
        x += draw_textf(y, x, right - x, THEME_NORMAL, " %s %s", series.label,
                        number[0] ? number : "not logged");
    }
    for (size_t i = 0; i < state->chart_mark_count && x < right; i++)
        if (state->chart_marks[i].day == state->cursor)
            x += draw_textf(y, x, right - x, THEME_MESSAGE, "  %s %s",
                            theme_is_utf8() ? "\u2506" : ":", state->chart_marks[i].label);
}

static void draw_calendar_view(struct trends_state *state, struct draw_rect body)
{
    if (state->selected_count == 0) {
        draw_text(body.y + 1, body.x + 2, body.width - 4,
                  "No series chosen: press s to choose what to show.", THEME_DIM);
        return;
    }
    int from, to, cell_width;
    size_t items[TRENDS_MAX_SERIES] = {0};
    refresh_facts(state);
    window_of(state, &from, &to);
    int first = calendar_first_monday(to, calendar_weeks(body.width, &cell_width));
    size_t count = calendar_items(state, body, items);
    cache_fill(state, &state->calendar_cache, items, count, first, to, CHART_BY_DAY);
    struct calendar_panel calendars[TRENDS_MAX_SERIES];
    bool severity = false;
    for (size_t i = 0; i < count; i++) {
        const struct trends_points *data = &state->calendar_cache.data[i];
        int y = body.y + (int)i * CALENDAR_BLOCK;
        calendars[i] = (struct calendar_panel){
            data->points, data->count,  0, 0, true, (int)selected_position(state, items[i]),
            to,           state->cursor};
        calendar_scale(state, &state->items[items[i]], data, &calendars[i]);
        severity |= calendars[i].severity;
        int x = body.x + 1 +
                draw_text(y, body.x + 1, 2, chart_series_glyph(calendars[i].series),
                          theme_series_role(calendars[i].series));
        draw_textf(y, x + 1, body.width - x - 2, THEME_HEADING, "%s%s",
                   state->items[items[i]].label,
                   i == 0 && count < state->selected_count ? "  (n: the next one)" : "");
        calendar_panel_draw(&calendars[i],
                            (struct draw_rect){y + 1, body.x, CALENDAR_ROWS, body.width});
    }
    int y = body.y + (int)count * CALENDAR_BLOCK;
    if (y < body.y + body.height)
        calendar_panel_draw_legend(y++, body.x + 4, body.width - 4, severity);
    if (y < body.y + body.height)
        draw_calendar_readout(state, calendars, count, y, body);
}

/* Moves the cursor by `days`; moving before the first column scrolls the calendar a week back
 * (as far as a year before the first saved day), after the last one stops. */
static void move_calendar_cursor(struct trends_state *state, struct draw_rect area, int days)
{
    int from, to, cell_width;
    window_of(state, &from, &to);
    int weeks = calendar_weeks(area.width, &cell_width);
    int first = calendar_first_monday(to, weeks);
    int earliest = state->first_day - 7 * weeks;
    state->cursor += days;
    if (state->cursor > to)
        state->cursor = to;
    if (state->cursor < earliest)
        state->cursor = earliest;
    if (state->cursor >= first)
        return;
    if (trends_ranges[state->range].days == 0)
        state->cursor = first;
    else
        state->end -= 7 * ((first - state->cursor + 6) / 7);
}

/* --- Choosing series ------------------------------------------------------------------------ */

static bool picker_selectable(void *context, size_t index)
{
    const struct trends_state *state = context;
    return state->items[index].kind != ITEM_HEADING;
}

static void picker_draw_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    const struct trends_state *state = context;
    const struct trends_item *item = &state->items[index];
    if (item->kind == ITEM_HEADING) {
        draw_text(row.y, row.x + 1, row.width - 1, item->label, THEME_HEADING);
        return;
    }
    enum theme_role role = selected ? THEME_SELECTED : THEME_NORMAL;
    long position = selected_position(state, index);
    draw_blank(row.y, row.x, row.width, role);
    int x = row.x + 1, right = row.x + row.width;
    x += draw_text(row.y, x, right - x,
                   theme_glyph(position >= 0 ? GLYPH_CHECK_ON : GLYPH_CHECK_OFF), role);
    x += draw_text(row.y, x, right - x, " ", role);
    if (position >= 0)
        x += draw_text(row.y, x, right - x, chart_series_glyph((int)position),
                       selected ? role : theme_series_role((int)position));
    else
        x += draw_text(row.y, x, right - x, " ", role);
    x += draw_text(row.y, x, right - x, " ", role);
    draw_text(row.y, x, right - x, item->label, role);
}

static struct draw_rect below_heading(struct draw_rect area)
{
    return (struct draw_rect){area.y + 1, area.x, area.height - 1, area.width};
}

static void draw_picker(struct trends_state *state, struct draw_rect area)
{
    draw_textf(area.y, area.x + 1, area.width - 2, THEME_HEADING,
               "Choose up to %d series (%zu chosen): Space adds or removes, Esc returns",
               TRENDS_MAX_SERIES, state->selected_count);
    list_panel_draw(&state->picker, below_heading(area));
}

/* Whether the chosen series changed (not when the most are chosen already). */
static bool toggle_picked(struct trends_state *state)
{
    size_t item = state->picker.cursor;
    if (item >= state->item_count || state->items[item].kind == ITEM_HEADING)
        return false;
    if (selected_position(state, item) >= 0) {
        unselect_item(state, item);
        return true;
    }
    if (select_item(state, item))
        return true;
    ui_message(state->app->ui, "At most %d series at once: remove one first", TRENDS_MAX_SERIES);
    return false;
}

static enum screen_result picker_key(struct trends_state *state, int key, struct draw_rect area)
{
    enum screen_result moved =
        screen_panel_result(list_panel_key(&state->picker, key, below_heading(area)));
    if (moved != SCREEN_IGNORED)
        return moved;
    if (key == ' ' || key == KEYS_ENTER)
        return toggle_picked(state) ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    if (key == KEYS_ESCAPE || key == 's') {
        state->mode = MODE_VIEW;
        return SCREEN_REDRAW_BODY;
    }
    return SCREEN_IGNORED;
}

/* --- Marks ---------------------------------------------------------------------------------- */

static void mark_draw_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    const struct trends_state *state = context;
    const struct journal_mark *mark = &state->marks.items[index];
    enum theme_role role = selected ? THEME_SELECTED : THEME_NORMAL;
    draw_blank(row.y, row.x, row.width, role);
    char date[DATE_TEXT_SIZE];
    date_format(mark->day_number, date);
    draw_textf(row.y, row.x + 1, row.width - 1, role, "%s %s  %s", date,
               date_weekday_name(date_weekday(mark->day_number)), mark->label);
}

static void draw_marks(struct trends_state *state, struct draw_rect area)
{
    draw_text(area.y, area.x + 1, area.width - 2,
              "Marks: Enter goes to the day, d deletes, Esc returns", THEME_HEADING);
    list_panel_draw(&state->mark_list, below_heading(area));
}

/* Whether a mark was deleted (not when the person says no). */
static bool delete_mark(struct trends_state *state)
{
    if (state->mark_list.cursor >= state->marks.count)
        return false;
    const struct journal_mark *mark = &state->marks.items[state->mark_list.cursor];
    char date[DATE_TEXT_SIZE];
    date_format(mark->day_number, date);
    char *question = xprintf("Delete the mark of %s (%s)?", date, mark->label);
    bool yes = ui_confirm(state->app->ui, question);
    free(question);
    struct error err = {0};
    if (!yes)
        return false;
    if (journal_delete_mark(state->app->journal, mark->id, &err) != 0) {
        ui_error(state->app->ui, "%s", err.message);
        return false;
    }
    refresh_facts(state);
    if (state->marks.count == 0)
        state->mode = MODE_VIEW;
    return true;
}

static enum screen_result marks_key(struct trends_state *state, int key, struct draw_rect area)
{
    enum screen_result moved =
        screen_panel_result(list_panel_key(&state->mark_list, key, below_heading(area)));
    if (moved != SCREEN_IGNORED)
        return moved;
    switch (key) {
    case KEYS_ENTER:
        if (state->mark_list.cursor < state->marks.count) {
            state->cursor = state->chart_marks[state->mark_list.cursor].day;
            follow_cursor(state);
        }
        state->mode = MODE_VIEW;
        return SCREEN_REDRAW_BODY;
    case 'd':
    case KEYS_DELETE:
        return delete_mark(state) ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    case KEYS_ESCAPE:
    case 'M':
        state->mode = MODE_VIEW;
        return SCREEN_REDRAW_BODY;
    default:
        return SCREEN_IGNORED;
    }
}

/* Whether a mark was added (not when the prompt is cancelled or left empty). */
static bool add_mark(struct trends_state *state)
{
    char date[DATE_TEXT_SIZE];
    date_format(state->cursor, date);
    char *question = xprintf("What changed on %s?", date);
    char *label = ui_prompt(state->app->ui, question, "");
    free(question);
    struct error err = {0};
    if (label == NULL || label[0] == '\0') {
        free(label);
        return false;
    }
    bool added = journal_add_mark(state->app->journal, state->cursor, label, &err) == 0;
    if (added)
        ui_message(state->app->ui, "Marked %s: %s", date, label);
    else
        ui_error(state->app->ui, "%s", err.message);
    free(label);
    return added;
}

/* Opens the before/after comparison of the mark nearest the cursor; false when there is none
 * or it cannot be worked out (a message says why). */
static bool open_before_after(struct trends_state *state)
{
    long nearest = -1;
    for (size_t i = 0; i < state->marks.count; i++) {
        int day = state->chart_marks[i].day;
        if (day >= 0 && (nearest < 0 || abs(day - state->cursor) <
                                            abs(state->chart_marks[nearest].day - state->cursor)))
            nearest = (long)i;
    }
    if (nearest < 0) {
        ui_message(state->app->ui, "No marks yet: press a to mark the day something changed");
        return false;
    }
    struct error err = {0};
    trends_before_after_release(&state->before_after);
    if (trends_before_after_compute(&state->before_after, state->app->journal, state->app->content,
                                    state->chart_marks[nearest].day,
                                    state->chart_marks[nearest].label, &err) != 0) {
        ui_error(state->app->ui, "%s", err.message);
        return false;
    }
    state->mode = MODE_BEFORE_AFTER;
    return true;
}

/* --- The screen ----------------------------------------------------------------------------- */

static const char *const view_names[VIEW_COUNT] = {"Chart", "Calendar", "Insights", "Experiment"};

static void draw_header(struct trends_state *state, struct draw_rect area)
{
    int from, to;
    window_of(state, &from, &to);
    char last[32], text[160];
    long_date(to, last, sizeof last);
    const char *range = trends_ranges[state->range].name;
    if (state->view == VIEW_CALENDAR)
        snprintf(text, sizeof text, "The year to %s", last);
    else if (trends_ranges[state->range].days == 0)
        snprintf(text, sizeof text, "All %d days to %s", to - from + 1, last);
    else
        snprintf(text, sizeof text, "%s to %s", range, last);
    int x = area.x + 1, right = area.x + area.width - 9;
    static const char why[] = " (your last logged day)";
    if (at_last_logged_day(state) && (int)(strlen(text) + strlen(why)) <= right - x)
        strcat(text, why); /* said only where it fits: the date matters more */
    x += draw_text(area.y, x, right - x, text, THEME_HEADING);
    if (state->view == VIEW_CHART && state->chart_cache.valid)
        x += draw_textf(area.y, x, right - x, THEME_HEADING, ", by %s",
                        state->chart_cache.step == CHART_BY_DAY    ? "day"
                        : state->chart_cache.step == CHART_BY_WEEK ? "week"
                                                                   : "month");
    if (to < state->app->today && x < right)
        draw_text(area.y, x, right - x, "  (] later)", THEME_DIM);
    draw_text_right(area.y, area.x, area.width - 1, view_names[state->view], THEME_TAB_ACTIVE);
    if (state->error != NULL)
        draw_text(area.y, area.x + 1, area.width - 2, state->error, THEME_WARNING);
}

static void trends_draw(void *opaque, struct app *app, struct draw_rect area)
{
    struct trends_state *state = opaque;
    refresh_facts(state);
    if (state->mode == MODE_PICKER) {
        draw_picker(state, area);
        return;
    }
    if (state->mode == MODE_MARKS) {
        draw_marks(state, area);
        return;
    }
    if (state->mode == MODE_BEFORE_AFTER) {
        trends_before_after_draw(&state->before_after, app->content, area);
        return;
    }
    struct draw_rect body = below_heading(area);
    if (state->view == VIEW_CHART) {
        draw_chart_view(state, body);
    } else if (state->view == VIEW_CALENDAR) {
        draw_calendar_view(state, body);
    } else if (state->view == VIEW_EXPERIMENT) {
        trends_experiment_update(&state->experiment, app->journal, app->content, app->today);
        trends_experiment_draw(&state->experiment, body);
    } else {
        int from, to;
        window_of(state, &from, &to);
        if (!trends_insights_is_current(&state->insights, from, to,
                                        journal_freshness(app->journal)))
            ui_busy(app->ui, "Looking for associations in your check-ins...");
        trends_insights_update(&state->insights, app->journal, from, to,
                               journal_freshness(app->journal));
        trends_insights_draw(&state->insights, body);
    }
    draw_header(state, area);
}

/* `[` and `]`: the window before or after this one. */
static void shift_window(struct trends_state *state, int direction)
{
    if (trends_ranges[state->range].days == 0) {
        ui_message(state->app->ui, "The range is the whole journal: r changes the range");
        return;
    }
    int length = window_length(state);
    if (direction > 0 && state->end >= state->app->today)
        return;
    state->end += direction * length;
    if (state->end > state->app->today)
        state->end = state->app->today;
    state->cursor += direction * length;
    if (state->cursor > state->end)
        state->cursor = state->end;
    follow_cursor(state);
}

static void cycle_grouping(struct trends_state *state)
{
    static const char *const names[GROUPING_COUNT] = {"chosen for the width", "by day", "by week",
                                                      "by month"};
    state->grouping = (enum trends_grouping)((state->grouping + 1) % GROUPING_COUNT);
    ui_message(state->app->ui, "Grouping: %s", names[state->grouping]);
}

static void cycle_range(struct trends_state *state, int direction)
{
    state->range = direction > 0 ? (state->range + 1) % TRENDS_RANGE_COUNT
                                 : (state->range + TRENDS_RANGE_COUNT - 1) % TRENDS_RANGE_COUNT;
    follow_cursor(state);
}

static void cycle_view(struct trends_state *state)
{
    state->view = (enum trends_view)((state->view + 1) % VIEW_COUNT);
    if (state->view == VIEW_EXPERIMENT) {
        trends_experiment_update(&state->experiment, state->app->journal, state->app->content,
                                 state->app->today);
        if (!trends_experiment_present(&state->experiment))
            state->view = VIEW_CHART;
    }
    if (state->view == VIEW_CHART)
        follow_cursor(state);
}

/* A cursor key at the end of where it can go moves nothing, and nothing is drawn again. */
static enum screen_result cursor_result(const struct trends_state *state, int cursor, int end)
{
    return state->cursor != cursor || state->end != end ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
}

/* Keys every view shares; SCREEN_IGNORED when the key is not one of them. */
static enum screen_result common_key(struct trends_state *state, int key)
{
    int cursor = state->cursor, end = state->end;
    switch (key) {
    case 'r': /* the range, the view and the picker always change what the area shows */
    case 'R':
        cycle_range(state, key == 'r' ? +1 : -1);
        return SCREEN_REDRAW_BODY;
    case '[':
    case ']': /* nothing moves when the range already ends today or is the whole journal */
        shift_window(state, key == ']' ? +1 : -1);
        return cursor_result(state, cursor, end);
    case 'w': /* the grouping and the moving average are the chart's alone */
        cycle_grouping(state);
        return state->view == VIEW_CHART ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    case 'm':
        state->moving_average = !state->moving_average;
        return state->view == VIEW_CHART ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    case 'v':
        cycle_view(state);
        return SCREEN_REDRAW_BODY;
    case 's':
        state->mode = MODE_PICKER;
        return SCREEN_REDRAW_BODY;
    case 'a': /* cancelled or empty: the manager puts back what the prompt covered */
        return add_mark(state) ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    case 'M':
        if (state->marks.count == 0) {
            ui_message(state->app->ui, "No marks yet: press a to mark the day something changed");
            return SCREEN_UNCHANGED;
        }
        state->mode = MODE_MARKS;
        return SCREEN_REDRAW_BODY;
    case 'b': /* no marks: the message alone */
        return open_before_after(state) ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
    default:
        return SCREEN_IGNORED;
    }
}

static enum screen_result chart_key(struct trends_state *state, int key, struct draw_rect body)
{
    int cursor = state->cursor, end = state->end;
    switch (keys_vi_to_arrow(key)) {
    case KEYS_LEFT:
    case KEYS_RIGHT:
        move_chart_cursor(state, body, key == KEYS_LEFT || key == 'h' ? -1 : +1);
        return cursor_result(state, cursor, end);
    case KEYS_HOME:
    case KEYS_END: {
        int from, to;
        window_of(state, &from, &to);
        state->cursor = key == KEYS_HOME || key == 'g' ? from : to;
        return cursor_result(state, cursor, end);
    }
    case KEYS_ENTER:
        state->app->request.open_day = state->cursor;
        ui_switch_screen(state->app->ui, SCREEN_CHECKIN); /* drawn by the manager */
        return SCREEN_UNCHANGED;
    default:
        return SCREEN_IGNORED;
    }
}

static enum screen_result calendar_key(struct trends_state *state, int key, struct draw_rect body)
{
    static const struct {
        int key, days;
    } moves[] = {{KEYS_LEFT, -7}, {KEYS_RIGHT, 7}, {KEYS_UP, -1}, {KEYS_DOWN, 1}};
    int cursor = state->cursor, end = state->end;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (keys_vi_to_arrow(key) == moves[i].key) {
            move_calendar_cursor(state, body, moves[i].days);
            return cursor_result(state, cursor, end);
        }
    if (key == 'n' && state->selected_count > 0) {
        state->calendar_pick = (state->calendar_pick + 1) % state->selected_count;
        return SCREEN_REDRAW_BODY;
    }
    if (key == KEYS_ENTER) {
        state->app->request.open_day = state->cursor;
        ui_switch_screen(state->app->ui, SCREEN_CHECKIN); /* drawn by the manager */
        return SCREEN_UNCHANGED;
    }
    return SCREEN_IGNORED;
}

static enum screen_result dispatch_key(struct trends_state *state, int key, struct draw_rect area)
{
    if (state->mode == MODE_PICKER)
        return picker_key(state, key, area);
    if (state->mode == MODE_MARKS)
        return marks_key(state, key, area);
    if (state->mode == MODE_BEFORE_AFTER) {
        if (key != KEYS_ESCAPE && key != 'b')
            return screen_panel_result(trends_before_after_key(&state->before_after, key, area));
        state->mode = MODE_VIEW;
        return SCREEN_REDRAW_BODY;
    }
    struct draw_rect body = below_heading(area);
    enum screen_result result = SCREEN_IGNORED;
    if (state->view == VIEW_INSIGHTS)
        result = screen_panel_result(trends_insights_key(&state->insights, key, body));
    else if (state->view == VIEW_CHART)
        result = chart_key(state, key, body);
    else if (state->view == VIEW_CALENDAR)
        result = calendar_key(state, key, body);
    return result == SCREEN_IGNORED ? common_key(state, key) : result;
}

static enum screen_result trends_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    struct trends_state *state = opaque;
    (void)app;
    refresh_facts(state);
    size_t range = state->range;
    int end = state->end, cursor = state->cursor;
    enum screen_result result = dispatch_key(state, key, area);
    if (state->range != range || state->end != end || state->cursor != cursor)
        state->window_chosen = true; /* from now on the window stays where the person put it */
    return result;
}

static void trends_init(void *opaque, struct app *app)
{
    struct trends_state *state = opaque;
    state->app = app;
    state->range = TRENDS_DEFAULT_RANGE;
    state->end = state->cursor = app->today;
    journal_mark_list_init(&state->marks);
    build_items(state);
    select_defaults(state);
    list_panel_init(&state->picker, picker_draw_row, picker_selectable, state);
    list_panel_set_count(&state->picker, state->item_count);
    list_panel_set_column_width(&state->picker, 36);
    list_panel_init(&state->mark_list, mark_draw_row, NULL, state);
    trends_insights_init(&state->insights, app->content);
    trends_experiment_init(&state->experiment);
}

static void trends_enter(void *opaque, struct app *app)
{
    struct trends_state *state = opaque;
    refresh_facts(state);
    if (app->request.metric[0] != '\0') {
        focus_item(state, app->request.metric);
        app->request.metric[0] = '\0';
    }
    follow_cursor(state);
}

static void trends_release(void *opaque)
{
    struct trends_state *state = opaque;
    for (size_t i = 0; i < state->item_count; i++) {
        free(state->items[i].id);
        free(state->items[i].label);
    }
    free(state->items);
    cache_clear(&state->chart_cache);
    cache_clear(&state->calendar_cache);
    journal_mark_list_release(&state->marks);
    free(state->chart_marks);
    free(state->bands);
    trends_insights_release(&state->insights);
    trends_before_after_release(&state->before_after);
    trends_experiment_release(&state->experiment);
    free(state->error);
}

/* Built again from the changed content with the same series (those still there, by id), view,
 * range, grouping and days; an open picker or list closes. */
static void trends_reload(void *opaque, struct app *app)
{
    struct trends_state *state = opaque;
    char *chosen[TRENDS_MAX_SERIES];
    size_t chosen_count = state->selected_count;
    for (size_t i = 0; i < chosen_count; i++)
        chosen[i] = xstrdup(state->items[state->selected[i]].id);
    struct trends_state kept = *state; /* its scalars only: the rest is released below */
    trends_release(state);
    memset(state, 0, sizeof *state);
    trends_init(state, app);
    state->view = kept.view;
    state->range = kept.range;
    state->grouping = kept.grouping;
    state->moving_average = kept.moving_average;
    state->end = kept.end;
    state->cursor = kept.cursor;
    state->window_chosen = kept.window_chosen;
    state->selected_count = 0;
    for (size_t i = 0; i < chosen_count; i++) {
        long item = find_item(state, chosen[i]);
        if (item >= 0)
            select_item(state, (size_t)item);
        free(chosen[i]);
    }
    if (state->selected_count == 0 && chosen_count > 0) /* none of them is left */
        select_defaults(state);
    if (kept.calendar_pick < state->selected_count)
        state->calendar_pick = kept.calendar_pick;
}

static const struct screen_key_help trends_help[] = {
    {"s", "choose the series to show (up to 6)"},
    {"v", "view: chart, calendar, insights, experiment (when there is one)"},
    {"r  R", "range: 7 days, 30 days, 90 days, 1 year, all"},
    {"[  ]", "the days before / after these"},
    {"Left Right", "move along the days (calendar: Up/Down a day)"},
    {"w", "group by day, week or month, or to fit the width"},
    {"m", "moving average on or off"},
    {"n", "calendar: the next chosen series"},
    {"Enter", "open the day (insights: the lag view)"},
    {"a", "mark the cursor's day: something changed"},
    {"M", "list the marks, go to one or delete it"},
    {"b", "before/after the mark nearest the cursor"},
    {NULL, NULL},
};

/* The insights list is worked out in slices while its view is shown. */
static bool trends_pending(void *opaque, struct app *app)
{
    (void)app;
    struct trends_state *state = opaque;
    return state->mode == MODE_VIEW && state->view == VIEW_INSIGHTS &&
           trends_insights_pending(&state->insights);
}

static enum screen_result trends_work(void *opaque, struct app *app)
{
    struct trends_state *state = opaque;
    trends_insights_work(&state->insights, app->journal);
    return SCREEN_REDRAW_BODY;
}

const struct screen_ops trends_screen = {
    .title = "Trends",
    .state_size = sizeof(struct trends_state),
    .init = trends_init,
    .release = trends_release,
    .reload = trends_reload,
    .enter = trends_enter,
    .draw = trends_draw,
    .key = trends_key,
    .pending = trends_pending,
    .work = trends_work,
    .about = "how your signs and habits move together over weeks and months",
    .status_hint = "s series  r range  [ ] earlier/later  v view  a mark",
    .help = trends_help,
};
