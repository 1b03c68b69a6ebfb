/*
 * screen.h - what a screen is: a small table of operations over its own state.
 *
 * The screen manager (ui.h) owns the terminal. It allocates each screen's state from the size the
 * screen declares, calls init once, enter each time the screen becomes visible, key for every key
 * the screen should see, draw when what the screen shows changed (the key's result says so, see
 * enum screen_result), and leave before another screen (or quitting) takes over. Only the
 * manager refreshes the terminal; screens draw into the rectangle given, all of it.
 *
 * Screens read and write data only through the journal and content APIs in `struct app`; they
 * never see SQL or YAML.
 */
#ifndef GUTSKIN_UI_SCREEN_H
#define GUTSKIN_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "dates.h"
#include "journal.h"
#include "ui/draw.h"
#include "ui/panel.h"

enum screen_id {
    SCREEN_CHECKIN,
    SCREEN_HISTORY,
    SCREEN_TRENDS,
    SCREEN_FOODS,
    SCREEN_SIGNS,
    SCREEN_LIFESTYLE,
    SCREEN_ABOUT,
    SCREEN_COUNT
};

/* What one screen asks of another: "open this day", "show this metric". The manager switches
 * screens; the target screen reads and clears the request in its enter(). */
struct app_request {
    int open_day;    /* a day number, or -1 */
    bool welcome;    /* the check-in shows the first start again */
    char metric[64]; /* a metric id to focus, or "" */
};

struct screen_ops;

/* Everything the screens share. */
struct app {
    struct journal *journal;
    /* Screens read it; the check-in and About change it through tracked.h (own items, hidden
     * items) and then call ui_reload_screens(), since an added item moves its array. */
    struct content *content;
    char *own_dir; /* the person's content folder (tracked.yaml), or NULL: no changes */
    bool welcome;  /* show the first start (in the check-in) */
    const char *journal_path;
    int today; /* the day number of today, fixed at start */
    struct ui *ui;
    struct app_request request;
    const char *startup_notice; /* shown in the status line of the first frame, or NULL */
    char backup_notice[640];    /* a failed automatic backup, shown after the key that saved */
    const struct screen_ops *const *screens; /* the app's screens, in tab order (see ui_run) */
    size_t screen_count;
};

/* What a key, a click or a slice of work did, and so what the manager must draw again: nothing
 * more (a key that changes nothing sends nothing to the terminal). The values are bits, to be
 * combined with |: a key that changes the screen's area and its status hint returns
 * SCREEN_REDRAW_BODY | SCREEN_REDRAW_STATUS. Every value but SCREEN_IGNORED has the bit of
 * SCREEN_UNCHANGED, "the screen took it".
 *
 * The manager marks by itself what its own calls change: messages and errors (ui_message,
 * ui_error), questions and prompts (the status line; a live prompt's changes redraw the area),
 * the help and the reader, ui_switch_screen, ui_busy, a new terminal size, coming back from an
 * editor or the shell. A handler answers only for what the screen itself draws. */
enum screen_result {
    SCREEN_IGNORED = 0,        /* not the screen's: the manager tries the keys all screens share */
    SCREEN_UNCHANGED = 1 << 0, /* taken, and nothing the screen shows changed: nothing is drawn */
    SCREEN_REDRAW_STATUS = SCREEN_UNCHANGED | 1 << 1, /* the status line: its mode_hint changed */
    SCREEN_REDRAW_BODY = SCREEN_UNCHANGED | 1 << 2,   /* the screen's area (draw is called) */
    /* The whole frame from blank: the tab bar, the area and the status line. */
    SCREEN_REDRAW_ALL = SCREEN_REDRAW_STATUS | SCREEN_REDRAW_BODY | 1 << 3,
    SCREEN_QUIT = SCREEN_UNCHANGED | 1 << 4, /* asks to quit the app (leave() is asked first) */
};

/* A panel's answer to a key as a screen's: the area is drawn again only when something moved. */
static inline enum screen_result screen_panel_result(enum panel_key_result result)
{
    return result == PANEL_MOVED    ? SCREEN_REDRAW_BODY
           : result == PANEL_STAYED ? SCREEN_UNCHANGED
                                    : SCREEN_IGNORED;
}

/* One line of the `?` help overlay. A table ends with a {NULL, NULL} entry. */
struct screen_key_help {
    const char *keys;
    const char *what;
};

struct screen_ops {
    const char *title; /* the tab label */
    size_t state_size; /* bytes of private state, zeroed before init */
    void (*init)(void *state, struct app *app);
    void (*release)(void *state);
    /* The content changed (an item added, hidden or renamed; its arrays may have moved): build
     * again what was built from it, keeping what the person chose, by id. Optional: without it
     * the manager releases the state and calls init again. */
    void (*reload)(void *state, struct app *app);
    /* Becoming visible: reload what may have changed, honour app->request. Optional. */
    void (*enter)(void *state, struct app *app);
    /* Another screen is about to take over or the app is quitting: return false to stay (e.g.
     * the person cancelled a "save changes?" question). Optional. */
    bool (*leave)(void *state, struct app *app);
    /* Draws the whole area; called only when a result, a tick or the manager asked for it. */
    void (*draw)(void *state, struct app *app, struct draw_rect area);
    enum screen_result (*key)(void *state, struct app *app, int key, struct draw_rect area);
    /* A mouse click at (y, x) inside the area. Optional. */
    enum screen_result (*click)(void *state, struct app *app, int y, int x, struct draw_rect area);
    /* Plain digits are values here (ratings, numbers): the tab bar then shows the keys that
     * switch screens on this screen (Alt-1..7, Tab), and a digit never switches. */
    bool digits_are_values;
    /* The app is idle (no key for half a second, outside any question or prompt): keep a draft,
     * notice writes made elsewhere. Returns what to draw again, as a key does: SCREEN_UNCHANGED
     * when nothing shown changed (a tick cannot quit). Optional. */
    enum screen_result (*tick)(void *state, struct app *app);
    /* Work done in slices between keys (the Trends insights over years of days): while pending()
     * is true the main loop does not wait for a key but calls work() for one slice of a few
     * milliseconds, drawing what its result asks for, so keys are never held up for long.
     * Optional. */
    bool (*pending)(void *state, struct app *app);
    enum screen_result (*work)(void *state, struct app *app);
    /* The app is being stopped by a signal (SIGHUP, SIGTERM): keep what can be kept, e.g. a
     * draft, quickly and without asking. Called outside the signal handler. Optional. */
    void (*interrupted)(void *state, struct app *app);
    /* One line for About's list of screens ("your past days; Enter opens one"), or NULL. */
    const char *about;
    /* The status line's hint while the screen is in a mode of its own (the first start in the
     * check-in), or NULL for status_hint. Optional. */
    const char *(*mode_hint)(void *state);
    /* The `?` help's table while the screen is in a mode of its own, or NULL for help. Optional. */
    const struct screen_key_help *(*mode_help)(void *state);
    /* A short hint for the status line, e.g. "0-4 rate  ^S save". */
    const char *status_hint;
    const struct screen_key_help *help;
};

extern const struct screen_ops checkin_screen;
extern const struct screen_ops history_screen;
extern const struct screen_ops trends_screen;
extern const struct screen_ops foods_screen;
extern const struct screen_ops signs_screen;
extern const struct screen_ops lifestyle_screen;
extern const struct screen_ops about_screen;

#endif
