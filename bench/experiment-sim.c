/*
 * experiment-sim.c - does the n-of-1 analysis (experiment.h) keep its promises on simulated
 * journals?
 *
 * Each run draws a plan (4 pairs of 7-day periods, 2 washout days, its own seed), a daily outcome
 * that follows the schedule: a level of 2, plus the planted effect on days of the "with" arm, plus
 * AR(1) day-to-day noise (autocorrelation 0.6, carried across period boundaries, stationary SD
 * `sd`), with 10% of days not logged at random. Every logged day follows its instruction. The
 * experiment is then analysed as `gutskin experiment show` does, the day after its end.
 *
 * Printed per noise SD: coverage of the 95% interval (true effect inside, with no effect and with
 * a 1-point effect), the share with p < 0.05 under no effect (randomisation p and t-test p), and
 * the share "detected" (95% interval leaves out 0) with a 1-point effect.
 *
 * usage: experiment-sim [RUNS [SD...]]   (default 500 runs; SD 0.3 0.4 0.5 0.6 0.8)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "experiment.h"

#define PHI 0.6
#define MISSED 0.10

static double uniform(uint64_t *state)
{
    return ((double)(experiment_random_next(state) >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(uint64_t *state)
{
    double u = uniform(state), v = uniform(state);
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

struct tally {
    int runs, analysed, covered, p_rand_05, p_t_05, detected;
};

static void run_one(int run, double effect, double sd, struct tally *tally)
{
    struct experiment_plan plan = {0};
    plan.pairs = 4;
    plan.period_days = 7;
    plan.washout_days = 2;
    plan.start_day = 20000;
    plan.seed = (uint64_t)run * 7919u + 1;
    plan.stopped_day = -1;
    int total = 2 * plan.pairs * plan.period_days;
    struct experiment_day days[2 * 4 * 7];
    uint64_t noise_state = (uint64_t)run * 104729u + (effect != 0 ? 17 : 3) + (uint64_t)(sd * 1000);
    double e = sd * normal(&noise_state); /* stationary start */
    double innovation = sd * sqrt(1 - PHI * PHI);
    for (int i = 0; i < total; i++) {
        if (i > 0)
            e = PHI * e + innovation * normal(&noise_state);
        bool with = experiment_period_with(&plan, i / plan.period_days);
        days[i].logged = uniform(&noise_state) >= MISSED;
        days[i].agrees = 1;
        days[i].outcome = days[i].logged ? 2 + (with ? effect : 0) + e : NAN;
    }
    struct experiment_result result;
    experiment_analyse(&plan, days, plan.start_day + total, &result);
    tally->runs++;
    if (result.pairs_complete < 2)
        return;
    tally->analysed++;
    tally->covered += result.ci_low <= effect && effect <= result.ci_high;
    tally->p_rand_05 += result.p < 0.05;
    tally->p_t_05 += result.p_t < 0.05;
    tally->detected += result.ci_low > 0 || result.ci_high < 0;
}

static double share(int part, int whole)
{
    return whole ? 100.0 * part / whole : NAN;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 500;
    double default_sds[] = {0.3, 0.4, 0.5, 0.6, 0.8};
    int sd_count = argc > 2 ? argc - 2 : 5;
    printf("%d runs each; 4 pairs of 7 days, washout 2, AR(1) 0.6, 10%% days missed\n\n", runs);
    printf("| day SD | coverage, no effect | coverage, 1 point | p<0.05 no effect (randomisation "
           "/ t) | detected, 1 point | runs analysed |\n");
    printf("|---|---|---|---|---|---|\n");
    for (int s = 0; s < sd_count; s++) {
        double sd = argc > 2 ? atof(argv[2 + s]) : default_sds[s];
        struct tally none = {0}, planted = {0};
        for (int run = 0; run < runs; run++) {
            run_one(run, 0, sd, &none);
            run_one(run, 1, sd, &planted);
        }
        printf("| %.2f | %.1f%% | %.1f%% | %.1f%% / %.1f%% | %.1f%% | %d/%d, %d/%d |\n", sd,
               share(none.covered, none.analysed), share(planted.covered, planted.analysed),
               share(none.p_rand_05, none.analysed), share(none.p_t_05, none.analysed),
               share(planted.detected, planted.analysed), none.analysed, none.runs,
               planted.analysed, planted.runs);
    }
    return 0;
}
