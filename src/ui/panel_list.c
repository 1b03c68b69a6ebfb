/* panel_list.c - a scrolling, callback-drawn list with a cursor. */
#include "ui/panel_list.h"

#include "ui/keys.h"

void list_panel_init(struct list_panel *list, list_draw_row_fn *draw_row,
                     list_selectable_fn *selectable, void *context)
{
    *list = (struct list_panel){.draw_row = draw_row, .selectable = selectable, .context = context};
}

static bool can_select(const struct list_panel *list, size_t index)
{
    return index < list->count &&
           (list->selectable == NULL || list->selectable(list->context, index));
}

/* The nearest selectable row from `index` going in `direction` (+1/-1); `index` itself when none.
 */
static size_t find_selectable(const struct list_panel *list, size_t index, int direction)
{
    for (size_t i = index; i<list->count; i = direction> 0 ? i + 1 : i - 1) {
        if (can_select(list, i))
            return i;
        if (direction < 0 && i == 0)
            break;
    }
    return index;
}

void list_panel_select(struct list_panel *list, size_t index)
{
    if (list->count == 0) {
        list->cursor = list->top = 0;
        return;
    }
    if (index >= list->count)
        index = list->count - 1;
    size_t found = find_selectable(list, index, +1);
    if (!can_select(list, found))
        found = find_selectable(list, index, -1);
    list->cursor = found;
}

void list_panel_set_count(struct list_panel *list, size_t count)
{
    list->count = count;
    list_panel_select(list, list->cursor);
    if (list->top >= count)
        list->top = 0;
}

static void scroll_to_cursor(struct list_panel *list, int height)
{
    size_t rows = height > 0 ? (size_t)height : 1;
    if (list->cursor < list->top)
        list->top = list->cursor;
    if (list->cursor >= list->top + rows)
        list->top = list->cursor - rows + 1;
    /* Show a heading just above the first selectable row instead of cutting it off. */
    if (list->top > 0 && list->top == list->cursor && !can_select(list, list->top - 1))
        list->top--;
    /* No empty rows below the last while rows above are hidden: when the window grows (or the
     * list shrinks) the list scrolls back, the cursor staying in view. */
    size_t most = list->count > rows ? list->count - rows : 0;
    if (list->top > most)
        list->top = most;
}

void list_panel_set_column_width(struct list_panel *list, int width)
{
    list->column_width = width;
}

static int list_column_count(const struct list_panel *list, struct draw_rect area)
{
    if (list->column_width <= 0 || area.width < 2 * list->column_width)
        return 1;
    int columns = area.width / list->column_width;
    /* No empty columns: a short list keeps its rows together. */
    size_t needed = (list->count + (size_t)area.height - 1) / (size_t)area.height;
    if (needed < 1)
        needed = 1;
    return (size_t)columns > needed ? (int)needed : columns;
}

static void draw_scroll_marks(const struct list_panel *list, struct draw_rect area, size_t shown)
{
    if (list->top > 0)
        draw_text(area.y, area.x + area.width - 1, 1, theme_glyph(GLYPH_ARROW_UP), THEME_DIM);
    if (list->top + shown < list->count)
        draw_text(area.y + area.height - 1, area.x + area.width - 1, 1,
                  theme_glyph(GLYPH_ARROW_DOWN), THEME_DIM);
}

void list_panel_draw(struct list_panel *list, struct draw_rect area)
{
    if (area.height <= 0 || area.width <= 0)
        return;
    int columns = list_column_count(list, area);
    size_t shown = (size_t)columns * (size_t)area.height;
    list->columns = columns;
    list->column_rows = area.height;
    scroll_to_cursor(list, (int)shown);
    bool scrolls = list->count > shown;
    /* Columns keep their natural width instead of stretching across a very wide terminal. */
    int column_width = columns > 1 ? list->column_width : area.width;
    int width = (scrolls && columns == 1) ? area.width - 1 : column_width - (columns > 1);
    for (size_t slot = 0; slot < shown; slot++) {
        size_t index = list->top + slot;
        if (index >= list->count)
            break;
        int column = (int)(slot / (size_t)area.height), line = (int)(slot % (size_t)area.height);
        struct draw_rect row = {area.y + line, area.x + column * column_width, 1, width};
        list->draw_row(list->context, index, index == list->cursor, row);
    }
    if (scrolls)
        draw_scroll_marks(list, area, shown);
}

static void move_by(struct list_panel *list, long steps)
{
    if (list->count == 0)
        return;
    int direction = steps > 0 ? 1 : -1;
    size_t index = list->cursor;
    for (long moved = 0; moved != steps; moved += direction) {
        size_t next = index;
        do {
            if ((direction < 0 && next == 0) || (direction > 0 && next + 1 >= list->count))
                goto done;
            next = direction > 0 ? next + 1 : next - 1;
        } while (!can_select(list, next));
        index = next;
    }
done:
    list->cursor = index;
}

/* Moves the cursor for a movement key; false for any other key. */
static bool list_move(struct list_panel *list, int key, struct draw_rect area)
{
    long page = area.height > 2 ? area.height - 1 : 1;
    switch (keys_vi_to_arrow(key)) {
    case KEYS_LEFT:
    case KEYS_RIGHT:
        if (list->columns <= 1)
            return false;
        move_by(list, key == KEYS_LEFT || key == 'h' ? -list->column_rows : list->column_rows);
        return true;
    case KEYS_UP:
        move_by(list, -1);
        return true;
    case KEYS_DOWN:
        move_by(list, +1);
        return true;
    case KEYS_PAGE_UP:
        move_by(list, -page);
        return true;
    case KEYS_PAGE_DOWN:
        move_by(list, +page);
        return true;
    case KEYS_HOME:
        list_panel_select(list, 0);
        return true;
    case KEYS_END:
        if (list->count > 0) {
            list->cursor = find_selectable(list, list->count - 1, -1);
        }
        return true;
    default:
        return false;
    }
}

enum panel_key_result list_panel_key(struct list_panel *list, int key, struct draw_rect area)
{
    /* The cursor is all a key changes: the rows shown follow it when the list is drawn. */
    size_t before = list->cursor;
    if (!list_move(list, key, area))
        return PANEL_IGNORED;
    return list->cursor != before ? PANEL_MOVED : PANEL_STAYED;
}

bool list_panel_click_at(struct list_panel *list, int y, int x, struct draw_rect area)
{
    if (y < area.y || y >= area.y + area.height || x < area.x)
        return false;
    int columns = list->columns > 0 ? list->columns : 1;
    int column = columns > 1 ? (x - area.x) / list->column_width : 0;
    if (column >= columns)
        column = columns - 1;
    size_t index = list->top + (size_t)column * (size_t)area.height + (size_t)(y - area.y);
    if (!can_select(list, index))
        return false;
    list->cursor = index;
    return true;
}

bool list_panel_click(struct list_panel *list, int y, struct draw_rect area)
{
    return list_panel_click_at(list, y, area.x, area);
}
