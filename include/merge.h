/*
 * merge.h - bringing the days of another journal into this one.
 *
 * Every day, reading, food and note is compared on its own: a value only the other journal has
 * is taken, and where both have a different value the one changed last wins (a tie keeps ours).
 * Taken values keep the other journal's changed_at time, so that merging twice changes nothing
 * and merging A into B gives the same days as B into A. Marks are merged by (date, label).
 *
 * Deletions are not recorded anywhere (there are no tombstones): a day or value deleted on one
 * side comes back from the other side at the next merge.
 */
#ifndef GUTSKIN_MERGE_H
#define GUTSKIN_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "day.h"
#include "error.h"
#include "journal.h"

enum merge_key_kind { MERGE_READING, MERGE_FOOD, MERGE_NOTE };

/* Both journals have a different value for the same key. */
struct merge_conflict {
    char date[DATE_TEXT_SIZE];
    enum merge_key_kind kind;
    char *id; /* the metric or food id; NULL for a note */
    double ours_value;
    double theirs_value;
    char *ours_note; /* for MERGE_NOTE; NULL when that side has no note */
    char *theirs_note;
    int64_t ours_changed_at;
    int64_t theirs_changed_at;
    bool took_theirs;
};

struct merge_report {
    size_t new_days;     /* days only the other journal had */
    size_t newer_values; /* values taken into days we had: missing here, or changed later there */
    size_t kept_ours;    /* conflicts where ours was changed later (or at the same time) */
    size_t new_marks;
    struct merge_conflict *conflicts;
    size_t conflict_count;
    size_t conflict_capacity;
};

void merge_report_init(struct merge_report *report);
void merge_report_release(struct merge_report *report);

/* True when the merge took (or would take) nothing. */
bool merge_report_took_nothing(const struct merge_report *report);

/* Merges one day in memory: `merged` (initialised; reset first) gets `ours` with the values of
 * `theirs` that win, their changed_at times kept. `ours` may be NULL or empty when we have no
 * such day. Counts into `report`; returns true when `merged` differs from `ours`. */
bool merge_day(const struct day *ours, const struct day *theirs, struct day *merged,
               struct merge_report *report);

/* Merges every day and mark of `theirs` into `ours` in one transaction of `ours`. With
 * `dry_run` nothing is written and the report says what would be taken. */
int merge_journals(struct journal *ours, struct journal *theirs, bool dry_run,
                   struct merge_report *report, struct error *err);

#endif
