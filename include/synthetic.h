/*
 * synthetic.h - journals with a known truth, to check that the insights keep their promise.
 *
 * A synthetic journal has every sign and habit of the content and a handful of foods, day after
 * day, with the persistence of a real diary: each sign follows its own autoregressive series
 * (lag-1 autocorrelation `autocorrelation`) rounded to the 0-4 scale, each food is eaten in
 * spells (a two-state chain whose presence has lag-1 autocorrelation `food_persistence`), and
 * habits drift the same way. Nothing depends on anything else, except one planted effect:
 * `effect` severity points added to the sign `sign` on the days `lag` days after `food` was
 * eaten (0: a noise journal, where every association found is a false alarm). Some days are
 * left out at random (`missing`). The same options and seed always give the same journal, and
 * each item (sign, habit, food, and the days left out) draws its own random numbers from the seed
 * and its id: another content with the same seed gives the same series for the items both have.
 */
#ifndef GUTSKIN_SYNTHETIC_H
#define GUTSKIN_SYNTHETIC_H

#include <stdbool.h>
#include <stdint.h>

#include "content.h"
#include "day.h"
#include "insights.h"
#include "stats.h"

struct synthetic_options {
    uint64_t seed;
    int first_day; /* day number (dates.h) of the first day */
    int days;
    double autocorrelation;  /* of each sign's and habit's series */
    double food_persistence; /* of each food's presence */
    double missing;          /* share of days not logged */
    double noise;            /* standard deviation of a sign's series, in severity points */
    int foods;               /* how many of the content's foods are eaten (the planted one too) */
    double effect;           /* planted effect in severity points; 0: none */
    int lag;                 /* days from the food to the effect */
    const char *food;        /* id of the food with the effect */
    const char *sign;        /* id of the sign it acts on */
};

/* Sensible defaults: 365 days from 2025-01-01, autocorrelation 0.6 in signs, habits and foods,
 * 10% of days missing, signs around 1.2 with a day-to-day spread of 1 point, 12 foods, no effect;
 * the planted pair (when effect > 0) is kimchi -> acne at lag 2. */
void synthetic_defaults(struct synthetic_options *options);

/* Calls visit(day, context) for every logged day in date order; stops early and returns what
 * visit returned when that is not 0. Returns 0, or -1 when the food or sign of a planted effect
 * is not in the content. */
int synthetic_generate(const struct content *content, const struct synthetic_options *options,
                       int (*visit)(const struct day *day, void *context), void *context);

/* Builds the insights model of a synthetic journal (released by the caller with
 * insights_release()) and runs gutskin's own search on it (insights_search() with `confirm`)
 * into `out`, which must be initialised. Returns 0, or -1 as synthetic_generate() (nothing to
 * release then). */
int synthetic_search(const struct content *content, const struct synthetic_options *options,
                     size_t confirm, struct insights_model *model,
                     struct stats_comparison_list *out);

/* Whether a row of such a search is the planted pair (food:FOOD against the sign SIGN). */
bool synthetic_is_planted(const struct insights_model *model, const struct stats_comparison *row,
                          const struct synthetic_options *options);

#endif
