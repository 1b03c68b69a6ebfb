/*
 * merge.h - bringing the days of another journal into this one.
 *
 * The other journal is checked before anything is taken (merge_check): SQLite's integrity check,
 * the stored types, and every date, id, value, note, mark and time with the same rules as
 * `import`; a journal with any problem is refused as a whole.
 *
 * Every day, reading, food and note is compared on its own: a value only the other journal has
 * is taken, and where both have a different value the one changed last wins (a tie keeps ours).
 * Two different notes are never settled by the clocks: both texts are kept, the earlier first,
 * joined by MERGE_NOTE_MARK (a note that already holds the other's whole text is kept as it is).
 * Taken values keep the other journal's changed_at time, so that merging twice changes nothing
 * and merging A into B gives the same days as B into A.
 *
 * Deleted days are remembered (journal_list_deletions): a day deleted on one side is deleted on
 * the other when nothing in it there changed after the deletion, and is not brought back from a
 * journal that still has it unless that journal changed it after the deletion. Marks, matched
 * by (date, label), follow the same rule with their own tombstones: a mark removed on one side
 * is removed on the other unless it was added there after the removal. A value removed from a
 * day that stays has its own tombstone (journal_list_value_deletions) and merge_stays_removed()
 * decides, the same way in both directions: the removal travels to the other side, or the value
 * comes back, never half of each.
 *
 * Experiments (experiment.h) are merged by plan: a plan is the same in both journals when its
 * change, outcome, numbers, start and seed are (experiment_same_plan), so the same schedule. A
 * plan only the other journal has is added as planned, with its stop if it was stopped; a plan
 * both have and only the other stopped (or stopped earlier) is stopped here on that day, the
 * earlier stop being the person's first decision. One experiment runs at a time: when the
 * merge would leave two running (one added from there, one here), nothing at all is merged and
 * the error names both and says how to end one (the person chooses which, merge does not).
 */
#ifndef GUTSKIN_MERGE_H
#define GUTSKIN_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "day.h"
#include "error.h"
#include "content.h"
#include "experiment.h"
#include "journal.h"
#include "strlist.h"

/* The line between the two texts of a note both journals changed. */
#define MERGE_NOTE_MARK                                                                            \
    "\n\n--- gutskin merge: this note was changed in two journals; both texts are kept ---\n"

enum merge_key_kind { MERGE_READING, MERGE_FOOD, MERGE_NOTE };

/* Both journals have a different value for the same key. */
struct merge_conflict {
    int day_number;
    enum merge_key_kind kind;
    char *id; /* the metric or food id; NULL for a note */
    double ours_value;
    double theirs_value;
    char *ours_note; /* for MERGE_NOTE; NULL when that side has no note */
    char *theirs_note;
    int64_t ours_changed_at;
    int64_t theirs_changed_at;
    bool took_theirs;
    bool kept_both;    /* notes: both texts kept */
    bool ours_removed; /* removed here (at ours_changed_at), changed there since what we removed */
};

enum merge_experiment_action {
    MERGE_EXPERIMENT_ADDED,   /* only there: added as planned (stopped too when it was) */
    MERGE_EXPERIMENT_STOPPED, /* in both, stopped there (earlier): stopped here on that day */
    MERGE_EXPERIMENT_CLASH,   /* added from there, running, while another runs: refused */
};

struct merge_experiment {
    enum merge_experiment_action action;
    struct experiment_plan theirs;
    struct experiment_plan ours; /* STOPPED: our copy of the plan; CLASH: the one running here */
};

struct merge_report {
    size_t new_days;     /* days only the other journal had */
    size_t newer_values; /* values taken into days we had: missing here, or changed later there */
    size_t kept_ours;    /* conflicts where ours was changed later (or at the same time) */
    size_t new_marks;
    size_t deleted_marks;      /* marks removed here because they were removed there */
    size_t kept_deleted_marks; /* marks the other journal has that stay removed here */
    size_t new_mark_deletions; /* removals recorded here of marks neither journal has */
    size_t notes_joined;  /* notes both journals changed, now holding both texts */
    size_t deleted_days;  /* days deleted here because they were deleted there */
    size_t kept_deleted;  /* days the other journal has that stay deleted here */
    size_t new_deletions; /* deletions recorded here of days neither journal has */
    size_t removed_values;      /* values removed here because they were removed there */
    size_t kept_removed;        /* values the other journal has that stay removed here */
    size_t new_value_removals;  /* removals recorded here of values neither journal has */
    size_t new_experiments;     /* plans only the other journal had */
    size_t stopped_experiments; /* plans both had, stopped there first */
    size_t experiment_clashes;  /* plans that would run beside another: the merge is refused */
    struct merge_experiment *experiments;
    size_t experiment_count;
    size_t experiment_capacity;
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

/* merge_day() when values were removed here from that day: `removed` (its tombstones, any
 * order) keeps out what merge_stays_removed() says stays removed. */
bool merge_day_removed(const struct day *ours, const struct journal_value_deletion *removed,
                       size_t removed_count, const struct day *theirs, struct day *merged,
                       struct merge_report *report);

/* The rule for a value removed on one side from a day that stays, and still there on the other
 * side with its last change at `changed_at`: true when it stays removed. A reading or a food
 * stays removed unless changed after the removal (the last change wins, as between two
 * values). A note stays removed only when it is the text removed or an older one (changed at or
 * before the removed text's own change time): a text changed elsewhere that the removal never
 * saw is never dropped by the clocks; it comes back, reported as a conflict. */
bool merge_stays_removed(const struct journal_value_deletion *gone, int64_t changed_at);

/* Checks the other journal before a merge: integrity, stored types, and every date, id, value
 * (against `content`, by import_take_value()'s rule, as `import` does), note, mark and time.
 * Appends one line per problem to `problems` ("DATE: what is wrong") and, when values today's
 * content does not allow are taken, import_kept_warn()'s line to `warnings`; returns -1 only
 * when the journal cannot be read at all. */
int merge_check(struct journal *theirs, const struct content *content, struct strlist *problems,
                struct strlist *warnings, struct error *err);

/* Merges every day, mark and experiment of `theirs` into `ours` in one transaction of `ours`.
 * With `dry_run` nothing is written and the report says what would be taken. When two
 * experiments would run at once (as of date_today()) it returns -1 with every clash in the
 * report and nothing written, dry run or not. */
int merge_journals(struct journal *ours, struct journal *theirs, bool dry_run,
                   struct merge_report *report, struct error *err);

#endif
