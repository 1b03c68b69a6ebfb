/*
 * experiment_load.c - an experiment's days from the journal, and its result in words (see
 * experiment.h). The journal is read through journal.h; no SQL here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "journal.h"
#include "numbers.h"
#include "xalloc.h"

struct days_context {
    const struct content *content;
    const struct experiment_plan *plan;
    struct experiment_day *days;
};

static int visit_day(const struct day *day, void *context)
{
    struct days_context *c = context;
    int number = day->day_number;
    int period = experiment_period_of(c->plan, number, NULL);
    if (period < 0)
        return 0;
    struct experiment_day *d = &c->days[number - c->plan->start_day];
    d->logged = true;
    if (!experiment_day_outcome(c->content, c->plan, day, &d->outcome))
        d->outcome = NAN;
    d->agrees =
        experiment_day_agrees(c->content, c->plan, day, experiment_period_with(c->plan, period));
    return 0;
}

int experiment_load(struct journal *journal, const struct content *content,
                    const struct experiment_plan *plan, int today, struct experiment_result *result,
                    struct error *err)
{
    size_t total = (size_t)(2 * plan->pairs * plan->period_days);
    struct experiment_day *days = xcalloc(total, sizeof *days);
    for (size_t i = 0; i < total; i++)
        days[i] = (struct experiment_day){false, NAN, -1};
    struct days_context context = {content, plan, days};
    int rc = journal_each_day(journal, plan->start_day, experiment_last_day(plan), visit_day,
                              &context, err);
    if (rc == 0) {
        /* A stopped plan is read as of its stop: later days were not under its instructions. */
        int as_of = plan->stopped_day >= 0 && plan->stopped_day < today ? plan->stopped_day : today;
        experiment_analyse(plan, days, as_of, result);
    }
    free(days);
    return rc;
}

static void rounded(double value, char out[NUM_TEXT_SIZE])
{
    num_format(round(value * 100) / 100, out);
}

void experiment_summary(const struct content *content, const struct experiment_plan *plan,
                        const struct experiment_result *r, struct strlist *lines)
{
    if (r->pairs_complete < 2) {
        strlist_pushf(lines, "not yet; it needs two complete pairs of periods (%d so far).",
                      r->pairs_complete);
        return;
    }
    /* Said from the side where the outcome was higher (worse: signs and scores rate trouble). */
    bool with_worse = r->effect > 0;
    char worse[200], better[200];
    experiment_arm_words(content, plan, with_worse, worse, sizeof worse);
    experiment_arm_words(content, plan, !with_worse, better, sizeof better);
    double low = with_worse ? r->ci_low : -r->ci_high, high = with_worse ? r->ci_high : -r->ci_low;
    char size[NUM_TEXT_SIZE], low_text[NUM_TEXT_SIZE], high_text[NUM_TEXT_SIZE];
    rounded(fabs(r->effect), size);
    rounded(low, low_text);
    rounded(high, high_text);
    int days = 2 * r->pairs_complete * plan->period_days;
    strlist_pushf(lines,
                  "in these %d %s (%d complete pairs), your %s%s was %s point%s %s in the periods "
                  "%s than in those %s (95%% interval %s to %s; p = %.3g over the %d possible "
                  "orders, t-test p = %.3g).",
                  days % 7 == 0 ? days / 7 : days, days % 7 == 0 ? "weeks" : "days",
                  r->pairs_complete, experiment_outcome_name(content, plan),
                  plan->outcome_kind == EXPERIMENT_OUTCOME_GROUP ? " score" : " rating", size,
                  strcmp(size, "1") == 0 ? "" : "s", r->effect == 0 ? "different" : "worse", worse,
                  better, low_text, high_text, r->p, 1 << r->pairs_complete, r->p_t);
    if (r->ci_low > 0 || r->ci_high < 0)
        strlist_push(lines, "The interval leaves out no difference: chance alone is an unlikely "
                            "reason for it.");
    else
        strlist_push(lines, "The interval includes no difference: these periods cannot tell "
                            "whether the change matters; more pairs could.");
    strlist_pushf(lines,
                  "It is about you, over these periods: not a diagnosis, not proof for anyone "
                  "else, and other changes made at the same time would show up here too. With "
                  "%d pairs, p cannot be under %.3g.",
                  r->pairs_complete, 2.0 / (1 << r->pairs_complete));
    if (r->periods_left_out > 0)
        strlist_pushf(lines,
                      "%d period%s left out (fewer than half the days logged, or adherence under "
                      "70%%); a pair needs both its periods.",
                      r->periods_left_out, r->periods_left_out == 1 ? " was" : "s were");
}
