/*
 * stats.c - means, spreads, moving averages, Welch's t-test, a permutation test and the lagged
 * factor/symptom comparisons of the Trends screen and the report. See stats.h for the model.
 */
#include "stats.h"

#include <float.h>
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
static uint64_t splitmix_next(uint64_t *state)
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
        draw = splitmix_next(state);
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
 * pooled values (whose sum is `total`). */
static unsigned count_hits(double *pooled, size_t n, size_t k, double total, double threshold,
                           unsigned iterations, uint64_t seed)
{
    struct draw_bound *bounds = xmalloc((k ? k : 1) * sizeof *bounds);
    for (size_t i = 0; i < k; i++)
        draw_bound_init(&bounds[i], n - i);
    double rest = (double)(n - k);
    uint64_t state = seed;
    unsigned hits = 0;
    for (unsigned i = 0; i < iterations; i++) {
        double sum = draw_subset_sum(pooled, k, bounds, &state);
        hits += fabs(sum / (double)k - (total - sum) / rest) >= threshold;
    }
    free(bounds);
    return hits;
}

/* Relabelling only the smaller side is enough: |mean of k - mean of the rest| is the statistic
 * whichever side the k values stand for, and it keeps each resample O(smaller side). */
double stats_permutation_p(const double *a, size_t a_count, const double *b, size_t b_count,
                           unsigned iterations, uint64_t seed)
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
        unsigned hits = count_hits(pooled, n, k, total, threshold, iterations, seed);
        p = (hits + 1.0) / (iterations + 1.0);
    }
    free(pooled);
    return p;
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
 * factor's presence on d - lag (unknown: left out). A search makes it once per factor and lag
 * and shares it between all the symptoms. */
struct lag_split {
    size_t *with;
    size_t n_with;
    size_t *without;
    size_t n_without;
};

static void lag_split_init(struct lag_split *split, size_t day_count)
{
    split->with = xmalloc((day_count ? day_count : 1) * sizeof *split->with);
    split->without = xmalloc((day_count ? day_count : 1) * sizeof *split->without);
    split->n_with = split->n_without = 0;
}

static void lag_split_release(struct lag_split *split)
{
    free(split->with);
    free(split->without);
}

static void lag_split_fill(const struct stats_table *table, const signed char *presence, int lag,
                           struct lag_split *split)
{
    split->n_with = split->n_without = 0;
    for (size_t d = (size_t)lag; d < table->day_count; d++) {
        size_t earlier = d - (size_t)lag;
        if (!table->logged[d] || !table->logged[earlier])
            continue;
        if (presence[earlier] == STATS_PRESENT)
            split->with[split->n_with++] = d;
        else if (presence[earlier] == STATS_ABSENT)
            split->without[split->n_without++] = d;
    }
}

/* One side of a comparison: the symptom values present on its days, in day order. The mean and
 * variance are computed with the same operations in the same order as stats_mean() and
 * stats_variance(), so that results do not depend on which path computed them. */
struct side {
    double *values;
    size_t n;
    double mean;
    double variance;
};

static void side_init(struct side *side, size_t day_count)
{
    side->values = xmalloc((day_count ? day_count : 1) * sizeof *side->values);
    side->n = 0;
}

/* A side being collected, held apart from struct side so that the compiler can keep it in
 * registers (two struct side pointers might be one and the same). */
struct gathering {
    double *values;
    size_t n;
    double sum;
};

/* Appends a present value and adds it to the sum, without a branch: a missing value is written
 * past the end and adds +0, which leaves the sum as it was (it starts at +0, so it is never -0).
 * Values are missing at random, and a mispredicted branch for each cost more. */
static void gathering_take(struct gathering *side, double value)
{
    bool present = !isnan(value);
    side->values[side->n] = value;
    side->n += present;
    side->sum += present ? value : 0.0;
}

static void side_set_gathered(struct side *side, const struct gathering *gathered)
{
    side->n = gathered->n;
    side->mean = gathered->n ? gathered->sum / (double)gathered->n : NAN;
}

/* Collects the values and means of both sides in one pass. Each sum is still added in day order
 * (the same result as stats_mean()), but the two are independent, so a loop over both sides at
 * once lets the processor work on them together instead of waiting on one addition at a time. */
static void sides_gather(struct side *with, struct side *without, const struct lag_split *split,
                         const double *column)
{
    struct gathering a = {with->values, 0, 0}, b = {without->values, 0, 0};
    size_t both = split->n_with < split->n_without ? split->n_with : split->n_without;
    for (size_t i = 0; i < both; i++) {
        gathering_take(&a, column[split->with[i]]);
        gathering_take(&b, column[split->without[i]]);
    }
    for (size_t i = both; i < split->n_with; i++)
        gathering_take(&a, column[split->with[i]]);
    for (size_t i = both; i < split->n_without; i++)
        gathering_take(&b, column[split->without[i]]);
    side_set_gathered(with, &a);
    side_set_gathered(without, &b);
}

static double side_square(const struct side *side, size_t i)
{
    double deviation = side->values[i] - side->mean;
    return deviation * deviation;
}

static void side_set_variance(struct side *side, double squares)
{
    side->variance = side->n < 2 ? NAN : squares / (double)(side->n - 1);
}

/* Two passes around the mean, as stats_variance() (the one-pass sum of squares loses precision),
 * both sides in one loop as in sides_gather(). */
static void sides_variance(struct side *with, struct side *without)
{
    double squares_with = 0, squares_without = 0;
    size_t both = with->n < without->n ? with->n : without->n;
    for (size_t i = 0; i < both; i++) {
        squares_with += side_square(with, i);
        squares_without += side_square(without, i);
    }
    for (size_t i = both; i < with->n; i++)
        squares_with += side_square(with, i);
    for (size_t i = both; i < without->n; i++)
        squares_without += side_square(without, i);
    side_set_variance(with, squares_with);
    side_set_variance(without, squares_without);
}

/* Fills the test part of a comparison. When one side has no spread at all (five days all rated
 * 0, say), Welch's standard error ignores that side's uncertainty and its p-value is far too
 * small; the permutation test stands in. */
static void compare_sides(struct side *with, struct side *without, struct stats_comparison *out)
{
    sides_variance(with, without);
    struct stats_welch welch;
    bool spread = with->variance > 0 && without->variance > 0;
    if (spread && welch_from_moments(with->mean, with->variance, (double)with->n, without->mean,
                                     without->variance, (double)without->n, &welch)) {
        out->t = welch.t;
        out->df = welch.df;
        out->p = welch.p;
        return;
    }
    out->df = NAN;
    out->t = NAN;
    if (out->difference == 0) {
        out->p = 1;
        return;
    }
    out->p = stats_permutation_p(with->values, with->n, without->values, without->n,
                                 STATS_PERMUTATIONS, STATS_PERMUTATION_SEED);
}

/* One symptom column against a split; min_days is at least 2. The sides' buffers hold
 * day_count values each. */
static bool compare_split(const struct lag_split *split, const double *column, size_t min_days,
                          struct side *with, struct side *without, struct stats_comparison *out)
{
    /* Missing values only shrink a side, so a split too small already needs no value read. */
    if (split->n_with < min_days || split->n_without < min_days)
        return false;
    sides_gather(with, without, split, column);
    if (with->n < min_days || without->n < min_days)
        return false;
    out->n_with = with->n;
    out->n_without = without->n;
    out->mean_with = with->mean;
    out->mean_without = without->mean;
    out->difference = out->mean_with - out->mean_without;
    compare_sides(with, without, out);
    out->q = out->p;
    return true;
}

bool stats_compare(const struct stats_table *table, size_t factor, size_t symptom, int lag,
                   size_t min_days, struct stats_comparison *out)
{
    if (factor >= table->factor_count || symptom >= table->symptom_count || lag < 0 ||
        (size_t)lag >= table->day_count)
        return false;
    struct lag_split split;
    struct side with, without;
    lag_split_init(&split, table->day_count);
    side_init(&with, table->day_count);
    side_init(&without, table->day_count);
    lag_split_fill(table, table->factors[factor].presence, lag, &split);
    struct stats_comparison comparison;
    bool enough = compare_split(&split, table->symptoms[symptom].values,
                                min_days < 2 ? 2 : min_days, &with, &without, &comparison);
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

void stats_comparison_list_init(struct stats_comparison_list *list)
{
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
    list->tested = 0;
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

static int compare_strength(const void *left, const void *right)
{
    const struct stats_comparison *a = left, *b = right;
    if (a->p != b->p)
        return a->p < b->p ? -1 : 1;
    double da = fabs(a->difference), db = fabs(b->difference);
    if (da != db)
        return da > db ? -1 : 1;
    if (a->factor != b->factor)
        return a->factor < b->factor ? -1 : 1;
    if (a->symptom != b->symptom)
        return a->symptom < b->symptom ? -1 : 1;
    return (a->lag > b->lag) - (a->lag < b->lag);
}

/* Benjamini-Hochberg on a list sorted by p: q_i = min over j >= i of p_j * m / j. */
static void fill_q_values(struct stats_comparison_list *list)
{
    double running = 1;
    for (size_t i = list->count; i > 0; i--) {
        struct stats_comparison *item = &list->items[i - 1];
        double q = item->p * (double)list->count / (double)i;
        running = q < running ? q : running;
        item->q = running;
    }
}

/* Keeps the first (strongest) comparison of each factor/symptom pair, in order. */
static void keep_best_lag(struct stats_comparison_list *list, const struct stats_table *table)
{
    bool *seen = xcalloc(table->factor_count * table->symptom_count + 1, sizeof *seen);
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        size_t pair = list->items[i].factor * table->symptom_count + list->items[i].symptom;
        if (seen[pair])
            continue;
        seen[pair] = true;
        list->items[kept++] = list->items[i];
    }
    list->count = kept;
    free(seen);
}

/* The reusable storage of a search: the split of one factor at one lag, the two sides, and the
 * comparisons of the current factor, symptom by symptom and lag by lag. One split at a time keeps
 * the memory to a few arrays of a day each, however many lags are searched. */
struct search_work {
    struct lag_split split;
    size_t lag_count; /* lags 0 .. lag_count - 1: at most max_lag + 1, fewer than day_count */
    struct side with;
    struct side without;
    struct stats_comparison *found; /* [symptom * lag_count + lag] */
    bool *enough;                   /* the same cells: whether the comparison was made */
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
}

static void search_work_release(struct search_work *work)
{
    lag_split_release(&work->split);
    free(work->with.values);
    free(work->without.values);
    free(work->found);
    free(work->enough);
}

/* Every symptom against one factor at every lag, appended in symptom then lag order (the order
 * of the comparisons decides nothing after sorting, but keeping it costs nothing). */
static void search_factor(const struct stats_table *table, size_t factor, size_t min_days,
                          struct search_work *work, struct stats_comparison_list *out)
{
    size_t lags = work->lag_count;
    for (size_t lag = 0; lag < lags; lag++) {
        lag_split_fill(table, table->factors[factor].presence, (int)lag, &work->split);
        for (size_t s = 0; s < table->symptom_count; s++) {
            struct stats_comparison *comparison = &work->found[s * lags + lag];
            work->enough[s * lags + lag] =
                compare_split(&work->split, table->symptoms[s].values, min_days, &work->with,
                              &work->without, comparison);
            comparison->factor = factor;
            comparison->symptom = s;
            comparison->lag = (int)lag;
        }
    }
    for (size_t cell = 0; cell < table->symptom_count * lags; cell++)
        if (work->enough[cell])
            comparison_push(out, &work->found[cell]);
}

void stats_search(const struct stats_table *table, const struct stats_search_options *options,
                  struct stats_comparison_list *out)
{
    out->count = 0;
    struct search_work work;
    search_work_init(&work, table, options->max_lag);
    size_t min_days = options->min_days < 2 ? 2 : options->min_days;
    for (size_t f = 0; f < table->factor_count; f++)
        if (table->factors[f].searched)
            search_factor(table, f, min_days, &work, out);
    search_work_release(&work);
    out->tested = out->count;
    if (out->count == 0)
        return;
    qsort(out->items, out->count, sizeof *out->items, compare_strength);
    fill_q_values(out);
    if (options->best_lag_only)
        keep_best_lag(out, table);
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
    struct stats_welch welch;
    out->p = stats_welch(before, (size_t)days, after, (size_t)days, &welch) ? welch.p : NAN;
    free(before);
    free(after);
}
