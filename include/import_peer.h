/*
 * import_peer.h - bringing another app's history in: what its export says, mapped onto the
 * person's items and folded into gutskin days.
 *
 * A reader (one per format, see import_formats.h) turns a file into "peer data": the distinct
 * names the app uses (a Daylio mood or activity, a Bearable symptom, a Loop habit...) and the
 * values recorded under them, each with its local day, its time when known, and where in the file
 * it came from. Readers know nothing of gutskin's content.
 *
 * The mapping then gives each name a target: an item of the person's content (a sign, a habit or
 * a food), a new item of their own, the day's note, or nothing. The rule, in order:
 *   1. an entry of the map file (--map), when there is one for the name;
 *   2. a content id or label equal to the name, then equal once case, accents, punctuation and a
 *      plural "s" are ignored;
 *   3. the built-in correspondences (Daylio's mood levels to low mood, "bad sleep" to sleep
 *      quality, Bearable's energy to fatigue...);
 *   4. otherwise a new item of the person's own, named after it.
 * Each value is converted by a rule that depends on how the app measures it (its scale) and on
 * the target, and the rule is printed in the mapping. Several values for one item on one day are
 * combined: signs take the worst (highest) severity, amounts are summed, yes/no habits are yes
 * when any entry says yes, ratings take their mean (on the habit's steps), foods are a union
 * (the largest serving), and notes are joined in time order, each line starting with its time
 * when the app gives one. Where an app's entry lists the activities done (peer_add_listing), an
 * activity mapped onto a yes/no habit is "no" on each day of the file whose entries leave it out.
 */
#ifndef GUTSKIN_IMPORT_PEER_H
#define GUTSKIN_IMPORT_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "content.h"
#include "error.h"
#include "import.h"
#include "strlist.h"

/* How the app measures a name's values. */
enum peer_scale {
    PEER_LEVEL5,    /* Daylio mood level: 1 awful .. 5 rad */
    PEER_MOOD10,    /* Bearable mood: 1 worst .. 10 best */
    PEER_RATING5,   /* 1 worst .. 5 best: Bearable energy and sleep quality */
    PEER_SEVERITY4, /* 0 none .. 4: Bearable symptoms, Flaredown conditions and symptoms */
    PEER_PRESENT,   /* an activity, factor or tag that was there (value 1) */
    PEER_YES_NO,    /* a checkmark: 1 yes, 0 no */
    PEER_AMOUNT,    /* a number in a unit: hours, cups, mg */
    PEER_POINTS,    /* a rating out of a maximum ("8/10 points"): value already in 0..1 */
    PEER_TEXT,      /* words only: kept in the note */
};

struct peer_name {
    char *kind; /* what the app calls it: "mood", "activity", "symptom", "habit", ... */
    char *name; /* as the app writes it, trimmed */
    enum peer_scale scale;
    char *unit;  /* for amounts; NULL otherwise */
    int level;   /* a Daylio mood's level 1..5 when the app gives it, else 0 */
    long where;  /* the line (or entry) where it is first seen */
    bool listed; /* a present name whose kind entries list in full (peer_add_listing) */
};

struct peer_value {
    int day;      /* day number */
    int minute;   /* minute of the day, or -1 */
    size_t name;  /* index into names */
    double value; /* in the name's scale */
    char *text;   /* PEER_TEXT, and a dose or detail kept beside a value; else NULL */
    long where;
};

struct peer_note {
    int day;
    int minute;
    size_t order; /* the order in which the reader found it, to keep equal times stable */
    char *text;
};

/* A day on which an entry lists the present names of `kind` in full (Daylio's activities): a name
 * of that kind it leaves out was not there that day. */
struct peer_listing {
    int day;
    const char *kind; /* a string that outlives the data: the reader's kind word */
    long where;
};

struct peer_data {
    const char *file;   /* the input's name, for messages */
    bool entry_numbers; /* `where` counts entries (JSON, databases), not lines */
    struct peer_name *names;
    size_t name_count, name_capacity;
    struct peer_value *values;
    size_t value_count, value_capacity;
    struct peer_note *notes;
    size_t note_count, note_capacity;
    struct peer_listing *listings;
    size_t listing_count, listing_capacity;
    struct strlist *problems; /* "FILE:LINE: what is wrong" */
    int date_order;           /* --date-order, see import_formats.h; 0 when not given */
    long future_where;        /* the last WHERE reported for a day after today, or -1 */
    struct import_kept kept;  /* values taken that today's content does not allow (import.h) */
};

void peer_data_init(struct peer_data *data, const char *file, struct strlist *problems);
void peer_data_release(struct peer_data *data);

/* The index of the name (kind, name) with that scale and unit, added when new. `name` is trimmed;
 * an empty name gives SIZE_MAX and nothing is added. */
size_t peer_name_add(struct peer_data *data, const char *kind, const char *name,
                     enum peer_scale scale, const char *unit, long where);

/* A value or a note of `day`. A day after today (import_check_day()) is not added but reported,
 * once for each WHERE, so that nothing of the file is imported. */
void peer_add_value(struct peer_data *data, int day, int minute, size_t name, double value,
                    const char *text, long where);
void peer_add_note(struct peer_data *data, int day, int minute, const char *text, long where);
/* Says that the entry at WHERE lists every present name of `kind` it had on `day`: each name of
 * that kind the file knows and the entry leaves out becomes "no" on that day when it is mapped
 * onto a yes/no habit (see struct import_fill for how it meets saved values). */
void peer_add_listing(struct peer_data *data, int day, const char *kind, long where);

/* Appends "FILE:WHERE: what is wrong" (or "FILE: entry WHERE: ..." for entry numbers). */
void peer_problem(struct peer_data *data, long where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* --- The mapping ------------------------------------------------------------------------------ */

enum peer_target {
    PEER_TO_SIGN,
    PEER_TO_HABIT,
    PEER_TO_FOOD,
    PEER_TO_NEW_SIGN,
    PEER_TO_NEW_HABIT,
    PEER_TO_NEW_FOOD,
    PEER_TO_NOTE,
    PEER_TO_IGNORE,
};

/* Where a mapping came from, as the printed mapping says. */
enum peer_origin { PEER_BY_MAP, PEER_BY_NAME, PEER_BY_BUILTIN, PEER_BY_NEW };

struct peer_mapping {
    enum peer_target target;
    char *id;    /* the item's id (also for new items); NULL for note and ignore */
    char *label; /* new items: their label */
    char *place; /* new signs: their group; new foods: their category */
    enum peer_origin origin;
    bool has_value; /* a fixed value set when the name is present ("bad sleep" -> 2) */
    double value;
    int level; /* Daylio CSV moods: the level given in the map, else 0 */
};

/* An item the import makes the person's own. */
struct peer_new_item {
    enum peer_target target; /* PEER_TO_NEW_SIGN, _HABIT or _FOOD */
    const char *id;
    const char *label;
    enum content_habit_kind habit_kind;
    const char *unit;  /* amounts: the app's unit, or "" */
    const char *place; /* a sign's group or a food's category */
    double min, max, step;
};

struct peer_import {
    struct peer_mapping *mappings; /* one per name */
    size_t count;
    struct peer_new_item *new_items;
    size_t new_count;
};

void peer_import_init(struct peer_import *import);
void peer_import_release(struct peer_import *import);

/* Maps every name of `data` (see the rule above). `map_path` may be NULL. Problems in the map file
 * are appended to data->problems as "MAP:LINE: what is wrong"; returns the number added. */
size_t peer_map(const struct peer_data *data, const struct content *content, const char *map_path,
                struct peer_import *import, struct strlist *problems);

/* The conversion rule for a name and its mapping, in words ("5 - level: rad 0 ... awful 4"). */
void peer_rule_text(const struct peer_name *name, const struct peer_mapping *mapping,
                    const struct peer_import *import, const struct content *content, char *out,
                    size_t size);

/* Prints the whole mapping, one line per name, to `out`. */
void peer_print_mapping(FILE *out, const struct peer_data *data, const struct peer_import *import,
                        const struct content *content);

/* Writes the mapping as an editable YAML map file; 0, or -1 with `err`. */
int peer_write_map(const char *path, const char *format, const struct peer_data *data,
                   const struct peer_import *import, const struct content *content,
                   struct error *err);

/* What the import holds, for the summary. */
struct peer_summary {
    size_t days, readings, foods, notes, items_created;
    size_t nos;      /* "no" for an activity the day's entries leave out (not in readings) */
    int first, last; /* day numbers; DATE_NONE when there is no day */
};

/* Converts and combines every value into days of `plan`; problems (a value the target cannot
 * hold, by import_take_value()'s rule for items of the content) are appended to data->problems,
 * values kept that today's content does not allow are counted in data->kept. Returns the number
 * of problems added. */
size_t peer_build_plan(struct peer_data *data, const struct peer_import *import,
                       const struct content *content, struct import_plan *plan,
                       struct peer_summary *summary);

#endif
