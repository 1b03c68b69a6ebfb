/*
 * fsops.h - the file-system steps gutskin takes itself (outside SQLite) to put a finished file in
 * place: fsync a file, rename it over another, fsync the folder so that the rename (or a newly
 * created file) survives a power cut.
 *
 * Every such step goes through here, so that the fault-injection tests can make any one of them
 * fail (fsops_set_hook) while the rest of the program runs as it always does. The hook sees the
 * step and the path; returning an errno value makes the step fail with it, without doing it, and
 * returning FSOPS_SKIP counts a sync as done without asking the disk (a test that models what a
 * sync makes last keeps its loops fast that way).
 */
#ifndef GUTSKIN_FSOPS_H
#define GUTSKIN_FSOPS_H

#include "error.h"

enum fsops_step { FSOPS_FSYNC, FSOPS_RENAME, FSOPS_SYNC_DIR };

#define FSOPS_SKIP (-1)

/* `path` is the file synced, the folder synced, or a rename's new name; `from` is a rename's old
 * name (NULL for the other steps). */
typedef int fsops_hook(enum fsops_step step, const char *path, const char *from, void *context);

/* Installs (or with NULL removes) the hook that may fail steps; for tests. */
void fsops_set_hook(fsops_hook *hook, void *context);

/* fsync(2) of an open descriptor; `path` names it in the hook. Returns 0 or an errno value.
 * Descriptors that cannot be synced (pipes, terminals: EINVAL) count as synced. */
int fsops_fsync(int descriptor, const char *path);

/* rename(2); returns 0 or an errno value. */
int fsops_rename(const char *from, const char *to);

/* fsyncs the folder holding `path` (the file's name, not the folder's), so that a file created or
 * renamed there is in the folder after a power cut. Returns 0 or an errno value. File systems
 * that cannot sync a folder (EINVAL) count as synced. */
int fsops_sync_dir_of(const char *path);

/* Syncs `path` (a regular file) by name: open, fsync, close. Returns 0 or an errno value. */
int fsops_sync_file(const char *path);

/* rename `from` to `to`, then sync the folder: the two steps of putting a finished file in place.
 * On failure `err` says which step failed and where. */
int fsops_put_in_place(const char *from, const char *to, struct error *err);

#endif
