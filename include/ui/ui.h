/*
 * ui.h - the screen manager: owns the terminal, the tab bar, the status line and the event loop.
 *
 * ui_run() sets the terminal up (ncursesw, the locale's character set, colours unless NO_COLOR),
 * shows the screens as tabs and runs until the person quits. It restores the terminal on every
 * way out: a normal quit, Ctrl-C, SIGTERM, a crash signal, or exit().
 *
 * Headless mode for tests: when the environment variable GUTSKIN_TEST_SCRIPT names a file, keys
 * come from that script instead of the keyboard and the terminal is simulated at the size the
 * script gives; the `dump` command writes the screen as text to standard output. See
 * tests/screens/README.md for the script language.
 *
 * The dialog functions below are for screens: they run their own small loop, reading keys from
 * the same source as the main loop, and return when answered.
 */
#ifndef GUTSKIN_UI_UI_H
#define GUTSKIN_UI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/screen.h"

struct ui;

/* Runs the app on `app` (journal and content already open) with the `count` screens of
 * `screens` (indexed by enum screen_id, in tab order; at most 9, one digit each), starting at
 * `first`. The tab bar, the help's keys and About's list come from this table. Returns the
 * process exit status. */
int ui_run(struct app *app, const struct screen_ops *const *screens, size_t count,
           enum screen_id first);

/* Shows a message in the status line until the next key. */
void ui_message(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Shows an error message (highlighted) in the status line until the next key. */
void ui_error(struct ui *ui, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Asks a question in the status line; returns the chosen key among `choices` (e.g. "ync"), or
 * 0 when the person pressed Escape. The first choice is taken by Enter. */
int ui_choose(struct ui *ui, const char *question, const char *choices);

/* A yes/no question; Escape and n are no. */
bool ui_confirm(struct ui *ui, const char *question);

/* Reads a line of text in the status line, starting from `initial`. Returns a newly allocated
 * string, or NULL when the person pressed Escape. */
char *ui_prompt(struct ui *ui, const char *label, const char *initial);

/* Like ui_prompt, calling `changed(text, context)` after every edit so a screen can filter as the
 * person types (and redraws behind the prompt). */
char *ui_prompt_live(struct ui *ui, const char *label, const char *initial,
                     void (*changed)(const char *text, void *context), void *context);

/* Like ui_prompt, for a value of the day that must not be lost before it is confirmed (a note
 * written inline): `keep(text, context)` gets the text as it stands after every edit, at every
 * pause of half a second, and at once when SIGHUP or SIGTERM stops the app (before the screens'
 * interrupted()), so that the screen can keep it in a draft. Escape or Enter ends the keeping;
 * the screen then forgets or takes the text itself. */
char *ui_prompt_kept(struct ui *ui, const char *label, const char *initial,
                     void (*keep)(const char *text, void *context), void *context);

/* Shows "working" text in the status line at once, before a slow step (seconds of statistics on
 * years of data), so the screen never looks frozen. The next frame replaces it. */
void ui_busy(struct ui *ui, const char *text);

/* Leaves curses so that an external program ($EDITOR) can use the terminal, and comes back. */
void ui_suspend(struct ui *ui);
void ui_resume(struct ui *ui);

/* The text of the last KEYS_PASTE (UTF-8, line breaks as '\n'); "" when there was none. A paste
 * is text: ui_prompt() inserts it, and screens must never read it as keys. */
const char *ui_paste_text(const struct ui *ui);

/* True in headless test mode (no external editor is started then). */
bool ui_is_headless(const struct ui *ui);

/* After the content changed (an item added, hidden or shown): every screen but the current one
 * is built again from it; the current one rebuilds what it shows itself. */
void ui_reload_screens(struct ui *ui);

/* Shows `text` (a person's own, such as a note) in a scrolling, read-only view over the
 * screen, wrapped to its width with every line break kept; Esc or q closes it. */
void ui_read_text(struct ui *ui, const char *title, const char *text);

/* Switches to another screen (after the current one agreed to leave). */
void ui_switch_screen(struct ui *ui, enum screen_id screen);

#endif
