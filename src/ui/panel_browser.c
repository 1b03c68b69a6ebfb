/* panel_browser.c - lists that narrow a choice beside (or above) the chosen item's text. */
#include "ui/panel_browser.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "ui/keys.h"

/* Narrower than this, the detail goes below the lists; wider lines are hard to read. */
#define BROWSER_DETAIL_MIN 44
#define BROWSER_DETAIL_MAX 100
#define BROWSER_MARKER 2 /* "> " before a label */
#define BROWSER_LIST_MIN 8

/* Where everything goes. Each rectangle includes its title row (stacked: the detail's rule). */
struct browser_layout {
    bool stacked;
    struct draw_rect lists[BROWSER_MAX_LISTS];
    struct draw_rect detail;
};

static struct draw_rect browser_body(struct draw_rect rect)
{
    return (struct draw_rect){rect.y + 1, rect.x, rect.height - 1, rect.width};
}

static int browser_wanted_width(const struct browser_panel *browser)
{
    int total = 0;
    for (int i = 0; i < browser->list_count; i++)
        total += browser->lists[i].width;
    return total;
}

static int browser_min(int a, int b)
{
    return a < b ? a : b;
}

/* Widths for the lists sharing `room` columns (separators excluded). */
static void browser_share_width(const struct browser_panel *browser, int room, int *widths)
{
    int wanted = browser_wanted_width(browser), used = 0;
    for (int i = 0; i < browser->list_count - 1; i++) {
        int width = browser->lists[i].width;
        if (wanted > room)
            width = room * width / wanted;
        widths[i] = width < BROWSER_LIST_MIN ? BROWSER_LIST_MIN : width;
        used += widths[i];
    }
    /* The last list takes what is left when they do not all fit. */
    int last = browser->lists[browser->list_count - 1].width;
    widths[browser->list_count - 1] = wanted > room || last > room - used ? room - used : last;
}

static void browser_layout_stacked(const struct browser_panel *browser, struct draw_rect area,
                                   struct browser_layout *layout)
{
    size_t tallest = 0;
    for (int i = 0; i < browser->list_count; i++)
        if (browser->lists[i].tallest > tallest)
            tallest = browser->lists[i].tallest;
    int height = browser_min((int)tallest + 1, area.height / 2);
    if (height < 3)
        height = 3;
    int widths[BROWSER_MAX_LISTS];
    browser_share_width(browser, area.width - (browser->list_count - 1), widths);
    int x = area.x;
    for (int i = 0; i < browser->list_count; i++) {
        layout->lists[i] = (struct draw_rect){area.y, x, height, widths[i]};
        x += widths[i] + 1;
    }
    layout->detail = (struct draw_rect){area.y + height, area.x + 1, area.height - height,
                                        browser_min(area.width - 2, BROWSER_DETAIL_MAX)};
}

static void browser_layout(const struct browser_panel *browser, struct draw_rect area,
                           struct browser_layout *layout)
{
    memset(layout, 0, sizeof *layout);
    int separators = 2 * browser->list_count; /* a rule and a blank before each next pane */
    layout->stacked = browser_wanted_width(browser) + separators + BROWSER_DETAIL_MIN > area.width;
    if (layout->stacked) {
        browser_layout_stacked(browser, area, layout);
        return;
    }
    int x = area.x;
    for (int i = 0; i < browser->list_count; i++) {
        layout->lists[i] = (struct draw_rect){area.y, x, area.height, browser->lists[i].width};
        x += browser->lists[i].width + 1;
    }
    x++;
    layout->detail = (struct draw_rect){area.y, x, area.height,
                                        browser_min(area.x + area.width - x, BROWSER_DETAIL_MAX)};
}

/* --- rows ---------------------------------------------------------------------------------- */

static void browser_ask_row(const struct browser_list *list, size_t index, struct browser_row *row)
{
    memset(row, 0, sizeof *row);
    row->text = "";
    list->browser->row(list->browser->context, list->index, index, row);
}

static bool browser_row_selectable(void *context, size_t index)
{
    struct browser_row row;
    browser_ask_row(context, index, &row);
    return !row.heading;
}

static enum theme_role browser_row_role(const struct browser_row *row, bool selected, bool focused)
{
    if (row->heading)
        return THEME_HEADING;
    if (selected)
        return focused ? THEME_SELECTED : THEME_HEADING;
    return row->dim ? THEME_DIM : THEME_NORMAL;
}

static void browser_draw_row(void *context, size_t index, bool selected, struct draw_rect rect)
{
    struct browser_list *list = context;
    struct browser_row row;
    browser_ask_row(list, index, &row);
    bool focused = list->browser->focus == list->index;
    enum theme_role role = browser_row_role(&row, selected, focused);
    draw_blank(rect.y, rect.x, rect.width, selected && focused ? role : THEME_NORMAL);
    if (row.heading) {
        draw_text(rect.y, rect.x + 1, rect.width - 1, row.text, role);
        return;
    }
    if (selected)
        draw_text(rect.y, rect.x, BROWSER_MARKER, focused ? ">" : theme_glyph(GLYPH_BULLET), role);
    /* One blank column after the figure keeps it off the rule. */
    int figure = row.right != NULL ? text_width(row.right) + 1 : 0;
    int label_room = rect.width - BROWSER_MARKER - figure - 1;
    draw_text(rect.y, rect.x + BROWSER_MARKER, label_room, row.text, role);
    if (figure > 0)
        draw_text_right(rect.y, rect.x, rect.width - 1, row.right,
                        selected && focused ? role : THEME_DIM);
}

/* --- set-up and data ----------------------------------------------------------------------- */

void browser_panel_init(struct browser_panel *browser, int list_count, browser_row_fn *row,
                        browser_select_fn *selected, void *context)
{
    memset(browser, 0, sizeof *browser);
    browser->list_count = list_count > BROWSER_MAX_LISTS ? BROWSER_MAX_LISTS : list_count;
    browser->row = row;
    browser->selected = selected;
    browser->context = context;
    for (int i = 0; i < browser->list_count; i++) {
        struct browser_list *list = &browser->lists[i];
        list->browser = browser;
        list->index = i;
        list->width = 24;
        list_panel_init(&list->list, browser_draw_row, browser_row_selectable, list);
    }
    text_panel_init(&browser->detail);
}

void browser_panel_release(struct browser_panel *browser)
{
    text_panel_release(&browser->detail);
}

void browser_panel_set_count(struct browser_panel *browser, int list, size_t count)
{
    list_panel_set_count(&browser->lists[list].list, count);
}

void browser_panel_set_size(struct browser_panel *browser, int list, int label_width,
                            int figure_width, size_t tallest)
{
    /* marker, label, a blank and the figure, a blank, the scroll mark */
    int width = BROWSER_MARKER + label_width + (figure_width > 0 ? figure_width + 1 : 0) + 2;
    browser->lists[list].width = width < BROWSER_LIST_MIN ? BROWSER_LIST_MIN : width;
    browser->lists[list].tallest = tallest;
}

/* Titles quote what the person typed (a filter): a long one is cut between characters. */
static void browser_copy_title(char *out, size_t size, const char *text)
{
    snprintf(out, size, "%s", text ? text : "");
    out[text_cut(out, size - 1)] = '\0';
}

void browser_panel_set_title(struct browser_panel *browser, int list, const char *title,
                             const char *right)
{
    struct browser_list *panel_list = &browser->lists[list];
    browser_copy_title(panel_list->title, sizeof panel_list->title, title);
    browser_copy_title(panel_list->title_right, sizeof panel_list->title_right, right);
}

size_t browser_panel_cursor(const struct browser_panel *browser, int list)
{
    return browser->lists[list].list.cursor;
}

void browser_panel_select(struct browser_panel *browser, int list, size_t index)
{
    list_panel_select(&browser->lists[list].list, index);
}

void browser_panel_set_detail(struct browser_panel *browser, const char *title, const char *text,
                              bool keep_scroll)
{
    size_t top = browser->detail.top;
    browser_copy_title(browser->detail_title, sizeof browser->detail_title, title);
    text_panel_set(&browser->detail, text);
    if (keep_scroll)
        browser->detail.top = top; /* drawing clamps it to the new text */
}

void browser_panel_set_focus(struct browser_panel *browser, int focus)
{
    if (focus >= 0 && focus <= browser->list_count)
        browser->focus = focus;
}

/* --- drawing ------------------------------------------------------------------------------- */

static void browser_draw_list(struct browser_list *list, struct draw_rect rect)
{
    int right = text_width(list->title_right);
    int room = rect.width - BROWSER_MARKER - (right > 0 ? right + 2 : 1);
    draw_text(rect.y, rect.x + BROWSER_MARKER, room, list->title, THEME_HEADING);
    if (right > 0 && right + 1 < rect.width)
        draw_text_right(rect.y, rect.x, rect.width - 1, list->title_right, THEME_DIM);
    list_panel_draw(&list->list, browser_body(rect));
}

static void browser_draw_detail(struct browser_panel *browser, const struct browser_layout *layout,
                                struct draw_rect area)
{
    struct draw_rect rect = layout->detail;
    if (layout->stacked) {
        draw_hline(rect.y, area.x, area.width, THEME_DIM);
        if (browser->detail_title[0] != '\0')
            draw_textf(rect.y, rect.x, rect.width, THEME_HEADING, " %s ", browser->detail_title);
    } else {
        draw_text(rect.y, rect.x, rect.width, browser->detail_title, THEME_HEADING);
    }
    text_panel_draw(&browser->detail, browser_body(rect));
}

void browser_panel_draw(struct browser_panel *browser, struct draw_rect area)
{
    if (area.height < 4 || area.width < 2 * BROWSER_LIST_MIN)
        return;
    struct browser_layout layout;
    browser_layout(browser, area, &layout);
    for (int i = 0; i < browser->list_count; i++) {
        struct draw_rect rect = layout.lists[i];
        browser_draw_list(&browser->lists[i], rect);
        if (rect.x + rect.width < area.x + area.width)
            draw_vline(rect.y, rect.x + rect.width, rect.height, THEME_DIM);
    }
    browser_draw_detail(browser, &layout, area);
}

/* --- keys and clicks ----------------------------------------------------------------------- */

/* Tells the owner when the cursor of `list` moved away from `before`. */
static void browser_notify(struct browser_panel *browser, int list, size_t before)
{
    if (browser->lists[list].list.cursor != before && browser->selected != NULL)
        browser->selected(browser->context, list);
}

static enum panel_key_result browser_list_key(struct browser_panel *browser, int key,
                                              struct draw_rect rect)
{
    struct list_panel *list = &browser->lists[browser->focus].list;
    size_t before = list->cursor;
    enum panel_key_result result = list_panel_key(list, key, browser_body(rect));
    if (result == PANEL_MOVED)
        browser_notify(browser, browser->focus, before);
    return result;
}

enum panel_key_result browser_panel_key(struct browser_panel *browser, int key,
                                        struct draw_rect area)
{
    struct browser_layout layout;
    browser_layout(browser, area, &layout);
    int arrow = keys_vi_to_arrow(key);
    if (arrow == KEYS_LEFT || arrow == KEYS_RIGHT) {
        int next = browser->focus + (arrow == KEYS_LEFT ? -1 : 1);
        if (next < 0 || next > browser->list_count)
            return PANEL_IGNORED;
        browser->focus = next;
        return PANEL_MOVED;
    }
    if (key == ' ' || browser->focus == browser->list_count)
        return text_panel_key(&browser->detail, key, browser_body(layout.detail));
    return browser_list_key(browser, key, layout.lists[browser->focus]);
}

static bool browser_inside(struct draw_rect rect, int y, int x)
{
    return y >= rect.y && y < rect.y + rect.height && x >= rect.x && x < rect.x + rect.width;
}

enum panel_key_result browser_panel_click(struct browser_panel *browser, int y, int x,
                                          struct draw_rect area)
{
    struct browser_layout layout;
    browser_layout(browser, area, &layout);
    int focus = browser->focus;
    for (int i = 0; i < browser->list_count; i++) {
        if (!browser_inside(layout.lists[i], y, x))
            continue;
        browser->focus = i;
        size_t before = browser->lists[i].list.cursor;
        if (list_panel_click(&browser->lists[i].list, y, browser_body(layout.lists[i])))
            browser_notify(browser, i, before);
        return browser->focus != focus || browser->lists[i].list.cursor != before ? PANEL_MOVED
                                                                                  : PANEL_STAYED;
    }
    if (y < layout.detail.y)
        return PANEL_IGNORED;
    browser->focus = browser->list_count;
    return browser->focus != focus ? PANEL_MOVED : PANEL_STAYED;
}
