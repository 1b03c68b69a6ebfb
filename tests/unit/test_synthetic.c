/* test_synthetic.c - the insights on journals with a known truth: a small, deterministic
 * version of bench/montecarlo (fixed seeds, exact expected counts). The benchmark runs hundreds
 * of journals; this runs a few dozen, enough to notice a change in the method. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "content.h"
#include "dates.h"
#include "day.h"
#include "insights.h"
#include "synthetic.h"
#include "testutil.h"

#define JOURNALS 24
/* The expected counts over JOURNALS noise and JOURNALS planted journals (see the last test), with
 * the shipped content's 12 habits. Each item of a journal has its own random numbers, so a habit
 * more or less in the content changes no other item's series (the generator's test below).
 * These changed on purpose when the comparisons went from Welch's test with a Bartlett inflation
 * to the AR(1) GLS regression (stats.h), on the same journals: noise associations 3 -> 2, noise
 * journals with q < 0.10 3 -> 2, noise rows at p < 0.05 455 -> 849 of the same 16799 (the old
 * test was conservative, 2.7% where 5% is promised; the new one is at the promise), planted
 * first at lag 2 19 -> 24 of 24. bench/montecarlo over thousands of journals gives the rates
 * (bench/README.md). */
#define NOISE_ASSOCIATIONS 2
#define NOISE_Q 2
#define NOISE_ROWS_P05 849
#define NOISE_ROWS 16799
#define PLANTED_FIRST 24

static int load_content(void **state)
{
    *state = testutil_load_content(CONTENT_SOURCE_DIR);
    return *state == NULL ? -1 : 0;
}

static int free_content(void **state)
{
    content_free(*state);
    return 0;
}

/* The same options and seed give the same days. */
static int count_days(const struct day *day, void *context)
{
    (void)day;
    (*(size_t *)context)++;
    return 0;
}

static void test_generator_is_repeatable(void **state)
{
    const struct content *content = *state;
    struct synthetic_options options;
    synthetic_defaults(&options);
    size_t first = 0, second = 0;
    assert_int_equal(synthetic_generate(content, &options, count_days, &first), 0);
    assert_int_equal(synthetic_generate(content, &options, count_days, &second), 0);
    assert_int_equal(first, second);
    assert_true(first > 300 && first < 350); /* about 10% of 365 days missing */
    options.effect = 1;
    options.food = "no-such-food";
    assert_int_equal(synthetic_generate(content, &options, count_days, &first), -1);
}

/* The signs persist from day to day as asked: a sign's lag-1 autocorrelation is near 0.6 (a
 * little less after rounding to whole severities). */
static void test_generator_persistence(void **state)
{
    const struct content *content = *state;
    struct synthetic_options options;
    synthetic_defaults(&options);
    options.days = 2000;
    options.missing = 0;
    struct insights_model model;
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    assert_int_equal(synthetic_search(content, &options, 0, &model, &list), 0);
    long acne = stats_table_find_symptom(&model.table, "acne");
    double acf[3];
    stats_autocorrelation(model.table.symptoms[acne].values, model.table.day_count, 2, acf);
    assert_true(acf[1] > 0.5 && acf[1] < 0.62);
    stats_comparison_list_release(&list);
    insights_release(&model);
}

/* What one journal holds of the planted pair, day by day. */
struct record {
    size_t days;
    char dates[400][DATE_TEXT_SIZE];
    double acne[400];
    bool kimchi[400];
};

static int record_day(const struct day *day, void *context)
{
    struct record *record = context;
    if (record->days == 400)
        return 1;
    double servings = 0;
    date_format(day->day_number, record->dates[record->days]);
    record->acne[record->days] = NAN;
    day_get_reading(day, "acne", &record->acne[record->days]);
    record->kimchi[record->days] = day_get_food(day, "kimchi", &servings) && servings > 0;
    record->days++;
    return 0;
}

/* Each item has its own random numbers: a habit more or less in the content changes neither the
 * days logged nor any other item's series, so the same seed on two contents gives the same
 * journal apart from that habit (and a benchmark on two contents compares like with like). */
static void test_generator_items_independent(void **state)
{
    const struct content *content = *state;
    struct content fewer = *content;
    assert_true(fewer.habit_count > 1);
    fewer.habit_count--;
    struct synthetic_options options;
    synthetic_defaults(&options);
    options.effect = 1;
    static struct record all, some;
    memset(&all, 0, sizeof all);
    memset(&some, 0, sizeof some);
    assert_int_equal(synthetic_generate(content, &options, record_day, &all), 0);
    assert_int_equal(synthetic_generate(&fewer, &options, record_day, &some), 0);
    assert_int_equal(all.days, some.days);
    size_t eaten = 0;
    for (size_t i = 0; i < all.days; i++) {
        assert_string_equal(all.dates[i], some.dates[i]);
        assert_true(all.acne[i] == some.acne[i]);
        assert_int_equal(all.kimchi[i], some.kimchi[i]);
        eaten += all.kimchi[i];
    }
    assert_true(eaten > 20 && eaten < all.days - 20);
}

struct tally {
    size_t any_association, any_q, rows, rows_p05, first_at_lag;
};

static void run(const struct content *content, double effect, struct tally *tally)
{
    struct synthetic_options options;
    synthetic_defaults(&options);
    options.effect = effect;
    for (int j = 0; j < JOURNALS; j++) {
        options.seed = (uint64_t)(effect != 0 ? 1000000 + j : j);
        struct insights_model model;
        struct stats_comparison_list list;
        stats_comparison_list_init(&list);
        assert_int_equal(synthetic_search(content, &options, 10, &model, &list), 0);
        bool any = false, any_q = false;
        for (size_t i = 0; i < list.count; i++) {
            any = any || stats_is_association(&list.items[i]);
            any_q = any_q || list.items[i].q < STATS_Q_LEVEL;
            tally->rows_p05 += list.items[i].p_family < 0.05;
        }
        tally->rows += list.count;
        tally->any_association += any;
        tally->any_q += any_q;
        tally->first_at_lag += list.count > 0 &&
                               synthetic_is_planted(&model, &list.items[0], &options) &&
                               list.items[0].lag == options.lag;
        stats_comparison_list_release(&list);
        insights_release(&model);
    }
}

/* 365-day journals, autocorrelation 0.6 in signs, habits and foods. Noise: an association and a
 * row at q < 0.10 in 2 of these 24 (the benchmark: about 9% of journals over thousands, within
 * the q-value's 10%), and 5% of rows at p < 0.05 where 5% is promised. Planted (+1 point, lag 2):
 * the first row, at lag 2, in 24 of 24 (the benchmark: about 98%). */
static void test_noise_and_planted(void **state)
{
    const struct content *content = *state;
    struct tally noise = {0}, planted = {0};
    run(content, 0, &noise);
    run(content, 1, &planted);
    print_message("noise: %zu journals with an association, %zu with q < 0.10, %zu of %zu rows at "
                  "p < 0.05; planted first at lag 2: %zu of %d\n",
                  noise.any_association, noise.any_q, noise.rows_p05, noise.rows,
                  planted.first_at_lag, JOURNALS);
    assert_int_equal(noise.any_association, NOISE_ASSOCIATIONS);
    assert_int_equal(noise.any_q, NOISE_Q);
    assert_int_equal(noise.rows_p05, NOISE_ROWS_P05);
    assert_int_equal(noise.rows, NOISE_ROWS);
    assert_int_equal(planted.first_at_lag, PLANTED_FIRST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generator_is_repeatable),
        cmocka_unit_test(test_generator_persistence),
        cmocka_unit_test(test_generator_items_independent),
        cmocka_unit_test(test_noise_and_planted),
    };
    return cmocka_run_group_tests(tests, load_content, free_content);
}
