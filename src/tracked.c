/*
 * tracked.c - the person's own items and their hidden and renamed items, in tracked.yaml.
 *
 * The file is read into a small model (struct book), checked, and applied to the loaded content.
 * A change is made on a fresh reading of the file, checked against the content, written back
 * whole, and only then made in memory: a refused or failed change leaves both as they were.
 *
 * The format (written by gutskin; a person may read it):
 *   foods:   [{id, name, category, plant}]
 *   signs:   [{id, label, group}]
 *   habits:  [{id, label, kind, unit?, min, max, step}]
 *   hidden:  [{food|sign|habit: id}]
 *   renamed: [{food|sign|habit: id, label}]
 *   shown:   [{food|sign|habit: id}]   items the content hides at first (a period day), shown
 */
#include "tracked.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "fileio.h"
#include "numbers.h"
#include "paths.h"
#include "text.h"
#include "xalloc.h"

#define TRACKED_FILE_LIMIT 1048576
/* The kinds a person adds, hides or renames: the first three of enum content_kind. */
#define KIND_COUNT 3

static const char *const list_names[KIND_COUNT] = {"foods", "signs", "habits"};
static const char *const habit_kind_names[] = {"amount", "scale", "yes-no"};

/* ---- the model of the file ---- */

struct own {
    enum content_kind kind;
    char *id;
    char *label;
    char *ref; /* the category of a food, the group of a sign */
    bool plant;
    enum content_habit_kind habit_kind;
    char *unit;
    char *when; /* a yes-no habit's phrase after "on days" (NULL: none) */
    double min, max, step;
};

/* A hidden item (label NULL) or a renamed one. */
struct mark {
    enum content_kind kind;
    char *id;
    char *label;
};

struct book {
    struct own *own;
    size_t own_count, own_capacity;
    struct mark *hidden;
    size_t hidden_count, hidden_capacity;
    struct mark *renamed;
    size_t renamed_count, renamed_capacity;
    struct mark *shown;
    size_t shown_count, shown_capacity;
};

static void book_release(struct book *book)
{
    for (size_t i = 0; i < book->own_count; i++) {
        free(book->own[i].id);
        free(book->own[i].label);
        free(book->own[i].ref);
        free(book->own[i].unit);
        free(book->own[i].when);
    }
    for (size_t i = 0; i < book->hidden_count; i++)
        free(book->hidden[i].id);
    for (size_t i = 0; i < book->renamed_count; i++) {
        free(book->renamed[i].id);
        free(book->renamed[i].label);
    }
    for (size_t i = 0; i < book->shown_count; i++)
        free(book->shown[i].id);
    free(book->own);
    free(book->hidden);
    free(book->renamed);
    free(book->shown);
    memset(book, 0, sizeof *book);
}

static struct own *book_add_own(struct book *book)
{
    xgrow(&book->own, &book->own_capacity, book->own_count + 1, sizeof *book->own);
    struct own *own = &book->own[book->own_count++];
    memset(own, 0, sizeof *own);
    return own;
}

static void marks_add(struct mark **marks, size_t *count, size_t *capacity, enum content_kind kind,
                      const char *id, const char *label)
{
    xgrow(marks, capacity, *count + 1, sizeof **marks);
    (*marks)[(*count)++] = (struct mark){kind, xstrdup(id), label ? xstrdup(label) : NULL};
}

static long marks_find(const struct mark *marks, size_t count, enum content_kind kind,
                       const char *id)
{
    for (size_t i = 0; i < count; i++)
        if (marks[i].kind == kind && strcmp(marks[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void marks_remove(struct mark *marks, size_t *count, size_t index)
{
    free(marks[index].id);
    free(marks[index].label);
    memmove(&marks[index], &marks[index + 1], (*count - index - 1) * sizeof *marks);
    --*count;
}

/* ---- reading ---- */

struct reader {
    const char *path;
    yaml_document_t doc;
    struct strlist *problems;
    size_t count;
    struct book *book;
};

__attribute__((format(printf, 3, 4))) static void
problem(struct reader *rd, const yaml_node_t *node, const char *format, ...)
{
    char message[256];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    message[text_cut(message, sizeof message - 1)] = '\0';
    if (node != NULL)
        strlist_pushf(rd->problems, "%s:%d:%d: %s", rd->path, (int)node->start_mark.line + 1,
                      (int)node->start_mark.column + 1, message);
    else
        strlist_pushf(rd->problems, "%s: %s", rd->path, message);
    text_make_printable(rd->problems->items[rd->problems->count - 1], false);
    rd->count++;
}

static yaml_node_t *node_at(struct reader *rd, int index)
{
    return yaml_document_get_node(&rd->doc, index);
}

static const char *scalar(const yaml_node_t *node)
{
    return node != NULL && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
                                                          : NULL;
}

/* The value of `key` in a mapping, or NULL. */
static yaml_node_t *map_get(struct reader *rd, const yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top;
         pair++) {
        const char *name = scalar(node_at(rd, pair->key));
        if (name != NULL && strcmp(name, key) == 0)
            return node_at(rd, pair->value);
    }
    return NULL;
}

/* Unknown and repeated keys are problems; `keys` is a NULL-terminated list. */
static bool check_keys(struct reader *rd, const yaml_node_t *map, const char *const *keys,
                       const char *what)
{
    size_t before = rd->count;
    for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *key = node_at(rd, pair->key);
        const char *name = scalar(key);
        bool known = false;
        for (size_t i = 0; name != NULL && keys[i] != NULL; i++)
            known |= strcmp(keys[i], name) == 0;
        if (!known)
            problem(rd, key, "unknown key '%s' in %s", name ? name : "?", what);
        for (yaml_node_pair_t *other = map->data.mapping.pairs.start; known && other < pair;
             other++)
            if (strcmp(scalar(node_at(rd, other->key)) ? scalar(node_at(rd, other->key)) : "",
                       name) == 0)
                problem(rd, key, "duplicate key '%s' in %s", name, what);
    }
    return rd->count == before;
}

/* A required string field; NULL (reported) when absent, empty or not a string. */
static const char *take_text(struct reader *rd, const yaml_node_t *map, const char *key,
                             const char *what)
{
    yaml_node_t *node = map_get(rd, map, key);
    const char *text = scalar(node);
    if (node == NULL)
        problem(rd, map, "missing '%s' in %s", key, what);
    else if (text == NULL || text[0] == '\0')
        problem(rd, node, "expected a text for '%s' in %s", key, what);
    else if (!text_is_valid_utf8(text, strlen(text)))
        problem(rd, node, "'%s' is not valid UTF-8", key);
    else
        return text;
    return NULL;
}

static const char *take_id(struct reader *rd, const yaml_node_t *map, const char *key,
                           const char *what)
{
    const char *id = take_text(rd, map, key, what);
    if (id != NULL && !content_id_valid(id)) {
        problem(rd, map_get(rd, map, key),
                "invalid id '%s' (use 1 to %d lowercase letters, digits or '-')", id,
                CONTENT_ID_MAX);
        return NULL;
    }
    return id;
}

static bool plain_is(const yaml_node_t *node, const char *text)
{
    return node->type == YAML_SCALAR_NODE && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           strcmp((const char *)node->data.scalar.value, text) == 0;
}

/* Numbers in the file are read as every number is (numbers.h): a decimal point whatever the
 * locale, never hexadecimal, "inf" or "nan". */
static bool parse_number(const char *text, double *value)
{
    return text != NULL && num_parse(text, value);
}

static bool take_number(struct reader *rd, const yaml_node_t *map, const char *key, double *value)
{
    yaml_node_t *node = map_get(rd, map, key);
    if (node == NULL) {
        problem(rd, map, "missing '%s' in habit", key);
        return false;
    }
    if (!parse_number(scalar(node), value)) {
        problem(rd, node, "expected a number for '%s'", key);
        return false;
    }
    return true;
}

static bool habit_range_valid(double min, double max, double step)
{
    return min < max && step > 0 && step <= max - min;
}

/* A yes-no habit's `when`, by the content files' rule (content_check_when()). */
static void read_when(struct reader *rd, const yaml_node_t *map, struct own *own)
{
    const yaml_node_t *node = map_get(rd, map, "when");
    if (node == NULL)
        return;
    if (own->habit_kind != CONTENT_HABIT_YES_NO) {
        problem(rd, node, "'when' is only for yes-no habits");
        return;
    }
    const char *when = take_text(rd, map, "when", "habit");
    struct error err;
    if (when != NULL && content_check_when(when, "'when'", &err) != 0)
        problem(rd, node, "%s", err.message);
    else if (when != NULL)
        own->when = xstrdup(when);
}

static void read_habit_fields(struct reader *rd, const yaml_node_t *map, struct own *own)
{
    const char *kind = take_text(rd, map, "kind", "habit");
    own->habit_kind = CONTENT_HABIT_YES_NO;
    own->min = 0, own->max = 1, own->step = 1;
    if (kind == NULL)
        return;
    size_t i = 0;
    while (i < 3 && strcmp(habit_kind_names[i], kind) != 0)
        i++;
    if (i == 3) {
        problem(rd, map_get(rd, map, "kind"), "unknown habit kind '%s' (amount, scale or yes-no)",
                kind);
        return;
    }
    own->habit_kind = (enum content_habit_kind)i;
    const yaml_node_t *unit = map_get(rd, map, "unit");
    if (unit != NULL && scalar(unit) == NULL)
        problem(rd, unit, "expected a text for 'unit'");
    own->unit = xstrdup(scalar(unit) ? scalar(unit) : "");
    read_when(rd, map, own);
    if (own->habit_kind == CONTENT_HABIT_YES_NO)
        return;
    double min, max, step;
    if (take_number(rd, map, "min", &min) && take_number(rd, map, "max", &max) &&
        take_number(rd, map, "step", &step)) {
        if (!habit_range_valid(min, max, step))
            problem(rd, map, "min %g, max %g and step %g do not make a range", min, max, step);
        own->min = min, own->max = max, own->step = step;
    }
}

static void read_own(struct reader *rd, const yaml_node_t *map, enum content_kind kind)
{
    static const char *const food_keys[] = {"id", "name", "category", "plant", NULL};
    static const char *const sign_keys[] = {"id", "label", "group", NULL};
    static const char *const habit_keys[] = {"id",  "label", "kind", "unit", "when",
                                             "min", "max",   "step", NULL};
    static const char *const *const keys[KIND_COUNT] = {food_keys, sign_keys, habit_keys};
    const char *what = content_kind_name(kind);
    size_t before = rd->count;
    check_keys(rd, map, keys[kind], what);
    const char *id = take_id(rd, map, "id", what);
    const char *label = take_text(rd, map, kind == CONTENT_FOOD ? "name" : "label", what);
    const char *ref = kind == CONTENT_HABIT
                          ? ""
                          : take_id(rd, map, kind == CONTENT_FOOD ? "category" : "group", what);
    struct own parsed = {.kind = kind};
    if (kind == CONTENT_FOOD) {
        const yaml_node_t *plant = map_get(rd, map, "plant");
        parsed.plant = plant != NULL && plain_is(plant, "true");
        if (plant != NULL && !plain_is(plant, "true") && !plain_is(plant, "false"))
            problem(rd, plant, "expected true or false for 'plant'");
    }
    if (kind == CONTENT_HABIT)
        read_habit_fields(rd, map, &parsed);
    if (rd->count != before || id == NULL || label == NULL || ref == NULL) {
        free(parsed.unit);
        free(parsed.when);
        return;
    }
    for (size_t i = 0; i < rd->book->own_count; i++) {
        const struct own *other = &rd->book->own[i];
        bool metric = kind != CONTENT_FOOD && other->kind != CONTENT_FOOD;
        if ((other->kind == kind || metric) && strcmp(other->id, id) == 0) {
            problem(rd, map_get(rd, map, "id"), "duplicate id '%s'", id);
            free(parsed.unit);
            free(parsed.when);
            return;
        }
    }
    struct own *own = book_add_own(rd->book);
    *own = parsed;
    own->id = xstrdup(id);
    own->label = xstrdup(label);
    own->ref = xstrdup(ref);
    if (own->unit == NULL)
        own->unit = xstrdup("");
}

/* One entry of `hidden` or `shown` ({sign: acne}) or of `renamed` ({sign: acne, label: Spots}). */
static void read_mark(struct reader *rd, const yaml_node_t *map, bool renamed, bool shown)
{
    static const char *const keys[] = {"food", "sign", "habit", "label", NULL};
    const char *what = renamed ? "renamed" : shown ? "shown" : "hidden";
    if (!check_keys(rd, map, keys, what))
        return;
    int kind = -1, found = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        if (map_get(rd, map, content_kind_name(k)) != NULL)
            kind = k, found++;
    if (found != 1) {
        problem(rd, map, "expected one of food, sign or habit in %s", what);
        return;
    }
    const char *id = take_id(rd, map, content_kind_name(kind), what);
    const char *label = NULL;
    if (renamed)
        label = take_text(rd, map, "label", what);
    else if (map_get(rd, map, "label") != NULL)
        problem(rd, map_get(rd, map, "label"), "'label' is only for renamed items");
    if (id == NULL || (renamed && label == NULL))
        return;
    struct book *book = rd->book;
    if (renamed)
        marks_add(&book->renamed, &book->renamed_count, &book->renamed_capacity,
                  (enum content_kind)kind, id, label);
    else if (shown)
        marks_add(&book->shown, &book->shown_count, &book->shown_capacity, (enum content_kind)kind,
                  id, NULL);
    else
        marks_add(&book->hidden, &book->hidden_count, &book->hidden_capacity,
                  (enum content_kind)kind, id, NULL);
}

static void read_list(struct reader *rd, const yaml_node_t *root, const char *key, int kind)
{
    const yaml_node_t *list = map_get(rd, root, key);
    if (list == NULL)
        return;
    if (list->type != YAML_SEQUENCE_NODE) {
        problem(rd, list, "expected a list for '%s'", key);
        return;
    }
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         item < list->data.sequence.items.top; item++) {
        const yaml_node_t *map = node_at(rd, *item);
        if (map->type != YAML_MAPPING_NODE)
            problem(rd, map, "expected a mapping for each item of '%s'", key);
        else if (kind >= 0)
            read_own(rd, map, (enum content_kind)kind);
        else
            read_mark(rd, map, kind == -2, kind == -3);
    }
}

static void read_root(struct reader *rd)
{
    static const char *const keys[] = {"foods",   "signs", "habits", "hidden",
                                       "renamed", "shown", NULL};
    const yaml_node_t *root = yaml_document_get_root_node(&rd->doc);
    if (root == NULL || (root->type == YAML_SCALAR_NODE && scalar(root)[0] == '\0'))
        return; /* an empty file */
    if (root->type != YAML_MAPPING_NODE) {
        problem(rd, root, "expected a mapping at top level");
        return;
    }
    check_keys(rd, root, keys, "the file");
    for (int kind = 0; kind < KIND_COUNT; kind++)
        read_list(rd, root, list_names[kind], kind);
    read_list(rd, root, "hidden", -1);
    read_list(rd, root, "renamed", -2);
    read_list(rd, root, "shown", -3);
}

static void parse_text(struct reader *rd, const char *text, size_t length)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        problem(rd, NULL, "out of memory while reading");
        return;
    }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    if (!yaml_parser_load(&parser, &rd->doc)) {
        strlist_pushf(rd->problems, "%s:%d:%d: YAML syntax error: %s", rd->path,
                      (int)parser.problem_mark.line + 1, (int)parser.problem_mark.column + 1,
                      parser.problem ? parser.problem : "unknown problem");
        rd->count++;
        yaml_parser_delete(&parser);
        return;
    }
    read_root(rd);
    yaml_document_delete(&rd->doc);
    yaml_parser_delete(&parser);
}

static char *file_path(const char *dir)
{
    size_t length = strlen(dir);
    return xprintf("%s%s%s", dir, length > 0 && dir[length - 1] == '/' ? "" : "/", TRACKED_FILE);
}

/* Reads DIR/tracked.yaml into `book`; returns the number of problems. */
static size_t book_read(struct book *book, const char *dir, struct strlist *problems)
{
    memset(book, 0, sizeof *book);
    char *path = file_path(dir);
    struct reader rd = {.path = path, .problems = problems, .book = book};
    struct error err = {ERROR_NONE, ""};
    size_t length = 0;
    /* A FIFO or a device named tracked.yaml is refused at once instead of hanging every
     * command; a missing file is no file. */
    char *text = fileio_read_regular_file(path, TRACKED_FILE_LIMIT, &length, &err);
    if (text == NULL && errno == ENOENT) {
        free(path);
        return 0;
    }
    if (text == NULL) {
        strlist_pushf(problems, "%s", err.message);
        rd.count++;
    } else {
        parse_text(&rd, text, length);
        free(text);
    }
    free(path);
    return rd.count;
}

/* ---- the content side ---- */

static char **label_slot(const struct content *content, enum content_kind kind, size_t index)
{
    return kind == CONTENT_FOOD   ? &content->foods[index].name
           : kind == CONTENT_SIGN ? &content->signs[index].label
                                  : &content->habits[index].label;
}

static bool *hidden_slot(const struct content *content, enum content_kind kind, size_t index)
{
    return kind == CONTENT_FOOD   ? &content->foods[index].hidden
           : kind == CONTENT_SIGN ? &content->signs[index].hidden
                                  : &content->habits[index].hidden;
}

bool tracked_item_hidden(const struct content *content, enum content_kind kind, size_t index)
{
    return *hidden_slot(content, kind, index);
}

static long find_in(const struct content *content, enum content_kind kind, const char *id)
{
    for (size_t i = 0; i < content_kind_count(content, kind); i++)
        if (strcmp(content_item_id(content, kind, i), id) == 0)
            return (long)i;
    return -1;
}

/* The kind an id is taken in: foods have their own ids, signs and habits share theirs. */
static bool id_taken(const struct content *content, enum content_kind kind, const char *id,
                     enum content_kind *by, size_t *index)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        bool same_space = (k == CONTENT_FOOD) == (kind == CONTENT_FOOD);
        long found = same_space ? find_in(content, (enum content_kind)k, id) : -1;
        if (found >= 0) {
            *by = (enum content_kind)k;
            *index = (size_t)found;
            return true;
        }
    }
    return false;
}

/* Two names are the same when they make the same id ("Pizza!" and "pizza"), or, for names
 * without Latin letters or digits, when they fold to the same text. */
static bool names_match(const char *a, const char *b)
{
    char x[TRACKED_ID_SIZE], y[TRACKED_ID_SIZE];
    bool ids_a = tracked_make_id(a, x), ids_b = tracked_make_id(b, y);
    if (ids_a || ids_b)
        return ids_a && ids_b && strcmp(x, y) == 0;
    char *fa = text_fold(a), *fb = text_fold(b);
    bool same = strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return same;
}

static void list_choices(char *out, size_t size, const struct content *content, bool groups)
{
    size_t used = 0;
    size_t count = groups ? content->group_count : content->category_count;
    out[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        int written = snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                               groups ? content->groups[i].id : content->categories[i].id);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    out[text_cut(out, size - 1)] = '\0';
}

/* The group or category `name` names (content.h's rule: id or name, any case or accents); -1
 * with "unknown group 'x'" and a "did you mean" or the list of them. */
static long find_place(const struct content *content, enum content_kind kind, const char *name,
                       struct error *err)
{
    enum content_kind found;
    size_t index;
    if (content_resolve(content, CONTENT_KIND_BIT(kind), name, &found, &index, err) == 0)
        return (long)index;
    if (err != NULL && !content_suggest(content, CONTENT_KIND_BIT(kind), name, &found, &index)) {
        char choices[400];
        list_choices(choices, sizeof choices, content, kind == CONTENT_GROUP);
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, " (one of: %s)", choices);
    }
    return -1;
}

static void append_food(struct content *content, const struct own *own, size_t category)
{
    content->foods = xrealloc(content->foods, (content->food_count + 1) * sizeof *content->foods);
    content->foods[content->food_count++] = (struct content_food){
        .id = xstrdup(own->id),
        .name = xstrdup(own->label),
        .why = xstrdup("One of your own foods."),
        .plant = own->plant,
        .category = category,
        .own = true,
    };
    content->categories[category].food_count++;
}

static void append_sign(struct content *content, const struct own *own, size_t group)
{
    content->signs = xrealloc(content->signs, (content->sign_count + 1) * sizeof *content->signs);
    content->signs[content->sign_count++] = (struct content_sign){
        .id = xstrdup(own->id),
        .label = xstrdup(own->label),
        .explanation = xstrdup("One of your own signs, rated from 0 (none) to 4 (very severe)."),
        .see_doctor = xstrdup(CONTENT_SEE_DOCTOR_GENERAL),
        .group = group,
        .own = true,
    };
}

static void append_habit(struct content *content, const struct own *own)
{
    content->habits =
        xrealloc(content->habits, (content->habit_count + 1) * sizeof *content->habits);
    content->habits[content->habit_count++] = (struct content_habit){
        .id = xstrdup(own->id),
        .label = xstrdup(own->label),
        .unit = xstrdup(own->unit ? own->unit : ""),
        .kind = own->habit_kind,
        .min = own->min,
        .max = own->max,
        .step = own->step,
        .when = own->when != NULL ? xstrdup(own->when) : NULL,
        .own = true,
    };
}

/* Appends one own item; false when its category or group is unknown. An id the content defines
 * already is the content's: nothing is appended. */
static bool apply_own(struct content *content, const struct own *own)
{
    enum content_kind by;
    size_t index;
    if (id_taken(content, own->kind, own->id, &by, &index))
        return true;
    long ref = own->kind == CONTENT_FOOD   ? find_place(content, CONTENT_CATEGORY, own->ref, NULL)
               : own->kind == CONTENT_SIGN ? find_place(content, CONTENT_GROUP, own->ref, NULL)
                                           : 0;
    if (ref < 0)
        return false;
    if (own->kind == CONTENT_FOOD)
        append_food(content, own, (size_t)ref);
    else if (own->kind == CONTENT_SIGN)
        append_sign(content, own, (size_t)ref);
    else
        append_habit(content, own);
    return true;
}

static void set_label(struct content *content, enum content_kind kind, size_t index,
                      const char *label)
{
    char **slot = label_slot(content, kind, index);
    free(*slot);
    *slot = xstrdup(label);
    if (kind == CONTENT_HABIT) {
        /* The content's phrase was written for the old name ("you took a probiotic" is wrong
         * for a probiotic renamed "Kefir"): the new name reads as it is. */
        free(content->habits[index].when);
        content->habits[index].when = NULL;
    }
}

/* Marks and labels naming items the content no longer has are kept, and mean nothing. */
static void apply_marks(struct content *content, const struct book *book)
{
    for (size_t i = 0; i < book->renamed_count; i++) {
        long index = find_in(content, book->renamed[i].kind, book->renamed[i].id);
        if (index >= 0)
            set_label(content, book->renamed[i].kind, (size_t)index, book->renamed[i].label);
    }
    for (size_t i = 0; i < book->hidden_count; i++) {
        long index = find_in(content, book->hidden[i].kind, book->hidden[i].id);
        if (index >= 0)
            *hidden_slot(content, book->hidden[i].kind, (size_t)index) = true;
    }
    for (size_t i = 0; i < book->shown_count; i++) {
        long index = find_in(content, book->shown[i].kind, book->shown[i].id);
        if (index >= 0)
            *hidden_slot(content, book->shown[i].kind, (size_t)index) = false;
    }
}

size_t tracked_apply(struct content *content, const char *dir, struct strlist *problems)
{
    if (dir == NULL)
        return 0;
    struct book book;
    size_t count = book_read(&book, dir, problems);
    char *path = file_path(dir);
    for (size_t i = 0; count == 0 && i < book.own_count; i++) {
        if (!apply_own(content, &book.own[i])) {
            strlist_pushf(problems, "%s: unknown %s '%s' for the %s '%s'", path,
                          book.own[i].kind == CONTENT_FOOD ? "category" : "group", book.own[i].ref,
                          content_kind_name(book.own[i].kind), book.own[i].id);
            count++;
        }
    }
    if (count == 0)
        apply_marks(content, &book);
    free(path);
    book_release(&book);
    return count;
}

/* ---- writing ---- */

struct buffer {
    char *data;
    size_t length, capacity;
};

static int buffer_write(void *context, unsigned char *bytes, size_t size)
{
    struct buffer *buffer = context;
    xgrow(&buffer->data, &buffer->capacity, buffer->length + size + 1, 1);
    memcpy(buffer->data + buffer->length, bytes, size);
    buffer->length += size;
    buffer->data[buffer->length] = '\0';
    return 1;
}

struct emit {
    yaml_emitter_t emitter;
    bool ok;
};

static void emit_event(struct emit *em, yaml_event_t *event, int made)
{
    if (!made || !yaml_emitter_emit(&em->emitter, event))
        em->ok = false;
}

static void emit_text(struct emit *em, const char *text, bool quoted)
{
    yaml_event_t event;
    int made = yaml_scalar_event_initialize(
        &event, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1, 1,
        quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
    emit_event(em, &event, made);
}

static void emit_number(struct emit *em, double value)
{
    char text[40];
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, value);
        double back;
        if (parse_number(text, &back) && back == value)
            break;
    }
    emit_text(em, text, false);
}

static void emit_start(struct emit *em, bool mapping, bool flow)
{
    yaml_event_t event;
    int made = mapping ? yaml_mapping_start_event_initialize(&event, NULL, NULL, 1,
                                                             flow ? YAML_FLOW_MAPPING_STYLE
                                                                  : YAML_BLOCK_MAPPING_STYLE)
                       : yaml_sequence_start_event_initialize(&event, NULL, NULL, 1,
                                                              YAML_BLOCK_SEQUENCE_STYLE);
    emit_event(em, &event, made);
}

static void emit_end(struct emit *em, bool mapping)
{
    yaml_event_t event;
    int made = mapping ? yaml_mapping_end_event_initialize(&event)
                       : yaml_sequence_end_event_initialize(&event);
    emit_event(em, &event, made);
}

static void emit_pair(struct emit *em, const char *key, const char *value, bool quoted)
{
    emit_text(em, key, false);
    emit_text(em, value, quoted);
}

static void emit_own(struct emit *em, const struct own *own)
{
    emit_start(em, true, false);
    emit_pair(em, "id", own->id, false);
    emit_pair(em, own->kind == CONTENT_FOOD ? "name" : "label", own->label, true);
    if (own->kind == CONTENT_FOOD) {
        emit_pair(em, "category", own->ref, false);
        emit_pair(em, "plant", own->plant ? "true" : "false", false);
    } else if (own->kind == CONTENT_SIGN) {
        emit_pair(em, "group", own->ref, false);
    } else {
        emit_pair(em, "kind", habit_kind_names[own->habit_kind], false);
        if (own->unit != NULL && own->unit[0] != '\0')
            emit_pair(em, "unit", own->unit, true);
        if (own->when != NULL)
            emit_pair(em, "when", own->when, true);
        if (own->habit_kind != CONTENT_HABIT_YES_NO) {
            emit_text(em, "min", false);
            emit_number(em, own->min);
            emit_text(em, "max", false);
            emit_number(em, own->max);
            emit_text(em, "step", false);
            emit_number(em, own->step);
        }
    }
    emit_end(em, true);
}

static void emit_marks(struct emit *em, const char *key, const struct mark *marks, size_t count)
{
    if (count == 0)
        return;
    emit_text(em, key, false);
    emit_start(em, false, false);
    for (size_t i = 0; i < count; i++) {
        emit_start(em, true, marks[i].label == NULL);
        emit_pair(em, content_kind_name(marks[i].kind), marks[i].id, false);
        if (marks[i].label != NULL)
            emit_pair(em, "label", marks[i].label, true);
        emit_end(em, true);
    }
    emit_end(em, false);
}

static void emit_book(struct emit *em, const struct book *book)
{
    emit_start(em, true, false);
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        bool any = false;
        for (size_t i = 0; i < book->own_count; i++) {
            if (book->own[i].kind != (enum content_kind)kind)
                continue;
            if (!any) {
                emit_text(em, list_names[kind], false);
                emit_start(em, false, false);
                any = true;
            }
            emit_own(em, &book->own[i]);
        }
        if (any)
            emit_end(em, false);
    }
    emit_marks(em, "hidden", book->hidden, book->hidden_count);
    emit_marks(em, "renamed", book->renamed, book->renamed_count);
    emit_marks(em, "shown", book->shown, book->shown_count);
    emit_end(em, true);
}

static const char file_header[] =
    "# Your own foods, signs and habits, and the items you hid or renamed.\n"
    "# gutskin writes this file (gutskin track, or the app) and rewrites it whole on every\n"
    "# change: keep your hand-written additions in the other files of this folder.\n";

/* The whole file as text; NULL when libyaml failed. */
static char *book_text(const struct book *book)
{
    struct buffer buffer = {NULL, 0, 0};
    buffer_write(&buffer, (unsigned char *)file_header, sizeof file_header - 1);
    struct emit em = {.ok = true};
    if (!yaml_emitter_initialize(&em.emitter)) {
        free(buffer.data);
        return NULL;
    }
    yaml_emitter_set_output(&em.emitter, buffer_write, &buffer);
    yaml_emitter_set_unicode(&em.emitter, 1);
    yaml_emitter_set_width(&em.emitter, 100);
    yaml_event_t event;
    emit_event(&em, &event, yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
    emit_event(&em, &event, yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1));
    emit_book(&em, book);
    emit_event(&em, &event, yaml_document_end_event_initialize(&event, 1));
    emit_event(&em, &event, yaml_stream_end_event_initialize(&event));
    yaml_emitter_delete(&em.emitter);
    if (!em.ok) {
        free(buffer.data);
        return NULL;
    }
    if (buffer.data[buffer.length - 1] != '\n')
        buffer_write(&buffer, (unsigned char *)"\n", 1);
    return buffer.data;
}

static int book_write(const struct book *book, const char *dir, struct error *err)
{
    if (paths_make_dirs(dir, 0700, err) != 0)
        return -1;
    char *text = book_text(book);
    if (text == NULL)
        return error_set(err, ERROR_SYSTEM, "cannot write %s: out of memory", TRACKED_FILE);
    char *path = file_path(dir);
    struct fileio_output output;
    int status = fileio_output_open(&output, path, err);
    if (status == 0) {
        fputs(text, output.file);
        status = fileio_output_commit(&output, err);
    }
    free(path);
    free(text);
    return status;
}

/* Reads the file for a change; a broken file is an error naming its first problem. */
static int book_open(struct book *book, const char *dir, struct error *err)
{
    if (dir == NULL)
        return error_set(err, ERROR_SYSTEM,
                         "cannot find your content folder (set HOME or XDG_CONFIG_HOME)");
    struct strlist problems = STRLIST_INIT;
    size_t count = book_read(book, dir, &problems);
    if (count > 0) {
        error_set(err, ERROR_INPUT, "%s%s: fix it, or move it away to start afresh",
                  problems.items[0], count > 1 ? " (and more problems)" : "");
        book_release(book);
    }
    strlist_release(&problems);
    return count > 0 ? -1 : 0;
}

/* ---- ids and names ---- */

bool tracked_make_id(const char *name, char *id)
{
    char *folded = text_fold(name);
    size_t length = 0;
    bool dash = false;
    for (const unsigned char *c = (const unsigned char *)folded; *c; c++) {
        bool keep = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9');
        if (!keep) {
            dash = length > 0;
            continue;
        }
        if (dash && length + 1 < TRACKED_ID_SIZE - 1)
            id[length++] = '-';
        dash = false;
        if (length < TRACKED_ID_SIZE - 1)
            id[length++] = (char)*c;
    }
    while (length > 0 && id[length - 1] == '-')
        length--;
    id[length] = '\0';
    free(folded);
    return length > 0;
}

/* A name or label as given, trimmed; refused when empty, too long, or holding control
 * characters or bytes that are not UTF-8. */
static char *clean_label(const char *text, const char *what, struct error *err)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    if (length == 0) {
        error_set(err, ERROR_INPUT, "the %s must not be empty", what);
        return NULL;
    }
    if (length > TRACKED_LABEL_MAX) {
        error_set(err, ERROR_INPUT, "the %s is too long (%zu bytes, at most %d)", what, length,
                  TRACKED_LABEL_MAX);
        return NULL;
    }
    char *copy = xstrndup(text, length);
    char *printable = xstrdup(copy);
    text_make_printable(printable, false);
    bool clean = text_is_valid_utf8(copy, length) && strcmp(printable, copy) == 0;
    free(printable);
    if (!clean) {
        error_set(err, ERROR_INPUT, "the %s has control characters or is not UTF-8", what);
        free(copy);
        return NULL;
    }
    return copy;
}

/* Checks a new item's name against the items there are; fills `id`. */
static int check_new(const struct content *content, enum content_kind kind, const char *label,
                     char *id, struct error *err)
{
    if (!tracked_make_id(label, id))
        return error_set(err, ERROR_INPUT,
                         "cannot make an id from '%s': use a name with letters or digits of the "
                         "Latin alphabet (the label can be changed later with track rename)",
                         label);
    for (int k = 0; k < KIND_COUNT; k++) {
        bool same_space = (k == CONTENT_FOOD) == (kind == CONTENT_FOOD);
        for (size_t i = 0; same_space && i < content_kind_count(content, (enum content_kind)k); i++)
            if (names_match(content_item_label(content, (enum content_kind)k, i), label))
                return error_set(err, ERROR_INPUT, "there is already a %s named '%s' (id %s)",
                                 content_kind_name(k),
                                 content_item_label(content, (enum content_kind)k, i),
                                 content_item_id(content, (enum content_kind)k, i));
    }
    enum content_kind by;
    size_t index;
    if (id_taken(content, kind, id, &by, &index))
        return error_set(err, ERROR_INPUT,
                         "the id '%s' is already used by the %s '%s': choose another name", id,
                         content_kind_name(by), content_item_label(content, by, index));
    return 0;
}

/* Adds `own` (filled but for its id and label) to the file and then to the content. */
static int add_item(struct content *content, const char *dir, struct own *own, const char *name,
                    char *id_out, struct error *err)
{
    const char *what = own->kind == CONTENT_FOOD ? "name" : "label";
    char *label = clean_label(name, what, err);
    if (label == NULL)
        return -1;
    char id[TRACKED_ID_SIZE];
    struct book book;
    if (check_new(content, own->kind, label, id, err) != 0 || book_open(&book, dir, err) != 0) {
        free(label);
        return -1;
    }
    struct own *added = book_add_own(&book);
    *added = *own;
    added->id = xstrdup(id);
    added->label = label;
    added->ref = xstrdup(own->ref ? own->ref : "");
    added->unit = xstrdup(own->unit ? own->unit : "");
    added->when = own->when != NULL ? xstrdup(own->when) : NULL;
    int status = book_write(&book, dir, err);
    if (status == 0) {
        apply_own(content, added);
        if (id_out != NULL)
            memcpy(id_out, id, strlen(id) + 1);
    }
    book_release(&book);
    return status;
}

int tracked_add_food(struct content *content, const char *dir, const char *name,
                     const char *category, bool plant, char *id, struct error *err)
{
    long found = find_place(content, CONTENT_CATEGORY, category, err);
    if (found < 0)
        return -1;
    struct own own = {.kind = CONTENT_FOOD, .plant = plant};
    own.ref = content->categories[found].id;
    return add_item(content, dir, &own, name, id, err);
}

int tracked_add_sign(struct content *content, const char *dir, const char *label, const char *group,
                     char *id, struct error *err)
{
    long found = find_place(content, CONTENT_GROUP, group, err);
    if (found < 0)
        return -1;
    struct own own = {.kind = CONTENT_SIGN};
    own.ref = content->groups[found].id;
    return add_item(content, dir, &own, label, id, err);
}

/* The phrase a new habit's --when gives, trimmed and checked by the content files' rule. */
static char *habit_when(const struct tracked_habit_spec *spec, struct error *err)
{
    if (spec->kind != CONTENT_HABIT_YES_NO) {
        error_set(err, ERROR_INPUT,
                  "only a yes-no habit has a --when phrase (amounts and scales read by their "
                  "values)");
        return NULL;
    }
    char *when = clean_label(spec->when, "--when phrase", err);
    if (when != NULL && content_check_when(when, "--when", err) != 0) {
        free(when);
        return NULL;
    }
    return when;
}

int tracked_add_habit(struct content *content, const char *dir,
                      const struct tracked_habit_spec *spec, char *id, struct error *err)
{
    static const double defaults[3][3] = {{0, 10, 1}, {1, 5, 1}, {0, 1, 1}};
    const double *fallback = defaults[spec->kind];
    struct own own = {.kind = CONTENT_HABIT, .habit_kind = spec->kind};
    own.min = isnan(spec->min) ? fallback[0] : spec->min;
    own.max = isnan(spec->max) ? fallback[1] : spec->max;
    own.step = isnan(spec->step) ? fallback[2] : spec->step;
    if (spec->kind == CONTENT_HABIT_YES_NO) {
        if (!isnan(spec->min) || !isnan(spec->max) || !isnan(spec->step) ||
            (spec->unit != NULL && spec->unit[0] != '\0'))
            return error_set(err, ERROR_INPUT, "a yes-no habit has no unit, min, max or step");
        own.min = 0, own.max = 1, own.step = 1;
    }
    if (!habit_range_valid(own.min, own.max, own.step) || !isfinite(own.max - own.min))
        return error_set(err, ERROR_INPUT,
                         "min %g, max %g and step %g do not make a range (min below max, step "
                         "above 0 and at most max - min)",
                         own.min, own.max, own.step);
    char *when = NULL;
    if (spec->when != NULL && (when = habit_when(spec, err)) == NULL)
        return -1;
    char *unit = NULL;
    if (spec->unit != NULL && spec->unit[0] != '\0' &&
        (unit = clean_label(spec->unit, "unit", err)) == NULL) {
        free(when);
        return -1;
    }
    own.unit = unit;
    own.when = when;
    int status = add_item(content, dir, &own, spec->label, id, err);
    free(unit);
    free(when);
    return status;
}

/* ---- finding, hiding, renaming ---- */

int tracked_find(const struct content *content, const char *word, const char *id,
                 enum content_kind *kind, size_t *index, struct error *err)
{
    enum content_kind only;
    if (word != NULL && (!content_kind_of(word, &only) || only > CONTENT_HABIT))
        return error_set(err, ERROR_USAGE,
                         "unknown kind '%s' (food, sign or habit; quote a label with spaces)",
                         word);
    unsigned kinds = word != NULL ? CONTENT_KIND_BIT(only) : CONTENT_ITEMS;
    if (content_resolve(content, kinds, id, kind, index, err) == 0)
        return 0;
    size_t near;
    if (err != NULL && !content_suggest(content, kinds, id, &only, &near)) {
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used,
                 " (gutskin track list shows them all)");
    }
    return -1;
}

int tracked_keep_choices(const char *dir, struct error *err)
{
    struct book book;
    if (book_open(&book, dir, err) != 0)
        return -1;
    char *path = file_path(dir);
    struct stat info;
    /* An existing file already says so; it is not rewritten. */
    int status = stat(path, &info) == 0 ? 0 : book_write(&book, dir, err);
    free(path);
    book_release(&book);
    return status;
}

int tracked_set_hidden(struct content *content, const char *dir, const char *word, const char *id,
                       bool hidden, struct error *err)
{
    enum content_kind kind;
    size_t index;
    struct book book;
    if (tracked_find(content, word, id, &kind, &index, err) != 0 || book_open(&book, dir, err) != 0)
        return -1;
    const char *item_id = content_item_id(content, kind, index);
    /* An item the content hides at first is shown by a `shown` entry; any other is hidden by a
     * `hidden` one. */
    bool by_default = kind == CONTENT_HABIT && content->habits[index].hidden_by_content;
    long mark = marks_find(book.hidden, book.hidden_count, kind, item_id);
    long shown = marks_find(book.shown, book.shown_count, kind, item_id);
    bool changed = false;
    if (mark >= 0 && (!hidden || by_default)) {
        marks_remove(book.hidden, &book.hidden_count, (size_t)mark);
        changed = true;
    }
    if (shown >= 0 && (hidden || !by_default)) {
        marks_remove(book.shown, &book.shown_count, (size_t)shown);
        changed = true;
    }
    if (hidden && !by_default && mark < 0) {
        marks_add(&book.hidden, &book.hidden_count, &book.hidden_capacity, kind, item_id, NULL);
        changed = true;
    }
    if (!hidden && by_default && shown < 0) {
        marks_add(&book.shown, &book.shown_count, &book.shown_capacity, kind, item_id, NULL);
        changed = true;
    }
    int status = changed ? book_write(&book, dir, err) : 0;
    if (status == 0)
        *hidden_slot(content, kind, index) = hidden;
    book_release(&book);
    return status;
}

int tracked_rename(struct content *content, const char *dir, const char *word, const char *id,
                   const char *label, struct error *err)
{
    enum content_kind kind;
    size_t index;
    char *clean = clean_label(label, "new label", err);
    if (clean == NULL)
        return -1;
    struct book book;
    if (tracked_find(content, word, id, &kind, &index, err) != 0 ||
        book_open(&book, dir, err) != 0) {
        free(clean);
        return -1;
    }
    const char *item_id = content_item_id(content, kind, index);
    for (size_t i = 0; i < content_kind_count(content, kind); i++) {
        if (i != index && names_match(content_item_label(content, kind, i), clean)) {
            error_set(err, ERROR_INPUT, "there is already a %s named '%s' (id %s)",
                      content_kind_name(kind), content_item_label(content, kind, i),
                      content_item_id(content, kind, i));
            free(clean);
            book_release(&book);
            return -1;
        }
    }
    struct own *own = NULL;
    for (size_t i = 0; i < book.own_count; i++)
        if (book.own[i].kind == kind && strcmp(book.own[i].id, item_id) == 0)
            own = &book.own[i];
    long mark = marks_find(book.renamed, book.renamed_count, kind, item_id);
    if (own != NULL) {
        free(own->label);
        own->label = xstrdup(clean);
    } else if (mark >= 0) {
        free(book.renamed[mark].label);
        book.renamed[mark].label = xstrdup(clean);
    } else {
        marks_add(&book.renamed, &book.renamed_count, &book.renamed_capacity, kind, item_id, clean);
    }
    int status = book_write(&book, dir, err);
    if (status == 0)
        set_label(content, kind, index, clean);
    free(clean);
    book_release(&book);
    return status;
}
