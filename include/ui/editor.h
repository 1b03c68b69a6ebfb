/*
 * editor.h - editing a text in the person's own editor ($VISUAL, else $EDITOR, else vi).
 *
 * The text goes into a private file (0600) in a private folder (0700) under $TMPDIR. While the
 * editor runs it owns the terminal: gutskin leaves curses, ignores SIGINT and SIGQUIT (Ctrl-C
 * and Ctrl-\ are the editor's) and waits until the editor has really exited, through signals
 * such as SIGWINCH from a resized terminal. Only then does it take the screen back.
 *
 * The file is removed by editor_close(), which the caller calls only once the text is safe in
 * memory: a file that could not be read back is left where it is, and its path is said.
 */
#ifndef GUTSKIN_UI_EDITOR_H
#define GUTSKIN_UI_EDITOR_H

#include <stdbool.h>

#include "error.h"
#include "ui/ui.h"

struct editor_session {
    char *folder; /* the private folder */
    char *path;   /* the file in it */
    int status;   /* the editor's exit status; -1 when it could not run or was killed */
    int signal;   /* the signal that ended it, or 0 */
};

/* Writes `text` to a new private file. Fails (with err set) when it cannot be written whole: an
 * editor opening half a text would save half a text. */
int editor_open(struct editor_session *session, const char *text, struct error *err);

/* Runs the editor on the file and waits for it (see above). */
void editor_run(struct ui *ui, struct editor_session *session);

/* The text the editor left, trailing line breaks removed, bytes that are not UTF-8 replaced by
 * U+FFFD (*repaired set); NULL with err set when it cannot be read. `limit` is in bytes. */
char *editor_read(const struct editor_session *session, size_t limit, bool *repaired,
                  struct error *err);

/* Removes the file and its folder when `remove` is true, and frees the session either way. */
void editor_close(struct editor_session *session, bool remove);

#endif
