/*
 * stats.c - means, spreads, moving averages, Welch's t-test, a permutation test and the lagged
 * factor/symptom comparisons of the Trends screen and the report. See stats.h for the model.
 */
#include "stats.h"

#include <float.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* --- Basics ---------------------------------------------------------------------------------- */

size_t stats_count(const double *values, size_t count)
{
    size_t present = 0;
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i]))
            present++;
    return present;
}

double stats_mean(const double *values, size_t count)
{
    double sum = 0;
    size_t present = 0;
    for (size_t i = 0; i < count; i++) {
        if (isnan(values[i]))
            continue;
        sum += values[i];
        present++;
    }
    return present ? sum / (double)present : NAN;
}

double stats_variance(const double *values, size_t count)
{
    if (stats_count(values, count) < 2)
        return NAN;
    /* Two passes around the mean: the one-pass sum of squares loses precision. */
    double mean = stats_mean(values, count);
    double squares = 0;
    size_t present = 0;
    for (size_t i = 0; i < count; i++) {
        if (isnan(values[i]))
            continue;
        squares += (values[i] - mean) * (values[i] - mean);
        present++;
    }
    return squares / (double)(present - 1);
}

double stats_sd(const double *values, size_t count)
{
    return sqrt(stats_variance(values, count));
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Copies the present values into a new array; returns their number. */
static size_t present_values(const double *values, size_t count, double **out)
{
    *out = xmalloc((count ? count : 1) * sizeof **out);
    size_t present = 0;
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i]))
            (*out)[present++] = values[i];
    return present;
}

double stats_median(const double *values, size_t count)
{
    double *sorted = NULL;
    size_t n = present_values(values, count, &sorted);
    double median = NAN;
    if (n > 0) {
        qsort(sorted, n, sizeof *sorted, compare_doubles);
        median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
    free(sorted);
    return median;
}

void stats_moving_average(const double *values, size_t count, size_t window, double *out)
{
    if (window == 0)
        window = 1;
    /* A running sum over the window, so that long series stay linear. */
    double sum = 0;
    size_t present = 0;
    for (size_t i = 0; i < count; i++) {
        if (!isnan(values[i])) {
            sum += values[i];
            present++;
        }
        if (i >= window && !isnan(values[i - window])) {
            sum -= values[i - window];
            present--;
        }
        out[i] = present ? sum / (double)present : NAN;
    }
}

/* --- Student's t through the incomplete beta function ------------------------------------- */

#define BETA_MAX_TERMS 300
#define BETA_EPSILON 1e-15
#define BETA_TINY 1e-300

/* The continued fraction of I_x(a, b) (without its front factor), by the modified Lentz method.
 * Term 2m+1 is -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)); term 2m is m(b-m)x / ((a+2m-1)(a+2m)). */
static double beta_fraction(double a, double b, double x)
{
    double f = BETA_TINY, c = BETA_TINY, d = 0;
    for (int j = 1; j <= 2 * BETA_MAX_TERMS; j++) {
        double numerator;
        if (j == 1) {
            numerator = 1;
        } else if ((j - 1) % 2 == 1) {
            double m = (double)(j - 2) / 2;
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        } else {
            double m = (double)(j - 1) / 2;
            numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        }
        d = 1 + numerator * d;
        d = fabs(d) < BETA_TINY ? BETA_TINY : d;
        c = 1 + numerator / c;
        c = fabs(c) < BETA_TINY ? BETA_TINY : c;
        d = 1 / d;
        double delta = c * d;
        f *= delta;
        if (j > 1 && fabs(delta - 1) < BETA_EPSILON)
            break;
    }
    return f;
}

double stats_incomplete_beta(double a, double b, double x)
{
    if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1))
        return NAN;
    if (x == 0 || x == 1)
        return x;
    /* The fraction converges quickly only below the mean of the distribution; above it use
     * I_x(a, b) = 1 - I_{1-x}(b, a). */
    if (x > (a + 1) / (a + b + 2))
        return 1 - stats_incomplete_beta(b, a, 1 - x);
    double log_front = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    return exp(log_front) / a * beta_fraction(a, b, x);
}

double stats_t_two_sided_p(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    if (isinf(t))
        return 0;
    /* P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2). */
    double p = stats_incomplete_beta(df / 2, 0.5, df / (df + t * t));
    return p > 1 ? 1 : p;
}

/* Welch's test from the moments of the two sides, shared by stats_welch() and the comparisons
 * so that both give the very same numbers. */
static bool welch_from_moments(double mean_a, double variance_a, double na, double mean_b,
                               double variance_b, double nb, struct stats_welch *out)
{
    double va = variance_a / na;
    double vb = variance_b / nb;
    if (va + vb <= 0)
        return false;
    out->t = (mean_a - mean_b) / sqrt(va + vb);
    out->df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
    out->p = stats_t_two_sided_p(out->t, out->df);
    return true;
}

bool stats_welch(const double *a, size_t a_count, const double *b, size_t b_count,
                 struct stats_welch *out)
{
    double na = (double)stats_count(a, a_count);
    double nb = (double)stats_count(b, b_count);
    if (na < 2 || nb < 2)
        return false;
    return welch_from_moments(stats_mean(a, a_count), stats_variance(a, a_count), na,
                              stats_mean(b, b_count), stats_variance(b, b_count), nb, out);
}

/* --- Permutation test ------------------------------------------------------------------------ */

/* splitmix64: tiny, fast, and good enough to shuffle; fixed seeds make results repeatable. */
uint64_t stats_random_next(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Every resample draws below the same k bounds (count, count - 1, ...), so what a draw needs
 * besides the random number is worked out once per test: the rejection limit and, where the
 * compiler has 128-bit integers, the constant of an exact remainder by multiplication (Lemire,
 * Kaser and Kurz, "Faster remainder by direct computation", 2019). The two 64-bit divisions of
 * each draw were most of the test's time; the draws, and so the p-values, are the same. */
#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 wide_uint;
#endif

struct draw_bound {
    uint64_t bound;
    uint64_t limit; /* draws at or above it are rejected: they would bias the remainder */
#ifdef __SIZEOF_INT128__
    wide_uint magic; /* ceil(2^128 / bound); 0 for a bound of 1 */
#endif
};

static void draw_bound_init(struct draw_bound *bound, uint64_t value)
{
    bound->bound = value;
    bound->limit = UINT64_MAX - UINT64_MAX % value;
#ifdef __SIZEOF_INT128__
    bound->magic = ~(wide_uint)0 / value + 1;
#endif
}

/* draw % bound. magic * draw (mod 2^128) is the fractional part of draw / bound in 128-bit fixed
 * point; that fraction times bound, rounded down, is the remainder. */
static uint64_t draw_bound_remainder(const struct draw_bound *bound, uint64_t draw)
{
#ifdef __SIZEOF_INT128__
    wide_uint fraction = bound->magic * draw;
    wide_uint low = ((wide_uint)(uint64_t)fraction * bound->bound) >> 64;
    wide_uint high = (fraction >> 64) * bound->bound;
    return (uint64_t)((low + high) >> 64);
#else
    return draw % bound->bound;
#endif
}

/* A uniform integer below the bound, rejecting the top slice that would bias a plain modulo. */
static size_t splitmix_below(uint64_t *state, const struct draw_bound *bound)
{
    uint64_t draw;
    do
        draw = stats_random_next(state);
    while (draw >= bound->limit);
    return (size_t)draw_bound_remainder(bound, draw);
}

/* Moves a uniformly chosen subset of `k` values to the front (a partial Fisher-Yates shuffle)
 * and returns their sum. bounds[i] is count - i. */
static double draw_subset_sum(double *values, size_t k, const struct draw_bound *bounds,
                              uint64_t *state)
{
    double sum = 0;
    for (size_t i = 0; i < k; i++) {
        size_t j = i + splitmix_below(state, &bounds[i]);
        double swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        sum += values[i];
    }
    return sum;
}

/* Copies the present values of `a` then of `b` into `pooled`; returns the count from `a`. */
static size_t pool_values(const double *a, size_t a_count, const double *b, size_t b_count,
                          double *pooled, size_t *n)
{
    size_t na = 0;
    for (size_t i = 0; i < a_count; i++)
        if (!isnan(a[i]))
            pooled[na++] = a[i];
    *n = na;
    for (size_t i = 0; i < b_count; i++)
        if (!isnan(b[i]))
            pooled[(*n)++] = b[i];
    return na;
}

/* The resamples whose |difference in means| reaches `threshold`: each relabels `k` of the `n`
 * pooled values (whose sum is `total`). Stops early once `hit_limit` resamples have reached it
 * (0: never), with the number of resamples drawn in `*drawn`. */
static unsigned count_hits(double *pooled, size_t n, size_t k, double total, double threshold,
                           unsigned iterations, uint64_t seed, unsigned hit_limit, unsigned *drawn)
{
    struct draw_bound *bounds = xmalloc((k ? k : 1) * sizeof *bounds);
    for (size_t i = 0; i < k; i++)
        draw_bound_init(&bounds[i], n - i);
    double rest = (double)(n - k);
    uint64_t state = seed;
    unsigned hits = 0, i = 0;
    while (i < iterations && (hit_limit == 0 || hits < hit_limit)) {
        double sum = draw_subset_sum(pooled, k, bounds, &state);
        hits += fabs(sum / (double)k - (total - sum) / rest) >= threshold;
        i++;
    }
    *drawn = i;
    free(bounds);
    return hits;
}

/* Relabelling only the smaller side is enough: |mean of k - mean of the rest| is the statistic
 * whichever side the k values stand for, and it keeps each resample O(smaller side).
 * With a hit limit the test stops once that many resamples were as extreme, with p = hits /
 * resamples (Besag and Clifford's sequential p-value, valid as it stands): most comparisons are
 * far from significant and settle in a few dozen resamples instead of thousands. */
static double permutation_p(const double *a, size_t a_count, const double *b, size_t b_count,
                            unsigned iterations, uint64_t seed, unsigned hit_limit)
{
    double *pooled = xmalloc((a_count + b_count + 1) * sizeof *pooled);
    size_t n;
    size_t na = pool_values(a, a_count, b, b_count, pooled, &n);
    double p = NAN;
    if (na > 0 && n > na) {
        double total = 0, sum_a = 0;
        for (size_t i = 0; i < n; i++)
            total += pooled[i];
        for (size_t i = 0; i < na; i++)
            sum_a += pooled[i];
        size_t k = na <= n - na ? na : n - na;
        double observed = fabs(sum_a / (double)na - (total - sum_a) / (double)(n - na));
        /* A relative tolerance, so that rounding in the sums does not decide a tie. */
        double threshold = observed - 1e-9 * (1 + observed);
        unsigned drawn;
        unsigned hits =
            count_hits(pooled, n, k, total, threshold, iterations, seed, hit_limit, &drawn);
        p = hit_limit > 0 && hits >= hit_limit ? (double)hits / drawn
                                               : (hits + 1.0) / (iterations + 1.0);
    }
    free(pooled);
    return p;
}

double stats_permutation_p(const double *a, size_t a_count, const double *b, size_t b_count,
                           unsigned iterations, uint64_t seed)
{
    return permutation_p(a, a_count, b, b_count, iterations, seed, 0);
}

double stats_permutation_p_sequential(const double *a, size_t a_count, const double *b,
                                      size_t b_count)
{
    return permutation_p(a, a_count, b, b_count, STATS_PERMUTATIONS, STATS_PERMUTATION_SEED,
                         STATS_PERMUTATION_HITS);
}

/* --- The daily matrix ------------------------------------------------------------------------ */

void stats_table_init(struct stats_table *table, int from, int to)
{
    memset(table, 0, sizeof *table);
    table->first_day = from;
    table->day_count = to >= from ? (size_t)(to - from) + 1 : 0;
    table->logged = xcalloc(table->day_count ? table->day_count : 1, sizeof *table->logged);
}

void stats_table_release(struct stats_table *table)
{
    for (size_t i = 0; i < table->symptom_count; i++) {
        free(table->symptoms[i].id);
        free(table->symptoms[i].label);
        free(table->symptoms[i].values);
    }
    for (size_t i = 0; i < table->factor_count; i++) {
        free(table->factors[i].id);
        free(table->factors[i].label);
        free(table->factors[i].presence);
    }
    free(table->symptoms);
    free(table->factors);
    free(table->logged);
    memset(table, 0, sizeof *table);
}

long stats_table_row(const struct stats_table *table, int day_number)
{
    if (day_number < table->first_day)
        return -1;
    long row = (long)day_number - table->first_day;
    return (size_t)row < table->day_count ? row : -1;
}

size_t stats_table_add_symptom(struct stats_table *table, const char *id, const char *label,
                               int tag)
{
    xgrow(&table->symptoms, &table->symptom_capacity, table->symptom_count + 1,
          sizeof *table->symptoms);
    struct stats_symptom *symptom = &table->symptoms[table->symptom_count];
    symptom->id = xstrdup(id);
    symptom->label = xstrdup(label);
    symptom->tag = tag;
    symptom->searched = true;
    symptom->values = xmalloc((table->day_count ? table->day_count : 1) * sizeof(double));
    for (size_t i = 0; i < table->day_count; i++)
        symptom->values[i] = NAN;
    return table->symptom_count++;
}

size_t stats_table_add_factor(struct stats_table *table, const char *id, const char *label, int tag,
                              bool searched)
{
    xgrow(&table->factors, &table->factor_capacity, table->factor_count + 1,
          sizeof *table->factors);
    struct stats_factor *factor = &table->factors[table->factor_count];
    factor->id = xstrdup(id);
    factor->label = xstrdup(label);
    factor->tag = tag;
    factor->searched = searched;
    factor->only_symptom = -1;
    factor->presence = xmalloc(table->day_count ? table->day_count : 1);
    memset(factor->presence, STATS_UNKNOWN, table->day_count);
    return table->factor_count++;
}

size_t stats_table_add_factor_above_median(struct stats_table *table, const char *id,
                                           const char *label, int tag, bool searched,
                                           const double *values, double *median)
{
    double *logged_values = xmalloc((table->day_count ? table->day_count : 1) * sizeof(double));
    for (size_t i = 0; i < table->day_count; i++)
        logged_values[i] = table->logged[i] ? values[i] : NAN;
    double middle = stats_median(logged_values, table->day_count);
    size_t index = stats_table_add_factor(table, id, label, tag, searched);
    signed char *presence = table->factors[index].presence;
    for (size_t i = 0; i < table->day_count; i++)
        if (!isnan(logged_values[i]))
            presence[i] = logged_values[i] > middle ? STATS_PRESENT : STATS_ABSENT;
    free(logged_values);
    if (median != NULL)
        *median = middle;
    return index;
}

long stats_table_find_symptom(const struct stats_table *table, const char *id)
{
    for (size_t i = 0; i < table->symptom_count; i++)
        if (strcmp(table->symptoms[i].id, id) == 0)
            return (long)i;
    return -1;
}

long stats_table_find_factor(const struct stats_table *table, const char *id)
{
    for (size_t i = 0; i < table->factor_count; i++)
        if (strcmp(table->factors[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* --- Comparisons ---------------------------------------------------------------------------- */

/* The days of one factor at one lag: each row d where both d and d - lag are logged, by the
 * factor's presence on d - lag (unknown: left out; a negative lag is a day after d). A search makes
 * it once per factor and lag and shares it between all the symptoms. For the regression, which
 * transforms each row from the row before it, the rows are also sorted by whether the day
 * before is a row too: such rows go to kinds[2 x_d + x_{d-1}] (x the factor's 0 or 1 on the
 * row), whose transformed factor is the same for every row of a kind; rows two days after
 * the last row (one day missing, the commonest gap) likewise to kinds2[2 x_d + x_{d-2}]; the
 * others (the first row, rows after a longer gap) to `irregular`. */
#define LAG_SPLIT_KINDS 4
struct lag_split {
    size_t *with;
    size_t n_with;
    size_t *without;
    size_t n_without;
    signed char *x_at; /* per day: 1 or 0 on a row, -1 elsewhere */
    size_t *kinds[LAG_SPLIT_KINDS];
    size_t n_kinds[LAG_SPLIT_KINDS];
    size_t *kinds2[LAG_SPLIT_KINDS]; /* the day before not a row, the day before that one is */
    size_t n_kinds2[LAG_SPLIT_KINDS];
    size_t *irregular;
    size_t n_irregular;
};

static void lag_split_init(struct lag_split *split, size_t day_count)
{
    size_t days = day_count ? day_count : 1;
    split->with = xmalloc(days * sizeof(size_t));
    split->without = xmalloc(days * sizeof(size_t));
    split->irregular = xmalloc(days * sizeof(size_t));
    split->x_at = xmalloc(days);
    for (int k = 0; k < LAG_SPLIT_KINDS; k++) {
        split->kinds[k] = xmalloc(days * sizeof(size_t));
        split->kinds2[k] = xmalloc(days * sizeof(size_t));
    }
}

static void lag_split_release(struct lag_split *split)
{
    free(split->with);
    free(split->without);
    free(split->irregular);
    free(split->x_at);
    for (int k = 0; k < LAG_SPLIT_KINDS; k++) {
        free(split->kinds[k]);
        free(split->kinds2[k]);
    }
}

static void lag_split_fill(const struct stats_table *table, const signed char *presence, int lag,
                           struct lag_split *split)
{
    split->n_with = split->n_without = split->n_irregular = 0;
    for (int k = 0; k < LAG_SPLIT_KINDS; k++)
        split->n_kinds[k] = split->n_kinds2[k] = 0;
    memset(split->x_at, -1, table->day_count);
    size_t first = lag > 0 ? (size_t)lag : 0;
    size_t end = lag < 0 ? table->day_count - (size_t)-lag : table->day_count;
    for (size_t d = first; d < end; d++) {
        size_t earlier = (size_t)((long)d - lag);
        if (!table->logged[d] || !table->logged[earlier] || presence[earlier] == STATS_UNKNOWN)
            continue;
        bool with = presence[earlier] == STATS_PRESENT;
        if (with)
            split->with[split->n_with++] = d;
        else
            split->without[split->n_without++] = d;
        split->x_at[d] = with;
        if (d > 0 && split->x_at[d - 1] >= 0) {
            int kind = 2 * with + split->x_at[d - 1];
            split->kinds[kind][split->n_kinds[kind]++] = d;
        } else if (d > 1 && split->x_at[d - 2] >= 0) {
            int kind = 2 * with + split->x_at[d - 2];
            split->kinds2[kind][split->n_kinds2[kind]++] = d;
        } else {
            split->irregular[split->n_irregular++] = d;
        }
    }
}

/* The lowest and highest value of a symptom column (NaN when it has none). */
struct column_range {
    double low, high;
};

static struct column_range column_range(const double *values, size_t count)
{
    struct column_range range = {NAN, NAN};
    for (size_t i = 0; i < count; i++) {
        if (isnan(values[i]))
            continue;
        if (isnan(range.low) || values[i] < range.low)
            range.low = values[i];
        if (isnan(range.high) || values[i] > range.high)
            range.high = values[i];
    }
    return range;
}

/* One side of a comparison: its count, mean and variance, how many of its values are away from
 * the symptom's lowest and highest values, and room for the values themselves, which only the
 * permutation test needs (they are gathered then). */
struct side {
    double *values;
    size_t n;
    double mean;
    double variance;
    double squares; /* sum of squared deviations from the mean */
    bool nearly_constant;
};

static void side_init(struct side *side, size_t day_count)
{
    side->values = xmalloc((day_count ? day_count : 1) * sizeof *side->values);
    side->n = 0;
}

/* A side being summed, held apart from struct side so that the compiler can keep it in
 * registers. */
struct gathering {
    size_t n;
    double sum, squares;
};

/* The variance from the sums of values and squares: one pass instead of two. The values are
 * small severities and habits, so the subtraction loses nothing that matters (to 1e-12 of
 * stats_variance()). */
static void side_set_gathered(struct side *side, const struct gathering *gathered)
{
    side->n = gathered->n;
    side->mean = gathered->n ? gathered->sum / (double)gathered->n : NAN;
    double squares = gathered->squares - gathered->sum * side->mean;
    side->squares = squares > 0 ? squares : 0;
    side->variance = gathered->n < 2 ? NAN : side->squares / (double)(gathered->n - 1);
}

/* Whether all but a few of a side's values sit at its own lowest or at its own highest value
 * (eight 0s and one 0.25, say): its variance then rests on those few days and Welch's test
 * trusts it far too much. With k values away from a value m, the squared deviations add up to
 * at most k times the squared range of the symptom, so a side spread more than
 * (STATS_FEW_VALUES - 1) squared ranges needs no count, value by value. */
static bool side_nearly_constant(struct side *side, const size_t *days, size_t count,
                                 const double *column, struct column_range range)
{
    double span = range.high - range.low;
    if (side->squares > (double)(STATS_FEW_VALUES - 1) * span * span * (1 + 1e-9))
        return false;
    double low = INFINITY, high = -INFINITY;
    for (size_t i = 0; i < count; i++) {
        double value = column[days[i]];
        if (isnan(value))
            continue;
        low = value < low ? value : low;
        high = value > high ? value : high;
    }
    size_t off_low = 0, off_high = 0;
    for (size_t i = 0; i < count; i++) {
        double value = column[days[i]];
        off_low += !isnan(value) && value != low;
        off_high += !isnan(value) && value != high;
    }
    return off_low < STATS_FEW_VALUES || off_high < STATS_FEW_VALUES;
}

/* The values present on a side's days, in day order, for the permutation test. */
static void side_collect(struct side *side, const size_t *days, size_t count, const double *column)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (!isnan(column[days[i]]))
            side->values[n++] = column[days[i]];
}

double stats_normal_two_sided_p(double z)
{
    return erfc(fabs(z) / sqrt(2.0));
}

double stats_normal_z_of_p(double p)
{
    if (!(p > 0))
        return INFINITY;
    if (p >= 1)
        return 0;
    /* Bisection: erfc is monotone, and this runs only for permutation tests. */
    double low = 0, high = 40;
    for (int i = 0; i < 100 && high - low > 1e-12; i++) {
        double middle = (low + high) / 2;
        if (stats_normal_two_sided_p(middle) > p)
            low = middle;
        else
            high = middle;
    }
    return (low + high) / 2;
}

/* A p as if days were independent, made honest for a variance `inflation` times larger: through
 * its normal z, which shrinks by the square root of the inflation. */
static double deflate_p(double p, double inflation)
{
    if (!(inflation > 1) || isnan(p) || p >= 1)
        return p;
    return stats_normal_two_sided_p(stats_normal_z_of_p(p) / sqrt(inflation));
}

/* --- The AR(1) GLS regression -------------------------------------------------------------- */

/* An AR(1) error with coefficient phi, seen on days `gap` apart, leaves the innovation
 * e = u_d - phi^gap u_{d-gap}, of variance 1 - phi^(2 gap) (in units of the series' variance):
 * the transformation of a row divides by its square root. Worked out once per symptom for the
 * gaps of everyday journals; gap 0 stands for a first row, which has no row before it. */
#define GLS_GAPS 64
#define GLS_PHI_MAX 0.98
struct ar1_gaps {
    double phi;
    double power[GLS_GAPS]; /* phi^gap; 0 for gap 0 */
    double scale[GLS_GAPS]; /* 1 / sqrt(1 - phi^(2 gap)); 1 for gap 0 */
};

static void ar1_gaps_init(struct ar1_gaps *gaps, double phi)
{
    /* A symptom that barely moves (r near 1) would divide by nearly 0. */
    phi = isnan(phi)           ? 0
          : phi > GLS_PHI_MAX  ? GLS_PHI_MAX
          : phi < -GLS_PHI_MAX ? -GLS_PHI_MAX
                               : phi;
    gaps->phi = phi;
    gaps->power[0] = 0;
    gaps->scale[0] = 1;
    double power = 1;
    for (size_t gap = 1; gap < GLS_GAPS; gap++) {
        power *= phi;
        gaps->power[gap] = power;
        gaps->scale[gap] = 1 / sqrt(1 - power * power);
    }
}

/* The sums of the transformed regression: y* = alpha w + beta x* + e, where a row on day d whose
 * previous row is `gap` days before has y* = (y_d - phi^gap y_prev) s, x* likewise, and the
 * intercept's column w = (1 - phi^gap) s, s = 1 / sqrt(1 - phi^(2 gap)). With no gap this is
 * y_d - phi y_{d-1} against x_{d-lag} - phi x_{d-lag-1} (scaled), and a row after a missing day
 * is transformed from the last row there is instead of being dropped: the exact GLS of an AR(1)
 * seen on the days that were logged. */
struct gls_sums {
    double n, ww, wx, xx, wy, xy, yy;
};

/* phi^gap and 1 / sqrt(1 - phi^(2 gap)) for a gap beyond the table: rare, so out of line. */
static void ar1_far_gap(const struct ar1_gaps *gaps, size_t gap, double *power, double *scale)
{
    *power = pow(gaps->phi, (double)gap);
    *scale = 1 / sqrt(1 - *power * *power);
}

/* Adds one row, `gap` days after the previous row (y_prev, x_prev); gap 0: the first row. */
static inline void gls_row(struct gls_sums *s, const struct ar1_gaps *gaps, size_t gap, double y,
                           double x, double y_prev, double x_prev)
{
    double power, scale;
    if (gap < GLS_GAPS) {
        power = gaps->power[gap];
        scale = gaps->scale[gap];
    } else {
        ar1_far_gap(gaps, gap, &power, &scale);
    }
    double ys = (y - power * y_prev) * scale, xs = (x - power * x_prev) * scale;
    double w = (1 - power) * scale;
    s->n++;
    s->ww += w * w;
    s->wx += w * xs;
    s->xx += xs * xs;
    s->wy += w * ys;
    s->xy += xs * ys;
    s->yy += ys * ys;
}

/* The slope of x and its t from the normal equations of the two columns w and x*. */
static bool gls_from_sums(const struct gls_sums *s, struct stats_regression *out)
{
    if (s->n < 3)
        return false;
    double det = s->ww * s->xx - s->wx * s->wx;
    /* Relative tolerances: rounding in the sums must not pass for spread. */
    if (!(det > 1e-12 * s->ww * s->xx))
        return false;
    double slope = (s->ww * s->xy - s->wx * s->wy) / det;
    double intercept = (s->xx * s->wy - s->wx * s->xy) / det;
    double residual = s->yy - intercept * s->wy - slope * s->xy;
    if (!(residual > 1e-12 * s->yy))
        return false;
    out->slope = slope;
    out->n = (size_t)s->n;
    out->df = s->n - 2;
    out->t = slope / sqrt(residual / out->df * s->ww / det);
    out->p = stats_t_two_sided_p(out->t, out->df);
    return true;
}

bool stats_ar1_gls(const double *x, const double *y, size_t count, double phi,
                   struct stats_regression *out)
{
    struct ar1_gaps gaps;
    ar1_gaps_init(&gaps, phi);
    struct gls_sums sums = {0, 0, 0, 0, 0, 0, 0};
    size_t last = 0;
    bool started = false;
    for (size_t i = 0; i < count; i++) {
        if (isnan(x[i]) || isnan(y[i]))
            continue;
        gls_row(&sums, &gaps, started ? i - last : 0, y[i], x[i], started ? y[last] : 0,
                started ? x[last] : 0);
        last = i;
        started = true;
    }
    return gls_from_sums(&sums, out);
}

/* A symptom's days as the rows of a kind read them, for rows 1 and 2 days after the previous
 * row ([gap - 1]): whether the day and the day `gap` before both have values, the prewhitened
 * value y_d - phi^gap y_{d-gap} and the value y_d when they do, 0 when not. Ready-made once per
 * symptom, in arrays of their own (the walks read only a few bytes a day, which stay in the
 * processor's nearest cache), so that summing a kind takes no branch. */
struct white_series {
    double *white[2];
    double *value[2];
    unsigned char *present[2];
};

static void white_series_point(struct white_series *series, void *block, size_t day_count)
{
    double *doubles = block;
    for (int g = 0; g < 2; g++) {
        series->white[g] = doubles + (2 * (size_t)g) * day_count;
        series->value[g] = doubles + (2 * (size_t)g + 1) * day_count;
    }
    unsigned char *bytes = (unsigned char *)(doubles + 4 * day_count);
    series->present[0] = bytes;
    series->present[1] = bytes + day_count;
}

/* The bytes a white_series of `day_count` days takes. */
static size_t white_series_size(size_t day_count)
{
    size_t days = day_count ? day_count : 1;
    size_t bytes = days * (4 * sizeof(double) + 2);
    return (bytes + sizeof(double) - 1) / sizeof(double) *
           sizeof(double); /* the next one aligned */
}

/* The rows of one kind (see struct lag_split) whose prewhitened value is present: their count,
 * the sums of the prewhitened and of the raw values, and of their squares. A row whose
 * prewhitened value is missing (the day it is taken from has no value) is left to
 * gather_irregular(). Two sets of sums, so that the additions of one row need not wait for the
 * row before. */
struct kind_sums {
    double n, white, white_squares, raw, raw_squares;
};

static struct kind_sums gather_kind(const size_t *days, size_t count,
                                    const struct white_series *series, int gap)
{
    const double *white = series->white[gap - 1], *value = series->value[gap - 1];
    const unsigned char *present = series->present[gap - 1];
    size_t n0 = 0, n1 = 0;
    double w0 = 0, w1 = 0, ww0 = 0, ww1 = 0, r0 = 0, r1 = 0, rr0 = 0, rr1 = 0;
    size_t i = 0;
    for (; i + 2 <= count; i += 2) {
        size_t a = days[i], b = days[i + 1];
        n0 += present[a];
        n1 += present[b];
        w0 += white[a];
        w1 += white[b];
        ww0 += white[a] * white[a];
        ww1 += white[b] * white[b];
        r0 += value[a];
        r1 += value[b];
        rr0 += value[a] * value[a];
        rr1 += value[b] * value[b];
    }
    if (i < count) {
        size_t a = days[i];
        n0 += present[a];
        w0 += white[a];
        ww0 += white[a] * white[a];
        r0 += value[a];
        rr0 += value[a] * value[a];
    }
    return (struct kind_sums){(double)(n0 + n1), w0 + w1, ww0 + ww1, r0 + r1, rr0 + rr1};
}

/* What a comparison of one factor with one symptom needs besides their days: the symptom's AR(1)
 * transformation (its lag-1 autocorrelation as the coefficient), its days as the walks read
 * them, the days with a value whose day before (restarts) or day two before (broken2) was logged
 * with the symptom left blank, and the variance inflations of the raw pair and of the
 * prewhitened pair. */
struct pair_model {
    const struct ar1_gaps *gaps;
    const struct white_series *white;
    const size_t *restarts;
    size_t n_restarts;
    const size_t *broken2; /* days from 2 on with a value, none two days before */
    size_t n_broken2;
    double inflation;       /* raw series: Welch's test and the permutation test */
    double white_inflation; /* prewhitened series: the regression */
};

/* The rows whose day before is not a row (for this symptom), summed apart: each is transformed
 * from the last row there is, found by walking back (the walks of a comparison cover disjoint
 * stretches of days). Kept in a local structure of plain numbers, so that the compiler can hold
 * it in registers. */
struct irregular_sums {
    struct gls_sums gls;
    double n[2], sum[2], squares[2]; /* without, with */
};

static inline void gather_irregular(const struct lag_split *split, const double *column,
                                    const struct ar1_gaps *gaps, size_t day,
                                    struct irregular_sums *acc)
{
    double y = column[day];
    int x = split->x_at[day];
    size_t previous = day;
    bool found = false;
    while (!found && previous > 0) {
        previous--;
        found = split->x_at[previous] >= 0 && !isnan(column[previous]);
    }
    if (found)
        gls_row(&acc->gls, gaps, day - previous, y, x, column[previous], split->x_at[previous]);
    else
        gls_row(&acc->gls, gaps, 0, y, x, 0, 0);
    double with = x, mine = with * y;
    acc->n[1] += with;
    acc->sum[1] += mine;
    acc->squares[1] += mine * y;
    acc->n[0] += 1 - with;
    acc->sum[0] += y - mine;
    acc->squares[0] += (y - mine) * y;
}

/* Adds the sums of the rows of one kind, `gap` (1 or 2) days after their previous rows: with no
 * other gap the row's transformation is y* = s (y_d - c y_prev), x* = s (x_d - c x_prev),
 * intercept column w = s (1 - c), c = phi^gap, s = 1 / sqrt(1 - c^2): the same x* and w for
 * every row of a kind. */
static void add_kind(struct gls_sums *sums, struct gathering *sides, const struct ar1_gaps *gaps,
                     size_t gap, int kind, const struct kind_sums *k)
{
    double c = gaps->power[gap], scale = gaps->scale[gap], w = (1 - c) * scale;
    double x = ((double)(kind >> 1) - c * (double)(kind & 1)) * scale;
    sums->n += k->n;
    sums->ww += k->n * w * w;
    sums->wx += k->n * w * x;
    sums->xx += k->n * x * x;
    sums->wy += w * scale * k->white;
    sums->xy += x * scale * k->white;
    sums->yy += scale * scale * k->white_squares;
    struct gathering *side = &sides[kind >> 1];
    side->n += (size_t)k->n;
    side->sum += k->raw;
    side->squares += k->raw_squares;
}

/* Sums both sides and the regression: the rows of each kind as sums, the others one by one. */
static void sides_gather(struct side *with, struct side *without, const struct lag_split *split,
                         const double *column, struct column_range range,
                         const struct pair_model *model, struct gls_sums *sums)
{
    const struct ar1_gaps *gaps = model->gaps;
    struct gathering sides[2] = {{0, 0, 0}, {0, 0, 0}};
    *sums = (struct gls_sums){0, 0, 0, 0, 0, 0, 0};
    struct irregular_sums acc = {{0, 0, 0, 0, 0, 0, 0}, {0, 0}, {0, 0}, {0, 0}};
    for (int kind = 0; kind < LAG_SPLIT_KINDS; kind++) {
        struct kind_sums k = gather_kind(split->kinds[kind], split->n_kinds[kind], model->white, 1);
        add_kind(sums, sides, gaps, 1, kind, &k);
        k = gather_kind(split->kinds2[kind], split->n_kinds2[kind], model->white, 2);
        add_kind(sums, sides, gaps, 2, kind, &k);
    }
    /* A row of kinds2 whose day two before has no value: its previous row is further. */
    for (size_t i = 0; i < model->n_broken2; i++) {
        size_t day = model->broken2[i];
        if (split->x_at[day] >= 0 && split->x_at[day - 1] < 0 && split->x_at[day - 2] >= 0)
            gather_irregular(split, column, gaps, day, &acc);
    }
    for (size_t i = 0; i < split->n_irregular; i++)
        if (!isnan(column[split->irregular[i]]))
            gather_irregular(split, column, gaps, split->irregular[i], &acc);
    /* A row of kinds whose day before has no value. */
    for (size_t i = 0; i < model->n_restarts; i++) {
        size_t day = model->restarts[i];
        if (day > 0 && split->x_at[day] >= 0 && split->x_at[day - 1] >= 0)
            gather_irregular(split, column, gaps, day, &acc);
    }
    sums->n += acc.gls.n;
    sums->ww += acc.gls.ww;
    sums->wx += acc.gls.wx;
    sums->xx += acc.gls.xx;
    sums->wy += acc.gls.wy;
    sums->xy += acc.gls.xy;
    sums->yy += acc.gls.yy;
    for (int x = 0; x < 2; x++) {
        sides[x].n += (size_t)acc.n[x];
        sides[x].sum += acc.sum[x];
        sides[x].squares += acc.squares[x];
    }
    side_set_gathered(with, &sides[1]);
    side_set_gathered(without, &sides[0]);
    with->nearly_constant = side_nearly_constant(with, split->with, split->n_with, column, range);
    without->nearly_constant =
        side_nearly_constant(without, split->without, split->n_without, column, range);
}

/* The tested part of a comparison from a t and its df as if days were independent, and the
 * variance inflation that autocorrelation leaves. */
static void set_t(struct stats_comparison *out, double t, double df, double inflation)
{
    out->inflation = inflation;
    out->t = t / sqrt(inflation);
    out->df = df / inflation < 1 ? 1 : df / inflation;
    out->p = stats_t_two_sided_p(out->t, out->df);
    out->z = fabs(out->t);
}

/* Fills the test part of a comparison: the AR(1) GLS regression (or Welch's test, should the
 * regression have no spread left), or the permutation test when a side is small or nearly
 * constant. */
static void compare_sides(struct side *with, struct side *without, const struct lag_split *split,
                          const double *column, const struct pair_model *model,
                          const struct gls_sums *sums, struct stats_comparison *out)
{
    struct stats_welch welch;
    struct stats_regression regression;
    out->prewhitened = false;
    out->prewhitening = model->gaps->phi;
    out->slope = NAN;
    out->n_pairs = 0;
    bool trusted = with->n >= STATS_SMALL_SIDE && without->n >= STATS_SMALL_SIDE &&
                   with->variance > 0 && without->variance > 0 && !with->nearly_constant &&
                   !without->nearly_constant;
    if (trusted && welch_from_moments(with->mean, with->variance, (double)with->n, without->mean,
                                      without->variance, (double)without->n, &welch)) {
        out->permutation = false;
        out->p_uncorrected = welch.p;
        if (gls_from_sums(sums, &regression)) {
            out->prewhitened = true;
            out->slope = regression.slope;
            out->n_pairs = regression.n;
            set_t(out, regression.t, regression.df, model->white_inflation);
        } else {
            set_t(out, welch.t, welch.df, model->inflation);
        }
        return;
    }
    out->inflation = model->inflation;
    out->permutation = true;
    out->df = NAN;
    out->t = NAN;
    if (out->difference == 0) {
        out->p_uncorrected = out->p = 1;
        out->z = 0;
        return;
    }
    side_collect(with, split->with, split->n_with, column);
    side_collect(without, split->without, split->n_without, column);
    out->p_uncorrected =
        stats_permutation_p_sequential(with->values, with->n, without->values, without->n);
    out->p = deflate_p(out->p_uncorrected, model->inflation);
    out->z = stats_normal_z_of_p(out->p);
}

/* One symptom column against a split; min_days is at least 2. The sides' buffers hold
 * day_count values each. */
static bool compare_split(const struct lag_split *split, const double *column,
                          struct column_range range, size_t min_days,
                          const struct pair_model *model, struct side *with, struct side *without,
                          struct stats_comparison *out)
{
    /* Missing values only shrink a side, so a split too small already needs no value read. */
    if (split->n_with < min_days || split->n_without < min_days)
        return false;
    struct gls_sums sums;
    sides_gather(with, without, split, column, range, model, &sums);
    if (with->n < min_days || without->n < min_days)
        return false;
    out->n_with = with->n;
    out->n_without = without->n;
    out->mean_with = with->mean;
    out->mean_without = without->mean;
    out->difference = out->mean_with - out->mean_without;
    compare_sides(with, without, split, column, model, &sums, out);
    out->p_family = out->q = out->p;
    out->lags_compared = 1;
    out->lag_stands_out = true;
    out->checked = false;
    out->p_rotation = NAN;
    out->reverse_lag = 0;
    out->p_reverse = NAN;
    out->reverse_as_strong = false;
    return true;
}

/* --- Autocorrelation and episodes ------------------------------------------------------------ */

void stats_autocorrelation(const double *values, size_t count, size_t max_lag, double *out)
{
    double mean = stats_mean(values, count);
    /* Deviations with 0 for a missing day, and a mask: a product with a missing day adds an exact
     * 0 and counts no pair, without a branch for each pair (the sums are the same). */
    double *deviation = xmalloc((count ? count : 1) * sizeof *deviation);
    double *mask = xmalloc((count ? count : 1) * sizeof *mask);
    double squares = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        bool present = !isnan(values[i]);
        deviation[i] = present ? values[i] - mean : 0.0;
        mask[i] = present;
        squares += deviation[i] * deviation[i];
        n += present;
    }
    double variance = n > 0 ? squares / (double)n : 0;
    out[0] = 1;
    for (size_t k = 1; k <= max_lag; k++) {
        double sum = 0, pairs = 0;
        for (size_t i = k; i < count; i++) {
            sum += deviation[i] * deviation[i - k];
            pairs += mask[i] * mask[i - k];
        }
        double r = variance > 0 && pairs > 0 ? sum / pairs / variance : 0;
        out[k] = r > 1 ? 1 : r < -1 ? -1 : r;
    }
    free(deviation);
    free(mask);
}

double stats_variance_inflation(const double *a, const double *b, size_t lags)
{
    double sum = 0;
    for (size_t k = 1; k <= lags; k++)
        sum += a[k] * b[k];
    double inflation = 1 + 2 * sum;
    return inflation < 1 ? 1 : inflation;
}

void stats_prewhiten(const double *values, size_t count, double r, double *out)
{
    for (size_t i = 0; i < count; i++)
        out[i] = i > 0 ? values[i] - r * values[i - 1] : NAN; /* NaN stays NaN */
}

void stats_prewhitened_acf(const double *acf, size_t lags, double r, double *out)
{
    double zero = 1 + r * r - 2 * r * acf[1];
    out[0] = 1;
    for (size_t k = 1; k <= lags; k++) {
        double gamma = (1 + r * r) * acf[k] - r * (acf[k - 1] + acf[k + 1]);
        out[k] = zero > 1e-12 ? gamma / zero : 0;
    }
}

/* A factor as numbers: 1 present, 0 absent, NaN unknown or not logged. */
static void factor_series(const struct stats_table *table, size_t factor, double *out)
{
    const signed char *presence = table->factors[factor].presence;
    for (size_t i = 0; i < table->day_count; i++)
        out[i] = !table->logged[i] || presence[i] == STATS_UNKNOWN ? NAN
                 : presence[i] == STATS_PRESENT                    ? 1
                                                                   : 0;
}

static void symptom_series(const struct stats_table *table, size_t symptom, double *out)
{
    const double *values = table->symptoms[symptom].values;
    for (size_t i = 0; i < table->day_count; i++)
        out[i] = table->logged[i] ? values[i] : NAN;
}

/* A factor's autocorrelations, one lag further than a symptom's: stats_prewhitened_acf() needs
 * lag STATS_ACF_LAGS + 1 for lag STATS_ACF_LAGS of the prewhitened factor. */
#define FACTOR_ACF_LAGS (STATS_ACF_LAGS + 1)
static void factor_acf(const struct stats_table *table, size_t factor, double *buffer, double *acf)
{
    factor_series(table, factor, buffer);
    stats_autocorrelation(buffer, table->day_count, FACTOR_ACF_LAGS, acf);
}

static void symptom_acf(const struct stats_table *table, size_t symptom, double *buffer,
                        double *acf)
{
    symptom_series(table, symptom, buffer);
    stats_autocorrelation(buffer, table->day_count, STATS_ACF_LAGS, acf);
}

/* What is worked out once per symptom column: its autocorrelations, the AR(1) transformation
 * its lag-1 autocorrelation gives, its prewhitened series and the autocorrelations of that (what
 * the AR(1) model leaves), its days as the walks of a comparison read them (`white`, pointed at
 * white_series_size() bytes), and the days with a value whose day before (`restarts`) or day two
 * before (`broken2`) was logged with the symptom left blank, room for day_count days each. The
 * two buffers hold day_count doubles each, for scratch. */
struct symptom_model {
    double acf[STATS_ACF_LAGS + 1];
    double white_acf[STATS_ACF_LAGS + 1];
    struct ar1_gaps gaps;
    struct white_series white;
    void *block; /* what `white` points into, when the model owns it */
    size_t *restarts;
    size_t n_restarts;
    size_t *broken2;
    size_t n_broken2;
};

/* The days with a value whose day `gap` before was logged with the symptom left blank, written to
 * `out` unless it is NULL; returns how many. Only a blank on a logged day counts: after a day
 * not logged no row is of a kind. */
static size_t blank_days(const struct stats_table *table, const double *values, size_t gap,
                         size_t *out)
{
    size_t count = 0;
    for (size_t d = gap; d < table->day_count; d++)
        if (!isnan(values[d]) && table->logged[d - gap] && isnan(values[d - gap])) {
            if (out != NULL)
                out[count] = d;
            count++;
        }
    return count;
}

/* Fills a symptom's model; its `restarts` are allocated here (free them with the model). */
static void symptom_model_fill(const struct stats_table *table, size_t symptom, double *buffer,
                               double *white, struct symptom_model *out)
{
    symptom_acf(table, symptom, buffer, out->acf);
    ar1_gaps_init(&out->gaps, out->acf[1]);
    stats_prewhiten(buffer, table->day_count, out->gaps.phi, white);
    stats_autocorrelation(white, table->day_count, STATS_ACF_LAGS, out->white_acf);
    double phi2 = out->gaps.power[2];
    for (size_t d = 0; d < table->day_count; d++) {
        double white2 = d > 1 ? buffer[d] - phi2 * buffer[d - 2] : NAN;
        double whites[2] = {white[d], white2};
        for (int g = 0; g < 2; g++) {
            bool present = !isnan(whites[g]);
            out->white.white[g][d] = present ? whites[g] : 0;
            out->white.value[g][d] = present ? buffer[d] : 0;
            out->white.present[g][d] = present;
        }
    }
    out->n_restarts = blank_days(table, buffer, 1, NULL);
    out->n_broken2 = blank_days(table, buffer, 2, NULL);
    out->restarts = xmalloc((out->n_restarts + out->n_broken2 + 1) * sizeof *out->restarts);
    out->broken2 = out->restarts + out->n_restarts;
    blank_days(table, buffer, 1, out->restarts);
    blank_days(table, buffer, 2, out->broken2);
}

/* A pair's model from its symptom's and the factor's autocorrelations (FACTOR_ACF_LAGS + 1). */
static void pair_model_set(const struct symptom_model *symptom, const double *factor_acf,
                           struct pair_model *out)
{
    double factor_white[STATS_ACF_LAGS + 1];
    out->gaps = &symptom->gaps;
    out->white = &symptom->white;
    out->restarts = symptom->restarts;
    out->n_restarts = symptom->n_restarts;
    out->broken2 = symptom->broken2;
    out->n_broken2 = symptom->n_broken2;
    out->inflation = stats_variance_inflation(factor_acf, symptom->acf, STATS_ACF_LAGS);
    stats_prewhitened_acf(factor_acf, STATS_ACF_LAGS, symptom->gaps.phi, factor_white);
    out->white_inflation =
        stats_variance_inflation(factor_white, symptom->white_acf, STATS_ACF_LAGS);
}

void stats_factor_episodes(const struct stats_table *table, size_t factor,
                           struct stats_episodes *out)
{
    memset(out, 0, sizeof *out);
    const signed char *presence = table->factors[factor].presence;
    signed char last = STATS_UNKNOWN;
    for (size_t i = 0; i < table->day_count; i++) {
        if (!table->logged[i] || presence[i] == STATS_UNKNOWN)
            continue;
        bool present = presence[i] == STATS_PRESENT;
        out->days_present += present;
        out->days_absent += !present;
        if (presence[i] != last) {
            out->runs_present += present;
            out->runs_absent += !present;
        }
        last = presence[i];
    }
}

bool stats_factor_switch(const struct stats_table *table, size_t factor, int *day, bool *started)
{
    const signed char *presence = table->factors[factor].presence;
    size_t known = 0, present = 0;
    for (size_t row = 0; row < table->day_count; row++)
        if (table->logged[row] && presence[row] != STATS_UNKNOWN) {
            known++;
            present += presence[row] == STATS_PRESENT;
        }
    /* The split with the largest difference between the shares present before and after. */
    size_t known_before = 0, present_before = 0;
    double best = 0;
    for (size_t row = 0; row < table->day_count; row++) {
        size_t known_after = known - known_before;
        if (known_before >= STATS_FACTOR_MIN_DAYS && known_after >= STATS_FACTOR_MIN_DAYS) {
            double before = (double)present_before / (double)known_before;
            double after = (double)(present - present_before) / (double)known_after;
            if (fabs(after - before) > fabs(best)) {
                best = after - before;
                *day = table->first_day + (int)row;
                *started = after > before;
            }
        }
        if (table->logged[row] && presence[row] != STATS_UNKNOWN) {
            known_before++;
            present_before += presence[row] == STATS_PRESENT;
        }
    }
    return fabs(best) >= STATS_SWITCH_SHARE;
}

bool stats_factor_comparable(const struct stats_episodes *episodes)
{
    return episodes->days_present >= STATS_FACTOR_MIN_DAYS &&
           episodes->days_absent >= STATS_FACTOR_MIN_DAYS &&
           episodes->runs_present >= STATS_FACTOR_MIN_EPISODES &&
           episodes->runs_absent >= STATS_FACTOR_MIN_EPISODES;
}

/* --- One comparison -------------------------------------------------------------------------- */

/* The model of one factor/symptom pair outside a search, with its symptom's model. */
struct pair_alone {
    struct pair_model model;
    struct symptom_model symptom;
};

static void pair_alone_init(const struct stats_table *table, size_t factor, size_t symptom,
                            struct pair_alone *out)
{
    size_t days = table->day_count ? table->day_count : 1;
    double *buffer = xmalloc(2 * days * sizeof *buffer);
    out->symptom.block = xmalloc(white_series_size(table->day_count));
    white_series_point(&out->symptom.white, out->symptom.block, days);
    symptom_model_fill(table, symptom, buffer, buffer + days, &out->symptom);
    double acf[FACTOR_ACF_LAGS + 1];
    factor_acf(table, factor, buffer, acf);
    pair_model_set(&out->symptom, acf, &out->model);
    free(buffer);
}

static void pair_alone_release(struct pair_alone *pair)
{
    free(pair->symptom.block);
    free(pair->symptom.restarts);
}

static bool compare_with_model(const struct stats_table *table, size_t factor, size_t symptom,
                               int lag, size_t min_days, const struct pair_model *model,
                               struct stats_comparison *out)
{
    size_t span = lag < 0 ? (size_t)-lag : (size_t)lag;
    if (span >= table->day_count)
        return false;
    struct lag_split split;
    struct side with, without;
    lag_split_init(&split, table->day_count);
    side_init(&with, table->day_count);
    side_init(&without, table->day_count);
    lag_split_fill(table, table->factors[factor].presence, lag, &split);
    struct stats_comparison comparison;
    const double *column = table->symptoms[symptom].values;
    bool enough = compare_split(&split, column, column_range(column, table->day_count),
                                min_days < 2 ? 2 : min_days, model, &with, &without, &comparison);
    if (enough) {
        comparison.factor = factor;
        comparison.symptom = symptom;
        comparison.lag = lag;
        *out = comparison;
    }
    free(with.values);
    free(without.values);
    lag_split_release(&split);
    return enough;
}

bool stats_compare(const struct stats_table *table, size_t factor, size_t symptom, int lag,
                   size_t min_days, struct stats_comparison *out)
{
    if (factor >= table->factor_count || symptom >= table->symptom_count)
        return false;
    struct pair_alone pair;
    pair_alone_init(table, factor, symptom, &pair);
    bool enough = compare_with_model(table, factor, symptom, lag, min_days, &pair.model, out);
    pair_alone_release(&pair);
    return enough;
}

void stats_comparison_list_init(struct stats_comparison_list *list)
{
    memset(list, 0, sizeof *list);
}

void stats_comparison_list_release(struct stats_comparison_list *list)
{
    free(list->items);
    stats_comparison_list_init(list);
}

static void comparison_push(struct stats_comparison_list *list,
                            const struct stats_comparison *comparison)
{
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    list->items[list->count++] = *comparison;
}

/* --- Families of lags ------------------------------------------------------------------------ */

/* The smallest p of `lags` comparisons, adjusted for having looked at all of them (Sidak):
 * 1 - (1 - p)^lags, computed without losing small p-values to rounding. */
static double family_p(double p_min, int lags)
{
    if (lags <= 1 || p_min >= 1)
        return p_min;
    return -expm1((double)lags * log1p(-p_min));
}

/* Stronger first: smaller p, then larger z (when p-values are both 0), then larger difference. */
static bool stronger(const struct stats_comparison *a, const struct stats_comparison *b)
{
    if (a->p != b->p)
        return a->p < b->p;
    if (a->z != b->z)
        return a->z > b->z;
    return fabs(a->difference) > fabs(b->difference);
}

/* A lag "stands out" when the pair as a whole is beyond chance (p_family < 0.05) and its
 * strongest lag is at least 2 standard errors clearer than every other: a persistent factor
 * echoes a real effect into the neighbouring lags, and then no single lag can be named. */
#define STATS_STANDS_OUT_Z 2.0

/* Reduces one pair's comparisons at lags 0..lags-1 (found where enough[lag]) to its row. False
 * when no lag had enough days. */
static bool reduce_family(const struct stats_comparison *found, const bool *enough, size_t lags,
                          struct stats_comparison *row)
{
    int best = -1, count = 0;
    for (size_t lag = 0; lag < lags; lag++) {
        if (!enough[lag])
            continue;
        count++;
        if (best < 0 || stronger(&found[lag], &found[best]))
            best = (int)lag;
    }
    if (best < 0)
        return false;
    double second = 0;
    for (size_t lag = 0; lag < lags; lag++)
        if (enough[lag] && (int)lag != best && found[lag].z > second)
            second = found[lag].z;
    *row = found[best];
    row->lags_compared = count;
    row->p_family = family_p(row->p, count);
    row->q = row->p_family;
    row->lag_stands_out =
        count == 1 || (row->p_family < 0.05 && row->z - second >= STATS_STANDS_OUT_Z);
    return true;
}

static int compare_rows(const void *left, const void *right)
{
    const struct stats_comparison *a = left, *b = right;
    if (a->p_family != b->p_family)
        return a->p_family < b->p_family ? -1 : 1;
    if (a->z != b->z)
        return a->z > b->z ? -1 : 1;
    double da = fabs(a->difference), db = fabs(b->difference);
    if (da != db)
        return da > db ? -1 : 1;
    if (a->factor != b->factor)
        return a->factor < b->factor ? -1 : 1;
    return (a->symptom > b->symptom) - (a->symptom < b->symptom);
}

/* Benjamini-Hochberg on a list sorted by p_family: q_i = min over j >= i of p_j * m / j. */
static void fill_q_values(struct stats_comparison_list *list)
{
    double running = 1;
    for (size_t i = list->count; i > 0; i--) {
        struct stats_comparison *item = &list->items[i - 1];
        double q = item->p_family * (double)list->count / (double)i;
        running = q < running ? q : running;
        item->q = running;
    }
}

/* --- Copies ---------------------------------------------------------------------------------- */

/* Whether two symptom columns are the same series up to scale and offset (a group score whose
 * only rated sign is this one, divided by the group's size), on the same days. */
static bool symptoms_are_copies(const struct stats_table *table, size_t a, size_t b)
{
    const double *x = table->symptoms[a].values, *y = table->symptoms[b].values;
    double mx = 0, my = 0;
    size_t n = 0;
    for (size_t i = 0; i < table->day_count; i++) {
        if (!table->logged[i])
            continue;
        if (isnan(x[i]) != isnan(y[i]))
            return false;
        if (isnan(x[i]))
            continue;
        mx += x[i];
        my += y[i];
        n++;
    }
    if (n < 2)
        return n == 0;
    mx /= (double)n;
    my /= (double)n;
    double sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < table->day_count; i++) {
        if (!table->logged[i] || isnan(x[i]))
            continue;
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0)
        return sxx == syy;
    return sxy > 0 && fabs(sxy * sxy - sxx * syy) <= 1e-12 * sxx * syy;
}

/* Whether two factors are the same thing twice (a category with one food, alcohol as a food and
 * as a habit): they agree on every logged day both are known, and those days are nearly all
 * (90%) of the days either is known. */
static bool factors_are_copies(const struct stats_table *table, size_t a, size_t b)
{
    const signed char *x = table->factors[a].presence, *y = table->factors[b].presence;
    size_t both = 0, known_a = 0, known_b = 0;
    for (size_t i = 0; i < table->day_count; i++) {
        if (!table->logged[i])
            continue;
        known_a += x[i] != STATS_UNKNOWN;
        known_b += y[i] != STATS_UNKNOWN;
        if (x[i] == STATS_UNKNOWN || y[i] == STATS_UNKNOWN)
            continue;
        if (x[i] != y[i])
            return false;
        both++;
    }
    return both > 0 && both * 10 >= known_a * 9 && both * 10 >= known_b * 9;
}

/* --- The search ------------------------------------------------------------------------------ */

/* The reusable storage of a search: the split of one factor at one lag, the two sides, the
 * comparisons of the current factor (symptom by symptom, lag by lag), and what is worked out
 * once per column: autocorrelations, and which columns take part. */
struct search_work {
    struct lag_split split;
    size_t lag_count; /* lags 0 .. lag_count - 1: at most max_lag + 1, fewer than day_count */
    struct side with;
    struct side without;
    struct stats_comparison *found; /* [symptom * lag_count + lag] */
    bool *enough;                   /* the same cells: whether the comparison was made */
    struct symptom_model *symptoms; /* per symptom (each owns its restarts) */
    size_t symptom_count;
    void *white;              /* their white_series, white_series_size() each */
    struct pair_model *pairs; /* per symptom, for the current factor */
    bool *symptom_used;
    bool *factor_used;
    struct column_range *ranges; /* per symptom */
};

static void search_work_init(struct search_work *work, const struct stats_table *table, int max_lag)
{
    size_t lags = max_lag < 0 ? 0 : (size_t)max_lag + 1;
    work->lag_count = lags < table->day_count ? lags : table->day_count;
    lag_split_init(&work->split, table->day_count);
    side_init(&work->with, table->day_count);
    side_init(&work->without, table->day_count);
    size_t cells = table->symptom_count * work->lag_count + 1;
    work->found = xmalloc(cells * sizeof *work->found);
    work->enough = xmalloc(cells * sizeof *work->enough);
    work->white = xmalloc((table->symptom_count + 1) * white_series_size(table->day_count));
    work->symptoms = xcalloc(table->symptom_count + 1, sizeof *work->symptoms);
    work->symptom_count = table->symptom_count;
    work->pairs = xmalloc((table->symptom_count + 1) * sizeof *work->pairs);
    work->symptom_used = xcalloc(table->symptom_count + 1, sizeof *work->symptom_used);
    work->factor_used = xcalloc(table->factor_count + 1, sizeof *work->factor_used);
    work->ranges = xmalloc((table->symptom_count + 1) * sizeof *work->ranges);
    for (size_t s = 0; s < table->symptom_count; s++)
        work->ranges[s] = column_range(table->symptoms[s].values, table->day_count);
}

static void search_work_release(struct search_work *work)
{
    lag_split_release(&work->split);
    free(work->with.values);
    free(work->without.values);
    free(work->found);
    free(work->enough);
    for (size_t s = 0; s < work->symptom_count; s++)
        free(work->symptoms[s].restarts);
    free(work->symptoms);
    free(work->white);
    free(work->pairs);
    free(work->symptom_used);
    free(work->factor_used);
    free(work->ranges);
}

/* Which columns take part: searched symptoms that are not copies of a later one (the later,
 * more specific column is kept: a sign rather than a score, a food rather than a category), and
 * searched factors with enough days and episodes that are not copies of a later one. */
static void choose_columns(const struct stats_table *table, struct search_work *work,
                           struct stats_comparison_list *out)
{
    for (size_t s = 0; s < table->symptom_count; s++) {
        work->symptom_used[s] = table->symptoms[s].searched;
        for (size_t later = s + 1; work->symptom_used[s] && later < table->symptom_count; later++)
            if (table->symptoms[later].searched && symptoms_are_copies(table, s, later))
                work->symptom_used[s] = false;
    }
    for (size_t f = 0; f < table->factor_count; f++) {
        if (!table->factors[f].searched)
            continue;
        struct stats_episodes episodes;
        stats_factor_episodes(table, f, &episodes);
        int day;
        bool started;
        if (!stats_factor_comparable(&episodes) || stats_factor_switch(table, f, &day, &started)) {
            out->skipped++;
            continue;
        }
        work->factor_used[f] = true;
        for (size_t later = f + 1; work->factor_used[f] && later < table->factor_count; later++)
            if (table->factors[later].searched && table->factors[later].only_symptom < 0 &&
                table->factors[f].only_symptom < 0 && factors_are_copies(table, f, later))
                work->factor_used[f] = false;
    }
}

static bool symptom_in_search(const struct stats_table *table, const struct search_work *work,
                              size_t factor, size_t symptom)
{
    long only = table->factors[factor].only_symptom;
    return only >= 0 ? (size_t)only == symptom : work->symptom_used[symptom];
}

/* Every symptom against one factor at every lag, then one row per symptom: its family. */
static void search_factor(const struct stats_table *table, size_t factor, size_t min_days,
                          struct search_work *work, double *buffer,
                          struct stats_comparison_list *out)
{
    size_t lags = work->lag_count;
    double acf[FACTOR_ACF_LAGS + 1];
    factor_acf(table, factor, buffer, acf);
    for (size_t s = 0; s < table->symptom_count; s++)
        if (symptom_in_search(table, work, factor, s))
            pair_model_set(&work->symptoms[s], acf, &work->pairs[s]);
    memset(work->enough, 0, (table->symptom_count * lags + 1) * sizeof *work->enough);
    for (size_t lag = 0; lag < lags; lag++) {
        lag_split_fill(table, table->factors[factor].presence, (int)lag, &work->split);
        for (size_t s = 0; s < table->symptom_count; s++) {
            if (!symptom_in_search(table, work, factor, s))
                continue;
            struct stats_comparison *comparison = &work->found[s * lags + lag];
            work->enough[s * lags + lag] =
                compare_split(&work->split, table->symptoms[s].values, work->ranges[s], min_days,
                              &work->pairs[s], &work->with, &work->without, comparison);
            comparison->factor = factor;
            comparison->symptom = s;
            comparison->lag = (int)lag;
            if (work->enough[s * lags + lag]) {
                out->lags++;
                out->lags_p05 += comparison->p < 0.05;
                out->lags_p05_uncorrected += comparison->p_uncorrected < 0.05;
            }
        }
    }
    for (size_t s = 0; s < table->symptom_count; s++) {
        struct stats_comparison row;
        if (symptom_in_search(table, work, factor, s) &&
            reduce_family(&work->found[s * lags], &work->enough[s * lags], lags, &row))
            comparison_push(out, &row);
    }
}

/* Whether row i is confirmed: the first `confirm`, and those with q under the level among the
 * first confirm * 2 (a bound on the work: each confirmation passes over the days a few hundred
 * times). */
static bool row_to_confirm(const struct stats_search_options *options,
                           const struct stats_comparison_list *out, size_t i)
{
    return i < options->confirm || (i < options->confirm * 2 && out->items[i].q < STATS_Q_LEVEL);
}

/* A search in steps: the columns are chosen at the start, then each step searches some factors
 * or confirms some rows, so that a screen can draw between steps. */
struct stats_search_job {
    const struct stats_table *table;
    struct stats_search_options options;
    struct stats_comparison_list *out;
    struct search_work work;
    double *buffer;
    size_t min_days;
    size_t next_factor; /* factor_count once every factor is searched */
    size_t next_row;    /* the next row to consider for confirmation */
    bool sorted;
};

struct stats_search_job *stats_search_begin(const struct stats_table *table,
                                            const struct stats_search_options *options,
                                            struct stats_comparison_list *out)
{
    struct stats_search_job *job = xcalloc(1, sizeof *job);
    job->table = table;
    job->options = *options;
    job->out = out;
    out->count = out->tested = out->lags = out->skipped = 0;
    out->lags_p05 = out->lags_p05_uncorrected = 0;
    search_work_init(&job->work, table, options->max_lag);
    job->min_days = options->min_days < 2 ? 2 : options->min_days;
    size_t days = table->day_count ? table->day_count : 1;
    job->buffer = xmalloc(2 * days * sizeof *job->buffer);
    for (size_t s = 0; s < table->symptom_count; s++) {
        struct symptom_model *model = &job->work.symptoms[s];
        white_series_point(&model->white,
                           (char *)job->work.white + s * white_series_size(table->day_count),
                           table->day_count ? table->day_count : 1);
        symptom_model_fill(table, s, job->buffer, job->buffer + days, model);
    }
    choose_columns(table, &job->work, out);
    return job;
}

/* The rows to confirm come first in the list, so the walk stops at the first row past them. */
static bool confirm_next(struct stats_search_job *job)
{
    struct stats_comparison_list *out = job->out;
    size_t limit = job->options.confirm * 2;
    while (job->next_row < out->count && job->next_row < limit &&
           !row_to_confirm(&job->options, out, job->next_row))
        job->next_row++;
    if (job->next_row >= out->count || job->next_row >= limit)
        return false;
    stats_confirm(job->table, job->options.max_lag, job->options.min_days,
                  &out->items[job->next_row++]);
    return true;
}

bool stats_search_step(struct stats_search_job *job, size_t units)
{
    const struct stats_table *table = job->table;
    struct stats_comparison_list *out = job->out;
    for (size_t done = 0; done < units; done++) {
        if (job->next_factor < table->factor_count) {
            size_t f = job->next_factor++;
            if (job->work.factor_used[f])
                search_factor(table, f, job->min_days, &job->work, job->buffer, out);
        } else if (!job->sorted) {
            job->sorted = true;
            out->tested = out->count;
            if (out->count > 0) {
                qsort(out->items, out->count, sizeof *out->items, compare_rows);
                fill_q_values(out);
            }
        } else if (!confirm_next(job)) {
            return true;
        }
    }
    return false;
}

double stats_search_progress(const struct stats_search_job *job)
{
    size_t factors = job->table->factor_count, rows = job->options.confirm;
    double total = (double)(factors + 1 + rows);
    double done = (double)job->next_factor + job->sorted +
                  (double)(job->next_row < rows ? job->next_row : rows);
    return total > 0 ? done / total : 1;
}

void stats_search_free(struct stats_search_job *job)
{
    if (job == NULL)
        return;
    free(job->buffer);
    search_work_release(&job->work);
    free(job);
}

void stats_search(const struct stats_table *table, const struct stats_search_options *options,
                  struct stats_comparison_list *out)
{
    struct stats_search_job *job = stats_search_begin(table, options, out);
    while (!stats_search_step(job, SIZE_MAX))
        ;
    stats_search_free(job);
}

bool stats_is_association(const struct stats_comparison *row)
{
    return row->q < STATS_Q_LEVEL && row->checked && row->p_rotation <= STATS_CONFIRM_P;
}

/* --- Confirming a row ------------------------------------------------------------------------ */

/* A row's two series laid out for rotations: the symptom over every day (0 where missing, with
 * a mask), and the factor's presence and absence as 0/1 over two turns of the calendar, so that
 * a shifted day is an index, not a remainder. */
struct rotation {
    size_t n; /* days in the table */
    double *values;
    double *present; /* the symptom has a value on the day */
    double *with;    /* [2n]: the factor present on day i mod n */
    double *without; /* [2n]: the factor absent */
    int max_lag;
    size_t min_days;
};

static void rotation_init(struct rotation *r, const struct stats_table *table, size_t factor,
                          size_t symptom, int max_lag, size_t min_days)
{
    size_t n = table->day_count;
    *r = (struct rotation){n,
                           xmalloc(n * sizeof(double)),
                           xmalloc(n * sizeof(double)),
                           xmalloc(2 * n * sizeof(double)),
                           xmalloc(2 * n * sizeof(double)),
                           max_lag,
                           min_days};
    const double *values = table->symptoms[symptom].values;
    const signed char *presence = table->factors[factor].presence;
    for (size_t d = 0; d < n; d++) {
        bool has = table->logged[d] && !isnan(values[d]);
        r->values[d] = has ? values[d] : 0;
        r->present[d] = has;
        bool known = table->logged[d];
        r->with[d] = r->with[d + n] = known && presence[d] == STATS_PRESENT;
        r->without[d] = r->without[d + n] = known && presence[d] == STATS_ABSENT;
    }
}

static void rotation_release(struct rotation *r)
{
    free(r->values);
    free(r->present);
    free(r->with);
    free(r->without);
}

/* The statistic at one offset (shift + lag, 0 <= offset < n): |difference in means| over
 * sqrt(1/n_with + 1/n_without), the factor on day d - offset around the calendar; 0 when a side
 * is too small. Four running sums each, so that the additions do not wait on one another. */
static double rotation_at(const struct rotation *r, size_t offset)
{
    const double *with = r->with + r->n - offset, *without = r->without + r->n - offset;
    double sw[4] = {0}, so[4] = {0}, nw[4] = {0}, no[4] = {0};
    size_t d = 0;
    for (; d + 4 <= r->n; d += 4)
        for (int k = 0; k < 4; k++) {
            sw[k] += r->values[d + k] * with[d + k];
            so[k] += r->values[d + k] * without[d + k];
            nw[k] += r->present[d + k] * with[d + k];
            no[k] += r->present[d + k] * without[d + k];
        }
    for (; d < r->n; d++) {
        sw[0] += r->values[d] * with[d];
        so[0] += r->values[d] * without[d];
        nw[0] += r->present[d] * with[d];
        no[0] += r->present[d] * without[d];
    }
    double sum_with = sw[0] + sw[1] + sw[2] + sw[3], sum_without = so[0] + so[1] + so[2] + so[3];
    double n_with = nw[0] + nw[1] + nw[2] + nw[3], n_without = no[0] + no[1] + no[2] + no[3];
    if (n_with < (double)r->min_days || n_without < (double)r->min_days)
        return 0;
    return fabs(sum_with / n_with - sum_without / n_without) / sqrt(1 / n_with + 1 / n_without);
}

/* The rotation statistic: the largest over lags 0..max_lag at one shift. */
static double rotation_statistic(const struct rotation *r, size_t shift, const double *at,
                                 size_t at_first)
{
    double best = 0;
    for (int lag = 0; lag <= r->max_lag; lag++) {
        double value = at[shift + (size_t)lag - at_first];
        best = value > best ? value : best;
    }
    return best;
}

/* The rotation test of the maximum over lags: the factor's days shifted around the calendar by
 * amounts that keep the shifted days away from the real lags in both directions (so that a real
 * effect does not count against itself). It keeps both series as they are, their persistence
 * included, and needs no random numbers. The shifts come in STATS_ROTATION_BLOCKS evenly spaced
 * blocks of consecutive shifts, which share most of their offsets: STATS_ROTATIONS rotations for
 * about a quarter of the work. NaN when the table is too short to reach p <= STATS_CONFIRM_P. */
#define STATS_ROTATION_BLOCKS 10
static double rotation_p(const struct stats_table *table, const struct stats_comparison *row,
                         int max_lag, size_t min_days)
{
    size_t n = table->day_count, lags = (size_t)max_lag + 1;
    size_t margin = 2 * (size_t)max_lag + 1;
    if (n <= 2 * margin + lags)
        return NAN;
    size_t first = margin, last = n - margin - lags + 1; /* shifts first..last */
    size_t available = last - first + 1;
    size_t width = STATS_ROTATIONS / STATS_ROTATION_BLOCKS;
    size_t blocks =
        available / width < STATS_ROTATION_BLOCKS ? available / width : STATS_ROTATION_BLOCKS;
    if (blocks == 0 || 1.0 / (double)(blocks * width + 1) > STATS_CONFIRM_P)
        return NAN;
    struct rotation r;
    rotation_init(&r, table, row->factor, row->symptom, max_lag, min_days);
    double at[STATS_MAX_LAG + 1 + STATS_ROTATIONS];
    for (size_t lag = 0; lag < lags; lag++)
        at[lag] = rotation_at(&r, lag);
    double observed = rotation_statistic(&r, 0, at, 0);
    double threshold = observed - 1e-9 * (1 + observed);
    size_t hits = 0;
    for (size_t b = 0; b < blocks; b++) {
        size_t start = first + (blocks > 1 ? b * (available - width) / (blocks - 1) : 0);
        for (size_t o = 0; o < width + lags - 1; o++)
            at[o] = rotation_at(&r, start + o);
        for (size_t j = 0; j < width; j++)
            hits += rotation_statistic(&r, start + j, at, start) >= threshold;
    }
    rotation_release(&r);
    return (double)(hits + 1) / (double)(blocks * width + 1);
}

void stats_confirm(const struct stats_table *table, int max_lag, size_t min_days,
                   struct stats_comparison *row)
{
    row->checked = true;
    row->p_rotation = rotation_p(table, row, max_lag, min_days < 2 ? 2 : min_days);
    /* The negative control: the symptom 1..max_lag days before the factor, tested the same way
     * (the same prewhitening and inflations). A remedy taken after bad days shows up there at
     * least as strongly. */
    struct stats_comparison found[STATS_MAX_LAG + 1];
    bool enough[STATS_MAX_LAG + 1] = {false};
    size_t lags = 0;
    struct pair_alone pair;
    pair_alone_init(table, row->factor, row->symptom, &pair);
    for (int lag = 1; lag <= max_lag && lag <= STATS_MAX_LAG; lag++) {
        enough[lag - 1] = compare_with_model(table, row->factor, row->symptom, -lag, min_days,
                                             &pair.model, &found[lag - 1]);
        lags = (size_t)lag;
    }
    pair_alone_release(&pair);
    struct stats_comparison reverse;
    if (!reduce_family(found, enough, lags, &reverse)) {
        row->reverse_lag = 0;
        row->p_reverse = NAN;
        row->reverse_as_strong = false;
        return;
    }
    row->reverse_lag = -reverse.lag;
    row->p_reverse = reverse.p_family;
    row->reverse_as_strong = reverse.p_family < 0.05 && reverse.z >= row->z - 1;
}

/* --- Before / after -------------------------------------------------------------------------- */

/* The values of days first..first+days-1 of a symptom column (missing outside the table or on
 * days not logged). `out` holds `days` doubles. */
static void window_values(const struct stats_table *table, const double *values, int first,
                          int days, double *out)
{
    for (int i = 0; i < days; i++) {
        long row = stats_table_row(table, first + i);
        out[i] = row >= 0 && table->logged[row] ? values[row] : NAN;
    }
}

static void describe_period(const double *values, int days, struct stats_period *out)
{
    out->n = stats_count(values, (size_t)days);
    out->mean = stats_mean(values, (size_t)days);
    out->sd = stats_sd(values, (size_t)days);
}

/* The inflation of a before/after difference: the indicator of "after" is a step, which is
 * nearly perfectly autocorrelated, so the inflation is the symptom's own 1 + 2 sum_k r(k), with
 * Bartlett's weights (1 - k / (K + 1)) to damp the noise of the estimated r(k). */
static double step_inflation(const struct stats_table *table, size_t symptom)
{
    double *buffer = xmalloc((table->day_count ? table->day_count : 1) * sizeof *buffer);
    double acf[STATS_ACF_LAGS + 1];
    symptom_acf(table, symptom, buffer, acf);
    free(buffer);
    double sum = 0;
    for (size_t k = 1; k <= STATS_ACF_LAGS; k++)
        sum += (1 - (double)k / (STATS_ACF_LAGS + 1)) * acf[k];
    double inflation = 1 + 2 * sum;
    return inflation < 1 ? 1 : inflation;
}

/* Whether the last 3 logged days before the mark (within `days`) were a flare: their mean more
 * than one sd above the usual level, the mean of every logged day of the table before the mark
 * (at least 10 of them). */
static bool ends_in_flare(const struct stats_table *table, const double *values, int mark_day,
                          const double *before, int days)
{
    long mark = stats_table_row(table, mark_day);
    size_t end = mark < 0 ? (mark_day > table->first_day ? table->day_count : 0) : (size_t)mark;
    double *usual = xmalloc((end ? end : 1) * sizeof *usual);
    for (size_t i = 0; i < end; i++)
        usual[i] = table->logged[i] ? values[i] : NAN;
    double level = stats_mean(usual, end), sd = stats_sd(usual, end);
    size_t n = stats_count(usual, end);
    free(usual);
    double last = 0;
    int taken = 0;
    for (int i = days - 1; i >= 0 && taken < 3; i--)
        if (!isnan(before[i])) {
            last += before[i];
            taken++;
        }
    return n >= 10 && taken == 3 && sd > 0 && last / 3 > level + sd;
}

void stats_before_after(const struct stats_table *table, size_t symptom, int mark_day, int days,
                        struct stats_before_after *out)
{
    if (days < 1)
        days = 1;
    double *before = xmalloc((size_t)days * sizeof *before);
    double *after = xmalloc((size_t)days * sizeof *after);
    const double *values = table->symptoms[symptom].values;
    window_values(table, values, mark_day - days, days, before);
    window_values(table, values, mark_day, days, after);
    describe_period(before, days, &out->before);
    describe_period(after, days, &out->after);
    out->inflation = step_inflation(table, symptom);
    struct stats_welch welch;
    out->p = NAN;
    if (stats_welch(before, (size_t)days, after, (size_t)days, &welch)) {
        double df = welch.df / out->inflation;
        out->p = stats_t_two_sided_p(welch.t / sqrt(out->inflation), df < 1 ? 1 : df);
    }
    out->before_ends_in_flare = ends_in_flare(table, values, mark_day, before, days);
    free(before);
    free(after);
}
