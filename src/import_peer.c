/*
 * import_peer.c - another app's values, converted and combined into gutskin days.
 *
 * The mapping (which name goes where) lives in import_map.c; this file holds the peer data, the
 * conversion of one value for one target, and the folding of a day's many entries into one day.
 */
#include "import_peer.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "text.h"
#include "xalloc.h"

/* --- Peer data -------------------------------------------------------------------------------- */

void peer_data_init(struct peer_data *data, const char *file, struct strlist *problems)
{
    memset(data, 0, sizeof *data);
    data->file = file;
    data->problems = problems;
    data->future_where = -1;
}

void peer_data_release(struct peer_data *data)
{
    for (size_t i = 0; i < data->name_count; i++) {
        free(data->names[i].kind);
        free(data->names[i].name);
        free(data->names[i].unit);
    }
    for (size_t i = 0; i < data->value_count; i++)
        free(data->values[i].text);
    for (size_t i = 0; i < data->note_count; i++)
        free(data->notes[i].text);
    free(data->names);
    free(data->values);
    free(data->notes);
    free(data->listings);
    import_kept_release(&data->kept);
    struct strlist *problems = data->problems;
    const char *file = data->file;
    peer_data_init(data, file, problems);
}

/* A copy of `text` without blanks at either end. */
static char *trimmed_copy(const char *text)
{
    while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
        text++;
    size_t length = strlen(text);
    while (length > 0 && strchr(" \t\r\n", text[length - 1]) != NULL)
        length--;
    return xstrndup(text, length);
}

static bool same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

size_t peer_name_add(struct peer_data *data, const char *kind, const char *name,
                     enum peer_scale scale, const char *unit, long where)
{
    char *clean = trimmed_copy(name);
    if (clean[0] == '\0') {
        free(clean);
        return SIZE_MAX;
    }
    for (size_t i = data->name_count; i-- > 0;) {
        const struct peer_name *known = &data->names[i];
        if (strcmp(known->name, clean) == 0 && strcmp(known->kind, kind) == 0 &&
            known->scale == scale && same_text(known->unit, unit)) {
            free(clean);
            return i;
        }
    }
    xgrow(&data->names, &data->name_capacity, data->name_count + 1, sizeof *data->names);
    bool listed = false;
    for (size_t i = 0; i < data->listing_count && scale == PEER_PRESENT && !listed; i++)
        listed = strcmp(data->listings[i].kind, kind) == 0;
    data->names[data->name_count] = (struct peer_name){
        xstrdup(kind), clean, scale, unit ? xstrdup(unit) : NULL, 0, where, listed};
    return data->name_count++;
}

/* False (reported once for each place in the file) for a day after today. */
static bool day_allowed(struct peer_data *data, int day, long where)
{
    struct error err;
    if (import_check_day(day, &err) == 0)
        return true;
    if (where != data->future_where)
        peer_problem(data, where, "%s", err.message);
    data->future_where = where;
    return false;
}

void peer_add_value(struct peer_data *data, int day, int minute, size_t name, double value,
                    const char *text, long where)
{
    if (name == SIZE_MAX || !day_allowed(data, day, where))
        return;
    xgrow(&data->values, &data->value_capacity, data->value_count + 1, sizeof *data->values);
    data->values[data->value_count++] =
        (struct peer_value){day, minute, name, value, text ? xstrdup(text) : NULL, where};
}

void peer_add_note(struct peer_data *data, int day, int minute, const char *text, long where)
{
    char *clean = trimmed_copy(text);
    if (clean[0] == '\0' || !day_allowed(data, day, where)) {
        free(clean);
        return;
    }
    xgrow(&data->notes, &data->note_capacity, data->note_count + 1, sizeof *data->notes);
    data->notes[data->note_count] = (struct peer_note){day, minute, data->note_count, clean};
    data->note_count++;
}

void peer_add_listing(struct peer_data *data, int day, const char *kind, long where)
{
    if (!day_allowed(data, day, where))
        return;
    xgrow(&data->listings, &data->listing_capacity, data->listing_count + 1,
          sizeof *data->listings);
    data->listings[data->listing_count++] = (struct peer_listing){day, kind, where};
    for (size_t i = 0; i < data->name_count; i++)
        if (data->names[i].scale == PEER_PRESENT && strcmp(data->names[i].kind, kind) == 0)
            data->names[i].listed = true;
}

void peer_problem(struct peer_data *data, long where, const char *format, ...)
{
    char what[600];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    if (data->entry_numbers)
        strlist_pushf(data->problems, "%s: entry %ld: %s", data->file, where, what);
    else
        strlist_pushf(data->problems, "%s:%ld: %s", data->file, where, what);
}

/* --- Converting one value --------------------------------------------------------------------- */

/* The range a target holds: signs 0..4, habits their own, new habits as made for the scale. */
struct target_range {
    bool sign, food;
    enum content_habit_kind kind;
    double min, max, step;
};

static bool target_range(const struct peer_import *import, const struct peer_mapping *mapping,
                         const struct content *content, struct target_range *range)
{
    memset(range, 0, sizeof *range);
    switch (mapping->target) {
    case PEER_TO_SIGN:
    case PEER_TO_NEW_SIGN:
        *range =
            (struct target_range){true, false, CONTENT_HABIT_SCALE, 0, CONTENT_SEVERITY_MAX, 1};
        return true;
    case PEER_TO_FOOD:
    case PEER_TO_NEW_FOOD:
        range->food = true;
        return true;
    case PEER_TO_HABIT: {
        const struct content_habit *habit = content_find_habit(content, mapping->id);
        if (habit == NULL)
            return false;
        *range =
            (struct target_range){false, false, habit->kind, habit->min, habit->max, habit->step};
        return true;
    }
    case PEER_TO_NEW_HABIT:
        for (size_t i = 0; i < import->new_count; i++)
            if (strcmp(import->new_items[i].id, mapping->id) == 0) {
                const struct peer_new_item *item = &import->new_items[i];
                *range = (struct target_range){false,     false,     item->habit_kind,
                                               item->min, item->max, item->step};
                return true;
            }
        return false;
    default:
        return false;
    }
}

/* The value as a fraction 0 (worst or none) .. 1 (best or most) of the app's own range; NAN
 * for scales that have no range. */
static double scale_fraction(const struct peer_name *name, double value)
{
    switch (name->scale) {
    case PEER_LEVEL5:
    case PEER_RATING5:
        return (value - 1) / 4;
    case PEER_MOOD10:
        return (value - 1) / 9;
    case PEER_SEVERITY4:
        return value / 4;
    case PEER_POINTS: {
        double max = name->unit ? atof(name->unit) : 0;
        return max > 0 ? value / max : NAN;
    }
    default:
        return NAN;
    }
}

static double snap(double value, const struct target_range *range)
{
    if (range->step > 0)
        value = range->min + round((value - range->min) / range->step) * range->step;
    return fmin(fmax(value, range->min), range->max);
}

/* Severity 0..4 for a sign. Scales where more is better (moods, ratings) are turned round. */
static bool to_severity(const struct peer_name *name, const struct peer_mapping *mapping,
                        double value, double *out)
{
    double present = mapping->has_value ? mapping->value : 2;
    switch (name->scale) {
    case PEER_SEVERITY4:
        *out = value;
        return true;
    case PEER_PRESENT:
        *out = present;
        return true;
    case PEER_YES_NO:
        *out = value > 0 ? present : 0;
        return true;
    case PEER_AMOUNT:
        *out = fmin(fmax(round(value), 0), CONTENT_SEVERITY_MAX);
        return true;
    case PEER_TEXT:
        return false;
    default:
        *out = round((1 - scale_fraction(name, value)) * CONTENT_SEVERITY_MAX);
        return isfinite(*out);
    }
}

static bool to_habit(const struct peer_name *name, const struct peer_mapping *mapping,
                     const struct target_range *range, double value, double *out)
{
    /* A choice (stool form 1-7) is a described value, not a scale: only a number the app gives
     * as it is, or the map file's value, can be one. */
    if (range->kind == CONTENT_HABIT_CHOICE) {
        bool given = name->scale == PEER_AMOUNT ||
                     (mapping->has_value && (name->scale == PEER_PRESENT || value > 0));
        *out = name->scale == PEER_AMOUNT ? value : mapping->value;
        return given;
    }
    double present = mapping->has_value ? mapping->value
                     : range->kind == CONTENT_HABIT_AMOUNT || range->kind == CONTENT_HABIT_YES_NO
                         ? 1
                         : range->max;
    switch (name->scale) {
    case PEER_PRESENT:
        *out = present;
        return true;
    case PEER_YES_NO:
        *out = value > 0 ? present : (range->kind == CONTENT_HABIT_SCALE ? range->min : 0);
        return true;
    case PEER_AMOUNT:
        *out = range->kind == CONTENT_HABIT_YES_NO ? (value > 0) : value;
        return true;
    case PEER_TEXT:
        return false;
    default: {
        double fraction = scale_fraction(name, value);
        if (!isfinite(fraction))
            return false;
        if (range->kind == CONTENT_HABIT_YES_NO)
            *out = fraction > 0.5;
        else
            *out = snap(range->min + fraction * (range->max - range->min), range);
        return true;
    }
    }
}

static bool to_servings(const struct peer_name *name, const struct peer_mapping *mapping,
                        double value, double *out)
{
    double present = mapping->has_value ? mapping->value : 1;
    switch (name->scale) {
    case PEER_AMOUNT:
        *out = value;
        return value > 0;
    case PEER_TEXT:
        return false;
    case PEER_PRESENT:
        *out = present;
        return true;
    default:
        *out = present;
        return value > 0;
    }
}

/* The value for the target; false when the entry sets nothing (a "no" for a food). */
static bool convert(const struct peer_name *name, const struct peer_mapping *mapping,
                    const struct target_range *range, double value, double *out)
{
    if (name->scale == PEER_LEVEL5 && mapping->level > 0)
        value = mapping->level;
    if (range->food)
        return to_servings(name, mapping, value, out);
    if (range->sign)
        return to_severity(name, mapping, value, out);
    return to_habit(name, mapping, range, value, out);
}

/* --- Folding a day ---------------------------------------------------------------------------- */

/* How several values of one target on one day become one. */
enum fold_rule { FOLD_MAX, FOLD_SUM, FOLD_MEAN };

static enum fold_rule fold_rule(const struct target_range *range)
{
    if (range->sign || range->food || range->kind == CONTENT_HABIT_YES_NO)
        return FOLD_MAX;
    return range->kind == CONTENT_HABIT_AMOUNT ? FOLD_SUM : FOLD_MEAN;
}

/* One converted value, on its way into a day. */
struct converted {
    int day;
    size_t slot; /* the target (one per distinct id and kind) */
    double value;
    long where;
};

/* The distinct targets: `slots[i]` is the mapping index that first named each. */
struct slots {
    size_t *first;        /* per mapping: its slot, or SIZE_MAX when it writes no reading/food */
    size_t *slot_mapping; /* per slot: a mapping index */
    size_t count;
};

static bool writes_value(const struct peer_mapping *mapping)
{
    return mapping->target != PEER_TO_NOTE && mapping->target != PEER_TO_IGNORE;
}

static bool same_target(const struct peer_mapping *a, const struct peer_mapping *b)
{
    bool a_food = a->target == PEER_TO_FOOD || a->target == PEER_TO_NEW_FOOD;
    bool b_food = b->target == PEER_TO_FOOD || b->target == PEER_TO_NEW_FOOD;
    return a_food == b_food && strcmp(a->id, b->id) == 0;
}

static void slots_build(const struct peer_import *import, struct slots *slots)
{
    slots->first = xcalloc(import->count + 1, sizeof *slots->first);
    slots->slot_mapping = xcalloc(import->count + 1, sizeof *slots->slot_mapping);
    slots->count = 0;
    for (size_t i = 0; i < import->count; i++) {
        slots->first[i] = SIZE_MAX;
        if (!writes_value(&import->mappings[i]))
            continue;
        for (size_t s = 0; s < slots->count && slots->first[i] == SIZE_MAX; s++)
            if (same_target(&import->mappings[slots->slot_mapping[s]], &import->mappings[i]))
                slots->first[i] = s;
        if (slots->first[i] == SIZE_MAX) {
            slots->slot_mapping[slots->count] = i;
            slots->first[i] = slots->count++;
        }
    }
}

static void slots_release(struct slots *slots)
{
    free(slots->first);
    free(slots->slot_mapping);
}

static int compare_converted(const void *a, const void *b)
{
    const struct converted *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    return x->where < y->where ? -1 : x->where > y->where;
}

static int compare_notes(const void *a, const void *b)
{
    const struct peer_note *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* A value whose target is the note becomes a note line "Name: value unit (detail)". */
static void value_to_note(struct peer_data *data, const struct peer_value *value)
{
    const struct peer_name *name = &data->names[value->name];
    char number[NUM_TEXT_SIZE];
    num_format(value->value, number);
    char *line;
    if (name->scale == PEER_TEXT || name->scale == PEER_PRESENT ||
        (name->scale == PEER_YES_NO && value->text != NULL))
        line = value->text ? xprintf("%s: %s", name->name, value->text) : xstrdup(name->name);
    else
        line = xprintf("%s: %s%s%s%s%s", name->name, number, name->unit ? " " : "",
                       name->unit ? name->unit : "", value->text ? " " : "",
                       value->text ? value->text : "");
    peer_add_note(data, value->day, value->minute, line, value->where);
    free(line);
}

/* Converts every value; values meant for the note are added to the notes. */
static struct converted *convert_all(struct peer_data *data, const struct peer_import *import,
                                     const struct content *content, const struct slots *slots,
                                     size_t *count)
{
    struct converted *out = xcalloc(data->value_count + 1, sizeof *out);
    size_t values = data->value_count;
    *count = 0;
    for (size_t i = 0; i < values; i++) {
        struct peer_value value = data->values[i];
        const struct peer_mapping *mapping = &import->mappings[value.name];
        struct target_range range;
        double result;
        if (mapping->target == PEER_TO_NOTE ||
            (mapping->target != PEER_TO_IGNORE && data->names[value.name].scale == PEER_TEXT)) {
            value_to_note(data, &data->values[i]);
            continue;
        }
        if (!writes_value(mapping) || !target_range(import, mapping, content, &range))
            continue;
        if (value.text != NULL && data->names[value.name].scale != PEER_TEXT)
            value_to_note(data, &data->values[i]);
        if (convert(&data->names[value.name], mapping, &range, value.value, &result))
            out[(*count)++] =
                (struct converted){value.day, slots->first[value.name], result, value.where};
    }
    return out;
}

/* The day at `day_number` in the plan, appended when it is not the last one. Days come in order,
 * so only the last needs a look. */
static struct day *plan_day(struct import_plan *plan, int day_number)
{
    if (plan->count > 0 && plan->days[plan->count - 1].day_number == day_number)
        return &plan->days[plan->count - 1];
    xgrow(&plan->days, &plan->capacity, plan->count + 1, sizeof *plan->days);
    day_init(&plan->days[plan->count], day_number);
    return &plan->days[plan->count++];
}

/* Folds the run of values [begin, end) of one target on one day and sets it in the day. */
static void fold_one(struct peer_data *data, const struct peer_import *import,
                     const struct content *content, const struct slots *slots,
                     const struct converted *begin, const struct converted *end, struct day *day)
{
    const struct peer_mapping *mapping = &import->mappings[slots->slot_mapping[begin->slot]];
    struct target_range range;
    target_range(import, mapping, content, &range);
    enum fold_rule rule = fold_rule(&range);
    double sum = 0, max = -INFINITY;
    for (const struct converted *c = begin; c < end; c++) {
        sum += c->value;
        max = fmax(max, c->value);
    }
    double value = rule == FOLD_MAX ? max : rule == FOLD_SUM ? sum : sum / (double)(end - begin);
    if (rule == FOLD_MEAN)
        value = snap(value, &range);
    /* An item of the content: the rule every import and merge follows. A new item's range was
     * made for these values. */
    struct error err;
    bool is_new = mapping->target >= PEER_TO_NEW_SIGN && mapping->target <= PEER_TO_NEW_FOOD;
    int status = !is_new
                     ? import_take_value(content, range.food, mapping->id, value, &data->kept, &err)
                 : range.food ? import_check_servings(mapping->id, value, &err)
                              : import_check_reading(content, mapping->id, value, &err);
    if (status != 0) {
        char date[DATE_TEXT_SIZE];
        date_format(day->day_number, date);
        peer_problem(data, begin->where, "%s (%s)", err.message, date);
        return;
    }
    if (range.food)
        day_set_food(day, mapping->id, value);
    else
        day_set_reading(day, mapping->id, value);
}

/* Joins the notes of one day, in time order, each line with its time when known. */
static char *join_notes(const struct peer_note *begin, const struct peer_note *end)
{
    size_t size = 1;
    for (const struct peer_note *n = begin; n < end; n++)
        size += strlen(n->text) + 8;
    char *text = xmalloc(size);
    size_t used = 0;
    for (const struct peer_note *n = begin; n < end; n++) {
        if (n > begin)
            text[used++] = '\n';
        if (n->minute >= 0)
            used += (size_t)sprintf(text + used, "%02d:%02d ", n->minute / 60, n->minute % 60);
        strcpy(text + used, n->text);
        used += strlen(n->text);
    }
    text[used] = '\0';
    return text;
}

static void add_notes(struct peer_data *data, struct import_plan *plan)
{
    if (data->note_count > 0)
        qsort(data->notes, data->note_count, sizeof *data->notes, compare_notes);
    for (size_t i = 0; i < data->note_count;) {
        size_t j = i;
        while (j < data->note_count && data->notes[j].day == data->notes[i].day)
            j++;
        char *text = join_notes(&data->notes[i], &data->notes[j]);
        day_set_note(plan_day(plan, data->notes[i].day), text);
        free(text);
        i = j;
    }
}

static int compare_days(const void *a, const void *b)
{
    int first = ((const struct day *)a)->day_number, second = ((const struct day *)b)->day_number;
    return (first > second) - (first < second);
}

/* Notes were added after the values, so days of notes alone may be out of order; two days of one
 * date are merged (a note day after a value day). */
static void plan_sort(struct import_plan *plan)
{
    if (plan->count > 0)
        qsort(plan->days, plan->count, sizeof *plan->days, compare_days);
    size_t kept = 0;
    for (size_t i = 0; i < plan->count; i++) {
        if (kept > 0 && plan->days[kept - 1].day_number == plan->days[i].day_number) {
            struct day *into = &plan->days[kept - 1], *from = &plan->days[i];
            for (size_t r = 0; r < from->reading_count; r++)
                day_set_reading(into, from->readings[r].id, from->readings[r].value);
            for (size_t f = 0; f < from->food_count; f++)
                day_set_food(into, from->foods[f].id, from->foods[f].value);
            if (from->note != NULL)
                day_set_note(into, from->note);
            day_release(from);
        } else {
            plan->days[kept++] = plan->days[i];
        }
    }
    plan->count = kept;
}

/* --- What an entry leaves out ----------------------------------------------------------------- */

static int compare_listings(const void *a, const void *b)
{
    const struct peer_listing *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return strcmp(x->kind, y->kind);
}

/* True when leaving the name out means "no" for its target: a present name mapped onto a yes/no
 * habit whose value when present is yes (a map file may give it 0, and then absence says
 * nothing). */
static bool absence_is_no(const struct peer_name *name, const struct peer_mapping *mapping,
                          const struct peer_import *import, const struct content *content)
{
    struct target_range range;
    double present;
    if (name->scale != PEER_PRESENT ||
        (mapping->target != PEER_TO_HABIT && mapping->target != PEER_TO_NEW_HABIT) ||
        !target_range(import, mapping, content, &range) || range.kind != CONTENT_HABIT_YES_NO)
        return false;
    return convert(name, mapping, &range, 1, &present) && present > 0;
}

/* The day among the first `count` (in order) of the plan, or NULL. */
static const struct day *find_day(const struct import_plan *plan, size_t count, int day_number)
{
    struct day key = {0};
    key.day_number = day_number;
    return count > 0 ? bsearch(&key, plan->days, count, sizeof *plan->days, compare_days) : NULL;
}

static bool filled(const struct import_plan *plan, int day_number, const char *id)
{
    for (size_t i = plan->fill_count; i-- > 0 && plan->fills[i].day_number == day_number;)
        if (strcmp(plan->fills[i].id, id) == 0)
            return true;
    return false;
}

/* The "no" of every listed day for the names its entries leave out. Only days of the plan (a day
 * whose every value the mapping drops gets an empty day to hold them); returns how many. */
static size_t add_absences(struct peer_data *data, const struct peer_import *import,
                           const struct content *content, struct import_plan *plan)
{
    bool *no = xcalloc(data->name_count + 1, sizeof *no);
    for (size_t n = 0; n < data->name_count; n++)
        no[n] = absence_is_no(&data->names[n], &import->mappings[n], import, content);
    if (data->listing_count > 0)
        qsort(data->listings, data->listing_count, sizeof *data->listings, compare_listings);
    size_t added = 0, days = plan->count;
    for (size_t l = 0; l < data->listing_count; l++) {
        const struct peer_listing *listing = &data->listings[l];
        if (l > 0 && compare_listings(listing, listing - 1) == 0)
            continue;
        /* Days added here go after the sorted ones until plan_sort; listings come in day order,
         * so plan_day finds a day added for the listing before. */
        const struct day *day = find_day(plan, days, listing->day);
        for (size_t n = 0; n < data->name_count; n++) {
            const char *id = import->mappings[n].id;
            if (!no[n] || strcmp(data->names[n].kind, listing->kind) != 0 ||
                (day != NULL && day_get_reading(day, id, NULL)) || filled(plan, listing->day, id))
                continue;
            if (day == NULL)
                day = plan_day(plan, listing->day);
            import_plan_fill(plan, listing->day, id, 0);
            added++;
        }
    }
    free(no);
    if (plan->count > days)
        plan_sort(plan);
    return added;
}

static void summarise(const struct import_plan *plan, const struct peer_import *import,
                      struct peer_summary *summary)
{
    memset(summary, 0, sizeof *summary);
    summary->first = summary->last = DATE_NONE;
    summary->days = plan->count;
    summary->items_created = import->new_count;
    for (size_t i = 0; i < plan->count; i++) {
        summary->readings += plan->days[i].reading_count;
        summary->foods += plan->days[i].food_count;
        summary->notes += plan->days[i].note != NULL;
    }
    if (plan->count > 0) {
        summary->first = plan->days[0].day_number;
        summary->last = plan->days[plan->count - 1].day_number;
    }
}

size_t peer_build_plan(struct peer_data *data, const struct peer_import *import,
                       const struct content *content, struct import_plan *plan,
                       struct peer_summary *summary)
{
    size_t before = data->problems->count, count;
    struct slots slots;
    slots_build(import, &slots);
    struct converted *values = convert_all(data, import, content, &slots, &count);
    if (count > 0)
        qsort(values, count, sizeof *values, compare_converted);
    for (size_t i = 0; i < count;) {
        struct day *day = plan_day(plan, values[i].day);
        size_t j = i;
        while (j < count && values[j].day == values[i].day && values[j].slot == values[i].slot)
            j++;
        fold_one(data, import, content, &slots, &values[i], &values[j], day);
        i = j;
    }
    free(values);
    slots_release(&slots);
    add_notes(data, plan);
    plan_sort(plan);
    size_t nos = add_absences(data, import, content, plan);
    /* A day whose every value was refused may be empty: it is not a day of the import. */
    size_t kept = 0, fill = 0;
    for (size_t i = 0; i < plan->count; i++) {
        while (fill < plan->fill_count && plan->fills[fill].day_number < plan->days[i].day_number)
            fill++;
        bool has_fills =
            fill < plan->fill_count && plan->fills[fill].day_number == plan->days[i].day_number;
        if (day_is_empty(&plan->days[i]) && !has_fills)
            day_release(&plan->days[i]);
        else
            plan->days[kept++] = plan->days[i];
    }
    plan->count = kept;
    summarise(plan, import, summary);
    summary->nos = nos;
    return data->problems->count - before;
}

/* --- The rule, in words ----------------------------------------------------------------------- */

static const char *scale_words(const struct peer_name *name)
{
    switch (name->scale) {
    case PEER_LEVEL5:
        return "level 1 (awful) to 5 (rad)";
    case PEER_MOOD10:
        return "mood 1 to 10";
    case PEER_RATING5:
        return "rating 1 to 5";
    case PEER_SEVERITY4:
        return "severity 0 to 4";
    case PEER_POINTS:
        return "points";
    default:
        return "value";
    }
}

static const char *fold_words(const struct target_range *range)
{
    switch (fold_rule(range)) {
    case FOLD_SUM:
        return "summed";
    case FOLD_MEAN:
        return "their mean";
    default:
        return range->sign ? "the worst" : range->food ? "eaten once" : "yes if any";
    }
}

/* The conversion alone, before the folding rule. */
static void conversion_words(const struct peer_name *name, const struct peer_mapping *mapping,
                             const struct target_range *range, char *out, size_t size)
{
    char low[NUM_TEXT_SIZE], high[NUM_TEXT_SIZE], fixed[NUM_TEXT_SIZE];
    num_format(range->min, low);
    num_format(range->max, high);
    double present = 0;
    if (name->scale == PEER_PRESENT || name->scale == PEER_YES_NO) {
        struct peer_mapping probe = *mapping;
        convert(&(struct peer_name){.scale = PEER_PRESENT}, &probe, range, 1, &present);
    }
    num_format(present, fixed);
    if (range->kind == CONTENT_HABIT_CHOICE && name->scale != PEER_AMOUNT && !mapping->has_value) {
        snprintf(out, size, "not imported: give it a 'value:' (%s to %s) in the map file", low,
                 high);
        return;
    }
    if (name->scale == PEER_PRESENT && name->listed && range->kind == CONTENT_HABIT_YES_NO &&
        !range->sign && !range->food && present > 0)
        snprintf(out, size, "present = %s, left out of a day's entries = 0", fixed);
    else if (name->scale == PEER_PRESENT)
        snprintf(out, size, "present = %s", fixed);
    else if (name->scale == PEER_YES_NO)
        snprintf(out, size, "yes = %s, no = %s", fixed,
                 range->food   ? "not eaten"
                 : range->sign ? "0"
                               : low);
    else if (name->scale == PEER_AMOUNT)
        snprintf(out, size, "%s as it is%s%s", range->food ? "servings" : "amount",
                 name->unit ? " in " : "", name->unit ? name->unit : "");
    else if (range->sign && name->scale == PEER_SEVERITY4)
        snprintf(out, size, "severity as it is (0 to 4)");
    else if (range->sign && name->scale == PEER_LEVEL5)
        snprintf(out, size, "severity = 5 - level (rad 0, good 1, meh 2, bad 3, awful 4)");
    else if (range->sign)
        snprintf(out, size, "severity = 4 - %s rescaled to 0 to 4, rounded", scale_words(name));
    else
        snprintf(out, size, "%s rescaled to %s to %s", scale_words(name), low, high);
}

void peer_rule_text(const struct peer_name *name, const struct peer_mapping *mapping,
                    const struct peer_import *import, const struct content *content, char *out,
                    size_t size)
{
    struct target_range range;
    if (mapping->target == PEER_TO_IGNORE) {
        snprintf(out, size, "not imported");
        return;
    }
    if (mapping->target == PEER_TO_NOTE || name->scale == PEER_TEXT) {
        snprintf(out, size, "kept in the note");
        return;
    }
    if (!target_range(import, mapping, content, &range))
        range = (struct target_range){false, false, CONTENT_HABIT_AMOUNT, 0, 0, 0};
    char conversion[200];
    conversion_words(name, mapping, &range, conversion, sizeof conversion);
    if (name->scale == PEER_LEVEL5 && mapping->level > 0)
        snprintf(out, size, "level %d; %s; several a day: %s", mapping->level, conversion,
                 fold_words(&range));
    else if (name->scale == PEER_LEVEL5)
        snprintf(out, size,
                 "level not known: give it in the map file (level: 1 to 5); %s; "
                 "several a day: %s",
                 conversion, fold_words(&range));
    else
        snprintf(out, size, "%s; several a day: %s", conversion, fold_words(&range));
}
