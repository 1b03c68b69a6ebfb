/*
 * content.c - loads and checks the YAML content files (the format is in content/README.md).
 *
 * Each file is read with libyaml's event API into a small tree of nodes that keeps the line and
 * column of every value, so that each problem can be reported as FILE:LINE:COLUMN. The trees live
 * until loading ends: references between items are resolved only after the overlay is merged,
 * and a bad reference is reported at the node that holds it, whichever file that is in.
 */
#include "content.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "numbers.h"
#include "text.h"
#include "xalloc.h"

#define FILE_SIZE_LIMIT 1048576
#define DEPTH_LIMIT 16
#define PROBLEM_LIMIT 100
#define CLIP_SIZE 64
#define WARNING_LIMIT 100

/* ---- the node tree ---- */

enum node_kind { NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING };

struct node {
    enum node_kind kind;
    int line;
    int column;
    char *text;             /* scalars only */
    bool plain;             /* only a plain scalar can be a boolean or a number */
    struct node **children; /* a mapping holds key, value, key, value... */
    size_t count;
    size_t capacity;
};

static struct node *node_new(enum node_kind kind, const yaml_mark_t *mark)
{
    struct node *node = xcalloc(1, sizeof *node);
    node->kind = kind;
    node->line = (int)mark->line + 1;
    node->column = (int)mark->column + 1;
    return node;
}

static void node_free(struct node *node)
{
    if (node == NULL)
        return;
    for (size_t i = 0; i < node->count; i++)
        node_free(node->children[i]);
    free(node->children);
    free(node->text);
    free(node);
}

static void node_append(struct node *node, struct node *child)
{
    xgrow(&node->children, &node->capacity, node->count + 1, sizeof *node->children);
    node->children[node->count++] = child;
}

/* The pair of `key` in a mapping (keys are unique once the mapping has been cleaned). */
static const struct node *const *mapping_pair(const struct node *map, const char *key)
{
    if (map == NULL || map->kind != NODE_MAPPING)
        return NULL;
    for (size_t i = 0; i + 1 < map->count; i += 2)
        if (strcmp(map->children[i]->text, key) == 0)
            return (const struct node *const *)&map->children[i];
    return NULL;
}

static const struct node *mapping_get(const struct node *map, const char *key)
{
    const struct node *const *pair = mapping_pair(map, key);
    return pair ? pair[1] : NULL;
}

static const struct node *mapping_key(const struct node *map, const char *key)
{
    const struct node *const *pair = mapping_pair(map, key);
    return pair ? pair[0] : NULL;
}

/* ---- sources and problems ---- */

enum file_index { FILE_FOODS, FILE_SIGNS, FILE_LIFESTYLE, FILE_ABOUT, FILE_COUNT };

static const char *const file_names[FILE_COUNT] = {"foods.yaml", "signs.yaml", "lifestyle.yaml",
                                                   "about.yaml"};

struct source {
    char *path; /* the folder as given joined with the file name */
    enum file_index file;
    bool overlay;
    char *text;
    size_t length;
    struct node *root; /* NULL when the file could not be read or parsed */
};

enum kind {
    KIND_CATEGORY,
    KIND_FOOD,
    KIND_GROUP,
    KIND_SIGN,
    KIND_HABIT,
    KIND_INTERVENTION,
    KIND_SOURCE
};
#define KIND_COUNT 7

/* Where an item was defined: its mapping node keeps the marks of all its fields. */
struct origin {
    const struct source *src;
    const struct node *map;
};

/* The items of one kind while loading, in file order, with their origins alongside. */
struct table {
    unsigned char *items;
    size_t count;
    size_t capacity;
    struct origin *origins;
    size_t origin_capacity;
    struct strlist rejected; /* ids refused for their syntax: references to them stay quiet */
};

struct loader {
    struct strlist *problems;
    size_t problem_count;
    struct source sources[2 * FILE_COUNT];
    size_t source_count;
    struct table tables[KIND_COUNT];
    struct content_about_section *about;
    size_t about_count;
    char *caution;
    bool about_broken; /* an about.yaml (where sources are defined) could not be parsed */
};

static void vreport(struct loader *ld, const char *path, int line, int column, const char *format,
                    va_list args)
{
    if (++ld->problem_count > PROBLEM_LIMIT) {
        if (ld->problem_count == PROBLEM_LIMIT + 1)
            strlist_pushf(ld->problems, "too many problems: only the first %d are shown",
                          PROBLEM_LIMIT);
        return;
    }
    char *message = xvprintf(format, args);
    if (line > 0)
        strlist_pushf(ld->problems, "%s:%d:%d: %s", path, line, column, message);
    else
        strlist_pushf(ld->problems, "%s: %s", path, message);
    free(message);
    /* Control characters from a file or a path must not reach the terminal that shows it. */
    text_make_printable(ld->problems->items[ld->problems->count - 1], false);
}

__attribute__((format(printf, 5, 6))) static void
report(struct loader *ld, const char *path, int line, int column, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vreport(ld, path, line, column, format, args);
    va_end(args);
}

__attribute__((format(printf, 4, 5))) static void report_node(struct loader *ld,
                                                              const struct source *src,
                                                              const struct node *node,
                                                              const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vreport(ld, src->path, node->line, node->column, format, args);
    va_end(args);
}

/* A value from a file, shortened for a message (a hostile key may be a megabyte long). */
static const char *clip(const char *text, char out[CLIP_SIZE])
{
    return text_safe(text, out, CLIP_SIZE);
}

/* ---- reading a file into a tree ---- */

struct parse {
    yaml_parser_t parser;
    struct loader *ld;
    const struct source *src;
};

static void report_mark(struct parse *p, const yaml_mark_t *mark, const char *message)
{
    report(p->ld, p->src->path, (int)mark->line + 1, (int)mark->column + 1, "%s", message);
}

/* libyaml gives only a byte offset for reader errors: count lines and characters up to it. */
static void offset_position(const struct source *src, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && i < src->length; i++) {
        unsigned char c = (unsigned char)src->text[i];
        if (c == '\n' || (c == '\r' && src->text[i + 1] != '\n')) {
            ++*line;
            *column = 1;
        } else if ((c & 0xc0) != 0x80 && c != '\r') {
            ++*column;
        }
    }
}

static void report_reader_error(struct parse *p)
{
    const yaml_parser_t *y = &p->parser;
    int line, column;
    offset_position(p->src, y->problem_offset, &line, &column);
    const char *what = y->problem ? y->problem : "cannot decode the text";
    bool utf8 = strstr(what, "UTF-8") != NULL || strstr(what, "Unicode") != NULL;
    if (y->problem_value == -1)
        report(p->ld, p->src->path, line, column, "%s%s%s", utf8 ? "text is not valid UTF-8 (" : "",
               what, utf8 ? ")" : "");
    else if (utf8)
        report(p->ld, p->src->path, line, column, "text is not valid UTF-8 (%s 0x%02X)", what,
               (unsigned)y->problem_value);
    else
        report(p->ld, p->src->path, line, column, "%s (0x%02X)", what, (unsigned)y->problem_value);
}

static void report_parser_error(struct parse *p)
{
    const yaml_parser_t *y = &p->parser;
    const char *what = y->problem ? y->problem : "unknown problem";
    int line = (int)y->problem_mark.line + 1, column = (int)y->problem_mark.column + 1;
    if (y->error == YAML_MEMORY_ERROR)
        report(p->ld, p->src->path, 0, 0, "out of memory while reading");
    else if (y->error == YAML_READER_ERROR)
        report_reader_error(p);
    else if (y->context)
        report(p->ld, p->src->path, line, column,
               "YAML syntax error: %s (%s at line %d, column %d)", what, y->context,
               (int)y->context_mark.line + 1, (int)y->context_mark.column + 1);
    else
        report(p->ld, p->src->path, line, column, "YAML syntax error: %s", what);
}

static bool parse_next(struct parse *p, yaml_event_t *event)
{
    if (yaml_parser_parse(&p->parser, event))
        return true;
    report_parser_error(p);
    return false;
}

struct key_ref {
    const struct node *key;
    size_t pair;
};

static int key_ref_compare(const void *a, const void *b)
{
    const struct key_ref *x = a, *y = b;
    int order = strcmp(x->key->text, y->key->text);
    if (order != 0)
        return order;
    return (x->pair > y->pair) - (x->pair < y->pair);
}

static void mapping_drop_pairs(struct node *map, const bool *drop)
{
    size_t kept = 0;
    for (size_t pair = 0; pair < map->count / 2; pair++) {
        if (drop[pair]) {
            node_free(map->children[2 * pair]);
            node_free(map->children[2 * pair + 1]);
            continue;
        }
        map->children[kept++] = map->children[2 * pair];
        map->children[kept++] = map->children[2 * pair + 1];
    }
    map->count = kept;
}

/* Reports and drops the pairs whose key is not a string or repeats an earlier key, so that the
 * rest of the loader can take the first value of every key. Sorting the keys keeps this fast for a
 * hostile mapping with a great many keys. */
static void mapping_clean(struct parse *p, struct node *map)
{
    size_t pairs = map->count / 2, n = 0, first = 0;
    struct key_ref *refs = xcalloc(pairs, sizeof *refs);
    bool *drop = xcalloc(pairs, sizeof *drop);
    for (size_t pair = 0; pair < pairs; pair++) {
        const struct node *key = map->children[2 * pair];
        if (key->kind == NODE_SCALAR) {
            refs[n++] = (struct key_ref){key, pair};
        } else {
            report_node(p->ld, p->src, key, "expected a string key");
            drop[pair] = true;
        }
    }
    qsort(refs, n, sizeof *refs, key_ref_compare);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(refs[i].key->text, refs[first].key->text) != 0) {
            first = i;
            continue;
        }
        char shown[CLIP_SIZE];
        report_node(p->ld, p->src, refs[i].key, "duplicate key '%s' (first at line %d)",
                    clip(refs[i].key->text, shown), refs[first].key->line);
        drop[refs[i].pair] = true;
    }
    mapping_drop_pairs(map, drop);
    free(refs);
    free(drop);
}

static struct node *parse_value(struct parse *p, const yaml_event_t *event, int depth);

static struct node *parse_collection(struct parse *p, const yaml_event_t *start, int depth)
{
    bool mapping = start->type == YAML_MAPPING_START_EVENT;
    yaml_event_type_t end = mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    struct node *node = node_new(mapping ? NODE_MAPPING : NODE_SEQUENCE, &start->start_mark);
    for (;;) {
        yaml_event_t event;
        if (!parse_next(p, &event)) {
            node_free(node);
            return NULL;
        }
        bool done = event.type == end;
        struct node *child = done ? NULL : parse_value(p, &event, depth + 1);
        yaml_event_delete(&event);
        if (done)
            break;
        if (child == NULL) {
            node_free(node);
            return NULL;
        }
        node_append(node, child);
    }
    if (mapping)
        mapping_clean(p, node);
    return node;
}

static struct node *parse_value(struct parse *p, const yaml_event_t *event, int depth)
{
    struct node *node;
    switch (event->type) {
    case YAML_SCALAR_EVENT:
        node = node_new(NODE_SCALAR, &event->start_mark);
        node->text = xstrndup((const char *)event->data.scalar.value, event->data.scalar.length);
        node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return node;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (depth <= DEPTH_LIMIT)
            return parse_collection(p, event, depth);
        report_mark(p, &event->start_mark, "nesting deeper than 16 levels is not allowed");
        return NULL;
    case YAML_ALIAS_EVENT:
        report_mark(p, &event->start_mark, "aliases are not allowed in content files");
        return NULL;
    default:
        report_mark(p, &event->start_mark, "unexpected YAML structure");
        return NULL;
    }
}

/* After the root value: the document must end, and no second one may follow. */
static bool parse_stream_end(struct parse *p)
{
    yaml_event_t event;
    if (!parse_next(p, &event))
        return false;
    yaml_event_delete(&event); /* the document end */
    if (!parse_next(p, &event))
        return false;
    bool ok = event.type == YAML_STREAM_END_EVENT;
    if (!ok)
        report_mark(p, &event.start_mark, "only one YAML document is allowed in a file");
    yaml_event_delete(&event);
    return ok;
}

static struct node *parse_stream(struct parse *p)
{
    yaml_event_t event;
    if (!parse_next(p, &event))
        return NULL;
    yaml_event_delete(&event); /* the stream start */
    if (!parse_next(p, &event))
        return NULL;
    bool empty = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event); /* the document start */
    if (empty) {
        if (!p->src->overlay) /* an overlay with nothing in it (yet) changes nothing */
            report(p->ld, p->src->path, 1, 1, "file is empty");
        return NULL;
    }
    if (!parse_next(p, &event))
        return NULL;
    struct node *root = parse_value(p, &event, 1);
    yaml_event_delete(&event);
    if (root != NULL && !parse_stream_end(p)) {
        node_free(root);
        return NULL;
    }
    return root;
}

static struct node *source_parse(struct loader *ld, const struct source *src)
{
    struct parse p = {.ld = ld, .src = src};
    if (!yaml_parser_initialize(&p.parser)) {
        report(ld, src->path, 0, 0, "out of memory while reading");
        return NULL;
    }
    /* Forcing UTF-8 makes a UTF-16 file an encoding error instead of silently accepted. */
    yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p.parser, (const unsigned char *)src->text, src->length);
    struct node *root = parse_stream(&p);
    yaml_parser_delete(&p.parser);
    return root;
}

static bool source_read_open(struct loader *ld, struct source *src, FILE *file)
{
    struct stat st;
    if (fstat(fileno(file), &st) != 0) {
        report(ld, src->path, 0, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        report(ld, src->path, 0, 0, "cannot read: not a regular file");
        return false;
    }
    if (st.st_size > FILE_SIZE_LIMIT) {
        report(ld, src->path, 0, 0, "file is too large (%lld bytes, limit %d)",
               (long long)st.st_size, FILE_SIZE_LIMIT);
        return false;
    }
    src->text = xmalloc((size_t)st.st_size + 1);
    src->length = fread(src->text, 1, (size_t)st.st_size, file);
    src->text[src->length] = '\0';
    if (ferror(file)) {
        report(ld, src->path, 0, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    return true;
}

/* False when the file cannot be used; a missing overlay file is not a problem. */
static bool source_read(struct loader *ld, struct source *src)
{
    /* Non-blocking: opening a FIFO (or some devices) for reading would otherwise wait forever
     * for a writer before source_read_open() can refuse it. Regular files ignore the flag. */
    int fd = open(src->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    FILE *file = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (file == NULL && fd >= 0) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    if (file == NULL) {
        if (!src->overlay || errno != ENOENT)
            report(ld, src->path, 0, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    bool ok = source_read_open(ld, src, file);
    fclose(file);
    return ok;
}

static bool source_usable(const struct source *src)
{
    return src->root != NULL && src->root->kind == NODE_MAPPING;
}

/* ---- items and their fields ---- */

/* KEY_SHIPPED: required of the shipped content only. A person's overlay may leave it out: it
 * adds to or changes the shipped content, and files written before a field became required keep
 * loading (the item then gets the general wording, see build_sign and take_evidence). */
enum key_need { KEY_OPTIONAL, KEY_REQUIRED, KEY_SHIPPED };

struct key {
    const char *name;
    enum key_need need;
};

/* One mapping being turned into an item; `ok` drops to false at its first problem. */
struct item {
    struct loader *ld;
    const struct source *src;
    const struct node *map;
    const char *what; /* "food"; NULL for the top level of a file */
    enum kind kind;
    bool ok;
};

__attribute__((format(printf, 3, 4))) static void
item_problem(struct item *it, const struct node *node, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vreport(it->ld, it->src->path, node->line, node->column, format, args);
    va_end(args);
    it->ok = false;
}

static bool key_known(const struct key *keys, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(keys[i].name, name) == 0)
            return true;
    return false;
}

static bool key_needed(const struct key *key, const struct source *src)
{
    return key->need == KEY_REQUIRED || (key->need == KEY_SHIPPED && !src->overlay);
}

static void check_keys(struct item *it, const struct key *keys, size_t count)
{
    char where[64] = "at top level", expected[256] = "";
    if (it->what != NULL)
        snprintf(where, sizeof where, "in %s", it->what);
    for (size_t i = 0; i < count; i++) {
        size_t used = strlen(expected);
        snprintf(expected + used, sizeof expected - used, "%s%s", i ? ", " : "", keys[i].name);
    }
    for (size_t i = 0; i + 1 < it->map->count; i += 2) {
        const struct node *key = it->map->children[i];
        char shown[CLIP_SIZE];
        if (!key_known(keys, count, key->text))
            item_problem(it, key, "unknown key '%s' %s (expected %s)", clip(key->text, shown),
                         where, expected);
    }
    for (size_t i = 0; i < count; i++)
        if (key_needed(&keys[i], it->src) && mapping_get(it->map, keys[i].name) == NULL)
            item_problem(it, it->map, "missing required field '%s' %s", keys[i].name, where);
}

static bool is_empty_scalar(const struct node *node)
{
    return node->plain && (node->text[0] == '\0' || strcmp(node->text, "~") == 0);
}

/* A copy without the line breaks that block scalars (`|`, `>`) leave at the end. */
static char *trimmed_copy(const char *text)
{
    size_t length = strlen(text);
    while (length > 0 && strchr(" \t\r\n", text[length - 1]) != NULL)
        length--;
    return xstrndup(text, length);
}

/* A string field or list line; NULL (reported) when it is not a non-empty string. */
static char *string_value(struct item *it, const struct node *node, const char *key, bool in_list)
{
    if (node->kind != NODE_SCALAR) {
        item_problem(it, node, in_list ? "expected a string in '%s'" : "expected a string for '%s'",
                     key);
        return NULL;
    }
    char *text = trimmed_copy(node->text);
    if (text[0] == '\0' || is_empty_scalar(node)) {
        item_problem(it, node, in_list ? "empty line in '%s'" : "'%s' must not be empty", key);
        free(text);
        return NULL;
    }
    return text;
}

/* A required string; "" when it is missing (already reported) or wrong. */
static char *take_string(struct item *it, const char *key)
{
    const struct node *node = mapping_get(it->map, key);
    char *text = node ? string_value(it, node, key, false) : NULL;
    return text ? text : xstrdup("");
}

bool content_id_valid(const char *id)
{
    size_t length = strlen(id);
    if (length == 0 || length > CONTENT_ID_MAX)
        return false;
    return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == length;
}

/* The item's id; "" when it is missing or invalid, and the item is then not kept. */
static char *take_id(struct item *it)
{
    const struct node *node = mapping_get(it->map, "id");
    if (node == NULL)
        return xstrdup("");
    if (node->kind != NODE_SCALAR) {
        item_problem(it, node, "expected a string for 'id'");
        return xstrdup("");
    }
    if (!content_id_valid(node->text)) {
        char shown[CLIP_SIZE];
        item_problem(it, node, "invalid id '%s' (use 1 to %d lowercase letters, digits or '-')",
                     clip(node->text, shown), CONTENT_ID_MAX);
        strlist_push(&it->ld->tables[it->kind].rejected, node->text);
        return xstrdup("");
    }
    return xstrdup(node->text);
}

static bool take_bool(struct item *it, const char *key, bool fallback)
{
    const struct node *node = mapping_get(it->map, key);
    if (node == NULL)
        return fallback;
    if (node->kind == NODE_SCALAR && node->plain && strcmp(node->text, "true") == 0)
        return true;
    if (node->kind == NODE_SCALAR && node->plain && strcmp(node->text, "false") == 0)
        return false;
    item_problem(it, node, "expected true or false for '%s'", key);
    return fallback;
}

static bool parse_number(const struct node *node, double *value)
{
    return node->kind == NODE_SCALAR && node->plain && num_parse(node->text, value);
}

/* The node of a number field, or NULL when it is absent or (reported) not a number. */
static const struct node *take_number(struct item *it, const char *key, double *value)
{
    const struct node *node = mapping_get(it->map, key);
    if (node == NULL)
        return NULL;
    if (parse_number(node, value))
        return node;
    item_problem(it, node, "expected a number for '%s'", key);
    return NULL;
}

static void take_list(struct item *it, const char *key, struct strlist *out, bool non_empty)
{
    strlist_init(out);
    const struct node *node = mapping_get(it->map, key);
    if (node == NULL)
        return;
    if (node->kind != NODE_SEQUENCE) {
        item_problem(it, node, "expected a list for '%s'", key);
        return;
    }
    if (non_empty && node->count == 0)
        item_problem(it, node, "'%s' must not be empty", key);
    for (size_t i = 0; i < node->count; i++) {
        char *line = string_value(it, node->children[i], key, true);
        if (line != NULL) {
            strlist_push(out, line);
            free(line);
        }
    }
}

/* ---- the kinds of item ---- */

/* The levels of evidence: the name in the files, the word the guides show, what it means. */
static const struct {
    const char *name;
    const char *word;
    const char *meaning;
} evidence_levels[CONTENT_EVIDENCE_COUNT] = {
    {"", "", ""}, /* CONTENT_EVIDENCE_NONE: never in a file */
    {"established", "established",
     "guidelines, consistent randomised trials or meta-analyses, or textbook physiology"},
    {"some-evidence", "some evidence",
     "some randomised trials or consistent observational studies in people; effects modest or "
     "mixed"},
    {"being-studied", "being studied",
     "early work: small or single trials, animal or laboratory studies, or associations"},
    {"little-evidence", "little evidence",
     "no good studies in people were found; the text says so rather than claim a link"},
};

/* The `evidence` of a category, sign or intervention: required of the shipped content; missing in
 * the person's overlay it is CONTENT_EVIDENCE_NONE (not rated), like their own items. */
static enum content_evidence take_evidence(struct item *it)
{
    const struct node *node = mapping_get(it->map, "evidence");
    char *name = node ? string_value(it, node, "evidence", false) : NULL;
    if (name == NULL)
        return CONTENT_EVIDENCE_NONE;
    for (int i = CONTENT_EVIDENCE_ESTABLISHED; i < CONTENT_EVIDENCE_COUNT; i++) {
        if (strcmp(name, evidence_levels[i].name) == 0) {
            free(name);
            return (enum content_evidence)i;
        }
    }
    char shown[CLIP_SIZE], expected[128] = "";
    for (int i = CONTENT_EVIDENCE_ESTABLISHED; i < CONTENT_EVIDENCE_COUNT; i++) {
        size_t used = strlen(expected);
        snprintf(expected + used, sizeof expected - used, "%s%s",
                 i == CONTENT_EVIDENCE_ESTABLISHED ? ""
                 : i + 1 < CONTENT_EVIDENCE_COUNT  ? ", "
                                                   : " or ",
                 evidence_levels[i].name);
    }
    item_problem(it, node, "unknown evidence level '%s' (expected %s)", clip(name, shown),
                 expected);
    free(name);
    return CONTENT_EVIDENCE_NONE;
}

static void build_category(struct item *it, void *out)
{
    struct content_food_category *category = out;
    category->id = take_id(it);
    category->name = take_string(it, "name");
    category->summary = take_string(it, "summary");
    take_list(it, "benefits", &category->benefits, false);
    category->limit = take_bool(it, "limit", false);
    category->evidence = take_evidence(it);
    take_list(it, "sources", &category->sources, false); /* resolved once merged */
}

static void build_food(struct item *it, void *out)
{
    struct content_food *food = out;
    food->id = take_id(it);
    food->name = take_string(it, "name");
    free(take_string(it, "category")); /* checked here, resolved once the overlay is merged */
    food->plant = take_bool(it, "plant", false);
    food->why = take_string(it, "why");
}

static void build_group(struct item *it, void *out)
{
    struct content_sign_group *group = out;
    group->id = take_id(it);
    group->name = take_string(it, "name");
    group->summary = take_string(it, "summary");
    const struct node *node = mapping_get(it->map, "short");
    char *short_name = node ? string_value(it, node, "short", false) : NULL;
    if (short_name != NULL && text_width(short_name) > CONTENT_SHORT_NAME_WIDTH)
        item_problem(it, node, "short name '%s' is wider than %d columns", short_name,
                     CONTENT_SHORT_NAME_WIDTH);
    const char *from = short_name != NULL ? short_name : group->name;
    group->short_name = xstrndup(from, text_fit(from, CONTENT_SHORT_NAME_WIDTH, NULL));
    free(short_name);
}

static void build_sign(struct item *it, void *out)
{
    struct content_sign *sign = out;
    sign->id = take_id(it);
    sign->label = take_string(it, "label");
    free(take_string(it, "group")); /* resolved once the overlay is merged */
    sign->explanation = take_string(it, "explanation");
    if (it->src->overlay && mapping_get(it->map, "see_doctor") == NULL)
        sign->see_doctor = xstrdup(CONTENT_SEE_DOCTOR_GENERAL);
    else
        sign->see_doctor = take_string(it, "see_doctor");
    sign->evidence = take_evidence(it);
    take_list(it, "sources", &sign->sources, false);
}

static bool take_habit_kind(struct item *it, enum content_habit_kind *kind)
{
    static const char *const names[] = {"amount", "scale", "yes-no", "choice"};
    const struct node *node = mapping_get(it->map, "kind");
    if (node == NULL)
        return false;
    if (node->kind != NODE_SCALAR) {
        item_problem(it, node, "expected a string for 'kind'");
        return false;
    }
    for (int i = 0; i < 4; i++) {
        if (strcmp(node->text, names[i]) == 0) {
            *kind = (enum content_habit_kind)i;
            return true;
        }
    }
    char shown[CLIP_SIZE];
    item_problem(it, node, "unknown habit kind '%s' (expected amount, scale, yes-no or choice)",
                 clip(node->text, shown));
    return false;
}

/* A field that only some habit kinds have: required when `wanted`, refused otherwise. */
static bool habit_field_present(struct item *it, const char *key, bool wanted, const char *kinds)
{
    const struct node *key_node = mapping_key(it->map, key);
    if (wanted && key_node == NULL)
        item_problem(it, it->map, "missing required field '%s' in habit (%s habits need it)", key,
                     kinds);
    else if (!wanted && key_node != NULL)
        item_problem(it, key_node, "'%s' is only for %s habits", key, kinds);
    return wanted && key_node != NULL;
}

static void check_habit_range(struct item *it, struct content_habit *habit)
{
    double min = 0, max = 0, step = 0;
    const struct node *min_node = take_number(it, "min", &min);
    const struct node *max_node = take_number(it, "max", &max);
    const struct node *step_node = take_number(it, "step", &step);
    if (min_node == NULL || max_node == NULL || step_node == NULL)
        return;
    if (min >= max)
        item_problem(it, max_node, "max (%g) must be greater than min (%g)", max, min);
    else if (step <= 0)
        item_problem(it, step_node, "step (%g) must be greater than 0", step);
    else if (step > max - min)
        item_problem(it, step_node, "step (%g) must not be larger than max - min (%g)", step,
                     max - min);
    habit->min = min;
    habit->max = max;
    habit->step = step;
}

static void take_habit_range(struct item *it, struct content_habit *habit)
{
    bool ranged = habit->kind == CONTENT_HABIT_AMOUNT || habit->kind == CONTENT_HABIT_SCALE;
    bool present = true;
    static const char *const keys[] = {"min", "max", "step"};
    for (int i = 0; i < 3; i++)
        present &= habit_field_present(it, keys[i], ranged, "amount and scale");
    habit->min = 0;
    habit->max = 1;
    habit->step = 1;
    if (ranged && present)
        check_habit_range(it, habit);
}

static int take_direction(struct item *it)
{
    double direction = 0;
    const struct node *node = take_number(it, "direction", &direction);
    if (node != NULL && direction != -1 && direction != 0 && direction != 1) {
        item_problem(it, node, "direction must be -1, 0 or 1");
        return 0;
    }
    return (int)direction;
}

/* `when` continues "on days" and "after days": only a yes/no habit has one (the others read
 * from their threshold), and the shipped ones must say it; the person's own may leave it out. */
static char *take_when(struct item *it, enum content_habit_kind kind)
{
    bool yes_no = kind == CONTENT_HABIT_YES_NO;
    const struct node *key = mapping_key(it->map, "when");
    if (key == NULL) {
        if (yes_no && !it->src->overlay)
            item_problem(it, it->map,
                         "missing required field 'when' in habit (shipped yes-no habits need it)");
        return NULL;
    }
    if (!yes_no) {
        item_problem(it, key, "'when' is only for yes-no habits");
        return NULL;
    }
    const struct node *node = mapping_get(it->map, "when");
    char *when = string_value(it, node, "when", false);
    struct error err;
    if (when != NULL && content_check_when(when, "'when'", &err) != 0) {
        item_problem(it, node, "%s", err.message);
        free(when);
        return NULL;
    }
    return when;
}

int content_check_when(const char *when, const char *name, struct error *err)
{
    static const char *const starts[] = {"on days ", "after days ", "days "};
    if (when[0] == '\0')
        return error_set(err, ERROR_INPUT, "%s must not be empty", name);
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (strncasecmp(when, starts[i], strlen(starts[i])) == 0)
            return error_set(err, ERROR_INPUT,
                             "%s follows \"on days\" or \"after days\": write it without "
                             "\"%.*s\" (\"you took a probiotic\")",
                             name, (int)strlen(starts[i]) - 1, starts[i]);
    return 0;
}

static void build_habit(struct item *it, void *out)
{
    struct content_habit *habit = out;
    habit->id = take_id(it);
    habit->label = take_string(it, "label");
    bool known = take_habit_kind(it, &habit->kind);
    if (known) {
        bool amount = habit->kind == CONTENT_HABIT_AMOUNT;
        habit->unit = habit_field_present(it, "unit", amount, "amount") ? take_string(it, "unit")
                                                                        : xstrdup("");
        take_habit_range(it, habit);
    } else {
        habit->unit = xstrdup("");
    }
    /* A choice is 1..N, N the number of its described values. */
    bool choice = habit->kind == CONTENT_HABIT_CHOICE;
    if (habit_field_present(it, "choices", choice, "choice"))
        take_list(it, "choices", &habit->choices, true);
    else
        strlist_init(&habit->choices);
    if (choice) {
        habit->min = 1;
        habit->max = habit->choices.count > 1 ? (double)habit->choices.count : 2;
        habit->step = 1;
    }
    habit->direction = take_direction(it);
    habit->when = known ? take_when(it, habit->kind) : NULL;
    habit->hidden = habit->hidden_by_content = take_bool(it, "hidden", false);
}

static void build_intervention(struct item *it, void *out)
{
    struct content_intervention *intervention = out;
    intervention->id = take_id(it);
    intervention->name = take_string(it, "name");
    intervention->summary = take_string(it, "summary");
    take_list(it, "strategies", &intervention->strategies, true);
    take_list(it, "habits", &intervention->habits, false); /* resolved once merged */
    intervention->evidence = take_evidence(it);
    take_list(it, "sources", &intervention->sources, false);
}

static void build_source(struct item *it, void *out)
{
    struct content_source *source = out;
    source->id = take_id(it);
    source->author = take_string(it, "author");
    source->title = take_string(it, "title");
    double year = 0;
    const struct node *node = take_number(it, "year", &year);
    if (node != NULL && (year != floor(year) || year < 1800 || year > 2200))
        item_problem(it, node, "year must be a whole number such as 2018");
    source->year = node != NULL && year >= 1800 && year <= 2200 ? (int)year : 0;
}

static void release_category(void *item)
{
    struct content_food_category *category = item;
    free(category->id);
    free(category->name);
    free(category->summary);
    strlist_release(&category->benefits);
    strlist_release(&category->sources);
}

static void release_food(void *item)
{
    struct content_food *food = item;
    free(food->id);
    free(food->name);
    free(food->why);
}

static void release_group(void *item)
{
    struct content_sign_group *group = item;
    free(group->id);
    free(group->name);
    free(group->summary);
    free(group->short_name);
}

static void release_sign(void *item)
{
    struct content_sign *sign = item;
    free(sign->id);
    free(sign->label);
    free(sign->explanation);
    free(sign->see_doctor);
    strlist_release(&sign->sources);
}

static void release_habit(void *item)
{
    struct content_habit *habit = item;
    free(habit->id);
    free(habit->label);
    free(habit->unit);
    free(habit->when);
    strlist_release(&habit->choices);
}

static void release_intervention(void *item)
{
    struct content_intervention *intervention = item;
    free(intervention->id);
    free(intervention->name);
    free(intervention->summary);
    strlist_release(&intervention->strategies);
    strlist_release(&intervention->habits);
    strlist_release(&intervention->sources);
}

static void release_source(void *item)
{
    struct content_source *source = item;
    free(source->id);
    free(source->author);
    free(source->title);
}

static const struct key category_keys[] = {{"id", KEY_REQUIRED},      {"name", KEY_REQUIRED},
                                           {"summary", KEY_REQUIRED}, {"benefits", KEY_REQUIRED},
                                           {"limit", KEY_OPTIONAL},   {"evidence", KEY_SHIPPED},
                                           {"sources", KEY_OPTIONAL}};
static const struct key food_keys[] = {{"id", KEY_REQUIRED},
                                       {"name", KEY_REQUIRED},
                                       {"category", KEY_REQUIRED},
                                       {"plant", KEY_REQUIRED},
                                       {"why", KEY_REQUIRED}};
static const struct key group_keys[] = {{"id", KEY_REQUIRED},
                                        {"name", KEY_REQUIRED},
                                        {"short", KEY_OPTIONAL},
                                        {"summary", KEY_REQUIRED}};
static const struct key sign_keys[] = {{"id", KEY_REQUIRED},        {"label", KEY_REQUIRED},
                                       {"group", KEY_REQUIRED},     {"explanation", KEY_REQUIRED},
                                       {"see_doctor", KEY_SHIPPED}, {"evidence", KEY_SHIPPED},
                                       {"sources", KEY_OPTIONAL}};
static const struct key habit_keys[] = {
    {"id", KEY_REQUIRED},     {"label", KEY_REQUIRED},     {"kind", KEY_REQUIRED},
    {"unit", KEY_OPTIONAL},   {"min", KEY_OPTIONAL},       {"max", KEY_OPTIONAL},
    {"step", KEY_OPTIONAL},   {"direction", KEY_OPTIONAL}, {"choices", KEY_OPTIONAL},
    {"hidden", KEY_OPTIONAL}, {"when", KEY_OPTIONAL}};
static const struct key intervention_keys[] = {
    {"id", KEY_REQUIRED},         {"name", KEY_REQUIRED},   {"summary", KEY_REQUIRED},
    {"strategies", KEY_REQUIRED}, {"habits", KEY_OPTIONAL}, {"evidence", KEY_SHIPPED},
    {"sources", KEY_OPTIONAL}};
static const struct key source_keys[] = {{"id", KEY_REQUIRED},
                                         {"author", KEY_REQUIRED},
                                         {"year", KEY_REQUIRED},
                                         {"title", KEY_REQUIRED}};
static const struct key section_keys[] = {{"heading", KEY_REQUIRED}, {"text", KEY_REQUIRED}};

#define KEYS(array) array, sizeof array / sizeof array[0]

/* Every item struct starts with `char *id`, which lets one table code serve all six kinds. */
struct kind_info {
    const char *what; /* "category" */
    const char *list; /* "categories": the top-level key, and the plural */
    size_t size;
    const struct key *keys;
    size_t key_count;
    void (*build)(struct item *it, void *out);
    void (*release)(void *item);
};

static const struct kind_info kinds[KIND_COUNT] = {
    {"category", "categories", sizeof(struct content_food_category), KEYS(category_keys),
     build_category, release_category},
    {"food", "foods", sizeof(struct content_food), KEYS(food_keys), build_food, release_food},
    {"group", "groups", sizeof(struct content_sign_group), KEYS(group_keys), build_group,
     release_group},
    {"sign", "signs", sizeof(struct content_sign), KEYS(sign_keys), build_sign, release_sign},
    {"habit", "habits", sizeof(struct content_habit), KEYS(habit_keys), build_habit, release_habit},
    {"intervention", "interventions", sizeof(struct content_intervention), KEYS(intervention_keys),
     build_intervention, release_intervention},
    {"source", "sources", sizeof(struct content_source), KEYS(source_keys), build_source,
     release_source},
};

/* The lists of each file but about.yaml. */
static const enum kind file_lists[FILE_ABOUT][2] = {
    {KIND_CATEGORY, KIND_FOOD}, {KIND_GROUP, KIND_SIGN}, {KIND_HABIT, KIND_INTERVENTION}};

static const char *item_id(const void *item)
{
    return *(char *const *)item;
}

static long find_id(const void *items, size_t count, size_t size, const char *id)
{
    const unsigned char *base = items;
    for (size_t i = 0; id != NULL && i < count; i++)
        if (strcmp(item_id(base + i * size), id) == 0)
            return (long)i;
    return -1;
}

static void *table_item(struct loader *ld, enum kind kind, size_t index)
{
    return ld->tables[kind].items + index * kinds[kind].size;
}

static long table_find(const struct loader *ld, enum kind kind, const char *id)
{
    const struct table *table = &ld->tables[kind];
    return find_id(table->items, table->count, kinds[kind].size, id);
}

static int origin_line(const struct origin *origin)
{
    const struct node *id = mapping_get(origin->map, "id");
    return id ? id->line : origin->map->line;
}

/* Adds an item, or replaces the one with its id when that came from another (the base) file. */
static void table_put(struct loader *ld, enum kind kind, void *item, struct origin origin)
{
    struct table *table = &ld->tables[kind];
    size_t size = kinds[kind].size;
    long found = table_find(ld, kind, item_id(item));
    if (found >= 0 && table->origins[found].src == origin.src) {
        char shown[CLIP_SIZE];
        report_node(ld, origin.src, mapping_get(origin.map, "id"),
                    "duplicate %s id '%s' (first defined at line %d)", kinds[kind].what,
                    clip(item_id(item), shown), origin_line(&table->origins[found]));
        kinds[kind].release(item);
        return;
    }
    if (found < 0) {
        xgrow(&table->items, &table->capacity, table->count + 1, size);
        xgrow(&table->origins, &table->origin_capacity, table->count + 1, sizeof *table->origins);
        found = (long)table->count++;
    } else {
        kinds[kind].release(table_item(ld, kind, (size_t)found));
    }
    memcpy(table_item(ld, kind, (size_t)found), item, size);
    table->origins[found] = origin;
}

static bool is_item_mapping(struct loader *ld, const struct source *src, const struct node *node,
                            const char *list)
{
    if (node->kind == NODE_MAPPING)
        return true;
    report_node(ld, src, node, "expected a mapping for each item of '%s'", list);
    return false;
}

static void load_item(struct loader *ld, const struct source *src, enum kind kind,
                      const struct node *map)
{
    const struct kind_info *info = &kinds[kind];
    if (!is_item_mapping(ld, src, map, info->list))
        return;
    struct item it = {ld, src, map, info->what, kind, true};
    check_keys(&it, info->keys, info->key_count);
    void *item = xcalloc(1, info->size);
    info->build(&it, item);
    /* An item with other problems is kept all the same (the load fails anyway), so that
     * references to it do not produce a second, misleading problem. */
    if (item_id(item)[0] != '\0')
        table_put(ld, kind, item, (struct origin){src, map});
    else
        info->release(item);
    free(item);
}

static void load_list(struct loader *ld, const struct source *src, enum kind kind)
{
    const struct node *list = mapping_get(src->root, kinds[kind].list);
    if (list == NULL)
        return;
    if (list->kind != NODE_SEQUENCE) {
        report_node(ld, src, list, "expected a list for '%s'", kinds[kind].list);
        return;
    }
    for (size_t i = 0; i < list->count; i++)
        load_item(ld, src, kind, list->children[i]);
}

static void free_sections(struct content_about_section *sections, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(sections[i].heading);
        free(sections[i].text);
    }
    free(sections);
}

/* The sections replace any loaded before: an overlay's about.yaml rewrites them as a whole. */
static void load_sections(struct loader *ld, const struct source *src, const struct node *list)
{
    if (list->kind != NODE_SEQUENCE || list->count == 0) {
        report_node(ld, src, list,
                    list->kind != NODE_SEQUENCE ? "expected a list for 'sections'"
                                                : "'sections' must not be empty");
        return;
    }
    free_sections(ld->about, ld->about_count);
    ld->about = xcalloc(list->count, sizeof *ld->about);
    ld->about_count = 0;
    for (size_t i = 0; i < list->count; i++) {
        const struct node *map = list->children[i];
        if (!is_item_mapping(ld, src, map, "sections"))
            continue;
        struct item it = {ld, src, map, "section", KIND_COUNT, true};
        check_keys(&it, KEYS(section_keys));
        ld->about[ld->about_count].heading = take_string(&it, "heading");
        ld->about[ld->about_count++].text = take_string(&it, "text");
    }
}

static void load_about(struct loader *ld, const struct source *src)
{
    static const struct key keys[] = {
        {"sections", KEY_SHIPPED}, {"caution", KEY_SHIPPED}, {"sources", KEY_OPTIONAL}};
    struct item top = {ld, src, src->root, NULL, KIND_COUNT, true};
    check_keys(&top, KEYS(keys));
    load_list(ld, src, KIND_SOURCE); /* merged by id, like foods and signs */
    const struct node *sections = mapping_get(src->root, "sections");
    if (sections != NULL)
        load_sections(ld, src, sections);
    if (mapping_get(src->root, "caution") != NULL) {
        free(ld->caution);
        ld->caution = take_string(&top, "caution");
    }
}

static void load_lists(struct loader *ld, const struct source *src)
{
    const enum kind *lists = file_lists[src->file];
    struct key keys[] = {{kinds[lists[0]].list, KEY_SHIPPED}, {kinds[lists[1]].list, KEY_SHIPPED}};
    struct item top = {ld, src, src->root, NULL, KIND_COUNT, true};
    check_keys(&top, KEYS(keys));
    load_list(ld, src, lists[0]);
    load_list(ld, src, lists[1]);
}

static char *join_path(const char *dir, const char *name)
{
    size_t length = strlen(dir);
    return xprintf("%s%s%s", dir, length > 0 && dir[length - 1] == '/' ? "" : "/", name);
}

static void load_file(struct loader *ld, const char *dir, enum file_index file, bool overlay)
{
    struct source *src = &ld->sources[ld->source_count++];
    src->path = join_path(dir, file_names[file]);
    src->file = file;
    src->overlay = overlay;
    if (!source_read(ld, src))
        return;
    size_t before = ld->problem_count;
    src->root = source_parse(ld, src);
    ld->about_broken |= file == FILE_ABOUT && ld->problem_count > before;
    if (src->root == NULL)
        return;
    if (is_empty_scalar(src->root)) {
        if (!overlay)
            report(ld, src->path, 1, 1, "file is empty");
        return;
    }
    if (src->root->kind != NODE_MAPPING) {
        report_node(ld, src, src->root, "expected a mapping at top level");
        return;
    }
    if (file == FILE_ABOUT)
        load_about(ld, src);
    else
        load_lists(ld, src);
}

/* A missing overlay folder is no overlay; a missing base folder is one problem, not four. */
static void load_dir(struct loader *ld, const char *dir, bool overlay)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (!overlay || errno != ENOENT)
            report(ld, dir, 0, 0, "cannot open: %s", strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        report(ld, dir, 0, 0, "cannot open: not a folder");
        return;
    }
    for (int file = 0; file < FILE_COUNT; file++)
        load_file(ld, dir, (enum file_index)file, overlay);
}

/* ---- after merging: references and shared ids ---- */

/* The index of the `kind` item named by `ref`, or -1 (reported unless already explained). */
static long resolve_ref(struct loader *ld, const struct origin *origin, const struct node *ref,
                        enum kind kind)
{
    if (ref == NULL || ref->kind != NODE_SCALAR)
        return -1;
    long index = table_find(ld, kind, ref->text);
    if (index < 0 && strlist_find(&ld->tables[kind].rejected, ref->text) < 0) {
        char shown[CLIP_SIZE];
        report_node(ld, origin->src, ref, "unknown %s '%s'", kinds[kind].what,
                    clip(ref->text, shown));
    }
    return index;
}

static void resolve_food_categories(struct loader *ld)
{
    for (size_t i = 0; i < ld->tables[KIND_FOOD].count; i++) {
        const struct origin *origin = &ld->tables[KIND_FOOD].origins[i];
        long index = resolve_ref(ld, origin, mapping_get(origin->map, "category"), KIND_CATEGORY);
        struct content_food *food = table_item(ld, KIND_FOOD, i);
        food->category = index < 0 ? 0 : (size_t)index;
    }
}

static void resolve_sign_groups(struct loader *ld)
{
    for (size_t i = 0; i < ld->tables[KIND_SIGN].count; i++) {
        const struct origin *origin = &ld->tables[KIND_SIGN].origins[i];
        long index = resolve_ref(ld, origin, mapping_get(origin->map, "group"), KIND_GROUP);
        struct content_sign *sign = table_item(ld, KIND_SIGN, i);
        sign->group = index < 0 ? 0 : (size_t)index;
    }
}

static void resolve_intervention_habits(struct loader *ld)
{
    const struct table *table = &ld->tables[KIND_INTERVENTION];
    for (size_t i = 0; i < table->count; i++) {
        const struct node *list = mapping_get(table->origins[i].map, "habits");
        for (size_t j = 0; list != NULL && list->kind == NODE_SEQUENCE && j < list->count; j++)
            resolve_ref(ld, &table->origins[i], list->children[j], KIND_HABIT);
    }
}

/* The `sources` of every category, sign and intervention must name a source in about.yaml. */
static void resolve_sources(struct loader *ld)
{
    static const enum kind citing[] = {KIND_CATEGORY, KIND_SIGN, KIND_INTERVENTION};
    if (ld->about_broken) /* one problem already, not one more per citation */
        return;
    for (size_t k = 0; k < sizeof citing / sizeof citing[0]; k++) {
        const struct table *table = &ld->tables[citing[k]];
        for (size_t i = 0; i < table->count; i++) {
            const struct node *list = mapping_get(table->origins[i].map, "sources");
            for (size_t j = 0; list != NULL && list->kind == NODE_SEQUENCE && j < list->count; j++)
                resolve_ref(ld, &table->origins[i], list->children[j], KIND_SOURCE);
        }
    }
}

static size_t source_rank(const struct loader *ld, const struct origin *origin)
{
    return (size_t)(origin->src - ld->sources);
}

/* Signs and habits are both stored as readings, so one id cannot be both; the problem is
 * reported where the later of the two is defined. */
static void check_metric_ids(struct loader *ld)
{
    for (size_t i = 0; i < ld->tables[KIND_HABIT].count; i++) {
        const char *id = item_id(table_item(ld, KIND_HABIT, i));
        long sign = table_find(ld, KIND_SIGN, id);
        if (sign < 0)
            continue;
        const struct origin *habit_origin = &ld->tables[KIND_HABIT].origins[i];
        const struct origin *sign_origin = &ld->tables[KIND_SIGN].origins[sign];
        bool sign_later = source_rank(ld, sign_origin) > source_rank(ld, habit_origin);
        const struct origin *later = sign_later ? sign_origin : habit_origin;
        const struct origin *first = sign_later ? habit_origin : sign_origin;
        report_node(ld, later->src, mapping_get(later->map, "id"),
                    "duplicate metric id '%s' (already a %s at %s:%d; signs and habits share ids)",
                    id, sign_later ? "habit" : "sign", first->src->path, origin_line(first));
    }
}

static void count_foods(struct loader *ld)
{
    for (size_t i = 0; i < ld->tables[KIND_FOOD].count; i++) {
        const struct content_food *food = table_item(ld, KIND_FOOD, i);
        if (food->category < ld->tables[KIND_CATEGORY].count)
            ((struct content_food_category *)table_item(ld, KIND_CATEGORY, food->category))
                ->food_count++;
    }
}

static void loader_finish(struct loader *ld)
{
    resolve_food_categories(ld);
    resolve_sign_groups(ld);
    resolve_intervention_habits(ld);
    resolve_sources(ld);
    check_metric_ids(ld);
    count_foods(ld);
}

/* ---- the loader's lifecycle ---- */

static void loader_init(struct loader *ld, struct strlist *problems)
{
    memset(ld, 0, sizeof *ld);
    ld->problems = problems;
    for (int kind = 0; kind < KIND_COUNT; kind++)
        strlist_init(&ld->tables[kind].rejected);
}

static void free_items(unsigned char *items, size_t count, enum kind kind)
{
    for (size_t i = 0; i < count; i++)
        kinds[kind].release(items + i * kinds[kind].size);
    free(items);
}

static void loader_release(struct loader *ld)
{
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        struct table *table = &ld->tables[kind];
        free_items(table->items, table->count, (enum kind)kind);
        free(table->origins);
        strlist_release(&table->rejected);
    }
    for (size_t i = 0; i < ld->source_count; i++) {
        free(ld->sources[i].path);
        free(ld->sources[i].text);
        node_free(ld->sources[i].root);
    }
    free_sections(ld->about, ld->about_count);
    free(ld->caution);
}

static void *take_table(struct loader *ld, enum kind kind, size_t *count)
{
    void *items = ld->tables[kind].items;
    *count = ld->tables[kind].count;
    ld->tables[kind].items = NULL;
    ld->tables[kind].count = 0;
    return items;
}

static struct content *loader_take_content(struct loader *ld)
{
    struct content *content = xcalloc(1, sizeof *content);
    content->categories = take_table(ld, KIND_CATEGORY, &content->category_count);
    content->foods = take_table(ld, KIND_FOOD, &content->food_count);
    content->groups = take_table(ld, KIND_GROUP, &content->group_count);
    content->signs = take_table(ld, KIND_SIGN, &content->sign_count);
    content->habits = take_table(ld, KIND_HABIT, &content->habit_count);
    content->interventions = take_table(ld, KIND_INTERVENTION, &content->intervention_count);
    content->sources = take_table(ld, KIND_SOURCE, &content->source_count);
    content->about = ld->about;
    content->about_count = ld->about_count;
    content->caution = ld->caution ? ld->caution : xstrdup("");
    ld->about = NULL;
    ld->about_count = 0;
    ld->caution = NULL;
    return content;
}

/* ---- the public interface ---- */

struct content *content_load(const char *base_dir, const char *overlay_dir,
                             struct strlist *problems)
{
    struct loader ld;
    loader_init(&ld, problems);
    load_dir(&ld, base_dir, false);
    if (overlay_dir != NULL)
        load_dir(&ld, overlay_dir, true);
    loader_finish(&ld);
    struct content *content = ld.problem_count == 0 ? loader_take_content(&ld) : NULL;
    loader_release(&ld);
    return content;
}

static const char *plural(size_t count, const char *one, const char *many)
{
    return count == 1 ? one : many;
}

static void summarize(const struct loader *ld, const struct source *src, struct strlist *summaries)
{
    const char *name = file_names[src->file];
    if (src->file == FILE_ABOUT) {
        size_t sources = ld->tables[KIND_SOURCE].count;
        char more[64] = "";
        if (sources > 0)
            snprintf(more, sizeof more, ", %zu %s", sources, plural(sources, "source", "sources"));
        strlist_pushf(summaries, "%s: %zu %s%s", name, ld->about_count,
                      plural(ld->about_count, "section", "sections"), more);
        return;
    }
    const enum kind *lists = file_lists[src->file];
    size_t first = ld->tables[lists[0]].count, second = ld->tables[lists[1]].count;
    strlist_pushf(summaries, "%s: %zu %s, %zu %s", name, first,
                  plural(first, kinds[lists[0]].what, kinds[lists[0]].list), second,
                  plural(second, kinds[lists[1]].what, kinds[lists[1]].list));
}

size_t content_check_dir(const char *dir, struct strlist *summaries, struct strlist *problems)
{
    struct loader ld;
    loader_init(&ld, problems);
    load_dir(&ld, dir, false);
    loader_finish(&ld);
    for (size_t i = 0; i < ld.source_count; i++)
        if (source_usable(&ld.sources[i]))
            summarize(&ld, &ld.sources[i], summaries);
    size_t count = ld.problem_count;
    loader_release(&ld);
    return count;
}

/* ---- words the guides must not use unqualified ---- */

/* Each word as it may be written; `before_immune` words count only when a word starting with
 * "immun" follows within three words ("boost immunity", "boosts your immune system"). */
static const struct {
    const char *word;
    bool before_immune;
} overclaiming_words[] = {
    {"cure", false},     {"cures", false},      {"cured", false},       {"curing", false},
    {"curative", false}, {"heal", false},       {"heals", false},       {"healed", false},
    {"healing", false},  {"detox", false},      {"detoxes", false},     {"detoxing", false},
    {"detoxify", false}, {"detoxifies", false}, {"detoxifying", false}, {"detoxification", false},
    {"proven", false},   {"clinically", false}, {"boost", true},        {"boosts", true},
    {"boosted", true},   {"boosting", true},
};

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The next word of `text` from `*at` (ASCII letters), lowercased into `out`; false at the end. */
static bool next_word(const char *text, size_t *at, char *out, size_t size)
{
    while (text[*at] != '\0' && !is_ascii_letter(text[*at]))
        ++*at;
    if (text[*at] == '\0')
        return false;
    size_t length = 0;
    for (; is_ascii_letter(text[*at]); ++*at)
        if (length + 1 < size)
            out[length++] = (char)(text[*at] | 0x20);
    out[length] = '\0';
    return true;
}

static bool immune_follows(const char *text, size_t at)
{
    char word[32];
    for (int i = 0; i < 3 && next_word(text, &at, word, sizeof word); i++)
        if (strncmp(word, "immun", 5) == 0)
            return true;
    return false;
}

/* The byte offset in the file of a node's line and column (the inverse of offset_position). */
static size_t node_offset(const struct source *src, const struct node *node)
{
    int line = 1, column = 1;
    size_t i = 0;
    for (; i < src->length && (line < node->line || (line == node->line && column < node->column));
         i++) {
        unsigned char c = (unsigned char)src->text[i];
        if (c == '\n' || (c == '\r' && src->text[i + 1] != '\n')) {
            line++;
            column = 1;
        } else if ((c & 0xc0) != 0x80 && c != '\r') {
            column++;
        }
    }
    return i;
}

/* Where `word` (lowercase ASCII) is next written in the file from `from`, as a whole word in any
 * case; the file's length when it is not (an escape in a quoted string can hide it). */
static size_t find_word(const struct source *src, size_t from, const char *word)
{
    size_t length = strlen(word);
    for (size_t i = from; i + length <= src->length; i++) {
        if ((i > 0 && is_ascii_letter(src->text[i - 1])) ||
            is_ascii_letter(src->text[i + length]) || strncasecmp(src->text + i, word, length) != 0)
            continue;
        return i;
    }
    return src->length;
}

/* Warns about one use of a word, at the place it is written. */
static void warn_word(const struct source *src, int line, int column, const char *word,
                      struct strlist *warnings)
{
    if (warnings->count == WARNING_LIMIT)
        strlist_pushf(warnings, "too many warnings: only the first %d are shown", WARNING_LIMIT);
    if (warnings->count > WARNING_LIMIT)
        return;
    strlist_pushf(warnings,
                  "%s:%d:%d: warning: '%s' claims more than the evidence shows: say what is known "
                  "(\"may help\", \"is being studied\") or use another word",
                  src->path, line, column, word);
    text_make_printable(warnings->items[warnings->count - 1], false);
}

static void check_scalar_words(const struct source *src, const struct node *node,
                               struct strlist *warnings)
{
    size_t at = 0, cursor = SIZE_MAX;
    char word[32];
    while (next_word(node->text, &at, word, sizeof word)) {
        for (size_t i = 0; i < sizeof overclaiming_words / sizeof overclaiming_words[0]; i++) {
            if (strcmp(word, overclaiming_words[i].word) != 0 ||
                (overclaiming_words[i].before_immune && !immune_follows(node->text, at)))
                continue;
            if (warnings->count > WARNING_LIMIT) /* a hostile file: no more searching */
                return;
            if (cursor == SIZE_MAX)
                cursor = node_offset(src, node);
            size_t found = find_word(src, cursor, word);
            int line = node->line, column = node->column;
            if (found < src->length) {
                offset_position(src, found, &line, &column);
                cursor = found + strlen(word);
            }
            warn_word(src, line, column, word, warnings);
        }
    }
}

/* Every value in the tree (keys are names of fields, not text). */
static void check_node_words(const struct source *src, const struct node *node,
                             struct strlist *warnings)
{
    if (node->kind == NODE_SCALAR) {
        check_scalar_words(src, node, warnings);
        return;
    }
    size_t first = node->kind == NODE_MAPPING ? 1 : 0, step = node->kind == NODE_MAPPING ? 2 : 1;
    for (size_t i = first; i < node->count; i += step)
        check_node_words(src, node->children[i], warnings);
}

size_t content_check_words(const char *dir, struct strlist *warnings)
{
    struct strlist problems = STRLIST_INIT; /* content_check_dir reports them */
    struct loader ld;
    loader_init(&ld, &problems);
    load_dir(&ld, dir, false);
    size_t before = warnings->count;
    for (size_t i = 0; i < ld.source_count; i++)
        if (ld.sources[i].root != NULL)
            check_node_words(&ld.sources[i], ld.sources[i].root, warnings);
    loader_release(&ld);
    strlist_release(&problems);
    return warnings->count - before;
}

void content_free(struct content *content)
{
    if (content == NULL)
        return;
    free_items((unsigned char *)content->categories, content->category_count, KIND_CATEGORY);
    free_items((unsigned char *)content->foods, content->food_count, KIND_FOOD);
    free_items((unsigned char *)content->groups, content->group_count, KIND_GROUP);
    free_items((unsigned char *)content->signs, content->sign_count, KIND_SIGN);
    free_items((unsigned char *)content->habits, content->habit_count, KIND_HABIT);
    free_items((unsigned char *)content->interventions, content->intervention_count,
               KIND_INTERVENTION);
    free_items((unsigned char *)content->sources, content->source_count, KIND_SOURCE);
    free_sections(content->about, content->about_count);
    free(content->caution);
    free(content);
}

const struct content_food *content_find_food(const struct content *content, const char *id)
{
    long i = find_id(content->foods, content->food_count, sizeof *content->foods, id);
    return i < 0 ? NULL : &content->foods[i];
}

const struct content_food_category *content_find_category(const struct content *content,
                                                          const char *id)
{
    long i = find_id(content->categories, content->category_count, sizeof *content->categories, id);
    return i < 0 ? NULL : &content->categories[i];
}

const struct content_sign *content_find_sign(const struct content *content, const char *id)
{
    long i = find_id(content->signs, content->sign_count, sizeof *content->signs, id);
    return i < 0 ? NULL : &content->signs[i];
}

const struct content_sign_group *content_find_group(const struct content *content, const char *id)
{
    long i = find_id(content->groups, content->group_count, sizeof *content->groups, id);
    return i < 0 ? NULL : &content->groups[i];
}

const struct content_habit *content_find_habit(const struct content *content, const char *id)
{
    long i = find_id(content->habits, content->habit_count, sizeof *content->habits, id);
    return i < 0 ? NULL : &content->habits[i];
}

const struct content_intervention *content_find_intervention(const struct content *content,
                                                             const char *id)
{
    long i = find_id(content->interventions, content->intervention_count,
                     sizeof *content->interventions, id);
    return i < 0 ? NULL : &content->interventions[i];
}

const struct content_source *content_find_source(const struct content *content, const char *id)
{
    long i = find_id(content->sources, content->source_count, sizeof *content->sources, id);
    return i < 0 ? NULL : &content->sources[i];
}

static bool evidence_valid(enum content_evidence evidence)
{
    return (int)evidence >= 0 && (int)evidence < CONTENT_EVIDENCE_COUNT;
}

const char *content_evidence_name(enum content_evidence evidence)
{
    return evidence_valid(evidence) ? evidence_levels[evidence].name : "";
}

const char *content_evidence_word(enum content_evidence evidence)
{
    return evidence_valid(evidence) ? evidence_levels[evidence].word : "";
}

const char *content_evidence_meaning(enum content_evidence evidence)
{
    return evidence_valid(evidence) ? evidence_levels[evidence].meaning : "";
}

static void set_range(double *min, double *max, double *step, double lo, double hi, double by)
{
    if (min)
        *min = lo;
    if (max)
        *max = hi;
    if (step)
        *step = by;
}

bool content_metric_range(const struct content *content, const char *metric_id, double *min,
                          double *max, double *step)
{
    const struct content_habit *habit = content_find_habit(content, metric_id);
    if (habit != NULL) {
        set_range(min, max, step, habit->min, habit->max, habit->step);
        return true;
    }
    if (content_find_sign(content, metric_id) != NULL) {
        set_range(min, max, step, 0, CONTENT_SEVERITY_MAX, 1);
        return true;
    }
    return false;
}

const char *content_metric_label(const struct content *content, const char *metric_id)
{
    const struct content_habit *habit = content_find_habit(content, metric_id);
    if (habit != NULL)
        return habit->label;
    const struct content_sign *sign = content_find_sign(content, metric_id);
    return sign ? sign->label : NULL;
}

const char *content_choice_word(const struct content_habit *habit, double value)
{
    if (habit->kind != CONTENT_HABIT_CHOICE || value != (double)(long)value || value < 1 ||
        value > (double)habit->choices.count)
        return NULL;
    return habit->choices.items[(size_t)value - 1];
}

const char *content_severity_word(int severity)
{
    static const char *const words[] = {"none", "mild", "moderate", "severe", "very severe"};
    if (severity < 0 || severity > CONTENT_SEVERITY_MAX)
        return "";
    return words[severity];
}
