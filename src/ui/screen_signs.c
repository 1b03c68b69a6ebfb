/*
 * screen_signs.c - the Signs guide: the four groups of signs that the gut may be out of balance,
 * what each sign may mean, and the person's own recent ratings of it. Keys jump to the sign in
 * today's check-in or to its trend.
 */
#include <math.h>
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

#define SIGNS_GROUPS 0
#define SIGNS_SIGNS 1
#define SIGNS_WINDOW 14 /* days of "your recent average" */
#define SIGNS_NONE SIZE_MAX

struct signs_state {
    struct guide_screen base; /* first: the guide operations take the state as one */
    size_t *rows;             /* the signs of the chosen group, as indices into content->signs */
    size_t row_count;
    struct guide_figures *figures; /* per sign */
    bool figures_failed;
    size_t detail_sign;
    char figure[16]; /* a row's figure, valid while that row is drawn */
};

static const struct content_sign *signs_current(const struct signs_state *state)
{
    size_t cursor = browser_panel_cursor(&state->base.browser, SIGNS_SIGNS);
    return cursor < state->row_count ? &state->base.app->content->signs[state->rows[cursor]] : NULL;
}

static void signs_fill_rows(struct signs_state *state)
{
    const struct content *content = state->base.app->content;
    size_t group = browser_panel_cursor(&state->base.browser, SIGNS_GROUPS);
    state->row_count = 0;
    for (size_t i = 0; i < content->sign_count; i++)
        if (content->signs[i].group == group)
            state->rows[state->row_count++] = i;
    browser_panel_set_count(&state->base.browser, SIGNS_SIGNS, state->row_count);
}

static void signs_load_figures(struct signs_state *state)
{
    struct app *app = state->base.app;
    struct error err = {0};
    state->figures_failed = false;
    for (size_t i = 0; i < app->content->sign_count && !state->figures_failed; i++)
        state->figures_failed =
            guide_read_figures(app->journal, JOURNAL_SERIES_METRIC, app->content->signs[i].id,
                               app->today, SIGNS_WINDOW, &state->figures[i], &err) != 0;
    if (state->figures_failed)
        ui_error(app->ui, "%s", err.message);
}

/* --- the detail ---------------------------------------------------------------------------- */

/* "about mild", or "between mild and moderate" when the mean is halfway. */
static void signs_severity_words(double mean, char *out, size_t size)
{
    double nearest = round(mean);
    if (nearest == 0 && mean < 0.25)
        snprintf(out, size, "close to none");
    else if (fabs(mean - nearest) < 0.25)
        snprintf(out, size, "about %s", content_severity_word((int)nearest));
    else
        snprintf(out, size, "between %s and %s", content_severity_word((int)floor(mean)),
                 content_severity_word((int)ceil(mean)));
}

static void signs_describe_figures(const struct guide_figures *figures, int today,
                                   struct strlist *lines)
{
    char words[64];
    signs_severity_words(figures->mean, words, sizeof words);
    if (figures->logged > 0)
        strlist_pushf(
            lines, "- Your average over the last %d days: %.1f of 4, %s (%d day%s logged)",
            figures->days, figures->mean, words, figures->logged, guide_plural(figures->logged));
    else
        strlist_pushf(lines, "- Not logged in the last %d days", figures->days);
    if (figures->has_last) {
        char date[64];
        guide_format_date(figures->last_day, today, date, sizeof date);
        strlist_pushf(lines, "- Last logged: %s (%.0f) on %s",
                      content_severity_word((int)lround(figures->last_value)), figures->last_value,
                      date);
    }
    strlist_push(lines, "- c (or Enter) rates it in today's check-in, t shows its trend");
}

static void signs_describe(struct signs_state *state, const struct content_sign *sign,
                           struct strlist *lines)
{
    const struct content *content = state->base.app->content;
    const struct content_sign_group *group = &content->groups[sign->group];
    guide_add_paragraph(lines, sign->explanation);
    guide_add_evidence(lines, content, sign->evidence, &sign->sources);
    if (sign->see_doctor != NULL) {
        guide_add_heading(lines, "When to see a doctor");
        guide_add_text(lines, sign->see_doctor);
    }
    guide_add_heading(lines, "Your check-ins");
    if (state->figures_failed)
        strlist_push(lines, "Your journal could not be read.");
    else
        signs_describe_figures(&state->figures[sign - content->signs], state->base.app->today,
                               lines);
    guide_add_heading(lines, group->name);
    guide_add_text(lines, group->summary);
    guide_add_caution(lines, content);
}

/* Shows the chosen sign; `refresh`: also when it is the one shown (its figures changed). */
static void signs_show_detail(struct signs_state *state, bool refresh)
{
    const struct content_sign *sign = signs_current(state);
    size_t index = sign ? (size_t)(sign - state->base.app->content->signs) : SIGNS_NONE;
    if (index == state->detail_sign && !refresh)
        return;
    bool same = index == state->detail_sign;
    state->detail_sign = index;
    struct strlist lines = STRLIST_INIT;
    if (sign != NULL)
        signs_describe(state, sign, &lines);
    char *text = guide_join(&lines);
    browser_panel_set_detail(&state->base.browser, sign ? sign->label : "", text, same);
    free(text);
    strlist_release(&lines);
}

static void signs_selected(void *context, int list)
{
    struct signs_state *state = context;
    if (list == SIGNS_GROUPS) {
        signs_fill_rows(state);
        browser_panel_select(&state->base.browser, SIGNS_SIGNS, 0);
    }
    signs_show_detail(state, false);
}

/* --- the screen ---------------------------------------------------------------------------- */

static void signs_row(void *context, int list, size_t index, struct browser_row *row)
{
    struct signs_state *state = context;
    const struct content *content = state->base.app->content;
    if (list == SIGNS_GROUPS) {
        row->text = content->groups[index].name;
        return;
    }
    size_t sign = state->rows[index];
    const struct guide_figures *figures = &state->figures[sign];
    row->text = content->signs[sign].label;
    if (figures->logged > 0)
        snprintf(state->figure, sizeof state->figure, "%.1f", figures->mean);
    else
        snprintf(state->figure, sizeof state->figure, "-");
    row->right = state->figure;
    row->dim = figures->logged == 0;
}

static void signs_size_lists(struct signs_state *state)
{
    const struct content *content = state->base.app->content;
    int group_width = 0, sign_width = 0;
    size_t most = 0;
    for (size_t group = 0; group < content->group_count; group++) {
        int width = text_width(content->groups[group].name);
        group_width = width > group_width ? width : group_width;
        size_t count = 0;
        for (size_t i = 0; i < content->sign_count; i++)
            count += content->signs[i].group == group;
        most = count > most ? count : most;
    }
    for (size_t i = 0; i < content->sign_count; i++) {
        int width = text_width(content->signs[i].label);
        sign_width = width > sign_width ? width : sign_width;
    }
    browser_panel_set_size(&state->base.browser, SIGNS_GROUPS, group_width, 0,
                           content->group_count);
    browser_panel_set_size(&state->base.browser, SIGNS_SIGNS, sign_width, 3, most);
    browser_panel_set_title(&state->base.browser, SIGNS_GROUPS, "Groups", NULL);
    browser_panel_set_title(&state->base.browser, SIGNS_SIGNS, "Signs", "14 days");
}

static void signs_reload(void *opaque)
{
    struct signs_state *state = opaque;
    signs_load_figures(state);
    signs_show_detail(state, true);
}

static void signs_init(void *opaque, struct app *app)
{
    struct signs_state *state = opaque;
    state->base.app = app;
    state->base.reload = signs_reload;
    state->detail_sign = SIGNS_NONE;
    state->rows = xcalloc(app->content->sign_count + 1, sizeof *state->rows);
    state->figures = xcalloc(app->content->sign_count + 1, sizeof *state->figures);
    browser_panel_init(&state->base.browser, 2, signs_row, signs_selected, state);
    signs_size_lists(state);
    browser_panel_set_count(&state->base.browser, SIGNS_GROUPS, app->content->group_count);
    signs_fill_rows(state);
}

static enum screen_result signs_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    struct signs_state *state = opaque;
    enum screen_result moved =
        screen_panel_result(browser_panel_key(&state->base.browser, key, area));
    if (moved != SCREEN_IGNORED)
        return moved;
    const struct content_sign *sign = signs_current(state);
    if (key == KEYS_ENTER && state->base.browser.focus == SIGNS_GROUPS) {
        browser_panel_set_focus(&state->base.browser, SIGNS_SIGNS);
        return SCREEN_REDRAW_BODY;
    }
    switch (key) {
    case KEYS_ENTER:
    case 'c':
        if (sign != NULL) /* a switch, which the manager draws */
            guide_open_metric(app, SCREEN_CHECKIN, sign->id);
        return SCREEN_UNCHANGED;
    case 't':
        if (sign != NULL)
            guide_open_metric(app, SCREEN_TRENDS, sign->id);
        return SCREEN_UNCHANGED;
    default:
        return SCREEN_IGNORED;
    }
}

static void signs_release(void *opaque)
{
    struct signs_state *state = opaque;
    guide_screen_release(state);
    free(state->rows);
    free(state->figures);
}

static const struct screen_key_help signs_help[] = {
    {"Left Right  h l", "move between groups, signs and the detail"},
    {"Up Down  j k", "choose, or scroll the detail"},
    {"Space", "page down the detail"},
    {"c  Enter", "rate the sign in today's check-in"},
    {"t", "see the sign's trend"},
    {NULL, NULL},
};

const struct screen_ops signs_screen = {
    .title = "Signs",
    .state_size = sizeof(struct signs_state),
    .init = signs_init,
    .release = signs_release,
    .enter = guide_screen_enter,
    .draw = guide_screen_draw,
    .key = signs_key,
    .click = guide_screen_click,
    .about = "c rates the sign in today's check-in, t shows its trend",
    .status_hint = "h/l column  c rate today  t trend",
    .help = signs_help,
};
