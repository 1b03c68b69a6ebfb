/*
 * trends_insights.h - the statistics views of the Trends screen: possible associations, the lag
 * view of one of them, and the before/after comparison around a marked day.
 *
 * The numbers come from insights.h and stats.h, which walk the days of a range; that is too slow
 * to redo on every frame over years of days, so the model is built on demand (when the view is
 * opened), in slices between frames, and kept until the range or the journal changes.
 *
 * Wording: every comparison is described as an association in the person's own records, never as
 * a cause, and the content's medical caution is shown under the list and the lag view.
 *
 * Call order: _init, then _update before each draw of the view (cheap when nothing changed),
 * _draw and _key, and _release at the end.
 */
#ifndef GUTSKIN_UI_TRENDS_INSIGHTS_H
#define GUTSKIN_UI_TRENDS_INSIGHTS_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "error.h"
#include "insights.h"
#include "journal.h"
#include "stats.h"
#include "ui/draw.h"
#include "ui/panel_list.h"

/* Days on each side of a mark in the before/after comparison. */
#define TRENDS_MARK_DAYS 14

struct trends_insights {
    const struct content *content;
    bool built;
    /* While the list is being worked out (trends_insights_pending()): the days read so far,
     * then the search. */
    bool reading;
    int read_next;
    struct insights_builder builder;
    struct stats_search_job *job;
    uint64_t generation;
    int from, to;
    struct insights_model model;
    struct stats_comparison_list found; /* one row per pair (its clearest lag), strongest first */
    size_t switched; /* factors that switched once and stayed: left out of the list */
    struct list_panel list;
    /* The lag view of the selected row, while open. */
    bool lag_open;
    struct stats_comparison lags[STATS_MAX_LAG + 1];
    bool lag_found[STATS_MAX_LAG + 1];
    struct stats_comparison lag_row; /* the row the lag view is of */
    const char *lag_factor; /* the factor's label and days (factor_words.h) */
    const char *lag_days;
    const char *lag_symptom;
    char *error; /* why the model could not be built, or NULL */
};

void trends_insights_init(struct trends_insights *insights, const struct content *content);
void trends_insights_release(struct trends_insights *insights);

/* True when the insights for this range and journal generation are computed, or being
 * computed, already. */
bool trends_insights_is_current(const struct trends_insights *insights, int from, int to,
                                uint64_t generation);

/* Starts working out the list of from..to unless that is done or under way: cheap, so that the
 * first frame is drawn at once (with a progress line); trends_insights_work() does the work in
 * slices of a few milliseconds while trends_insights_pending(), and keys are read between them. */
void trends_insights_update(struct trends_insights *insights, struct journal *journal, int from,
                            int to, uint64_t generation);
bool trends_insights_pending(const struct trends_insights *insights);
void trends_insights_work(struct trends_insights *insights, struct journal *journal);

void trends_insights_draw(struct trends_insights *insights, struct draw_rect area);

/* Movement, Enter (opens the lag view) and Escape (closes it): PANEL_MOVED when what the view
 * shows changed, PANEL_STAYED when not (Up on the first row), PANEL_IGNORED for other keys. */
enum panel_key_result trends_insights_key(struct trends_insights *insights, int key,
                                          struct draw_rect area);

/* --- Before and after a mark --------------------------------------------------------------- */

struct trends_before_after_row {
    char *label;
    struct stats_before_after result;
};

struct trends_before_after {
    int day;
    char *mark_label;
    struct trends_before_after_row *rows;
    size_t count;
    bool flare; /* some row's days before the mark ended in a flare (its label starts "! ") */
    struct list_panel list;
};

/* Compares every symptom (group scores, then signs) in the TRENDS_MARK_DAYS days before `day`
 * with the mark's day and the days after it; symptoms with no value on either side are left
 * out. `out` is filled from scratch and must be released. */
int trends_before_after_compute(struct trends_before_after *out, struct journal *journal,
                                const struct content *content, int day, const char *label,
                                struct error *err);
void trends_before_after_release(struct trends_before_after *before_after);

void trends_before_after_draw(struct trends_before_after *before_after,
                              const struct content *content, struct draw_rect area);
/* Movement in the list, answered as trends_insights_key() does. */
enum panel_key_result trends_before_after_key(struct trends_before_after *before_after, int key,
                                              struct draw_rect area);

#endif
