/*
 * stats.h - the statistics behind the Trends screen and the practitioner report.
 *
 * Pure arithmetic: no SQL, no curses, no content files. Callers fill plain arrays or a
 * `struct stats_table` (a daily matrix of symptoms and factors) and read numbers back.
 *
 * Missing values: a NaN in an array of doubles means "not logged" and is skipped by every
 * function here; a result that cannot be computed (no values, too few values) is NaN as well.
 * Use isnan() to test. Daily series are indexed by day: element i is day `first_day + i`, so a
 * gap in the journal is a NaN, never a zero.
 *
 * Headline measure: Welch's t-test (unequal variances). It is closed-form and fast enough to run
 * for every factor x symptom x lag on each refresh of a screen (thousands of comparisons),
 * deterministic, and does not assume equal spread on the two sides. Its weakness is that
 * severities are small whole numbers, not normal; with at least STATS_MIN_DAYS on each side the
 * p-value is a fair guide to "could this be chance", no more. A seeded permutation test
 * (stats_permutation_p) is provided as an assumption-free check, and stats_compare() uses it
 * instead when one side has no spread at all (say five days all rated 0): Welch's standard error
 * then ignores that side's uncertainty and gives far too small a p-value, and such all-zero
 * sides are common with 0-4 severities.
 *
 * Many comparisons are made at once, so some small p-values will be chance. stats_search()
 * therefore also gives each result a Benjamini-Hochberg q-value (false discovery rate) computed
 * over every comparison it made.
 */
#ifndef GUTSKIN_STATS_H
#define GUTSKIN_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fewest days on each side (factor present / absent) for a comparison to be shown. */
#define STATS_MIN_DAYS 5
/* Largest lag, in days, between a factor and the symptom it is compared with. */
#define STATS_MAX_LAG 7
/* Window of the moving average shown on the Trends screen. */
#define STATS_MOVING_WINDOW 7
/* Resamples and seed of the permutation test used when the t-test is undefined. */
#define STATS_PERMUTATIONS 4999
#define STATS_PERMUTATION_SEED UINT64_C(0x67757473)

/* --- Basics over arrays with NaN = missing ------------------------------------------------ */

/* Number of values that are not NaN. */
size_t stats_count(const double *values, size_t count);
/* Arithmetic mean; NaN when no value is present. */
double stats_mean(const double *values, size_t count);
/* Sample variance (divides by n - 1) and its square root; NaN with fewer than 2 values. */
double stats_variance(const double *values, size_t count);
double stats_sd(const double *values, size_t count);
/* Median (mean of the two middle values for an even count); NaN when no value is present. */
double stats_median(const double *values, size_t count);

/* Trailing moving average of a daily series: out[i] is the mean of the values present among
 * values[i - window + 1 .. i] (fewer at the start), NaN when none is. `out` holds `count`
 * doubles and may not alias `values`. */
void stats_moving_average(const double *values, size_t count, size_t window, double *out);

/* --- Tests --------------------------------------------------------------------------------- */

/* Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1 (NaN otherwise),
 * evaluated by a continued fraction. */
double stats_incomplete_beta(double a, double b, double x);

/* Two-sided p-value of Student's t distribution: P(|T| >= |t|) with `df` degrees of freedom
 * (df > 0, need not be whole). NaN for df <= 0 or a NaN t. */
double stats_t_two_sided_p(double t, double df);

struct stats_welch {
    double t;  /* (mean_a - mean_b) / standard error */
    double df; /* Welch-Satterthwaite degrees of freedom */
    double p;  /* two-sided */
};

/* Welch's t-test between the values present in `a` and in `b`. False (and `out` untouched)
 * when either side has fewer than 2 values or neither side has any spread. */
bool stats_welch(const double *a, size_t a_count, const double *b, size_t b_count,
                 struct stats_welch *out);

/* Two-sided permutation test of the difference in means: the share of `iterations` random
 * relabellings of the pooled values whose |difference| is at least the observed one, counted as
 * (hits + 1) / (iterations + 1). Deterministic for a given `seed` (own splitmix64 generator).
 * NaN when either side has no value. */
double stats_permutation_p(const double *a, size_t a_count, const double *b, size_t b_count,
                           unsigned iterations, uint64_t seed);

/* --- The daily matrix ---------------------------------------------------------------------- */

enum stats_presence {
    STATS_UNKNOWN = -1, /* not recorded (day not logged, or this part of it left empty) */
    STATS_ABSENT = 0,
    STATS_PRESENT = 1,
};

/* A symptom: one value per day (NaN = missing). `tag` is free for the caller (e.g. to tell a
 * single sign from a composite score). */
struct stats_symptom {
    char *id;
    char *label;
    int tag;
    double *values;
};

/* A factor: presence per day (enum stats_presence stored in a signed char). Factors with
 * `searched` false are kept out of stats_search() and only compared on request. */
struct stats_factor {
    char *id;
    char *label;
    int tag;
    bool searched;
    signed char *presence;
};

/* Days first_day .. first_day + day_count - 1 (day numbers as in dates.h). A day that is not
 * logged never takes part in a comparison, whatever its cells hold. */
struct stats_table {
    int first_day;
    size_t day_count;
    bool *logged;
    struct stats_symptom *symptoms;
    size_t symptom_count;
    size_t symptom_capacity;
    struct stats_factor *factors;
    size_t factor_count;
    size_t factor_capacity;
};

/* Days from..to inclusive (to >= from), none logged, no columns. */
void stats_table_init(struct stats_table *table, int from, int to);
void stats_table_release(struct stats_table *table);

/* The row of a day number, or -1 outside the table. */
long stats_table_row(const struct stats_table *table, int day_number);

/* Adds a column (all missing / unknown) and returns its index. Strings are copied. */
size_t stats_table_add_symptom(struct stats_table *table, const char *id, const char *label,
                               int tag);
size_t stats_table_add_factor(struct stats_table *table, const char *id, const char *label, int tag,
                              bool searched);

/* Adds a factor that is present on the logged days where values[row] (one per day, NaN =
 * missing) is above the median of the values present on logged days, absent where it is at or
 * below it, unknown where it is missing. The median is written to `*median` when not NULL. */
size_t stats_table_add_factor_above_median(struct stats_table *table, const char *id,
                                           const char *label, int tag, bool searched,
                                           const double *values, double *median);

/* Column indexes by id, or -1. */
long stats_table_find_symptom(const struct stats_table *table, const char *id);
long stats_table_find_factor(const struct stats_table *table, const char *id);

/* --- Comparisons: symptom on days after a factor vs days without it ---------------------- */

struct stats_comparison {
    size_t factor; /* column indexes in the table */
    size_t symptom;
    int lag;             /* the factor is looked at on day d - lag, the symptom on day d */
    double mean_with;    /* symptom mean on days whose day d - lag had the factor */
    double mean_without; /* ... whose day d - lag was logged without it */
    double difference;   /* mean_with - mean_without */
    size_t n_with;
    size_t n_without;
    double t;  /* Welch t; NaN when the permutation test gave p */
    double df; /* Welch-Satterthwaite; NaN when the permutation test gave p */
    double p;  /* two-sided */
    double q;  /* Benjamini-Hochberg q-value within a search; equal to p outside one */
};

/* Compares one factor with one symptom at one lag: the symptom on each day d where both d and
 * d - lag are logged, split by the factor's presence on d - lag (unknown: left out). False when
 * either side has fewer than `min_days` days (or fewer than 2). */
bool stats_compare(const struct stats_table *table, size_t factor, size_t symptom, int lag,
                   size_t min_days, struct stats_comparison *out);

struct stats_comparison_list {
    struct stats_comparison *items;
    size_t count;
    size_t capacity;
    size_t tested; /* comparisons made by the last search, before best_lag_only dropped any */
};

void stats_comparison_list_init(struct stats_comparison_list *list);
void stats_comparison_list_release(struct stats_comparison_list *list);

struct stats_search_options {
    int max_lag;        /* 0..max_lag, usually STATS_MAX_LAG */
    size_t min_days;    /* usually STATS_MIN_DAYS */
    bool best_lag_only; /* keep only the strongest lag of each factor/symptom pair */
};

/* Compares every searched factor with every symptom at every lag and fills `out` (reset first)
 * with the comparisons that have enough days, strongest first: smallest p, then largest
 * |difference|, then column order. q-values are computed over all comparisons made, before
 * best_lag_only drops any. */
void stats_search(const struct stats_table *table, const struct stats_search_options *options,
                  struct stats_comparison_list *out);

/* --- Before / after a marked day ----------------------------------------------------------- */

struct stats_period {
    double mean; /* NaN when n is 0 */
    double sd;   /* NaN when n < 2 */
    size_t n;
};

struct stats_before_after {
    struct stats_period before; /* the `days` days before the mark, the mark excluded */
    struct stats_period after;  /* the mark and the `days - 1` days after it */
    double p;                   /* Welch p between the two, NaN when not computable */
};

/* Before/after a mark for one symptom column; days outside the table count as missing. */
void stats_before_after(const struct stats_table *table, size_t symptom, int mark_day, int days,
                        struct stats_before_after *out);

#endif
