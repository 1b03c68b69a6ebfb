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
 *
 * A draft also keeps a value still being typed in an open prompt (Enter not pressed yet: a note
 * written inline, a number), apart from the form's values, so that the next start can bring it
 * back saying it was never confirmed. Files carry a version: version 1 (no typing) still reads.
 */
#ifndef GUTSKIN_DRAFT_H
#define GUTSKIN_DRAFT_H

#include <stdbool.h>
#include <stdint.h>

#include "day.h"
#include "error.h"

struct draft_store;

/* Opens this process's draft slot beside the journal at `journal_path` (creating the folder). */
struct draft_store *draft_store_open(const char *journal_path, struct error *err);

/* Removes this process's draft (nothing is left to restore) and closes the slot. NULL is fine. */
void draft_store_close(struct draft_store *store);

/* What an open prompt was typing when the draft was kept. */
enum draft_typing_kind { DRAFT_TYPING_NONE, DRAFT_TYPING_NOTE, DRAFT_TYPING_READING };

/* A value of the day being typed in an open prompt, not confirmed yet. Owns its strings. */
struct draft_typing {
    enum draft_typing_kind kind;
    char *id;   /* the reading's metric id; NULL for the note and for none */
    char *text; /* as typed so far; NULL for none */
};

void draft_typing_init(struct draft_typing *typing);
void draft_typing_release(struct draft_typing *typing); /* back to DRAFT_TYPING_NONE */
/* Replaces `typing` with a copy of kind, id (may be NULL) and text. */
void draft_typing_set(struct draft_typing *typing, enum draft_typing_kind kind, const char *id,
                      const char *text);
bool draft_typing_equal(const struct draft_typing *a, const struct draft_typing *b);

/* Keeps `base` and `mine` (same date), and what an open prompt is typing (`typing` may be NULL
 * or DRAFT_TYPING_NONE), as this process's draft, replacing the previous one. */
int draft_store_write(struct draft_store *store, const struct day *base, const struct day *mine,
                      const struct draft_typing *typing, struct error *err);

/* Removes this process's draft (after a save or a discard). */
void draft_store_clear(struct draft_store *store);

/* A draft left by a gutskin that stopped without saving. */
struct draft {
    char *path;         /* the draft file */
    int64_t written_at; /* unix seconds */
    struct day base;
    struct day mine;
    struct draft_typing typing; /* DRAFT_TYPING_NONE when no prompt was open */
};

void draft_init(struct draft *draft);
void draft_release(struct draft *draft);

/* Finds the newest draft left behind beside the journal: 1 found (filled in), 0 none, -1 error.
 * Drafts that cannot be read are skipped. */
int draft_find_left(const char *journal_path, struct draft *draft, struct error *err);

/* Removes a left draft (after it was restored into a form, or the person discarded it). */
void draft_remove(const struct draft *draft);

#endif
