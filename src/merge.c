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
#include <time.h>

#include "import.h"
#include "text.h"
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
    free(report->experiments);
    merge_report_init(report);
}

bool merge_report_took_nothing(const struct merge_report *report)
{
    return report->new_days == 0 && report->newer_values == 0 && report->new_marks == 0 &&
           report->notes_joined == 0 && report->deleted_days == 0 && report->new_deletions == 0 &&
           report->new_experiments == 0 && report->stopped_experiments == 0 &&
           report->deleted_marks == 0 && report->new_mark_deletions == 0 &&
           report->removed_values == 0 && report->new_value_removals == 0;
}

static struct merge_conflict *add_conflict(struct merge_report *report, int day_number,
                                           enum merge_key_kind kind, const char *id)
{
    xgrow(&report->conflicts, &report->conflict_capacity, report->conflict_count + 1,
          sizeof *report->conflicts);
    struct merge_conflict *conflict = &report->conflicts[report->conflict_count++];
    memset(conflict, 0, sizeof *conflict);
    conflict->day_number = day_number;
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
static bool settle_entry(int day_number, enum merge_key_kind kind, const struct day_entry *ours,
                         const struct day_entry *theirs, struct day *merged,
                         struct merge_report *report)
{
    struct merge_conflict *conflict = add_conflict(report, day_number, kind, ours->id);
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

/* The values removed here from the day being merged (a run of journal_list_value_deletions). */
struct merge_removed {
    const struct journal_value_deletion *items;
    size_t count;
};

static enum day_value_kind value_kind(enum merge_key_kind kind)
{
    return kind == MERGE_NOTE   ? DAY_VALUE_NOTE
           : kind == MERGE_FOOD ? DAY_VALUE_FOOD
                                : DAY_VALUE_READING;
}

static const struct journal_value_deletion *find_removed(const struct merge_removed *removed,
                                                         enum day_value_kind kind, const char *id)
{
    for (size_t i = 0; removed != NULL && i < removed->count; i++)
        if (removed->items[i].kind == kind &&
            strcmp(removed->items[i].id, id != NULL ? id : "") == 0)
            return &removed->items[i];
    return NULL;
}

/* merge.h words the rule; the note's differs because two texts are never settled by clocks. */
bool merge_stays_removed(const struct journal_value_deletion *gone, int64_t changed_at)
{
    return gone->kind == DAY_VALUE_NOTE ? changed_at <= gone->was_changed_at
                                        : changed_at <= gone->deleted_at;
}

/* Their value that we removed: kept out when the rule says so, listed as a conflict when it
 * changed there after the version removed here. True when it stays out. */
struct their_value {
    const char *id;   /* NULL for the note */
    double value;     /* a reading's or a food's */
    const char *note; /* the note's text */
    int64_t changed_at;
};

static bool keep_removed(const struct journal_value_deletion *gone, int day_number,
                         enum merge_key_kind kind, const struct their_value *theirs,
                         struct merge_report *report)
{
    if (gone == NULL)
        return false;
    bool stays = merge_stays_removed(gone, theirs->changed_at);
    if (theirs->changed_at > gone->was_changed_at) {
        struct merge_conflict *conflict = add_conflict(report, day_number, kind, theirs->id);
        conflict->ours_removed = true;
        conflict->theirs_value = theirs->value;
        conflict->theirs_note = theirs->note != NULL ? xstrdup(theirs->note) : NULL;
        conflict->ours_changed_at = gone->deleted_at;
        conflict->theirs_changed_at = theirs->changed_at;
        conflict->took_theirs = !stays;
    }
    if (stays)
        report->kept_removed++;
    return stays;
}

static bool merge_entries(int day_number, enum merge_key_kind kind, const struct day_entry *ours,
                          size_t ours_count, const struct day_entry *theirs, size_t theirs_count,
                          const struct merge_removed *removed, struct day *merged,
                          struct merge_report *report)
{
    bool changed = false;
    for (size_t i = 0; i < theirs_count; i++) {
        const struct day_entry *mine = find_entry(ours, ours_count, theirs[i].id);
        if (mine == NULL) {
            struct their_value value = {theirs[i].id, theirs[i].value, NULL, theirs[i].changed_at};
            if (keep_removed(find_removed(removed, value_kind(kind), theirs[i].id), day_number,
                             kind, &value, report))
                continue;
            take_entry(merged, kind, &theirs[i]);
            report->newer_values++;
            changed = true;
        } else if (mine->value != theirs[i].value &&
                   settle_entry(day_number, kind, mine, &theirs[i], merged, report)) {
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

/* Both texts, the earlier change first (on a tie, the smaller text first), so that either
 * direction of a merge writes the same note. */
static void join_notes(const struct day *ours, const struct day *theirs, struct day *merged)
{
    bool ours_first =
        ours->note_changed_at < theirs->note_changed_at ||
        (ours->note_changed_at == theirs->note_changed_at && strcmp(ours->note, theirs->note) < 0);
    const char *first = ours_first ? ours->note : theirs->note;
    const char *second = ours_first ? theirs->note : ours->note;
    char *joined = xprintf("%s%s%s", first, MERGE_NOTE_MARK, second);
    day_set_note(merged, joined);
    free(joined);
    merged->note_changed_at = ours->note_changed_at > theirs->note_changed_at
                                  ? ours->note_changed_at
                                  : theirs->note_changed_at;
}

/* A note only they have is taken; one that holds the other's whole text (a note joined by an
 * earlier merge, or one text grown from the other) wins; two different texts are joined. */
static bool merge_note(const struct day *ours, const struct day *theirs,
                       const struct merge_removed *removed, struct day *merged,
                       struct merge_report *report)
{
    if (theirs->note == NULL || (ours->note != NULL && strstr(ours->note, theirs->note) != NULL))
        return false;
    struct their_value note = {NULL, 0, theirs->note, theirs->note_changed_at};
    if (ours->note == NULL && keep_removed(find_removed(removed, DAY_VALUE_NOTE, NULL),
                                           theirs->day_number, MERGE_NOTE, &note, report))
        return false;
    if (ours->note == NULL || strstr(theirs->note, ours->note) != NULL) {
        take_note(merged, theirs);
        report->newer_values++;
        return true;
    }
    struct merge_conflict *conflict = add_conflict(report, ours->day_number, MERGE_NOTE, NULL);
    conflict->ours_note = xstrdup(ours->note);
    conflict->theirs_note = xstrdup(theirs->note);
    conflict->ours_changed_at = ours->note_changed_at;
    conflict->theirs_changed_at = theirs->note_changed_at;
    conflict->kept_both = true;
    join_notes(ours, theirs, merged);
    report->notes_joined++;
    return true;
}

/* Merges `theirs` over `ours` (an empty day when we have none), leaving out what `removed`
 * says stays removed. */
static bool merge_values(const struct day *ours, const struct day *theirs,
                         const struct merge_removed *removed, struct day *merged,
                         struct merge_report *report)
{
    day_copy(merged, ours);
    bool readings =
        merge_entries(theirs->day_number, MERGE_READING, ours->readings, ours->reading_count,
                      theirs->readings, theirs->reading_count, removed, merged, report);
    bool foods = merge_entries(theirs->day_number, MERGE_FOOD, ours->foods, ours->food_count,
                               theirs->foods, theirs->food_count, removed, merged, report);
    bool note = merge_note(ours, theirs, removed, merged, report);
    return readings || foods || note;
}

static bool merge_new_day(const struct day *theirs, const struct merge_removed *removed,
                          struct day *merged, struct merge_report *report)
{
    if (removed == NULL || removed->count == 0) {
        day_copy(merged, theirs);
        if (day_is_empty(theirs))
            return false;
        report->new_days++;
        return true;
    }
    struct day empty;
    day_init(&empty, theirs->day_number);
    size_t values = report->newer_values;
    merge_values(&empty, theirs, removed, merged, report);
    report->newer_values = values; /* a new day is counted as one */
    day_release(&empty);
    if (day_is_empty(merged))
        return false;
    report->new_days++;
    return true;
}

bool merge_day_removed(const struct day *ours, const struct journal_value_deletion *removed,
                       size_t removed_count, const struct day *theirs, struct day *merged,
                       struct merge_report *report)
{
    struct merge_removed ours_removed = {removed, removed_count};
    if (ours == NULL || day_is_empty(ours))
        return merge_new_day(theirs, &ours_removed, merged, report);
    return merge_values(ours, theirs, &ours_removed, merged, report);
}

bool merge_day(const struct day *ours, const struct day *theirs, struct day *merged,
               struct merge_report *report)
{
    return merge_day_removed(ours, NULL, 0, theirs, merged, report);
}

/* --- Checking the other journal ----------------------------------------------------------- */

/* A change time may be a little ahead of this machine's clock (another machine's clock), not a
 * day: a time far in the future would win every later merge. */
#define MERGE_CLOCK_SLACK (24 * 60 * 60)

struct merge_checker {
    const struct content *content;
    struct strlist *problems;
    struct import_kept kept;
    int64_t latest; /* the latest change time accepted */
};

static void check_time(struct merge_checker *checker, const char *where, const char *what,
                       int64_t when)
{
    if (when < 0 || when > checker->latest)
        strlist_pushf(checker->problems, "%s: %s was changed at an impossible time (%lld)", where,
                      what, (long long)when);
}

static void check_entries(struct merge_checker *checker, const char *date,
                          const struct day_entry *entries, size_t count, bool food)
{
    char shown[48];
    for (size_t i = 0; i < count; i++) {
        struct error err = {ERROR_NONE, ""};
        const char *id = entries[i].id;
        if (!content_id_valid(id)) {
            strlist_pushf(checker->problems, "%s: \"%s\" is not a valid %s id", date,
                          text_safe(id, shown, sizeof shown), food ? "food" : "metric");
            continue;
        }
        if (import_take_value(checker->content, food, id, entries[i].value, &checker->kept, &err) !=
            0)
            strlist_pushf(checker->problems, "%s: %s", date, err.message);
        check_time(checker, date, id, entries[i].changed_at);
    }
}

static int check_day(const struct day *day, void *context)
{
    struct merge_checker *checker = context;
    char date[DATE_TEXT_SIZE]; /* problems name the day by its date */
    date_format(day->day_number, date);
    check_entries(checker, date, day->readings, day->reading_count, false);
    check_entries(checker, date, day->foods, day->food_count, true);
    if (day->note != NULL && !import_valid_text(day->note))
        strlist_pushf(checker->problems, "%s: the note is not valid UTF-8 text", date);
    if (day->note != NULL)
        check_time(checker, date, "the note", day->note_changed_at);
    return 0;
}

static int check_marks(struct journal *theirs, struct merge_checker *checker, struct error *err)
{
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    int status = journal_list_marks(theirs, &marks, err);
    for (size_t i = 0; status == 0 && i < marks.count; i++) {
        const struct journal_mark *mark = &marks.items[i];
        if (mark->label[0] == '\0' || !import_valid_text(mark->label))
            strlist_pushf(checker->problems, "mark %lld: the label is empty or not valid UTF-8",
                          (long long)mark->id);
        char date[DATE_TEXT_SIZE];
        date_format(mark->day_number, date);
        check_time(checker, date, "a mark", mark->changed_at);
    }
    journal_mark_list_release(&marks);
    return status;
}

static int check_mark_deletions(struct journal *theirs, struct merge_checker *checker,
                                struct error *err)
{
    struct journal_mark_deletion_list deletions;
    journal_mark_deletion_list_init(&deletions);
    int status = journal_list_mark_deletions(theirs, &deletions, err);
    for (size_t i = 0; status == 0 && i < deletions.count; i++) {
        const struct journal_mark_deletion *gone = &deletions.items[i];
        char date[DATE_TEXT_SIZE];
        date_format(gone->day_number, date);
        if (gone->label[0] == '\0' || !import_valid_text(gone->label))
            strlist_pushf(checker->problems,
                          "%s: a removed mark's label is empty or not valid UTF-8", date);
        else
            check_time(checker, date, "a mark's removal", gone->deleted_at);
    }
    journal_mark_deletion_list_release(&deletions);
    return status;
}

static int check_deletions(struct journal *theirs, struct merge_checker *checker, struct error *err)
{
    struct journal_deletion_list deletions;
    journal_deletion_list_init(&deletions);
    int status = journal_list_deletions(theirs, &deletions, err);
    for (size_t i = 0; status == 0 && i < deletions.count; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(deletions.items[i].day_number, date);
        check_time(checker, date, "the deletion", deletions.items[i].deleted_at);
    }
    journal_deletion_list_release(&deletions);
    return status;
}

static int check_value_removals(struct journal *theirs, struct merge_checker *checker,
                                struct error *err)
{
    struct journal_value_deletion_list removals;
    journal_value_deletion_list_init(&removals);
    int status = journal_list_value_deletions(theirs, &removals, err);
    char shown[48];
    for (size_t i = 0; status == 0 && i < removals.count; i++) {
        const struct journal_value_deletion *gone = &removals.items[i];
        char date[DATE_TEXT_SIZE];
        date_format(gone->day_number, date);
        if (gone->kind == DAY_VALUE_NOTE ? gone->id[0] != '\0' : !content_id_valid(gone->id))
            strlist_pushf(checker->problems, "%s: a removed value's id \"%s\" is not valid", date,
                          text_safe(gone->id, shown, sizeof shown));
        check_time(checker, date, "a value's removal", gone->deleted_at);
        check_time(checker, date, "a removed value", gone->was_changed_at);
    }
    journal_value_deletion_list_release(&removals);
    return status;
}

/* Plans journal_list_experiments() would skip are problems, not silently dropped; the ids of
 * the others must be ids (the content need not know them, as for readings). */
static int check_experiments(struct journal *theirs, struct merge_checker *checker,
                             struct error *err)
{
    if (journal_check_experiments(theirs, checker->problems, err) != 0)
        return -1;
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    int status = journal_list_experiments(theirs, &plans, &count, err);
    char shown[48];
    for (size_t i = 0; status == 0 && i < count; i++) {
        const char *ids[] = {plans[i].change_id, plans[i].outcome_id};
        for (size_t j = 0; j < 2; j++)
            if (!content_id_valid(ids[j]))
                strlist_pushf(checker->problems, "experiment %lld: \"%s\" is not a valid id",
                              (long long)plans[i].id, text_safe(ids[j], shown, sizeof shown));
    }
    free(plans);
    return status;
}

int merge_check(struct journal *theirs, const struct content *content, struct strlist *problems,
                struct strlist *warnings, struct error *err)
{
    struct error damage = {ERROR_NONE, ""};
    if (journal_check_integrity(theirs, &damage) != 0) {
        strlist_push(problems, damage.message);
        return 0; /* nothing more can be trusted */
    }
    size_t before = problems->count;
    if (journal_check_stored_types(theirs, problems, err) != 0)
        return -1;
    if (problems->count > before)
        return 0; /* the values below would be read converted */
    struct merge_checker checker = {content,
                                    problems,
                                    {STRLIST_INIT, 0, STRLIST_INIT, 0},
                                    (int64_t)time(NULL) + MERGE_CLOCK_SLACK};
    int status = 0;
    if (journal_check_dates(theirs, problems, err) != 0 ||
        journal_each_day(theirs, DATE_NONE, DATE_NONE, check_day, &checker, err) != 0 ||
        check_marks(theirs, &checker, err) != 0 ||
        check_mark_deletions(theirs, &checker, err) != 0 ||
        check_deletions(theirs, &checker, err) != 0 ||
        check_value_removals(theirs, &checker, err) != 0 ||
        check_experiments(theirs, &checker, err) != 0)
        status = -1;
    if (status == 0)
        import_kept_warn(&checker.kept, journal_path(theirs), warnings);
    import_kept_release(&checker.kept);
    return status;
}

/* --- Whole journals ------------------------------------------------------------------------- */

struct merge_run {
    struct journal *ours;
    struct journal *theirs;
    bool dry_run;
    struct merge_report *report;
    struct error *err;
    struct journal_deletion_list our_deletions;
    struct journal_deletion_list their_deletions;
    struct journal_value_deletion_list our_removals;
    struct journal_value_deletion_list their_removals;
};

/* The run of `list` (sorted by day) on `day_number`. */
static struct merge_removed removed_on(const struct journal_value_deletion_list *list,
                                       int day_number)
{
    size_t low = 0, high = list->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (list->items[middle].day_number < day_number)
            low = middle + 1;
        else
            high = middle;
    }
    size_t end = low;
    while (end < list->count && list->items[end].day_number == day_number)
        end++;
    struct merge_removed removed = {list->items + low, end - low};
    return removed;
}

/* The latest change in a day: the time to weigh against a deletion. */
static int64_t last_change(const struct day *day)
{
    int64_t latest = day->note != NULL ? day->note_changed_at : 0;
    for (size_t i = 0; i < day->reading_count; i++)
        if (day->readings[i].changed_at > latest)
            latest = day->readings[i].changed_at;
    for (size_t i = 0; i < day->food_count; i++)
        if (day->foods[i].changed_at > latest)
            latest = day->foods[i].changed_at;
    return latest;
}

/* The deletion time of the day, or -1 when it was not deleted. Lists are sorted by date. */
static int64_t deleted_at(const struct journal_deletion_list *list, int day_number)
{
    size_t low = 0, high = list->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = list->items[middle].day_number - day_number;
        if (order == 0)
            return list->items[middle].deleted_at;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return -1;
}

static int merge_visit(const struct day *theirs, void *context)
{
    struct merge_run *run = context;
    struct day ours, merged;
    day_init(&ours, theirs->day_number);
    day_init(&merged, theirs->day_number);
    int found = journal_load_day(run->ours, theirs->day_number, &ours, run->err);
    int status = found < 0 ? -1 : 0;
    int64_t deleted = deleted_at(&run->our_deletions, theirs->day_number);
    struct merge_removed removed = removed_on(&run->our_removals, theirs->day_number);
    if (status == 0 && found == 0 && deleted >= 0 && deleted >= last_change(theirs)) {
        run->report->kept_deleted++; /* deleted here after its last change there */
    } else if (status == 0 &&
               merge_day_removed(&ours, removed.items, removed.count, theirs, &merged,
                                 run->report) &&
               !run->dry_run) {
        status = journal_save_day_with_times(run->ours, &merged, run->err);
    }
    day_release(&ours);
    day_release(&merged);
    return status;
}

/* A day deleted there goes here too, unless it changed here after the deletion; the deletion
 * is recorded either way, with its own time, so that it travels on with later merges. */
static int merge_deletion(struct merge_run *run, const struct journal_deletion *deletion)
{
    struct day ours;
    day_init(&ours, deletion->day_number);
    int found = journal_load_day(run->ours, deletion->day_number, &ours, run->err);
    int64_t ours_changed = found > 0 ? last_change(&ours) : 0;
    day_release(&ours);
    if (found < 0)
        return -1;
    if (found > 0 && ours_changed > deletion->deleted_at)
        return 0; /* changed here after it was deleted there: it stays */
    if (found == 0 && deleted_at(&run->our_deletions, deletion->day_number) >= deletion->deleted_at)
        return 0; /* already deleted here, as late or later */
    if (found > 0)
        run->report->deleted_days++;
    else
        run->report->new_deletions++;
    if (run->dry_run)
        return 0;
    return journal_apply_deletion(run->ours, deletion->day_number, deletion->deleted_at, run->err);
}

/* When the mark of `day_number` and `label` was added (the latest of its twins), or -1 when
 * `marks` does not have it. */
static int64_t mark_added_at(const struct journal_mark_list *marks, int day_number,
                             const char *label)
{
    int64_t latest = -1;
    for (size_t i = 0; i < marks->count; i++)
        if (marks->items[i].day_number == day_number && strcmp(marks->items[i].label, label) == 0 &&
            marks->items[i].changed_at > latest)
            latest = marks->items[i].changed_at;
    return latest;
}

/* When the mark of `day_number` and `label` was removed, or -1 when it was not. */
static int64_t mark_deleted_at(const struct journal_mark_deletion_list *list, int day_number,
                               const char *label)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].day_number == day_number && strcmp(list->items[i].label, label) == 0)
            return list->items[i].deleted_at;
    return -1;
}

/* Their marks we lack are added with their time, unless removed here as late or later. */
static int take_marks(struct merge_run *run, const struct journal_mark_list *ours,
                      const struct journal_mark_list *theirs,
                      const struct journal_mark_deletion_list *our_deletions, struct error *err)
{
    int status = 0;
    for (size_t i = 0; status == 0 && i < theirs->count; i++) {
        const struct journal_mark *mark = &theirs->items[i];
        if (mark_added_at(ours, mark->day_number, mark->label) >= 0)
            continue;
        int64_t added = mark_added_at(theirs, mark->day_number, mark->label);
        if (added != mark->changed_at)
            continue; /* a twin: the latest one stands for both */
        if (mark_deleted_at(our_deletions, mark->day_number, mark->label) >= added) {
            run->report->kept_deleted_marks++;
            continue;
        }
        run->report->new_marks++;
        if (!run->dry_run)
            status =
                journal_add_mark_with_time(run->ours, mark->day_number, mark->label, added, err);
    }
    return status;
}

/* A mark removed there goes here too, unless added here after the removal; the removal is
 * recorded either way, so that it travels on with later merges. */
static int take_mark_deletions(struct merge_run *run, const struct journal_mark_list *ours,
                               const struct journal_mark_deletion_list *our_deletions,
                               const struct journal_mark_deletion_list *their_deletions,
                               struct error *err)
{
    int status = 0;
    for (size_t i = 0; status == 0 && i < their_deletions->count; i++) {
        const struct journal_mark_deletion *gone = &their_deletions->items[i];
        int64_t here = mark_added_at(ours, gone->day_number, gone->label);
        if (here > gone->deleted_at)
            continue; /* added here after it was removed there: it stays */
        if (here < 0 &&
            mark_deleted_at(our_deletions, gone->day_number, gone->label) >= gone->deleted_at)
            continue; /* already removed here, as late or later */
        if (here >= 0)
            run->report->deleted_marks++;
        else
            run->report->new_mark_deletions++;
        if (!run->dry_run)
            status = journal_apply_mark_deletion(run->ours, gone->day_number, gone->label,
                                                 gone->deleted_at, err);
    }
    return status;
}

/* Marks are matched by date and label, their removals weighed by time as days' are. */
static int merge_marks(struct merge_run *run, struct error *err)
{
    struct journal_mark_list ours, theirs;
    struct journal_mark_deletion_list our_deletions, their_deletions;
    journal_mark_list_init(&ours);
    journal_mark_list_init(&theirs);
    journal_mark_deletion_list_init(&our_deletions);
    journal_mark_deletion_list_init(&their_deletions);
    int status = journal_list_marks(run->ours, &ours, err) != 0 ||
                         journal_list_marks(run->theirs, &theirs, err) != 0 ||
                         journal_list_mark_deletions(run->ours, &our_deletions, err) != 0 ||
                         journal_list_mark_deletions(run->theirs, &their_deletions, err) != 0
                     ? -1
                     : 0;
    if (status == 0)
        status = take_marks(run, &ours, &theirs, &our_deletions, err);
    if (status == 0)
        status = take_mark_deletions(run, &ours, &our_deletions, &their_deletions, err);
    journal_mark_list_release(&ours);
    journal_mark_list_release(&theirs);
    journal_mark_deletion_list_release(&our_deletions);
    journal_mark_deletion_list_release(&their_deletions);
    return status;
}

/* --- Experiments ---------------------------------------------------------------------------- */

static struct merge_experiment *add_experiment(struct merge_report *report,
                                               enum merge_experiment_action action,
                                               const struct experiment_plan *theirs,
                                               const struct experiment_plan *ours)
{
    xgrow(&report->experiments, &report->experiment_capacity, report->experiment_count + 1,
          sizeof *report->experiments);
    struct merge_experiment *item = &report->experiments[report->experiment_count++];
    memset(item, 0, sizeof *item);
    item->action = action;
    item->theirs = *theirs;
    if (ours != NULL)
        item->ours = *ours;
    return item;
}

/* Our plans as they will be (their earlier stops applied), and what to take: the plans only
 * they have are added to the report, the stops taken applied to `ours`. */
static void plan_experiments(struct experiment_plan *ours, size_t our_count,
                             const struct experiment_plan *theirs, size_t their_count,
                             struct merge_report *report)
{
    for (size_t i = 0; i < their_count; i++) {
        const struct experiment_plan *plan = &theirs[i];
        struct experiment_plan *mine = NULL;
        for (size_t j = 0; j < our_count && mine == NULL; j++)
            if (experiment_same_plan(&ours[j], plan))
                mine = &ours[j];
        if (mine == NULL) {
            add_experiment(report, MERGE_EXPERIMENT_ADDED, plan, NULL);
            report->new_experiments++;
        } else if (plan->stopped_day >= 0 &&
                   (mine->stopped_day < 0 || plan->stopped_day < mine->stopped_day)) {
            add_experiment(report, MERGE_EXPERIMENT_STOPPED, plan, mine);
            report->stopped_experiments++;
            mine->stopped_day = plan->stopped_day;
        }
    }
}

/* One runs at a time: every plan added that would run beside another (ours, or another added)
 * is a clash. */
static size_t find_clashes(const struct experiment_plan *ours, size_t our_count,
                           struct merge_report *report, int today)
{
    size_t running_ours = our_count;
    for (size_t i = 0; i < our_count; i++)
        if (experiment_status_of(&ours[i], today) == EXPERIMENT_RUNNING)
            running_ours = i;
    size_t added_running = 0;
    for (size_t i = 0; i < report->experiment_count; i++)
        if (report->experiments[i].action == MERGE_EXPERIMENT_ADDED &&
            experiment_status_of(&report->experiments[i].theirs, today) == EXPERIMENT_RUNNING)
            added_running++;
    if (added_running == 0 || added_running + (running_ours < our_count) < 2)
        return 0;
    for (size_t i = 0; i < report->experiment_count; i++) {
        struct merge_experiment *item = &report->experiments[i];
        if (item->action != MERGE_EXPERIMENT_ADDED ||
            experiment_status_of(&item->theirs, today) != EXPERIMENT_RUNNING)
            continue;
        item->action = MERGE_EXPERIMENT_CLASH;
        if (running_ours < our_count)
            item->ours = ours[running_ours];
        else
            item->ours.id = 0; /* two added from there */
        report->new_experiments--;
        report->experiment_clashes++;
    }
    return report->experiment_clashes;
}

/* The first clash, named in full, with what the person can do about it. */
static int refuse_clash(struct merge_run *run, struct error *err)
{
    const struct merge_experiment *clash = NULL;
    for (size_t i = 0; i < run->report->experiment_count && clash == NULL; i++)
        if (run->report->experiments[i].action == MERGE_EXPERIMENT_CLASH)
            clash = &run->report->experiments[i];
    const char *other = journal_path(run->theirs);
    if (clash == NULL) /* called with a clash; kept safe all the same */
        return error_set(err, ERROR_INPUT, "nothing merged: two experiments would run at once");
    char theirs[200], ours[200], start[DATE_TEXT_SIZE], our_start[DATE_TEXT_SIZE];
    experiment_change_text(&clash->theirs, theirs, sizeof theirs);
    date_format(clash->theirs.start_day, start);
    if (clash->ours.id == 0)
        return error_set(err, ERROR_INPUT,
                         "nothing merged: %s has more than one experiment running ('%s' from %s "
                         "and another); one runs at a time: end one with gutskin --db %s "
                         "experiment stop and merge again",
                         other, theirs, start, other);
    experiment_change_text(&clash->ours, ours, sizeof ours);
    date_format(clash->ours.start_day, our_start);
    return error_set(err, ERROR_INPUT,
                     "nothing merged: the experiment '%s' (from %s) runs in %s and '%s' (from %s) "
                     "runs in this journal; one runs at a time: end one with gutskin experiment "
                     "stop (for the other journal: gutskin --db %s experiment stop) and merge "
                     "again",
                     theirs, start, other, ours, our_start, other);
}

/* Adds their plans (stopped as they were) and takes their earlier stops; refused as a whole
 * when two would run at once. */
static int merge_experiments(struct merge_run *run, struct error *err)
{
    struct experiment_plan *ours = NULL, *theirs = NULL;
    size_t our_count = 0, their_count = 0;
    int status = journal_list_experiments(run->ours, &ours, &our_count, err);
    if (status == 0)
        status = journal_list_experiments(run->theirs, &theirs, &their_count, err);
    if (status == 0) {
        plan_experiments(ours, our_count, theirs, their_count, run->report);
        if (find_clashes(ours, our_count, run->report, date_today()) > 0)
            status = refuse_clash(run, err);
    }
    for (size_t i = 0; status == 0 && !run->dry_run && i < run->report->experiment_count; i++) {
        struct merge_experiment *item = &run->report->experiments[i];
        if (item->action == MERGE_EXPERIMENT_ADDED) {
            struct experiment_plan plan = item->theirs;
            status = journal_add_experiment(run->ours, &plan, err);
            if (status == 0 && item->theirs.stopped_day >= 0)
                status = journal_stop_experiment_earlier(run->ours, plan.id,
                                                         item->theirs.stopped_day, err);
        } else if (item->action == MERGE_EXPERIMENT_STOPPED) {
            status = journal_stop_experiment_earlier(run->ours, item->ours.id,
                                                     item->theirs.stopped_day, err);
        }
    }
    free(ours);
    free(theirs);
    return status;
}

/* Whether our day has the value `gone` removed there, and its change time. */
static bool has_value(const struct day *day, const struct journal_value_deletion *gone,
                      int64_t *changed_at)
{
    if (gone->kind == DAY_VALUE_NOTE) {
        *changed_at = day->note_changed_at;
        return day->note != NULL;
    }
    const struct day_entry *entry = gone->kind == DAY_VALUE_FOOD
                                        ? find_entry(day->foods, day->food_count, gone->id)
                                        : find_entry(day->readings, day->reading_count, gone->id);
    *changed_at = entry != NULL ? entry->changed_at : 0;
    return entry != NULL;
}

/* A value removed there from a day it kept: removed here too when merge_stays_removed() says
 * so, and the removal recorded either way (unless one as late is), so that it travels on. */
static int merge_removal(struct merge_run *run, const struct journal_value_deletion *gone)
{
    struct day ours;
    day_init(&ours, gone->day_number);
    int found = journal_load_day(run->ours, gone->day_number, &ours, run->err);
    int64_t changed_at = 0;
    bool present = found > 0 && has_value(&ours, gone, &changed_at);
    day_release(&ours);
    if (found < 0)
        return -1;
    if (present && !merge_stays_removed(gone, changed_at))
        return 0; /* changed here after what was removed there: it stays */
    if (!present) {
        struct merge_removed here = removed_on(&run->our_removals, gone->day_number);
        const struct journal_value_deletion *mine = find_removed(&here, gone->kind, gone->id);
        if (mine != NULL && mine->deleted_at >= gone->deleted_at)
            return 0; /* removed here too, as late or later */
        run->report->new_value_removals++;
    } else {
        run->report->removed_values++;
    }
    return run->dry_run ? 0 : journal_apply_value_deletion(run->ours, gone, run->err);
}

static int merge_all(struct journal *ours, void *context, struct error *err)
{
    struct merge_run *run = context;
    run->ours = ours;
    run->err = err;
    if (merge_experiments(run, err) != 0 ||
        journal_list_deletions(ours, &run->our_deletions, err) != 0 ||
        journal_list_deletions(run->theirs, &run->their_deletions, err) != 0 ||
        journal_list_value_deletions(ours, &run->our_removals, err) != 0 ||
        journal_list_value_deletions(run->theirs, &run->their_removals, err) != 0 ||
        journal_each_day(run->theirs, DATE_NONE, DATE_NONE, merge_visit, run, err) != 0)
        return -1;
    for (size_t i = 0; i < run->their_removals.count; i++)
        if (merge_removal(run, &run->their_removals.items[i]) != 0)
            return -1;
    for (size_t i = 0; i < run->their_deletions.count; i++)
        if (merge_deletion(run, &run->their_deletions.items[i]) != 0)
            return -1;
    return merge_marks(run, err);
}

int merge_journals(struct journal *ours, struct journal *theirs, bool dry_run,
                   struct merge_report *report, struct error *err)
{
    struct merge_run run = {ours, theirs, dry_run, report, err, {0}, {0}, {0}, {0}};
    journal_deletion_list_init(&run.our_deletions);
    journal_deletion_list_init(&run.their_deletions);
    journal_value_deletion_list_init(&run.our_removals);
    journal_value_deletion_list_init(&run.their_removals);
    int status =
        dry_run ? merge_all(ours, &run, err) : journal_in_transaction(ours, merge_all, &run, err);
    journal_deletion_list_release(&run.our_deletions);
    journal_deletion_list_release(&run.their_deletions);
    journal_value_deletion_list_release(&run.our_removals);
    journal_value_deletion_list_release(&run.their_removals);
    return status;
}
