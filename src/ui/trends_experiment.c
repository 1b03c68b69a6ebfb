/*
 * trends_experiment.c - the Experiment view of the Trends screen (see trends_experiment.h).
 */
#include "ui/trends_experiment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dates.h"
#include "experiment.h"
#include "text.h"

void trends_experiment_init(struct trends_experiment *view)
{
    *view = (struct trends_experiment){0};
    strlist_init(&view->lines);
}

void trends_experiment_release(struct trends_experiment *view)
{
    strlist_release(&view->lines);
}

bool trends_experiment_present(const struct trends_experiment *view)
{
    return view->present;
}

static void add_periods(struct strlist *lines, const struct experiment_result *r)
{
    strlist_push(lines, "");
    strlist_push(lines, "  period                     arm      logged  adherence  mean");
    for (int i = 0; i < r->period_count; i++) {
        const struct experiment_period *p = &r->periods[i];
        char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE], mean[16] = "-", adherence[16] = "-";
        date_format(p->start, start);
        date_format(p->end, end);
        if (!isnan(p->mean))
            snprintf(mean, sizeof mean, "%.2f", p->mean);
        if (!isnan(p->adherence))
            snprintf(adherence, sizeof adherence, "%.0f%%", p->adherence * 100);
        strlist_pushf(
            lines, "  %s to %s   %-7s  %d/%-4d  %-9s  %-6s %s", start, end,
            p->with ? "with" : "without", p->days_logged, p->days_measured, adherence, mean,
            p->exclusion == EXPERIMENT_KEPT ? "" : experiment_exclusion_words(p->exclusion));
    }
    strlist_push(lines, "");
}

/* The view's lines for one plan. */
static void describe(struct strlist *lines, struct journal *journal, const struct content *content,
                     const struct experiment_plan *plan, int today)
{
    char change[200], start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE], line[256];
    experiment_change_text(plan, change, sizeof change);
    date_format(plan->start_day, start);
    date_format(experiment_last_day(plan), end);
    strlist_pushf(lines, "Experiment %lld (%s): %s, outcome %s", (long long)plan->id,
                  experiment_status_word(experiment_status_of(plan, today)), change,
                  experiment_outcome_name(content, plan));
    strlist_pushf(lines,
                  "%d pairs of %d-day periods, %s to %s; the first %d days of each are not "
                  "measured.",
                  plan->pairs, plan->period_days, start, end, plan->washout_days);
    if (experiment_day_line(content, plan, today, today, line, sizeof line))
        strlist_push(lines, line);
    struct experiment_result result;
    struct error err = {ERROR_NONE, ""};
    if (experiment_load(journal, content, plan, today, &result, &err) != 0) {
        strlist_pushf(lines, "The days could not be read: %s", err.message);
        return;
    }
    add_periods(lines, &result);
    struct strlist summary = STRLIST_INIT;
    experiment_summary(content, plan, &result, &summary);
    for (size_t i = 0; i < summary.count; i++) {
        strlist_pushf(lines, "%s%s", i == 0 ? "Result: " : "", summary.items[i]);
        strlist_push(lines, "");
    }
    strlist_release(&summary);
}

void trends_experiment_update(struct trends_experiment *view, struct journal *journal,
                              const struct content *content, int today)
{
    if (!journal_is_stale(journal, &view->seen))
        return;
    strlist_release(&view->lines);
    strlist_init(&view->lines);
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    struct error err = {ERROR_NONE, ""};
    view->present = journal_list_experiments(journal, &plans, &count, &err) == 0 && count > 0;
    if (view->present)
        describe(&view->lines, journal, content, &plans[experiment_current(plans, count, today)],
                 today);
    free(plans);
}

void trends_experiment_draw(const struct trends_experiment *view, struct draw_rect area)
{
    int y = area.y;
    for (int row = area.y; row < area.y + area.height; row++)
        draw_blank(row, area.x, area.width, THEME_NORMAL);
    for (size_t i = 0; i < view->lines.count && y < area.y + area.height; i++) {
        struct strlist wrapped = STRLIST_INIT;
        /* Table rows (indented) are cut at the edge, never wrapped into the next row. */
        if (view->lines.items[i][0] == ' ')
            strlist_push(&wrapped, view->lines.items[i]);
        else
            text_wrap(view->lines.items[i], area.width - 2, &wrapped);
        if (wrapped.count == 0)
            y++;
        for (size_t j = 0; j < wrapped.count && y < area.y + area.height; j++)
            draw_text(y++, area.x + 1, area.width - 2, wrapped.items[j],
                      i == 0 ? THEME_HEADING : THEME_NORMAL);
        strlist_release(&wrapped);
    }
}
