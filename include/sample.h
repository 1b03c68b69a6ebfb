/*
 * sample.h - realistic, reproducible journals for the demo, tests and benchmarks.
 *
 * The generator simulates one person: a slowly drifting inflammation state that alcohol, short
 * nights, stress, foods to limit and a course of antibiotics push up and that probiotic, fibre
 * and prebiotic foods pull down. Digestive signs follow it the same day and skin signs two days
 * later; alcohol and exercise follow a weekly rhythm; about 40% of the way through, the person
 * starts a daily probiotic (the day is recorded as a mark). About one day in ten is
 * skipped and some days are only partly logged, as in a real journal.
 *
 * Every sign and habit of the content is logged, with values in its range and on its step;
 * signs, habits and foods the generator has no special model for get a generic one. The output
 * depends only on the content, the range and the seed: the same arguments always give the same
 * days (tests and benchmarks rely on it).
 */
#ifndef GUTSKIN_SAMPLE_H
#define GUTSKIN_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "day.h"
#include "error.h"
#include "journal.h"

/* The label of the mark sample_generate() adds on the day the daily probiotic starts. */
#define SAMPLE_CHANGE_LABEL "Started a daily probiotic"

/* Generates the days from day number `first_day` for `day_count` days and calls `visit` for each
 * day that was logged (skipped days are not visited), oldest first. The day passed is only valid
 * during the call. A non-zero return from `visit` stops the walk and is returned; otherwise 0. */
typedef int sample_day_visitor(const struct day *day, void *context);
int sample_each_day(const struct content *content, int first_day, size_t day_count, uint64_t seed,
                    sample_day_visitor *visit, void *context);

/* Writes the generated days, and the mark of the day the probiotic starts (when that day is in
 * the range and the content tracks `probiotic-taken`), into `journal` in one transaction. A
 * generated day replaces the journal's day of the same date; dates the generator skips are left as
 * they are. */
int sample_generate(struct journal *journal, const struct content *content, int first_day,
                    size_t day_count, uint64_t seed, struct error *err);

#endif
