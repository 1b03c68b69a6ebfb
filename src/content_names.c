/*
 * content_names.c - finding a food, sign, habit, group or category by what a person types: its
 * id, or its id or label in any case and with or without accents, and "did you mean" when it is
 * neither. Every command that names an item goes through here (declared in content.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content.h"
#include "text.h"

static const char *const kind_names[CONTENT_KIND_COUNT] = {"food", "sign", "habit", "group",
                                                           "category"};

const char *content_kind_name(enum content_kind kind)
{
    return kind_names[kind];
}

bool content_kind_of(const char *word, enum content_kind *kind)
{
    for (int k = 0; k < CONTENT_KIND_COUNT; k++)
        if (strcmp(word, kind_names[k]) == 0) {
            *kind = (enum content_kind)k;
            return true;
        }
    return false;
}

size_t content_kind_count(const struct content *content, enum content_kind kind)
{
    switch (kind) {
    case CONTENT_FOOD:
        return content->food_count;
    case CONTENT_SIGN:
        return content->sign_count;
    case CONTENT_HABIT:
        return content->habit_count;
    case CONTENT_GROUP:
        return content->group_count;
    case CONTENT_CATEGORY:
        return content->category_count;
    }
    return 0;
}

const char *content_item_id(const struct content *content, enum content_kind kind, size_t index)
{
    switch (kind) {
    case CONTENT_FOOD:
        return content->foods[index].id;
    case CONTENT_SIGN:
        return content->signs[index].id;
    case CONTENT_HABIT:
        return content->habits[index].id;
    case CONTENT_GROUP:
        return content->groups[index].id;
    case CONTENT_CATEGORY:
        return content->categories[index].id;
    }
    return "";
}

const char *content_item_label(const struct content *content, enum content_kind kind, size_t index)
{
    switch (kind) {
    case CONTENT_FOOD:
        return content->foods[index].name;
    case CONTENT_SIGN:
        return content->signs[index].label;
    case CONTENT_HABIT:
        return content->habits[index].label;
    case CONTENT_GROUP:
        return content->groups[index].name;
    case CONTENT_CATEGORY:
        return content->categories[index].name;
    }
    return "";
}

/* What the kinds are called in a message: "metric" for signs and habits (they share ids), a
 * kind's name, "sign or group" for two kinds, else "item". */
static const char *kinds_word(unsigned kinds, char *out, size_t size)
{
    if (kinds == CONTENT_METRICS)
        return "metric";
    int first = -1, count = 0;
    for (int k = 0; k < CONTENT_KIND_COUNT; k++)
        if (kinds & CONTENT_KIND_BIT(k)) {
            if (count == 1)
                snprintf(out, size, "%s or %s", kind_names[first], kind_names[k]);
            first = count == 0 ? k : first;
            count++;
        }
    if (count == 1)
        return kind_names[first];
    return count == 2 ? out : "item";
}

/* Edit distance of two short folded names. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* How far a folded candidate is from what was typed (folded): a typo, or the start of the name
 * ("bloat" for "bloating") counts as one edit. */
static size_t closeness(const char *given, const char *candidate)
{
    size_t length = strlen(given);
    if (length >= 3 && strncmp(candidate, given, length) == 0)
        return 1;
    return distance(given, candidate);
}

#define MATCHES_KEPT 3
/* Room for what was typed or a label, quoted in a message. */
#define CONTENT_QUOTE_SIZE 64

struct matches {
    enum content_kind kind[MATCHES_KEPT];
    size_t index[MATCHES_KEPT];
    size_t count; /* how many items matched (may be more than kept) */
};

static void matches_add(struct matches *m, enum content_kind kind, size_t index)
{
    for (size_t i = 0; i < m->count && i < MATCHES_KEPT; i++)
        if (m->kind[i] == kind && m->index[i] == index)
            return;
    if (m->count < MATCHES_KEPT) {
        m->kind[m->count] = kind;
        m->index[m->count] = index;
    }
    m->count++;
}

/* Items of `kinds` whose id is `given` exactly. */
static void match_ids(const struct content *content, unsigned kinds, const char *given,
                      struct matches *exact)
{
    for (int k = 0; k < CONTENT_KIND_COUNT; k++)
        for (size_t i = 0; (kinds & CONTENT_KIND_BIT(k)) && i < content_kind_count(content, k); i++)
            if (strcmp(content_item_id(content, (enum content_kind)k, i), given) == 0)
                matches_add(exact, (enum content_kind)k, i);
}

/* Items whose folded id or label is `folded`; the nearest other one in `near` (the first of the
 * nearest, in content order), with its closeness in `near_score`. */
static void match_folded(const struct content *content, unsigned kinds, const char *folded,
                         struct matches *exact, struct matches *near, size_t *near_score)
{
    for (int k = 0; k < CONTENT_KIND_COUNT; k++) {
        for (size_t i = 0; (kinds & CONTENT_KIND_BIT(k)) && i < content_kind_count(content, k);
             i++) {
            const char *names[2] = {content_item_id(content, (enum content_kind)k, i),
                                    content_item_label(content, (enum content_kind)k, i)};
            for (int n = 0; n < 2; n++) {
                char *candidate = text_fold(names[n]);
                size_t score = strcmp(candidate, folded) == 0 ? 0 : closeness(folded, candidate);
                free(candidate);
                if (score == 0) {
                    matches_add(exact, (enum content_kind)k, i);
                } else if (score < *near_score) {
                    *near = (struct matches){{(enum content_kind)k}, {i}, 1};
                    *near_score = score;
                }
            }
        }
    }
}

/* The items `given` names (`exact`), or else the one nearest to it (`near`, count 0 when none
 * is near enough). */
static void find_all(const struct content *content, unsigned kinds, const char *given,
                     struct matches *exact, struct matches *near)
{
    *exact = (struct matches){{0}, {0}, 0};
    *near = (struct matches){{0}, {0}, 0};
    /* An exact id first: "alcohol" the habit and "Alcohol" the food differ only by kind. */
    match_ids(content, kinds, given, exact);
    if (exact->count > 0)
        return;
    char *folded = text_fold(given);
    /* Short words are easily near anything: one edit for them, two for longer ones. */
    size_t near_score = strlen(folded) < 4 ? 2 : 3;
    match_folded(content, kinds, folded, exact, near, &near_score);
    free(folded);
}

/* "food alcohol and habit alcohol" */
static void list_matches(const struct content *content, const struct matches *m, char *out,
                         size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < m->count && i < MATCHES_KEPT; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s %s",
                 i == 0              ? ""
                 : i + 1 == m->count ? " and "
                                     : ", ",
                 kind_names[m->kind[i]], content_item_id(content, m->kind[i], m->index[i]));
    }
}

int content_resolve(const struct content *content, unsigned kinds, const char *given,
                    enum content_kind *kind, size_t *index, struct error *err)
{
    struct matches exact, near;
    find_all(content, kinds, given, &exact, &near);
    if (exact.count == 1) {
        *kind = exact.kind[0];
        *index = exact.index[0];
        return 0;
    }
    char two_kinds[32];
    const char *what = kinds_word(kinds, two_kinds, sizeof two_kinds);
    char shown[CONTENT_QUOTE_SIZE];
    text_safe(given, shown, sizeof shown);
    if (exact.count > 1) {
        char which[200];
        list_matches(content, &exact, which, sizeof which);
        return error_set(err, ERROR_INPUT, "'%s' is more than one %s (%s): say which kind", shown,
                         what, which);
    }
    if (near.count == 0)
        return error_set(err, ERROR_INPUT, "unknown %s '%s'", what, shown);
    const char *id = content_item_id(content, near.kind[0], near.index[0]);
    const char *label = content_item_label(content, near.kind[0], near.index[0]);
    char shown_label[CONTENT_QUOTE_SIZE];
    text_safe(label, shown_label, sizeof shown_label);
    if (strcasecmp(id, label) == 0)
        return error_set(err, ERROR_INPUT, "unknown %s '%s'; did you mean '%s'?", what, shown, id);
    return error_set(err, ERROR_INPUT, "unknown %s '%s'; did you mean '%s' (%s)?", what, shown, id,
                     shown_label);
}

bool content_suggest(const struct content *content, unsigned kinds, const char *given,
                     enum content_kind *kind, size_t *index)
{
    struct matches exact, near;
    find_all(content, kinds, given, &exact, &near);
    const struct matches *best = exact.count == 1 ? &exact : &near;
    if (best->count != 1)
        return false;
    *kind = best->kind[0];
    *index = best->index[0];
    return true;
}
