/*
 * insights.h - the daily matrix of a date range, read from the journal, ready for stats.h.
 *
 * Shared by the report and the Trends screen so that both look at the same numbers. For each day
 * from..to the model holds, in a `struct stats_table`:
 *
 *   symptoms (tag INSIGHTS_SCORE, then INSIGHTS_SIGN)
 *     - one composite score per sign group, id "score:GROUP" (see scores.h), columns 0 ..
 *       content->group_count - 1, in content order;
 *     - one column per sign, id = the sign id, from column `first_sign` in content order.
 *   factors
 *     - INSIGHTS_CATEGORY "category:ID": any food of the category eaten that day;
 *     - INSIGHTS_FOOD "food:ID": the food eaten that day, for foods eaten on at least
 *       INSIGHTS_MIN_FOOD_DAYS days of the range;
 *     - INSIGHTS_HABIT "habit:ID": yes/no habits when done; other habits when above the user's own
 *       median over the range (the median is in the label: "Sleep over 7 hours");
 *     - INSIGHTS_AXIS "score-high:digestive": the digestive score above its median, searched
 *       against the skin score only (it would otherwise only rediscover that digestive signs go
 *       with the digestive score); insights_axis() gives its lag profile.
 *
 * Unknown vs absent: on a day that is not saved everything is unknown. On a saved day with no
 * food at all, food and category factors are unknown (the foods were probably not recorded); a
 * habit not logged is unknown; a sign not logged is missing.
 *
 * Lifecycle: insights_build() fills a model, insights_release() frees it. The model points into
 * `content`, which must outlive it.
 */
#ifndef GUTSKIN_INSIGHTS_H
#define GUTSKIN_INSIGHTS_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "error.h"
#include "factor_words.h"
#include "journal.h"
#include "stats.h"

/* What the insights can and cannot tell, in two sentences: the About screen, the report and the
 * README say the same. */
#define INSIGHTS_PROMISE                                                                           \
    "The insights show which things you log tended to come before better or worse days in your "   \
    "own records more often than chance and the day-to-day persistence of symptoms and habits "    \
    "would explain, with about one row in ten at q < 0.10 expected to be a false alarm. They "     \
    "cannot tell what causes what: something you did not log, a remedy taken because of bad days " \
    "or two changes made together can give the same pattern, so treat each row as a question to "  \
    "test, not an answer."

/* The caution where the content's whole caution does not fit (the insights list on a small
 * terminal). */
#define INSIGHTS_SHORT_CAUTION                                                                     \
    "Associations in your records, not causes: talk to a doctor before changing a treatment."

/* The notes of a row of associations, in the Trends lag view and the report. */
#define INSIGHTS_REVERSE_NOTE "May follow the symptom rather than precede it"
#define INSIGHTS_UNCONFIRMED_NOTE "Not confirmed when the days are shifted"
#define INSIGHTS_NO_LAG_NOTE "No particular lag stands out"
/* Before/after a mark when the days before it ended in a flare. */
#define INSIGHTS_FLARE_NOTE "Ended in a flare"
#define INSIGHTS_FLARE_TEXT                                                                        \
    "Ended in a flare: the last days before the mark were worse than usual, and a symptom "        \
    "after a bad spell tends to ease by itself (regression to the mean), so part of any "          \
    "improvement after the mark is expected without the change."
/* Days before a mark read to know a symptom's usual level and persistence. */
#define INSIGHTS_MARK_CONTEXT_DAYS 180

/* How a group's score is defined (see scores.h), for the About screen and the report. */
#define INSIGHTS_SCORE_DEFINITION                                                                  \
    "A group's score for a day is the mean severity over all of its signs, from 0 (none) to 4 "    \
    "(very severe), a sign left blank on that day counting as none: rating the zeros, or "         \
    "starting to rate more signs, does not move it by itself. A day with none of the group's "     \
    "signs rated has no score. Higher is worse in every group, Mood and energy too (its signs "     \
    "are symptoms: the more of them, the lower the mood and energy)."

/* Foods eaten on fewer days than this are not factors of their own. */
#define INSIGHTS_MIN_FOOD_DAYS STATS_MIN_DAYS

/* Tags of the table's columns (struct stats_symptom.tag, struct stats_factor.tag). */
enum insights_tag {
    INSIGHTS_SCORE,
    INSIGHTS_SIGN,
    INSIGHTS_CATEGORY,
    INSIGHTS_FOOD,
    INSIGHTS_HABIT,
    INSIGHTS_AXIS,
};

struct insights_model {
    const struct content *content;
    int from; /* day numbers, inclusive */
    int to;
    size_t logged_days;
    struct stats_table table;
    size_t first_sign; /* column of content->signs[0]; sign i is column first_sign + i */
    /* Per content habit: one value per day of the range (NaN = missing). */
    double **habit_values;
    /* Per content food: the number of days it was eaten. */
    size_t *food_days;
    /* The axis comparison: columns of "score-high:digestive" and "score:skin", -1 when the
     * content has no such group. */
    long axis_factor;
    long axis_symptom;
    double axis_median; /* the digestive median the factor splits at */
    /* Per factor (factor_count of them once built): how it reads (factor_words.h). */
    struct factor_words *words;
    size_t word_count;
};

/* Reads the days from..to (day numbers, from <= to) with insights_builder_read() and fills
 * `model`.
 * Returns 0, or -1 with `err` filled and nothing left to release (releasing is harmless). */
int insights_build(struct journal *journal, const struct content *content, int from, int to,
                   struct insights_model *model, struct error *err);

void insights_release(struct insights_model *model);

/* How factor column `factor` reads (its label is the words' label), or NULL for a column out of
 * range. */
const struct factor_words *insights_words(const struct insights_model *model, size_t factor);

/* Searches every factor against every symptom at lags 0..STATS_MAX_LAG with STATS_MIN_DAYS on
 * each side (see stats_search()), confirming the first `confirm` rows and those with q under
 * STATS_Q_LEVEL among the first confirm * 2; `out` must be initialised and is reset. */
void insights_search(const struct insights_model *model, size_t confirm,
                     struct stats_comparison_list *out);
/* The options insights_search() uses, for a search run in steps (stats_search_begin()). */
struct stats_search_options insights_search_options(size_t confirm);

/* Building a model from days given one by one (a synthetic journal, say) instead of read from
 * the journal: _begin, then insights_builder_add() for each day (in any order; it has the
 * signature of a journal_each_day() visitor and returns 0), then _finish, which completes the
 * model, or releases it when `keep` is false. */
struct insights_target; /* a metric or food id and its column (insights.c) */
struct insights_builder {
    struct insights_model *model;
    bool *foods_recorded; /* per row: whether any food was recorded */
    signed char *eaten;   /* food_count x day_count, enum stats_presence */
    /* insights_builder_read(): the content's ids sorted, where the last one found was, and the
     * day being read */
    struct insights_target *metrics, *foods;
    size_t metric_cursor, food_cursor;
    double *signs; /* the day's severity per sign, NAN when not rated */
    long row;      /* the day's row, -1 when none or out of the range */
    bool day_has_foods;
};
void insights_builder_begin(struct insights_builder *builder, const struct content *content,
                            int from, int to, struct insights_model *model);
int insights_builder_add(const struct day *day, void *builder);
void insights_builder_finish(struct insights_builder *builder, bool keep);
/* Reads the days from..to of the journal into the builder, the same as insights_builder_add()
 * for each day of journal_each_day() but without a struct day per day (journal_each_value()):
 * about twice as fast. Returns 0, or -1 with `err` filled. */
int insights_builder_read(struct insights_builder *builder, struct journal *journal, int from,
                          int to, struct error *err);

/* A factor that switched once in the range and stayed (a habit started on a date; see
 * stats_factor_switch()). The search leaves it out; it is compared before and after `day`
 * instead, like a marked change. */
struct insights_switch {
    size_t factor; /* column in the table */
    int day;
    bool started; /* present from `day` on (else: stopped) */
};

/* Fills `out` (up to `capacity`) with the switches of the model's searched foods, categories and
 * habits; returns how many there are. */
size_t insights_switches(const struct insights_model *model, struct insights_switch *out,
                         size_t capacity);

/* The skin-vs-digestive comparison: digestive score above its median (day d - lag) against the
 * skin score (day d), for lags 0..STATS_MAX_LAG. found[lag] is false where there were too few
 * days. Returns the number of lags found. */
size_t insights_axis(const struct insights_model *model,
                     struct stats_comparison out[STATS_MAX_LAG + 1], bool found[STATS_MAX_LAG + 1]);

/* "the same day", "1 day later", "3 days later": when the symptom was measured after the
 * factor. Static text or `buffer` (at least 32 bytes). */
const char *insights_lag_text(int lag, char *buffer, size_t size);

#endif
