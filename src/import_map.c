/*
 * import_map.c - which of the person's items each name of another app becomes: the matching rule,
 * the built-in correspondences, and the editable YAML map file (written by --dry-run, read by
 * --map).
 */
#include "import_peer.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "numbers.h"
#include "text.h"
#include "tracked.h"
#include "xalloc.h"

/* --- Matching names --------------------------------------------------------------------------- */

/* A name reduced for matching: folded (case, accents), letters and digits only, words joined by
 * single spaces, and the last word's plural ending removed. Caller frees. */
static char *match_key(const char *text)
{
    char *folded = text_fold(text);
    char *key = xmalloc(strlen(folded) + 1);
    size_t length = 0;
    for (const unsigned char *c = (const unsigned char *)folded; *c != '\0'; c++) {
        bool word = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c >= 0x80;
        if (word)
            key[length++] = (char)*c;
        else if (length > 0 && key[length - 1] != ' ')
            key[length++] = ' ';
    }
    while (length > 0 && key[length - 1] == ' ')
        length--;
    key[length] = '\0';
    free(folded);
    /* Plurals: "berries" -> "berry", "patches" -> "patch", "breakouts" -> "breakout". */
    if (length > 4 && strcmp(key + length - 3, "ies") == 0)
        strcpy(key + length - 3, "y");
    else if (length > 4 &&
             (strcmp(key + length - 4, "ches") == 0 || strcmp(key + length - 4, "shes") == 0 ||
              strcmp(key + length - 3, "xes") == 0 || strcmp(key + length - 4, "sses") == 0))
        key[length - 2] = '\0';
    else if (length > 3 && key[length - 1] == 's' && key[length - 2] != 's')
        key[length - 1] = '\0';
    return key;
}

enum match_pass { MATCH_EXACT, MATCH_FOLDED };

static bool names_match(const char *name, const char *name_key, const char *candidate,
                        enum match_pass pass)
{
    if (candidate == NULL)
        return false;
    if (pass == MATCH_EXACT)
        return strcmp(name, candidate) == 0;
    char *key = match_key(candidate);
    bool same = strcmp(key, name_key) == 0;
    free(key);
    return same;
}

/* Which kinds of item a name of the app may match by name. */
static bool kind_is(const char *kind, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(kind, *list) == 0)
            return true;
    return false;
}

static const char *const food_kinds[] = {"food", NULL};
static const char *const sign_kinds[] = {"symptom", "condition", NULL};

static bool match_in_content(const struct peer_name *name, const struct content *content,
                             enum match_pass pass, struct peer_mapping *mapping)
{
    char *key = match_key(name->name);
    bool foods_only = kind_is(name->kind, food_kinds);
    bool no_foods = kind_is(name->kind, sign_kinds) || name->scale == PEER_SEVERITY4;
    const char *id = NULL;
    enum peer_target target = PEER_TO_IGNORE;
    for (size_t i = 0; !foods_only && id == NULL && i < content->sign_count; i++)
        if (names_match(name->name, key, content->signs[i].id, pass) ||
            names_match(name->name, key, content->signs[i].label, pass))
            id = content->signs[i].id, target = PEER_TO_SIGN;
    for (size_t i = 0; !foods_only && id == NULL && i < content->habit_count; i++)
        if (names_match(name->name, key, content->habits[i].id, pass) ||
            names_match(name->name, key, content->habits[i].label, pass))
            id = content->habits[i].id, target = PEER_TO_HABIT;
    for (size_t i = 0; !no_foods && id == NULL && i < content->food_count; i++)
        if (names_match(name->name, key, content->foods[i].id, pass) ||
            names_match(name->name, key, content->foods[i].name, pass))
            id = content->foods[i].id, target = PEER_TO_FOOD;
    free(key);
    if (id == NULL)
        return false;
    mapping->target = target;
    mapping->id = xstrdup(id);
    mapping->origin = PEER_BY_NAME;
    return true;
}

/* --- Built-in correspondences ----------------------------------------------------------------- */

struct builtin {
    const char *kind; /* NULL: any kind */
    const char *key;  /* the name's match key; NULL: any name of that kind */
    enum peer_target target;
    const char *ids; /* candidate ids, '|'-separated, the first the content defines wins */
    double value;    /* what a present name counts as; NAN: the conversion's default */
};

static const struct builtin builtins[] = {
    /* Whole kinds. */
    {"mood", NULL, PEER_TO_SIGN, "low-mood", NAN},
    {"energy", NULL, PEER_TO_SIGN, "fatigue", NAN},
    {"sleep", NULL, PEER_TO_HABIT, "sleep-hours", NAN},
    {"sleep quality", NULL, PEER_TO_HABIT, "sleep-quality", NAN},
    {"bowel movements", NULL, PEER_TO_HABIT, "bowel-movements|stool-count|stool", NAN},
    {"bowel movements", NULL, PEER_TO_NOTE, NULL, NAN},
    {"gratitude", NULL, PEER_TO_NOTE, NULL, NAN},
    /* Daylio scales. */
    {"scale", "sleep time", PEER_TO_HABIT, "sleep-hours", NAN},
    {"scale", "sleep quality", PEER_TO_HABIT, "sleep-quality", NAN},
    /* Health-ish activities, factors and tags. */
    {NULL, "bad sleep", PEER_TO_HABIT, "sleep-quality", 2},
    {NULL, "good sleep", PEER_TO_HABIT, "sleep-quality", 4},
    {NULL, "stomachache", PEER_TO_SIGN, "abdominal-pain", NAN},
    {NULL, "stomach ache", PEER_TO_SIGN, "abdominal-pain", NAN},
    {NULL, "stomach pain", PEER_TO_SIGN, "abdominal-pain", NAN},
    {NULL, "abdominal pain", PEER_TO_SIGN, "abdominal-pain", NAN},
    {NULL, "bloated", PEER_TO_SIGN, "bloating", NAN},
    {NULL, "tired", PEER_TO_SIGN, "fatigue", NAN},
    {NULL, "fatigued", PEER_TO_SIGN, "fatigue", NAN},
    {NULL, "exhausted", PEER_TO_SIGN, "fatigue", NAN},
    {NULL, "anxious", PEER_TO_SIGN, "anxiety", NAN},
    {NULL, "stressed", PEER_TO_HABIT, "stress", 7},
    {NULL, "stressed frustrated", PEER_TO_HABIT, "stress", 7},
    {NULL, "acne", PEER_TO_SIGN, "acne", NAN},
    {NULL, "pimple", PEER_TO_SIGN, "acne", NAN},
    {NULL, "heartburn", PEER_TO_SIGN, "reflux", NAN},
    {NULL, "beer", PEER_TO_HABIT, "alcohol", 1},
    {NULL, "wine", PEER_TO_HABIT, "alcohol", 1},
    {NULL, "drink", PEER_TO_HABIT, "alcohol", 1},
    {NULL, "drinking", PEER_TO_HABIT, "alcohol", 1},
    {NULL, "probiotic", PEER_TO_HABIT, "probiotic-taken", NAN},
    {NULL, "antibiotic", PEER_TO_HABIT, "antibiotics", NAN},
};

static const char *first_defined(const struct content *content, enum peer_target target,
                                 const char *ids, char *buffer, size_t size)
{
    while (ids != NULL && *ids != '\0') {
        const char *bar = strchr(ids, '|');
        size_t length = bar ? (size_t)(bar - ids) : strlen(ids);
        snprintf(buffer, size, "%.*s", (int)length, ids);
        bool found = target == PEER_TO_SIGN    ? content_find_sign(content, buffer) != NULL
                     : target == PEER_TO_HABIT ? content_find_habit(content, buffer) != NULL
                                               : content_find_food(content, buffer) != NULL;
        if (found)
            return buffer;
        ids = bar ? bar + 1 : NULL;
    }
    return NULL;
}

/* `whole_kind`: the pass over rules for a whole kind (before matching by name), else the pass
 * over rules for one name (after). */
static bool match_builtin(const struct peer_name *name, const struct content *content,
                          bool whole_kind, struct peer_mapping *mapping)
{
    char *key = match_key(name->name);
    bool found = false;
    for (size_t i = 0; !found && i < sizeof builtins / sizeof builtins[0]; i++) {
        const struct builtin *rule = &builtins[i];
        if ((rule->key == NULL) != whole_kind ||
            (rule->kind != NULL && strcmp(rule->kind, name->kind) != 0) ||
            (rule->key != NULL && strcmp(rule->key, key) != 0))
            continue;
        char buffer[64];
        const char *id = first_defined(content, rule->target, rule->ids, buffer, sizeof buffer);
        if (id == NULL && rule->ids != NULL)
            continue;
        mapping->target = rule->target;
        mapping->id = id ? xstrdup(id) : NULL;
        mapping->origin = PEER_BY_BUILTIN;
        mapping->has_value = !isnan(rule->value);
        mapping->value = mapping->has_value ? rule->value : 0;
        found = true;
    }
    free(key);
    return found;
}

/* --- New items -------------------------------------------------------------------------------- */

static enum peer_target new_target_for(const struct peer_name *name)
{
    if (name->scale == PEER_TEXT)
        return PEER_TO_NOTE;
    if (kind_is(name->kind, food_kinds))
        return PEER_TO_NEW_FOOD;
    if (name->scale == PEER_SEVERITY4 || kind_is(name->kind, sign_kinds))
        return PEER_TO_NEW_SIGN;
    return PEER_TO_NEW_HABIT;
}

static bool is_new_food(enum peer_target target)
{
    return target == PEER_TO_NEW_FOOD;
}

/* Whether `id` is taken in the namespace of `target` (foods, or signs and habits) by the content
 * or by another new item. */
static bool id_taken(const struct peer_import *import, size_t upto, const struct content *content,
                     const char *id, enum peer_target target)
{
    bool food = is_new_food(target);
    if (food ? content_find_food(content, id) != NULL
             : content_find_sign(content, id) || content_find_habit(content, id))
        return true;
    for (size_t i = 0; i < upto; i++) {
        const struct peer_mapping *other = &import->mappings[i];
        if (other->id != NULL && strcmp(other->id, id) == 0 && other->target != target &&
            is_new_food(other->target) == food)
            return true;
    }
    return false;
}

/* Whether two words of match keys are the same word, a plural "s" aside ("oat", "oats"). */
static bool same_word(const char *a, size_t a_length, const char *b, size_t b_length)
{
    if (a_length > 0 && a[a_length - 1] == 's' && a_length - 1 >= 3)
        a_length--;
    if (b_length > 0 && b[b_length - 1] == 's' && b_length - 1 >= 3)
        b_length--;
    return a_length >= 3 && a_length == b_length && memcmp(a, b, a_length) == 0;
}

/* Whether the keys share a word. */
static bool share_word(const char *a, const char *b)
{
    for (const char *word = a; *word != '\0';) {
        size_t length = strcspn(word, " ");
        for (const char *other = b; *other != '\0';) {
            size_t other_length = strcspn(other, " ");
            if (same_word(word, length, other, other_length))
                return true;
            other += other_length + (other[other_length] == ' ');
        }
        word += length + (word[length] == ' ');
    }
    return false;
}

/* The default place of a new sign (a group) or food (a category): for a food, the category of a
 * content food that shares a word with it ("Oat porridge" with "Oats"), else the content's first
 * category of foods to eat rather than limit; for a sign, the content's last group. The map file
 * can name another. */
static const char *default_place(const struct content *content, enum peer_target target,
                                 const char *name)
{
    if (target == PEER_TO_NEW_SIGN)
        return content->group_count ? content->groups[content->group_count - 1].id : "";
    char *key = match_key(name);
    const char *found = NULL;
    for (size_t i = 0; found == NULL && i < content->food_count; i++) {
        char *food_key = match_key(content->foods[i].name);
        if (share_word(key, food_key))
            found = content->categories[content->foods[i].category].id;
        free(food_key);
    }
    free(key);
    for (size_t i = 0; found == NULL && i < content->category_count; i++)
        if (!content->categories[i].limit)
            found = content->categories[i].id;
    return found ? found : content->category_count ? content->categories[0].id : "";
}

/* A new item of the person's own: its label is the name (cut to what the store takes), its id
 * made from the label as the store makes it; a label whose id is taken gets a number ("Walk 2").
 * A name with nothing to make an id from is kept in the note. */
static void map_new(const struct peer_name *name, const struct peer_import *import, size_t index,
                    const struct content *content, struct peer_mapping *mapping)
{
    mapping->target = new_target_for(name);
    mapping->origin = PEER_BY_NEW;
    if (mapping->target == PEER_TO_NOTE)
        return;
    char base[TRACKED_LABEL_MAX + 1], label[TRACKED_LABEL_MAX + 16], id[TRACKED_ID_SIZE];
    snprintf(base, sizeof base, "%s", name->name);
    base[text_cut(base, sizeof base - 1)] = '\0';
    snprintf(label, sizeof label, "%s", base);
    for (int n = 2; tracked_make_id(label, id); n++) {
        if (!id_taken(import, index, content, id, mapping->target)) {
            mapping->id = xstrdup(id);
            mapping->label = xstrdup(label);
            if (mapping->target != PEER_TO_NEW_HABIT)
                mapping->place = xstrdup(default_place(content, mapping->target, name->name));
            return;
        }
        snprintf(label, sizeof label, "%.*s %d", TRACKED_LABEL_MAX - 8, base, n);
        label[text_cut(label, sizeof label - 1)] = '\0';
    }
    mapping->target = PEER_TO_NOTE;
}

/* The habit a new habit is made as, from how the app measures the name. */
static void new_habit_shape(const struct peer_name *name, struct peer_new_item *item)
{
    item->unit = "";
    switch (name->scale) {
    case PEER_AMOUNT:
        item->habit_kind = CONTENT_HABIT_AMOUNT;
        item->unit = name->unit ? name->unit : "";
        item->min = 0, item->max = 100000, item->step = 0.001;
        break;
    case PEER_LEVEL5:
    case PEER_RATING5:
        item->habit_kind = CONTENT_HABIT_SCALE;
        item->min = 1, item->max = 5, item->step = 1;
        break;
    case PEER_MOOD10:
        item->habit_kind = CONTENT_HABIT_SCALE;
        item->min = 1, item->max = 10, item->step = 1;
        break;
    case PEER_SEVERITY4:
        item->habit_kind = CONTENT_HABIT_SCALE;
        item->min = 0, item->max = 4, item->step = 1;
        break;
    case PEER_POINTS:
        item->habit_kind = CONTENT_HABIT_SCALE;
        item->min = 0, item->max = name->unit ? atof(name->unit) : 10, item->step = 1;
        break;
    default:
        item->habit_kind = CONTENT_HABIT_YES_NO;
        item->min = 0, item->max = 1, item->step = 1;
        break;
    }
}

/* A new amount habit's step and maximum, from the values it will hold: the coarsest of 1, 0.5,
 * 0.1, ... 0.001 that every value is on, and a round maximum (10, 100, 1000...) above twice the
 * largest value, so that the check-in's steps and range suit the data. */
static void fit_amount(const struct peer_data *data, size_t name, struct peer_new_item *item)
{
    static const double steps[] = {1, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001};
    size_t step = 0;
    double largest = 0;
    for (size_t v = 0; v < data->value_count; v++) {
        if (data->values[v].name != name)
            continue;
        double value = fabs(data->values[v].value);
        largest = fmax(largest, value);
        while (step + 1 < sizeof steps / sizeof steps[0] &&
               fabs(value / steps[step] - round(value / steps[step])) > 1e-9)
            step++;
    }
    item->step = steps[step];
    item->max = 10;
    while (item->max < 2 * largest && item->max < 1e9)
        item->max *= 10;
}

static void collect_new_items(const struct peer_data *data, struct peer_import *import)
{
    import->new_items = xcalloc(import->count + 1, sizeof *import->new_items);
    for (size_t i = 0; i < import->count; i++) {
        const struct peer_mapping *mapping = &import->mappings[i];
        if (mapping->target != PEER_TO_NEW_SIGN && mapping->target != PEER_TO_NEW_HABIT &&
            mapping->target != PEER_TO_NEW_FOOD)
            continue;
        bool seen = false;
        for (size_t k = 0; !seen && k < import->new_count; k++)
            seen = strcmp(import->new_items[k].id, mapping->id) == 0;
        if (seen)
            continue;
        struct peer_new_item *item = &import->new_items[import->new_count++];
        item->target = mapping->target;
        item->id = mapping->id;
        item->label = mapping->label ? mapping->label : data->names[i].name;
        item->place = mapping->place;
        if (mapping->target == PEER_TO_NEW_HABIT)
            new_habit_shape(&data->names[i], item);
        else
            item->unit = "";
        if (mapping->target == PEER_TO_NEW_HABIT && item->habit_kind == CONTENT_HABIT_AMOUNT)
            fit_amount(data, i, item);
    }
}

/* --- The map file ----------------------------------------------------------------------------- */

static const char *const target_words[] = {
    [PEER_TO_SIGN] = "sign",           [PEER_TO_HABIT] = "habit",
    [PEER_TO_FOOD] = "food",           [PEER_TO_NEW_SIGN] = "new sign",
    [PEER_TO_NEW_HABIT] = "new habit", [PEER_TO_NEW_FOOD] = "new food",
    [PEER_TO_NOTE] = "note",           [PEER_TO_IGNORE] = "ignore",
};

/* One entry read from the map file. */
struct map_entry {
    char *from, *name, *to, *label, *place;
    int level;
    bool has_value;
    double value;
    long line;
};

struct map_file {
    const char *path;
    struct map_entry *entries;
    size_t count, capacity;
    struct strlist *problems;
};

static void map_problem(struct map_file *map, long line, const char *what, const char *detail)
{
    strlist_pushf(map->problems, "%s:%ld: %s%s%s", map->path, line, what, detail ? " " : "",
                  detail ? detail : "");
}

static const char *scalar(yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static void map_read_pair(struct map_file *map, yaml_document_t *doc, yaml_node_pair_t *pair,
                          struct map_entry *entry)
{
    yaml_node_t *key_node = yaml_document_get_node(doc, pair->key);
    yaml_node_t *value_node = yaml_document_get_node(doc, pair->value);
    const char *key = scalar(key_node), *value = scalar(value_node);
    long line = (long)value_node->start_mark.line + 1;
    if (key == NULL || value == NULL) {
        map_problem(map, line, "expected 'key: value' lines in an item", NULL);
        return;
    }
    char *end;
    if (strcmp(key, "from") == 0)
        entry->from = xstrdup(value);
    else if (strcmp(key, "name") == 0)
        entry->name = xstrdup(value);
    else if (strcmp(key, "to") == 0)
        entry->to = xstrdup(value);
    else if (strcmp(key, "label") == 0)
        entry->label = xstrdup(value);
    else if (strcmp(key, "group") == 0 || strcmp(key, "category") == 0)
        entry->place = xstrdup(value);
    else if (strcmp(key, "rule") == 0)
        ; /* a reminder for the reader, not read */
    else if (strcmp(key, "level") == 0 && value[0] == '\0')
        ; /* not given yet */
    else if (strcmp(key, "level") == 0) {
        long level = strtol(value, &end, 10);
        if (*end != '\0' || level < 1 || level > 5)
            map_problem(map, line, "level must be 1 (awful) to 5 (rad)", NULL);
        else
            entry->level = (int)level;
    } else if (strcmp(key, "value") == 0) {
        entry->has_value = num_parse(value, &entry->value);
        if (!entry->has_value)
            map_problem(map, line, "value must be a number, not", value);
    } else
        map_problem(
            map, line,
            "unknown key (expected from, name, to, level, value, label, group, category, rule):",
            key);
}

static void map_read_item(struct map_file *map, yaml_document_t *doc, yaml_node_t *node)
{
    long line = (long)node->start_mark.line + 1;
    if (node->type != YAML_MAPPING_NODE) {
        map_problem(map, line, "each item must be a mapping (from:, name:, to:)", NULL);
        return;
    }
    struct map_entry entry = {.line = line};
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++)
        map_read_pair(map, doc, pair, &entry);
    if (entry.from == NULL || entry.name == NULL || entry.to == NULL) {
        map_problem(map, line, "an item needs from:, name: and to:", NULL);
        free(entry.from), free(entry.name), free(entry.to), free(entry.label), free(entry.place);
        return;
    }
    xgrow(&map->entries, &map->capacity, map->count + 1, sizeof *map->entries);
    map->entries[map->count++] = entry;
}

static void map_read_root(struct map_file *map, yaml_document_t *doc, yaml_node_t *root)
{
    yaml_node_t *items = NULL;
    if (root != NULL && root->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
             pair < root->data.mapping.pairs.top; pair++) {
            const char *key = scalar(yaml_document_get_node(doc, pair->key));
            if (key != NULL && strcmp(key, "items") == 0)
                items = yaml_document_get_node(doc, pair->value);
            else if (key == NULL || strcmp(key, "format") != 0)
                map_problem(map, (long)root->start_mark.line + 1,
                            "unknown key (expected format, items):", key ? key : "?");
        }
    if (items == NULL || items->type != YAML_SEQUENCE_NODE) {
        map_problem(map, root ? (long)root->start_mark.line + 1 : 1,
                    "expected 'items:' with a list of mappings", NULL);
        return;
    }
    for (yaml_node_item_t *item = items->data.sequence.items.start;
         item < items->data.sequence.items.top; item++)
        map_read_item(map, doc, yaml_document_get_node(doc, *item));
}

static void map_file_read(struct map_file *map)
{
    FILE *in = fopen(map->path, "rb");
    if (in == NULL) {
        strlist_pushf(map->problems, "cannot open the map file %s: %s", map->path, strerror(errno));
        return;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, in);
    if (!yaml_parser_load(&parser, &doc)) {
        strlist_pushf(map->problems, "%s:%zu:%zu: %s", map->path, parser.problem_mark.line + 1,
                      parser.problem_mark.column + 1, parser.problem ? parser.problem : "bad YAML");
    } else {
        map_read_root(map, &doc, yaml_document_get_root_node(&doc));
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    fclose(in);
}

static void map_file_release(struct map_file *map)
{
    for (size_t i = 0; i < map->count; i++) {
        free(map->entries[i].from), free(map->entries[i].name);
        free(map->entries[i].to), free(map->entries[i].label), free(map->entries[i].place);
    }
    free(map->entries);
}

static bool map_read_item_target(struct map_file *map, const struct map_entry *entry,
                                 const struct content *content, enum peer_target target,
                                 const char *id, struct peer_mapping *mapping)
{
    /* A new item made by an earlier import is now in the content: the map means it. */
    if (target == PEER_TO_NEW_SIGN && content_find_sign(content, id) != NULL)
        target = PEER_TO_SIGN;
    else if (target == PEER_TO_NEW_HABIT && content_find_habit(content, id) != NULL)
        target = PEER_TO_HABIT;
    else if (target == PEER_TO_NEW_FOOD && content_find_food(content, id) != NULL)
        target = PEER_TO_FOOD;
    bool is_new = target >= PEER_TO_NEW_SIGN;
    if (!is_new) {
        /* An item of the content by its id or label (content.h's rule). */
        enum content_kind kind = target == PEER_TO_SIGN    ? CONTENT_SIGN
                                 : target == PEER_TO_HABIT ? CONTENT_HABIT
                                                           : CONTENT_FOOD;
        size_t index;
        struct error err;
        if (content_resolve(content, CONTENT_KIND_BIT(kind), id, &kind, &index, &err) != 0) {
            map_problem(map, entry->line, err.message, NULL);
            return false;
        }
        id = content_item_id(content, kind, index);
    }
    bool taken = target == PEER_TO_NEW_FOOD
                     ? content_find_food(content, id) != NULL
                     : content_find_sign(content, id) || content_find_habit(content, id);
    if (is_new && (!content_id_valid(id) || taken)) {
        map_problem(map, entry->line,
                    taken ? "a new item needs an id your content does not use:"
                          : "an id is lowercase letters, digits and '-':",
                    id);
        return false;
    }
    mapping->target = target;
    mapping->id = xstrdup(id);
    return true;
}

/* Reads `to:` ("sign acne", "new habit gaming", "note") into the mapping; false when wrong. */
static bool map_read_target(struct map_file *map, const struct map_entry *entry,
                            const struct content *content, struct peer_mapping *mapping)
{
    /* New targets first: "new sign x" must not be read as a sign. */
    static const enum peer_target order[] = {PEER_TO_NEW_SIGN, PEER_TO_NEW_HABIT, PEER_TO_NEW_FOOD,
                                             PEER_TO_SIGN,     PEER_TO_HABIT,     PEER_TO_FOOD};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        const char *word = target_words[order[k]];
        size_t length = strlen(word);
        if (strncmp(entry->to, word, length) == 0 && entry->to[length] == ' ')
            return map_read_item_target(map, entry, content, order[k], entry->to + length + 1,
                                        mapping);
    }
    if (strcmp(entry->to, "note") == 0 || strcmp(entry->to, "ignore") == 0) {
        mapping->target = strcmp(entry->to, "note") == 0 ? PEER_TO_NOTE : PEER_TO_IGNORE;
        return true;
    }
    map_problem(map, entry->line,
                "to: must be sign ID, habit ID, food ID, new sign|habit|food ID, note or ignore, "
                "not",
                entry->to);
    return false;
}

/* The map file's entry for the name, or NULL. */
static const struct map_entry *map_find(const struct map_file *map, const struct peer_name *name)
{
    for (size_t i = 0; i < map->count; i++) {
        char *trimmed_name = match_key(map->entries[i].name);
        char *data_name = match_key(name->name);
        bool same =
            strcmp(map->entries[i].from, name->kind) == 0 &&
            (strcmp(map->entries[i].name, name->name) == 0 || strcmp(trimmed_name, data_name) == 0);
        free(trimmed_name);
        free(data_name);
        if (same)
            return &map->entries[i];
    }
    return NULL;
}

/* A new item the map file names: its label must make the id it gives, as the store makes ids
 * from labels, and a sign or food needs a group or category the content has. */
static bool map_new_from_file(struct map_file *map, const struct map_entry *entry,
                              const struct peer_name *name, const struct content *content,
                              struct peer_mapping *mapping)
{
    char id[TRACKED_ID_SIZE];
    mapping->label = xstrdup(entry->label ? entry->label : name->name);
    if (!tracked_make_id(mapping->label, id) || strcmp(id, mapping->id) != 0) {
        char *what = xprintf("the label '%.60s' makes the id '%s', not '%s': give a label: that "
                             "makes it",
                             mapping->label, id, mapping->id);
        map_problem(map, entry->line, what, NULL);
        free(what);
        return false;
    }
    if (mapping->target == PEER_TO_NEW_HABIT)
        return true;
    const char *place =
        entry->place ? entry->place : default_place(content, mapping->target, name->name);
    enum content_kind kind = mapping->target == PEER_TO_NEW_SIGN ? CONTENT_GROUP : CONTENT_CATEGORY;
    size_t index;
    struct error err;
    if (content_resolve(content, CONTENT_KIND_BIT(kind), place, &kind, &index, &err) != 0) {
        map_problem(map, entry->line, err.message, NULL);
        return false;
    }
    mapping->place = xstrdup(content_item_id(content, kind, index));
    return true;
}

static bool map_from_file(struct map_file *map, const struct map_entry *entry,
                          const struct peer_name *name, const struct content *content,
                          struct peer_mapping *mapping)
{
    if (!map_read_target(map, entry, content, mapping))
        return false;
    mapping->origin = PEER_BY_MAP;
    mapping->level = entry->level > 0 ? entry->level : name->level;
    mapping->has_value = entry->has_value;
    mapping->value = entry->value;
    if (mapping->target >= PEER_TO_NEW_SIGN && mapping->target <= PEER_TO_NEW_FOOD)
        return map_new_from_file(map, entry, name, content, mapping);
    return true;
}

/* --- The whole mapping ------------------------------------------------------------------------ */

void peer_import_init(struct peer_import *import)
{
    memset(import, 0, sizeof *import);
}

/* Frees what a mapping holds and leaves it empty. */
static void mapping_clear(struct peer_mapping *mapping)
{
    free(mapping->id);
    free(mapping->label);
    free(mapping->place);
    memset(mapping, 0, sizeof *mapping);
}

void peer_import_release(struct peer_import *import)
{
    for (size_t i = 0; i < import->count; i++)
        mapping_clear(&import->mappings[i]);
    free(import->mappings);
    free(import->new_items);
    peer_import_init(import);
}

static void map_one(const struct peer_data *data, size_t index, const struct content *content,
                    struct map_file *map, struct peer_import *import)
{
    const struct peer_name *name = &data->names[index];
    struct peer_mapping *mapping = &import->mappings[index];
    const struct map_entry *entry = map ? map_find(map, name) : NULL;
    if (entry != NULL && map_from_file(map, entry, name, content, mapping))
        return;
    /* No entry, or a wrong one (already reported, maybe half read): the rule decides. */
    mapping_clear(mapping);
    if (!match_builtin(name, content, true, mapping) &&
        !match_in_content(name, content, MATCH_EXACT, mapping) &&
        !match_in_content(name, content, MATCH_FOLDED, mapping) &&
        !match_builtin(name, content, false, mapping))
        map_new(name, import, index, content, mapping);
    if (mapping->level == 0)
        mapping->level = name->level;
}

/* A Daylio mood without a level cannot be converted: say so, and how to give it. */
static void check_levels(const struct peer_data *data, const struct peer_import *import,
                         struct strlist *problems)
{
    for (size_t i = 0; i < import->count; i++) {
        const struct peer_mapping *mapping = &import->mappings[i];
        if (data->names[i].scale != PEER_LEVEL5 || mapping->level > 0 ||
            mapping->target == PEER_TO_IGNORE || mapping->target == PEER_TO_NOTE)
            continue;
        const char *format = data->entry_numbers ? "%s: entry %ld: %s '%s' is not one of the "
                                                   "app's named levels: give its level (1 awful "
                                                   "to 5 rad) in a map file (see --dry-run)"
                                                 : "%s:%ld: %s '%s' is not one of the app's "
                                                   "named levels: give its level (1 awful to 5 "
                                                   "rad) in a map file (see --dry-run)";
        strlist_pushf(problems, format, data->file, data->names[i].where, data->names[i].kind,
                      data->names[i].name);
    }
}

size_t peer_map(const struct peer_data *data, const struct content *content, const char *map_path,
                struct peer_import *import, struct strlist *problems)
{
    size_t before = problems->count;
    struct map_file map = {.path = map_path, .problems = problems};
    if (map_path != NULL)
        map_file_read(&map);
    import->count = data->name_count;
    import->mappings = xcalloc(data->name_count + 1, sizeof *import->mappings);
    for (size_t i = 0; i < data->name_count; i++)
        map_one(data, i, content, map_path ? &map : NULL, import);
    collect_new_items(data, import);
    check_levels(data, import, problems);
    map_file_release(&map);
    return problems->count - before;
}

/* --- Showing and writing the mapping ---------------------------------------------------------- */

static const char *origin_words(enum peer_origin origin)
{
    switch (origin) {
    case PEER_BY_MAP:
        return "map file";
    case PEER_BY_NAME:
        return "same name";
    case PEER_BY_BUILTIN:
        return "built-in";
    default:
        return "new";
    }
}

static void target_text(const struct peer_mapping *mapping, char *out, size_t size)
{
    if (mapping->id != NULL)
        snprintf(out, size, "%s %s", target_words[mapping->target], mapping->id);
    else
        snprintf(out, size, "%s", target_words[mapping->target]);
}

void peer_print_mapping(FILE *out, const struct peer_data *data, const struct peer_import *import,
                        const struct content *content)
{
    fprintf(out, "mapping (%zu name%s):\n", data->name_count, data->name_count == 1 ? "" : "s");
    for (size_t i = 0; i < import->count; i++) {
        char target[160], rule[400], source[200];
        target_text(&import->mappings[i], target, sizeof target);
        peer_rule_text(&data->names[i], &import->mappings[i], import, content, rule, sizeof rule);
        snprintf(source, sizeof source, "%s \"%s\"", data->names[i].kind, data->names[i].name);
        text_make_printable(source, false);
        text_make_printable(target, false);
        /* Padded by columns, not bytes, so that names with accents line up. */
        int source_pad = 34 - text_width(source), target_pad = 26 - text_width(target);
        fprintf(out, "  %s%*s -> %s%*s (%s) %s\n", source, source_pad > 0 ? source_pad : 0, "",
                target, target_pad > 0 ? target_pad : 0, "",
                origin_words(import->mappings[i].origin), rule);
    }
}

/* YAML output through libyaml's emitter, so that any name is quoted correctly. */
struct emitter {
    yaml_emitter_t emitter;
    yaml_event_t event;
    bool ok;
};

static void emit(struct emitter *e)
{
    if (e->ok && !yaml_emitter_emit(&e->emitter, &e->event))
        e->ok = false;
}

static void emit_scalar(struct emitter *e, const char *text)
{
    if (!e->ok)
        return;
    yaml_scalar_event_initialize(&e->event, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1,
                                 1, YAML_ANY_SCALAR_STYLE);
    emit(e);
}

static void emit_pair(struct emitter *e, const char *key, const char *value)
{
    emit_scalar(e, key);
    emit_scalar(e, value);
}

static void emit_item(struct emitter *e, const struct peer_name *name,
                      const struct peer_mapping *mapping, const struct peer_import *import,
                      const struct content *content)
{
    char target[160], rule[400], number[40];
    target_text(mapping, target, sizeof target);
    peer_rule_text(name, mapping, import, content, rule, sizeof rule);
    yaml_mapping_start_event_initialize(&e->event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit(e);
    emit_pair(e, "from", name->kind);
    emit_pair(e, "name", name->name);
    if (name->scale == PEER_LEVEL5) {
        snprintf(number, sizeof number, "%d", mapping->level);
        emit_pair(e, "level", mapping->level > 0 ? number : "");
    }
    emit_pair(e, "to", target);
    if (mapping->label != NULL && strcmp(mapping->label, name->name) != 0)
        emit_pair(e, "label", mapping->label);
    if (mapping->place != NULL)
        emit_pair(e, mapping->target == PEER_TO_NEW_SIGN ? "group" : "category", mapping->place);
    if (mapping->has_value) {
        snprintf(number, sizeof number, "%.15g", mapping->value);
        emit_pair(e, "value", number);
    }
    emit_pair(e, "rule", rule);
    yaml_mapping_end_event_initialize(&e->event);
    emit(e);
}

static int yaml_write(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, data) == size;
}

static const char map_header[] =
    "# How each name of the file becomes one of your items in gutskin.\n"
    "# Change any 'to:' and import again with --map THIS-FILE. 'to:' is one of:\n"
    "#   sign ID, habit ID, food ID   an item of your content\n"
    "#   new sign ID, new habit ID, new food ID   an item of your own, made by the import\n"
    "#                                (its label is 'label:', else the name)\n"
    "#   note                         written in the day's note\n"
    "#   ignore                       not imported\n"
    "# 'level:' is a mood's level, 1 (awful) to 5 (rad); 'value:' is what a name counts as when\n"
    "# it is there (an activity, a factor, a tag). 'rule:' is a reminder and is not read.\n";

int peer_write_map(const char *path, const char *format, const struct peer_data *data,
                   const struct peer_import *import, const struct content *content,
                   struct error *err)
{
    FILE *out = fopen(path, "w");
    if (out == NULL)
        return error_set(err, ERROR_SYSTEM, "cannot write the map file %s", path);
    fputs(map_header, out);
    struct emitter e = {.ok = true};
    yaml_emitter_initialize(&e.emitter);
    yaml_emitter_set_output(&e.emitter, yaml_write, out);
    yaml_emitter_set_unicode(&e.emitter, 1);
    yaml_emitter_set_width(&e.emitter, 100);
    yaml_stream_start_event_initialize(&e.event, YAML_UTF8_ENCODING);
    emit(&e);
    yaml_document_start_event_initialize(&e.event, NULL, NULL, NULL, 1);
    emit(&e);
    yaml_mapping_start_event_initialize(&e.event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit(&e);
    emit_pair(&e, "format", format);
    emit_scalar(&e, "items");
    yaml_sequence_start_event_initialize(&e.event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    emit(&e);
    for (size_t i = 0; i < import->count; i++)
        emit_item(&e, &data->names[i], &import->mappings[i], import, content);
    yaml_sequence_end_event_initialize(&e.event);
    emit(&e);
    yaml_mapping_end_event_initialize(&e.event);
    emit(&e);
    yaml_document_end_event_initialize(&e.event, 1);
    emit(&e);
    yaml_stream_end_event_initialize(&e.event);
    emit(&e);
    yaml_emitter_delete(&e.emitter);
    bool written = e.ok && fflush(out) == 0;
    if (fclose(out) != 0 || !written)
        return error_set(err, ERROR_SYSTEM, "cannot write the map file %s", path);
    return 0;
}
