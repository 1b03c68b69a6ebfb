/*
 * content.h - the editorial content: foods, signs of imbalance, lifestyle and the about text.
 *
 * The content is loaded from YAML files in a content folder:
 *   foods.yaml      food categories and foods
 *   signs.yaml      groups of signs of imbalance and the signs (tracked as 0-4 severities)
 *   lifestyle.yaml  lifestyle interventions with strategies, and the habits the check-in tracks
 *   about.yaml      what the gut-skin axis is, how to use gutskin, the medical caution
 * The exact format is documented in content/README.md.
 *
 * Every id (food, category, sign, group, habit, intervention) is stable: the journal stores ids,
 * never labels. Signs and habits share one namespace, "metrics", because both are stored as
 * readings in the journal.
 *
 * Lifecycle: content_load() returns a new `struct content` or NULL; content_free() releases it.
 * Every pointer inside stays valid until content_free().
 */
#ifndef GUTSKIN_CONTENT_H
#define GUTSKIN_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strlist.h"

/* How well studies in people support what an item's text says about the gut and the skin. The
 * names, the words the guides show and what each level means are in one table in content.c;
 * content/README.md explains them to writers. */
enum content_evidence {
    CONTENT_EVIDENCE_NONE, /* not rated: the person's own items and overlay text without one */
    CONTENT_EVIDENCE_ESTABLISHED, /* guidelines, consistent trials or meta-analyses, textbook */
    CONTENT_EVIDENCE_SOME,        /* some trials or consistent observational studies */
    CONTENT_EVIDENCE_STUDIED,     /* small or single trials, animal work, associations */
    CONTENT_EVIDENCE_LITTLE,      /* no good human studies found: the text says so */
};
#define CONTENT_EVIDENCE_COUNT 5 /* with CONTENT_EVIDENCE_NONE */

/* A published source behind the content (about.yaml `sources`); items cite them by id. */
struct content_source {
    char *id;     /* "salem-2018" */
    char *author; /* "Salem I, Ramser A, Isham N, Ghannoum MA" */
    char *title;
    int year;
};

struct content_food_category {
    char *id;                /* "probiotic" */
    char *name;              /* "Fermented foods" */
    char *summary;           /* what the category does in the gut */
    struct strlist benefits; /* skin benefits, one line each (for `limit` categories: reasons) */
    bool limit;              /* true for "foods to limit" */
    enum content_evidence evidence;
    struct strlist sources; /* ids of content.sources */
    size_t food_count;
};

struct content_food {
    char *id;
    char *name;
    char *why; /* why it helps, or why to limit it */
    bool plant;
    size_t category; /* index into content.categories */
    bool own;        /* the person added it (tracked.h) */
    bool hidden;     /* left out of the check-in; its data stays everywhere else */
};

struct content_sign_group {
    char *id; /* "skin", "digestive", "immune", "mood-energy" */
    char *name;
    char *short_name; /* History's column heading, at most CONTENT_SHORT_NAME_WIDTH columns */
    char *summary;
};

/* The see_doctor line of a sign that has none of its own: the person's own signs, and signs of
 * their overlay written without one. */
#define CONTENT_SEE_DOCTOR_GENERAL                                                                 \
    "See a doctor if it is severe, lasts, keeps coming back or worries you."

struct content_sign {
    char *id;
    char *label;
    char *explanation;
    char *see_doctor; /* when to see a doctor about this sign, one or two sentences */
    enum content_evidence evidence;
    struct strlist sources; /* ids of content.sources */
    size_t group;           /* index into content.groups */
    bool own;               /* the person added it (tracked.h) */
    bool hidden;            /* left out of the check-in; its data stays everywhere else */
};

enum content_habit_kind {
    CONTENT_HABIT_AMOUNT, /* a number with a unit: hours, glasses, minutes */
    CONTENT_HABIT_SCALE,  /* a rating from min to max: sleep quality 1-5, stress 0-10 */
    CONTENT_HABIT_YES_NO, /* 0 or 1: probiotic taken */
    CONTENT_HABIT_CHOICE, /* one of a few described values 1..N: stool form on the Bristol scale */
};

struct content_habit {
    char *id;
    char *label;
    char *unit; /* "hours", "glasses"; empty for scales and yes/no */
    enum content_habit_kind kind;
    double min;
    double max;
    double step;
    /* Whether more is better for the gut-skin axis (+1), worse (-1) or neither (0); used only to
     * word insights ("more sleep" vs "more alcohol"). */
    int direction;
    struct strlist choices; /* a choice habit: the words for 1..N (min 1, max N, step 1) */
    /* A yes/no habit as it reads after "on days" or "after days": "you took a probiotic"; NULL
     * when the content gives none (the label is used: "with probiotic taken"). */
    char *when;
    bool own;               /* the person added it (tracked.h) */
    bool hidden;            /* left out of the check-in; its data stays everywhere else */
    bool hidden_by_content; /* `hidden: true` in the content (a period day): shown on request */
};

struct content_intervention {
    char *id;
    char *name;
    char *summary;
    struct strlist strategies;
    struct strlist habits; /* ids of habits that measure this intervention */
    enum content_evidence evidence;
    struct strlist sources; /* ids of content.sources */
};

struct content_about_section {
    char *heading;
    char *text;
};

struct content {
    struct content_food_category *categories;
    size_t category_count;
    struct content_food *foods;
    size_t food_count;
    struct content_sign_group *groups;
    size_t group_count;
    struct content_sign *signs;
    size_t sign_count;
    struct content_habit *habits;
    size_t habit_count;
    struct content_intervention *interventions;
    size_t intervention_count;
    struct content_about_section *about;
    size_t about_count;
    struct content_source *sources;
    size_t source_count;
    char *caution; /* the medical caution, shown on every guide and report */
};

/* Loads the content of `base_dir`, then merges `overlay_dir` over it by id (NULL or a missing
 * folder: no overlay). Every problem found is appended to `problems` as
 * "FILE:LINE:COLUMN: what is wrong"; when there is any, NULL is returned. */
struct content *content_load(const char *base_dir, const char *overlay_dir,
                             struct strlist *problems);

/* Validates the YAML files of one folder. Appends problems as content_load() does and one summary
 * line per file ("foods.yaml: 6 categories, 42 foods") to `summaries`. Returns the number of
 * problems. */
size_t content_check_dir(const char *dir, struct strlist *summaries, struct strlist *problems);

/* Looks through the text of the YAML files of one folder for words the guides must not use
 * unqualified (cure, heal, detox, proven, clinically, boost immunity) and appends one warning per
 * use as "FILE:LINE:COLUMN: warning: ...", where the word is written (the first 100, then a line
 * saying more were left out). Files that cannot be read are skipped (content_check_dir reports
 * them). Returns the number of lines appended. */
size_t content_check_words(const char *dir, struct strlist *warnings);

void content_free(struct content *content);

/* Lookups by id; NULL when not defined. */
const struct content_food *content_find_food(const struct content *content, const char *id);
const struct content_food_category *content_find_category(const struct content *content,
                                                          const char *id);
const struct content_sign *content_find_sign(const struct content *content, const char *id);
const struct content_sign_group *content_find_group(const struct content *content, const char *id);
const struct content_habit *content_find_habit(const struct content *content, const char *id);
const struct content_intervention *content_find_intervention(const struct content *content,
                                                             const char *id);

const struct content_source *content_find_source(const struct content *content, const char *id);

/* --- Naming an item (content_names.c) ---------------------------------------------------------
 * The one rule for what a person types to name a food, sign, habit, group or category, on the
 * command line, in an import map or at a prompt: the item's id exactly, or else its id or label
 * folded (any case, accents or not: "Breakouts" or "ACNE" for acne, "kéfir" for Kefir). */
enum content_kind { CONTENT_FOOD, CONTENT_SIGN, CONTENT_HABIT, CONTENT_GROUP, CONTENT_CATEGORY };
#define CONTENT_KIND_COUNT 5
/* Sets of kinds to look in, a bit per kind. Signs and habits share ids: "metrics". */
#define CONTENT_KIND_BIT(kind) (1u << (kind))
#define CONTENT_METRICS (CONTENT_KIND_BIT(CONTENT_SIGN) | CONTENT_KIND_BIT(CONTENT_HABIT))
#define CONTENT_ITEMS (CONTENT_KIND_BIT(CONTENT_FOOD) | CONTENT_METRICS)

/* "food", "sign", "habit", "group", "category"; content_kind_of() reads them back. */
const char *content_kind_name(enum content_kind kind);
bool content_kind_of(const char *word, enum content_kind *kind);

/* How many items of a kind there are; the id and the label (a food's, group's or category's
 * name) of one of them. */
size_t content_kind_count(const struct content *content, enum content_kind kind);
const char *content_item_id(const struct content *content, enum content_kind kind, size_t index);
const char *content_item_label(const struct content *content, enum content_kind kind, size_t index);

/* Finds the item `given` names among the kinds in `kinds`: its kind and index. Errors
 * (ERROR_INPUT) say what to type instead: "unknown metric 'acen'; did you mean 'acne'
 * (Breakouts)?" (a typo of an id or label, or the start of one), "unknown food 'zzz'", or
 * "'alcohol' is more than one item (food alcohol and habit alcohol): say which kind". */
int content_resolve(const struct content *content, unsigned kinds, const char *given,
                    enum content_kind *kind, size_t *index, struct error *err);

/* The item `given` names, or else the nearest one ("did you mean"); false when none is near. */
bool content_suggest(const struct content *content, unsigned kinds, const char *given,
                     enum content_kind *kind, size_t *index);

/* "established", "some-evidence", "being-studied", "little-evidence": the name in the files;
 * these and the two below are "" for CONTENT_EVIDENCE_NONE. */
const char *content_evidence_name(enum content_evidence evidence);
/* "established", "some evidence", "being studied", "little evidence": the words the guides show. */
const char *content_evidence_word(enum content_evidence evidence);
/* What the level means, one sentence, for the About screen and `gutskin content sources`. */
const char *content_evidence_meaning(enum content_evidence evidence);

/* The range of a metric (a sign: 0..4 step 1; a habit: its own). False for an unknown id. */
bool content_metric_range(const struct content *content, const char *metric_id, double *min,
                          double *max, double *step);

/* The label of a metric, or NULL for an unknown id. */
const char *content_metric_label(const struct content *content, const char *metric_id);

/* The word a choice habit gives `value` ("Smooth, soft sausage"), or NULL (another kind, or a
 * value that is not one of its choices). */
const char *content_choice_word(const struct content_habit *habit, double value);

/* "none", "mild", "moderate", "severe", "very severe" for 0..4; "" otherwise. */
const char *content_severity_word(int severity);

#define CONTENT_SEVERITY_MAX 4

/* Checks a yes-no habit's `when` phrase, which continues "on days" and "after days" ("you took
 * a probiotic"): refused when empty or when it starts with "on days", "after days" or "days"
 * itself. The one rule for the content files, tracked.yaml and `track add --when`; `name` is
 * how the message names it ("'when'", "--when"). */
int content_check_when(const char *when, const char *name, struct error *err);

/* Reads the value typed or written for sign or habit `id`: the one rule `gutskin log` and CSV
 * import share. A sign takes a number or none, mild, moderate, severe, very-severe (any case,
 * '-' or '_' for the space); a yes-no habit yes, no, y, n, true, false (any case) or a number;
 * any other id a number (num_parse). The range is not checked here. */
bool content_read_value(const struct content *content, const char *id, const char *text,
                        double *value);

/* What content_read_value() takes for `id`, for a message ("yes, no, y, n, true, false, 1 or
 * 0"), or NULL when it takes a number. */
const char *content_value_expected(const struct content *content, const char *id);

/* The id rule, for content and for every file that names content: lowercase ASCII letters,
 * digits and '-', 1 to CONTENT_ID_MAX characters (see content/README.md). */
#define CONTENT_ID_MAX 48

/* A group's short name (`short` in signs.yaml, else the start of its name) fits in this many
 * columns. */
#define CONTENT_SHORT_NAME_WIDTH 4
bool content_id_valid(const char *id);

#endif
