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

/* The simple table's sides at lag 0 are 5 days each: small, so the permutation test gives p,
 * corrected by the inflation of the two columns' autocorrelations. */
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
    assert_true(c.permutation);
    double with[] = {1, 2, 3, 4, 5}, without[] = {2, 4, 6, 8, 10};
    assert_true(c.p_uncorrected == stats_permutation_p_sequential(with, 5, without, 5));
    /* The factor is 1 on rows 0-5 and 0 on 6-10: a step, strongly autocorrelated; so is the
     * rising symptom. The inflation is theirs, by stats_variance_inflation(). */
    double factor[11] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    double symptom[11] = {1, 2, 3, 4, 5, NAN, 2, 4, 6, 8, 10};
    double a[STATS_ACF_LAGS + 1], b[STATS_ACF_LAGS + 1];
    stats_autocorrelation(factor, 11, STATS_ACF_LAGS, a);
    stats_autocorrelation(symptom, 11, STATS_ACF_LAGS, b);
    double inflation = stats_variance_inflation(a, b, STATS_ACF_LAGS);
    assert_true(inflation > 1);
    NEAR(inflation, c.inflation, 1e-12);
    NEAR(stats_normal_two_sided_p(stats_normal_z_of_p(c.p_uncorrected) / sqrt(inflation)), c.p,
         1e-12);
    assert_true(c.p > c.p_uncorrected);
    assert_true(c.q == c.p && c.p_family == c.p);
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
    /* Lag -1: the factor the day after the symptom: rows 0-4 precede a factor day (1,2,3,4,
     * and row 5's value is missing), rows 5-9 precede an absent day (missing,2,4,6,8). */
    assert_true(stats_compare(&table, 0, 0, -1, 4, &c));
    assert_int_equal(c.n_with, 5);
    assert_int_equal(c.n_without, 4);
    NEAR((1 + 2 + 3 + 4 + 5) / 5.0, c.mean_with, 1e-12);
    NEAR(5.0, c.mean_without, 1e-12);
    /* With the factor's day not logged, the pair is left out. */
    table.logged[0] = false;
    assert_true(stats_compare(&table, 0, 0, 1, 4, &c));
    assert_int_equal(c.n_with, 4);
    stats_table_release(&table);
}

/* Autocorrelations worked out by hand. 1 2 3 4: mean 2.5, deviations -1.5 -0.5 0.5 1.5,
 * variance 5/4; lag 1: (0.75 - 0.25 + 0.75) / 3 pairs = 5/12, over 5/4 = 1/3; lag 2:
 * (-0.75 - 0.75) / 2 = -0.75, over 5/4 = -0.6. */
static void test_autocorrelation(void **state)
{
    (void)state;
    double values[] = {1, 2, 3, 4};
    double acf[3];
    stats_autocorrelation(values, 4, 2, acf);
    NEAR(1.0, acf[0], 1e-12);
    NEAR(1.0 / 3, acf[1], 1e-12);
    NEAR(-0.6, acf[2], 1e-12);
    /* 1 _ 3 5 (a gap): mean 3, variance 8/3; lag 1 has one pair (3, 5): 0 * 2 = 0; lag 2 one
     * pair (1, 3): -2 * 0 = 0; lag 3: (1, 5): -4 over 8/3 = -1.5, kept within -1. */
    double gaps[] = {1, NAN, 3, 5};
    double four[4];
    stats_autocorrelation(gaps, 4, 3, four);
    NEAR(0.0, four[1], 1e-12);
    NEAR(0.0, four[2], 1e-12);
    NEAR(-1.0, four[3], 1e-12);
    double flat[] = {2, 2, 2};
    stats_autocorrelation(flat, 3, 2, acf);
    assert_true(acf[1] == 0 && acf[2] == 0);
    /* 1 + 2 (0.5 * 0.4 + 0.25 * -0.2) = 1.3; a negative sum leaves 1. */
    double a[] = {1, 0.5, 0.25}, b[] = {1, 0.4, -0.2}, c[] = {1, -0.5, 0};
    NEAR(1.3, stats_variance_inflation(a, b, 2), 1e-12);
    NEAR(1.0, stats_variance_inflation(a, c, 2), 1e-12);
    /* Two AR(1) series with 0.6: 1 + 2 sum 0.36^k, nearly (1 + 0.36) / (1 - 0.36). */
    double x[STATS_ACF_LAGS + 1];
    for (int k = 0; k <= STATS_ACF_LAGS; k++)
        x[k] = pow(0.6, k);
    NEAR(1.36 / 0.64, stats_variance_inflation(x, x, STATS_ACF_LAGS), 1e-5);
}

/* Prewhitening by hand: 1 2 _ 4 6 with r = 0.5 gives _, 2 - 0.5 = 1.5, _, _ (the day before is
 * missing), 6 - 2 = 4. */
static void test_prewhiten(void **state)
{
    (void)state;
    double values[] = {1, 2, NAN, 4, 6}, out[5];
    stats_prewhiten(values, 5, 0.5, out);
    assert_true(isnan(out[0]));
    NEAR(1.5, out[1], 1e-12);
    assert_true(isnan(out[2]));
    assert_true(isnan(out[3]));
    NEAR(4.0, out[4], 1e-12);
}

/* The autocorrelations of x_t - r x_{t-1}. An AR(1) series (0.6^k) prewhitened with its own 0.6
 * is white: gamma*(k) = 0.6^k (1.36 - 1 - 0.36) = 0. With 1, 0.5, 0.25, 0 and r = 0.5:
 * gamma*(0) = 1.25 - 2 * 0.5 * 0.5 = 0.75; gamma*(1) = 1.25 * 0.5 - 0.5 * (1 + 0.25) = 0;
 * gamma*(2) = 1.25 * 0.25 - 0.5 * (0.5 + 0) = 0.0625, over 0.75 = 1/12. r = 0 changes nothing. */
static void test_prewhitened_acf(void **state)
{
    (void)state;
    double ar[STATS_ACF_LAGS + 2], white[STATS_ACF_LAGS + 1];
    for (int k = 0; k <= STATS_ACF_LAGS + 1; k++)
        ar[k] = pow(0.6, k);
    stats_prewhitened_acf(ar, STATS_ACF_LAGS, 0.6, white);
    NEAR(1.0, white[0], 1e-12);
    for (int k = 1; k <= STATS_ACF_LAGS; k++)
        NEAR(0.0, white[k], 1e-12);
    double acf[] = {1, 0.5, 0.25, 0}, out[3];
    stats_prewhitened_acf(acf, 2, 0.5, out);
    NEAR(0.0, out[1], 1e-12);
    NEAR(1.0 / 12, out[2], 1e-12);
    stats_prewhitened_acf(acf, 2, 0, out);
    NEAR(0.5, out[1], 1e-12);
    NEAR(0.25, out[2], 1e-12);
    /* A factor that never changes has nothing left after prewhitening with r = 1. */
    double flat[] = {1, 1, 1, 1};
    stats_prewhitened_acf(flat, 2, 1, out);
    assert_true(out[0] == 1 && out[1] == 0 && out[2] == 0);
}

/* Solves a small linear system in place (Gauss-Jordan with partial pivoting): a is n x n, b gets
 * the solution. For the matrix form of GLS below. */
static void solve(double *a, double *b, int n)
{
    for (int col = 0; col < n; col++) {
        int pivot = col;
        for (int row = col + 1; row < n; row++)
            if (fabs(a[row * n + col]) > fabs(a[pivot * n + col]))
                pivot = row;
        for (int k = 0; k < n; k++) {
            double swap = a[col * n + k];
            a[col * n + k] = a[pivot * n + k];
            a[pivot * n + k] = swap;
        }
        double swap = b[col];
        b[col] = b[pivot];
        b[pivot] = swap;
        for (int row = 0; row < n; row++) {
            if (row == col)
                continue;
            double factor = a[row * n + col] / a[col * n + col];
            for (int k = 0; k < n; k++)
                a[row * n + k] -= factor * a[col * n + k];
            b[row] -= factor * b[col];
        }
    }
    for (int row = 0; row < n; row++)
        b[row] /= a[row * n + row];
}

/* GLS in matrix form, independently of the row-by-row transformation: with V_ij =
 * phi^|t_i - t_j| (an AR(1) series seen on days t_i) and X = [1, x], beta = (X'V^-1 X)^-1
 * X'V^-1 y, s^2 = e'V^-1 e / (n - 2), and the slope's t = beta_1 / sqrt(s^2 [(X'V^-1 X)^-1]_11). */
static void gls_by_matrix(const double *t, const double *x, const double *y, int n, double phi,
                          double *slope, double *t_slope)
{
    double v[64], vinv_x[8], vinv_y[8], vinv_1[8];
    assert_true(n <= 8);
    for (int pass = 0; pass < 3; pass++) {
        double *out = pass == 0 ? vinv_1 : pass == 1 ? vinv_x : vinv_y;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++)
                v[i * n + j] = pow(phi, fabs(t[i] - t[j]));
            out[i] = pass == 0 ? 1 : pass == 1 ? x[i] : y[i];
        }
        solve(v, out, n);
    }
    double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (int i = 0; i < n; i++) {
        a11 += vinv_1[i];
        a12 += x[i] * vinv_1[i];
        a22 += x[i] * vinv_x[i];
        b1 += vinv_y[i];
        b2 += x[i] * vinv_y[i];
    }
    double det = a11 * a22 - a12 * a12;
    double intercept = (a22 * b1 - a12 * b2) / det;
    *slope = (a11 * b2 - a12 * b1) / det;
    double e[8], vinv_e[8];
    for (int i = 0; i < n; i++)
        e[i] = vinv_e[i] = y[i] - intercept - *slope * x[i];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            v[i * n + j] = pow(phi, fabs(t[i] - t[j]));
    solve(v, vinv_e, n);
    double ss = 0;
    for (int i = 0; i < n; i++)
        ss += e[i] * vinv_e[i];
    *t_slope = *slope / sqrt(ss / (n - 2) * a11 / det);
}

/* Least squares by hand (phi = 0): x 0 1 0 1, y 1 3 2 5 (the rows with a missing value left
 * out): means 0.5 and 2.75, Sxx = 1, Sxy = 0.875 + 0.125 + 0.375 + 1.125 = 2.5, Syy = 8.75; slope
 * 2.5, residual 8.75 - 2.5 * 2.5 = 2.5 over 2 df = 1.25, standard error sqrt(1.25 / 1), t =
 * sqrt(5). With 2 df, P(|T| >= t) = 1 - t / sqrt(2 + t^2) = 1 - sqrt(5 / 7).
 * AR(1) GLS by hand, phi = 0.5, days 0, 1 and 3 (day 2 missing), x 0 1 1, y 1 3 2: the rows
 * (w, x*, y*) are (1, 0, 1); day 1, gap 1, s = 1 / sqrt(0.75): (0.5 s, s, 2.5 s); day 3, gap 2,
 * s = 1 / sqrt(0.9375): (0.75 s, 0.75 s, 1.25 s). Sums: ww = 1 + 1/3 + 0.6 = 29/15, wx = 19/15,
 * xx = 29/15, wy = 11/3, xy = 13/3, yy = 11; det = 32/15; slope = (29/15 13/3 - 19/15 11/3) /
 * det = 1.75, intercept 0.75, residual 11 - 0.75 11/3 - 1.75 13/3 = 2/3 over 1 df; the slope's
 * variance 2/3 * ww / det = 29/48, t = 1.75 / sqrt(29/48); with 1 df, p = 1 - 2 atan(t) / pi. */
static void test_ar1_gls(void **state)
{
    (void)state;
    double x[] = {0, 1, NAN, 0, 1, 3}, y[] = {1, 3, 7, 2, 5, NAN};
    struct stats_regression r;
    assert_true(stats_ar1_gls(x, y, 6, 0, &r));
    assert_int_equal(r.n, 4);
    NEAR(2.5, r.slope, 1e-12);
    NEAR(sqrt(5.0), r.t, 1e-12);
    NEAR(2.0, r.df, 1e-12);
    NEAR(1 - sqrt(5.0 / 7), r.p, 1e-12);
    double flat[] = {1, 1, 1, 1}, line[] = {1, 2, 3, 4};
    assert_false(stats_ar1_gls(flat, y, 4, 0, &r));      /* no spread in x */
    assert_false(stats_ar1_gls(line, line, 4, 0.3, &r)); /* no residual */
    assert_false(stats_ar1_gls(x, y, 2, 0, &r));         /* two rows */

    double gx[] = {0, 1, NAN, 1}, gy[] = {1, 3, NAN, 2};
    assert_true(stats_ar1_gls(gx, gy, 4, 0.5, &r));
    assert_int_equal(r.n, 3);
    NEAR(1.75, r.slope, 1e-12);
    NEAR(1.75 / sqrt(29.0 / 48), r.t, 1e-12);
    NEAR(1.0, r.df, 1e-12);
    NEAR(1 - 2 * atan(r.t) / M_PI, r.p, 1e-12);

    /* Eight rows over eleven days, with gaps of 2 and 3, against the matrix form. */
    double days[] = {0, 1, 2, 4, 5, 6, 9, 10};
    double xs[] = {1, 1, 0, 0, 1, 0, 1, 1}, ys[] = {2, 3, 1, 0.5, 2, 1.5, 3, 2};
    double lx[11], ly[11];
    for (int i = 0; i < 11; i++)
        lx[i] = ly[i] = NAN;
    for (int i = 0; i < 8; i++) {
        lx[(int)days[i]] = xs[i];
        ly[(int)days[i]] = ys[i];
    }
    for (int k = 0; k < 3; k++) {
        double phi = k == 0 ? 0.6 : k == 1 ? 0.2 : -0.3;
        double slope, t;
        gls_by_matrix(days, xs, ys, 8, phi, &slope, &t);
        assert_true(stats_ar1_gls(lx, ly, 11, phi, &r));
        assert_int_equal(r.n, 8);
        NEAR(slope, r.slope, 1e-10);
        NEAR(t, r.t, 1e-10);
    }
}

/* The comparison of one factor with one symptom at one lag, by hand from the basic functions
 * (each checked against hand values above): the symptom on logged days, the factor (1 present,
 * 0 absent) on d - lag, the symptom's lag-1 autocorrelation as phi, stats_ar1_gls() over the
 * days where both are known, and the inflation of the two prewhitened series. */
static void gls_by_hand(const struct stats_table *table, size_t f, size_t s, int lag,
                        struct stats_regression *out, double *inflation, double *phi)
{
    size_t n = table->day_count;
    double y[200], white[200], x[200], lagged[200];
    assert_true(n <= 200);
    for (size_t d = 0; d < n; d++) {
        y[d] = table->logged[d] ? table->symptoms[s].values[d] : NAN;
        signed char p = table->factors[f].presence[d];
        x[d] = !table->logged[d] || p == STATS_UNKNOWN ? NAN : p == STATS_PRESENT;
    }
    for (size_t d = 0; d < n; d++)
        lagged[d] = d >= (size_t)lag ? x[d - (size_t)lag] : NAN;
    double acf[STATS_ACF_LAGS + 2], white_acf[STATS_ACF_LAGS + 1];
    double factor_acf[STATS_ACF_LAGS + 2], factor_white[STATS_ACF_LAGS + 1];
    stats_autocorrelation(y, n, STATS_ACF_LAGS, acf);
    *phi = acf[1];
    assert_true(stats_ar1_gls(lagged, y, n, *phi, out));
    stats_prewhiten(y, n, *phi, white);
    stats_autocorrelation(white, n, STATS_ACF_LAGS, white_acf);
    stats_autocorrelation(x, n, STATS_ACF_LAGS + 1, factor_acf);
    stats_prewhitened_acf(factor_acf, STATS_ACF_LAGS, *phi, factor_white);
    *inflation = stats_variance_inflation(factor_white, white_acf, STATS_ACF_LAGS);
}

/* 60 days; a yes/no factor in spells of 3 days; a symptom 1 point higher 2 days after it, over a
 * persistent background. */
static void fill_spells_table(struct stats_table *table)
{
    stats_table_init(table, 0, 59);
    stats_table_add_factor(table, "f", "F", 0, true);
    stats_table_add_symptom(table, "s", "S", 0);
    for (size_t row = 0; row < 60; row++) {
        table->logged[row] = true;
        table->factors[0].presence[row] = row / 3 % 2 == 0 ? STATS_PRESENT : STATS_ABSENT;
        double background = (double)(row / 4 % 3) + (double)(row * 7 % 5) / 4;
        bool after = row >= 2 && (row - 2) / 3 % 2 == 0;
        table->symptoms[0].values[row] = background + (after ? 1 : 0);
    }
}

/* A comparison with enough days on both sides is the AR(1) GLS regression: its t over the square
 * root of the prewhitened inflation; the difference shown stays mean with - mean without. At
 * lag 2 the rows are days 2..59 (58); a day k not logged takes out row k and row k + 2 (its
 * factor), whose rows after it are transformed from the last row there is; a sign left blank on
 * a logged day takes out its own row only. Every other day missing still leaves every row whose
 * two days are logged, each two days after the last (29 at lag 2, less day 40 left blank). */
static void test_compare_gls(void **state)
{
    (void)state;
    struct stats_table table;
    fill_spells_table(&table);
    struct stats_comparison c;
    size_t rows[] = {58, 56, 55, 28};
    for (int round = 0; round < 4; round++) {
        if (round == 1)
            table.logged[20] = false;
        if (round == 2)
            table.symptoms[0].values[40] = NAN;
        if (round == 3)
            for (size_t row = 0; row < 60; row++) {
                table.logged[row] = row % 2 == 0;
                table.factors[0].presence[row] = row / 2 % 2 == 0 ? STATS_PRESENT : STATS_ABSENT;
            }
        assert_true(stats_compare(&table, 0, 0, 2, 5, &c));
        assert_true(c.prewhitened && !c.permutation);
        assert_int_equal(c.n_pairs, rows[round]);
        assert_int_equal(c.n_with + c.n_without, rows[round]);
        struct stats_regression by_hand;
        double inflation, phi;
        gls_by_hand(&table, 0, 0, 2, &by_hand, &inflation, &phi);
        assert_int_equal(by_hand.n, rows[round]);
        NEAR(phi, c.prewhitening, 1e-12);
        NEAR(by_hand.slope, c.slope, 1e-9);
        NEAR(inflation, c.inflation, 1e-12);
        NEAR(by_hand.t / sqrt(inflation), c.t, 1e-9);
        NEAR(fmax(1, by_hand.df / inflation), c.df, 1e-9);
        NEAR(stats_t_two_sided_p(c.t, c.df), c.p, 1e-12);
        if (round < 3)
            assert_true(c.slope > 0.5 && c.difference > 0.5);
    }
    /* The shown difference is the plain one. */
    double with[60], without[60];
    size_t nw = 0, nwo = 0;
    for (size_t d = 2; d < 60; d++) {
        double value = table.symptoms[0].values[d];
        if (!table.logged[d] || !table.logged[d - 2] || isnan(value))
            continue;
        if (table.factors[0].presence[d - 2] == STATS_PRESENT)
            with[nw++] = value;
        else
            without[nwo++] = value;
    }
    NEAR(stats_mean(with, nw) - stats_mean(without, nwo), c.difference, 1e-12);
    stats_table_release(&table);
}

static void test_normal(void **state)
{
    (void)state;
    NEAR(0.05, stats_normal_two_sided_p(1.959963984540054), 1e-12);
    NEAR(0.05, stats_normal_two_sided_p(-1.959963984540054), 1e-12);
    NEAR(1.959963984540054, stats_normal_z_of_p(0.05), 1e-9);
    NEAR(2.5758293035489, stats_normal_z_of_p(0.01), 1e-9);
    assert_true(stats_normal_z_of_p(1) == 0);
}

/* One side all 0, or nearly (eight 0s and one 0.25): Welch would give a tiny p that nine days
 * cannot support; the permutation test stands in whatever the spread. */
static void test_compare_nearly_constant_side(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 39);
    stats_table_add_factor(&table, "f", "F", 0, true);
    stats_table_add_symptom(&table, "s", "S", 0);
    double without[] = {0, 1, 1, 2, 0, 1, 1, 0, 2, 1, 0, 1, 1, 0, 2};
    for (size_t row = 0; row < 40; row++) {
        table.logged[row] = true;
        bool with = row % 4 == 0; /* 10 days, in 10 episodes */
        table.factors[0].presence[row] = with ? STATS_PRESENT : STATS_ABSENT;
        table.symptoms[0].values[row] = with ? (row == 8 ? 0.25 : 0) : without[row % 15];
    }
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 0, 5, &c));
    assert_true(c.permutation);
    assert_true(isnan(c.t));
    assert_int_equal(c.n_with, 10);
    double side[10] = {0, 0, 0.25, 0, 0, 0, 0, 0, 0, 0}, rest[30];
    size_t n = 0;
    for (size_t row = 0; row < 40; row++)
        if (row % 4 != 0)
            rest[n++] = without[row % 15];
    struct stats_welch welch;
    assert_true(stats_welch(side, 10, rest, 30, &welch));
    assert_true(welch.p < 1e-6);
    assert_true(c.p_uncorrected == stats_permutation_p_sequential(side, 10, rest, 30));
    assert_true(c.p_uncorrected > 1e-4);
    stats_table_release(&table);
}

static void test_episodes(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 9);
    stats_table_add_factor(&table, "f", "F", 0, true);
    /* P P A ? P (not logged) P A A P: runs present P P | P P (the unknown and the day not
     * logged end nothing) | P = 2... counted: PP, then A, then P (after the unknown), P again
     * after the day not logged continues that run, then AA, then P. */
    const char *pattern = "PPA?PxPAAP";
    for (size_t row = 0; row < 10; row++) {
        table.logged[row] = pattern[row] != 'x';
        table.factors[0].presence[row] = pattern[row] == 'P'   ? STATS_PRESENT
                                         : pattern[row] == 'A' ? STATS_ABSENT
                                                               : STATS_UNKNOWN;
    }
    struct stats_episodes e;
    stats_factor_episodes(&table, 0, &e);
    assert_int_equal(e.days_present, 5);
    assert_int_equal(e.days_absent, 3);
    assert_int_equal(e.runs_present, 3);
    assert_int_equal(e.runs_absent, 2);
    assert_false(stats_factor_comparable(&e));
    struct stats_episodes enough = {10, 10, 3, 3}, once = {100, 100, 1, 1};
    assert_true(stats_factor_comparable(&enough));
    assert_false(stats_factor_comparable(&once));
    stats_table_release(&table);
}

/* A daily probiotic started on day 20 and missed twice is a switch: 0 of 20 days before, 18 of
 * 20 after (a difference of 0.9 in the share of days); spells of 2 days in 4 are not. */
static void test_switch(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 100, 139);
    stats_table_add_factor(&table, "probiotic", "Probiotic", 0, true);
    stats_table_add_factor(&table, "spells", "Spells", 0, true);
    for (size_t row = 0; row < 40; row++) {
        table.logged[row] = true;
        bool taken = row >= 20 && row != 25 && row != 31;
        table.factors[0].presence[row] = taken ? STATS_PRESENT : STATS_ABSENT;
        table.factors[1].presence[row] = row % 4 < 2 ? STATS_PRESENT : STATS_ABSENT;
    }
    int day = 0;
    bool started = false;
    assert_true(stats_factor_switch(&table, 0, &day, &started));
    assert_int_equal(day, 120);
    assert_true(started);
    struct stats_episodes e;
    stats_factor_episodes(&table, 0, &e);
    assert_true(stats_factor_comparable(&e)); /* 3 spells: only the switch test sees it */
    assert_false(stats_factor_switch(&table, 1, &day, &started));
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

/* Present or not on a day, in an irregular pattern (a 32-bit integer hash, murmur3's
 * finaliser): about 40% of days, with no period a rotation could find. */
static bool irregular(size_t row)
{
    uint32_t x = (uint32_t)row * 0x9E3779B9u + 0x7F4A7C15u;
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    x *= 0xC2B2AE35u;
    x ^= x >> 16;
    return x % 10 < 4;
}

/* 80 days: "strong" (present on irregular days) raises the symptom 2 days later by 2;
 * "copy" is the same factor again; "started" switches on at day 40 and stays (a step, left out);
 * "hidden" is a copy of "strong" kept out of the search; "rare" is present on 6 days only. The
 * symptom's noise has period 3. Symptom "score" is 2 x "s" + 1 (a copy up to scale). */
static void fill_search_table(struct stats_table *table)
{
    stats_table_init(table, 0, 79);
    stats_table_add_factor(table, "strong", "Strong", 0, true);
    stats_table_add_factor(table, "weak", "Weak", 0, true);
    stats_table_add_factor(table, "started", "Started", 0, true);
    stats_table_add_factor(table, "hidden", "Hidden", 0, false);
    stats_table_add_factor(table, "rare", "Rare", 0, true);
    stats_table_add_factor(table, "copy", "Copy", 0, true);
    stats_table_add_symptom(table, "score", "Score", 0);
    stats_table_add_symptom(table, "s", "S", 0);
    for (size_t row = 0; row < 80; row++) {
        table->logged[row] = true;
        signed char strong = irregular(row) ? STATS_PRESENT : STATS_ABSENT;
        table->factors[0].presence[row] = strong;
        table->factors[1].presence[row] = row % 5 < 2 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[2].presence[row] = row >= 40 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[3].presence[row] = strong;
        table->factors[4].presence[row] = row % 13 == 0 ? STATS_PRESENT : STATS_ABSENT;
        table->factors[5].presence[row] = strong;
        double noise = (double)(row * 7 % 3) / 2;
        double effect = row >= 2 && irregular(row - 2) ? 2 : 0;
        table->symptoms[1].values[row] = noise + effect;
        table->symptoms[0].values[row] = 2 * (noise + effect) + 1;
    }
}

static void test_search_families_and_filters(void **state)
{
    (void)state;
    struct stats_table table;
    fill_search_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, 0};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    /* "started" (one episode) and "rare" (6 days) are left out; "hidden" is not searched;
     * "strong" is a copy of "copy" and "score" of "s": the later column is kept. So 2 factors x
     * 1 symptom, one row each, over 8 lags each. */
    assert_int_equal(list.skipped, 2);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.tested, 2);
    assert_int_equal(list.lags, 16);
    assert_int_equal(list.items[0].factor, 5);
    assert_int_equal(list.items[0].symptom, 1);
    assert_int_equal(list.items[0].lag, 2);
    assert_int_equal(list.items[0].lags_compared, 8);
    assert_int_equal(list.items[1].factor, 1);
    /* Sidak over the 8 lags, then Benjamini-Hochberg over the 2 rows, by hand. */
    for (size_t i = 0; i < list.count; i++) {
        const struct stats_comparison *c = &list.items[i];
        NEAR(1 - pow(1 - c->p, 8), c->p_family, 1e-12 + 1e-9 * c->p_family);
        assert_false(c->checked);
    }
    double q1 = fmin(list.items[1].p_family * 2 / 2, 1);
    NEAR(fmin(list.items[0].p_family * 2, q1), list.items[0].q, 1e-15);
    NEAR(q1, list.items[1].q, 1e-15);
    options.min_days = 100;
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 0);
    stats_comparison_list_release(&list);
    stats_table_release(&table);
}

/* The rotation test confirms the planted effect with the smallest p it can give; the reverse
 * control does not flag it. A remedy taken the day after a bad day is flagged. */
static void test_confirm(void **state)
{
    (void)state;
    struct stats_table table;
    fill_search_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, 2};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    const struct stats_comparison *c = &list.items[0];
    assert_true(c->checked);
    /* 80 days: shifts 15 .. 80 - 15 - 7 = 58, 44 of them, taken in blocks of 10: 4 blocks, 40
     * rotations, none as strong. */
    NEAR(1.0 / 41, c->p_rotation, 1e-12);
    assert_true(stats_is_association(c));
    assert_false(c->reverse_as_strong);
    stats_comparison_list_release(&list);
    stats_table_release(&table);

    stats_table_init(&table, 0, 119);
    stats_table_add_factor(&table, "remedy", "Remedy", 0, true);
    stats_table_add_symptom(&table, "s", "S", 0);
    for (size_t row = 0; row < 120; row++) {
        table.logged[row] = true;
        double bad = irregular(row) ? 3 : (double)(row * 7 % 3) / 2;
        table.symptoms[0].values[row] = bad;
        /* taken the day after each bad day */
        table.factors[0].presence[row] =
            row > 0 && irregular(row - 1) ? STATS_PRESENT : STATS_ABSENT;
    }
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 1);
    assert_true(list.items[0].checked);
    assert_true(list.items[0].reverse_as_strong);
    assert_int_equal(list.items[0].reverse_lag, 1);
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

/* The row of a search gives the very numbers of the basic functions on the two sides split by
 * hand (means, Welch's test or the permutation test), corrected by the inflation of the two
 * columns, and every lag of the pair is a stats_compare() with the same numbers. */
static void test_search_matches_the_basic_functions(void **state)
{
    (void)state;
    struct stats_table table;
    fill_mixed_table(&table);
    struct stats_search_options options = {STATS_MAX_LAG, STATS_MIN_DAYS, 0};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    assert_int_equal(list.count, 2 * 3);
    size_t permutations = 0, welch_rows = 0, prewhitened_rows = 0;
    for (size_t i = 0; i < list.count; i++) {
        const struct stats_comparison *c = &list.items[i];
        double with[60], without[60];
        size_t nw, nwo;
        split_by_hand(&table, c->factor, c->symptom, c->lag, with, &nw, without, &nwo);
        assert_int_equal(c->n_with, nw);
        assert_int_equal(c->n_without, nwo);
        /* The search sums a side's days grouped as its regression needs them, not in day
         * order: the same means to rounding. */
        NEAR(stats_mean(with, nw), c->mean_with, 1e-12);
        NEAR(stats_mean(without, nwo), c->mean_without, 1e-12);
        struct stats_welch welch;
        if (!c->permutation) {
            assert_true(stats_welch(with, nw, without, nwo, &welch));
            NEAR(welch.p, c->p_uncorrected, 1e-12);
            if (c->prewhitened) {
                struct stats_regression by_hand;
                double inflation, r;
                gls_by_hand(&table, c->factor, c->symptom, c->lag, &by_hand, &inflation, &r);
                NEAR(inflation, c->inflation, 1e-12);
                NEAR(by_hand.t / sqrt(inflation), c->t, 1e-9);
                prewhitened_rows++;
            } else {
                NEAR(welch.t / sqrt(c->inflation), c->t, 1e-9);
                welch_rows++;
            }
        } else {
            assert_true(c->p_uncorrected == stats_permutation_p_sequential(with, nw, without, nwo));
            permutations++;
        }
        for (int lag = 0; lag <= STATS_MAX_LAG; lag++) {
            struct stats_comparison alone;
            assert_true(stats_compare(&table, c->factor, c->symptom, lag, STATS_MIN_DAYS, &alone));
            /* Lags tested the same way share the pair's inflation. */
            if (alone.prewhitened == c->prewhitened && alone.permutation == c->permutation)
                assert_true(alone.inflation == c->inflation);
            if (lag == c->lag)
                assert_true(alone.p == c->p && alone.difference == c->difference &&
                            alone.inflation == c->inflation);
            else
                assert_true(alone.p >= c->p);
        }
    }
    assert_true(permutations > 0);
    assert_true(prewhitened_rows > 0);
    (void)welch_rows;
    stats_comparison_list_release(&list);
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
    struct stats_search_options options = {STATS_MAX_LAG, 2, 1};
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    stats_search(&table, &options, &list);
    /* three days with the factor and three without: too few to be compared at all */
    assert_int_equal(list.count, 0);
    assert_int_equal(list.skipped, 1);
    struct stats_comparison c;
    assert_true(stats_compare(&table, 0, 0, 2, 2, &c));
    assert_false(stats_compare(&table, 0, 0, 6, 2, &c));
    assert_false(stats_compare(&table, 0, 0, -6, 2, &c));
    stats_confirm(&table, STATS_MAX_LAG, 2, &c);
    assert_true(c.checked);
    assert_true(isnan(c.p_rotation)); /* too short to rotate */
    assert_false(stats_is_association(&c));
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
    /* Welch's t and df over the inflation of the whole column (Bartlett-weighted r(k)). */
    double before[] = {1, 2}, after[] = {4, 4, 7};
    struct stats_welch welch;
    assert_true(stats_welch(before, 2, after, 3, &welch));
    double acf[STATS_ACF_LAGS + 1], sum = 0;
    stats_autocorrelation(values, 10, STATS_ACF_LAGS, acf);
    for (int k = 1; k <= STATS_ACF_LAGS; k++)
        sum += (1 - k / (STATS_ACF_LAGS + 1.0)) * acf[k];
    double inflation = fmax(1, 1 + 2 * sum);
    NEAR(inflation, result.inflation, 1e-12);
    NEAR(stats_t_two_sided_p(welch.t / sqrt(inflation), fmax(1, welch.df / inflation)), result.p,
         1e-12);
    assert_false(result.before_ends_in_flare); /* fewer than 10 days before the mark */
    /* Days outside the table are missing: a mark on the first day has nothing before it. */
    stats_before_after(&table, 0, 10, 3, &result);
    assert_int_equal(result.before.n, 0);
    assert_true(isnan(result.before.mean));
    assert_true(isnan(result.p));
    assert_int_equal(result.after.n, 3);
    stats_table_release(&table);
}

/* A mark placed right after a flare: the last 3 days before it average more than one sd above
 * the usual level. */
static void test_before_after_flare(void **state)
{
    (void)state;
    struct stats_table table;
    stats_table_init(&table, 0, 39);
    stats_table_add_symptom(&table, "s", "S", 0);
    for (size_t row = 0; row < 40; row++) {
        table.logged[row] = true;
        table.symptoms[0].values[row] = row >= 17 && row < 20 ? 4 : (double)(row % 2);
    }
    struct stats_before_after result;
    stats_before_after(&table, 0, 20, 14, &result);
    assert_true(result.before_ends_in_flare);
    stats_before_after(&table, 0, 16, 14, &result);
    assert_false(result.before_ends_in_flare);
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
        cmocka_unit_test(test_autocorrelation),
        cmocka_unit_test(test_prewhiten),
        cmocka_unit_test(test_prewhitened_acf),
        cmocka_unit_test(test_ar1_gls),
        cmocka_unit_test(test_compare_gls),
        cmocka_unit_test(test_normal),
        cmocka_unit_test(test_compare_nearly_constant_side),
        cmocka_unit_test(test_episodes),
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_above_median_factor),
        cmocka_unit_test(test_search_families_and_filters),
        cmocka_unit_test(test_confirm),
        cmocka_unit_test(test_before_after),
        cmocka_unit_test(test_before_after_flare),
        cmocka_unit_test(test_permutation_draws_are_pinned),
        cmocka_unit_test(test_search_matches_the_basic_functions),
        cmocka_unit_test(test_search_short_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
