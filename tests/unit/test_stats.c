/* test_stats.c - the statistics module against values worked out by hand or from the closed forms
 * of the t distribution. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "stats.h"

#define NEAR(expected, actual, tolerance) assert_true(fabs((expected) - (actual)) < (tolerance))

static void test_basics_skip_missing(void **state)
{
    (void)state;
    double values[] = {1, NAN, 2, 3, 6};
    assert_int_equal(stats_count(values, 5), 4);
    NEAR(3.0, stats_mean(values, 5), 1e-12);
    /* deviations -2 -1 0 3: squares 14, over n - 1 = 3 */
    NEAR(14.0 / 3, stats_variance(values, 5), 1e-12);
    NEAR(sqrt(14.0 / 3), stats_sd(values, 5), 1e-12);
    NEAR(2.5, stats_median(values, 5), 1e-12);
    double odd[] = {5, 1, NAN, 3};
    NEAR(3.0, stats_median(odd, 4), 1e-12);
}

static void test_basics_empty_and_single(void **state)
{
    (void)state;
    double none[] = {NAN, NAN};
    assert_true(isnan(stats_mean(none, 2)));
    assert_true(isnan(stats_median(none, 2)));
    assert_true(isnan(stats_mean(none, 0)));
    double one[] = {NAN, 4};
    NEAR(4.0, stats_mean(one, 2), 1e-12);
    assert_true(isnan(stats_variance(one, 2)));
    assert_true(isnan(stats_sd(one, 2)));
}

static void test_moving_average_with_gaps(void **state)
{
    (void)state;
    double values[] = {1, NAN, 3, NAN, NAN, NAN, 5, 7};
    double out[8];
    stats_moving_average(values, 8, 3, out);
    NEAR(1.0, out[0], 1e-12);   /* only day 0 */
    NEAR(1.0, out[1], 1e-12);   /* days 0-1: 1 */
    NEAR(2.0, out[2], 1e-12);   /* days 0-2: 1, 3 */
    NEAR(3.0, out[3], 1e-12);   /* days 1-3: 3 */
    NEAR(3.0, out[4], 1e-12);   /* days 2-4: 3 */
    assert_true(isnan(out[5])); /* days 3-5: nothing */
    NEAR(5.0, out[6], 1e-12);
    NEAR(6.0, out[7], 1e-12);
}

static void test_incomplete_beta(void **state)
{
    (void)state;
    /* For whole a and b, I_x(a, b) is a binomial tail: I_0.5(2, 3) = (6 + 4 + 1) / 16. */
    NEAR(0.6875, stats_incomplete_beta(2, 3, 0.5), 1e-10);
    NEAR(1 - pow(0.7, 3), stats_incomplete_beta(1, 3, 0.3), 1e-10);
    /* I_x(1/2, 1/2) = 2 / pi * asin(sqrt(x)) */
    NEAR(2 / M_PI * asin(sqrt(0.9)), stats_incomplete_beta(0.5, 0.5, 0.9), 1e-10);
    NEAR(0.464235291430604, stats_incomplete_beta(50, 60, 0.45), 1e-9);
    assert_true(stats_incomplete_beta(2, 3, 0) == 0);
    assert_true(stats_incomplete_beta(2, 3, 1) == 1);
    assert_true(isnan(stats_incomplete_beta(-1, 3, 0.5)));
    assert_true(isnan(stats_incomplete_beta(2, 3, 1.5)));
}

static void test_t_distribution(void **state)
{
    (void)state;
    NEAR(0.0733880347707404, stats_t_two_sided_p(2.0, 10), 1e-9);
    NEAR(0.0733880347707404, stats_t_two_sided_p(-2.0, 10), 1e-9);
    NEAR(0.363217467649123, stats_t_two_sided_p(1.0, 5), 1e-9);
    /* df = 1 is the Cauchy distribution: p = 1 - 2 atan(|t|) / pi */
    NEAR(0.5, stats_t_two_sided_p(1.0, 1), 1e-10);
    /* df = 2: p = 1 - |t| / sqrt(2 + t^2) */
    NEAR(1 - 2 / sqrt(6.0), stats_t_two_sided_p(2.0, 2), 1e-10);
    NEAR(0.0499960675828294, stats_t_two_sided_p(1.96, 1e6), 1e-7);
    NEAR(8.13528042716396e-5, stats_t_two_sided_p(30, 3), 1e-10);
    NEAR(0.618168109276441, stats_t_two_sided_p(0.5, 100.5), 1e-9);
    assert_true(stats_t_two_sided_p(0, 7) == 1);
    assert_true(stats_t_two_sided_p(INFINITY, 7) == 0);
    assert_true(isnan(stats_t_two_sided_p(1, 0)));
}

static void test_welch(void **state)
{
    (void)state;
    double a[] = {1, 2, 3, NAN, 4, 5};
    double b[] = {2, 4, 6, 8, 10};
    struct stats_welch welch;
    assert_true(stats_welch(a, 6, b, 5, &welch));
    /* means 3 and 6, variances 2.5 and 10: se^2 = 0.5 + 2 */
    NEAR(-3 / sqrt(2.5), welch.t, 1e-12);
    NEAR(6.25 / (0.25 / 4 + 4.0 / 4), welch.df, 1e-12);
    NEAR(0.107531194930627, welch.p, 1e-9);
    double flat[] = {2, 2, 2};
    assert_false(stats_welch(flat, 3, flat, 3, &welch));
    assert_false(stats_welch(a, 1, b, 5, &welch));
}

static void test_permutation(void **state)
{
    (void)state;
    /* Exact two-sided p for {1,2,3} vs {4,5,6}: 2 of the 20 splits are as extreme. */
    double a[] = {1, 2, 3};
    double b[] = {4, 5, 6};
    double p = stats_permutation_p(a, 3, b, 3, 4999, 42);
    NEAR(0.1, p, 0.02);
    assert_true(p == stats_permutation_p(a, 3, b, 3, 4999, 42));
    assert_true(stats_permutation_p(a, 3, a, 3, 999, 7) == 1);
    double none[] = {NAN};
    assert_true(isnan(stats_permutation_p(none, 1, b, 3, 99, 1)));
}

/* Twelve days: the factor on rows 0-5, absent on 6-11; row 11 not logged. */
static void fill_simple_table(struct stats_table *table)
{
    stats_table_init(table, 100, 111);
    size_t f = stats_table_add_factor(table, "dairy", "Dairy", 0, true);
    size_t s = stats_table_add_symptom(table, "acne", "Breakouts", 0);
    double values[] = {1, 2, 3, 4, 5, NAN, 2, 4, 6, 8, 10, 99};
    for (size_t row = 0; row < 12; row++) {
        table->logged[row] = row != 11;
        table->factors[f].presence[row] = row < 6 ? STATS_PRESENT : STATS_ABSENT;
        table->symptoms[s].values[row] = values[row];
    }
}

static void test_table_rows_and_columns(void **state)
{
    (void)state;
    struct stats_table table;
    fill_simple_table(&table);
    assert_int_equal(table.day_count, 12);
    assert_int_equal(stats_table_row(&table, 100), 0);
    assert_int_equal(stats_table_row(&table, 111), 11);
    assert_int_equal(stats_table_row(&table, 112), -1);
    assert_int_equal(stats_table_row(&table, 99), -1);
    assert_int_equal(stats_table_find_factor(&table, "dairy"), 0);
    assert_int_equal(stats_table_find_symptom(&table, "acne"), 0);
    assert_int_equal(stats_table_find_symptom(&table, "dairy"), -1);
    size_t added = stats_table_add_symptom(&table, "itch", "Itch", 3);
    assert_int_equal(added, 1);
    assert_true(isnan(table.symptoms[1].values[4]));
    assert_int_equal(table.symptoms[1].tag, 3);
    stats_table_release(&table);
}

static void test_compare_lag_zero(void **state)
{
    (void)state;
    struct stats_table table;
    fill_simple_table(&table);
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 0, 5, &c));
    NEAR(3.0, c.mean_with, 1e-12);
    NEAR(6.0, c.mean_without, 1e-12); /* row 11 (99) is not logged */
    NEAR(-3.0, c.difference, 1e-12);
    assert_int_equal(c.n_with, 5);
    assert_int_equal(c.n_without, 5);
    NEAR(0.107531194930627, c.p, 1e-9);
    assert_true(c.q == c.p);
    assert_false(stats_compare(&table, 0, 0, 0, 6, &c));
    assert_false(stats_compare(&table, 1, 0, 0, 5, &c));
    stats_table_release(&table);
}

static void test_compare_lag_one(void **state)
{
    (void)state;
    struct stats_table table;
    fill_simple_table(&table);
    /* Lag 1: symptom rows 1-5 follow a factor day (2,3,4,5 - row 5 missing), rows 7-10 follow
     * an absent day (4,6,8,10); row 6 follows row 5 (present): 2. */
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 1, 4, &c));
    assert_int_equal(c.n_with, 5);
    assert_int_equal(c.n_without, 4);
    NEAR((2 + 3 + 4 + 5 + 2) / 5.0, c.mean_with, 1e-12);
    NEAR(7.0, c.mean_without, 1e-12);
    assert_int_equal(c.lag, 1);
    /* With the factor's day not logged, the pair is left out. */
    table.logged[0] = false;
    assert_true(stats_compare(&table, 0, 0, 1, 4, &c));
    assert_int_equal(c.n_with, 4);
    stats_table_release(&table);
}

static void test_compare_without_spread_uses_permutation(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 9);
    stats_table_add_factor(&table, "f", "F", 0, true);
    stats_table_add_symptom(&table, "s", "S", 0);
    for (size_t row = 0; row < 10; row++) {
        table.logged[row] = true;
        table.factors[0].presence[row] = row < 5 ? STATS_PRESENT : STATS_ABSENT;
        table.symptoms[0].values[row] = row < 5 ? 3 : 1;
    }
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 0, 5, &c));
    assert_true(isnan(c.t));
    assert_true(isnan(c.df));
    /* Exact: 2 of the C(10,5) = 252 splits are as extreme. */
    NEAR(2.0 / 252, c.p, 0.004);
    stats_table_release(&table);
}

/* One side all 0: Welch would give p < 0.001, which five identical days cannot support. */
static void test_compare_one_side_without_spread(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 19);
    stats_table_add_factor(&table, "f", "F", 0, true);
    stats_table_add_symptom(&table, "s", "S", 0);
    double without[15] = {0, 1, 1, 2, 0, 1, 1, 0, 2, 1, 0, 1, 1, 0, 2};
    for (size_t row = 0; row < 20; row++) {
        table.logged[row] = true;
        table.factors[0].presence[row] = row < 5 ? STATS_PRESENT : STATS_ABSENT;
        table.symptoms[0].values[row] = row < 5 ? 0 : without[row - 5];
    }
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 0, 5, &c));
    double zeros[5] = {0, 0, 0, 0, 0};
    struct stats_welch welch;
    assert_true(stats_welch(zeros, 5, without, 15, &welch));
    assert_true(welch.p < 0.001);
    assert_true(c.p == stats_permutation_p(zeros, 5, without, 15, STATS_PERMUTATIONS,
                                           STATS_PERMUTATION_SEED));
    assert_true(c.p > 0.01);
    assert_true(isnan(c.t));
    stats_table_release(&table);
}

static void test_above_median_factor(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 6);
    double values[] = {1, 2, 3, 4, 5, NAN, 100};
    for (size_t row = 0; row < 6; row++)
        table.logged[row] = true;
    double median = 0;
    size_t f = stats_table_add_factor_above_median(&table, "sleep-high", "More sleep", 2, true,
                                                   values, &median);
    NEAR(3.0, median, 1e-12); /* row 6 is not logged, so 100 does not count */
    const signed char *presence = table.factors[f].presence;
    assert_int_equal(presence[2], STATS_ABSENT);
    assert_int_equal(presence[3], STATS_PRESENT);
    assert_int_equal(presence[4], STATS_PRESENT);
    assert_int_equal(presence[5], STATS_UNKNOWN);
    assert_int_equal(presence[6], STATS_UNKNOWN);
    stats_table_release(&table);
}

/* 40 days: factor "strong" on even rows raises the next day's symptom by 2 (so at even lags it
 * goes with a symptom 2 lower); "weak" follows a period of 5 that neither the effect (period 2)
 * nor the noise (period 3) shares; "hidden" is a copy of "strong" kept out of the search. */
static void fill_search_table(struct stats_table *table)
{
    stats_table_init(table, 0, 39);
    stats_table_add_factor(table, "strong", "Strong", 0, true);
    stats_table_add_factor(table, "weak", "Weak", 0, true);
    stats_table_add_factor(table, "hidden", "Hidden", 0, false);
    stats_table_add_symptom(table, "s", "S", 0);
    for (size_t row = 0; row < 40; row++) {
        table->logged[row] = true;
        signed char strong = row % 2 == 0 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[0].presence[row] = strong;
        table->factors[1].presence[row] = row % 5 < 2 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[2].presence[row] = strong;
        double noise = (double)(row * 7 % 3) / 2;
        table->symptoms[0].values[row] = noise + (row > 0 && (row - 1) % 2 == 0 ? 2 : 0);
    }
}

static void test_search_ranks_and_filters(void **state)
{
    (void)state;
    struct stats_table table;
    fill_search_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, false};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    /* 2 searched factors x 1 symptom x 8 lags, all with enough days */
    assert_int_equal(list.count, 16);
    assert_int_equal(list.items[0].factor, 0);
    assert_true(fabs(list.items[0].difference) > 1.5);
    for (size_t i = 1; i < list.count; i++) {
        assert_true(list.items[i - 1].p <= list.items[i].p);
        assert_true(list.items[i].q >= list.items[i].p);
        assert_int_not_equal(list.items[i].factor, 2);
    }
    options.best_lag_only = true;
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.tested, 16);
    assert_int_equal(list.items[0].factor, 0);
    assert_int_equal(list.items[1].factor, 1);
    options.min_days = 100;
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 0);
    stats_comparison_list_release(&list);
    stats_table_release(&table);
}

/* The exact results of the seeded permutation test, as its first version gave them: the way
 * each draw is computed may change for speed, the draws themselves may not (p = (hits + 1) /
 * (iterations + 1)). */
static void test_permutation_draws_are_pinned(void **state)
{
    (void)state;
    double zeros[] = {0, 0, 0, 0, 0};
    double spread[] = {0, 1, 1, 2, 0, 1, 1, 0, 2, 1, 0, 1, 1, 0, 2};
    double many[40], some[25];
    for (int i = 0; i < 40; i++)
        many[i] = (i * 7 % 5) / 2.0;
    for (int i = 0; i < 25; i++)
        some[i] = i % 3 == 0 ? NAN : 1.5;
    uint64_t seed = STATS_PERMUTATION_SEED;
    unsigned runs = STATS_PERMUTATIONS;
    assert_true(stats_permutation_p(zeros, 5, spread, 15, runs, seed) == 136.0 / 5000);
    assert_true(stats_permutation_p(spread, 15, zeros, 5, runs, seed) == 159.0 / 5000);
    assert_true(stats_permutation_p(many, 40, some, 25, runs, seed) == 41.0 / 5000);
    assert_true(stats_permutation_p(some, 25, many, 40, runs, seed) == 35.0 / 5000);
    assert_true(stats_permutation_p(some, 25, many, 40, 999, 12345) == 14.0 / 1000);
    assert_true(stats_permutation_p(many, 40, some, 25, 999, 1) == 11.0 / 1000);
}

/* 60 days, two factors (one with unknown days), three symptoms with gaps, some days not logged,
 * and a symptom that is 0 on every day after the first factor (no spread on that side). */
static void fill_mixed_table(struct stats_table *table)
{
    stats_table_init(table, 0, 59);
    stats_table_add_factor(table, "a", "A", 0, true);
    stats_table_add_factor(table, "b", "B", 0, true);
    for (int s = 0; s < 3; s++)
        stats_table_add_symptom(table, s == 0 ? "x" : s == 1 ? "y" : "z", "S", 0);
    for (size_t row = 0; row < 60; row++) {
        table->logged[row] = row % 11 != 3;
        table->factors[0].presence[row] = row % 3 == 0 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[1].presence[row] =
            row % 7 == 2 ? STATS_UNKNOWN : (row * 5 % 4 < 2 ? STATS_PRESENT : STATS_ABSENT);
        table->symptoms[0].values[row] = row % 5 == 4 ? NAN : (double)(row * 13 % 7) / 3;
        table->symptoms[1].values[row] = row % 3 == 0 ? 0 : (double)(row % 4);
        table->symptoms[2].values[row] = row % 2 ? NAN : (double)(row * 3 % 5) + 0.125;
    }
}

/* The two sides of a comparison, gathered by hand; returns the count of each. */
static void split_by_hand(const struct stats_table *table, size_t f, size_t s, int lag,
                          double *with, size_t *n_with, double *without, size_t *n_without)
{
    *n_with = *n_without = 0;
    for (size_t d = (size_t)lag; d < table->day_count; d++) {
        size_t e = d - (size_t)lag;
        double value = table->symptoms[s].values[d];
        if (!table->logged[d] || !table->logged[e] || isnan(value))
            continue;
        if (table->factors[f].presence[e] == STATS_PRESENT)
            with[(*n_with)++] = value;
        else if (table->factors[f].presence[e] == STATS_ABSENT)
            without[(*n_without)++] = value;
    }
}

/* Every comparison of a search gives the very numbers of the basic functions on the two sides
 * split by hand: means, Welch's test, or the permutation test when a side has no spread. */
static void test_search_matches_the_basic_functions(void **state)
{
    (void)state;
    struct stats_table table;
    fill_mixed_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, false};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 2 * 3 * (STATS_MAX_LAG + 1));
    size_t permutations = 0;
    for (size_t i = 0; i < list.count; i++) {
        const struct stats_comparison *c = &list.items[i];
        double with[60], without[60];
        size_t nw, nwo;
        split_by_hand(&table, c->factor, c->symptom, c->lag, with, &nw, without, &nwo);
        assert_int_equal(c->n_with, nw);
        assert_int_equal(c->n_without, nwo);
        assert_true(c->mean_with == stats_mean(with, nw));
        assert_true(c->mean_without == stats_mean(without, nwo));
        struct stats_welch welch;
        if (stats_variance(with, nw) > 0 && stats_variance(without, nwo) > 0) {
            assert_true(stats_welch(with, nw, without, nwo, &welch));
            assert_true(c->t == welch.t && c->df == welch.df && c->p == welch.p);
        } else {
            assert_true(isnan(c->t));
            assert_true(c->p == stats_permutation_p(with, nw, without, nwo, STATS_PERMUTATIONS,
                                                    STATS_PERMUTATION_SEED));
            permutations++;
        }
        struct stats_comparison alone;
        assert_true(stats_compare(&table, c->factor, c->symptom, c->lag, STATS_MIN_DAYS, &alone));
        assert_true(alone.p == c->p && alone.difference == c->difference);
    }
    assert_true(permutations > 0);
    stats_comparison_list_release(&list);
    stats_table_release(&table);
}

/* best_lag_only keeps, for each factor/symptom pair, its first comparison in the full ranking. */
static void test_best_lag_keeps_the_first_of_each_pair(void **state)
{
    (void)state;
    struct stats_table table;
    fill_mixed_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, false};
    struct stats_comparison_list all, best;
    stats_comparison_list_init(&all);
    stats_comparison_list_init(&best);
    stats_search(&table, &options, &all);
    options.best_lag_only = true;
    stats_search(&table, &options, &best);
    assert_int_equal(best.count, 2 * 3);
    assert_int_equal(best.tested, all.count);
    size_t next = 0;
    for (size_t i = 0; i < all.count; i++) {
        bool earlier = false;
        for (size_t k = 0; k < i; k++)
            earlier = earlier || (all.items[k].factor == all.items[i].factor &&
                                  all.items[k].symptom == all.items[i].symptom);
        if (earlier)
            continue;
        assert_true(next < best.count);
        assert_true(best.items[next].factor == all.items[i].factor);
        assert_true(best.items[next].symptom == all.items[i].symptom);
        assert_true(best.items[next].lag == all.items[i].lag);
        assert_true(best.items[next].q == all.items[i].q);
        next++;
    }
    assert_int_equal(next, best.count);
    stats_comparison_list_release(&all);
    stats_comparison_list_release(&best);
    stats_table_release(&table);
}

/* A lag beyond the table and a table shorter than the lags give no comparison, not a crash. */
static void test_search_short_table(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 5);
    stats_table_add_factor(&table, "f", "F", 0, true);
    stats_table_add_symptom(&table, "s", "S", 0);
    for (size_t row = 0; row < 6; row++) {
        table.logged[row] = true;
        table.factors[0].presence[row] = row % 2 ? STATS_PRESENT : STATS_ABSENT;
        table.symptoms[0].values[row] = (double)row;
    }
    struct stats_search_options options = {STATS_MAX_LAG, 2, false};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    /* lag 0: 3 and 3 days; lag 1: 2 and 3; lag 2: 2 and 2; lag 3 and more: too few */
    assert_int_equal(list.count, 3);
    for (size_t i = 0; i < list.count; i++)
        assert_true(list.items[i].lag <= 2);
    struct stats_comparison c;
    assert_false(stats_compare(&table, 0, 0, 6, 2, &c));
    assert_false(stats_compare(&table, 0, 0, -1, 2, &c));
    stats_comparison_list_release(&list);
    stats_table_release(&table);
}

static void test_before_after(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 10, 19);
    stats_table_add_symptom(&table, "s", "S", 0);
    double values[] = {9, 100, 1, 2, NAN, 4, 4, 7, 50, 50};
    for (size_t row = 0; row < 10; row++) {
        table.logged[row] = true;
        table.symptoms[0].values[row] = values[row];
    }
    struct stats_before_after result;
    stats_before_after(&table, 0, 15, 3, &result); /* before: days 12-14, after: 15-17 */
    assert_int_equal(result.before.n, 2);
    NEAR(1.5, result.before.mean, 1e-12);
    NEAR(sqrt(0.5), result.before.sd, 1e-12);
    assert_int_equal(result.after.n, 3);
    NEAR(5.0, result.after.mean, 1e-12);
    NEAR(sqrt(3.0), result.after.sd, 1e-12);
    assert_false(isnan(result.p));
    /* Days outside the table are missing: a mark on the first day has nothing before it. */
    stats_before_after(&table, 0, 10, 3, &result);
    assert_int_equal(result.before.n, 0);
    assert_true(isnan(result.before.mean));
    assert_true(isnan(result.p));
    assert_int_equal(result.after.n, 3);
    stats_table_release(&table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics_skip_missing),
        cmocka_unit_test(test_basics_empty_and_single),
        cmocka_unit_test(test_moving_average_with_gaps),
        cmocka_unit_test(test_incomplete_beta),
        cmocka_unit_test(test_t_distribution),
        cmocka_unit_test(test_welch),
        cmocka_unit_test(test_permutation),
        cmocka_unit_test(test_table_rows_and_columns),
        cmocka_unit_test(test_compare_lag_zero),
        cmocka_unit_test(test_compare_lag_one),
        cmocka_unit_test(test_compare_without_spread_uses_permutation),
        cmocka_unit_test(test_compare_one_side_without_spread),
        cmocka_unit_test(test_above_median_factor),
        cmocka_unit_test(test_search_ranks_and_filters),
        cmocka_unit_test(test_before_after),
        cmocka_unit_test(test_permutation_draws_are_pinned),
        cmocka_unit_test(test_search_matches_the_basic_functions),
        cmocka_unit_test(test_best_lag_keeps_the_first_of_each_pair),
        cmocka_unit_test(test_search_short_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
