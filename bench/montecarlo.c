/*
 * montecarlo.c - runs gutskin's own search (insights_search) on hundreds of synthetic journals
 * with a known truth (synthetic.h) and prints how often it keeps its promise:
 *
 *   noise journals (no effect anywhere): the share with any row at q < 0.10, with any
 *   association (q < 0.10 and confirmed by the rotation test), and the share of rows at
 *   p < 0.05 (the list's own "about N by chance" promises 5%);
 *   journals with a planted effect: how often the planted pair is the first row, at its lag.
 *
 * usage: montecarlo [--journals N] [--days D] [--rho R] [--food-rho R] [--effect E] [--lag L]
 *                   [--missing M] [--noise SD] [--seed S] [--content DIR] [--each yes]
 *
 * --each yes also prints one line per journal (kind, seed, any row at q < 0.10, the planted pair
 * first at its lag), so that two builds run on the same seeds can be compared journal by journal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "insights.h"
#include "stats.h"
#include "synthetic.h"

struct tally {
    size_t journals;
    size_t any_q;           /* a row with q < 0.10 */
    size_t any_association; /* ... confirmed by rotation */
    size_t rows, rows_p05, rows_p01, rows_p001;
    size_t lags, lags_p05, lags_p05_uncorrected; /* single comparisons (one lag each) */
    size_t first_at_lag;                         /* planted: the planted pair first, at its lag */
    size_t first_pair;                           /* planted: the planted pair first, at any lag */
    size_t found_q;                              /* planted: the planted pair at q < 0.10 */
    size_t stands_out;                           /* planted: ... and its lag stands out */
    size_t reverse_flagged; /* rows labelled "may follow the symptom" among associations */
    double seconds;
};

static bool each = false;

static void run_one(const struct content *content, const struct synthetic_options *options,
                    struct tally *tally)
{
    struct insights_model model;
    struct stats_comparison_list list;
    stats_comparison_list_init(&list);
    clock_t start = clock();
    if (synthetic_search(content, options, 10, &model, &list) != 0) {
        fprintf(stderr, "montecarlo: the planted food or sign is not in the content\n");
        exit(1);
    }
    tally->seconds += (double)(clock() - start) / CLOCKS_PER_SEC;
    tally->journals++;
    bool any_q = false, any_association = false;
    for (size_t i = 0; i < list.count; i++) {
        const struct stats_comparison *row = &list.items[i];
        any_q = any_q || row->q < STATS_Q_LEVEL;
        any_association = any_association || stats_is_association(row);
        tally->rows++;
        tally->rows_p05 += row->p_family < 0.05;
        tally->rows_p01 += row->p_family < 0.01;
        tally->rows_p001 += row->p_family < 0.001;
        tally->reverse_flagged += stats_is_association(row) && row->reverse_as_strong;
        if (options->effect != 0 && synthetic_is_planted(&model, row, options)) {
            tally->found_q += row->q < STATS_Q_LEVEL;
            tally->stands_out += row->q < STATS_Q_LEVEL && row->lag_stands_out;
        }
    }
    tally->lags += list.lags;
    tally->lags_p05 += list.lags_p05;
    tally->lags_p05_uncorrected += list.lags_p05_uncorrected;
    tally->any_q += any_q;
    tally->any_association += any_association;
    bool first = false;
    if (options->effect != 0 && list.count > 0 &&
        synthetic_is_planted(&model, &list.items[0], options)) {
        tally->first_pair++;
        first = list.items[0].lag == options->lag;
        tally->first_at_lag += first;
    }
    if (each)
        printf("journal %s %llu %d %d\n", options->effect != 0 ? "planted" : "noise",
               (unsigned long long)options->seed, any_q, first);
    stats_comparison_list_release(&list);
    insights_release(&model);
}

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

int main(int argc, char **argv)
{
    struct synthetic_options options;
    synthetic_defaults(&options);
    long journals = 200;
    double effect = 1;
    const char *content_dir = CONTENT_SOURCE_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *name = argv[i], *value = argv[i + 1];
        if (strcmp(name, "--journals") == 0)
            journals = strtol(value, NULL, 10);
        else if (strcmp(name, "--days") == 0)
            options.days = (int)strtol(value, NULL, 10);
        else if (strcmp(name, "--rho") == 0)
            options.autocorrelation = strtod(value, NULL);
        else if (strcmp(name, "--food-rho") == 0)
            options.food_persistence = strtod(value, NULL);
        else if (strcmp(name, "--effect") == 0)
            effect = strtod(value, NULL);
        else if (strcmp(name, "--lag") == 0)
            options.lag = (int)strtol(value, NULL, 10);
        else if (strcmp(name, "--noise") == 0)
            options.noise = strtod(value, NULL);
        else if (strcmp(name, "--missing") == 0)
            options.missing = strtod(value, NULL);
        else if (strcmp(name, "--seed") == 0)
            options.seed = strtoull(value, NULL, 10);
        else if (strcmp(name, "--content") == 0)
            content_dir = value;
        else if (strcmp(name, "--each") == 0)
            each = strcmp(value, "yes") == 0;
        else {
            fprintf(stderr, "montecarlo: unknown option %s\n", name);
            return 2;
        }
    }
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(content_dir, NULL, &problems);
    strlist_release(&problems);
    if (content == NULL) {
        fprintf(stderr, "montecarlo: cannot load the content in %s\n", content_dir);
        return 1;
    }
    struct tally noise = {0}, planted = {0};
    uint64_t seed = options.seed;
    for (long j = 0; j < journals; j++) {
        options.seed = seed + (uint64_t)j;
        options.effect = 0;
        run_one(content, &options, &noise);
        options.seed = seed + UINT64_C(1000000) + (uint64_t)j;
        options.effect = effect;
        run_one(content, &options, &planted);
    }
    printf("%ld noise and %ld planted journals of %d days; autocorrelation %.2f in signs and "
           "habits, %.2f in foods; signs spread %.2f points; %.0f%% of days missing; planted: %s "
           "-> %s, %+.2f at lag %d\n",
           journals, journals, options.days, options.autocorrelation, options.food_persistence,
           options.noise, 100 * options.missing, options.food, options.sign, effect, options.lag);
    printf("noise: journals with any row at q < 0.10: %.1f%%\n",
           share(noise.any_q, noise.journals));
    printf("noise: journals with any association (q < 0.10, confirmed by rotation): %.1f%%\n",
           share(noise.any_association, noise.journals));
    printf("noise: rows (pairs, over lags 0-7) at p < 0.05: %.1f%% (p < 0.01: %.2f%%, p < 0.001: "
           "%.3f%%)\n",
           share(noise.rows_p05, noise.rows), share(noise.rows_p01, noise.rows),
           share(noise.rows_p001, noise.rows));
    printf("noise: single comparisons at p < 0.05: %.1f%% (as if days were independent: %.1f%%)\n",
           share(noise.lags_p05, noise.lags), share(noise.lags_p05_uncorrected, noise.lags));
    printf("planted: first row is the planted pair at lag %d: %.1f%% (at any lag: %.1f%%)\n",
           options.lag, share(planted.first_at_lag, planted.journals),
           share(planted.first_pair, planted.journals));
    printf("planted: the planted pair at q < 0.10: %.1f%%, with its lag standing out: %.1f%%\n",
           share(planted.found_q, planted.journals), share(planted.stands_out, planted.journals));
    printf("search time: %.1f ms per journal (build and search)\n",
           1000 * (noise.seconds + planted.seconds) / (double)(noise.journals + planted.journals));
    content_free(content);
    return 0;
}
