/* test_insights.c - the daily matrix built from a real journal and the shipped content. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "dates.h"
#include "insights.h"
#include "journal.h"
#include "sample.h"
#include "scores.h"
#include "testutil.h"
#include "xalloc.h"

#define FIRST_DAY "2026-03-01"
#define DAYS 20

struct fixture {
    char *dir;
    struct journal *journal;
    struct content *content;
    struct insights_model model;
    int first;
};

/* The days kimchi was eaten: no period, so that only lag 1 carries the planted effect. */
static const char kimchi_days[DAYS + 1] = "11001110010011010100";

static bool kimchi_on(int i)
{
    return i >= 0 && i < DAYS && kimchi_days[i] == '1';
}

/* Day i of 20 (day 10 not saved, day 11 a note only): kimchi as above, garlic on 3 and 7, oats
 * every day; acne 3 the day after kimchi, 1 otherwise, +1 on multiples of 3; itch 1; bloating
 * i % 4; sleep 6, 7, 8 in turn; probiotic taken on odd days. */
static void fill_day(struct day *day, int i)
{
    if (i == 11) {
        day_set_note(day, "just a note");
        return;
    }
    day_set_food(day, "oats", 1);
    if (kimchi_on(i))
        day_set_food(day, "kimchi", 1);
    if (i == 3 || i == 7)
        day_set_food(day, "garlic", 1);
    day_set_reading(day, "acne", (kimchi_on(i - 1) ? 3 : 1) + (i % 3 == 0 ? 1 : 0));
    day_set_reading(day, "itch", 1);
    day_set_reading(day, "bloating", i % 4);
    day_set_reading(day, "sleep-hours", 6 + i % 3);
    day_set_reading(day, "probiotic-taken", i % 2);
}

static void save_days(struct fixture *fixture)
{
    /* One day beyond each end of the range too, so that the range must be respected. */
    for (int i = -1; i <= DAYS; i++) {
        if (i == 10)
            continue;
        struct day day;
        day_init(&day, fixture->first + i);
        fill_day(&day, i);
        struct error err;
        assert_int_equal(journal_save_day(fixture->journal, &day, &err), 0);
        day_release(&day);
    }
}

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->journal = testutil_open_journal(fixture->dir);
    fixture->content = testutil_load_content(CONTENT_SOURCE_DIR);
    assert_true(date_parse(FIRST_DAY, &fixture->first));
    save_days(fixture);
    struct error err = {0};
    if (insights_build(fixture->journal, fixture->content, fixture->first,
                       fixture->first + DAYS - 1, &fixture->model, &err) != 0)
        return -1;
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    insights_release(&fixture->model);
    journal_close(fixture->journal);
    content_free(fixture->content);
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture);
    return 0;
}

/* The number of signs in a group: the divisor of its score. */
static double group_signs(const struct content *content, const char *group)
{
    struct strlist ids = STRLIST_INIT;
    size_t count = scores_group_ids(content, (size_t)scores_group_index(content, group), &ids);
    strlist_release(&ids);
    return (double)count;
}

static void test_rows_and_scores(void **state)
{
    struct fixture *fixture = *state;
    const struct stats_table *table = &fixture->model.table;
    assert_int_equal(table->day_count, DAYS);
    assert_int_equal(fixture->model.logged_days, DAYS - 1);
    assert_false(table->logged[10]);
    assert_true(table->logged[11]);
    long skin = stats_table_find_symptom(table, "score:skin");
    long digestive = stats_table_find_symptom(table, "score:digestive");
    long acne = stats_table_find_symptom(table, "acne");
    assert_int_equal(skin, 0);
    assert_true(acne >= (long)fixture->model.first_sign);
    /* day 0: acne 1 + 1 (multiple of 3), itch 1, the other skin signs blank -> skin (2 + 1)
     * over all the skin signs */
    double skin_signs = group_signs(fixture->content, "skin");
    double digestive_signs = group_signs(fixture->content, "digestive");
    assert_true(fabs(table->symptoms[skin].values[0] - 3 / skin_signs) < 1e-12);
    assert_true(fabs(table->symptoms[digestive].values[3] - 3 / digestive_signs) < 1e-12);
    assert_true(isnan(table->symptoms[skin].values[11]));
    assert_true(isnan(table->symptoms[skin].values[10]));
    assert_true(table->symptoms[acne].values[1] == 3);
}

static void test_food_and_habit_factors(void **state)
{
    struct fixture *fixture = *state;
    const struct insights_model *model = &fixture->model;
    const struct stats_table *table = &model->table;
    const struct content_food *kimchi = content_find_food(fixture->content, "kimchi");
    assert_int_equal(model->food_days[kimchi - fixture->content->foods], 10);
    long food = stats_table_find_factor(table, "food:kimchi");
    long category = stats_table_find_factor(table, "category:probiotic");
    assert_true(food >= 0 && category >= 0);
    assert_int_equal(stats_table_find_factor(table, "food:garlic"), -1); /* only 2 days */
    assert_string_equal(table->factors[food].label, "Kimchi");
    assert_int_equal(table->factors[food].presence[0], STATS_PRESENT);
    assert_int_equal(table->factors[food].presence[2], STATS_ABSENT);
    assert_int_equal(table->factors[food].presence[11], STATS_UNKNOWN); /* no food recorded */
    assert_int_equal(table->factors[category].presence[0], STATS_PRESENT);
    assert_int_equal(table->factors[category].presence[3], STATS_ABSENT);
    long sleep = stats_table_find_factor(table, "habit:sleep-hours");
    assert_string_equal(table->factors[sleep].label, "Sleep over 7 hours");
    assert_int_equal(table->factors[sleep].presence[2], STATS_PRESENT); /* 8 hours */
    assert_int_equal(table->factors[sleep].presence[1], STATS_ABSENT);  /* 7 hours */
    /* The label's parts, so that a screen can cut "Sleep" but never "7". */
    const struct factor_words *threshold = insights_words(model, (size_t)sleep);
    assert_non_null(threshold);
    assert_int_equal(threshold->name_end, strlen("Sleep"));
    assert_int_equal(threshold->number_at, strlen("Sleep over "));
    assert_int_equal(threshold->unit_at, strlen("Sleep over 7"));
    assert_string_equal(threshold->days, "with more sleep than usual (over 7 hours)");
    assert_int_equal(insights_words(model, (size_t)food)->number_at, 0);
    assert_string_equal(insights_words(model, (size_t)food)->days, "with kimchi");
    long taken = stats_table_find_factor(table, "habit:probiotic-taken");
    assert_int_equal(table->factors[taken].presence[1], STATS_PRESENT);
    assert_int_equal(table->factors[taken].presence[0], STATS_ABSENT);
    assert_true(isnan(model->habit_values[0][10]));
}

/* Twenty days are too few for any factor to be searched (at least 10 days with and without it,
 * in 3 spells each), but a single comparison still sees that acne follows kimchi by one day. */
static void test_search_needs_enough_days(void **state)
{
    struct fixture *fixture = *state;
    const struct stats_table *table = &fixture->model.table;
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    insights_search(&fixture->model, 1, &list);
    assert_int_equal(list.count, 0);
    size_t searched = 0;
    for (size_t f = 0; f < table->factor_count; f++)
        searched += table->factors[f].searched;
    assert_int_equal(list.skipped, searched);
    long kimchi = stats_table_find_factor(table, "food:kimchi");
    long acne = stats_table_find_symptom(table, "acne");
    struct stats_comparison c;
    assert_true(stats_compare(table, (size_t)kimchi, (size_t)acne, 1, STATS_MIN_DAYS, &c));
    assert_true(c.difference > 1.5);
    stats_comparison_list_release(&list);
}

/* The composite score here and the journal's SQL mean of the group's metrics must agree. */
static void test_scores_match_journal_series(void **state)
{
    struct fixture *fixture = *state;
    const struct stats_table *table = &fixture->model.table;
    for (size_t g = 0; g < fixture->content->group_count; g++) {
        struct strlist ids = STRLIST_INIT;
        scores_group_ids(fixture->content, g, &ids);
        struct journal_series_query query = {JOURNAL_SERIES_MEAN_OF_METRICS,
                                             (const char *const *)ids.items,
                                             ids.count,
                                             fixture->model.from,
                                             fixture->model.to,
                                             JOURNAL_BY_DAY};
        struct journal_series series;
        journal_series_init(&series);
        struct error err;
        assert_int_equal(journal_read_series(fixture->journal, &query, &series, &err), 0);
        size_t present = 0;
        for (size_t i = 0; i < series.count; i++) {
            long row = stats_table_row(table, series.points[i].day);
            assert_true(row >= 0);
            assert_true(fabs(series.points[i].mean - table->symptoms[g].values[row]) < 1e-9);
        }
        for (size_t row = 0; row < table->day_count; row++)
            present += !isnan(table->symptoms[g].values[row]);
        assert_int_equal(series.count, present);
        journal_series_release(&series);
        strlist_release(&ids);
    }
}

static void test_axis(void **state)
{
    struct fixture *fixture = *state;
    const struct insights_model *model = &fixture->model;
    assert_true(model->axis_factor >= 0);
    /* In the search, against the skin score only. */
    assert_true(model->table.factors[model->axis_factor].searched);
    assert_int_equal(model->table.factors[model->axis_factor].only_symptom, model->axis_symptom);
    /* digestive = bloating / digestive signs = (i % 4) / signs over the 18 days with readings:
     * five 0s, five 1s, four 2s and four 3s, so the median is 1 / signs */
    assert_true(fabs(model->axis_median - 1 / group_signs(model->content, "digestive")) < 1e-12);
    assert_int_equal(model->table.factors[model->axis_factor].presence[2], STATS_PRESENT);
    assert_int_equal(model->table.factors[model->axis_factor].presence[1], STATS_ABSENT);
    struct stats_comparison out[STATS_MAX_LAG + 1];
    bool found[STATS_MAX_LAG + 1];
    size_t count = insights_axis(model, out, found);
    assert_true(count > 0);
    assert_true(found[0]);
    assert_int_equal(out[0].n_with + out[0].n_without, DAYS - 2);
    char buffer[32];
    assert_string_equal(insights_lag_text(0, buffer, sizeof buffer), "the same day");
    assert_string_equal(insights_lag_text(1, buffer, sizeof buffer), "1 day later");
    assert_string_equal(insights_lag_text(3, buffer, sizeof buffer), "3 days later");
}

/* Every number and cell of two models, bit for bit (NAN equal to NAN). */
static void assert_same_model(const struct insights_model *a, const struct insights_model *b)
{
    const struct stats_table *x = &a->table, *y = &b->table;
    size_t days = x->day_count;
    assert_int_equal(days, y->day_count);
    assert_int_equal(a->logged_days, b->logged_days);
    assert_memory_equal(x->logged, y->logged, days * sizeof *x->logged);
    assert_int_equal(x->symptom_count, y->symptom_count);
    for (size_t s = 0; s < x->symptom_count; s++) {
        assert_string_equal(x->symptoms[s].id, y->symptoms[s].id);
        assert_memory_equal(x->symptoms[s].values, y->symptoms[s].values, days * sizeof(double));
    }
    assert_int_equal(x->factor_count, y->factor_count);
    for (size_t f = 0; f < x->factor_count; f++) {
        assert_string_equal(x->factors[f].id, y->factors[f].id);
        assert_string_equal(x->factors[f].label, y->factors[f].label);
        assert_memory_equal(x->factors[f].presence, y->factors[f].presence, days);
    }
    for (size_t h = 0; h < a->content->habit_count; h++)
        assert_memory_equal(a->habit_values[h], b->habit_values[h], days * sizeof(double));
    assert_memory_equal(a->food_days, b->food_days, a->content->food_count * sizeof *a->food_days);
}

/* insights_build() reads the journal's values straight into the table (insights_builder_read);
 * it must give what insights_builder_add() gives for each day of journal_each_day(), here on a
 * generated year and on the fixture's odd days, with ids the content does not know, a food of
 * no servings and days beyond both ends. */
static void test_read_matches_days(void **state)
{
    struct fixture *fixture = *state;
    char *dir = testutil_make_temp_dir();
    struct journal *journal = testutil_open_journal(dir);
    struct error err = {0};
    int first = fixture->first - 400;
    assert_int_equal(sample_generate(journal, fixture->content, first, 400, 7, &err), 0);
    struct day day;
    day_init(&day, first + 5);
    assert_int_equal(journal_load_day(journal, first + 5, &day, &err), 1);
    day_set_reading(&day, "zz-not-in-the-content", 3);
    day_set_reading(&day, "a-not-in-the-content", 1);
    day_set_food(&day, "kimchi", 0);
    day_set_food(&day, "no-such-food", 1);
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);
    day_init(&day, first + 6);
    assert_int_equal(journal_load_day(journal, first + 6, &day, &err), 1);
    for (size_t i = day.food_count; i > 0; i--)
        day_remove_food(&day, day.foods[i - 1].id);
    day_set_food(&day, "no-such-food", 1); /* foods recorded, none of them known */
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);

    struct {
        struct journal *journal;
        int from, to;
    } cases[] = {{journal, first, first + 399},
                 {journal, first + 3, first + 40},
                 {fixture->journal, fixture->first, fixture->first + DAYS - 1},
                 {fixture->journal, fixture->first + 5, fixture->first + 12}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct insights_model read, walked;
        assert_int_equal(insights_build(cases[c].journal, fixture->content, cases[c].from,
                                        cases[c].to, &read, &err),
                         0);
        struct insights_builder builder;
        insights_builder_begin(&builder, fixture->content, cases[c].from, cases[c].to, &walked);
        assert_int_equal(journal_each_day(cases[c].journal, cases[c].from, cases[c].to,
                                          insights_builder_add, &builder, &err),
                         0);
        insights_builder_finish(&builder, true);
        assert_true(read.logged_days > 0);
        assert_same_model(&read, &walked);
        insights_release(&read);
        insights_release(&walked);
    }
    journal_close(journal);
    testutil_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_and_scores),
        cmocka_unit_test(test_food_and_habit_factors),
        cmocka_unit_test(test_search_needs_enough_days),
        cmocka_unit_test(test_scores_match_journal_series),
        cmocka_unit_test(test_axis),
        cmocka_unit_test(test_read_matches_days),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
