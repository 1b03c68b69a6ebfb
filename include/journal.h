/*
 * journal.h - the SQLite journal of days.
 *
 * The journal is one SQLite file (WAL mode, foreign keys on, a busy timeout so that a second
 * gutskin waits for the first instead of failing). Every statement is prepared and bound; no SQL
 * is ever built from user text. This module knows nothing of curses or of the content files.
 *
 * Call order: journal_open() -> any number of calls -> journal_close(). A journal handle is not
 * shared between threads.
 *
 * Return values: functions returning int give 0 on success and -1 on failure with `err` filled;
 * journal_load_day() gives 1 when the day exists and 0 when it does not.
 *
 * Days cross this interface as day numbers (dates.h); a range's open end is DATE_NONE. The file
 * keeps them as `YYYY-MM-DD` text, and journal.c alone converts between the two.
 */
#ifndef GUTSKIN_JOURNAL_H
#define GUTSKIN_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "day.h"
#include "error.h"
#include "strlist.h"

struct experiment_plan;

/* The oldest SQLite gutskin runs on: older ones have a savepoint bug that matches its use. */
#define JOURNAL_MIN_SQLITE "3.37.2"
#define JOURNAL_MIN_SQLITE_NUMBER 3037002

/* The schema version this gutskin writes (PRAGMA user_version). */
#define JOURNAL_SCHEMA_VERSION 7

struct journal;

/* Opens (creating if needed) the journal at `path`. A new file and its folder are made private
 * (0600 and 0700). An older schema is migrated, after a dated copy of the file has been written
 * beside it (`journal.db.v1-2026-11-25.bak`). A journal from a newer gutskin is refused and left
 * untouched (error kind ERROR_NEWER). */
struct journal *journal_open(const char *path, struct error *err);

/* Opens an existing journal without creating it (for `check`, `merge`'s other side, `backup`).
 * Fails when the file does not exist or is empty. Read-only: an older schema is read as it is.
 * Read-write: an older schema is migrated as journal_open() does. */
struct journal *journal_open_existing(const char *path, bool read_only, struct error *err);

/* Opens an existing journal for reading only, for the commands that only read (show, export,
 * report): never creates the file ("there is no journal yet at PATH" when it is missing), never
 * takes the write lock, and works on a journal the person can only read (file mode 0400, a
 * read-only folder or mount). */
struct journal *journal_open_for_reading(const char *path, struct error *err);

/* 0 when the SQLite linked in is JOURNAL_MIN_SQLITE or newer; otherwise -1 with a message.
 * Every journal_open*() checks it first. */
int journal_check_sqlite(struct error *err);

void journal_close(struct journal *journal);

/* Called once a day, before the first write transaction of that day (not before a nested one):
 * the automatic backup keeps the journal as it was before the day's first change. The hook
 * reports its own failures; a write goes ahead whatever the hook did. */
typedef void journal_write_hook(struct journal *journal, void *context);
void journal_set_write_hook(struct journal *journal, journal_write_hook *hook, void *context);

/* The file name the journal was opened from. Owned by the journal. */
const char *journal_path(const struct journal *journal);

/* The schema version of the file as opened: JOURNAL_SCHEMA_VERSION, or an older one for a
 * journal opened read-only with journal_open_existing(). */
int journal_schema_version(const struct journal *journal);

/* A warning about the file noticed when opening (e.g. "journal.db is readable by others (0644)"),
 * or NULL. Owned by the journal. */
const char *journal_warning(const struct journal *journal);

/* Writes the whole day in one transaction: afterwards the journal holds exactly `day` for that
 * date (readings and foods not in `day` are removed). An empty day deletes the date. Rows whose
 * value did not change keep their changed_at time. */
int journal_save_day(struct journal *journal, const struct day *day, struct error *err);

/* Like journal_save_day(), but a changed row is stamped with the entry's own changed_at (and the
 * note with note_changed_at) instead of now; 0 still means now. For merges, which must keep the
 * other journal's times so that merging again changes nothing. */
int journal_save_day_with_times(struct journal *journal, const struct day *day, struct error *err);

/* Loads a day into `day`, which must be initialised; it is reset first. */
int journal_load_day(struct journal *journal, int day_number, struct day *day, struct error *err);

int journal_delete_day(struct journal *journal, int day_number, struct error *err);

/* Calls `visit` for every saved day from `from` to `to` inclusive (either may be DATE_NONE for an
 * open end), oldest first. The day passed is only valid during the call. A non-zero return from
 * `visit` stops the walk and is returned. */
typedef int journal_day_visitor(const struct day *day, void *context);
int journal_each_day(struct journal *journal, int from, int to, journal_day_visitor *visit,
                     void *context, struct error *err);

/* The same walk as journal_each_day() without building each day: for every saved day from `from`
 * to `to` (DATE_NONE = open), oldest first, `day` once, then `reading` for each of its readings
 * (by id) and `food` for each food eaten (by id). Ids are only valid during the call. For readers
 * that take the values into tables of their own (the insights' daily table), where a struct day
 * per day, with an allocated copy of every id, cost more than reading the rows. */
struct journal_value_visitor {
    void (*day)(void *context, int day_number);
    void (*reading)(void *context, const char *metric_id, double value);
    void (*food)(void *context, const char *food_id, double servings);
    void *context;
};
int journal_each_value(struct journal *journal, int from, int to,
                       const struct journal_value_visitor *visit, struct error *err);

/* Calls `visit` for every non-empty note of a saved day from `from` to `to` (DATE_NONE = open),
 * oldest first, as journal_each_day() would find it but without reading the day's values. The
 * text is only valid during the call. A non-zero return from `visit` stops the walk. */
typedef int journal_note_visitor(int day_number, const char *note, void *context);
int journal_each_note(struct journal *journal, int from, int to, journal_note_visitor *visit,
                      void *context, struct error *err);

/* The saved days from `from` to `to` (DATE_NONE = open), newest first (*days: free()). */
int journal_list_days(struct journal *journal, int from, int to, int **days, size_t *count,
                      struct error *err);

/* First and last saved days; both DATE_NONE when the journal is empty. */
int journal_day_span(struct journal *journal, int *first, int *last, struct error *err);

/* Number of saved days between `from` and `to` inclusive (DATE_NONE = open). */
int journal_count_days(struct journal *journal, int from, int to, size_t *count, struct error *err);

/* --- Series and aggregates (computed in SQL) ------------------------------------------------- */

enum journal_grouping { JOURNAL_BY_DAY, JOURNAL_BY_WEEK, JOURNAL_BY_MONTH };

/* What a series measures:
 *  - JOURNAL_SERIES_METRIC: the value of one reading (ids[0]);
 *  - JOURNAL_SERIES_MEAN_OF_METRICS: the sum of whichever of `ids` were logged that day divided
 *    by the number of `ids`, a blank counting as none (a composite score such as "skin", see
 *    scores.h); a day with none of them is missing;
 *  - JOURNAL_SERIES_FOOD_SERVINGS: the total servings of the foods in `ids` eaten that day; a
 *    saved day without any of them counts as 0, a day not saved is missing. */
enum journal_series_kind {
    JOURNAL_SERIES_METRIC,
    JOURNAL_SERIES_MEAN_OF_METRICS,
    JOURNAL_SERIES_FOOD_SERVINGS,
};

struct journal_series_query {
    enum journal_series_kind kind;
    const char *const *ids;
    size_t id_count;
    int from; /* inclusive, DATE_NONE = the first saved day */
    int to;   /* inclusive, DATE_NONE = the last saved day */
    enum journal_grouping grouping;
};

/* One bucket: a day, or the week (starting Monday) or month that starts on `day`. Buckets with no
 * data are absent: a missing day is a gap, never a zero. */
struct journal_point {
    int day;
    double mean; /* mean of the daily values in the bucket */
    double min;
    double max;
    int count; /* number of days with a value in the bucket */
};

struct journal_series {
    struct journal_point *points;
    size_t count;
    size_t capacity;
};

void journal_series_init(struct journal_series *series);
void journal_series_release(struct journal_series *series);

/* Fills `series` (reset first) with the buckets of the query, oldest first. */
int journal_read_series(struct journal *journal, const struct journal_series_query *query,
                        struct journal_series *series, struct error *err);

/* --- Marks: days where a change started (before/after comparisons) -------------------------- */

struct journal_mark {
    int64_t id;
    int day_number;
    char *label;
    int64_t changed_at; /* unix seconds of when it was added */
};

struct journal_mark_list {
    struct journal_mark *items;
    size_t count;
    size_t capacity;
};

void journal_mark_list_init(struct journal_mark_list *marks);
void journal_mark_list_release(struct journal_mark_list *marks);

/* Adding a mark forgets a removal of the same day and label (journal_list_mark_deletions). */
int journal_add_mark(struct journal *journal, int day_number, const char *label, struct error *err);
/* Like journal_add_mark(), stamped `changed_at` instead of now: for merges, which keep the other
 * journal's times. */
int journal_add_mark_with_time(struct journal *journal, int day_number, const char *label,
                               int64_t changed_at, struct error *err);
/* Removes a mark; when no other mark has its day and label, its removal is remembered. */
int journal_delete_mark(struct journal *journal, int64_t id, struct error *err);
/* All marks, oldest first. A mark whose stored date is not a date (a file another program
 * wrote: journal_check_dates() names it) is left out. */
int journal_list_marks(struct journal *journal, struct journal_mark_list *marks, struct error *err);

/* A mark removed (its day and label), and when: the tombstones a merge carries. */
struct journal_mark_deletion {
    int day_number;
    char *label;
    int64_t deleted_at; /* unix seconds */
};

struct journal_mark_deletion_list {
    struct journal_mark_deletion *items;
    size_t count;
    size_t capacity;
};

void journal_mark_deletion_list_init(struct journal_mark_deletion_list *list);
void journal_mark_deletion_list_release(struct journal_mark_deletion_list *list);

/* The marks removed and not added again since, by day then label (reset first). A journal from
 * before schema 6 (read-only) has none; a stored date that is not a date is left out
 * (journal_check_dates() names it). */
int journal_list_mark_deletions(struct journal *journal, struct journal_mark_deletion_list *list,
                                struct error *err);

/* Removes every mark of that day and label and records the removal at `deleted_at` (a later
 * time already recorded stays): for merges. */
int journal_apply_mark_deletion(struct journal *journal, int day_number, const char *label,
                                int64_t deleted_at, struct error *err);

/* --- Experiments (experiment.h) ------------------------------------------------------------- */

/* Saves a new plan and sets plan->id. Whether another one runs is the caller's check, inside the
 * same journal_in_transaction(). */
int journal_add_experiment(struct journal *journal, struct experiment_plan *plan,
                           struct error *err);
/* Every saved plan, oldest first (*plans: free()). */
int journal_list_experiments(struct journal *journal, struct experiment_plan **plans,
                             size_t *count, struct error *err);
/* Marks a plan stopped on a day; an error when it is unknown or already stopped. */
int journal_stop_experiment(struct journal *journal, int64_t id, int day_number,
                            struct error *err);
/* For merges, which take the earlier of two stops of the same plan: marks the plan stopped on
 * `day_number` when it is not stopped or was stopped later; otherwise changes nothing. */
int journal_stop_experiment_earlier(struct journal *journal, int64_t id, int day_number,
                                    struct error *err);
/* Appends to `problems` one line per saved plan that journal_list_experiments() would skip as
 * not written by gutskin (a kind, number or date it cannot read): a merge must not drop one
 * silently. */
int journal_check_experiments(struct journal *journal, struct strlist *problems, struct error *err);

/* --- Tombstones: days deleted, and when ------------------------------------------------------ */

struct journal_deletion {
    int day_number;
    int64_t deleted_at; /* unix seconds */
};

struct journal_deletion_list {
    struct journal_deletion *items;
    size_t count;
    size_t capacity;
};

void journal_deletion_list_init(struct journal_deletion_list *list);
void journal_deletion_list_release(struct journal_deletion_list *list);

/* The days deleted (a saved day removed, by History's d or a save that emptied it) and not saved
 * again since, oldest date first. A journal from before tombstones (read-only) has none. As with
 * marks, a stored date that is not a date is left out. */
int journal_list_deletions(struct journal *journal, struct journal_deletion_list *list,
                           struct error *err);

/* Deletes the day (when there is one) and records its deletion at `deleted_at` (a later time
 * already recorded stays): for merges, which keep the other journal's time. */
int journal_apply_deletion(struct journal *journal, int day_number, int64_t deleted_at,
                           struct error *err);

/* --- Tombstones of values: a reading, a food or the note removed from a day that stays -------- */

/* Every save that removes a value from a day it keeps records the removal (deleted_at) and the
 * change time of the value removed (was_changed_at: which version of it was removed); a value
 * set again forgets its tombstone. A day removed whole has a day tombstone instead. */
struct journal_value_deletion {
    int day_number;
    enum day_value_kind kind;
    char *id; /* the metric or food id; "" for the note */
    int64_t deleted_at;
    int64_t was_changed_at;
};

struct journal_value_deletion_list {
    struct journal_value_deletion *items;
    size_t count;
    size_t capacity;
};

void journal_value_deletion_list_init(struct journal_value_deletion_list *list);
void journal_value_deletion_list_release(struct journal_value_deletion_list *list);

/* The values removed and not set again since, by day, kind and id (reset first). A journal
 * from before schema 7 (read-only) has none. */
int journal_list_value_deletions(struct journal *journal, struct journal_value_deletion_list *list,
                                 struct error *err);

/* For merges: removes the value from its day (when it is there) and records the removal with
 * the other journal's times (a later one already recorded stays). A day left with nothing is
 * removed, with a day tombstone at the same time. */
int journal_apply_value_deletion(struct journal *journal, const struct journal_value_deletion *gone,
                                 struct error *err);

/* --- Whole-journal operations ------------------------------------------------------------- */

/* Runs `fn` inside one transaction: committed when it returns 0, rolled back otherwise. Used by
 * import and merge so that a batch of days lands completely or not at all. Nested calls to
 * journal_save_day() inside `fn` join the outer transaction. */
typedef int journal_transaction_fn(struct journal *journal, void *context, struct error *err);
int journal_in_transaction(struct journal *journal, journal_transaction_fn *fn, void *context,
                           struct error *err);

/* Runs `fn` inside one read transaction: every read it makes sees the same snapshot of the
 * journal, without taking the write lock or waiting behind a writer. Inside a transaction
 * already, `fn` simply runs in it. */
int journal_read_snapshot(struct journal *journal, journal_transaction_fn *fn, void *context,
                          struct error *err);

/* Load-change-save in one write transaction (BEGIN IMMEDIATE): loads the day `day_number` (empty
 * when not saved), lets `change` edit it, and saves the result, so that no other writer can slip
 * in between. `change` returns 0 to save, -1 (with `err`) to cancel. An empty result removes the
 * day. */
typedef int journal_day_change_fn(struct day *day, void *context, struct error *err);
int journal_update_day(struct journal *journal, int day_number, journal_day_change_fn *change,
                       void *context, struct error *err);

/* Saves what a person changed in one write transaction (BEGIN IMMEDIATE): `base` is the day as
 * it was loaded into the form, `mine` as the person left it. The values that differ between them
 * are written over the day as it is in the journal now; every other value keeps what is saved,
 * including what another gutskin wrote since `base` was loaded (see day_merge()). A value changed
 * on both sides to different results is a conflict, appended to `conflicts` (may be NULL): with
 * DAY_MERGE_ASK nothing is written and 1 is returned, so that the person can decide; with
 * DAY_MERGE_KEEP_MINE or DAY_MERGE_KEEP_THEIRS each conflict is settled so and the day saved.
 * Returns 0 when saved, 1 when asking, -1 on failure. Load the day again to see what was saved. */
int journal_merge_day(struct journal *journal, const struct day *base, const struct day *mine,
                      enum day_merge_choice choice, struct day_conflicts *conflicts,
                      struct error *err);

/* A counter that moves whenever the journal's content may have changed: a commit by any other
 * connection or process (SQLite's PRAGMA data_version) or a change made through this handle.
 * Screens keep the value they loaded at and reload when it differs. Cheap: one small query. */
uint64_t journal_freshness(struct journal *journal);

/* The one stale-check of the screens: true when the journal may have changed since `*seen` was
 * taken (0: never loaded), and `*seen` becomes the current freshness, so the caller reloads now.
 * Taken before the reload, so that a write landing during it shows as a change next time. */
bool journal_is_stale(struct journal *journal, uint64_t *seen);

/* PRAGMA integrity_check: 0 when "ok", otherwise -1 with the first problem in `err`. */
int journal_check_integrity(struct journal *journal, struct error *err);

/* Appends to `problems` one line per stored value whose type is not the one gutskin writes (a
 * value stored as text, a date as a number): what a file edited by another program may hold. */
int journal_check_stored_types(struct journal *journal, struct strlist *problems,
                               struct error *err);

/* Appends to `problems` one line per stored date that is not a date gutskin accepts (a day, a
 * mark, a deleted day), as a file edited by another program may hold: the journal's reads leave
 * those rows out, since no day number stands for them. */
int journal_check_dates(struct journal *journal, struct strlist *problems, struct error *err);

/* A consistent copy through SQLite's online backup API, safe while another gutskin is writing.
 * The copy is created 0600. */
int journal_backup(struct journal *journal, const char *destination, struct error *err);

/* The latest change time stamped in the journal (a day, a value, a note), in unix seconds; 0 when
 * there is none. */
int journal_last_change(struct journal *journal, int64_t *when, struct error *err);

/* Replaces everything `journal` holds with what `source` holds, through SQLite's online backup
 * API into the live file: one write transaction, which another gutskin with the journal open
 * sees like any other write (its next read has the restored days). Waits like a save for another
 * writer. Both must have the same schema version. */
int journal_restore_from(struct journal *journal, struct journal *source, struct error *err);

/* Marks the journal as made by `gutskin demo` (in the file's header, never in anything a
 * person can type), so that `demo --reset` empties only a journal the demo created. */
int journal_set_demo(struct journal *journal, struct error *err);

/* Sets *demo to whether the journal carries the demo's mark. */
int journal_is_demo(struct journal *journal, bool *demo, struct error *err);

#endif
