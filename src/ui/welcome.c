/* welcome.c - the first start: which signs to track, and how to add one's own foods. */
#include "ui/welcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tracked.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "xalloc.h"

#define WELCOME_GROUP ((size_t)1 << (sizeof(size_t) * 8 - 1))
#define WELCOME_TEXT_LINES 5

static const char *const welcome_text =
    "Welcome to gutskin. Which signs do you want to track? Everything is ticked: untick what "
    "you never have, so that your daily check-in stays short (Space ticks a sign, or a whole "
    "group). Enter starts your check-in with these; Esc skips (you can come back here from "
    "About with w). Your own foods: in the check-in, / and a name that is not in the list "
    "offers to add it (or: gutskin track add food NAME --category C).";

const struct screen_key_help welcome_help[] = {
    {"Space  x", "tick or untick a sign, or a whole group"},
    {"Enter", "start the check-in with the ticked signs"},
    {"Esc", "skip: keep every sign (About: w)"},
    {NULL, NULL},
};

static bool welcome_group_ticked(const struct welcome *welcome, size_t group)
{
    const struct content *content = welcome->app->content;
    for (size_t i = 0; i < content->sign_count; i++)
        if (content->signs[i].group == group && welcome->tracked[i])
            return true;
    return false;
}

static void welcome_draw_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    struct welcome *welcome = context;
    const struct content *content = welcome->app->content;
    size_t item = welcome->rows[index];
    bool group = (item & WELCOME_GROUP) != 0;
    item &= ~WELCOME_GROUP;
    bool ticked = group ? welcome_group_ticked(welcome, item) : welcome->tracked[item];
    enum theme_role role = selected ? THEME_SELECTED : group ? THEME_HEADING : THEME_NORMAL;
    if (selected)
        draw_blank(row.y, row.x, row.width, THEME_SELECTED);
    char line[200];
    snprintf(line, sizeof line, "%s%s %s", group ? "" : "    ",
             theme_glyph(ticked ? GLYPH_CHECK_ON : GLYPH_CHECK_OFF),
             group ? content->groups[item].name : content->signs[item].label);
    draw_text(row.y, row.x + 1, row.width - 1, line, role);
}

void welcome_init(struct welcome *welcome, struct app *app)
{
    const struct content *content = app->content;
    memset(welcome, 0, sizeof *welcome);
    welcome->app = app;
    welcome->rows = xcalloc(content->group_count + content->sign_count + 1, sizeof *welcome->rows);
    welcome->tracked = xcalloc(content->sign_count + 1, sizeof *welcome->tracked);
    for (size_t g = 0; g < content->group_count; g++) {
        welcome->rows[welcome->row_count++] = g | WELCOME_GROUP;
        for (size_t i = 0; i < content->sign_count; i++)
            if (content->signs[i].group == g)
                welcome->rows[welcome->row_count++] = i;
    }
    for (size_t i = 0; i < content->sign_count; i++)
        welcome->tracked[i] = !content->signs[i].hidden;
    list_panel_init(&welcome->list, welcome_draw_row, NULL, welcome);
    list_panel_set_count(&welcome->list, welcome->row_count);
}

void welcome_release(struct welcome *welcome)
{
    free(welcome->rows);
    free(welcome->tracked);
    welcome->rows = NULL;
    welcome->tracked = NULL;
}

static struct draw_rect welcome_list_area(struct draw_rect area, int text_lines)
{
    return (struct draw_rect){area.y + text_lines + 1, area.x, area.height - text_lines - 1,
                              area.width};
}

static int welcome_text_lines(struct draw_rect area, struct strlist *lines)
{
    text_wrap(welcome_text, area.width - 2, lines);
    int room = area.height / 2;
    return (int)lines->count < room ? (int)lines->count : room;
}

void welcome_draw(struct welcome *welcome, struct draw_rect area)
{
    struct strlist lines = STRLIST_INIT;
    int shown = welcome_text_lines(area, &lines);
    for (int i = 0; i < shown; i++) {
        bool cut = i == shown - 1 && (size_t)shown < lines.count;
        char line[512];
        snprintf(line, sizeof line, "%s%s", lines.items[i], cut ? " …" : "");
        draw_text(area.y + i, area.x + 1, area.width - 2, line, THEME_NORMAL);
    }
    strlist_release(&lines);
    list_panel_draw(&welcome->list, welcome_list_area(area, shown));
}

static void welcome_toggle(struct welcome *welcome)
{
    const struct content *content = welcome->app->content;
    size_t item = welcome->rows[welcome->list.cursor];
    if ((item & WELCOME_GROUP) == 0) {
        welcome->tracked[item] = !welcome->tracked[item];
        return;
    }
    item &= ~WELCOME_GROUP;
    bool tick = !welcome_group_ticked(welcome, item);
    for (size_t i = 0; i < content->sign_count; i++)
        if (content->signs[i].group == item)
            welcome->tracked[i] = tick;
}

/* Records that a choice was made (even "keep everything" or a skip, which change no item), so
 * that the first start is not shown again; false (with a message) on an error. */
static bool welcome_keep_choice(struct welcome *welcome)
{
    struct app *app = welcome->app;
    struct error err = {ERROR_NONE, ""};
    if (app->own_dir == NULL) {
        ui_error(app->ui, "cannot keep your choices: no home folder to keep them in");
        return false;
    }
    if (tracked_keep_choices(app->own_dir, &err) != 0) {
        ui_error(app->ui, "cannot keep your choices: %s", err.message);
        return false;
    }
    return true;
}

/* Hides the unticked signs and shows the ticked ones; false (with a message) on an error. */
static bool welcome_save(struct welcome *welcome)
{
    struct app *app = welcome->app;
    struct error err = {ERROR_NONE, ""};
    if (!welcome_keep_choice(welcome))
        return false;
    size_t hidden = 0;
    for (size_t i = 0; i < app->content->sign_count; i++) {
        bool hide = !welcome->tracked[i];
        hidden += hide;
        if (app->content->signs[i].hidden == hide)
            continue;
        if (tracked_set_hidden(app->content, app->own_dir, "sign", app->content->signs[i].id, hide,
                               &err) != 0) {
            ui_error(app->ui, "cannot keep your choices: %s", err.message);
            return false;
        }
    }
    ui_message(app->ui, "Tracking %zu signs%s", app->content->sign_count - hidden,
               hidden ? " (About lists the hidden ones)" : "");
    return true;
}

enum welcome_result welcome_key(struct welcome *welcome, int key, struct draw_rect area,
                                enum panel_key_result *handled)
{
    struct strlist lines = STRLIST_INIT;
    int shown = welcome_text_lines(area, &lines);
    strlist_release(&lines);
    *handled = PANEL_MOVED;
    if (key == ' ' || key == 'x') {
        welcome_toggle(welcome);
        list_panel_key(&welcome->list, KEYS_DOWN, welcome_list_area(area, shown));
        return WELCOME_GOING;
    }
    if (key == KEYS_ENTER)
        return welcome_save(welcome) ? WELCOME_DONE : WELCOME_GOING;
    if (key == KEYS_ESCAPE) {
        /* A skip goes to the check-in even when it could not be kept (the message says so). */
        welcome_keep_choice(welcome);
        return WELCOME_SKIPPED;
    }
    *handled =
        list_panel_key(&welcome->list, keys_vi_to_arrow(key), welcome_list_area(area, shown));
    return WELCOME_GOING;
}
