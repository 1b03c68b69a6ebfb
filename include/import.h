/*
 * import.h - reading days from CSV or JSON, as written by export.h, into the journal.
 *
 * Importing is two steps. import_read_csv()/import_read_json() read and validate the WHOLE input
 * into an import plan, collecting every problem as "NAME:LINE: what is wrong" (JSON problems that
 * have no line are "NAME: day N (DATE): what is wrong"). Only a plan without problems is then
 * given to import_apply(), which writes every day in one transaction, so a bad file never leaves
 * a half-imported journal.
 *
 * CSV: UTF-8 (a byte order mark is skipped), CRLF or LF line ends, RFC 4180 quoting. The first
 * line names the columns: `date` first, then any of `note`, `food:<id>` and metric ids (optionally
 * written `metric:<id>`), in any order. A blank cell means "not logged". When the header is
 * separated by semicolons and holds no comma (a spreadsheet set to a language with decimal
 * commas), so are the rows, and numbers may have a decimal comma ("7,5").
 *
 * JSON: export.h's layout; a day's "marks" become the plan's marks (struct import_mark), and a
 * day object with marks and no value adds no day.
 *
 * Ids the content does not define are accepted (an export of retired ids must read back) but
 * reported in `warnings`; values of ids the content does define must be within its range and on
 * its steps. Servings must be more than 0 and at most IMPORT_MAX_SERVINGS.
 */
#ifndef GUTSKIN_IMPORT_H
#define GUTSKIN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "content.h"
#include "day.h"
#include "error.h"
#include "journal.h"
#include "strlist.h"

#define IMPORT_MAX_SERVINGS 20
/* Inputs larger than this are refused rather than read into memory. */
#define IMPORT_MAX_BYTES (64L * 1024 * 1024)

enum import_format { IMPORT_CSV, IMPORT_JSON };

/* merge: the file's values are set over the saved day's (blank cells keep what is saved);
 * replace: the saved day becomes exactly the file's row. Either way a row with nothing but its
 * date changes nothing (deleting a day is History's d, which asks first). */
enum import_mode { IMPORT_MERGE, IMPORT_REPLACE };

/* A value the file implies without writing it: another app's entry lists the activities done,
 * so one it leaves out was not done that day ("no"). merge sets it only where the saved day holds
 * no value for the item (what the person saved wins over a guess); replace sets it like any other
 * value of the file. */
struct import_fill {
    int day_number; /* a day of the plan */
    char *id;
    double value;
};

/* A mark (journal_add_mark()) a file gives: gutskin's JSON export carries them. */
struct import_mark {
    int day_number;
    char *label;
};

/* The days read from a file, in file order; each holds only what the file gives. */
struct import_plan {
    struct day *days;
    size_t count;
    size_t capacity;
    struct import_fill *fills; /* in day order */
    size_t fill_count;
    size_t fill_capacity;
    struct import_mark *marks; /* in file order */
    size_t mark_count;
    size_t mark_capacity;
    /* merge only: a saved note that differs is kept, with the imported one after it (unless it
     * already holds it), so that importing another app's notes loses nothing written here */
    bool keep_notes;
};

void import_plan_init(struct import_plan *plan);
void import_plan_release(struct import_plan *plan);
/* Adds a fill (see struct import_fill); fills must come in day order. */
void import_plan_fill(struct import_plan *plan, int day_number, const char *id, double value);
/* Adds a mark. Applying adds it unless the journal has a mark of that day and label already (the
 * rule merge matches marks by), with merge and replace alike: a second import adds nothing. */
void import_plan_mark(struct import_plan *plan, int day_number, const char *label);

/* Reads all of `in` and validates it; `name` is used in messages. Problems and warnings are
 * appended to the lists. Returns the number of problems: only when it is 0 is `plan` complete. */
size_t import_read_csv(FILE *in, const char *name, const struct content *content,
                       struct import_plan *plan, struct strlist *problems,
                       struct strlist *warnings);
size_t import_read_json(FILE *in, const char *name, const struct content *content,
                        struct import_plan *plan, struct strlist *problems,
                        struct strlist *warnings);

struct import_counts {
    size_t days;      /* days in the plan */
    size_t added;     /* not saved before */
    size_t existing;  /* saved before (merged or replaced) */
    size_t unchanged; /* of the existing, those the import leaves as they were */
    size_t date_only; /* rows with nothing but a date: nothing to change, in neither count above */
    size_t marks;     /* marks in the plan */
    size_t new_marks; /* of those, the ones the journal lacked (added unless a dry run) */
};

/* Writes the plan in one transaction (nothing when `dry_run`), filling `counts` either way. */
int import_apply(struct journal *journal, const struct import_plan *plan, enum import_mode mode,
                 bool dry_run, struct import_counts *counts, struct error *err);

/* --- Checks shared with `gutskin log` ------------------------------------------------------ */

/* Whether `text` is valid UTF-8 (notes must be, to be exported as JSON). */
bool import_valid_text(const char *text);

/* Whether `value` suits the metric: for an id the content defines, within its range and on its
 * steps; any finite number otherwise. On failure `err` says why, e.g.
 * "value 12 for 'stress' is out of range (0 to 10)". */
int import_check_reading(const struct content *content, const char *metric_id, double value,
                         struct error *err);

/* Whether the day (a day number) may be imported: not after today (date_today()), for every
 * format, since a day that has not happened is a typo or a wrong clock. On failure `err` says
 * "2099-01-02 is after today: only days that have happened can be imported". */
int import_check_day(int day_number, struct error *err);

/* Values taken although today's content does not allow them, for one warning line. */
struct import_kept {
    struct strlist outside_ids; /* metric ids with values outside today's ranges or steps */
    size_t outside;
    struct strlist unknown_ids; /* "old-itch", "food:gone": ids the content does not define */
    size_t unknown;
};

void import_kept_init(struct import_kept *kept);
void import_kept_release(struct import_kept *kept);

/* The one rule for a value that comes from a file or from another journal (import and merge),
 * rather than typed now (log, the check-in: import_check_reading()). A backup must always come
 * back, so what the person's content may have allowed when the value was saved is taken:
 *   - a habit's value outside today's range or steps (the range may have been narrowed since),
 *   - a value for an id the content does not define (an item removed since);
 * those are counted in `kept` for the warning. What no content ever allows is refused (-1, `err`
 * says why): not a finite number, servings out of bounds, and a sign's severity that is not a
 * whole 0 to 4 (signs are rated 0-4 whatever the content, so 7 is a typo, which would otherwise
 * skew every score and chart). Returns 0 when the value is taken. */
int import_take_value(const struct content *content, bool food, const char *id, double value,
                      struct import_kept *kept, struct error *err);

/* Appends "NAME: kept 3 values as they were, though today's content does not allow them: ..."
 * to `warnings` when anything was kept. */
void import_kept_warn(const struct import_kept *kept, const char *name, struct strlist *warnings);

/* Whether `servings` is more than 0 and at most IMPORT_MAX_SERVINGS. */
int import_check_servings(const char *food_id, double servings, struct error *err);

#endif
