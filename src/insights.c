/*
 * insights.c - builds the daily matrix of a date range from the journal and the content, so that
 * the report and the Trends screen run the same statistics on the same numbers.
 */
#include "insights.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "factor_words.h"
#include "numbers.h"
#include "scores.h"
#include "xalloc.h"

static void add_symptom_columns(struct insights_model *model)
{
    const struct content *content = model->content;
    for (size_t g = 0; g < content->group_count; g++) {
        char *id = xprintf("score:%s", content->groups[g].id);
        char *label = xprintf("%s score", content->groups[g].name);
        stats_table_add_symptom(&model->table, id, label, INSIGHTS_SCORE);
        free(id);
        free(label);
    }
    model->first_sign = model->table.symptom_count;
    for (size_t s = 0; s < content->sign_count; s++)
        stats_table_add_symptom(&model->table, content->signs[s].id, content->signs[s].label,
                                INSIGHTS_SIGN);
}

static void record_symptoms(struct insights_model *model, const struct day *day, size_t row)
{
    const struct content *content = model->content;
    struct stats_symptom *symptoms = model->table.symptoms;
    for (size_t g = 0; g < content->group_count; g++)
        scores_group_mean(content, day, g, &symptoms[g].values[row]);
    for (size_t s = 0; s < content->sign_count; s++)
        day_get_reading(day, content->signs[s].id, &symptoms[model->first_sign + s].values[row]);
}

static void record_habits(struct insights_model *model, const struct day *day, size_t row)
{
    for (size_t h = 0; h < model->content->habit_count; h++)
        day_get_reading(day, model->content->habits[h].id, &model->habit_values[h][row]);
}

/* A saved day with no food at all leaves every food unknown for that day. */
static void record_foods(struct insights_builder *walk, const struct day *day, size_t row)
{
    const struct content *content = walk->model->content;
    size_t day_count = walk->model->table.day_count;
    if (day->food_count == 0)
        return;
    walk->foods_recorded[row] = true;
    for (size_t f = 0; f < content->food_count; f++)
        walk->eaten[f * day_count + row] = STATS_ABSENT;
    for (size_t i = 0; i < day->food_count; i++) {
        const struct content_food *food = content_find_food(content, day->foods[i].id);
        if (food == NULL || !(day->foods[i].value > 0))
            continue;
        size_t f = (size_t)(food - content->foods);
        walk->eaten[f * day_count + row] = STATS_PRESENT;
        walk->model->food_days[f]++;
    }
}

int insights_builder_add(const struct day *day, void *context)
{
    struct insights_builder *walk = context;
    struct insights_model *model = walk->model;
    long row = stats_table_row(&model->table, day->day_number);
    if (row < 0)
        return 0;
    model->table.logged[row] = true;
    model->logged_days++;
    record_symptoms(model, day, (size_t)row);
    record_habits(model, day, (size_t)row);
    record_foods(walk, day, (size_t)row);
    return 0;
}

/* Gives factor `column` its words (factor_words.h), its label the words' label. */
static void set_words(struct insights_model *model, size_t column, struct factor_words *words)
{
    struct stats_table *table = &model->table;
    if (model->word_count < table->factor_count) {
        model->words = xrealloc(model->words, table->factor_count * sizeof *model->words);
        for (size_t f = model->word_count; f < table->factor_count; f++)
            model->words[f] = (struct factor_words){NULL, NULL, NULL, 0, 0, 0};
        model->word_count = table->factor_count;
    }
    factor_words_release(&model->words[column]);
    model->words[column] = *words;
    free(table->factors[column].label);
    table->factors[column].label = xstrdup(words->label);
}

const struct factor_words *insights_words(const struct insights_model *model, size_t factor)
{
    if (factor >= model->word_count || model->words[factor].label == NULL)
        return NULL;
    return &model->words[factor];
}

static void add_category_factors(struct insights_model *model, const struct insights_builder *walk)
{
    const struct content *content = model->content;
    size_t days = model->table.day_count;
    for (size_t c = 0; c < content->category_count; c++) {
        char *id = xprintf("category:%s", content->categories[c].id);
        size_t column = stats_table_add_factor(&model->table, id, content->categories[c].name,
                                               INSIGHTS_CATEGORY, true);
        struct factor_words words;
        factor_words_category(&words, content->categories[c].name);
        set_words(model, column, &words);
        signed char *presence = model->table.factors[column].presence;
        for (size_t row = 0; row < days; row++)
            presence[row] = walk->foods_recorded[row] ? STATS_ABSENT : STATS_UNKNOWN;
        for (size_t f = 0; f < content->food_count; f++) {
            if (content->foods[f].category != c)
                continue;
            for (size_t row = 0; row < days; row++)
                if (walk->eaten[f * days + row] == STATS_PRESENT)
                    presence[row] = STATS_PRESENT;
        }
        free(id);
    }
}

static void add_food_factors(struct insights_model *model, const signed char *eaten)
{
    const struct content *content = model->content;
    size_t days = model->table.day_count;
    for (size_t f = 0; f < content->food_count; f++) {
        if (model->food_days[f] < INSIGHTS_MIN_FOOD_DAYS)
            continue;
        char *id = xprintf("food:%s", content->foods[f].id);
        size_t column =
            stats_table_add_factor(&model->table, id, content->foods[f].name, INSIGHTS_FOOD, true);
        struct factor_words words;
        factor_words_food(&words, content->foods[f].name);
        set_words(model, column, &words);
        memcpy(model->table.factors[column].presence, eaten + f * days, days);
        free(id);
    }
}

/* Gives an "above the median" factor its words, the threshold written as the person reads it. */
static void set_above_words(struct insights_model *model, size_t column, double median,
                            const double *values, const struct content_habit *habit,
                            const char *group_name)
{
    char number[NUM_TEXT_SIZE];
    factor_words_threshold(median, values, model->table.day_count, number);
    struct factor_words words;
    if (habit != NULL)
        factor_words_above(&words, habit, number);
    else
        factor_words_score(&words, group_name, number);
    set_words(model, column, &words);
}

/* A yes/no habit is a factor when done; any other habit when above the user's own median. */
static void add_habit_factor(struct insights_model *model, const struct content_habit *habit,
                             const double *values)
{
    char *id = xprintf("habit:%s", habit->id);
    struct stats_table *table = &model->table;
    if (habit->kind == CONTENT_HABIT_YES_NO) {
        size_t column = stats_table_add_factor(table, id, habit->label, INSIGHTS_HABIT, true);
        struct factor_words words;
        factor_words_done(&words, habit);
        set_words(model, column, &words);
        for (size_t row = 0; row < table->day_count; row++)
            if (table->logged[row] && !isnan(values[row]))
                table->factors[column].presence[row] =
                    values[row] >= 0.5 ? STATS_PRESENT : STATS_ABSENT;
    } else {
        double median;
        size_t column = stats_table_add_factor_above_median(table, id, habit->label, INSIGHTS_HABIT,
                                                            true, values, &median);
        set_above_words(model, column, median, values, habit, NULL);
    }
    free(id);
}

static void add_axis_factor(struct insights_model *model)
{
    long digestive = scores_group_index(model->content, "digestive");
    long skin = scores_group_index(model->content, "skin");
    if (digestive < 0 || skin < 0)
        return;
    const double *values = model->table.symptoms[digestive].values;
    size_t column =
        stats_table_add_factor_above_median(&model->table, "score-high:digestive", "",
                                            INSIGHTS_AXIS, true, values, &model->axis_median);
    /* Searched against the skin score only: one more pair in the same family of comparisons,
     * not a row pinned outside it. */
    model->table.factors[column].only_symptom = skin;
    set_above_words(model, column, model->axis_median, values, NULL,
                    model->content->groups[digestive].name);
    model->axis_factor = (long)column;
    model->axis_symptom = skin;
}

static void allocate(struct insights_model *model, const struct content *content, int from, int to)
{
    memset(model, 0, sizeof *model);
    model->content = content;
    model->from = from;
    model->to = to;
    model->axis_factor = -1;
    model->axis_symptom = -1;
    model->axis_median = NAN;
    stats_table_init(&model->table, from, to);
    size_t days = model->table.day_count ? model->table.day_count : 1;
    model->habit_values = xcalloc(content->habit_count + 1, sizeof *model->habit_values);
    for (size_t h = 0; h < content->habit_count; h++) {
        model->habit_values[h] = xmalloc(days * sizeof(double));
        for (size_t row = 0; row < days; row++)
            model->habit_values[h][row] = NAN;
    }
    model->food_days = xcalloc(content->food_count + 1, sizeof *model->food_days);
    add_symptom_columns(model);
}

/* --- Reading the journal's values straight into the table ---------------------------------- */

/* A content id and where its values go: a sign's column (kind TARGET_SIGN), a habit's values
 * (TARGET_HABIT) or a food's row of `eaten` (TARGET_FOOD). */
enum target_kind { TARGET_SIGN, TARGET_HABIT, TARGET_FOOD };
struct insights_target {
    const char *id;
    enum target_kind kind;
    size_t index;
};

static int target_order(const void *a, const void *b)
{
    return strcmp(((const struct insights_target *)a)->id, ((const struct insights_target *)b)->id);
}

static void targets_init(struct insights_builder *builder, const struct content *content)
{
    size_t metrics = content->sign_count + content->habit_count;
    builder->metrics = xmalloc((metrics + 1) * sizeof *builder->metrics);
    for (size_t s = 0; s < content->sign_count; s++)
        builder->metrics[s] = (struct insights_target){content->signs[s].id, TARGET_SIGN, s};
    for (size_t h = 0; h < content->habit_count; h++)
        builder->metrics[content->sign_count + h] =
            (struct insights_target){content->habits[h].id, TARGET_HABIT, h};
    qsort(builder->metrics, metrics, sizeof *builder->metrics, target_order);
    builder->foods = xmalloc((content->food_count + 1) * sizeof *builder->foods);
    for (size_t f = 0; f < content->food_count; f++)
        builder->foods[f] = (struct insights_target){content->foods[f].id, TARGET_FOOD, f};
    qsort(builder->foods, content->food_count, sizeof *builder->foods, target_order);
    builder->signs = xmalloc((content->sign_count + 1) * sizeof *builder->signs);
    builder->row = -1;
}

/* The target of `id` (ids are unique in the content), or NULL. A day's rows come sorted by id,
 * so the search goes on from where the day's last one was found, one or two comparisons a row;
 * should the journal's order ever differ from strcmp's, a binary search still finds it. */
static const struct insights_target *target_find(const struct insights_target *targets,
                                                 size_t count, size_t *cursor, const char *id)
{
    size_t k = *cursor;
    int order = -1;
    while (k < count && (order = strcmp(targets[k].id, id)) < 0)
        k++;
    if (k < count && order == 0) {
        *cursor = k;
        return &targets[k];
    }
    struct insights_target key = {id, TARGET_SIGN, 0};
    return bsearch(&key, targets, count, sizeof *targets, target_order);
}

/* The group scores of the day just read, from its signs, as record_symptoms() computes them. */
static void day_finish(struct insights_builder *builder)
{
    struct insights_model *model = builder->model;
    if (builder->row < 0)
        return;
    for (size_t g = 0; g < model->content->group_count; g++)
        scores_group_mean_of(model->content, builder->signs, g,
                             &model->table.symptoms[g].values[builder->row]);
    builder->row = -1;
}

static void read_day(void *context, int day_number)
{
    struct insights_builder *builder = context;
    struct insights_model *model = builder->model;
    day_finish(builder);
    builder->row = stats_table_row(&model->table, day_number);
    builder->metric_cursor = builder->food_cursor = 0;
    builder->day_has_foods = false;
    if (builder->row < 0)
        return;
    model->table.logged[builder->row] = true;
    model->logged_days++;
    for (size_t s = 0; s < model->content->sign_count; s++)
        builder->signs[s] = NAN;
}

static void read_reading(void *context, const char *metric_id, double value)
{
    struct insights_builder *builder = context;
    struct insights_model *model = builder->model;
    if (builder->row < 0)
        return;
    const struct insights_target *target =
        target_find(builder->metrics, model->content->sign_count + model->content->habit_count,
                    &builder->metric_cursor, metric_id);
    if (target == NULL)
        return;
    if (target->kind == TARGET_SIGN) {
        builder->signs[target->index] = value;
        model->table.symptoms[model->first_sign + target->index].values[builder->row] = value;
    } else {
        model->habit_values[target->index][builder->row] = value;
    }
}

/* As record_foods(): the first food of a day makes every food known (absent) that day. */
static void read_food(void *context, const char *food_id, double servings)
{
    struct insights_builder *builder = context;
    const struct content *content = builder->model->content;
    if (builder->row < 0)
        return;
    size_t days = builder->model->table.day_count, row = (size_t)builder->row;
    if (!builder->day_has_foods) {
        builder->day_has_foods = true;
        builder->foods_recorded[row] = true;
        for (size_t f = 0; f < content->food_count; f++)
            builder->eaten[f * days + row] = STATS_ABSENT;
    }
    const struct insights_target *target =
        target_find(builder->foods, content->food_count, &builder->food_cursor, food_id);
    if (target == NULL || !(servings > 0))
        return;
    builder->eaten[target->index * days + row] = STATS_PRESENT;
    builder->model->food_days[target->index]++;
}

int insights_builder_read(struct insights_builder *builder, struct journal *journal, int from,
                          int to, struct error *err)
{
    struct journal_value_visitor visit = {read_day, read_reading, read_food, builder};
    int status = journal_each_value(journal, from, to, &visit, err);
    day_finish(builder);
    return status == 0 ? 0 : -1;
}

void insights_builder_begin(struct insights_builder *builder, const struct content *content,
                            int from, int to, struct insights_model *model)
{
    allocate(model, content, from, to < from ? from : to);
    size_t days = model->table.day_count;
    size_t cells = content->food_count * days;
    builder->model = model;
    builder->foods_recorded = xcalloc(days + 1, sizeof(bool));
    builder->eaten = xmalloc(cells + 1);
    memset(builder->eaten, STATS_UNKNOWN, cells);
    targets_init(builder, content);
}

void insights_builder_finish(struct insights_builder *builder, bool keep)
{
    struct insights_model *model = builder->model;
    const struct content *content = model->content;
    if (keep) {
        add_category_factors(model, builder);
        add_food_factors(model, builder->eaten);
        for (size_t h = 0; h < content->habit_count; h++)
            add_habit_factor(model, &content->habits[h], model->habit_values[h]);
        add_axis_factor(model);
    } else {
        insights_release(model);
    }
    free(builder->eaten);
    free(builder->foods_recorded);
    free(builder->metrics);
    free(builder->foods);
    free(builder->signs);
}

int insights_build(struct journal *journal, const struct content *content, int from, int to,
                   struct insights_model *model, struct error *err)
{
    struct insights_builder builder;
    insights_builder_begin(&builder, content, from, to, model);
    int status = insights_builder_read(&builder, journal, model->from, model->to, err);
    insights_builder_finish(&builder, status == 0);
    return status == 0 ? 0 : -1;
}

void insights_release(struct insights_model *model)
{
    if (model->habit_values != NULL)
        for (size_t h = 0; h < model->content->habit_count; h++)
            free(model->habit_values[h]);
    free(model->habit_values);
    free(model->food_days);
    for (size_t f = 0; f < model->word_count; f++)
        factor_words_release(&model->words[f]);
    free(model->words);
    stats_table_release(&model->table);
    memset(model, 0, sizeof *model);
}

struct stats_search_options insights_search_options(size_t confirm)
{
    return (struct stats_search_options){STATS_MAX_LAG, STATS_MIN_DAYS, confirm};
}

void insights_search(const struct insights_model *model, size_t confirm,
                     struct stats_comparison_list *out)
{
    struct stats_search_options options = insights_search_options(confirm);
    stats_search(&model->table, &options, out);
}

size_t insights_axis(const struct insights_model *model,
                     struct stats_comparison out[STATS_MAX_LAG + 1], bool found[STATS_MAX_LAG + 1])
{
    size_t count = 0;
    for (int lag = 0; lag <= STATS_MAX_LAG; lag++) {
        found[lag] = model->axis_factor >= 0 &&
                     stats_compare(&model->table, (size_t)model->axis_factor,
                                   (size_t)model->axis_symptom, lag, STATS_MIN_DAYS, &out[lag]);
        count += found[lag];
    }
    return count;
}

size_t insights_switches(const struct insights_model *model, struct insights_switch *out,
                         size_t capacity)
{
    const struct stats_table *table = &model->table;
    size_t count = 0;
    for (size_t f = 0; f < table->factor_count; f++) {
        if (!table->factors[f].searched || table->factors[f].tag == INSIGHTS_AXIS)
            continue;
        struct insights_switch found = {f, 0, false};
        if (!stats_factor_switch(table, f, &found.day, &found.started))
            continue;
        if (count < capacity)
            out[count] = found;
        count++;
    }
    return count;
}

const char *insights_lag_text(int lag, char *buffer, size_t size)
{
    if (lag == 0)
        return "the same day";
    snprintf(buffer, size, "%d day%s later", lag, lag == 1 ? "" : "s");
    return buffer;
}
