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
#include "ui/panel.h"

typedef void list_draw_row_fn(void *context, size_t index, bool selected, struct draw_rect row);
typedef bool list_selectable_fn(void *context, size_t index);

struct list_panel {
    size_t count;
    size_t cursor;
    size_t top; /* first row shown */
    list_draw_row_fn *draw_row;
    list_selectable_fn *selectable; /* NULL: every row */
    void *context;
    int column_width; /* 0: one column; else as many columns of this width as fit */
    int columns;      /* columns and rows per column of the last draw, for Left/Right */
    int column_rows;
};

void list_panel_init(struct list_panel *list, list_draw_row_fn *draw_row,
                     list_selectable_fn *selectable, void *context);

/* Sets the number of rows and keeps the cursor on a selectable row inside the list. */
void list_panel_set_count(struct list_panel *list, size_t count);

/* Moves the cursor to `index` (or the nearest selectable row after it). */
void list_panel_select(struct list_panel *list, size_t index);

/* Lets the list flow into several columns of `width` when the area is wide enough (rows run
 * down the first column, then the next); Left/Right then move between columns. */
void list_panel_set_column_width(struct list_panel *list, int width);

/* Draws the visible rows in `area`, scrolling so the cursor is visible, with a scroll
 * indicator in the last column when the list is longer than the area. */
void list_panel_draw(struct list_panel *list, struct draw_rect area);

/* Handles a movement key: PANEL_MOVED when the cursor moved, PANEL_STAYED when it was at the
 * end already, PANEL_IGNORED for any other key. */
enum panel_key_result list_panel_key(struct list_panel *list, int key, struct draw_rect area);

/* Moves the cursor to the row shown at screen position (y, x); returns true when that row
 * exists and can be selected. list_panel_click() is the same for a one-column list. */
bool list_panel_click_at(struct list_panel *list, int y, int x, struct draw_rect area);
bool list_panel_click(struct list_panel *list, int y, struct draw_rect area);

#endif
