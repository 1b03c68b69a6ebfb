/*
 * merge.c - merging another journal into this one, value by value, the last change winning.
 *
 * The decision for one day is a pure function (merge_day) so that it can be tested without a
 * database; merge_journals walks the other journal and writes the merged days with the other
 * side's changed_at times, which is what makes a second merge a no-op.
 */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void merge_report_init(struct merge_report *report)
{
    memset(report, 0, sizeof *report);
}

void merge_report_release(struct merge_report *report)
{
    for (size_t i = 0; i < report->conflict_count; i++) {
        free(report->conflicts[i].id);
        free(report->conflicts[i].ours_note);
        free(report->conflicts[i].theirs_note);
    }
    free(report->conflicts);
    merge_report_init(report);
}

bool merge_report_took_nothing(const struct merge_report *report)
{
    return report->new_days == 0 && report->newer_values == 0 && report->new_marks == 0;
}

static struct merge_conflict *add_conflict(struct merge_report *report, const char *date,
                                           enum merge_key_kind kind, const char *id)
{
    xgrow(&report->conflicts, &report->conflict_capacity, report->conflict_count + 1,
          sizeof *report->conflicts);
    struct merge_conflict *conflict = &report->conflicts[report->conflict_count++];
    memset(conflict, 0, sizeof *conflict);
    memcpy(conflict->date, date, DATE_TEXT_SIZE);
    conflict->kind = kind;
    conflict->id = id != NULL ? xstrdup(id) : NULL;
    return conflict;
}

static const struct day_entry *find_entry(const struct day_entry *entries, size_t count,
                                          const char *id)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].id, id) == 0)
            return &entries[i];
    return NULL;
}

/* Puts `entry` into `merged` with its own changed_at (day_set_* would clear it). */
static void take_entry(struct day *merged, enum merge_key_kind kind, const struct day_entry *entry)
{
    struct day_entry *entries;
    size_t count;
    if (kind == MERGE_FOOD) {
        day_set_food(merged, entry->id, entry->value);
        entries = merged->foods;
        count = merged->food_count;
    } else {
        day_set_reading(merged, entry->id, entry->value);
        entries = merged->readings;
        count = merged->reading_count;
    }
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].id, entry->id) == 0)
            entries[i].changed_at = entry->changed_at;
}

/* Both sides have the entry with different values: the later change wins, a tie keeps ours. */
static bool settle_entry(const char *date, enum merge_key_kind kind, const struct day_entry *ours,
                         const struct day_entry *theirs, struct day *merged,
                         struct merge_report *report)
{
    struct merge_conflict *conflict = add_conflict(report, date, kind, ours->id);
    conflict->ours_value = ours->value;
    conflict->theirs_value = theirs->value;
    conflict->ours_changed_at = ours->changed_at;
    conflict->theirs_changed_at = theirs->changed_at;
    conflict->took_theirs = theirs->changed_at > ours->changed_at;
    if (!conflict->took_theirs) {
        report->kept_ours++;
        return false;
    }
    take_entry(merged, kind, theirs);
    report->newer_values++;
    return true;
}

static bool merge_entries(const char *date, enum merge_key_kind kind, const struct day_entry *ours,
                          size_t ours_count, const struct day_entry *theirs, size_t theirs_count,
                          struct day *merged, struct merge_report *report)
{
    bool changed = false;
    for (size_t i = 0; i < theirs_count; i++) {
        const struct day_entry *mine = find_entry(ours, ours_count, theirs[i].id);
        if (mine == NULL) {
            take_entry(merged, kind, &theirs[i]);
            report->newer_values++;
            changed = true;
        } else if (mine->value != theirs[i].value &&
                   settle_entry(date, kind, mine, &theirs[i], merged, report)) {
            changed = true;
        }
    }
    return changed;
}

static void take_note(struct day *merged, const struct day *theirs)
{
    day_set_note(merged, theirs->note);
    merged->note_changed_at = theirs->note_changed_at;
}

static bool merge_note(const struct day *ours, const struct day *theirs, struct day *merged,
                       struct merge_report *report)
{
    if (theirs->note == NULL || (ours->note != NULL && strcmp(ours->note, theirs->note) == 0))
        return false;
    if (ours->note == NULL) {
        take_note(merged, theirs);
        report->newer_values++;
        return true;
    }
    struct merge_conflict *conflict = add_conflict(report, ours->date, MERGE_NOTE, NULL);
    conflict->ours_note = xstrdup(ours->note);
    conflict->theirs_note = xstrdup(theirs->note);
    conflict->ours_changed_at = ours->note_changed_at;
    conflict->theirs_changed_at = theirs->note_changed_at;
    conflict->took_theirs = theirs->note_changed_at > ours->note_changed_at;
    if (!conflict->took_theirs) {
        report->kept_ours++;
        return false;
    }
    take_note(merged, theirs);
    report->newer_values++;
    return true;
}

bool merge_day(const struct day *ours, const struct day *theirs, struct day *merged,
               struct merge_report *report)
{
    if (ours == NULL || day_is_empty(ours)) {
        day_copy(merged, theirs);
        if (day_is_empty(theirs))
            return false;
        report->new_days++;
        return true;
    }
    day_copy(merged, ours);
    bool readings = merge_entries(ours->date, MERGE_READING, ours->readings, ours->reading_count,
                                  theirs->readings, theirs->reading_count, merged, report);
    bool foods = merge_entries(ours->date, MERGE_FOOD, ours->foods, ours->food_count, theirs->foods,
                               theirs->food_count, merged, report);
    bool note = merge_note(ours, theirs, merged, report);
    return readings || foods || note;
}

/* --- Whole journals ------------------------------------------------------------------------- */

struct merge_run {
    struct journal *ours;
    struct journal *theirs;
    bool dry_run;
    struct merge_report *report;
    struct error *err;
};

static int merge_visit(const struct day *theirs, void *context)
{
    struct merge_run *run = context;
    struct day ours, merged;
    day_init(&ours, theirs->date);
    day_init(&merged, theirs->date);
    int status = journal_load_day(run->ours, theirs->date, &ours, run->err) < 0 ? -1 : 0;
    if (status == 0 && merge_day(&ours, theirs, &merged, run->report) && !run->dry_run)
        status = journal_save_day_with_times(run->ours, &merged, run->err);
    day_release(&ours);
    day_release(&merged);
    return status;
}

static bool has_mark(const struct journal_mark_list *marks, const struct journal_mark *mark)
{
    for (size_t i = 0; i < marks->count; i++)
        if (strcmp(marks->items[i].date, mark->date) == 0 &&
            strcmp(marks->items[i].label, mark->label) == 0)
            return true;
    return false;
}

static int merge_marks(struct merge_run *run, struct error *err)
{
    struct journal_mark_list ours, theirs;
    journal_mark_list_init(&ours);
    journal_mark_list_init(&theirs);
    int status = journal_list_marks(run->ours, &ours, err);
    if (status == 0)
        status = journal_list_marks(run->theirs, &theirs, err);
    for (size_t i = 0; status == 0 && i < theirs.count; i++) {
        if (has_mark(&ours, &theirs.items[i]))
            continue;
        run->report->new_marks++;
        if (!run->dry_run)
            status = journal_add_mark(run->ours, theirs.items[i].date, theirs.items[i].label, err);
    }
    journal_mark_list_release(&ours);
    journal_mark_list_release(&theirs);
    return status;
}

static int merge_all(struct journal *ours, void *context, struct error *err)
{
    struct merge_run *run = context;
    run->ours = ours;
    run->err = err;
    if (journal_each_day(run->theirs, NULL, NULL, merge_visit, run, err) != 0)
        return -1;
    return merge_marks(run, err);
}

int merge_journals(struct journal *ours, struct journal *theirs, bool dry_run,
                   struct merge_report *report, struct error *err)
{
    struct merge_run run = {ours, theirs, dry_run, report, err};
    if (dry_run)
        return merge_all(ours, &run, err);
    return journal_in_transaction(ours, merge_all, &run, err);
}
