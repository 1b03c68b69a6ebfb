/*
 * report.c - the practitioner report: one period of the journal as Markdown or self-contained
 * HTML.
 *
 * The sections are written once, against a small writer (headings, paragraphs, tables, lists)
 * that knows both formats, so that the Markdown and the HTML always say the same things. All the
 * numbers come from insights.h, the same model the Trends screen uses.
 */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "fileio.h"
#include "import_formats.h"
#include "insights.h"
#include "experiment.h"
#include "stats.h"
#include "text.h"
#include "xalloc.h"

#ifndef GUTSKIN_VERSION
#define GUTSKIN_VERSION "0.1.0"
#endif

#define CELL_SIZE 192
#define MAX_COLUMNS 9
#define SEVERE_ROWS 5
/* Below this q-value a result survives the correction for many comparisons. */
#define REPORT_MAX_Q 0.10
#define NO_VALUE "\xe2\x80\x94" /* an em dash */

struct report {
    FILE *out;
    bool html;
    struct journal *journal;
    const struct content *content;
    const struct report_options *options;
    struct insights_model model;    /* the period */
    struct insights_model previous; /* the period of the same length just before it */
};

struct row {
    char cells[MAX_COLUMNS][CELL_SIZE];
    size_t count;
};

/* --- The writer ------------------------------------------------------------------------------ */

/* Characters that mean something to Markdown wherever they are (or to the HTML it may be rendered
 * to); '&' (an entity), '!' (an image) and a line's first characters (a list, a heading, a quote)
 * are escaped only where they would mean something, so that the text reads as written. */
#define MARKDOWN_SPECIAL "\\`*_[]<>|"

static bool markdown_entity_at(const char *c)
{
    size_t length =
        strspn(c + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    return length > 0 && c[1 + length] == ';';
}

/* Writes one character of `length` bytes at `c` escaped for the format. */
static void put_char(struct report *r, const unsigned char *c, size_t length)
{
    if (length == 1 && r->html && strchr("&<>\"'", *c) != NULL) {
        const char *entity = *c == '&'   ? "&amp;"
                             : *c == '<' ? "&lt;"
                             : *c == '>' ? "&gt;"
                             : *c == '"' ? "&quot;"
                                         : "&#39;";
        fputs(entity, r->out);
        return;
    }
    bool special = length == 1 && (strchr(MARKDOWN_SPECIAL, *c) != NULL ||
                                   (*c == '&' && markdown_entity_at((const char *)c)) ||
                                   (*c == '!' && c[1] == '['));
    if (!r->html && special)
        fputc('\\', r->out);
    fwrite(c, 1, length, r->out);
}

/* At the start of a line of a note: what would make it a list item, a heading, a quote or a
 * numbered item ("- milk", "# tired", "> quote", "1. first") gets a backslash. */
static void put_line_start(struct report *r, const char *text)
{
    size_t digits = strspn(text, "0123456789");
    if (r->html)
        return;
    if (strchr("-+*", text[0]) != NULL && text[0] != '\0' && (text[1] == ' ' || text[1] == '\0'))
        fputc('\\', r->out);
    else if (text[0] == '#' || text[0] == '=')
        fputc('\\', r->out);
    else if (digits > 0 && (text[digits] == '.' || text[digits] == ')')) {
        fwrite(text, 1, digits, r->out);
        fputc('\\', r->out);
    }
}

/* Writes text escaped for the format; control characters (text.h's rule: C0, DEL and C1) become
 * spaces and each newline is written as `newline`. */
static void put_text(struct report *r, const char *text, const char *newline)
{
    long code;
    for (size_t length; (length = text_decode(text, &code)) > 0; text += length) {
        if (code == '\n') {
            fputs(newline, r->out);
            size_t digits = strspn(text + 1, "0123456789");
            put_line_start(r, text + 1);
            if (!r->html && digits > 0 && (text[1 + digits] == '.' || text[1 + digits] == ')'))
                text += digits; /* the digits are written already */
        } else if (code >= 0 && text_is_control(code))
            fputc(' ', r->out);
        else
            put_char(r, (const unsigned char *)text, length);
    }
}

static void heading(struct report *r, int level, const char *text)
{
    if (r->html) {
        fprintf(r->out, "<h%d>", level);
        put_text(r, text, " ");
        fprintf(r->out, "</h%d>\n", level);
    } else {
        fprintf(r->out, "%.*s ", level, "######");
        put_text(r, text, " ");
        fputs("\n\n", r->out);
    }
}

static void paragraph(struct report *r, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void paragraph(struct report *r, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char text[1024];
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    fputs(r->html ? "<p>" : "", r->out);
    put_text(r, text, r->html ? "<br>" : "\n");
    fputs(r->html ? "</p>\n" : "\n\n", r->out);
}

static void caution(struct report *r)
{
    const char *text = r->content->caution ? r->content->caution : "";
    fputs(r->html ? "<p class=\"caution\">" : "> ", r->out);
    put_text(r, text, r->html ? " " : "\n> ");
    fputs(r->html ? "</p>\n" : "\n\n", r->out);
}

static void row_add(struct row *row, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void row_add(struct row *row, const char *format, ...)
{
    if (row->count >= MAX_COLUMNS)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(row->cells[row->count++], CELL_SIZE, format, args);
    va_end(args);
}

/* One table line; the first `text_columns` cells are text, the others numbers (right-aligned). */
static void table_line(struct report *r, const char *const *cells, size_t count,
                       size_t text_columns, bool head)
{
    const char *tag = head ? "th" : "td";
    fputs(r->html ? "<tr>" : "|", r->out);
    for (size_t i = 0; i < count; i++) {
        if (r->html)
            fprintf(r->out, "<%s%s>", tag, i >= text_columns ? " class=\"n\"" : "");
        else
            fputc(' ', r->out);
        put_text(r, cells[i], " ");
        if (r->html)
            fprintf(r->out, "</%s>", tag);
        else
            fputs(" |", r->out);
    }
    fputs(r->html ? "</tr>\n" : "\n", r->out);
}

static void table_begin(struct report *r, const char *const *headers, size_t count,
                        size_t text_columns)
{
    if (r->html)
        fputs("<table>\n<thead>", r->out);
    table_line(r, headers, count, text_columns, true);
    if (r->html) {
        fputs("</thead>\n<tbody>\n", r->out);
        return;
    }
    fputs("|", r->out);
    for (size_t i = 0; i < count; i++)
        fputs(i >= text_columns ? " ---: |" : " --- |", r->out);
    fputs("\n", r->out);
}

static void table_row(struct report *r, const struct row *row, size_t text_columns)
{
    const char *cells[MAX_COLUMNS];
    for (size_t i = 0; i < row->count; i++)
        cells[i] = row->cells[i];
    table_line(r, cells, row->count, text_columns, false);
}

static void table_end(struct report *r)
{
    fputs(r->html ? "</tbody>\n</table>\n" : "\n", r->out);
}

/* --- Numbers -----------------------------------------------------------------------------------
 */

/* The formatters always write into `buffer` (so a table cell can be the buffer) and return it. */
static const char *number(char *buffer, size_t size, double value, int decimals)
{
    if (isnan(value))
        snprintf(buffer, size, "%s", NO_VALUE);
    else
        snprintf(buffer, size, "%.*f", decimals, value);
    return buffer;
}

static const char *p_value(char *buffer, size_t size, double p)
{
    if (isnan(p))
        snprintf(buffer, size, "%s", NO_VALUE);
    else if (p < 0.001)
        snprintf(buffer, size, "< 0.001");
    else
        snprintf(buffer, size, "%.3f", p);
    return buffer;
}

static const char *change(char *buffer, size_t size, double now, double before)
{
    if (isnan(now) || isnan(before))
        snprintf(buffer, size, "%s", NO_VALUE);
    else
        snprintf(buffer, size, "%+.2f", now - before);
    return buffer;
}

static double column_max(const double *values, size_t count)
{
    double max = NAN;
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i]) && (isnan(max) || values[i] > max))
            max = values[i];
    return max;
}

static size_t column_above_zero(const double *values, size_t count)
{
    size_t above = 0;
    for (size_t i = 0; i < count; i++)
        above += values[i] > 0;
    return above;
}

/* --- Charts (HTML only) ------------------------------------------------------------------------
 */

#define CHART_WIDTH 680
#define CHART_HEIGHT 170
#define CHART_LEFT 34
#define CHART_RIGHT 12
#define CHART_TOP 10
#define CHART_BOTTOM 26

/* SVG coordinates with one decimal, whatever LC_NUMERIC says (a decimal comma breaks SVG). */
static const char *svg_number(char *buffer, size_t size, double value)
{
    long tenths = lround(value * 10);
    snprintf(buffer, size, "%s%ld.%ld", tenths < 0 ? "-" : "", labs(tenths) / 10,
             labs(tenths) % 10);
    return buffer;
}

static double chart_x(size_t row, size_t count)
{
    double width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT;
    if (count < 2)
        return CHART_LEFT + width / 2;
    return CHART_LEFT + width * (double)row / (double)(count - 1);
}

static double chart_y(double value)
{
    double height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;
    value = value < 0 ? 0 : value > CONTENT_SEVERITY_MAX ? CONTENT_SEVERITY_MAX : value;
    return CHART_TOP + height * (1 - value / CONTENT_SEVERITY_MAX);
}

/* One <path> per run of days with a value, so that a missing day is a gap; a lone day is a dot
 * when `dots` is set. */
static void chart_series(struct report *r, const double *values, size_t count, const char *class,
                         bool dots)
{
    char x[32], y[32];
    size_t i = 0;
    while (i < count) {
        size_t end = i;
        while (end < count && !isnan(values[end]))
            end++;
        if (end - i == 1 && dots)
            fprintf(r->out, "<circle class=\"dot\" cx=\"%s\" cy=\"%s\" r=\"2.5\"/>\n",
                    svg_number(x, sizeof x, chart_x(i, count)),
                    svg_number(y, sizeof y, chart_y(values[i])));
        if (end - i > 1) {
            fprintf(r->out, "<path class=\"%s\" d=\"", class);
            for (size_t k = i; k < end; k++)
                fprintf(r->out, "%s%s %s", k == i ? "M" : " L",
                        svg_number(x, sizeof x, chart_x(k, count)),
                        svg_number(y, sizeof y, chart_y(values[k])));
            fputs("\"/>\n", r->out);
        }
        i = end > i ? end : i + 1;
    }
}

static void chart_axes(struct report *r, size_t count)
{
    char y[32], right[32];
    svg_number(right, sizeof right, CHART_WIDTH - CHART_RIGHT);
    for (int level = 0; level <= CONTENT_SEVERITY_MAX; level++) {
        svg_number(y, sizeof y, chart_y(level));
        fprintf(r->out, "<line class=\"grid\" x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>",
                CHART_LEFT, y, right, y);
        fprintf(r->out, "<text x=\"%d\" y=\"%s\" text-anchor=\"end\" dy=\"4\">%d</text>\n",
                CHART_LEFT - 6, y, level);
    }
    char first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
    date_format(r->options->from, first);
    date_format(r->options->to, last);
    int base = CHART_HEIGHT - 6;
    fprintf(r->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">%s</text>\n", CHART_LEFT, base,
            first);
    if (count > 1)
        fprintf(r->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                CHART_WIDTH - CHART_RIGHT, base, last);
}

static void chart(struct report *r, size_t group)
{
    const struct stats_table *table = &r->model.table;
    const char *name = table->symptoms[group].label;
    fputs("<figure class=\"chart\">\n<figcaption>", r->out);
    put_text(r, name, " ");
    fprintf(r->out, "</figcaption>\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
            CHART_WIDTH, CHART_HEIGHT);
    put_text(r, name, " ");
    fputs(" per day\">\n<title>", r->out);
    put_text(r, name, " ");
    fputs(" per day, 0 to 4</title>\n", r->out);
    chart_axes(r, table->day_count);
    double *average = xmalloc((table->day_count ? table->day_count : 1) * sizeof *average);
    stats_moving_average(table->symptoms[group].values, table->day_count, STATS_MOVING_WINDOW,
                         average);
    chart_series(r, average, table->day_count, "average", false);
    chart_series(r, table->symptoms[group].values, table->day_count, "line", true);
    free(average);
    fputs("</svg>\n</figure>\n", r->out);
}

/* --- Sections ----------------------------------------------------------------------------------
 */

static const char REPORT_STYLE[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;max-width:54rem;"
    "margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.45}\n"
    "h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin-top:2rem;"
    "border-bottom:1px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1rem}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}\n"
    "th,td{border-bottom:1px solid #d8dee4;padding:.3rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#f3f5f7}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".caution{border-left:4px solid #b7791f;background:#fffaf0;padding:.5rem .8rem}\n"
    "figure{margin:.8rem 0 1.2rem}figcaption{font-weight:600;margin-bottom:.2rem}\n"
    "svg{width:100%;height:auto;display:block}svg text{font-size:11px;fill:#57606a}\n"
    ".grid{stroke:#e1e4e8;stroke-width:1}.line{fill:none;stroke:#2463a6;stroke-width:2}\n"
    ".average{fill:none;stroke:#8c959f;stroke-width:1.5;stroke-dasharray:5 4}"
    ".dot{fill:#2463a6}\n"
    ".notes li{margin-bottom:.5rem}.note{white-space:pre-wrap}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt;color:#000}"
    "h2{break-after:avoid}figure,tr,.caution{break-inside:avoid}th{background:none}"
    ".caution{background:none}}\n";

static void write_header(struct report *r)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], written[DATE_TEXT_SIZE];
    date_format(r->options->from, from);
    date_format(r->options->to, to);
    date_format(r->options->written_on, written);
    if (r->html)
        fprintf(r->out,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>Gut-skin journal report, %s to %s</title>\n<style>\n%s</style>\n"
                "</head>\n<body>\n<main>\n",
                from, to, REPORT_STYLE);
    heading(r, 1, "Gut-skin journal report");
    size_t days = r->model.table.day_count;
    size_t logged = r->model.logged_days;
    paragraph(r,
              "Period: %s to %s (%zu days). Days logged: %zu of %zu (%.0f%%). Written on %s "
              "with gutskin %s from the person's own daily check-ins.",
              from, to, days, logged, days, days ? 100.0 * (double)logged / (double)days : 0.0,
              written, GUTSKIN_VERSION);
    caution(r);
}

static void score_row(struct report *r, size_t group, struct row *row)
{
    const struct stats_symptom *now = &r->model.table.symptoms[group];
    const struct stats_symptom *before = &r->previous.table.symptoms[group];
    size_t days = r->model.table.day_count;
    double mean = stats_mean(now->values, days);
    double previous = stats_mean(before->values, r->previous.table.day_count);
    char a[32], b[32], c[32];
    row_add(row, "%s", r->content->groups[group].name);
    row_add(row, "%s", number(a, sizeof a, mean, 2));
    row_add(row, "%zu", stats_count(now->values, days));
    row_add(row, "%s", number(b, sizeof b, previous, 2));
    row_add(row, "%s", change(c, sizeof c, mean, previous));
}

static void write_scores(struct report *r)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(r->previous.from, from);
    date_format(r->previous.to, to);
    heading(r, 2, "Scores by group");
    paragraph(r, "%s The previous period is %s to %s.", INSIGHTS_SCORE_DEFINITION, from, to);
    static const char *const headers[] = {"Group", "Average", "Days with a score",
                                          "Previous period", "Change"};
    table_begin(r, headers, 5, 1);
    for (size_t g = 0; g < r->content->group_count; g++) {
        struct row row = {.count = 0};
        score_row(r, g, &row);
        table_row(r, &row, 1);
    }
    table_end(r);
    if (!r->html || r->model.table.day_count == 0)
        return;
    paragraph(r, "Solid line: the day's score; dashed line: the average of the last 7 days. "
                 "A gap is a day without a score.");
    for (size_t g = 0; g < r->content->group_count; g++)
        chart(r, g);
}

struct symptom_summary {
    size_t sign;
    size_t rated;   /* days with a rating */
    size_t present; /* days rated above 0 */
    double mean;
    double peak;
};

static int by_presence(const void *left, const void *right)
{
    const struct symptom_summary *a = left, *b = right;
    if (a->present != b->present)
        return a->present > b->present ? -1 : 1;
    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    return (a->sign > b->sign) - (a->sign < b->sign);
}

static int by_severity(const void *left, const void *right)
{
    const struct symptom_summary *a = left, *b = right;
    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    return by_presence(left, right);
}

/* Only signs rated on some day and present on some day are kept; returns their number. */
static size_t summarise_symptoms(const struct report *r, struct symptom_summary *out)
{
    const struct stats_table *table = &r->model.table;
    size_t kept = 0;
    for (size_t s = 0; s < r->content->sign_count; s++) {
        const double *values = table->symptoms[r->model.first_sign + s].values;
        struct symptom_summary summary = {
            s, stats_count(values, table->day_count), column_above_zero(values, table->day_count),
            stats_mean(values, table->day_count), column_max(values, table->day_count)};
        if (summary.present > 0)
            out[kept++] = summary;
    }
    return kept;
}

static void symptom_table(struct report *r, const struct symptom_summary *summaries, size_t count)
{
    static const char *const headers[] = {"Symptom",    "Group",          "Days present",
                                          "Days rated", "Average rating", "Highest"};
    table_begin(r, headers, 6, 2);
    for (size_t i = 0; i < count; i++) {
        const struct content_sign *sign = &r->content->signs[summaries[i].sign];
        struct row row = {.count = 0};
        char mean[32];
        row_add(&row, "%s", sign->label);
        row_add(&row, "%s", r->content->groups[sign->group].name);
        row_add(&row, "%zu", summaries[i].present);
        row_add(&row, "%zu", summaries[i].rated);
        row_add(&row, "%s", number(mean, sizeof mean, summaries[i].mean, 2));
        row_add(&row, "%.0f (%s)", summaries[i].peak,
                content_severity_word((int)summaries[i].peak));
        table_row(r, &row, 2);
    }
    table_end(r);
}

static void write_symptoms(struct report *r)
{
    struct symptom_summary *summaries = xmalloc((r->content->sign_count + 1) * sizeof *summaries);
    size_t count = summarise_symptoms(r, summaries);
    heading(r, 2, "Most frequent symptoms");
    if (count == 0) {
        paragraph(r, "No symptom was rated above 0 in this period.");
        free(summaries);
        return;
    }
    paragraph(r, "Days present: days rated above 0. Ratings run from 0 (none) to 4 (very "
                 "severe); the average is over the days the symptom was rated.");
    qsort(summaries, count, sizeof *summaries, by_presence);
    symptom_table(r, summaries, count < REPORT_TOP_ROWS ? count : REPORT_TOP_ROWS);
    heading(r, 2, "Most severe symptoms");
    qsort(summaries, count, sizeof *summaries, by_severity);
    symptom_table(r, summaries, count < SEVERE_ROWS ? count : SEVERE_ROWS);
    free(summaries);
}

static void habit_average(const struct content_habit *habit, const double *values, size_t count,
                          char *buffer, size_t size)
{
    double mean = stats_mean(values, count);
    size_t rated = stats_count(values, count);
    if (habit->kind == CONTENT_HABIT_YES_NO)
        snprintf(buffer, size, "yes on %zu of %zu days (%.0f%%)", column_above_zero(values, count),
                 rated, 100 * mean);
    else if (habit->kind == CONTENT_HABIT_SCALE || habit->kind == CONTENT_HABIT_CHOICE)
        snprintf(buffer, size, "%.1f on a %g to %g scale", mean, habit->min, habit->max);
    else
        snprintf(buffer, size, "%.1f %s", mean, habit->unit);
}

static void write_habits(struct report *r)
{
    heading(r, 2, "Habits");
    static const char *const headers[] = {"Habit", "Average", "Days logged"};
    size_t days = r->model.table.day_count;
    bool any = false;
    for (size_t h = 0; h < r->content->habit_count; h++) {
        const double *values = r->model.habit_values[h];
        if (stats_count(values, days) == 0)
            continue;
        if (!any)
            table_begin(r, headers, 3, 2);
        any = true;
        struct row row = {.count = 0};
        row_add(&row, "%s", r->content->habits[h].label);
        habit_average(&r->content->habits[h], values, days, row.cells[1], CELL_SIZE);
        row.count++;
        row_add(&row, "%zu", stats_count(values, days));
        table_row(r, &row, 2);
    }
    if (any)
        table_end(r);
    else
        paragraph(r, "No habit was logged in this period.");
}

struct food_count {
    size_t food;
    size_t days;
};

static int by_days_eaten(const void *left, const void *right)
{
    const struct food_count *a = left, *b = right;
    if (a->days != b->days)
        return a->days > b->days ? -1 : 1;
    return (a->food > b->food) - (a->food < b->food);
}

static void food_row(struct report *r, const struct food_count *eaten, struct row *row)
{
    const struct content_food *food = &r->content->foods[eaten->food];
    row_add(row, "%s", food->name);
    row_add(row, "%s", r->content->categories[food->category].name);
    row_add(row, "%zu", eaten->days);
    row_add(row, "%.0f%%", 100.0 * (double)eaten->days / (double)r->model.logged_days);
}

static void write_foods(struct report *r)
{
    heading(r, 2, "Foods logged most");
    size_t count = r->content->food_count;
    struct food_count *order = xmalloc((count + 1) * sizeof *order);
    for (size_t f = 0; f < count; f++)
        order[f] = (struct food_count){f, r->model.food_days[f]};
    qsort(order, count, sizeof *order, by_days_eaten);
    if (count == 0 || order[0].days == 0) {
        paragraph(r, "No food was logged in this period.");
        free(order);
        return;
    }
    static const char *const headers[] = {"Food", "Category", "Days eaten", "Share of days logged"};
    table_begin(r, headers, 4, 2);
    for (size_t i = 0; i < count && i < REPORT_TOP_ROWS && order[i].days > 0; i++) {
        struct row row = {.count = 0};
        food_row(r, &order[i], &row);
        table_row(r, &row, 2);
    }
    table_end(r);
    free(order);
}

static const char *period_text(char *buffer, size_t size, const struct stats_period *period)
{
    char mean[32], sd[32];
    if (period->n == 0)
        snprintf(buffer, size, "%s", NO_VALUE);
    else
        snprintf(buffer, size, "%s \xc2\xb1 %s (%zu days)",
                 number(mean, sizeof mean, period->mean, 2), number(sd, sizeof sd, period->sd, 2),
                 period->n);
    return buffer;
}

static int write_mark(struct report *r, const struct journal_mark *mark, int day, struct error *err)
{
    struct insights_model around;
    if (insights_build(r->journal, r->content, day - INSIGHTS_MARK_CONTEXT_DAYS,
                       day + REPORT_MARK_DAYS - 1, &around, err) != 0)
        return -1;
    char date[DATE_TEXT_SIZE], title[DATE_TEXT_SIZE + 256];
    date_format(day, date);
    snprintf(title, sizeof title, "%s: %s", date, mark->label ? mark->label : "");
    heading(r, 3, title);
    static const char *const headers[] = {"Group", "Before", "After", "p", "Note"};
    table_begin(r, headers, 5, 1);
    bool flare = false;
    for (size_t g = 0; g < r->content->group_count; g++) {
        struct stats_before_after result;
        stats_before_after(&around.table, g, day, REPORT_MARK_DAYS, &result);
        struct row row = {.count = 0};
        row_add(&row, "%s", r->content->groups[g].name);
        period_text(row.cells[row.count++], CELL_SIZE, &result.before);
        period_text(row.cells[row.count++], CELL_SIZE, &result.after);
        p_value(row.cells[row.count++], CELL_SIZE, result.p);
        row_add(&row, "%s", result.before_ends_in_flare ? INSIGHTS_FLARE_NOTE : "");
        flare = flare || result.before_ends_in_flare;
        table_row(r, &row, 1);
    }
    table_end(r);
    if (flare)
        paragraph(r, "%s", INSIGHTS_FLARE_TEXT);
    insights_release(&around);
    return 0;
}

static int write_marks(struct report *r, struct error *err)
{
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    int status = journal_list_marks(r->journal, &marks, err);
    bool any = false;
    for (size_t i = 0; status == 0 && i < marks.count; i++) {
        int day = marks.items[i].day_number;
        if (day < r->options->from || day > r->options->to)
            continue;
        if (!any) {
            heading(r, 2, "Changes marked in the journal");
            paragraph(r,
                      "Group scores in the %d days before each marked day and in the %d days "
                      "from it on: mean \xc2\xb1 standard deviation (days with a score). p: "
                      "Welch's t-test with the days' persistence taken into account (a score "
                      "that lingers from day to day has fewer independent days than it has "
                      "days). A difference here can have other reasons than the change itself.",
                      REPORT_MARK_DAYS, REPORT_MARK_DAYS);
        }
        any = true;
        status = write_mark(r, &marks.items[i], day, err);
    }
    journal_mark_list_release(&marks);
    return status;
}

/* One experiment: its plan, its periods and its result in words (experiment.h). */
static int write_experiment(struct report *r, const struct experiment_plan *plan, struct error *err)
{
    struct experiment_result result;
    if (experiment_load(r->journal, r->content, plan, r->options->written_on, &result, err) != 0)
        return -1;
    char change[200], title[300], start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
    experiment_change_text(plan, change, sizeof change);
    snprintf(title, sizeof title, "%s, outcome %s (%s)", change,
             experiment_outcome_name(r->content, plan),
             experiment_status_word(experiment_status_of(plan, r->options->written_on)));
    heading(r, 3, title);
    date_format(plan->start_day, start);
    date_format(experiment_last_day(plan), end);
    paragraph(r,
              "%d pairs of %d-day periods from %s to %s, the order within each pair drawn at "
              "random (seed %llu); the first %d days of each period are not measured.",
              plan->pairs, plan->period_days, start, end, (unsigned long long)plan->seed,
              plan->washout_days);
    static const char *const headers[] = {"Period",    "Arm",  "Days logged",
                                          "Adherence", "Mean", "Note"};
    table_begin(r, headers, 6, 2);
    for (int i = 0; i < result.period_count; i++) {
        const struct experiment_period *p = &result.periods[i];
        struct row row = {.count = 0};
        date_format(p->start, start);
        date_format(p->end, end);
        row_add(&row, "%s to %s", start, end);
        row_add(&row, "%s", p->with ? "with" : "without");
        row_add(&row, "%d of %d", p->days_logged, p->days_measured);
        if (isnan(p->adherence))
            row_add(&row, NO_VALUE);
        else
            row_add(&row, "%.0f%%", p->adherence * 100);
        number(row.cells[row.count++], CELL_SIZE, p->mean, 2);
        row_add(&row, "%s",
                p->exclusion == EXPERIMENT_KEPT ? "" : experiment_exclusion_words(p->exclusion));
        table_row(r, &row, 2);
    }
    table_end(r);
    struct strlist lines = STRLIST_INIT;
    experiment_summary(r->content, plan, &result, &lines);
    for (size_t i = 0; i < lines.count; i++)
        paragraph(r, "%s%s", i == 0 ? "Result: " : "", lines.items[i]);
    strlist_release(&lines);
    return 0;
}

/* The experiments whose days meet the report's period. */
static int write_experiments(struct report *r, struct error *err)
{
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    int status = journal_list_experiments(r->journal, &plans, &count, err);
    bool any = false;
    for (size_t i = 0; status == 0 && i < count; i++) {
        if (plans[i].start_day > r->options->to ||
            experiment_last_day(&plans[i]) < r->options->from)
            continue;
        if (!any)
            heading(r, 2, "Experiments");
        any = true;
        status = write_experiment(r, &plans[i], err);
    }
    free(plans);
    return status;
}

/* The notes of a row: what the checks of stats_confirm() and the lag profile found. */
static void association_note(const struct stats_comparison *c, char *out, size_t size)
{
    out[0] = '\0';
    if (c->reverse_as_strong)
        snprintf(out + strlen(out), size - strlen(out), "%s. ", INSIGHTS_REVERSE_NOTE);
    if (c->checked && !(c->p_rotation <= STATS_CONFIRM_P))
        snprintf(out + strlen(out), size - strlen(out), "%s. ", INSIGHTS_UNCONFIRMED_NOTE);
    if (!c->lag_stands_out)
        snprintf(out + strlen(out), size - strlen(out), "%s. ", INSIGHTS_NO_LAG_NOTE);
    size_t length = strlen(out);
    if (length > 0)
        out[length - 1] = '\0';
}

static void association_row(struct report *r, const struct stats_comparison *c, struct row *row)
{
    const struct stats_table *table = &r->model.table;
    char when[32], with[32], without[32], note[CELL_SIZE];
    row_add(row, "%s", insights_words(&r->model, c->factor)->words);
    row_add(row, "%s", table->symptoms[c->symptom].label);
    row_add(row, "%s", insights_lag_text(c->lag, when, sizeof when));
    row_add(row, "%s", number(with, sizeof with, c->mean_with, 2));
    row_add(row, "%s", number(without, sizeof without, c->mean_without, 2));
    row_add(row, "%zu / %zu", c->n_with, c->n_without);
    p_value(row->cells[row->count++], CELL_SIZE, c->p_family);
    p_value(row->cells[row->count++], CELL_SIZE, c->q);
    association_note(c, note, sizeof note);
    row_add(row, "%s", note);
}

static void association_table(struct report *r, const struct stats_comparison_list *list)
{
    static const char *const headers[] = {"Factor", "Symptom", "Measured", "With", "Without",
                                          "Days",   "p",       "q",        "Note"};
    size_t shown = 0;
    for (size_t i = 0; i < list->count && shown < REPORT_TOP_ROWS; i++) {
        if (!(list->items[i].p_family < REPORT_MAX_P))
            break;
        if (shown++ == 0)
            table_begin(r, headers, 9, 3);
        struct row row = {.count = 0};
        association_row(r, &list->items[i], &row);
        table_row(r, &row, 3);
    }
    if (shown > 0) {
        table_end(r);
        size_t associations = 0;
        for (size_t i = 0; i < list->count; i++)
            associations += stats_is_association(&list->items[i]);
        if (associations == 0)
            paragraph(r,
                      "None of these holds up once the number of comparisons is taken into "
                      "account (no q under %.2f confirmed by the rotation test): read them as "
                      "leads to watch, not findings.",
                      REPORT_MAX_Q);
    } else
        paragraph(r, "No factor and symptom reached p < %.2f over their lags.", REPORT_MAX_P);
}

static void axis_row(const struct stats_comparison *c, struct row *row)
{
    char when[32], with[32], without[32];
    row_add(row, "%s", insights_lag_text(c->lag, when, sizeof when));
    row_add(row, "%s", number(with, sizeof with, c->mean_with, 2));
    row_add(row, "%s", number(without, sizeof without, c->mean_without, 2));
    row_add(row, "%zu / %zu", c->n_with, c->n_without);
    p_value(row->cells[row->count++], CELL_SIZE, c->p);
}

/* The row of the skin-after-digestive pair in the search, or NULL. */
static const struct stats_comparison *axis_in_list(const struct report *r,
                                                   const struct stats_comparison_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        if ((long)list->items[i].factor == r->model.axis_factor)
            return &list->items[i];
    return NULL;
}

static void write_axis(struct report *r, const struct stats_comparison_list *list)
{
    struct stats_comparison axis[STATS_MAX_LAG + 1];
    bool found[STATS_MAX_LAG + 1];
    if (r->model.axis_factor < 0)
        return;
    heading(r, 3, "Skin after digestive symptoms");
    if (insights_axis(&r->model, axis, found) == 0) {
        paragraph(r, "Not enough days with both scores to compare.");
        return;
    }
    const struct stats_comparison *row = axis_in_list(r, list);
    char p[CELL_SIZE], q[CELL_SIZE];
    if (row != NULL) {
        p_value(p, sizeof p, row->p_family);
        p_value(q, sizeof q, row->q);
    }
    paragraph(r,
              "The skin score on days that followed a day %s, against days that followed "
              "other days, lag by lag (usual: the person's median digestive score over the "
              "period). %s%s%s%s%s",
              insights_words(&r->model, (size_t)r->model.axis_factor)->days,
              row != NULL ? "In the search it is one pair among the others, all its lags taken "
                            "as one question: p "
                          : "There were too few days or episodes to include it in the search.",
              row != NULL ? p : "", row != NULL ? ", q " : "", row != NULL ? q : "",
              row != NULL ? "." : "");
    static const char *const headers[] = {"Skin score measured", "After high digestive",
                                          "After low digestive", "Days", "p (this lag)"};
    table_begin(r, headers, 5, 1);
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++) {
        if (!found[lag])
            continue;
        struct row table_line = {.count = 0};
        axis_row(&axis[lag], &table_line);
        table_row(r, &table_line, 1);
    }
    table_end(r);
}

/* Factors that switched once: before and after the switch, like a marked change. */
static void write_switches(struct report *r)
{
    struct insights_switch switches[REPORT_TOP_ROWS];
    size_t count = insights_switches(&r->model, switches, REPORT_TOP_ROWS);
    if (count == 0)
        return;
    heading(r, 3, "Changes that happened once");
    paragraph(r,
              "These switched once in the period and stayed (a supplement started on a date, "
              "say). Compared day by day they would pass for associations with anything that "
              "drifted over the same months, so the group scores are compared in the %d days "
              "before the switch and the %d from it on instead, as for a marked change.",
              REPORT_MARK_DAYS, REPORT_MARK_DAYS);
    static const char *const headers[] = {"Change", "Group", "Before", "After", "p", "Note"};
    table_begin(r, headers, 6, 2);
    for (size_t i = 0; i < count && i < REPORT_TOP_ROWS; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(switches[i].day, date);
        for (size_t g = 0; g < r->content->group_count; g++) {
            struct stats_before_after result;
            stats_before_after(&r->model.table, g, switches[i].day, REPORT_MARK_DAYS, &result);
            struct row row = {.count = 0};
            row_add(&row, "%s, %s %s", insights_words(&r->model, switches[i].factor)->words,
                    switches[i].started ? "started" : "stopped", date);
            row_add(&row, "%s", r->content->groups[g].name);
            period_text(row.cells[row.count++], CELL_SIZE, &result.before);
            period_text(row.cells[row.count++], CELL_SIZE, &result.after);
            p_value(row.cells[row.count++], CELL_SIZE, result.p);
            row_add(&row, "%s", result.before_ends_in_flare ? INSIGHTS_FLARE_NOTE : "");
            table_row(r, &row, 2);
        }
    }
    table_end(r);
}

static void write_associations(struct report *r)
{
    heading(r, 2, "Possible associations");
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    insights_search(&r->model, REPORT_TOP_ROWS, &list);
    paragraph(r, "%s", INSIGHTS_PROMISE);
    paragraph(r,
              "Each row compares a symptom on days that followed a factor (With) with days "
              "that followed a logged day without it (Without), from the same day to %d days "
              "later; the row shows the lag where the difference was clearest. %zu factor and "
              "symptom pairs were compared, and at p < %.2f about %.0f would appear by chance "
              "alone. p: two-sided, from a regression that allows for the symptom's persistence "
              "from day to day (generalised least squares for a first-order autoregressive "
              "series), corrected for what persistence is left and for looking at %d lags; q: "
              "adjusted for the number of pairs "
              "(false discovery rate). A row counts as an association at q < %.2f when "
              "shifting the factor's days around the calendar (a rotation test) confirms it. "
              "A factor is compared only with at least %d days with and without it, in at "
              "least %d separate spells each (%zu left out); a habit started on a date and "
              "kept is a change to mark and compare before and after, not a daily factor.",
              STATS_MAX_LAG, list.tested, REPORT_MAX_P, (double)list.tested * REPORT_MAX_P,
              STATS_MAX_LAG + 1, REPORT_MAX_Q, STATS_FACTOR_MIN_DAYS, STATS_FACTOR_MIN_EPISODES,
              list.skipped);
    association_table(r, &list);
    write_axis(r, &list);
    write_switches(r);
    stats_comparison_list_release(&list);
    caution(r);
}

/* --- Notes ---------------------------------------------------------------------------------- */

struct note_walk {
    struct report *r;
    size_t count;
};

static int visit_note(int day_number, const char *note, void *context)
{
    struct note_walk *walk = context;
    struct report *r = walk->r;
    char date[DATE_TEXT_SIZE];
    date_format(day_number, date);
    if (r->html) {
        fprintf(r->out, "%s<li><strong>%s</strong> <span class=\"note\">",
                walk->count == 0 ? "<ul class=\"notes\">\n" : "", date);
        put_text(r, note, "\n");
        fputs("</span></li>\n", r->out);
    } else {
        fprintf(r->out, "- **%s**: ", date);
        put_text(r, note, "  \n  ");
        fputs("\n", r->out);
    }
    walk->count++;
    return 0;
}

static int write_notes(struct report *r, struct error *err)
{
    heading(r, 2, "Notes");
    struct note_walk walk = {r, 0};
    if (journal_each_note(r->journal, r->options->from, r->options->to, visit_note, &walk, err) !=
        0)
        return -1;
    if (walk.count == 0)
        paragraph(r, "No notes in this period.");
    else
        fputs(r->html ? "</ul>\n" : "\n", r->out);
    return 0;
}

/* --- The whole report ------------------------------------------------------------------------ */

static int write_sections(struct report *r, struct error *err)
{
    write_header(r);
    if (r->model.logged_days == 0) {
        paragraph(r, "No day was logged in this period, so there is nothing to summarise.");
        if (r->html)
            fputs("</main>\n</body>\n</html>\n", r->out);
        return 0;
    }
    write_scores(r);
    write_symptoms(r);
    write_habits(r);
    write_foods(r);
    if (write_marks(r, err) != 0 || write_experiments(r, err) != 0)
        return -1;
    write_associations(r);
    if (write_notes(r, err) != 0)
        return -1;
    if (r->html)
        fputs("</main>\n</body>\n</html>\n", r->out);
    return 0;
}

static int report_write_snapshot(FILE *out, struct journal *journal, const struct content *content,
                                 const struct report_options *options, struct error *err);

struct report_job {
    FILE *out;
    const struct content *content;
    const struct report_options *options;
};

static int report_in_snapshot(struct journal *journal, void *context, struct error *err)
{
    struct report_job *job = context;
    return report_write_snapshot(job->out, journal, job->content, job->options, err);
}

/* Everything the report says comes from one snapshot: a day saved while it is written cannot
 * show in one section and not in another. */
int report_write(FILE *out, struct journal *journal, const struct content *content,
                 const struct report_options *options, struct error *err)
{
    struct report_job job = {out, content, options};
    return journal_read_snapshot(journal, report_in_snapshot, &job, err);
}

static int report_write_snapshot(FILE *out, struct journal *journal, const struct content *content,
                                 const struct report_options *options, struct error *err)
{
    struct report r;
    memset(&r, 0, sizeof r);
    r.out = out;
    r.html = options->format == REPORT_HTML;
    r.journal = journal;
    r.content = content;
    r.options = options;
    int length = options->to - options->from + 1;
    if (length < 1)
        return error_set(err, ERROR_USAGE, "the report period ends before it starts");
    if (insights_build(journal, content, options->from, options->to, &r.model, err) != 0)
        return -1;
    /* The period before stops where the calendar does: a report from 1000-01-10 compares with
     * nine days, never with dates no journal can hold. */
    int first_day = date_from_parts(DATE_FIRST_YEAR, 1, 1);
    int previous_from = options->from - length < first_day ? first_day : options->from - length;
    if (options->from <= first_day)
        return error_set(err, ERROR_USAGE, "the report period must start after %d-01-01",
                         DATE_FIRST_YEAR);
    if (insights_build(journal, content, previous_from, options->from - 1, &r.previous, err) != 0) {
        insights_release(&r.model);
        return -1;
    }
    int status = write_sections(&r, err);
    insights_release(&r.model);
    insights_release(&r.previous);
    if (status == 0 && (fflush(out) != 0 || ferror(out)))
        return error_set(err, ERROR_SYSTEM, "cannot write the report");
    return status;
}

bool report_format_from_name(const char *name, enum report_format *format)
{
    return format_as_report(format_find(FORMAT_REPORT, name), format);
}

bool report_format_from_file(const char *path, enum report_format *format)
{
    return format_as_report(format_from_path(FORMAT_REPORT, path), format);
}
