/*
 * screen_lifestyle.c - the Lifestyle guide: changes that support the gut-skin axis (sleep,
 * stress, movement...), what to do concretely, and beside the advice the person's own recent
 * figures for the habits the check-in tracks.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui/guide.h"
#include "ui/keys.h"
#include "ui/panel_browser.h"
#include "ui/screen.h"
#include "ui/ui.h"
#include "xalloc.h"

#define LIFESTYLE_LIST 0
#define LIFESTYLE_WINDOW 14
#define LIFESTYLE_NONE SIZE_MAX

struct lifestyle_state {
    struct guide_screen base; /* first: the guide operations take the state as one */
    size_t detail_intervention;
};

static const struct content_intervention *lifestyle_current(const struct lifestyle_state *state)
{
    size_t cursor = browser_panel_cursor(&state->base.browser, LIFESTYLE_LIST);
    const struct content *content = state->base.app->content;
    return cursor < content->intervention_count ? &content->interventions[cursor] : NULL;
}

/* "sleep quality" inside a sentence; labels are written capitalised for the check-in. */
static char *lifestyle_lower_first(const char *label)
{
    char *text = xstrdup(label);
    if (isupper((unsigned char)text[0]) && !isupper((unsigned char)text[1]))
        text[0] = (char)tolower((unsigned char)text[0]);
    return text;
}

static void lifestyle_describe_habit(const struct content_habit *habit,
                                     const struct guide_figures *figures, struct strlist *lines)
{
    int days = figures->days, logged = figures->logged;
    if (logged == 0) {
        strlist_pushf(lines, "- %s: not logged in the last %d days", habit->label, days);
        return;
    }
    if (habit->kind == CONTENT_HABIT_YES_NO) {
        strlist_pushf(lines, "- %s on %d of the last %d days (%d day%s logged)", habit->label,
                      figures->positive, days, logged, guide_plural(logged));
        return;
    }
    char *label = lifestyle_lower_first(habit->label);
    if (habit->kind == CONTENT_HABIT_AMOUNT)
        strlist_pushf(lines, "- Your average %s in the last %d days: %.1f %s (%d day%s logged)",
                      label, days, figures->mean, habit->unit, logged, guide_plural(logged));
    else
        strlist_pushf(lines,
                      "- Your average %s in the last %d days: %.1f on the %g-%g scale (%d day%s "
                      "logged)",
                      label, days, figures->mean, habit->min, habit->max, logged,
                      guide_plural(logged));
    free(label);
}

static void lifestyle_describe_habits(struct lifestyle_state *state,
                                      const struct content_intervention *intervention,
                                      struct strlist *lines)
{
    struct app *app = state->base.app;
    guide_add_heading(lines, "Your check-ins");
    if (intervention->habits.count == 0) {
        strlist_push(lines, "The check-in does not track this one; the day's note is a good "
                            "place to write how it goes.");
        return;
    }
    for (size_t i = 0; i < intervention->habits.count; i++) {
        const struct content_habit *habit =
            content_find_habit(app->content, intervention->habits.items[i]);
        struct guide_figures figures;
        struct error err = {0};
        if (habit == NULL)
            continue;
        if (guide_read_figures(app->journal, JOURNAL_SERIES_METRIC, habit->id, app->today,
                               LIFESTYLE_WINDOW, &figures, &err) != 0)
            strlist_pushf(lines, "- %s: your journal could not be read: %s", habit->label,
                          err.message);
        else
            lifestyle_describe_habit(habit, &figures, lines);
    }
    strlist_push(lines, "- c logs it in today's check-in, t shows its trend");
}

static void lifestyle_describe(struct lifestyle_state *state,
                               const struct content_intervention *intervention,
                               struct strlist *lines)
{
    guide_add_paragraph(lines, intervention->summary);
    guide_add_evidence(lines, state->base.app->content, intervention->evidence,
                       &intervention->sources);
    guide_add_heading(lines, "What you can do");
    for (size_t i = 0; i < intervention->strategies.count; i++)
        strlist_pushf(lines, "- %s", intervention->strategies.items[i]);
    lifestyle_describe_habits(state, intervention, lines);
    guide_add_caution(lines, state->base.app->content);
}

/* Shows the chosen intervention; `refresh`: also when it is the one shown. */
static void lifestyle_show_detail(struct lifestyle_state *state, bool refresh)
{
    const struct content_intervention *intervention = lifestyle_current(state);
    size_t index = intervention ? (size_t)(intervention - state->base.app->content->interventions)
                                : LIFESTYLE_NONE;
    if (index == state->detail_intervention && !refresh)
        return;
    bool same = index == state->detail_intervention;
    state->detail_intervention = index;
    struct strlist lines = STRLIST_INIT;
    if (intervention != NULL)
        lifestyle_describe(state, intervention, &lines);
    char *text = guide_join(&lines);
    browser_panel_set_detail(&state->base.browser, intervention ? intervention->name : "", text,
                             same);
    free(text);
    strlist_release(&lines);
}

static void lifestyle_selected(void *context, int list)
{
    (void)list;
    lifestyle_show_detail(context, false);
}

/* Opens the first habit that measures the chosen intervention in `screen`. */
static void lifestyle_open(struct lifestyle_state *state, enum screen_id screen)
{
    const struct content_intervention *intervention = lifestyle_current(state);
    if (intervention == NULL)
        return;
    if (intervention->habits.count == 0) {
        ui_message(state->base.app->ui, "The check-in does not track \"%s\"", intervention->name);
        return;
    }
    guide_open_metric(state->base.app, screen, intervention->habits.items[0]);
}

/* --- the screen ---------------------------------------------------------------------------- */

static void lifestyle_row(void *context, int list, size_t index, struct browser_row *row)
{
    struct lifestyle_state *state = context;
    (void)list;
    row->text = state->base.app->content->interventions[index].name;
}

static void lifestyle_reload(void *opaque)
{
    struct lifestyle_state *state = opaque;
    lifestyle_show_detail(state, true);
}

static void lifestyle_init(void *opaque, struct app *app)
{
    struct lifestyle_state *state = opaque;
    const struct content *content = app->content;
    state->base.app = app;
    state->base.reload = lifestyle_reload;
    state->detail_intervention = LIFESTYLE_NONE;
    browser_panel_init(&state->base.browser, 1, lifestyle_row, lifestyle_selected, state);
    int widest = 0;
    for (size_t i = 0; i < content->intervention_count; i++) {
        int width = text_width(content->interventions[i].name);
        widest = width > widest ? width : widest;
    }
    browser_panel_set_size(&state->base.browser, LIFESTYLE_LIST, widest, 0,
                           content->intervention_count);
    browser_panel_set_title(&state->base.browser, LIFESTYLE_LIST, "Changes that help", NULL);
    browser_panel_set_count(&state->base.browser, LIFESTYLE_LIST, content->intervention_count);
}

static enum screen_result lifestyle_key(void *opaque, struct app *app, int key,
                                        struct draw_rect area)
{
    struct lifestyle_state *state = opaque;
    (void)app;
    enum screen_result moved =
        screen_panel_result(browser_panel_key(&state->base.browser, key, area));
    if (moved != SCREEN_IGNORED)
        return moved;
    switch (key) {
    case KEYS_ENTER:
        browser_panel_set_focus(&state->base.browser, state->base.browser.list_count);
        return SCREEN_REDRAW_BODY;
    case 'c':
        lifestyle_open(state, SCREEN_CHECKIN); /* a switch or a message: the manager's own */
        return SCREEN_UNCHANGED;
    case 't':
        lifestyle_open(state, SCREEN_TRENDS);
        return SCREEN_UNCHANGED;
    default:
        return SCREEN_IGNORED;
    }
}

static const struct screen_key_help lifestyle_help[] = {
    {"Up Down  j k", "choose a change, or scroll its detail"},
    {"Left Right  h l", "move between the list and the detail"},
    {"Enter", "read the detail (Left goes back)"},
    {"Space", "page down the detail"},
    {"c", "log its habit in today's check-in"},
    {"t", "see its habit's trend"},
    {NULL, NULL},
};

const struct screen_ops lifestyle_screen = {
    .title = "Lifestyle",
    .state_size = sizeof(struct lifestyle_state),
    .init = lifestyle_init,
    .release = guide_screen_release,
    .enter = guide_screen_enter,
    .draw = guide_screen_draw,
    .key = lifestyle_key,
    .click = guide_screen_click,
    .about = "what to change, with your own recent figures beside the advice",
    .status_hint = "j/k choose  Space page  c log today  t trend",
    .help = lifestyle_help,
};
