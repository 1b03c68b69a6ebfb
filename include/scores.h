/*
 * scores.h - the one definition of a composite score.
 *
 * A group's composite score for a day (skin, digestive, immune, mood and energy) is the sum of
 * the severities of the group's signs rated that day divided by the number of signs in the group:
 * the mean over all of the group's signs, a sign left blank counting as none. It measures the
 * symptoms, not how thoroughly they were rated: `acne=2` alone and `acne=2` with every other
 * skin sign rated 0 give the same score, and starting to rate a sign that was left blank does
 * not by itself move the score. A day with none of the group's signs rated has no score (a gap,
 * never a zero), and each sign's own series still keeps "not rated" apart from 0. Nothing saved
 * is changed: the score is computed from the saved ratings whenever it is shown. The journal
 * computes the same number in SQL with JOURNAL_SERIES_MEAN_OF_METRICS over the ids from
 * scores_group_ids(), so a chart read from the journal and a report computed from days agree.
 */
#ifndef GUTSKIN_SCORES_H
#define GUTSKIN_SCORES_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "day.h"
#include "strlist.h"

/* Appends the ids of the signs of group `group_index` (an index into content->groups) to `ids`,
 * in content order; returns how many were appended. */
size_t scores_group_ids(const struct content *content, size_t group_index, struct strlist *ids);

/* The composite score of group `group_index` on `day` (see above). False (and `*value`
 * untouched) when none of the group's signs was rated that day. */
bool scores_group_mean(const struct content *content, const struct day *day, size_t group_index,
                       double *value);

/* The same score from one day's severities by sign (content->signs order, NAN for a sign not
 * rated), for readers that hold a day as numbers rather than as a struct day. */
bool scores_group_mean_of(const struct content *content, const double *severities,
                          size_t group_index, double *value);

/* The index of a group in content->groups, or -1 when the content has no such group. */
long scores_group_index(const struct content *content, const char *group_id);

#endif
