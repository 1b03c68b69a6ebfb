/* synthetic.c - journals with a known truth (see synthetic.h). */
#include "synthetic.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "stats.h"
#include "xalloc.h"

struct random {
    uint64_t state;
};

static uint64_t random_next(struct random *r)
{
    return stats_random_next(&r->state);
}

/* Uniform in [0, 1). */
static double random_uniform(struct random *r)
{
    return (double)(random_next(r) >> 11) * 0x1.0p-53;
}

/* Standard normal (Box-Muller; one of the pair is enough here). */
static double random_normal(struct random *r)
{
    double u = random_uniform(r), v = random_uniform(r);
    return sqrt(-2 * log(1 - u)) * cos(6.283185307179586 * v);
}

void synthetic_defaults(struct synthetic_options *options)
{
    memset(options, 0, sizeof *options);
    options->seed = 1;
    options->first_day = date_from_parts(2025, 1, 1);
    options->days = 365;
    options->autocorrelation = 0.6;
    options->food_persistence = 0.6;
    options->missing = 0.1;
    options->noise = 1;
    options->foods = 12;
    options->effect = 0;
    options->lag = 2;
    options->food = "kimchi";
    options->sign = "acne";
}

/* An AR(1) series with unit variance: x' = rho x + sqrt(1 - rho^2) e. */
static double ar_step(struct random *r, double x, double rho)
{
    return rho * x + sqrt(1 - rho * rho) * random_normal(r);
}

/* A two-state chain with P(present) = p and lag-1 autocorrelation rho. */
static bool chain_step(struct random *r, bool present, double p, double rho)
{
    double stay = present ? p + rho * (1 - p) : p * (1 - rho);
    return random_uniform(r) < stay;
}

static double clamp(double value, double low, double high)
{
    return value < low ? low : value > high ? high : value;
}

struct synthetic_state {
    double *signs;  /* latent series per sign */
    double *habits; /* latent series per habit */
    bool *eaten;    /* per chosen food, today */
    double *chance; /* per chosen food: P(eaten) */
    size_t *foods;  /* content indexes of the chosen foods */
    size_t food_count;
    bool *planted; /* per day: the planted food eaten */
    /* One random stream per sign, habit and chosen food, and one for the missing days: an item's
     * series depends on the seed and its own id only, so the same seed gives the same acne and
     * the same kimchi whatever else the content has (a habit added to the content adds its
     * pairs to the search and changes nothing else), and runs on two contents are paired. */
    struct random *sign_random, *habit_random, *food_random, missing_random;
};

/* The stream of item `id` of a journal: the seed and the id (FNV-1a) mixed by splitmix64. */
static struct random item_random(uint64_t seed, const char *kind, const char *id)
{
    uint64_t hash = UINT64_C(0xcbf29ce484222325);
    for (const char *c = kind; *c; c++)
        hash = (hash ^ (unsigned char)*c) * UINT64_C(0x100000001b3);
    hash = (hash ^ ':') * UINT64_C(0x100000001b3);
    for (const char *c = id; *c; c++)
        hash = (hash ^ (unsigned char)*c) * UINT64_C(0x100000001b3);
    uint64_t state = seed * UINT64_C(0x2545F4914F6CDD1D) + 1;
    struct random r = {stats_random_next(&state) ^ hash};
    r.state = stats_random_next(&r.state);
    return r;
}

/* The foods eaten: evenly spread over the content's list, the planted food first. */
static void choose_foods(const struct content *content, const struct synthetic_options *options,
                         long planted, struct synthetic_state *state)
{
    size_t wanted = options->foods < 1 ? 1 : (size_t)options->foods;
    if (wanted > content->food_count)
        wanted = content->food_count;
    state->foods = xmalloc((wanted + 1) * sizeof *state->foods);
    state->food_count = 0;
    if (planted >= 0)
        state->foods[state->food_count++] = (size_t)planted;
    for (size_t i = 0; state->food_count < wanted && i < content->food_count; i++) {
        size_t index = i * content->food_count / wanted % content->food_count;
        bool taken = false;
        for (size_t k = 0; k < state->food_count; k++)
            taken = taken || state->foods[k] == index;
        if (!taken)
            state->foods[state->food_count++] = index;
    }
}

static void fill_day(const struct content *content, const struct synthetic_options *options,
                     struct synthetic_state *state, int i, struct day *day)
{
    double rho = options->autocorrelation;
    for (size_t f = 0; f < state->food_count; f++) {
        state->eaten[f] = chain_step(&state->food_random[f], state->eaten[f], state->chance[f],
                                     options->food_persistence);
        if (state->eaten[f])
            day_set_food(day, content->foods[state->foods[f]].id, 1);
    }
    state->planted[i] = options->effect != 0 && state->eaten[0];
    for (size_t s = 0; s < content->sign_count; s++) {
        state->signs[s] = ar_step(&state->sign_random[s], state->signs[s], rho);
        double value = 1.2 + options->noise * state->signs[s];
        if (options->effect != 0 && strcmp(content->signs[s].id, options->sign) == 0 &&
            i >= options->lag && state->planted[i - options->lag])
            value += options->effect;
        day_set_reading(day, content->signs[s].id, clamp(round(value), 0, 4));
    }
    for (size_t h = 0; h < content->habit_count; h++) {
        const struct content_habit *habit = &content->habits[h];
        state->habits[h] = ar_step(&state->habit_random[h], state->habits[h], rho);
        double value;
        if (habit->kind == CONTENT_HABIT_YES_NO) {
            value = state->habits[h] > 0.25 ? 1 : 0;
        } else {
            double step = habit->step > 0 ? habit->step : 1;
            double middle = (habit->min + habit->max) / 2, spread = (habit->max - habit->min) / 6;
            value = clamp(round((middle + spread * state->habits[h]) / step) * step, habit->min,
                          habit->max);
        }
        day_set_reading(day, habit->id, value);
    }
}

/* Each item's stream (see synthetic_state) and each chosen food's chance of being eaten. */
static void open_streams(const struct content *content, const struct synthetic_options *options,
                         struct synthetic_state *state)
{
    state->sign_random = xmalloc((content->sign_count + 1) * sizeof *state->sign_random);
    state->habit_random = xmalloc((content->habit_count + 1) * sizeof *state->habit_random);
    state->food_random = xmalloc((state->food_count + 1) * sizeof *state->food_random);
    state->missing_random = item_random(options->seed, "missing", "");
    for (size_t s = 0; s < content->sign_count; s++)
        state->sign_random[s] = item_random(options->seed, "sign", content->signs[s].id);
    for (size_t h = 0; h < content->habit_count; h++)
        state->habit_random[h] = item_random(options->seed, "habit", content->habits[h].id);
    for (size_t f = 0; f < state->food_count; f++) {
        state->food_random[f] =
            item_random(options->seed, "food", content->foods[state->foods[f]].id);
        state->chance[f] = 0.15 + 0.3 * random_uniform(&state->food_random[f]);
    }
}

int synthetic_generate(const struct content *content, const struct synthetic_options *options,
                       int (*visit)(const struct day *day, void *context), void *context)
{
    long planted = -1;
    if (options->effect != 0) {
        const struct content_food *food = content_find_food(content, options->food);
        bool sign = false;
        for (size_t s = 0; s < content->sign_count; s++)
            sign = sign || strcmp(content->signs[s].id, options->sign) == 0;
        if (food == NULL || !sign)
            return -1;
        planted = (long)(food - content->foods);
    }
    struct synthetic_state state;
    choose_foods(content, options, planted, &state);
    state.signs = xcalloc(content->sign_count + 1, sizeof *state.signs);
    state.habits = xcalloc(content->habit_count + 1, sizeof *state.habits);
    state.eaten = xcalloc(state.food_count + 1, sizeof *state.eaten);
    state.chance = xmalloc((state.food_count + 1) * sizeof *state.chance);
    state.planted = xcalloc((size_t)(options->days > 0 ? options->days : 1), sizeof *state.planted);
    open_streams(content, options, &state);
    int status = 0;
    for (int i = 0; i < options->days && status == 0; i++) {
        struct day day;
        day_init(&day, options->first_day + i);
        fill_day(content, options, &state, i, &day);
        /* The series go on through a day that is not logged; only the record is missing. */
        if (random_uniform(&state.missing_random) >= options->missing)
            status = visit(&day, context);
        day_release(&day);
    }
    free(state.signs);
    free(state.habits);
    free(state.eaten);
    free(state.chance);
    free(state.foods);
    free(state.planted);
    free(state.sign_random);
    free(state.habit_random);
    free(state.food_random);
    return status;
}

int synthetic_search(const struct content *content, const struct synthetic_options *options,
                     size_t confirm, struct insights_model *model,
                     struct stats_comparison_list *out)
{
    struct insights_builder builder;
    insights_builder_begin(&builder, content, options->first_day,
                           options->first_day + options->days - 1, model);
    int status = synthetic_generate(content, options, insights_builder_add, &builder);
    insights_builder_finish(&builder, status == 0);
    if (status != 0)
        return -1;
    insights_search(model, confirm, out);
    return 0;
}

bool synthetic_is_planted(const struct insights_model *model, const struct stats_comparison *row,
                          const struct synthetic_options *options)
{
    const char *factor = model->table.factors[row->factor].id;
    return strncmp(factor, "food:", 5) == 0 && strcmp(factor + 5, options->food) == 0 &&
           strcmp(model->table.symptoms[row->symptom].id, options->sign) == 0;
}
