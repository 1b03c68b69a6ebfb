/*
 * factor_words.c - how a factor of the insights reads in words (see factor_words.h).
 */
#include "factor_words.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "xalloc.h"

/* A label inside a sentence: "Sleep" -> "sleep", "Stool form (Bristol)" -> "stool form
 * (Bristol)", but "IBS flare" and "McDonald's" stay as they are (the first word is lowered only
 * when its other letters are all lower case). */
static char *lower_first(const char *label)
{
    char *text = xstrdup(label);
    if (text[0] < 'A' || text[0] > 'Z')
        return text;
    for (const char *c = text + 1; *c != '\0' && *c != ' '; c++)
        if (*c >= 'A' && *c <= 'Z')
            return text;
    text[0] = (char)(text[0] - 'A' + 'a');
    return text;
}

static void set_plain(struct factor_words *out, char *label, char *words, char *days)
{
    *out = (struct factor_words){label, words, days, 0, 0, 0};
}

/* label = NAME " over " NUMBER TAIL, with the parts recorded. */
static void set_label(struct factor_words *out, const char *name, const char *number,
                      const char *tail)
{
    out->label = xprintf("%s over %s%s", name, number, tail);
    out->name_end = strlen(name);
    out->number_at = out->name_end + strlen(" over ");
    out->unit_at = out->number_at + strlen(number);
}

void factor_words_food(struct factor_words *out, const char *name)
{
    char *lower = lower_first(name);
    set_plain(out, xstrdup(name), xstrdup(name), xprintf("with %s", lower));
    free(lower);
}

void factor_words_category(struct factor_words *out, const char *name)
{
    char *lower = lower_first(name);
    set_plain(out, xstrdup(name), xprintf("Any %s", lower), xprintf("with any %s", lower));
    free(lower);
}

void factor_words_done(struct factor_words *out, const struct content_habit *habit)
{
    if (habit->when != NULL) {
        set_plain(out, xstrdup(habit->label), xstrdup(habit->label), xstrdup(habit->when));
        return;
    }
    char *lower = lower_first(habit->label);
    set_plain(out, xstrdup(habit->label), xstrdup(habit->label), xprintf("with %s", lower));
    free(lower);
}

static void words_amount(struct factor_words *out, const struct content_habit *habit,
                         const char *number, const char *lower)
{
    char singular[NUM_UNIT_SIZE];
    const char *unit = num_unit(number, habit->unit, singular);
    char tail[NUM_TEXT_SIZE + 64];
    snprintf(tail, sizeof tail, "%s%s", unit[0] ? " " : "", unit);
    if (habit->min == 0 && strtod(number, NULL) <= 0) {
        /* Above nothing at all: any of it. */
        set_plain(out, xprintf("Any %s", lower), xprintf("Any %s (more than 0%s)", lower, tail),
                  xprintf("with any %s", lower));
    } else {
        set_label(out, habit->label, number, tail);
        out->words = xprintf("More %s than usual (over %s%s)", lower, number, tail);
        out->days = xprintf("with more %s than usual (over %s%s)", lower, number, tail);
    }
}

static void words_scale(struct factor_words *out, const struct content_habit *habit,
                        const char *number, const char *lower)
{
    char min[NUM_TEXT_SIZE], max[NUM_TEXT_SIZE], tail[NUM_TEXT_SIZE + 8];
    num_format(habit->min, min);
    num_format(habit->max, max);
    snprintf(tail, sizeof tail, " of %s", max);
    set_label(out, habit->label, number, tail);
    out->words =
        xprintf("Higher %s than usual (over %s on its %s-%s scale)", lower, number, min, max);
    out->days =
        xprintf("with higher %s than usual (over %s on its %s-%s scale)", lower, number, min, max);
}

/* A whole number below the last choice: "5 or higher (5: Soft blobs, clear edges)"; else the
 * number as it is. */
static void words_choice(struct factor_words *out, const struct content_habit *habit,
                         const char *number, const char *lower)
{
    set_label(out, habit->label, number, "");
    double above = strtod(number, NULL);
    double next = floor(above) + 1;
    if (next >= 1 && next >= habit->min && next <= (double)habit->choices.count && above < next) {
        const char *word = habit->choices.items[(size_t)next - 1];
        char value[NUM_TEXT_SIZE];
        num_format(next, value);
        out->words = xprintf("%s %s or higher (%s: %s)", habit->label, value, value, word);
        out->days = xprintf("with %s %s or higher (%s: %s)", lower, value, value, word);
    } else {
        out->words = xprintf("%s over %s", habit->label, number);
        out->days = xprintf("with %s over %s", lower, number);
    }
}

void factor_words_above(struct factor_words *out, const struct content_habit *habit,
                        const char *number)
{
    *out = (struct factor_words){NULL, NULL, NULL, 0, 0, 0};
    char *lower = lower_first(habit->label);
    if (habit->kind == CONTENT_HABIT_SCALE)
        words_scale(out, habit, number, lower);
    else if (habit->kind == CONTENT_HABIT_CHOICE && habit->choices.count > 0)
        words_choice(out, habit, number, lower);
    else
        words_amount(out, habit, number, lower);
    free(lower);
}

void factor_words_score(struct factor_words *out, const char *group_name, const char *number)
{
    char *lower = lower_first(group_name);
    if (strtod(number, NULL) <= 0) {
        /* Scores start at 0 (none): above it, any symptom of the group. */
        set_plain(out, xprintf("Any %s symptoms", lower),
                  xprintf("Any %s symptoms (score over 0)", lower),
                  xprintf("with any %s symptoms", lower));
        free(lower);
        return;
    }
    char *name = xprintf("%s score", group_name);
    set_label(out, name, number, "");
    out->words = xprintf("%s symptoms higher than usual (score over %s)", group_name, number);
    out->days = xprintf("when %s symptoms were higher than usual (score over %s)", lower, number);
    free(name);
    free(lower);
}

void factor_words_release(struct factor_words *words)
{
    if (words == NULL)
        return;
    free(words->label);
    free(words->words);
    free(words->days);
    *words = (struct factor_words){NULL, NULL, NULL, 0, 0, 0};
}

/* Whether "above `shown`" splits `values` exactly where "above `median`" does. */
static bool splits_alike(double median, double shown, const double *values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i]) && (values[i] > median) != (values[i] > shown))
            return false;
    return true;
}

void factor_words_threshold(double median, const double *values, size_t count,
                            char out[NUM_TEXT_SIZE])
{
    for (int places = 0; places <= 6; places++) {
        double scale = pow(10, places);
        double candidates[2] = {round(median * scale) / scale, ceil(median * scale) / scale};
        for (int i = 0; i < 2; i++) {
            /* The number as written, read back: what a person reads is what is checked. */
            num_format(candidates[i], out);
            if (splits_alike(median, strtod(out, NULL), values, count))
                return;
        }
    }
    num_format(median, out);
}
