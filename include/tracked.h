/*
 * tracked.h - the person's own items, and the items they hid or renamed.
 *
 * What a person adds (a food, a sign, a habit) is kept in one file gutskin owns, tracked.yaml in
 * their own content folder ($XDG_CONFIG_HOME/gutskin/content, see paths.h), beside any overlay
 * files they wrote by hand, which are never rewritten. The file is validated when it is read,
 * with FILE:LINE:COLUMN problems as for the other content files, and rewritten whole (through a
 * temporary file and a rename) by every change.
 *
 * Ids are made from the name ("Oat milk" -> "oat-milk"), are unique among foods and among metrics
 * (signs and habits), and never change: a rename changes the label only, so data saved under the
 * id keeps its meaning. Hiding an item only leaves it out of the check-in: it stays in the
 * content, so History, Trends, `show` and `export` still find its data.
 *
 * Every change function takes the loaded content (which it updates in memory the same way, so a
 * caller can go on using it) and the folder of the file (paths_user_content_dir()). On any error
 * nothing is written and nothing in the content changes. Adding appends to the content's arrays:
 * pointers to its foods, signs or habits taken before an add are no longer valid after it.
 */
#ifndef GUTSKIN_TRACKED_H
#define GUTSKIN_TRACKED_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "error.h"
#include "strlist.h"

#define TRACKED_FILE "tracked.yaml"
/* Room for an id and its NUL (ids are at most CONTENT_ID_MAX characters). */
#define TRACKED_ID_SIZE (CONTENT_ID_MAX + 1)
/* The longest name or label accepted, in bytes. */
#define TRACKED_LABEL_MAX 80

/* A habit to add. NAN for min, max or step means the kind's default: amount 0 to 10 step 1,
 * scale 1 to 5 step 1, yes-no 0 to 1. `unit` may be NULL (no unit). `when` (NULL: none) is a
 * yes-no habit's phrase after "on days" ("you took a probiotic"), checked as the content files'
 * `when` is (content_check_when()); refused for other kinds. */
struct tracked_habit_spec {
    const char *label;
    enum content_habit_kind kind;
    const char *unit;
    double min, max, step;
    const char *when;
};

/* Reads DIR/tracked.yaml (a missing file or folder is nothing to apply) and applies it to
 * `content`: appends the own items (an id the content itself defines is left to the content),
 * sets the labels the person chose and marks hidden items. Problems are appended to `problems`
 * as content_load() does; returns how many there were (then `content` may be half applied and
 * should be freed). */
size_t tracked_apply(struct content *content, const char *dir, struct strlist *problems);

/* Makes an id from a name into `id` (TRACKED_ID_SIZE bytes): lower case, accents dropped, every
 * run of other characters one '-' ("Crème fraîche" -> "creme-fraiche"). False when nothing is
 * left (a name with no letters or digits of the Latin alphabet). */
bool tracked_make_id(const char *name, char *id);

/* Adds a food to the category named by `category` (its id or, case- and accent-insensitively,
 * its name). `id` (TRACKED_ID_SIZE bytes, may be NULL) gets the new id. Refused: an empty or
 * overlong name, an unknown category, a name another food has, an id already in use. */
int tracked_add_food(struct content *content, const char *dir, const char *name,
                     const char *category, bool plant, char *id, struct error *err);

/* Adds a sign (rated 0-4) to the group named by `group` (id or name). */
int tracked_add_sign(struct content *content, const char *dir, const char *label, const char *group,
                     char *id, struct error *err);

/* Adds a habit. */
int tracked_add_habit(struct content *content, const char *dir,
                      const struct tracked_habit_spec *spec, char *id, struct error *err);

/* Finds the item a `track` command names (content_resolve() over foods, signs and habits):
 * `word` may name the kind ("food", "sign", "habit"; anything else is an ERROR_USAGE) or be
 * NULL for any of them. */
int tracked_find(const struct content *content, const char *word, const char *id,
                 enum content_kind *kind, size_t *index, struct error *err);

/* Records that the person made their first-start choice (kept all, or skipped it): writes an
 * empty tracked.yaml when there is none, so that the first start is not shown again. An existing
 * file is left as it is; a broken one is an error, as for any change. */
int tracked_keep_choices(const char *dir, struct error *err);

/* Hides the item (hidden = true) from the check-in, or shows it again. `word` as for
 * tracked_find(). Hiding a hidden item, or showing a shown one, changes nothing and is no error. */
int tracked_set_hidden(struct content *content, const char *dir, const char *word, const char *id,
                       bool hidden, struct error *err);

/* Gives the item a new label (its id stays). For a content item the label is kept in
 * tracked.yaml; the content files are not touched. */
int tracked_rename(struct content *content, const char *dir, const char *word, const char *id,
                   const char *label, struct error *err);

/* Whether item `index` of `kind` (food, sign or habit) is hidden from the check-in. */
bool tracked_item_hidden(const struct content *content, enum content_kind kind, size_t index);

#endif
