/*
 * panel_browser.h - lists side by side that narrow a choice, and the chosen item's text.
 *
 * A browser is one to three lists (a category, then its items) followed by a detail pane of
 * wrapped text (panel_text.h markup). On a wide area they stand side by side, separated by rules;
 * when the detail would be too narrow to read, the lists stay on top and the detail goes below.
 *
 * The owner keeps the data: the browser asks for each row through one callback and tells another
 * which list's cursor moved, so the owner can refill the lists to its right and the detail.
 * Keys: Left/Right (h/l) move the focus between the lists and the detail, Up/Down and the other
 * list keys move within the focused list or scroll the focused detail, Space pages the detail
 * from anywhere.
 */
#ifndef GUTSKIN_UI_PANEL_BROWSER_H
#define GUTSKIN_UI_PANEL_BROWSER_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"
#include "ui/panel_list.h"
#include "ui/panel_text.h"

#define BROWSER_MAX_LISTS 3

/* What the owner says about one row; the browser fills it with blanks before asking. */
struct browser_row {
    const char *text;  /* the label */
    const char *right; /* a short figure shown right-aligned, or NULL */
    bool heading;      /* a heading between items: drawn, never selected */
    bool dim;          /* an item of less interest (e.g. no match in it) */
};

typedef void browser_row_fn(void *context, int list, size_t index, struct browser_row *row);
/* The cursor of `list` moved (a key or a click). */
typedef void browser_select_fn(void *context, int list);

struct browser_panel;

struct browser_list {
    struct list_panel list;
    struct browser_panel *browser;
    int index;
    char title[128];
    char title_right[32];
    int width;      /* columns wanted: marker, widest label, figure */
    size_t tallest; /* most rows it will hold, for the stacked layout's height */
};

struct browser_panel {
    struct browser_list lists[BROWSER_MAX_LISTS];
    int list_count;
    struct text_panel detail;
    char detail_title[128];
    int focus; /* 0 .. list_count - 1: a list; list_count: the detail */
    browser_row_fn *row;
    browser_select_fn *selected;
    void *context;
};

void browser_panel_init(struct browser_panel *browser, int list_count, browser_row_fn *row,
                        browser_select_fn *selected, void *context);
void browser_panel_release(struct browser_panel *browser);

/* The number of rows of a list; the cursor stays on a selectable row. */
void browser_panel_set_count(struct browser_panel *browser, int list, size_t count);

/* The size a list asks for: the widest label and figure it will show, and its most rows. */
void browser_panel_set_size(struct browser_panel *browser, int list, int label_width,
                            int figure_width, size_t tallest);

/* The title above a list, and an optional right-aligned caption for its figures. */
void browser_panel_set_title(struct browser_panel *browser, int list, const char *title,
                             const char *right);

size_t browser_panel_cursor(const struct browser_panel *browser, int list);
void browser_panel_select(struct browser_panel *browser, int list, size_t index);

/* Replaces the detail. `keep_scroll`: the same item was refreshed, stay where the reader is. */
void browser_panel_set_detail(struct browser_panel *browser, const char *title, const char *text,
                              bool keep_scroll);

void browser_panel_set_focus(struct browser_panel *browser, int focus);

void browser_panel_draw(struct browser_panel *browser, struct draw_rect area);

/* Handles a movement key: PANEL_MOVED when the focus, a cursor or the detail's scroll changed,
 * PANEL_STAYED when the key found nothing to move, PANEL_IGNORED for any other key. */
enum panel_key_result browser_panel_key(struct browser_panel *browser, int key,
                                        struct draw_rect area);

/* Focuses the list or the detail under the click and selects the row clicked: PANEL_MOVED when
 * the focus or a cursor changed, PANEL_STAYED when the click landed on what was already chosen,
 * PANEL_IGNORED when it was outside the browser. */
enum panel_key_result browser_panel_click(struct browser_panel *browser, int y, int x,
                                          struct draw_rect area);

#endif
