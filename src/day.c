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

void day_init(struct day *day, const char *date)
{
    memset(day, 0, sizeof *day);
    if (date != NULL) {
        strncpy(day->date, date, DATE_TEXT_SIZE - 1);
        day->date[DATE_TEXT_SIZE - 1] = '\0';
    }
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
    day_init(day, NULL);
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
    memcpy(destination->date, source->date, DATE_TEXT_SIZE);
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
