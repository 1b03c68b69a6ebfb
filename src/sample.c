/*
 * sample.c - the sample journal generator: a small simulated person (see sample.h), driven by
 * one seeded splitmix64 stream so that a seed always gives the same journal.
 *
 * The numbers below are not medical facts; they are tuned so that a few months of days show the
 * patterns gutskin's charts and insights look for, with enough noise to look like a real
 * journal rather than a textbook.
 */
#include "sample.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "xalloc.h"

#define NOTE_MAX 1024
#define COURSE_DAYS 7         /* the course of antibiotics */
#define COURSE_MIN_JOURNAL 50 /* shorter journals get no course */
#define DRINKS_FOOD "alcohol" /* the food logged alongside the alcohol habit */

/* --- Random numbers ------------------------------------------------------------------------- */

struct rng {
    uint64_t state;
};

static uint64_t rng_next(struct rng *rng)
{
    uint64_t z = (rng->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* [0, 1) with 53 random bits. */
static double rng_uniform(struct rng *rng)
{
    return (double)(rng_next(rng) >> 11) / 9007199254740992.0;
}

static bool rng_chance(struct rng *rng, double probability)
{
    return rng_uniform(rng) < probability;
}

static double rng_between(struct rng *rng, double low, double high)
{
    return low + (high - low) * rng_uniform(rng);
}

static size_t rng_below(struct rng *rng, size_t bound)
{
    return bound == 0 ? 0 : (size_t)(rng_next(rng) % bound);
}

/* Box-Muller; 1 - u keeps log() away from zero. */
static double rng_normal(struct rng *rng)
{
    double u = 1.0 - rng_uniform(rng);
    double v = rng_uniform(rng);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* A stream of its own for each id, so that adding a sign or a food to the content does not
 * change the traits drawn for the others. */
static struct rng rng_for(uint64_t seed, const char *id)
{
    uint64_t hash = UINT64_C(1469598103934665603);
    for (const unsigned char *c = (const unsigned char *)id; *c != '\0'; c++)
        hash = (hash ^ *c) * UINT64_C(1099511628211);
    struct rng rng = {seed ^ hash};
    rng_next(&rng);
    return rng;
}

static double clamp(double value, double low, double high)
{
    return value < low ? low : value > high ? high : value;
}

/* Clamps to the range and rounds to the step, never past max. */
static double snap(double value, double min, double max, double step)
{
    value = clamp(value, min, max);
    if (step > 0) {
        value = min + round((value - min) / step) * step;
        if (value > max)
            value -= step;
    }
    return value;
}

/* --- The simulated person ------------------------------------------------------------------- */

/* One day's behaviour; yes/no habits are 0 or 1. */
struct habits {
    double sleep_hours;
    double sleep_quality;
    double stress;
    double water;
    double exercise;
    double alcohol;
    double probiotic;
    double caffeine_late;
    double antibiotics;
};

struct world {
    const struct content *content;
    struct rng rng;
    int change_day; /* the daily probiotic starts */
    bool has_course;
    int course_first;
    double inflammation; /* the slow latent state, about 0 to 3.5 */
    double stress_level; /* the slow part of stress, 0 to 10 */
    double gut[3];       /* digestive drive today, yesterday and the day before */
    struct habits yesterday;
    double food_load_yesterday;
    bool skipped_yesterday;
    double *sign_weight;    /* how strongly each sign follows its drive */
    double *sign_threshold; /* how much drive it takes to show at all */
    double *food_liking;    /* personal taste, so that some foods are favourites */
    double *food_chance;    /* scratch: today's weights */
};

static void world_init(struct world *world, const struct content *content, int first_day,
                       size_t day_count, uint64_t seed)
{
    memset(world, 0, sizeof *world);
    world->content = content;
    world->rng.state = seed;
    rng_next(&world->rng);
    world->change_day = first_day + (int)(day_count * 2 / 5) + (int)rng_below(&world->rng, 7) - 3;
    world->has_course = day_count >= COURSE_MIN_JOURNAL;
    world->course_first = first_day + (int)(day_count * 3 / 20) + (int)rng_below(&world->rng, 5);
    world->inflammation = 1.3;
    world->stress_level = 5;
    world->gut[0] = world->gut[1] = world->gut[2] = 1.3;
    world->yesterday = (struct habits){.sleep_hours = 7, .sleep_quality = 3, .stress = 5};
    size_t signs = content->sign_count, foods = content->food_count;
    world->sign_weight = xcalloc(signs + 1, sizeof(double));
    world->sign_threshold = xcalloc(signs + 1, sizeof(double));
    for (size_t i = 0; i < signs; i++) {
        struct rng trait = rng_for(seed, content->signs[i].id);
        world->sign_weight[i] = rng_between(&trait, 0.9, 1.5);
        world->sign_threshold[i] = rng_between(&trait, 0.1, 1.1);
    }
    world->food_liking = xcalloc(foods + 1, sizeof(double));
    world->food_chance = xcalloc(foods + 1, sizeof(double));
    for (size_t i = 0; i < foods; i++) {
        struct rng trait = rng_for(seed, content->foods[i].id);
        world->food_liking[i] = rng_chance(&trait, 0.15) ? 0.03 : rng_between(&trait, 0.2, 1.6);
    }
}

static void world_release(struct world *world)
{
    free(world->sign_weight);
    free(world->sign_threshold);
    free(world->food_liking);
    free(world->food_chance);
}

/* Monday first. Work days are more stressful; drinks cluster at the weekend; exercise follows a
 * class schedule on Tuesdays, Thursdays and Saturdays. */
static const double weekday_stress[7] = {1.2, 0.8, 0.6, 0.8, 0.2, -1.5, -1.2};
static const double weekday_drinks[7] = {0.06, 0.08, 0.12, 0.18, 0.5, 0.55, 0.2};
static const double weekday_exercise[7] = {0.3, 0.75, 0.2, 0.75, 0.25, 0.6, 0.35};

static void make_habits(struct world *world, int day_number, struct habits *today)
{
    struct rng *rng = &world->rng;
    const struct habits *yesterday = &world->yesterday;
    int weekday = date_weekday(day_number);
    bool changed = day_number >= world->change_day;
    world->stress_level = clamp(0.9 * world->stress_level + 0.45 + 0.5 * rng_normal(rng), 0, 10);
    today->stress =
        clamp(round(world->stress_level + weekday_stress[weekday] + rng_normal(rng)), 0, 10);
    double drink_chance = weekday_drinks[weekday] * (changed ? 0.6 : 1.0);
    today->alcohol =
        rng_chance(rng, drink_chance) ? (double)(1 + rng_below(rng, weekday >= 4 ? 4 : 2)) : 0;
    today->sleep_hours = clamp(7.2 + (weekday >= 5 ? 0.7 : 0) - 0.15 * (today->stress - 5) -
                                   0.3 * yesterday->alcohol + 0.7 * rng_normal(rng),
                               4, 10);
    today->sleep_quality =
        clamp(round(3 + 0.7 * (today->sleep_hours - 7) - 0.4 * yesterday->alcohol -
                    0.1 * (today->stress - 5) + 0.6 * rng_normal(rng)),
              1, 5);
    today->exercise =
        rng_chance(rng, weekday_exercise[weekday]) ? (double)(20 + 5 * rng_below(rng, 15)) : 0;
    today->water = clamp(
        round(6 + (today->exercise > 0 ? 1.5 : 0) - 0.5 * today->alcohol + 1.5 * rng_normal(rng)),
        1, 14);
    today->probiotic = rng_chance(rng, changed ? 0.9 : 0.04);
    today->caffeine_late = rng_chance(rng, clamp(0.15 + 0.05 * (today->stress - 5), 0.02, 0.6));
    today->antibiotics = world->has_course && day_number >= world->course_first &&
                         day_number < world->course_first + COURSE_DAYS;
}

/* Yesterday's behaviour moves the latent state; digestion answers the same day. */
static void update_state(struct world *world, const struct habits *today)
{
    const struct habits *yesterday = &world->yesterday;
    double push = 0.08 * yesterday->alcohol + 0.07 * fmax(0, 7 - yesterday->sleep_hours) +
                  0.015 * (yesterday->stress - 5) + world->food_load_yesterday -
                  0.03 * yesterday->probiotic + 0.15 * yesterday->antibiotics;
    world->inflammation =
        clamp(0.85 * world->inflammation + 0.18 + push + 0.08 * rng_normal(&world->rng), 0, 3.5);
    world->gut[2] = world->gut[1];
    world->gut[1] = world->gut[0];
    world->gut[0] = world->inflammation + 0.2 * yesterday->alcohol + 0.5 * today->antibiotics +
                    0.25 * rng_normal(&world->rng);
}

/* --- Foods ---------------------------------------------------------------------------------- */

/* How often a category is picked, and how much a serving moves tomorrow's inflammation. */
struct category_model {
    const char *id;
    double weight;
    double load;
};

static const struct category_model category_models[] = {
    {"probiotic", 0.8, -0.02},         {"prebiotic", 1.2, -0.012}, {"fibre", 1.6, -0.012},
    {"anti-inflammatory", 1.3, -0.01}, {"hydrating", 0.9, -0.005},
};

static struct category_model model_of(const struct content_food_category *category, bool weekend,
                                      bool changed)
{
    if (category->limit)
        return (struct category_model){category->id, weekend ? 1.4 : 0.7, 0.05};
    struct category_model model = {category->id, 1.0, -0.005};
    for (size_t i = 0; i < sizeof category_models / sizeof category_models[0]; i++)
        if (strcmp(category_models[i].id, category->id) == 0)
            model = category_models[i];
    if (changed && strcmp(category->id, "probiotic") == 0)
        model.weight *= 2;
    return model;
}

static const struct content_food_category *category_of(const struct content *content,
                                                       const struct content_food *food)
{
    return food->category < content->category_count ? &content->categories[food->category] : NULL;
}

/* Fills world->food_chance for the day and returns the total. */
static double food_chances(struct world *world, bool weekend, bool changed)
{
    const struct content *content = world->content;
    double total = 0;
    for (size_t i = 0; i < content->food_count; i++) {
        const struct content_food_category *category = category_of(content, &content->foods[i]);
        double chance = 0;
        if (category != NULL && category->food_count > 0 &&
            strcmp(content->foods[i].id, DRINKS_FOOD) != 0)
            chance = model_of(category, weekend, changed).weight / (double)category->food_count *
                     world->food_liking[i];
        world->food_chance[i] = chance;
        total += chance;
    }
    return total;
}

static double food_load(const struct content *content, const struct content_food *food,
                        double servings)
{
    const struct content_food_category *category = category_of(content, food);
    return category == NULL ? 0 : servings * model_of(category, false, false).load;
}

/* The index that `target` (0 to the total of `chances`) falls on; never one with no chance,
 * even when rounding leaves `target` past the end. */
static size_t pick_weighted(const double *chances, size_t count, double target)
{
    size_t last = 0;
    for (size_t i = 0; i < count; i++) {
        if (chances[i] <= 0)
            continue;
        if (target < chances[i])
            return i;
        target -= chances[i];
        last = i;
    }
    return last;
}

/* Picks 3 to 8 different foods; returns their effect on tomorrow's inflammation. */
static double eat(struct world *world, int day_number, const struct habits *today, struct day *day)
{
    const struct content *content = world->content;
    struct rng *rng = &world->rng;
    double total =
        food_chances(world, date_weekday(day_number) >= 5, day_number >= world->change_day);
    double load = 0;
    for (size_t wanted = 3 + rng_below(rng, 6); wanted > 0 && total > 1e-9; wanted--) {
        size_t pick =
            pick_weighted(world->food_chance, content->food_count, rng_uniform(rng) * total);
        double servings = rng_chance(rng, 0.15) ? 2 : 1;
        day_set_food(day, content->foods[pick].id, servings);
        load += food_load(content, &content->foods[pick], servings);
        total -= world->food_chance[pick];
        world->food_chance[pick] = 0;
    }
    const struct content_food *drinks = content_find_food(content, DRINKS_FOOD);
    if (drinks != NULL && today->alcohol > 0)
        day_set_food(day, drinks->id, today->alcohol);
    return load;
}

/* --- Readings ------------------------------------------------------------------------------- */

/* What drives the signs of each group: digestion today, digestion two days ago (skin follows the
 * gut with a lag), the latent state, stress above 5 and sleep below 7.5 hours. */
struct group_model {
    const char *id;
    double gut_today;
    double gut_lagged;
    double inflammation;
    double stress;
    double sleep_debt;
};

static const struct group_model group_models[] = {
    {"digestive", 1.0, 0, 0, 0, 0},
    {"skin", 0, 0.7, 0.3, 0.05, 0},
    {"immune", 0.2, 0, 0.6, 0, 0.1},
    {"mood-energy", 0.2, 0, 0.3, 0.12, 0.3},
};

static const struct group_model generic_group = {"", 0.3, 0, 0.7, 0, 0};

static double group_drive(const struct world *world, const char *group_id,
                          const struct habits *today)
{
    const struct group_model *model = &generic_group;
    for (size_t i = 0; i < sizeof group_models / sizeof group_models[0]; i++)
        if (strcmp(group_models[i].id, group_id) == 0)
            model = &group_models[i];
    return model->gut_today * world->gut[0] + model->gut_lagged * world->gut[2] +
           model->inflammation * world->inflammation + model->stress * (today->stress - 5) +
           model->sleep_debt * fmax(0, 7.5 - today->sleep_hours);
}

static void log_signs(struct world *world, const struct habits *today, struct day *day)
{
    const struct content *content = world->content;
    for (size_t i = 0; i < content->sign_count; i++) {
        const struct content_sign *sign = &content->signs[i];
        const char *group =
            sign->group < content->group_count ? content->groups[sign->group].id : "";
        double raw = world->sign_weight[i] * group_drive(world, group, today) -
                     world->sign_threshold[i] + 0.4 * rng_normal(&world->rng);
        day_set_reading(day, sign->id, snap(raw, 0, CONTENT_SEVERITY_MAX, 1));
    }
}

static bool known_habit(const struct habits *today, const char *id, double *value)
{
    const struct {
        const char *id;
        double value;
    } known[] = {
        {"sleep-hours", today->sleep_hours},
        {"sleep-quality", today->sleep_quality},
        {"stress", today->stress},
        {"water", today->water},
        {"exercise", today->exercise},
        {"alcohol", today->alcohol},
        {"probiotic-taken", today->probiotic},
        {"caffeine-late", today->caffeine_late},
        {"antibiotics", today->antibiotics},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].id, id) == 0) {
            *value = known[i].value;
            return true;
        }
    return false;
}

/* A habit the generator has no model for: a plausible value that does not drift. */
static double generic_habit(struct rng *rng, const struct content_habit *habit)
{
    double span = habit->max - habit->min;
    switch (habit->kind) {
    case CONTENT_HABIT_YES_NO:
        return rng_chance(rng, 0.3);
    case CONTENT_HABIT_SCALE:
    case CONTENT_HABIT_CHOICE:
        return habit->min + span / 2 + span / 6 * rng_normal(rng);
    case CONTENT_HABIT_AMOUNT:
        break;
    }
    return habit->min + span * 0.25 * (1 + 0.5 * rng_normal(rng));
}

static void log_habits(struct world *world, const struct habits *today, struct day *day)
{
    const struct content *content = world->content;
    for (size_t i = 0; i < content->habit_count; i++) {
        const struct content_habit *habit = &content->habits[i];
        double value;
        if (!known_habit(today, habit->id, &value))
            value = generic_habit(&world->rng, habit);
        if (habit->kind == CONTENT_HABIT_YES_NO)
            value = snap(value, 0, 1, 1);
        else
            value = snap(value, habit->min, habit->max, habit->step);
        day_set_reading(day, habit->id, value);
    }
}

/* Some days are logged only in part: the signs but not the rest, the rest but not the signs,
 * or about half of everything. */
static void thin_out(struct world *world, struct day *day)
{
    const struct content *content = world->content;
    struct rng *rng = &world->rng;
    if (!rng_chance(rng, 0.12))
        return;
    size_t kind = rng_below(rng, 3);
    for (size_t i = 0; i < content->sign_count; i++)
        if (kind == 1 || (kind == 2 && rng_chance(rng, 0.5)))
            day_remove_reading(day, content->signs[i].id);
    for (size_t i = 0; i < content->habit_count; i++)
        if (kind == 0 || (kind == 2 && rng_chance(rng, 0.5)))
            day_remove_reading(day, content->habits[i].id);
    for (size_t i = 0; kind == 0 && i < content->food_count; i++)
        day_remove_food(day, content->foods[i].id);
}

/* --- Notes ---------------------------------------------------------------------------------- */

struct phrases {
    const char *const *items;
    size_t count;
};

#define PHRASES(array)                                                                             \
    {                                                                                              \
        array, sizeof array / sizeof array[0]                                                      \
    }

static const char *const everyday_phrases[] = {
    "Quiet day at home.",
    "Busy day at work, lunch at my desk.",
    "Long walk after dinner.",
    "Cooked a big pot of vegetable soup.",
    "Tried a new lentil recipe.",
    "Lunch out with colleagues.",
    "Rainy day, stayed in.",
    "Visited my parents for the afternoon.",
    "Worked late again.",
    "Meal prep for the week.",
    "Café au lait and a croissant with a friend.",
    "Rushed morning, skipped breakfast.",
    "Woke up before the alarm.",
    "Market run: crème fraîche, leeks and jalapeños.",
    "Yoga class in the evening.",
    "Travel day, lots of sitting.",
    "An hour in the garden 🌱",
    "Read in the park for a while.",
    "Deadline week.",
    "Slow morning with a long breakfast ☕",
    "Birthday dinner at a Korean place.",
    "Forgot my water bottle at home.",
    "Tried the new bakery near the station.",
    "Long phone call with my sister.",
    "Cleaned the whole flat.",
    "Changed to a fragrance-free face wash.",
};

static const char *const flare_phrases[] = {
    "Skin flared up along the jaw.",
    "Cheeks looked red and warm in the evening.",
    "Itchy patches on my forearms again.",
    "A couple of new spots on my chin.",
    "Skin felt tight and dry after the shower.",
};

static const char *const gut_phrases[] = {
    "Bloated after lunch.",
    "Stomach unsettled most of the afternoon.",
    "Heartburn after dinner.",
    "Lots of gas in the evening.",
};

static const char *const calm_phrases[] = {
    "Skin looks calmer this week.",
    "Digestion felt easy today.",
    "Good energy all day 🙂",
    "Clear skin this morning.",
};

static const char *const drink_phrases[] = {
    "Drinks with friends after work.",
    "Two glasses of wine at a dinner party.",
    "Beer at the match 🍺",
    "Cocktails at a birthday.",
};

static const char *const exercise_phrases[] = {
    "Went for a run before work.",
    "Swimming at lunchtime.",
    "Pilates class.",
    "Cycled to work.",
};

static const char *const sleep_phrases[] = {
    "Slept badly, awake at 4.",
    "Late night, tired all day.",
};

static void append_sentence(char note[NOTE_MAX], const char *sentence)
{
    size_t used = strlen(note);
    snprintf(note + used, NOTE_MAX - used, "%s%s", used > 0 ? " " : "", sentence);
}

static void append_from(struct rng *rng, char note[NOTE_MAX], const struct phrases *phrases)
{
    append_sentence(note, phrases->items[rng_below(rng, phrases->count)]);
}

/* A phrase about the day itself, when something stands out. */
static const struct phrases *context_phrases(const struct world *world, const struct habits *today)
{
    static const struct phrases flare = PHRASES(flare_phrases), gut = PHRASES(gut_phrases),
                                calm = PHRASES(calm_phrases), drink = PHRASES(drink_phrases),
                                exercise = PHRASES(exercise_phrases),
                                sleep = PHRASES(sleep_phrases);
    double skin = 0.7 * world->gut[2] + 0.3 * world->inflammation;
    if (skin > 2.0)
        return &flare;
    if (world->gut[0] > 2.0)
        return &gut;
    if (today->alcohol > 0)
        return &drink;
    if (today->sleep_hours < 6)
        return &sleep;
    if (skin < 0.9 && world->gut[0] < 0.9)
        return &calm;
    return today->exercise > 0 ? &exercise : NULL;
}

/* Mostly one sentence, sometimes two or three, now and then a long entry. */
static size_t note_length(struct rng *rng)
{
    double roll = rng_uniform(rng);
    if (roll < 0.6)
        return 1;
    if (roll < 0.9)
        return 2 + rng_below(rng, 2);
    return 5 + rng_below(rng, 4);
}

/* Everyday phrases without repeats (the pool is longer than the longest note). */
static void append_everyday(struct rng *rng, char note[NOTE_MAX], size_t count)
{
    static const struct phrases everyday = PHRASES(everyday_phrases);
    bool used[sizeof everyday_phrases / sizeof everyday_phrases[0]] = {false};
    for (size_t i = 0; i < count && i < everyday.count; i++) {
        size_t pick = rng_below(rng, everyday.count);
        while (used[pick])
            pick = (pick + 1) % everyday.count;
        used[pick] = true;
        append_sentence(note, everyday.items[pick]);
    }
}

static void maybe_note(struct world *world, int day_number, const struct habits *today,
                       struct day *day)
{
    struct rng *rng = &world->rng;
    const char *special = NULL;
    if (day_number == world->change_day)
        special = "Started a daily probiotic today.";
    else if (world->has_course && day_number == world->course_first)
        special = "Started a course of antibiotics for a sinus infection.";
    if (special == NULL && !rng_chance(rng, 0.3))
        return;
    char note[NOTE_MAX] = "";
    size_t length = note_length(rng), written = 0;
    if (special != NULL) {
        append_sentence(note, special);
        written++;
    }
    const struct phrases *context = context_phrases(world, today);
    if (context != NULL && rng_chance(rng, 0.7)) {
        append_from(rng, note, context);
        written++;
    }
    append_everyday(rng, note, length > written ? length - written : 0);
    day_set_note(day, note);
}

/* --- Days ----------------------------------------------------------------------------------- */

/* Skipped days come in small runs: one skip makes the next more likely (about 10% overall). */
static bool decide_logged(struct world *world)
{
    bool skip = rng_chance(&world->rng, world->skipped_yesterday ? 0.3 : 0.075);
    world->skipped_yesterday = skip;
    return !skip;
}

/* Lives one day of the simulation (skipped days too, so that the state keeps moving) and fills
 * `day` when it was logged. */
static bool simulate_day(struct world *world, int day_number, struct day *day)
{
    struct habits today;
    make_habits(world, day_number, &today);
    update_state(world, &today);
    double load = eat(world, day_number, &today, day);
    bool logged = decide_logged(world);
    if (logged) {
        log_signs(world, &today, day);
        log_habits(world, &today, day);
        thin_out(world, day);
        maybe_note(world, day_number, &today, day);
    }
    world->yesterday = today;
    world->food_load_yesterday = load;
    return logged && !day_is_empty(day);
}

static int world_run(struct world *world, int first_day, size_t day_count,
                     sample_day_visitor *visit, void *context)
{
    int status = 0;
    for (size_t i = 0; i < day_count && status == 0; i++) {
        struct day day;
        day_init(&day, first_day + (int)i);
        if (simulate_day(world, first_day + (int)i, &day))
            status = visit(&day, context);
        day_release(&day);
    }
    return status;
}

int sample_each_day(const struct content *content, int first_day, size_t day_count, uint64_t seed,
                    sample_day_visitor *visit, void *context)
{
    struct world world;
    world_init(&world, content, first_day, day_count, seed);
    int status = world_run(&world, first_day, day_count, visit, context);
    world_release(&world);
    return status;
}

/* --- Writing to a journal ------------------------------------------------------------------- */

struct generate_job {
    const struct content *content;
    int first_day;
    size_t day_count;
    uint64_t seed;
    struct journal *journal;
    struct error *err;
};

static int save_visit(const struct day *day, void *context)
{
    struct generate_job *job = context;
    return journal_save_day(job->journal, day, job->err);
}

static int generate_in_transaction(struct journal *journal, void *context, struct error *err)
{
    struct generate_job *job = context;
    job->journal = journal;
    job->err = err;
    struct world world;
    world_init(&world, job->content, job->first_day, job->day_count, job->seed);
    int status = world_run(&world, job->first_day, job->day_count, save_visit, job);
    bool in_range = world.change_day >= job->first_day &&
                    world.change_day < job->first_day + (int)job->day_count;
    if (status == 0 && in_range && content_find_habit(job->content, "probiotic-taken")) {
        status = journal_add_mark(journal, world.change_day, SAMPLE_CHANGE_LABEL, err);
    }
    world_release(&world);
    return status;
}

int sample_generate(struct journal *journal, const struct content *content, int first_day,
                    size_t day_count, uint64_t seed, struct error *err)
{
    struct generate_job job = {content, first_day, day_count, seed, NULL, NULL};
    int status = journal_in_transaction(journal, generate_in_transaction, &job, err);
    if (status != 0)
        error_prefix(err, "cannot write the sample journal: ");
    return status;
}
