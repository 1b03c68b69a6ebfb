/*
 * factor_words.h - the one home of how a factor of the insights reads: a food, a category, a
 * habit (yes/no, amount, scale, choice) or a group's score, in the words a person uses.
 *
 * Driven by the content: a habit's kind, unit, range and choice words, a group's name. The
 * threshold of a factor "above the person's median" is written with num_format() (numbers.h)
 * and is the shortest number that splits the days exactly where the median does
 * (factor_words_threshold()).
 *
 * Three forms of each factor, for example sleep above a median of 7.5 hours:
 *   label  the item first, for a table cell that may be cut: "Sleep over 7.5 hours"
 *   words  a heading or a report's cell:  "More sleep than usual (over 7.5 hours)"
 *   days   completes "on days ..." or "after days ...":
 *          "with more sleep than usual (over 7.5 hours)"
 */
#ifndef GUTSKIN_FACTOR_WORDS_H
#define GUTSKIN_FACTOR_WORDS_H

#include <stddef.h>

#include "content.h"
#include "numbers.h"

struct factor_words {
    char *label;
    char *words;
    char *days;
    /* Where a threshold sits in `label`: label[0 .. name_end) the name ("Sleep"), label[number_at
     * .. unit_at) the number ("7.5"), label + unit_at the rest (" hours", " of 10" or "").
     * number_at is 0 when the label has no number: a screen may cut the name, never the number
     * ("Sleep over 7…" would read as another threshold). */
    size_t name_end;
    size_t number_at;
    size_t unit_at;
};

/* "Kimchi" / "Kimchi" / "with kimchi". */
void factor_words_food(struct factor_words *out, const char *name);
/* "Fermented foods" / "Any fermented foods" / "with any fermented foods". */
void factor_words_category(struct factor_words *out, const char *name);
/* A yes/no habit when done: "Caffeine after 3 pm" / the same / the content's phrase for it
 * ("you had caffeine after 3 pm"), else "with caffeine after 3 pm". */
void factor_words_done(struct factor_words *out, const struct content_habit *habit);
/* Any other habit above `number` (factor_words_threshold()):
 *   amount  "Sleep over 7.5 hours" / "More sleep than usual (over 7.5 hours)"; above a minimum
 *           of 0: "Any alcohol" / "Any alcohol (more than 0 drinks)";
 *   scale   "Stress over 6 of 10" / "Higher stress than usual (over 6 on its 0-10 scale)";
 *   choice  "Stool form (Bristol) over 4" / "Stool form (Bristol) 5 or higher (5: Soft blobs,
 *           clear edges)". */
void factor_words_above(struct factor_words *out, const struct content_habit *habit,
                        const char *number);
/* A group's score above `number`: "Digestive score over 0.8" / "Digestive symptoms higher than
 * usual (score over 0.8)" / "when digestive symptoms were higher than usual (score over 0.8)";
 * above 0: "Any digestive symptoms" / "Any digestive symptoms (score over 0)" / "with any
 * digestive symptoms". */
void factor_words_score(struct factor_words *out, const char *group_name, const char *number);

void factor_words_release(struct factor_words *words);

/* The shortest number (up to 6 decimals) `t` such that exactly the values above `median` are
 * above `t` (NaN values ignored), rounded to nearest first, then up: a median sitting on a value
 * (0.8333 with days at it, which are not above it) reads truly only when rounded up, "0.9". */
void factor_words_threshold(double median, const double *values, size_t count,
                            char out[NUM_TEXT_SIZE]);

#endif
