/*
 * draft.h - the check-in in progress, kept beside the journal until it is saved.
 *
 * A draft is what the form holds that is not saved yet: the day as it was loaded (`base`) and as
 * the person left it (`mine`), so that restoring it later still saves as a merge over whatever
 * the journal holds by then. Drafts live in a private folder beside the journal (PATH.drafts,
 * 0700; files 0600), one per running app, each written whole (a temporary file synced and renamed
 * into place) so that a power cut leaves the previous draft or the new one, never half of one.
 *
 * Each running app holds a lock on its own draft (an flock on a companion .lock file); the lock
 * goes when the process goes, however it ends (a crash, a closed terminal, a power cut). A draft
 * whose lock can be taken was left behind: draft_find_left() offers it to the next start.
 *
 * A draft is never part of the journal: it has no scores, is not exported and counts for nothing
 * until the person restores and saves it.
 */
#ifndef GUTSKIN_DRAFT_H
#define GUTSKIN_DRAFT_H

#include <stdint.h>

#include "day.h"
#include "error.h"

struct draft_store;

/* Opens this process's draft slot beside the journal at `journal_path` (creating the folder). */
struct draft_store *draft_store_open(const char *journal_path, struct error *err);

/* Removes this process's draft (nothing is left to restore) and closes the slot. NULL is fine. */
void draft_store_close(struct draft_store *store);

/* Keeps `base` and `mine` (same date) as this process's draft, replacing the previous one. */
int draft_store_write(struct draft_store *store, const struct day *base, const struct day *mine,
                      struct error *err);

/* Removes this process's draft (after a save or a discard). */
void draft_store_clear(struct draft_store *store);

/* A draft left by a gutskin that stopped without saving. */
struct draft {
    char *path;         /* the draft file */
    int64_t written_at; /* unix seconds */
    struct day base;
    struct day mine;
};

void draft_init(struct draft *draft);
void draft_release(struct draft *draft);

/* Finds the newest draft left behind beside the journal: 1 found (filled in), 0 none, -1 error.
 * Drafts that cannot be read are skipped. */
int draft_find_left(const char *journal_path, struct draft *draft, struct error *err);

/* Removes a left draft (after it was restored into a form, or the person discarded it). */
void draft_remove(const struct draft *draft);

#endif
