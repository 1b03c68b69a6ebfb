/*
 * day.h - one day of the journal, in memory.
 *
 * A day is a local calendar date (a day number, dates.h) with an optional note, a set of readings
 * (metric id -> value: symptom severities and habit amounts) and a set of foods eaten (food id ->
 * servings). Ids come from the content files; this module does not check them, so a day can hold
 * ids that the content no longer defines and they survive a load/save round trip.
 *
 * Lifecycle: day_init() on storage you own, day_release() when done. Every string inside is
 * owned by the day. Readings and foods are kept sorted by id, so two equal days compare equal.
 */
#ifndef GUTSKIN_DAY_H
#define GUTSKIN_DAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dates.h"

struct day_entry {
    char *id;
    double value;       /* a reading's value, or a food's servings */
    int64_t changed_at; /* unix seconds of the last change; 0 when never saved */
};

struct day {
    int day_number; /* DATE_NONE until set */
    char *note; /* NULL when there is none */
    int64_t note_changed_at;
    struct day_entry *readings;
    size_t reading_count;
    size_t reading_capacity;
    struct day_entry *foods;
    size_t food_count;
    size_t food_capacity;
};

void day_init(struct day *day, int day_number);
void day_release(struct day *day);

/* Replaces `destination` (which must be initialised) with a deep copy of `source`. */
void day_copy(struct day *destination, const struct day *source);

/* True when the day holds no note, no reading and no food. */
bool day_is_empty(const struct day *day);

/* True when both days hold the same note, readings and foods (timestamps are ignored). */
bool day_equal(const struct day *a, const struct day *b);

/* Readings. day_get_reading() returns false when the metric was not logged that day. */
void day_set_reading(struct day *day, const char *metric_id, double value);
bool day_get_reading(const struct day *day, const char *metric_id, double *value);
void day_remove_reading(struct day *day, const char *metric_id);

/* Foods eaten, in servings (usually 1). */
void day_set_food(struct day *day, const char *food_id, double servings);
bool day_get_food(const struct day *day, const char *food_id, double *servings);
void day_remove_food(struct day *day, const char *food_id);

/* Replaces the note; NULL or an empty string removes it. */
void day_set_note(struct day *day, const char *note);

/* --- Three-way merge: what a person changed, over the day as it is now ---------------------- */

enum day_value_kind { DAY_VALUE_READING, DAY_VALUE_FOOD, DAY_VALUE_NOTE };

/* One value that the person and someone else both changed since the person's copy was loaded,
 * to different results. A side that removed the value has `*_set` false. */
struct day_conflict {
    enum day_value_kind kind;
    char *id; /* the metric or food id; NULL for the note */
    bool mine_set;
    bool theirs_set;
    double mine; /* readings and foods */
    double theirs;
    char *mine_note; /* the note; NULL when removed */
    char *theirs_note;
    int64_t theirs_changed_at; /* when the other change was saved; 0 when unknown or removed */
};

struct day_conflicts {
    struct day_conflict *items;
    size_t count;
    size_t capacity;
};

void day_conflicts_init(struct day_conflicts *conflicts);
void day_conflicts_release(struct day_conflicts *conflicts);

/* How a merge settles a conflict: DAY_MERGE_ASK and DAY_MERGE_KEEP_THEIRS keep the other value
 * (ASK so that nothing of the person's is written before they decide), KEEP_MINE the person's. */
enum day_merge_choice { DAY_MERGE_ASK, DAY_MERGE_KEEP_MINE, DAY_MERGE_KEEP_THEIRS };

/* Replaces `result` (initialised) with `theirs` (the day as it is now) plus every value that
 * differs between `base` (the day as the person's copy was loaded) and `mine` (as the person
 * left it): values the person did not touch keep what others wrote meanwhile. A value is changed
 * elsewhere when its presence, value or change time differs between `base` and `theirs`. Values
 * changed on both sides to different results are conflicts: appended to `conflicts` (may be NULL)
 * and settled by `choice`. Returns the number of conflicts. */
size_t day_merge(const struct day *base, const struct day *mine, const struct day *theirs,
                 enum day_merge_choice choice, struct day *result, struct day_conflicts *conflicts);

#endif
