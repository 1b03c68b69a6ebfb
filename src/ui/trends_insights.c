/*
 * trends_insights.c - the Insights view of the Trends screen (possible associations and the lag
 * view of one), and the before/after comparison around a mark.
 */
#include "ui/trends_insights.h"

#include <math.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "strlist.h"
#include "text.h"
#include "ui/keys.h"
#include "ui/panel_calendar.h"
#include "xalloc.h"

/* The p-value under which "would appear by chance" is counted in the summary. */
#define TRENDS_CHANCE_P 0.05
/* Rows confirmed (rotation test, reverse control) when the list is computed; others when their
 * lag view is opened. */
#define TRENDS_CONFIRMED_ROWS 10
/* The work of the list is done in slices of about this long between frames, and keys are read
 * between slices: reading TRENDS_READ_DAYS days, or searching one factor, is one step. */
#define TRENDS_SLICE_MICROS 8000
#define TRENDS_READ_DAYS 183
/* Differences of this many severity points or more get the darkest shade in the lag view. */
#define TRENDS_FULL_SHADE 1.5

static const char *dash(void)
{
    return theme_is_utf8() ? "\u2013" : "-";
}

static void format_p(double p, char *out, size_t size)
{
    if (isnan(p))
        snprintf(out, size, "%s", dash());
    else if (p < 0.001)
        snprintf(out, size, "<0.001");
    else
        snprintf(out, size, "%.3f", p);
}

static void format_difference(double difference, char *out, size_t size)
{
    if (isnan(difference))
        snprintf(out, size, "%s", dash());
    else
        snprintf(out, size, "%+.2f", difference);
}

static enum theme_role difference_role(double difference)
{
    /* Symptoms are severities: higher is worse. */
    return difference > 0 ? THEME_WARNING : difference < 0 ? THEME_GOOD : THEME_NORMAL;
}

/* --- The model ---------------------------------------------------------------------------- */

static void draw_association_row(void *context, size_t index, bool selected, struct draw_rect row);

void trends_insights_init(struct trends_insights *insights, const struct content *content)
{
    memset(insights, 0, sizeof *insights);
    insights->content = content;
    stats_comparison_list_init(&insights->found);
    list_panel_init(&insights->list, draw_association_row, NULL, insights);
}

static void drop_model(struct trends_insights *insights)
{
    if (insights->reading)
        insights_builder_finish(&insights->builder, false); /* releases the model */
    else if (insights->built || insights->job != NULL)
        insights_release(&insights->model);
    stats_search_free(insights->job);
    insights->job = NULL;
    insights->reading = false;
    insights->built = false;
    insights->switched = 0;
    insights->lag_open = false;
    free(insights->error);
    insights->error = NULL;
}

void trends_insights_release(struct trends_insights *insights)
{
    drop_model(insights);
    stats_comparison_list_release(&insights->found);
}

bool trends_insights_is_current(const struct trends_insights *insights, int from, int to,
                                uint64_t generation)
{
    return (insights->built || insights->error != NULL || trends_insights_pending(insights)) &&
           insights->from == from && insights->to == to && insights->generation == generation;
}

bool trends_insights_pending(const struct trends_insights *insights)
{
    return insights->reading || insights->job != NULL;
}

void trends_insights_update(struct trends_insights *insights, struct journal *journal, int from,
                            int to, uint64_t generation)
{
    (void)journal;
    if (trends_insights_is_current(insights, from, to, generation))
        return;
    drop_model(insights);
    insights->from = from;
    insights->to = to;
    insights->generation = generation;
    insights_builder_begin(&insights->builder, insights->content, from, to, &insights->model);
    insights->reading = true;
    insights->read_next = insights->model.from;
    list_panel_set_count(&insights->list, 0);
}

/* One step of the work: the next months of days read, or a few factors searched. */
static void work_step(struct trends_insights *insights, struct journal *journal)
{
    if (insights->reading) {
        int last = insights->read_next + TRENDS_READ_DAYS - 1;
        last = last < insights->model.to ? last : insights->model.to;
        struct error err = {0};
        if (insights_builder_read(&insights->builder, journal, insights->read_next, last, &err) !=
            0) {
            insights_builder_finish(&insights->builder, false);
            insights->reading = false;
            insights->error = xstrdup(err.message);
            return;
        }
        insights->read_next = last + 1;
        if (insights->read_next <= insights->model.to)
            return;
        insights_builder_finish(&insights->builder, true);
        insights->reading = false;
        struct stats_search_options options = insights_search_options(TRENDS_CONFIRMED_ROWS);
        insights->job = stats_search_begin(&insights->model.table, &options, &insights->found);
        return;
    }
    if (insights->job != NULL && stats_search_step(insights->job, 1)) {
        stats_search_free(insights->job);
        insights->job = NULL;
        insights->built = true;
        insights->switched = insights_switches(&insights->model, NULL, 0);
        list_panel_set_count(&insights->list, insights->found.count);
        list_panel_select(&insights->list, 0);
    }
}

static long long elapsed_micros(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000000LL + (now.tv_nsec - start->tv_nsec) / 1000;
}

void trends_insights_work(struct trends_insights *insights, struct journal *journal)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (trends_insights_pending(insights) && elapsed_micros(&start) < TRENDS_SLICE_MICROS)
        work_step(insights, journal);
}

/* The share of the work done: reading the days is about a fifth of it. */
static double work_progress(const struct trends_insights *insights)
{
    if (insights->reading) {
        double days = (double)(insights->model.to - insights->model.from + 1);
        return 0.2 * (double)(insights->read_next - insights->model.from) / days;
    }
    return insights->job != NULL ? 0.2 + 0.8 * stats_search_progress(insights->job) : 1;
}

/* --- The list ----------------------------------------------------------------------------- */

#define ASSOCIATION_CELLS 8

struct association_columns {
    int factor, symptom, when, difference, days, p, q, flag;
};

#define ASSOCIATION_FACTOR_MAX 60
#define ASSOCIATION_SYMPTOM_MAX 32

static struct association_columns association_columns(int width)
{
    struct association_columns c = {0, 0, width >= 72 ? 13 : 0, 6, width >= 64 ? 10 : 0, 7, 7, 3};
    int rest = width - 2 - c.when - c.difference - c.days - c.p - c.q - c.flag;
    c.factor = rest * 55 / 100;
    c.symptom = rest - c.factor;
    /* A wide terminal does not stretch the names across it (a factor's words fit in 60, a
     * symptom's label in 32): the numbers stay beside them, the room left is on the right. */
    c.factor = c.factor > ASSOCIATION_FACTOR_MAX ? ASSOCIATION_FACTOR_MAX : c.factor;
    c.symptom = c.symptom > ASSOCIATION_SYMPTOM_MAX ? ASSOCIATION_SYMPTOM_MAX : c.symptom;
    return c;
}

/* Columns of a factor's name kept, at the least, before its threshold. */
#define FACTOR_NAME_MIN 4

/* A factor in its words when they fit ("More sleep than usual (over 7.5 hours)"), else its label.
 * A label that ends in a threshold: the name may be cut, the number never is ("Sleep over 7…"
 * would read as another threshold). In the order tried: "Sleep over 7.5 hours",
 * "Sleep >7.5 hours" (the name cut to no fewer than FACTOR_NAME_MIN columns), "Sleep >7.5", then
 * "Sleep…", the threshold left to the lag view. */
static void draw_factor_cell(int y, int x, int width, const char *label,
                             const struct factor_words *threshold, enum theme_role role)
{
    if (threshold != NULL && text_width(threshold->words) <= width) {
        draw_text(y, x, width, threshold->words, role);
        return;
    }
    if (threshold == NULL || threshold->number_at == 0 || text_width(label) <= width) {
        draw_text(y, x, width, label, role);
        return;
    }
    char name[256], tails[2][128];
    snprintf(name, sizeof name, "%.*s", (int)threshold->name_end, label);
    const char *number = label + threshold->number_at;
    int digits = (int)(threshold->unit_at - threshold->number_at);
    snprintf(tails[0], sizeof tails[0], " >%.*s%s", digits, number, label + threshold->unit_at);
    snprintf(tails[1], sizeof tails[1], " >%.*s", digits, number);
    for (int i = 0; i < 2; i++) {
        int tail = text_width(tails[i]);
        if (text_width(name) + tail <= width || width - tail >= FACTOR_NAME_MIN) {
            int used = draw_text(y, x, width - tail, name, role);
            draw_text(y, x + used, tail, tails[i], role);
            return;
        }
    }
    int used = draw_text(y, x, width - 1, name, role);
    if (text_width(name) <= width - 1)
        draw_text(y, x + used, 1, theme_glyph(GLYPH_ELLIPSIS), role);
}

static void draw_columns(struct draw_rect row, const struct association_columns *c,
                         const char *const cells[ASSOCIATION_CELLS],
                         const struct factor_words *threshold, enum theme_role role,
                         enum theme_role number)
{
    int widths[ASSOCIATION_CELLS] = {c->factor, c->symptom, c->when, c->difference,
                                     c->days,   c->p,       c->q,    c->flag};
    int x = row.x + 2;
    for (int i = 0; i < ASSOCIATION_CELLS; i++) {
        if (widths[i] <= 0)
            continue;
        if (i == 0)
            draw_factor_cell(row.y, x, widths[i] - 1, cells[i], threshold, role);
        else if (i >= 3 && i < ASSOCIATION_CELLS - 1)
            draw_text_right(row.y, x, widths[i] - 1, cells[i], i == 3 ? number : role);
        else
            draw_text(row.y, x + (i == ASSOCIATION_CELLS - 1),
                      widths[i] - 1 - (i == ASSOCIATION_CELLS - 1), cells[i], role);
        x += widths[i];
    }
}

/* The one-character flag of a row: "!" may follow the symptom, "?" not confirmed by the
 * rotation test; the lag view says it in words. */
static const char *row_flag(const struct stats_comparison *c)
{
    if (c->reverse_as_strong)
        return "!";
    if (c->checked && !(c->p_rotation <= STATS_CONFIRM_P))
        return "?";
    return "";
}

static void draw_association_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    struct trends_insights *insights = context;
    const struct stats_table *table = &insights->model.table;
    const struct stats_comparison *c = &insights->found.items[index];
    enum theme_role role = selected ? THEME_SELECTED : THEME_NORMAL;
    draw_blank(row.y, row.x, row.width, role);
    draw_text(row.y, row.x, 1, selected ? ">" : " ", role);
    struct association_columns columns = association_columns(row.width);
    char when[32], difference[16], days[24], p[16], q[16];
    snprintf(days, sizeof days, "%zu/%zu", c->n_with, c->n_without);
    format_difference(c->difference, difference, sizeof difference);
    format_p(c->p_family, p, sizeof p);
    format_p(c->q, q, sizeof q);
    const char *cells[ASSOCIATION_CELLS] = {table->factors[c->factor].label,
                                            table->symptoms[c->symptom].label,
                                            insights_lag_text(c->lag, when, sizeof when),
                                            difference,
                                            days,
                                            p,
                                            q,
                                            row_flag(c)};
    draw_columns(row, &columns, cells, insights_words(&insights->model, c->factor), role,
                 selected ? role : difference_role(c->difference));
}

static void draw_list_heading(const struct trends_insights *insights, struct draw_rect area)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(insights->from, from);
    date_format(insights->to, to);
    draw_textf(area.y, area.x + 1, area.width - 2, THEME_HEADING,
               "Possible associations, %s to %s (%zu day%s logged)", from, to,
               insights->model.logged_days, insights->model.logged_days == 1 ? "" : "s");
    struct association_columns columns = association_columns(area.width);
    const char *cells[ASSOCIATION_CELLS] = {"Factor",    "Symptom", "Measured", "Diff",
                                            "Days w/wo", "p",       "q",        ""};
    draw_columns((struct draw_rect){area.y + 1, area.x, 1, area.width}, &columns, cells, NULL,
                 THEME_DIM, THEME_DIM);
}

/* Under the list: what the rows are, what chance alone would give among them, what counts as an
 * association, the flags, and the caution. */
static void list_footer_text(const struct trends_insights *insights, char *text, size_t size)
{
    const struct stats_comparison_list *found = &insights->found;
    text[0] = '\0';
    if (found->tested == 0)
        return;
    size_t associations = 0;
    bool reverse = false, unconfirmed = false;
    for (size_t i = 0; i < found->count; i++) {
        associations += stats_is_association(&found->items[i]);
        reverse = reverse || found->items[i].reverse_as_strong;
        unconfirmed = unconfirmed || row_flag(&found->items[i])[0] == '?';
    }
    snprintf(text, size,
             "%zu pairs, each over lags 0-%d as one question (p corrected for that and for "
             "day-to-day persistence): about %.0f would reach p < %.2f by chance alone. "
             "%zu reach q < %.2f, confirmed by shifting the days. Diff: the symptom after the "
             "factor minus after days without it.%s%s",
             found->tested, STATS_MAX_LAG, (double)found->tested * TRENDS_CHANCE_P, TRENDS_CHANCE_P,
             associations, STATS_Q_LEVEL,
             reverse ? " !: may follow the symptom rather than precede it." : "",
             unconfirmed ? " ?: not confirmed when the days are shifted." : "");
    /* A factor that started or stopped once would pass for an association with anything that
     * drifted; it is left out of the search, and saying so keeps it from seeming forgotten. */
    if (insights->switched > 0) {
        size_t length = strlen(text);
        bool one = insights->switched == 1;
        snprintf(text + length, size - length,
                 " Left out: %zu factor%s that started or stopped once and stayed (a supplement "
                 "begun on a date, say): day by day %s would match anything that drifted. The "
                 "report compares %s before and after.",
                 insights->switched, one ? "" : "s", one ? "it" : "they", one ? "it" : "them");
    }
}

/* Rows the list keeps, at the least, above its footer. */
#define LIST_MIN_ROWS 3

/* Draws the footer at the bottom of `area` (below the list's heading) and returns its rows: the
 * explanation and the caution when they leave the list LIST_MIN_ROWS rows and a blank one, else
 * the caution alone, else its short form. The caution is never left out: where even the short
 * form does not fit, it takes the rows there are. */
static int draw_list_footer(const struct trends_insights *insights, struct draw_rect area)
{
    char text[768];
    list_footer_text(insights, text, sizeof text);
    const char *caution = insights->content->caution ? insights->content->caution : "";
    const char *const forms[][2] = {{text, caution}, {"", caution}, {"", INSIGHTS_SHORT_CAUTION}};
    int width = area.width - 2, room = area.height - LIST_MIN_ROWS - 1, rows = 0;
    size_t form = 0;
    for (; form < sizeof forms / sizeof forms[0]; form++) {
        /* an empty text would still take a row */
        rows = (forms[form][0][0] ? draw_wrapped_rows(forms[form][0], width) : 0) +
               draw_wrapped_rows(forms[form][1], width);
        if (rows <= room)
            break;
    }
    if (form == sizeof forms / sizeof forms[0]) {
        form--;
        rows = room > 1 ? room : area.height > 1 ? 1 : 0;
    }
    int y = area.y + area.height - rows, bottom = area.y + area.height;
    if (forms[form][0][0] != '\0')
        y += draw_wrapped(y, area.x + 1, width, bottom - y, forms[form][0], THEME_DIM);
    draw_wrapped(y, area.x + 1, width, bottom - y, forms[form][1], THEME_WARNING);
    return rows;
}

/* --- The lag view ------------------------------------------------------------------------- */

static void open_lag_view(struct trends_insights *insights)
{
    const struct stats_table *table = &insights->model.table;
    struct stats_comparison *c = &insights->found.items[insights->list.cursor];
    if (!c->checked)
        stats_confirm(table, STATS_MAX_LAG, STATS_MIN_DAYS, c);
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++)
        insights->lag_found[lag] =
            stats_compare(table, c->factor, c->symptom, lag, STATS_MIN_DAYS, &insights->lags[lag]);
    insights->lag_row = *c;
    const struct factor_words *words = insights_words(&insights->model, c->factor);
    insights->lag_factor = words->label;
    insights->lag_days = words->days;
    insights->lag_symptom = table->symptoms[c->symptom].label;
    insights->lag_open = true;
}

#define LAG_NAMES_WIDTH 7
/* Below this cell width the lag row uses its short forms: "+0.4", "<.01", days with only. */
#define LAG_WIDE_CELL 8

static int lag_cell_width(int width)
{
    int cell = (width - LAG_NAMES_WIDTH - 1) / (STATS_MAX_LAG + 1);
    return cell > 9 ? 9 : cell;
}

static void draw_lag_shade(int y, int x, int width, const struct stats_comparison *c)
{
    int level = calendar_level(fabs(c->difference), 0, TRENDS_FULL_SHADE);
    char shade[64] = "";
    for (int i = 0; i < width - 1 && i < 8; i++)
        strcat(shade, calendar_level_glyph(level));
    draw_text(y, x, width - 1, shade, difference_role(c->difference));
}

/* p in a narrow lag cell: ".12", and "<.01" where 4 characters fit, else "<1%". */
static void format_short_p(double p, int room, char *out, size_t size)
{
    if (p < 0.01)
        snprintf(out, size, "%s", room >= 4 ? "<.01" : "<1%");
    else if (p >= 0.995)
        snprintf(out, size, "1");
    else
        snprintf(out, size, ".%02ld", lround(p * 100));
}

/* A lag's difference in its cell: "+0.62" wide, "+0.6" narrow, and where only 3 characters fit
 * (44 columns) "+.6" or, from 1 up, "+1", so that no cell shows "+0…". */
static void format_lag_difference(double difference, bool wide, int room, char *out, size_t size)
{
    if (wide || room >= 4) {
        snprintf(out, size, wide ? "%+.2f" : "%+.1f", difference);
        return;
    }
    char text[32];
    snprintf(text, sizeof text, "%+.1f", difference);
    if (strncmp(text + 1, "0.", 2) == 0) /* "+0.6" -> "+.6" */
        snprintf(out, size, "%c%s", text[0], text + 2);
    else
        snprintf(out, size, "%+.0f", difference);
}

/* Whether a lag's days with and without fit a cell as "with/without". */
static bool days_fit(const struct stats_comparison *c, int width)
{
    char text[48];
    snprintf(text, sizeof text, "%zu/%zu", c->n_with, c->n_without);
    return width >= LAG_WIDE_CELL && (int)strlen(text) <= width - 1;
}

/* Whether every lag's days fit: otherwise the row shows days with the factor only. */
static bool all_days_fit(const struct trends_insights *insights, int width)
{
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++)
        if (insights->lag_found[lag] && !days_fit(&insights->lags[lag], width))
            return false;
    return width >= LAG_WIDE_CELL;
}

/* Whether each lag's days with the factor fit its cell (a 3-character cell at 44 columns holds
 * up to 999: a few years of days do not). */
static bool counts_fit(const struct trends_insights *insights, int width)
{
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++) {
        char text[32];
        snprintf(text, sizeof text, "%zu", insights->lags[lag].n_with);
        if (insights->lag_found[lag] && (int)strlen(text) > width - 1)
            return false;
    }
    return true;
}

/* "1292" or "1292-1293": the smallest and largest of the lags' counts. */
static void count_range(size_t low, size_t high, char *out, size_t size)
{
    if (low == high)
        snprintf(out, size, "%zu", low);
    else
        snprintf(out, size, "%zu-%zu", low, high);
}

/* The days row across the cells when the counts do not fit them: they differ by a few days from
 * lag to lag (the days at the ends drop out), so their range says it without cutting a number:
 * "1292-1293 with, 892-898 without", or the days with only where that is too long. */
static void draw_lag_days_span(const struct trends_insights *insights, int y, int x, int room)
{
    size_t with[2] = {SIZE_MAX, 0}, without[2] = {SIZE_MAX, 0};
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++) {
        const struct stats_comparison *c = &insights->lags[lag];
        if (!insights->lag_found[lag])
            continue;
        with[0] = c->n_with < with[0] ? c->n_with : with[0];
        with[1] = c->n_with > with[1] ? c->n_with : with[1];
        without[0] = c->n_without < without[0] ? c->n_without : without[0];
        without[1] = c->n_without > without[1] ? c->n_without : without[1];
    }
    char a[48], b[48], text[112];
    count_range(with[0], with[1], a, sizeof a);
    count_range(without[0], without[1], b, sizeof b);
    snprintf(text, sizeof text, "%s with, %s without", a, b);
    if ((int)strlen(text) > room)
        snprintf(text, sizeof text, "%s with", a);
    draw_text(y, x, room, text, THEME_NORMAL);
}

/* One column of the lag row: shade, difference, days, p. */
static void draw_lag_column(const struct trends_insights *insights, int lag, int y, int x,
                            int width)
{
    char text[32];
    bool wide = width >= LAG_WIDE_CELL;
    snprintf(text, sizeof text, wide ? "%d day%s" : "%dd", lag, lag == 1 ? "" : "s");
    draw_text(y, x, width - 1, text, THEME_DIM);
    if (!insights->lag_found[lag]) {
        draw_text(y + 2, x, width - 1, wide ? "too few" : dash(), THEME_DIM);
        return;
    }
    const struct stats_comparison *c = &insights->lags[lag];
    draw_lag_shade(y + 1, x, width, c);
    format_lag_difference(c->difference, wide, width - 1, text, sizeof text);
    draw_text(y + 2, x, width - 1, text, difference_role(c->difference));
    /* Days with and without, or with only when they do not all fit (years of days); where not
     * even that fits, the row gives their range instead (draw_lag_row()). */
    if (all_days_fit(insights, width))
        snprintf(text, sizeof text, "%zu/%zu", c->n_with, c->n_without);
    else
        snprintf(text, sizeof text, "%zu", c->n_with);
    if (counts_fit(insights, width))
        draw_text(y + 3, x, width - 1, text, THEME_NORMAL);
    if (wide)
        format_p(c->p, text, sizeof text);
    else
        format_short_p(c->p, width - 1, text, sizeof text);
    draw_text(y + 4, x, width - 1, text, THEME_NORMAL);
}

static void draw_lag_row(const struct trends_insights *insights, int y, struct draw_rect area)
{
    int width = lag_cell_width(area.width);
    /* The spanning days row (draw_lag_days_span()) says "with" and "without" itself. */
    bool with_only = !all_days_fit(insights, width) && counts_fit(insights, width);
    const char *names[] = {"After", "", "Diff", with_only ? "With" : "Days", "p"};
    for (int i = 0; i < 5; i++)
        draw_text(y + i, area.x + 1, LAG_NAMES_WIDTH - 1, names[i], THEME_DIM);
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++)
        draw_lag_column(insights, lag, y, area.x + LAG_NAMES_WIDTH + lag * width, width);
    if (!counts_fit(insights, width))
        draw_lag_days_span(insights, y + 3, area.x + LAG_NAMES_WIDTH,
                           area.width - LAG_NAMES_WIDTH - 1);
}

/* The strongest lag in words, with the numbers it rests on, and what the checks found. */
static void lag_summary(const struct trends_insights *insights, char *out, size_t size)
{
    const struct stats_comparison *c = &insights->lag_row;
    char p[16], q[16], when[32];
    format_p(c->p_family, p, sizeof p);
    format_p(c->q, q, sizeof q);
    if (c->lag == 0)
        snprintf(when, sizeof when, "on the same day");
    else
        snprintf(when, sizeof when, "%d day%s later", c->lag, c->lag == 1 ? "" : "s");
    int used = snprintf(out, size,
                        "Clearest %s: %s averaged %.2f %s days %s and %.2f %s other logged days "
                        "(%zu and %zu days). Over all lags p%s%s, q%s%s%s. ",
                        when, insights->lag_symptom, c->mean_with, c->lag == 0 ? "on" : "after",
                        insights->lag_days, c->mean_without, c->lag == 0 ? "on" : "after",
                        c->n_with, c->n_without, p[0] == '<' ? "" : "=", p, q[0] == '<' ? "" : "=",
                        q, stats_is_association(c) ? ", confirmed by shifting the days" : "");
    if (used < 0 || (size_t)used >= size)
        return;
    if (!c->lag_stands_out)
        used += snprintf(out + used, size - (size_t)used, "%s. ", INSIGHTS_NO_LAG_NOTE);
    if ((size_t)used < size && c->reverse_as_strong)
        used += snprintf(out + used, size - (size_t)used,
                         "%s: it is as strong with the symptom %d day%s before it. ",
                         INSIGHTS_REVERSE_NOTE, c->reverse_lag, c->reverse_lag == 1 ? "" : "s");
    if ((size_t)used < size && c->checked && !(c->p_rotation <= STATS_CONFIRM_P))
        used += snprintf(out + used, size - (size_t)used, "%s. ", INSIGHTS_UNCONFIRMED_NOTE);
    /* The table's differences are plain means while p is worked out after each day's carry-over
     * from the day before, so a big difference with a big p would otherwise look like an error. */
    if ((size_t)used < size)
        snprintf(out + used, size - (size_t)used,
                 "An association in your records, not proof that one causes the other.");
}

/* Why a lag's difference and its p can disagree (draw_lag_view()). */
#define LAG_CARRY_NOTE                                                                             \
    "p allows for days carrying over from the day before, so a difference made of long spells "    \
    "can still have a large p."

/* Rows of the lag view's table (draw_lag_row()). */
#define LAG_ROWS 5

/* The heading, the explanation, the table by lag, the summary and the caution. Where they do not
 * all fit the caution takes its short form, then the explanation and the summary give up rows:
 * the caution is never left out. */
static void draw_lag_view(const struct trends_insights *insights, struct draw_rect area)
{
    int width = area.width - 2, y = area.y, bottom = area.y + area.height;
    draw_textf(y++, area.x + 1, width, THEME_HEADING, "%s %s %s", insights->lag_factor,
               theme_is_utf8() ? "\u2192" : "->", insights->lag_symptom);
    char explanation[512], summary[1024];
    snprintf(explanation, sizeof explanation,
             "%s after days %s, compared with the other logged days (Esc: back)",
             insights->lag_symptom, insights->lag_days);
    lag_summary(insights, summary, sizeof summary);
    const char *caution = insights->content->caution;
    int room = bottom - y - LAG_ROWS, explained = draw_wrapped_rows(explanation, width);
    /* In full where it fits with the explanation, the summary and a blank row after the table
     * (the other blank rows go first). */
    if (caution != NULL &&
        explained + 1 + draw_wrapped_rows(summary, width) + draw_wrapped_rows(caution, width) >
            room)
        caution = INSIGHTS_SHORT_CAUTION;
    int warned = caution != NULL ? draw_wrapped_rows(caution, width) : 0;
    warned = warned < room ? warned : room > 0 ? room : 0;
    /* The table's differences are plain means while p is worked out after each day's carry-over
     * from the day before, so a big difference with a big p could look like a fault: said where
     * it fits whole, with the blank rows around the summary and the caution. */
    char fuller[sizeof summary + sizeof LAG_CARRY_NOTE + 1];
    snprintf(fuller, sizeof fuller, "%s %s", summary, LAG_CARRY_NOTE);
    const char *said = summary;
    if (explained + 2 + draw_wrapped_rows(fuller, width) + warned + (warned > 0) <= room)
        said = fuller;
    room -= warned;
    y += draw_wrapped(y, area.x + 1, width, explained < room ? explained : room, explanation,
                      THEME_DIM);
    if (bottom - y - warned >= LAG_ROWS + 1)
        y++;
    draw_lag_row(insights, y, area);
    y += LAG_ROWS;
    if (bottom - y - warned >= 2) {
        y++;
        y += draw_wrapped(y, area.x + 1, width, bottom - y - warned, said, THEME_NORMAL);
    }
    if (warned == 0)
        return;
    /* The blank line before the caution goes before the summary's last lines do. */
    int gap = bottom - y > warned ? 1 : 0;
    draw_wrapped(y + gap, area.x + 1, width, warned, caution, THEME_WARNING);
}

void trends_insights_draw(struct trends_insights *insights, struct draw_rect area)
{
    if (insights->error != NULL) {
        draw_textf(area.y, area.x + 1, area.width - 2, THEME_WARNING, "%s", insights->error);
        return;
    }
    if (trends_insights_pending(insights)) {
        char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
        date_format(insights->from, from);
        date_format(insights->to, to);
        draw_textf(area.y, area.x + 1, area.width - 2, THEME_HEADING,
                   "Possible associations, %s to %s", from, to);
        draw_textf(area.y + 2, area.x + 2, area.width - 4, THEME_DIM,
                   "Looking for associations in your check-ins... %.0f%%",
                   100 * work_progress(insights));
        return;
    }
    if (!insights->built)
        return;
    if (insights->lag_open) {
        draw_lag_view(insights, area);
        return;
    }
    draw_list_heading(insights, area);
    struct draw_rect below = {area.y + 2, area.x, area.height - 2, area.width};
    int footer = draw_list_footer(insights, below);
    struct draw_rect rows = {below.y, below.x, below.height - footer - (footer > 0), below.width};
    if (insights->list.count == 0)
        draw_text(rows.y, rows.x + 2, rows.width - 4,
                  "Not enough logged days in this range to compare anything.", THEME_DIM);
    else
        list_panel_draw(&insights->list, rows);
}

enum panel_key_result trends_insights_key(struct trends_insights *insights, int key,
                                          struct draw_rect area)
{
    if (insights->lag_open) {
        if (key != KEYS_ESCAPE && key != KEYS_ENTER && key != KEYS_BACKSPACE)
            return PANEL_IGNORED;
        insights->lag_open = false;
        return PANEL_MOVED;
    }
    if (!insights->built)
        return PANEL_IGNORED;
    if (key == KEYS_ENTER && insights->list.count > 0) {
        open_lag_view(insights);
        return PANEL_MOVED;
    }
    struct draw_rect rows = {area.y + 2, area.x, area.height - 2, area.width};
    return list_panel_key(&insights->list, keys_vi_to_arrow(key), rows);
}

/* --- Before and after a mark --------------------------------------------------------------- */

static void draw_before_after_row(void *context, size_t index, bool selected, struct draw_rect row);

static void push_row(struct trends_before_after *out, const char *label,
                     const struct stats_before_after *result)
{
    out->rows = xrealloc(out->rows, (out->count + 1) * sizeof *out->rows);
    out->rows[out->count].label = xstrdup(label);
    out->rows[out->count].result = *result;
    out->count++;
}

int trends_before_after_compute(struct trends_before_after *out, struct journal *journal,
                                const struct content *content, int day, const char *label,
                                struct error *err)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    out->mark_label = xstrdup(label ? label : "");
    list_panel_init(&out->list, draw_before_after_row, NULL, out);
    struct insights_model model;
    /* Months before the mark too: the usual level and persistence of each symptom. */
    if (insights_build(journal, content, day - INSIGHTS_MARK_CONTEXT_DAYS,
                       day + TRENDS_MARK_DAYS - 1, &model, err) != 0)
        return -1;
    for (size_t s = 0; s < model.table.symptom_count; s++) {
        struct stats_before_after result;
        stats_before_after(&model.table, s, day, TRENDS_MARK_DAYS, &result);
        if (result.before.n + result.after.n == 0)
            continue;
        char *row_label =
            xprintf("%s%s", result.before_ends_in_flare ? "! " : "", model.table.symptoms[s].label);
        push_row(out, row_label, &result);
        free(row_label);
        out->flare = out->flare || result.before_ends_in_flare;
    }
    insights_release(&model);
    list_panel_set_count(&out->list, out->count);
    return 0;
}

void trends_before_after_release(struct trends_before_after *before_after)
{
    for (size_t i = 0; i < before_after->count; i++)
        free(before_after->rows[i].label);
    free(before_after->rows);
    free(before_after->mark_label);
    memset(before_after, 0, sizeof *before_after);
}

/* Below this width the periods show mean (days) without the sd, so that the symptom's name keeps
 * room (at 44 columns it had one character) and no count of days is cut. */
#define PERIOD_NARROW_WIDTH 64

static void format_period(const struct stats_period *period, bool narrow, char *out, size_t size)
{
    if (period->n == 0)
        snprintf(out, size, "%s", dash());
    else if (period->n < 2)
        snprintf(out, size, narrow ? "%.2f (1)" : "%.2f (1 day)", period->mean);
    else if (narrow)
        snprintf(out, size, "%.2f (%zu)", period->mean, period->n);
    else
        snprintf(out, size, "%.2f %s %.2f (%zu)", period->mean, theme_is_utf8() ? "\u00b1" : "+-",
                 period->sd, period->n);
}

static void draw_period_columns(struct draw_rect row, const char *label, const char *before,
                                const char *after, const char *p, enum theme_role role)
{
    int number = row.width >= PERIOD_NARROW_WIDTH ? 20 : 10;
    int label_width = row.width - 2 - 2 * number - 8;
    int x = row.x + 2;
    draw_text(row.y, x, label_width - 1, label, role);
    x += label_width;
    draw_text(row.y, x, number - 1, before, role);
    draw_text(row.y, x + number, number - 1, after, role);
    draw_text_right(row.y, x + 2 * number, 7, p, role);
}

static void draw_before_after_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    struct trends_before_after *before_after = context;
    const struct trends_before_after_row *data = &before_after->rows[index];
    enum theme_role role = selected ? THEME_SELECTED : THEME_NORMAL;
    draw_blank(row.y, row.x, row.width, role);
    char before[48], after[48], p[16];
    bool narrow = row.width < PERIOD_NARROW_WIDTH;
    format_period(&data->result.before, narrow, before, sizeof before);
    format_period(&data->result.after, narrow, after, sizeof after);
    format_p(data->result.p, p, sizeof p);
    draw_period_columns(row, data->label, before, after, p, role);
}

void trends_before_after_draw(struct trends_before_after *before_after,
                              const struct content *content, struct draw_rect area)
{
    char date[DATE_TEXT_SIZE];
    date_format(before_after->day, date);
    int width = area.width - 2, y = area.y;
    draw_textf(y++, area.x + 1, width, THEME_HEADING, "Before and after %s: %s", date,
               before_after->mark_label);
    draw_textf(y++, area.x + 1, width, THEME_DIM,
               "%d days before the mark against the mark's day and %d after: mean%s%s (days)",
               TRENDS_MARK_DAYS, TRENDS_MARK_DAYS - 1,
               area.width < PERIOD_NARROW_WIDTH ? ""
               : theme_is_utf8()                ? " \u00b1"
                                                : " +-",
               area.width < PERIOD_NARROW_WIDTH ? "" : " sd");
    draw_period_columns((struct draw_rect){y++, area.x, 1, area.width}, "Symptom", "Before",
                        "After", "p", THEME_DIM);
    char note[512];
    snprintf(note, sizeof note,
             "p allows for the persistence of symptoms from day to day. A difference can have "
             "other reasons than the change itself.%s%s",
             before_after->flare ? " ! " : "", before_after->flare ? INSIGHTS_FLARE_TEXT : "");
    int footer = draw_wrapped_rows(note, width) +
                 (content->caution ? draw_wrapped_rows(content->caution, width) : 0);
    int bottom = area.y + area.height;
    if (bottom - y - footer < 3)
        footer = 0;
    struct draw_rect rows = {y, area.x, bottom - y - footer, area.width};
    if (before_after->count == 0)
        draw_text(rows.y, rows.x + 2, rows.width - 4, "Nothing was logged around this day.",
                  THEME_DIM);
    else
        list_panel_draw(&before_after->list, rows);
    if (footer == 0)
        return;
    y = rows.y + rows.height;
    y += draw_wrapped(y, area.x + 1, width, bottom - y, note, THEME_DIM);
    if (content->caution)
        draw_wrapped(y, area.x + 1, width, bottom - y, content->caution, THEME_WARNING);
}

enum panel_key_result trends_before_after_key(struct trends_before_after *before_after, int key,
                                              struct draw_rect area)
{
    struct draw_rect rows = {area.y + 3, area.x, area.height - 3, area.width};
    return list_panel_key(&before_after->list, keys_vi_to_arrow(key), rows);
}
