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
 * Headline measure: a regression of the symptom on the factor (1 present, 0 absent) by
 * generalised least squares for errors that persist from day to day as an AR(1) series (AR(1)
 * GLS; stats_ar1_gls()), its t corrected for what autocorrelation is left. Diaries are not
 * independent days: symptoms, foods and habits persist from one day to the next, and a test that
 * treats each day as new sees patterns in noise (about 17% of comparisons at p < 0.05 on noise
 * with day-to-day autocorrelation 0.6). With r the symptom's lag-1 autocorrelation (once per
 * column), each day d is compared as y_d - r y_{d-1} against x_{d-lag} - r x_{d-lag-1} (a
 * quasi-difference; after a missing day, from the last day there is, with r to the power of the
 * gap). Under no effect what is left of the symptom is close to independent from day to day
 * whatever the factor does, so the t is honest, and the regression weighs the days as an AR(1)
 * series should: about twice as efficient as comparing raw means with their variance inflated
 * (with autocorrelation 0.6 in both series). What autocorrelation the AR(1) model leaves (a
 * symptom that is not quite AR(1)) still divides the effective number of days, by Bartlett's
 * formula for the correlation of two independent series, 1 + 2 sum_k r_factor*(k) r_symptom*(k)
 * over the prewhitened series (stats_variance_inflation(), stats_prewhiten(),
 * stats_prewhitened_acf()). The difference shown to people stays the plain mean with minus mean
 * without. When a side is small (under STATS_SMALL_SIDE days) or nearly constant (all but a few
 * days at its lowest or its highest value, say eight 0s and one 0.25), no t-test is to be
 * trusted and a seeded permutation test of the raw days gives p instead, corrected by the
 * inflation of the raw series' autocorrelations (1 + 2 sum_k r_factor(k) r_symptom(k)).
 *
 * A search (stats_search()) treats a factor/symptom pair's lags 0..max_lag as one question: its
 * p is the smallest lag's corrected p adjusted for the number of lags looked at (Sidak), and the
 * Benjamini-Hochberg q-value (false discovery rate) is computed over the pairs. A factor is only
 * compared when it was present and absent on at least STATS_FACTOR_MIN_DAYS logged days each, in
 * at least STATS_FACTOR_MIN_EPISODES separate episodes each; a factor that switched once and
 * stayed (a habit started on a date; stats_factor_switch()) is a before/after change, not a
 * daily association, and is left out. Columns that repeat another (a group score that equals one
 * sign, a category that equals one food) are compared once. stats_confirm() then checks a row with
 * tests that need no model of the autocorrelation at all: a rotation test (the factor's days
 * shifted around the calendar against the symptom, which keeps both series' persistence, of the
 * maximum over lags) and the reverse direction as a negative control (the symptom before the
 * factor).
 */
#ifndef GUTSKIN_STATS_H
#define GUTSKIN_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fewest days on each side (factor present / absent) for a comparison to be shown. */
#define STATS_MIN_DAYS 5
/* Fewest logged days with and without a factor, and fewest separate episodes of each, before it
 * is compared at all. */
#define STATS_FACTOR_MIN_DAYS 10
#define STATS_FACTOR_MIN_EPISODES 3
/* A side with fewer days than this, or with fewer than STATS_FEW_VALUES days away from its lowest
 * (or highest) value, is tested by permutation. */
#define STATS_SMALL_SIDE 10
#define STATS_FEW_VALUES 5
/* Autocorrelations used for the variance inflation: lags 1..STATS_ACF_LAGS. */
#define STATS_ACF_LAGS 14
/* Rotations of the rotation test (evenly spaced shifts), and the p under which it confirms. */
#define STATS_ROTATIONS 100
#define STATS_CONFIRM_P 0.05
/* The q-value under which a row counts as an association. */
#define STATS_Q_LEVEL 0.10
/* Largest lag, in days, between a factor and the symptom it is compared with. */
#define STATS_MAX_LAG 7
/* Window of the moving average shown on the Trends screen. */
#define STATS_MOVING_WINDOW 7
/* Resamples and seed of the permutation test used when the t-test is undefined. */
#define STATS_PERMUTATIONS 4999
#define STATS_PERMUTATION_SEED UINT64_C(0x67757473)
#define STATS_PERMUTATION_HITS 20

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

/* The next number of a splitmix64 generator (the permutation test's, and the synthetic
 * journals'): deterministic for a given starting state. */
uint64_t stats_random_next(uint64_t *state);

/* The permutation test of the comparisons: STATS_PERMUTATIONS resamples with the fixed seed,
 * stopping as soon as STATS_PERMUTATION_HITS of them were as extreme as the data (p = hits /
 * resamples drawn; Besag and Clifford 1991), which keeps it valid and makes a p far from
 * significant cheap. */
double stats_permutation_p_sequential(const double *a, size_t a_count, const double *b,
                                      size_t b_count);

/* Two-sided p of a standard normal z, and the z of a two-sided p (0 < p <= 1). */
double stats_normal_two_sided_p(double z);
double stats_normal_z_of_p(double p);

/* --- The daily matrix ---------------------------------------------------------------------- */

enum stats_presence {
    STATS_UNKNOWN = -1, /* not recorded (day not logged, or this part of it left empty) */
    STATS_ABSENT = 0,
    STATS_PRESENT = 1,
};

/* A symptom: one value per day (NaN = missing). `tag` is free for the caller (e.g. to tell a
 * single sign from a composite score). Symptoms with `searched` false are kept out of
 * stats_search(). */
struct stats_symptom {
    char *id;
    char *label;
    int tag;
    bool searched;
    double *values;
};

/* A factor: presence per day (enum stats_presence stored in a signed char). Factors with
 * `searched` false are kept out of stats_search() and only compared on request; `only_symptom`
 * (-1: every symptom) limits the search to one symptom column. */
struct stats_factor {
    char *id;
    char *label;
    int tag;
    bool searched;
    long only_symptom;
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

/* --- Autocorrelation ----------------------------------------------------------------------- */

/* out[k] for k = 0..max_lag: the lag-k autocorrelation of a daily series (NaN = missing), the
 * mean product of deviations over the pairs of days k apart that are both present, over the
 * variance of all present values (divided by n); out[0] is 1. 0 where it cannot be computed (no
 * spread, or no pair k apart). */
void stats_autocorrelation(const double *values, size_t count, size_t max_lag, double *out);

/* How much autocorrelation inflates the variance of a comparison between two independent series
 * with autocorrelations a[0..lags] and b[0..lags]: 1 + 2 sum_{k=1}^{lags} a[k] b[k], at least 1.
 * A comparison's effective number of days is its days over this. */
double stats_variance_inflation(const double *a, const double *b, size_t lags);

/* The prewhitened series: out[i] = values[i] - r values[i - 1], NaN when either day is missing
 * (and for i = 0). `out` holds `count` doubles and may not alias `values`. */
void stats_prewhiten(const double *values, size_t count, double r, double *out);

/* The autocorrelations out[0..lags] of x_t - r x_{t-1}, from those of x in acf[0..lags + 1]:
 * gamma*(k) = (1 + r^2) acf(k) - r (acf(k - 1) + acf(k + 1)), acf(-1) = acf(1), over gamma*(0).
 * Worked out from the column's own autocorrelations, so that a factor prewhitened with each
 * symptom's r costs no pass over the days. out[0] is 1; the rest 0 when gamma*(0) is not
 * positive. */
void stats_prewhitened_acf(const double *acf, size_t lags, double r, double *out);

struct stats_regression {
    double slope; /* of y on x */
    double t;     /* slope over its standard error */
    double df;    /* rows - 2 */
    double p;     /* two-sided */
    size_t n;     /* rows: days with both values present */
};

/* The generalised least squares (GLS) regression of y on x with an intercept, for errors that
 * follow an AR(1) series with coefficient phi (kept within +-0.98) from day to day: rows are the
 * days i where both are present; a row whose previous row is g days before is transformed to
 * (y_i - phi^g y_prev) / sqrt(1 - phi^(2g)), x likewise, and the intercept's column to
 * (1 - phi^g) / sqrt(1 - phi^(2g)); the first row stays as it is (Prais-Winsten). With every day
 * present this is the regression of y_i - phi y_{i-1} on x_i - phi x_{i-1}; a missing day costs
 * its own row only. phi = 0 is ordinary least squares. False (and `out` untouched) with fewer than
 * 3 rows, no spread in x beyond the intercept, or no residual spread. */
bool stats_ar1_gls(const double *x, const double *y, size_t count, double phi,
                   struct stats_regression *out);

/* The factor's days on logged days, and its episodes: runs of days present (absent) that an
 * absent (present) logged day ends; unknown days neither end nor extend a run. */
struct stats_episodes {
    size_t days_present, days_absent;
    size_t runs_present, runs_absent;
};
void stats_factor_episodes(const struct stats_table *table, size_t factor,
                           struct stats_episodes *out);
/* Whether a factor switched once and (nearly) stayed: some logged day splits its days into two
 * parts, each of at least STATS_FACTOR_MIN_DAYS known days, whose shares of days present differ
 * by STATS_SWITCH_SHARE or more (a daily probiotic started on a date and missed now and then).
 * `*day` is the first day after the split, `*started` whether the factor is present after it. */
#define STATS_SWITCH_SHARE 0.8
bool stats_factor_switch(const struct stats_table *table, size_t factor, int *day, bool *started);

/* Whether a factor has enough days and episodes to be compared (see the top of this file). */
bool stats_factor_comparable(const struct stats_episodes *episodes);

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
    /* The test: the AR(1) GLS regression's t over the square root of the inflation left after
     * prewhitening, df its rows - 2 over that inflation; or, should the regression have no
     * spread left, Welch's t and df over the raw inflation; NaN for a permutation test. */
    double t;
    double df;
    double p;             /* two-sided, corrected for autocorrelation */
    double p_uncorrected; /* Welch's (or the permutation test's) p as if days were independent */
    double inflation;     /* the variance inflation applied (1: none) */
    bool permutation;     /* p comes from the permutation test */
    bool prewhitened;     /* p comes from the AR(1) GLS regression */
    double prewhitening;  /* its coefficient: the symptom's lag-1 autocorrelation */
    double slope;         /* the regression's estimate of the difference (NaN: not used) */
    size_t n_pairs;       /* the regression's rows: n_with + n_without */
    double z;             /* the strength as a normal z: |t|, or the z of a permutation p */
    /* In a search: the pair's p over its lags (Sidak on the smallest p), its q-value over the
     * pairs, and whether its lag stands out; outside one: p, p and true. */
    double p_family;
    double q;
    int lags_compared;
    bool lag_stands_out;
    /* Filled by stats_confirm(): the rotation test's p (NaN before), and the reverse direction:
     * its strongest lag (1..max_lag: the symptom that many days before the factor), its p over
     * those lags, and whether it is as strong as the forward direction. */
    bool checked; /* stats_confirm() ran */
    double p_rotation;
    int reverse_lag;
    double p_reverse;
    bool reverse_as_strong;
};

/* Compares one factor with one symptom at one lag: the symptom on each day d where both d and
 * d - lag are logged, split by the factor's presence on d - lag (unknown: left out). A negative
 * lag looks at the factor after the symptom. False when either side has fewer than `min_days`
 * days (or fewer than 2). */
bool stats_compare(const struct stats_table *table, size_t factor, size_t symptom, int lag,
                   size_t min_days, struct stats_comparison *out);

struct stats_comparison_list {
    struct stats_comparison *items;
    size_t count;
    size_t capacity;
    size_t tested; /* factor/symptom pairs compared by the last search (one row each) */
    size_t lags;   /* comparisons over all lags */
    /* Of those, how many reached p < 0.05, corrected and as if days were independent: what
     * the correction changes, for the benchmark. */
    size_t lags_p05, lags_p05_uncorrected;
    size_t skipped; /* factors left out: too few days or episodes, or switched once */
};

void stats_comparison_list_init(struct stats_comparison_list *list);
void stats_comparison_list_release(struct stats_comparison_list *list);

struct stats_search_options {
    int max_lag;     /* 0..max_lag, usually STATS_MAX_LAG */
    size_t min_days; /* per side, usually STATS_MIN_DAYS */
    size_t confirm;  /* stats_confirm() the first rows, and every row with q < STATS_Q_LEVEL
                        among the first `confirm` * 2 (0: none) */
};

/* Compares every comparable searched factor with every searched symptom that is not a copy of
 * another at every lag, and fills `out` (reset first) with one row per pair, its strongest lag:
 * smallest p_family first, then largest |t|, then column order. */
void stats_search(const struct stats_table *table, const struct stats_search_options *options,
                  struct stats_comparison_list *out);

/* The same search in steps, for a screen that draws between them: _begin chooses the columns,
 * each _step searches up to `units` factors, or sorts the rows, or confirms up to `units` rows,
 * and returns true when the search is complete (`out` is then what stats_search() gives);
 * _progress is the share done, 0 to 1. The table and `out` must stay put until _free. */
struct stats_search_job;
struct stats_search_job *stats_search_begin(const struct stats_table *table,
                                            const struct stats_search_options *options,
                                            struct stats_comparison_list *out);
bool stats_search_step(struct stats_search_job *job, size_t units);
double stats_search_progress(const struct stats_search_job *job);
void stats_search_free(struct stats_search_job *job);

/* The rotation test and the reverse control of one row of a search (see the top of the file). */
void stats_confirm(const struct stats_table *table, int max_lag, size_t min_days,
                   struct stats_comparison *row);

/* Whether a row counts as an association: q under STATS_Q_LEVEL and, once confirmed, the
 * rotation test under STATS_CONFIRM_P. */
bool stats_is_association(const struct stats_comparison *row);

/* --- Before / after a marked day ----------------------------------------------------------- */

struct stats_period {
    double mean; /* NaN when n is 0 */
    double sd;   /* NaN when n < 2 */
    size_t n;
};

struct stats_before_after {
    struct stats_period before; /* the `days` days before the mark, the mark excluded */
    struct stats_period after;  /* the mark and the `days - 1` days after it */
    double p;         /* Welch p between the two, corrected for autocorrelation; NaN if none */
    double inflation; /* 1 + 2 sum_k r(k) of the symptom over the whole table, at least 1 */
    /* The last 3 logged days before the mark averaged more than one sd above the symptom's
     * mean over the whole table before the mark: part of any drop after it is regression to
     * the mean. */
    bool before_ends_in_flare;
};

/* Before/after a mark for one symptom column; days outside the table count as missing. The
 * autocorrelation and the usual level come from the whole table: give it months around the
 * mark for them to mean something. */
void stats_before_after(const struct stats_table *table, size_t symptom, int mark_day, int days,
                        struct stats_before_after *out);

#endif
