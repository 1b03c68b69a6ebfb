/*
 * screen_foods.c - the Foods guide: food categories, their foods and why each one matters for the
 * gut and the skin, with how often the person ate it lately. A filter searches every category;
 * one key adds the food to today's check-in.
 */
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

#define FOODS_CATEGORIES 0
#define FOODS_FOODS 1
#define FOODS_WINDOW 30 /* days of "how often lately" */
#define FOODS_NONE SIZE_MAX

/* A row of the foods list: a food, or (while filtering) the heading of a category. */
struct foods_row {
    bool heading;
    size_t index; /* into content->foods, or content->categories for a heading */
};

struct foods_state {
    struct guide_screen base; /* first: the guide operations take the state as one */
    struct foods_row *rows;
    size_t row_count;
    size_t *matches;  /* per category: its foods that pass the filter */
    char *filter;     /* as typed, or NULL */
    char *folded;     /* the filter folded for searching */
    struct day today; /* today's saved check-in, for the ticks */
    size_t detail_food;
    char figure[16]; /* a row's figure, valid while that row is drawn */
};

static const struct content_food *foods_current(const struct foods_state *state)
{
    size_t cursor = browser_panel_cursor(&state->base.browser, FOODS_FOODS);
    if (cursor >= state->row_count || state->rows[cursor].heading)
        return NULL;
    return &state->base.app->content->foods[state->rows[cursor].index];
}

/* --- rows and the filter ------------------------------------------------------------------- */

/* By the food's name or its category's, never its explanation: "kim" finds Kimchi, not the
 * dairy whose explanation says "skimmed". */
static bool foods_passes(const struct foods_state *state, const struct content_food *food)
{
    const struct content *content = state->base.app->content;
    return state->folded == NULL || text_contains_folded(food->name, state->folded) ||
           text_contains_folded(content->categories[food->category].name, state->folded);
}

static void foods_push_row(struct foods_state *state, bool heading, size_t index)
{
    state->rows[state->row_count++] = (struct foods_row){heading, index};
}

/* Without a filter: the foods of the chosen category. With one: every match, under headings. */
static void foods_fill_rows(struct foods_state *state)
{
    const struct content *content = state->base.app->content;
    memset(state->matches, 0, content->category_count * sizeof *state->matches);
    for (size_t i = 0; i < content->food_count; i++)
        state->matches[content->foods[i].category] += foods_passes(state, &content->foods[i]);
    state->row_count = 0;
    size_t chosen = browser_panel_cursor(&state->base.browser, FOODS_CATEGORIES);
    for (size_t category = 0; category < content->category_count; category++) {
        if (state->folded == NULL ? category != chosen : state->matches[category] == 0)
            continue;
        if (state->folded != NULL)
            foods_push_row(state, true, category);
        for (size_t i = 0; i < content->food_count; i++)
            if (content->foods[i].category == category && foods_passes(state, &content->foods[i]))
                foods_push_row(state, false, i);
    }
    browser_panel_set_count(&state->base.browser, FOODS_FOODS, state->row_count);
}

static void foods_set_titles(struct foods_state *state)
{
    char title[128];
    size_t shown = 0;
    for (size_t i = 0; i < state->row_count; i++)
        shown += !state->rows[i].heading;
    if (state->filter == NULL)
        snprintf(title, sizeof title, "Foods");
    else if (shown == 0)
        snprintf(title, sizeof title, "No food matches \"%s\"", state->filter);
    else
        snprintf(title, sizeof title, "%zu match%s for \"%s\"", shown, shown == 1 ? "" : "es",
                 state->filter);
    title[text_cut(title, sizeof title - 1)] = '\0'; /* a long filter is cut between characters */
    browser_panel_set_title(&state->base.browser, FOODS_FOODS, title, "today");
}

/* Puts the cursor of the foods list on `food` when it is listed. */
static void foods_select_food(struct foods_state *state, size_t food)
{
    for (size_t i = 0; i < state->row_count; i++)
        if (!state->rows[i].heading && state->rows[i].index == food)
            browser_panel_select(&state->base.browser, FOODS_FOODS, i);
}

/* The category list follows the food chosen, so the two never disagree. */
static void foods_follow_food(struct foods_state *state)
{
    const struct content_food *food = foods_current(state);
    if (food != NULL)
        browser_panel_select(&state->base.browser, FOODS_CATEGORIES, food->category);
}

/* --- the detail ---------------------------------------------------------------------------- */

static void foods_describe_journal(struct foods_state *state, const struct content_food *food,
                                   struct strlist *lines)
{
    struct guide_figures figures;
    struct error err = {0};
    if (guide_read_figures(state->base.app->journal, JOURNAL_SERIES_FOOD_SERVINGS, food->id,
                           state->base.app->today, FOODS_WINDOW, &figures, &err) != 0)
        strlist_pushf(lines, "- Your journal could not be read: %s", err.message);
    else
        strlist_pushf(lines, "- Logged on %d of the last %d days", figures.positive, FOODS_WINDOW);
    double servings;
    if (day_get_food(&state->today, food->id, &servings))
        strlist_pushf(lines, "- In today's check-in: %g serving%s (a adds one more)", servings,
                      servings == 1 ? "" : "s");
    else
        strlist_push(lines, "- Not in today's check-in yet: a (or Enter) adds it");
}

static void foods_describe(struct foods_state *state, const struct content_food *food,
                           struct strlist *lines)
{
    const struct content *content = state->base.app->content;
    const struct content_food_category *category = &content->categories[food->category];
    guide_add_paragraph(lines, food->why);
    strlist_push(lines, "");
    strlist_pushf(lines, "- Group: %s", category->name);
    strlist_pushf(lines, "- %s",
                  food->plant ? "A plant: it counts towards your different "
                                "plants each week"
                              : "Not a plant");
    foods_describe_journal(state, food, lines);
    guide_add_heading(lines, category->name);
    guide_add_text(lines, category->summary);
    guide_add_evidence(lines, content, category->evidence, &category->sources);
    guide_add_paragraph(lines, "What is known:");
    for (size_t i = 0; i < category->benefits.count; i++)
        strlist_pushf(lines, "- %s", category->benefits.items[i]);
    guide_add_caution(lines, content);
}

/* Shows the chosen food; `refresh`: also when it is the one shown (its figures changed). */
static void foods_show_detail(struct foods_state *state, bool refresh)
{
    const struct content_food *food = foods_current(state);
    size_t index = food ? (size_t)(food - state->base.app->content->foods) : FOODS_NONE;
    if (index == state->detail_food && !refresh)
        return;
    bool same = index == state->detail_food;
    state->detail_food = index;
    struct strlist lines = STRLIST_INIT;
    if (food != NULL)
        foods_describe(state, food, &lines);
    else if (state->filter != NULL)
        strlist_push(&lines, "Nothing matches the filter. / changes it, Esc clears it.");
    else
        strlist_push(&lines, "No foods in this category yet.");
    char *text = guide_join(&lines);
    browser_panel_set_detail(&state->base.browser, food ? food->name : "", text, same);
    free(text);
    strlist_release(&lines);
}

static void foods_selected(void *context, int list)
{
    struct foods_state *state = context;
    if (list == FOODS_CATEGORIES && state->folded == NULL) {
        foods_fill_rows(state);
        browser_panel_select(&state->base.browser, FOODS_FOODS, 0);
    } else if (list == FOODS_CATEGORIES) {
        /* Filtering: go to the first match in that category, if it has one. */
        size_t category = browser_panel_cursor(&state->base.browser, FOODS_CATEGORIES);
        for (size_t i = 0; i < state->row_count; i++)
            if (state->rows[i].heading && state->rows[i].index == category)
                browser_panel_select(&state->base.browser, FOODS_FOODS, i + 1);
    } else {
        foods_follow_food(state);
    }
    foods_show_detail(state, false);
}

static void foods_apply_filter(const char *text, void *context)
{
    struct foods_state *state = context;
    const struct content_food *before = foods_current(state);
    size_t food = before ? (size_t)(before - state->base.app->content->foods) : FOODS_NONE;
    free(state->filter);
    free(state->folded);
    state->filter = text && text[0] ? xstrdup(text) : NULL;
    state->folded = state->filter ? text_fold(state->filter) : NULL;
    foods_fill_rows(state);
    browser_panel_select(&state->base.browser, FOODS_FOODS, 0);
    if (state->filter == NULL) /* back to the food that was chosen, in its category */
        foods_select_food(state, food);
    foods_follow_food(state);
    foods_set_titles(state);
    foods_show_detail(state, false);
}

static void foods_filter(struct foods_state *state)
{
    browser_panel_set_focus(&state->base.browser, FOODS_FOODS);
    char *text =
        ui_prompt_live(state->base.app->ui, "Filter foods:", state->filter ? state->filter : "",
                       foods_apply_filter, state);
    if (text == NULL)
        foods_apply_filter(NULL, state);
    free(text);
}

/* --- the journal --------------------------------------------------------------------------- */

static void foods_load_today(struct foods_state *state)
{
    struct app *app = state->base.app;
    struct error err = {0};
    if (journal_load_day(app->journal, app->today, &state->today, &err) < 0)
        ui_error(app->ui, "%s", err.message);
}

static int foods_add_serving(struct day *day, void *context, struct error *err)
{
    const struct content_food *food = context;
    double servings = 0;
    (void)err;
    day_get_food(day, food->id, &servings);
    day_set_food(day, food->id, servings + 1);
    return 0;
}

/* One more serving of the chosen food in today's saved check-in: load, add and save in one write
 * transaction, so that a check-in saved meanwhile by another gutskin is never overwritten. */
static void foods_add_to_today(struct foods_state *state)
{
    struct app *app = state->base.app;
    const struct content_food *food = foods_current(state);
    if (food == NULL) {
        ui_message(app->ui, "Choose a food first");
        return;
    }
    struct error err = {0};
    double servings = 0;
    /* The content outlives the call; the change function only reads the food. */
    if (journal_update_day(app->journal, app->today, foods_add_serving, (void *)food, &err) != 0) {
        ui_error(app->ui, "%s not added: %s", food->name, err.message);
        return;
    }
    foods_load_today(state);
    day_get_food(&state->today, food->id, &servings);
    foods_show_detail(state, true);
    ui_message(app->ui, "Added %s to today's check-in (%g serving%s)", food->name, servings,
               servings == 1 ? "" : "s");
}

/* --- the screen ---------------------------------------------------------------------------- */

static void foods_row(void *context, int list, size_t index, struct browser_row *row)
{
    struct foods_state *state = context;
    const struct content *content = state->base.app->content;
    if (list == FOODS_CATEGORIES) {
        row->text = content->categories[index].name;
        snprintf(state->figure, sizeof state->figure, "%zu", state->matches[index]);
        row->right = state->figure;
        row->dim = state->matches[index] == 0;
        return;
    }
    const struct foods_row *entry = &state->rows[index];
    if (entry->heading) {
        row->text = content->categories[entry->index].name;
        row->heading = true;
        return;
    }
    const struct content_food *food = &content->foods[entry->index];
    row->text = food->name;
    double servings;
    if (day_get_food(&state->today, food->id, &servings))
        row->right = theme_glyph(GLYPH_CHECK_ON);
}

static void foods_size_lists(struct foods_state *state)
{
    const struct content *content = state->base.app->content;
    int category_width = 0, food_width = 0;
    size_t most = 0;
    for (size_t i = 0; i < content->category_count; i++) {
        int width = text_width(content->categories[i].name);
        category_width = width > category_width ? width : category_width;
        most = content->categories[i].food_count > most ? content->categories[i].food_count : most;
    }
    for (size_t i = 0; i < content->food_count; i++) {
        int width = text_width(content->foods[i].name);
        food_width = width > food_width ? width : food_width;
    }
    browser_panel_set_size(&state->base.browser, FOODS_CATEGORIES, category_width, 2,
                           content->category_count);
    browser_panel_set_size(&state->base.browser, FOODS_FOODS, food_width,
                           text_width(theme_glyph(GLYPH_CHECK_ON)), most);
    browser_panel_set_title(&state->base.browser, FOODS_CATEGORIES, "Categories", NULL);
}

static void foods_reload(void *opaque)
{
    struct foods_state *state = opaque;
    foods_load_today(state);
    foods_show_detail(state, true);
}

static void foods_init(void *opaque, struct app *app)
{
    struct foods_state *state = opaque;
    state->base.app = app;
    state->base.reload = foods_reload;
    state->detail_food = FOODS_NONE;
    state->rows =
        xcalloc(app->content->food_count + app->content->category_count + 1, sizeof *state->rows);
    state->matches = xcalloc(app->content->category_count + 1, sizeof *state->matches);
    day_init(&state->today, DATE_NONE);
    browser_panel_init(&state->base.browser, 2, foods_row, foods_selected, state);
    foods_size_lists(state);
    browser_panel_set_count(&state->base.browser, FOODS_CATEGORIES, app->content->category_count);
    foods_fill_rows(state);
    foods_set_titles(state);
}

static enum screen_result foods_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    struct foods_state *state = opaque;
    (void)app;
    enum screen_result moved =
        screen_panel_result(browser_panel_key(&state->base.browser, key, area));
    if (moved != SCREEN_IGNORED)
        return moved;
    switch (key) {
    case '/':
        foods_filter(state);
        return SCREEN_REDRAW_BODY;
    case KEYS_ESCAPE:
        if (state->filter == NULL)
            return SCREEN_IGNORED;
        foods_apply_filter(NULL, state);
        return SCREEN_REDRAW_BODY;
    case KEYS_ENTER:
        if (state->base.browser.focus == FOODS_CATEGORIES) {
            browser_panel_set_focus(&state->base.browser, FOODS_FOODS);
            return SCREEN_REDRAW_BODY;
        }
        foods_add_to_today(state);
        return SCREEN_REDRAW_BODY;
    case 'a':
        foods_add_to_today(state);
        return SCREEN_REDRAW_BODY;
    default:
        return SCREEN_IGNORED;
    }
}

static void foods_release(void *opaque)
{
    struct foods_state *state = opaque;
    guide_screen_release(state);
    day_release(&state->today);
    free(state->rows);
    free(state->matches);
    free(state->filter);
    free(state->folded);
}

static const struct screen_key_help foods_help[] = {
    {"Left Right  h l", "move between categories, foods and the detail"},
    {"Up Down  j k", "choose, or scroll the detail"},
    {"Space", "page down the detail"},
    {"/", "filter every category as you type (Esc clears)"},
    {"a  Enter", "add to today's check-in; again adds a serving"},
    {NULL, NULL},
};

const struct screen_ops foods_screen = {
    .title = "Foods",
    .state_size = sizeof(struct foods_state),
    .init = foods_init,
    .release = foods_release,
    .enter = guide_screen_enter,
    .draw = guide_screen_draw,
    .key = foods_key,
    .click = guide_screen_click,
    .about = "/ filters every category as you type; a adds the food to today's check-in",
    .status_hint = "h/l column  / filter  a add to today",
    .help = foods_help,
};
