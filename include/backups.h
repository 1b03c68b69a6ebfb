/*
 * backups.h - the automatic copies of the journal, and the copies kept before a merge or a
 * restore.
 *
 * Where: a folder `backups` beside the journal (for the default journal,
 * $XDG_DATA_HOME/gutskin/backups/), private (0700), each copy private (0600). A copy is made
 * through SQLite's online backup API (journal_backup), so it is consistent while another gutskin
 * writes, and it counts only after it read back whole (PRAGMA integrity_check).
 *
 * When: before the first write of each day (journal_set_write_hook), so that the copy of a day is
 * the journal as it was before that day's changes. A journal without days is not copied.
 *
 * Names: the journal's name without ".db", then the date: `journal-2026-11-29.db` for the daily
 * copies, `journal-2026-11-29-081502-before-merge.db` for a copy kept before a merge or a
 * restore. Only files of exactly those forms are ever removed, by rotation: the newest `daily`
 * daily copies stay, and before them the newest copy of each of the `weekly` latest weeks; of the
 * copies kept before a merge or a restore, the newest BACKUPS_KEEP_BEFORE of each kind.
 *
 * How many: GUTSKIN_BACKUPS is "off", or "DAILY,WEEKLY" (default "7,4"; each 0 to 366).
 */
#ifndef GUTSKIN_BACKUPS_H
#define GUTSKIN_BACKUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dates.h"
#include "error.h"
#include "journal.h"

#define BACKUPS_DEFAULT_DAILY 7
#define BACKUPS_DEFAULT_WEEKLY 4
#define BACKUPS_KEEP_BEFORE 8

struct backups_policy {
    bool off;
    int daily;
    int weekly;
};

/* Reads GUTSKIN_BACKUPS; an unreadable value is an ERROR_USAGE naming the variable. */
int backups_policy_read(struct backups_policy *policy, struct error *err);

/* The backups folder of the journal at `journal_path` (caller frees). */
char *backups_dir(const char *journal_path);

/* Makes today's daily copy unless it exists (or the policy is off, or the journal has no days),
 * then rotates. *made (if not NULL) says whether a copy was written. */
int backups_make_daily(struct journal *journal, const struct backups_policy *policy, bool *made,
                       struct error *err);

/* A copy kept before `why` ("merge", "restore"); *path (caller frees) gets its name. */
int backups_make_before(struct journal *journal, const char *why, char **path, struct error *err);

/* Receives the one message of an automatic backup that failed. */
typedef void backups_report_fn(const char *message, void *context);

/* Makes the journal take its daily copy before the first write of each day; a failure is given
 * to `report` once per journal handle, and never stops the write. With GUTSKIN_BACKUPS unreadable
 * the default policy is used and that is reported. */
void backups_attach(struct journal *journal, backups_report_fn *report, void *context);

/* Prints "gutskin: warning: MESSAGE" to stderr: the report of the command-line commands. */
void backups_report_to_stderr(const char *message, void *context);

struct backups_entry {
    char *name;                /* the file name, within the folder */
    char date[DATE_TEXT_SIZE]; /* the day the copy was made */
    bool daily;                /* a daily copy (else one kept before a merge or a restore) */
    int64_t size;              /* bytes */
    time_t modified;
};

struct backups_list {
    char *dir;
    struct backups_entry *items; /* newest first */
    size_t count;
    size_t capacity;
};

void backups_list_init(struct backups_list *list);
void backups_list_release(struct backups_list *list);

/* The copies of the journal at `journal_path`; a folder that does not exist yet is empty. */
int backups_list_read(const char *journal_path, struct backups_list *list, struct error *err);

#endif
