/*
 * trends_experiment.h - the Experiment view of the Trends screen: the last experiment's plan,
 * today's instruction, each period's days logged, adherence and mean, and the result in words
 * (experiment.h does the analysis and the wording; this only lays them out).
 *
 * Call order: _init, _update before each draw (rereads only when the journal changed), _draw,
 * _release.
 */
#ifndef GUTSKIN_UI_TRENDS_EXPERIMENT_H
#define GUTSKIN_UI_TRENDS_EXPERIMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "content.h"
#include "journal.h"
#include "strlist.h"
#include "ui/draw.h"

struct trends_experiment {
    uint64_t seen;        /* the journal's freshness when read (0: never) */
    bool present;         /* the journal has an experiment */
    struct strlist lines; /* what the view shows, one paragraph or table row a line */
};

void trends_experiment_init(struct trends_experiment *view);
void trends_experiment_release(struct trends_experiment *view);

/* Rereads the last experiment when the journal changed since the last call. */
void trends_experiment_update(struct trends_experiment *view, struct journal *journal,
                              const struct content *content, int today);

/* Whether there is an experiment to show (after _update). */
bool trends_experiment_present(const struct trends_experiment *view);

void trends_experiment_draw(const struct trends_experiment *view, struct draw_rect area);

#endif
