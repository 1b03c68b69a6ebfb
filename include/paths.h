/*
 * paths.h - where gutskin finds its journal and its content.
 *
 * Journal: --db PATH, else $GUTSKIN_DB, else $XDG_DATA_HOME/gutskin/journal.db, else
 * ~/.local/share/gutskin/journal.db.
 * Content: --content DIR, else the installed folder, else the source tree's content/ (for a build
 * that is not installed); the user's $XDG_CONFIG_HOME/gutskin/content/ (else
 * ~/.config/gutskin/content/) is merged over it by id.
 *
 * Every returned string is newly allocated; the caller frees it.
 */
#ifndef GUTSKIN_PATHS_H
#define GUTSKIN_PATHS_H

#include "error.h"

/* The journal file to use; `option` is the --db value or NULL. NULL with `err` set when no home
 * folder can be found. */
char *paths_journal_file(const char *option, struct error *err);

/* The base content folder; `option` is the --content value or NULL. */
char *paths_content_dir(const char *option, struct error *err);

/* The user's overlay folder (it may not exist); NULL when no home folder can be found. */
char *paths_user_content_dir(void);

/* Creates `dir` and its missing parents with the given mode. */
int paths_make_dirs(const char *dir, unsigned mode, struct error *err);

#endif
