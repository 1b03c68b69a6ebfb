/*
 * experiment.c - the plan, schedule and analysis of an n-of-1 trial (see experiment.h).
 */
#include "experiment.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scores.h"
#include "stats.h"

static const struct {
    const char *prefix;
    const char *word; /* as stored in the journal */
    enum experiment_change_kind kind;
} change_forms[] = {
    {"avoid food:", "avoid food", EXPERIMENT_AVOID_FOOD},
    {"avoid category:", "avoid category", EXPERIMENT_AVOID_CATEGORY},
    {"take food:", "take food", EXPERIMENT_TAKE_FOOD},
    {"do habit:", "do habit", EXPERIMENT_DO_HABIT},
};

#define CHANGE_FORM_COUNT (sizeof change_forms / sizeof change_forms[0])

/* The kind of content item a change names. */
static enum content_kind change_item_kind(enum experiment_change_kind kind)
{
    switch (kind) {
    case EXPERIMENT_AVOID_CATEGORY:
        return CONTENT_CATEGORY;
    case EXPERIMENT_DO_HABIT:
        return CONTENT_HABIT;
    case EXPERIMENT_AVOID_FOOD:
    case EXPERIMENT_TAKE_FOOD:
        break;
    }
    return CONTENT_FOOD;
}

/* The id the item named by `given` (its id or label, content.h's rule) has, into `id`. */
static int resolve_into(const struct content *content, unsigned kinds, const char *given,
                        const char *option, char id[EXPERIMENT_ID_SIZE], enum content_kind *kind,
                        struct error *err)
{
    size_t index;
    if (content_resolve(content, kinds, given, kind, &index, err) != 0) {
        error_prefix(err, "%s: ", option);
        return -1;
    }
    snprintf(id, EXPERIMENT_ID_SIZE, "%s", content_item_id(content, *kind, index));
    return 0;
}

int experiment_parse_change(const struct content *content, const char *text,
                            struct experiment_plan *plan, struct error *err)
{
    for (size_t i = 0; i < CHANGE_FORM_COUNT; i++) {
        size_t length = strlen(change_forms[i].prefix);
        if (strncmp(text, change_forms[i].prefix, length) != 0)
            continue;
        enum content_kind kind = change_item_kind(change_forms[i].kind);
        if (resolve_into(content, CONTENT_KIND_BIT(kind), text + length, "--change",
                         plan->change_id, &kind, err) != 0)
            return -1;
        plan->change_kind = change_forms[i].kind;
        return 0;
    }
    return error_set(err, ERROR_USAGE,
                     "--change '%s' is not a change (avoid food:ID, avoid category:ID, take "
                     "food:ID or do habit:ID)",
                     text);
}

int experiment_parse_outcome(const struct content *content, const char *text,
                             struct experiment_plan *plan, struct error *err)
{
    bool sign_only = strncmp(text, "sign:", 5) == 0;
    bool group_only = strncmp(text, "group:", 6) == 0;
    const char *given = sign_only ? text + 5 : group_only ? text + 6 : text;
    unsigned kinds = sign_only ? CONTENT_KIND_BIT(CONTENT_SIGN)
                     : group_only
                         ? CONTENT_KIND_BIT(CONTENT_GROUP)
                         : CONTENT_KIND_BIT(CONTENT_SIGN) | CONTENT_KIND_BIT(CONTENT_GROUP);
    enum content_kind kind;
    if (resolve_into(content, kinds, given, "--outcome", plan->outcome_id, &kind, err) != 0)
        return -1;
    plan->outcome_kind = kind == CONTENT_GROUP ? EXPERIMENT_OUTCOME_GROUP : EXPERIMENT_OUTCOME_SIGN;
    return 0;
}

const char *experiment_change_kind_word(enum experiment_change_kind kind)
{
    for (size_t i = 0; i < CHANGE_FORM_COUNT; i++)
        if (change_forms[i].kind == kind)
            return change_forms[i].word;
    return "";
}

bool experiment_change_kind_of(const char *word, enum experiment_change_kind *kind)
{
    for (size_t i = 0; i < CHANGE_FORM_COUNT; i++)
        if (strcmp(change_forms[i].word, word) == 0) {
            *kind = change_forms[i].kind;
            return true;
        }
    return false;
}

const char *experiment_outcome_kind_word(enum experiment_outcome_kind kind)
{
    return kind == EXPERIMENT_OUTCOME_GROUP ? "group" : "sign";
}

bool experiment_outcome_kind_of(const char *word, enum experiment_outcome_kind *kind)
{
    if (strcmp(word, "sign") != 0 && strcmp(word, "group") != 0)
        return false;
    *kind = word[0] == 'g' ? EXPERIMENT_OUTCOME_GROUP : EXPERIMENT_OUTCOME_SIGN;
    return true;
}

enum experiment_status experiment_status_of(const struct experiment_plan *plan, int today)
{
    if (plan->stopped_day >= 0)
        return EXPERIMENT_STOPPED;
    return today > experiment_last_day(plan) ? EXPERIMENT_FINISHED : EXPERIMENT_RUNNING;
}

const char *experiment_status_word(enum experiment_status status)
{
    return status == EXPERIMENT_STOPPED    ? "stopped"
           : status == EXPERIMENT_FINISHED ? "finished"
                                           : "running";
}

bool experiment_same_plan(const struct experiment_plan *a, const struct experiment_plan *b)
{
    return a->change_kind == b->change_kind && strcmp(a->change_id, b->change_id) == 0 &&
           a->outcome_kind == b->outcome_kind && strcmp(a->outcome_id, b->outcome_id) == 0 &&
           a->pairs == b->pairs && a->period_days == b->period_days &&
           a->washout_days == b->washout_days && a->start_day == b->start_day && a->seed == b->seed;
}

/* The last day a plan ran: its stop, else its last planned day. */
static int ended_on(const struct experiment_plan *plan)
{
    return plan->stopped_day >= 0 ? plan->stopped_day : experiment_last_day(plan);
}

size_t experiment_current(const struct experiment_plan *plans, size_t count, int today)
{
    size_t current = count;
    for (size_t i = 0; i < count; i++) {
        if (experiment_status_of(&plans[i], today) == EXPERIMENT_RUNNING)
            return i;
        if (current == count || ended_on(&plans[i]) >= ended_on(&plans[current]))
            current = i;
    }
    return current;
}

void experiment_change_text(const struct experiment_plan *plan, char *out, size_t size)
{
    const char *prefix = "";
    for (size_t i = 0; i < CHANGE_FORM_COUNT; i++)
        if (change_forms[i].kind == plan->change_kind)
            prefix = change_forms[i].prefix;
    snprintf(out, size, "%s%s", prefix, plan->change_id);
}

void experiment_outcome_text(const struct experiment_plan *plan, char *out, size_t size)
{
    snprintf(out, size, "%s:%s", plan->outcome_kind == EXPERIMENT_OUTCOME_GROUP ? "group" : "sign",
             plan->outcome_id);
}

int experiment_check_plan(const struct experiment_plan *plan, struct error *err)
{
    if (plan->pairs < 1 || plan->pairs > EXPERIMENT_MAX_PAIRS)
        return error_set(err, ERROR_USAGE, "--periods must be 1 to %d pairs, not %d",
                         EXPERIMENT_MAX_PAIRS, plan->pairs);
    if (plan->period_days < 1 || plan->period_days > EXPERIMENT_MAX_PERIOD_DAYS)
        return error_set(err, ERROR_USAGE, "--period-days must be 1 to %d days, not %d",
                         EXPERIMENT_MAX_PERIOD_DAYS, plan->period_days);
    if (plan->washout_days < 0 || plan->washout_days >= plan->period_days)
        return error_set(err, ERROR_USAGE,
                         "--washout-days must be 0 to %d (fewer than the period's %d days), not %d",
                         plan->period_days - 1, plan->period_days, plan->washout_days);
    return 0;
}

uint64_t experiment_random_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

bool experiment_period_with(const struct experiment_plan *plan, int period)
{
    uint64_t state = plan->seed;
    uint64_t draw = 0;
    for (int pair = 0; pair <= period / 2; pair++)
        draw = experiment_random_next(&state);
    bool with_first = (draw >> 63) != 0;
    return (period % 2 == 0) == with_first;
}

int experiment_period_start(const struct experiment_plan *plan, int period)
{
    return plan->start_day + period * plan->period_days;
}

int experiment_period_end(const struct experiment_plan *plan, int period)
{
    return experiment_period_start(plan, period) + plan->period_days - 1;
}

int experiment_last_day(const struct experiment_plan *plan)
{
    return experiment_period_end(plan, 2 * plan->pairs - 1);
}

int experiment_period_of(const struct experiment_plan *plan, int day_number, int *day_in_period)
{
    int offset = day_number - plan->start_day;
    if (offset < 0 || day_number > experiment_last_day(plan))
        return -1;
    if (day_in_period)
        *day_in_period = offset % plan->period_days + 1;
    return offset / plan->period_days;
}

static const char *change_name(const struct content *content, const struct experiment_plan *plan)
{
    const char *name = NULL;
    if (plan->change_kind == EXPERIMENT_AVOID_CATEGORY) {
        const struct content_food_category *category =
            content_find_category(content, plan->change_id);
        name = category ? category->name : NULL;
    } else if (plan->change_kind == EXPERIMENT_DO_HABIT) {
        const struct content_habit *habit = content_find_habit(content, plan->change_id);
        name = habit ? habit->label : NULL;
    } else {
        const struct content_food *food = content_find_food(content, plan->change_id);
        name = food ? food->name : NULL;
    }
    return name ? name : plan->change_id;
}

void experiment_instruction(const struct content *content, const struct experiment_plan *plan,
                            bool with, char *out, size_t size)
{
    const char *name = change_name(content, plan);
    switch (plan->change_kind) {
    case EXPERIMENT_AVOID_FOOD:
    case EXPERIMENT_AVOID_CATEGORY:
        snprintf(out, size, "%s %s", with ? "no" : "have", name);
        break;
    case EXPERIMENT_TAKE_FOOD:
        snprintf(out, size, "%s %s", with ? "take" : "no", name);
        break;
    case EXPERIMENT_DO_HABIT:
        snprintf(out, size, "%s %s", with ? "do" : "no", name);
        break;
    }
}

bool experiment_day_line(const struct content *content, const struct experiment_plan *plan,
                         int day_number, int today, char *out, size_t size)
{
    int day_in = 0;
    int period = experiment_period_of(plan, day_number, &day_in);
    if (plan->stopped_day >= 0 || period < 0)
        return false;
    char instruction[160];
    experiment_instruction(content, plan, experiment_period_with(plan, period), instruction,
                           sizeof instruction);
    snprintf(out, size, "Experiment: %s%s, day %d of %d%s", instruction,
             day_number == today ? " today" : "", day_in, plan->period_days,
             day_in <= plan->washout_days ? " (washout)" : "");
    return true;
}

void experiment_arm_words(const struct content *content, const struct experiment_plan *plan,
                          bool with, char *out, size_t size)
{
    bool avoid = plan->change_kind == EXPERIMENT_AVOID_FOOD ||
                 plan->change_kind == EXPERIMENT_AVOID_CATEGORY;
    snprintf(out, size, "%s %s", with != avoid ? "with" : "without", change_name(content, plan));
}

const char *experiment_outcome_name(const struct content *content,
                                    const struct experiment_plan *plan)
{
    if (plan->outcome_kind == EXPERIMENT_OUTCOME_GROUP) {
        const struct content_sign_group *group = content_find_group(content, plan->outcome_id);
        return group ? group->name : plan->outcome_id;
    }
    const struct content_sign *sign = content_find_sign(content, plan->outcome_id);
    return sign ? sign->label : plan->outcome_id;
}

bool experiment_day_outcome(const struct content *content, const struct experiment_plan *plan,
                            const struct day *day, double *value)
{
    if (plan->outcome_kind == EXPERIMENT_OUTCOME_SIGN)
        return day_get_reading(day, plan->outcome_id, value);
    long group = scores_group_index(content, plan->outcome_id);
    return group >= 0 && scores_group_mean(content, day, (size_t)group, value);
}

/* Whether the day lists the food, or any food of the category. */
static bool day_has_change_food(const struct content *content, const struct experiment_plan *plan,
                                const struct day *day)
{
    for (size_t i = 0; i < day->food_count; i++) {
        if (day->foods[i].value <= 0)
            continue;
        if (plan->change_kind != EXPERIMENT_AVOID_CATEGORY) {
            if (strcmp(day->foods[i].id, plan->change_id) == 0)
                return true;
            continue;
        }
        const struct content_food *food = content_find_food(content, day->foods[i].id);
        if (food && strcmp(content->categories[food->category].id, plan->change_id) == 0)
            return true;
    }
    return false;
}

int experiment_day_agrees(const struct content *content, const struct experiment_plan *plan,
                          const struct day *day, bool with)
{
    bool done;
    if (plan->change_kind == EXPERIMENT_DO_HABIT) {
        double value;
        if (!day_get_reading(day, plan->change_id, &value))
            return -1;
        done = value > 0;
    } else {
        if (day->food_count == 0)
            return -1;
        done = day_has_change_food(content, plan, day);
    }
    /* "done" means the food or habit is there; with an "avoid" change, the with-arm wants it
     * absent. */
    bool avoid = plan->change_kind == EXPERIMENT_AVOID_FOOD ||
                 plan->change_kind == EXPERIMENT_AVOID_CATEGORY;
    bool wanted = with != avoid;
    return done == wanted ? 1 : 0;
}

double experiment_t_critical(double df)
{
    /* Bisection on the two-sided p: monotone in t, and stats.h already has the distribution. */
    double low = 0, high = 1000;
    for (int i = 0; i < 200 && high - low > 1e-12; i++) {
        double mid = (low + high) / 2;
        if (stats_t_two_sided_p(mid, df) > 0.05)
            low = mid;
        else
            high = mid;
    }
    return (low + high) / 2;
}

bool experiment_paired_t(const double *differences, size_t count, struct experiment_paired *out)
{
    if (count < 2)
        return false;
    double sum = 0;
    for (size_t i = 0; i < count; i++)
        sum += differences[i];
    double mean = sum / (double)count;
    double squares = 0;
    for (size_t i = 0; i < count; i++)
        squares += (differences[i] - mean) * (differences[i] - mean);
    double sd = sqrt(squares / (double)(count - 1));
    double se = sd / sqrt((double)count);
    double df = (double)count - 1;
    double half = experiment_t_critical(df) * se;
    out->effect = mean;
    out->sd = sd;
    out->ci_low = mean - half;
    out->ci_high = mean + half;
    if (se > 0)
        out->p_t = stats_t_two_sided_p(mean / se, df);
    else
        out->p_t = mean == 0 ? 1.0 : 0.0;
    return true;
}

double experiment_randomisation_p(const double *differences, size_t count)
{
    if (count < 1 || count > EXPERIMENT_MAX_PAIRS)
        return NAN;
    double observed = 0;
    for (size_t i = 0; i < count; i++)
        observed += differences[i];
    observed = fabs(observed);
    /* Sums, not means: the same order, without a division per flip. A small tolerance keeps
     * flips that tie with the observed sum (rounding) counted as ties. */
    double tolerance = 1e-9 * (1 + observed);
    uint32_t flips = UINT32_C(1) << count;
    uint32_t extreme = 0;
    for (uint32_t mask = 0; mask < flips; mask++) {
        double sum = 0;
        for (size_t i = 0; i < count; i++)
            sum += (mask >> i) & 1 ? -differences[i] : differences[i];
        if (fabs(sum) >= observed - tolerance)
            extreme++;
    }
    return (double)extreme / (double)flips;
}

static void measure_period(const struct experiment_plan *plan, const struct experiment_day *days,
                           int period, int today, struct experiment_period *out)
{
    out->start = experiment_period_start(plan, period);
    out->end = experiment_period_end(plan, period);
    out->with = experiment_period_with(plan, period);
    out->days_measured = plan->period_days - plan->washout_days;
    out->days_logged = out->days_judged = out->days_agreeing = 0;
    double sum = 0;
    const struct experiment_day *first = days + (size_t)period * (size_t)plan->period_days;
    for (int i = 0; i < plan->period_days; i++) {
        const struct experiment_day *day = first + i;
        if (!day->logged)
            continue;
        if (day->agrees >= 0) {
            out->days_judged++;
            out->days_agreeing += day->agrees;
        }
        if (i >= plan->washout_days && !isnan(day->outcome)) {
            out->days_logged++;
            sum += day->outcome;
        }
    }
    out->mean = out->days_logged ? sum / out->days_logged : NAN;
    out->adherence = out->days_judged ? (double)out->days_agreeing / out->days_judged : NAN;
    if (out->end >= today)
        out->exclusion = EXPERIMENT_NOT_OVER;
    else if (2 * out->days_logged < out->days_measured || out->days_logged == 0)
        out->exclusion = EXPERIMENT_FEW_DAYS;
    else if (isnan(out->adherence))
        out->exclusion = EXPERIMENT_UNJUDGED;
    else if (out->adherence < EXPERIMENT_MIN_ADHERENCE)
        out->exclusion = EXPERIMENT_ADHERENCE;
    else
        out->exclusion = EXPERIMENT_KEPT;
}

void experiment_analyse(const struct experiment_plan *plan, const struct experiment_day *days,
                        int today, struct experiment_result *result)
{
    memset(result, 0, sizeof *result);
    result->period_count = 2 * plan->pairs;
    for (int period = 0; period < result->period_count; period++) {
        struct experiment_period *p = &result->periods[period];
        measure_period(plan, days, period, today, p);
        if (p->exclusion != EXPERIMENT_KEPT && p->exclusion != EXPERIMENT_NOT_OVER)
            result->periods_left_out++;
    }
    for (int pair = 0; pair < plan->pairs; pair++) {
        const struct experiment_period *a = &result->periods[2 * pair];
        const struct experiment_period *b = &result->periods[2 * pair + 1];
        if (a->exclusion != EXPERIMENT_KEPT || b->exclusion != EXPERIMENT_KEPT)
            continue;
        const struct experiment_period *with = a->with ? a : b;
        const struct experiment_period *without = a->with ? b : a;
        result->differences[result->pairs_complete++] = with->mean - without->mean;
    }
    struct experiment_paired paired;
    if (experiment_paired_t(result->differences, (size_t)result->pairs_complete, &paired)) {
        result->effect = paired.effect;
        result->sd = paired.sd;
        result->ci_low = paired.ci_low;
        result->ci_high = paired.ci_high;
        result->p_t = paired.p_t;
        result->p = experiment_randomisation_p(result->differences, (size_t)result->pairs_complete);
    } else {
        result->effect = result->sd = result->ci_low = result->ci_high = NAN;
        result->p = result->p_t = NAN;
    }
}

const char *experiment_exclusion_words(enum experiment_exclusion exclusion)
{
    switch (exclusion) {
    case EXPERIMENT_KEPT:
        return "kept";
    case EXPERIMENT_NOT_OVER:
        return "not over";
    case EXPERIMENT_FEW_DAYS:
        return "left out: fewer than half its days logged";
    case EXPERIMENT_ADHERENCE:
        return "left out: adherence under 70%";
    case EXPERIMENT_UNJUDGED:
        return "left out: no day showed whether the change was followed";
    }
    return "";
}
