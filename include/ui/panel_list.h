/*
 * panel_list.h - a scrolling list with a cursor, drawn through callbacks.
 *
 * The list knows only how many rows there are; the owner draws each row and says which rows can
 * take the cursor (headings cannot). Movement keys: arrows, j/k, g/G, Home/End, PgUp/PgDn.
 */
#ifndef GUTSKIN_UI_PANEL_LIST_H
#define GUTSKIN_UI_PANEL_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/draw.h"

typedef void list_draw_row_fn(void *context, size_t index, bool selected, struct draw_rect row);
typedef bool list_selectable_fn(void *context, size_t index);

struct list_panel {
    size_t count;
    size_t cursor;
    size_t top; /* first row shown */
    list_draw_row_fn *draw_row;
    list_selectable_fn *selectable; /* NULL: every row */
    void *context;
};

void list_panel_init(struct list_panel *list, list_draw_row_fn *draw_row,
                     list_selectable_fn *selectable, void *context);

/* Sets the number of rows and keeps the cursor on a selectable row inside the list. */
void list_panel_set_count(struct list_panel *list, size_t count);

/* Moves the cursor to `index` (or the nearest selectable row after it). */
void list_panel_select(struct list_panel *list, size_t index);

/* Draws the visible rows in `area`, scrolling so the cursor is visible, with a scroll
 * indicator in the last column when the list is longer than the area. */
void list_panel_draw(struct list_panel *list, struct draw_rect area);

/* Handles a movement key; returns true when the key was one. */
bool list_panel_key(struct list_panel *list, int key, struct draw_rect area);

/* Moves the cursor to the row shown at screen line `y`; returns true when that row exists and
 * can be selected. */
bool list_panel_click(struct list_panel *list, int y, struct draw_rect area);

#endif
