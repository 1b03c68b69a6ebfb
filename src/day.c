/*
 * day.c - one journal day in memory: a note, readings and foods eaten.
 *
 * Entries are kept sorted by id so that lookups are a binary search and two days with the same
 * contents are equal entry by entry.
 */
#include "day.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct entry_set {
    struct day_entry **items;
    size_t *count;
    size_t *capacity;
};

void day_init(struct day *day, int day_number)
{
    memset(day, 0, sizeof *day);
    day->day_number = day_number;
}

static void entries_free(struct day_entry *entries, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(entries[i].id);
    free(entries);
}

void day_release(struct day *day)
{
    free(day->note);
    entries_free(day->readings, day->reading_count);
    entries_free(day->foods, day->food_count);
    day_init(day, DATE_NONE);
}

static struct day_entry *entries_copy(const struct day_entry *source, size_t count)
{
    if (count == 0)
        return NULL;
    struct day_entry *copy = xmalloc(count * sizeof *copy);
    for (size_t i = 0; i < count; i++) {
        copy[i] = source[i];
        copy[i].id = xstrdup(source[i].id);
    }
    return copy;
}

void day_copy(struct day *destination, const struct day *source)
{
    if (destination == source)
        return;
    day_release(destination);
    destination->day_number = source->day_number;
    destination->note = source->note ? xstrdup(source->note) : NULL;
    destination->note_changed_at = source->note_changed_at;
    destination->readings = entries_copy(source->readings, source->reading_count);
    destination->reading_count = destination->reading_capacity = source->reading_count;
    destination->foods = entries_copy(source->foods, source->food_count);
    destination->food_count = destination->food_capacity = source->food_count;
}

bool day_is_empty(const struct day *day)
{
    return day->note == NULL && day->reading_count == 0 && day->food_count == 0;
}

static bool entries_equal(const struct day_entry *a, size_t a_count, const struct day_entry *b,
                          size_t b_count)
{
    if (a_count != b_count)
        return false;
    for (size_t i = 0; i < a_count; i++)
        if (strcmp(a[i].id, b[i].id) != 0 || a[i].value != b[i].value)
            return false;
    return true;
}

bool day_equal(const struct day *a, const struct day *b)
{
    const char *note_a = a->note ? a->note : "";
    const char *note_b = b->note ? b->note : "";
    return strcmp(note_a, note_b) == 0 &&
           entries_equal(a->readings, a->reading_count, b->readings, b->reading_count) &&
           entries_equal(a->foods, a->food_count, b->foods, b->food_count);
}

/* Binary search: the index of `id`, or where it would be inserted with *found false. */
static size_t entries_search(const struct day_entry *entries, size_t count, const char *id,
                             bool *found)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(entries[middle].id, id);
        if (order == 0) {
            *found = true;
            return middle;
        }
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    *found = false;
    return low;
}

static void entries_set(struct entry_set set, const char *id, double value)
{
    bool found;
    size_t index = entries_search(*set.items, *set.count, id, &found);
    if (found) {
        if ((*set.items)[index].value != value)
            (*set.items)[index].changed_at = 0;
        (*set.items)[index].value = value;
        return;
    }
    xgrow(set.items, set.capacity, *set.count + 1, sizeof **set.items);
    struct day_entry *entries = *set.items;
    memmove(&entries[index + 1], &entries[index], (*set.count - index) * sizeof *entries);
    entries[index] = (struct day_entry){.id = xstrdup(id), .value = value, .changed_at = 0};
    (*set.count)++;
}

static bool entries_get(const struct day_entry *entries, size_t count, const char *id,
                        double *value)
{
    bool found;
    size_t index = entries_search(entries, count, id, &found);
    if (found && value != NULL)
        *value = entries[index].value;
    return found;
}

static void entries_remove(struct entry_set set, const char *id)
{
    bool found;
    size_t index = entries_search(*set.items, *set.count, id, &found);
    if (!found)
        return;
    struct day_entry *entries = *set.items;
    free(entries[index].id);
    memmove(&entries[index], &entries[index + 1], (*set.count - index - 1) * sizeof *entries);
    (*set.count)--;
}

static struct entry_set readings_of(struct day *day)
{
    return (struct entry_set){&day->readings, &day->reading_count, &day->reading_capacity};
}

static struct entry_set foods_of(struct day *day)
{
    return (struct entry_set){&day->foods, &day->food_count, &day->food_capacity};
}

void day_set_reading(struct day *day, const char *metric_id, double value)
{
    entries_set(readings_of(day), metric_id, value);
}

bool day_get_reading(const struct day *day, const char *metric_id, double *value)
{
    return entries_get(day->readings, day->reading_count, metric_id, value);
}

void day_remove_reading(struct day *day, const char *metric_id)
{
    entries_remove(readings_of(day), metric_id);
}

void day_set_food(struct day *day, const char *food_id, double servings)
{
    entries_set(foods_of(day), food_id, servings);
}

bool day_get_food(const struct day *day, const char *food_id, double *servings)
{
    return entries_get(day->foods, day->food_count, food_id, servings);
}

void day_remove_food(struct day *day, const char *food_id)
{
    entries_remove(foods_of(day), food_id);
}

void day_set_note(struct day *day, const char *note)
{
    free(day->note);
    day->note = (note != NULL && note[0] != '\0') ? xstrdup(note) : NULL;
    day->note_changed_at = 0;
}

/* --- Three-way merge ----------------------------------------------------------------------- */

void day_conflicts_init(struct day_conflicts *conflicts)
{
    memset(conflicts, 0, sizeof *conflicts);
}

void day_conflicts_release(struct day_conflicts *conflicts)
{
    for (size_t i = 0; i < conflicts->count; i++) {
        free(conflicts->items[i].id);
        free(conflicts->items[i].mine_note);
        free(conflicts->items[i].theirs_note);
    }
    free(conflicts->items);
    day_conflicts_init(conflicts);
}

/* One side's view of one value: present or not, its value and when it changed. */
struct side {
    bool set;
    double value;
    int64_t changed_at;
};

static struct side side_of(const struct day_entry *entries, size_t count, const char *id)
{
    bool found;
    size_t index = entries_search(entries, count, id, &found);
    if (!found)
        return (struct side){false, 0, 0};
    return (struct side){true, entries[index].value, entries[index].changed_at};
}

static bool sides_same_value(struct side a, struct side b)
{
    return a.set == b.set && (!a.set || a.value == b.value);
}

/* Changed elsewhere: a different value, or the same value saved again since (its time moved). */
static bool side_changed(struct side base, struct side now)
{
    return !sides_same_value(base, now) ||
           (base.set && base.changed_at != 0 && now.changed_at != base.changed_at);
}

static struct day_conflict *add_conflict(struct day_conflicts *conflicts, enum day_value_kind kind)
{
    if (conflicts == NULL)
        return NULL;
    xgrow(&conflicts->items, &conflicts->capacity, conflicts->count + 1, sizeof *conflicts->items);
    struct day_conflict *conflict = &conflicts->items[conflicts->count++];
    memset(conflict, 0, sizeof *conflict);
    conflict->kind = kind;
    return conflict;
}

struct merge_job {
    const struct day *base, *mine, *theirs;
    enum day_merge_choice choice;
    struct day *result;
    struct day_conflicts *conflicts;
    size_t conflict_count;
};

static const struct day_entry *entries_of(const struct day *day, bool food, size_t *count)
{
    *count = food ? day->food_count : day->reading_count;
    return food ? day->foods : day->readings;
}

/* Merges one reading or food id into the result. */
static void merge_entry(struct merge_job *job, bool food, const char *id)
{
    size_t n;
    const struct day_entry *e = entries_of(job->base, food, &n);
    struct side base = side_of(e, n, id);
    e = entries_of(job->mine, food, &n);
    struct side mine = side_of(e, n, id);
    e = entries_of(job->theirs, food, &n);
    struct side theirs = side_of(e, n, id);
    if (sides_same_value(base, mine) || sides_same_value(mine, theirs))
        return; /* untouched here, or both sides agree: the result holds theirs */
    if (side_changed(base, theirs)) {
        job->conflict_count++;
        struct day_conflict *conflict =
            add_conflict(job->conflicts, food ? DAY_VALUE_FOOD : DAY_VALUE_READING);
        if (conflict != NULL) {
            conflict->id = xstrdup(id);
            conflict->mine_set = mine.set;
            conflict->mine = mine.value;
            conflict->theirs_set = theirs.set;
            conflict->theirs = theirs.value;
            conflict->theirs_changed_at = theirs.changed_at;
        }
        if (job->choice != DAY_MERGE_KEEP_MINE)
            return;
    }
    struct entry_set set = food ? foods_of(job->result) : readings_of(job->result);
    if (mine.set)
        entries_set(set, id, mine.value);
    else
        entries_remove(set, id);
}

static void merge_entries(struct merge_job *job, bool food)
{
    size_t base_count, mine_count;
    const struct day_entry *base = entries_of(job->base, food, &base_count);
    const struct day_entry *mine = entries_of(job->mine, food, &mine_count);
    for (size_t i = 0; i < base_count; i++)
        merge_entry(job, food, base[i].id);
    for (size_t i = 0; i < mine_count; i++)
        if (!entries_get(base, base_count, mine[i].id, NULL))
            merge_entry(job, food, mine[i].id);
}

static bool notes_equal(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void merge_note(struct merge_job *job)
{
    const char *base = job->base->note, *mine = job->mine->note, *theirs = job->theirs->note;
    if (notes_equal(base, mine) || notes_equal(mine, theirs))
        return;
    bool theirs_changed =
        !notes_equal(base, theirs) || (base != NULL && job->base->note_changed_at != 0 &&
                                       job->theirs->note_changed_at != job->base->note_changed_at);
    if (theirs_changed) {
        job->conflict_count++;
        struct day_conflict *conflict = add_conflict(job->conflicts, DAY_VALUE_NOTE);
        if (conflict != NULL) {
            conflict->mine_set = mine != NULL;
            conflict->mine_note = mine ? xstrdup(mine) : NULL;
            conflict->theirs_set = theirs != NULL;
            conflict->theirs_note = theirs ? xstrdup(theirs) : NULL;
            conflict->theirs_changed_at = job->theirs->note_changed_at;
        }
        if (job->choice != DAY_MERGE_KEEP_MINE)
            return;
    }
    day_set_note(job->result, mine);
}

size_t day_merge(const struct day *base, const struct day *mine, const struct day *theirs,
                 enum day_merge_choice choice, struct day *result, struct day_conflicts *conflicts)
{
    struct merge_job job = {base, mine, theirs, choice, result, conflicts, 0};
    struct day merged;
    day_init(&merged, DATE_NONE);
    day_copy(&merged, theirs);
    merged.day_number = mine->day_number;
    job.result = &merged;
    merge_entries(&job, false);
    merge_entries(&job, true);
    merge_note(&job);
    day_release(result);
    *result = merged;
    return job.conflict_count;
}
