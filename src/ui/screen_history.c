/*
 * screen_history.c - past days, newest first, with a compact summary: a score for each of the
 * content's groups (a column each, headed by the group's short name), the number of foods and
 * the start of the note. Enter opens a day in the check-in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scores.h"
#include "strlist.h"
#include "text.h"
#include "ui/keys.h"
#include "ui/panel_list.h"
#include "ui/screen.h"
#include "ui/ui.h"
#include "xalloc.h"

struct history_row {
    char date[DATE_TEXT_SIZE];
    int day_number;
    double *scores;  /* one per group of the content */
    bool *has_score; /* likewise */
    size_t food_count;
    size_t reading_count;
    char *note;    /* the whole note with line breaks as spaces, or NULL */
    char *written; /* the note as written, for reading it whole (v) */
};

struct history_state {
    struct app *app;
    struct history_row *rows;
    size_t row_count;
    size_t row_capacity;
    size_t *shown; /* indices of rows matching the search */
    size_t shown_count;
    char *search; /* folded search text, or NULL */
    struct list_panel list;
    uint64_t loaded_freshness;
    char heading[512]; /* the column headings, a score column for each group */
};

static void history_free_rows(struct history_state *state)
{
    for (size_t i = 0; i < state->row_count; i++) {
        free(state->rows[i].note);
        free(state->rows[i].written);
        free(state->rows[i].scores);
        free(state->rows[i].has_score);
    }
    state->row_count = 0;
}

static int history_add_day(const struct day *day, void *context)
{
    struct history_state *state = context;
    const struct content *content = state->app->content;
    xgrow(&state->rows, &state->row_capacity, state->row_count + 1, sizeof *state->rows);
    struct history_row *row = &state->rows[state->row_count++];
    memset(row, 0, sizeof *row);
    row->day_number = day->day_number;
    date_format(day->day_number, row->date); /* shown in the list and in messages */
    row->scores = xcalloc(content->group_count + 1, sizeof *row->scores);
    row->has_score = xcalloc(content->group_count + 1, sizeof *row->has_score);
    for (size_t group = 0; group < content->group_count; group++)
        row->has_score[group] = scores_group_mean(content, day, group, &row->scores[group]);
    row->food_count = day->food_count;
    row->reading_count = day->reading_count;
    if (day->note != NULL) {
        row->note = xstrdup(day->note);
        row->written = xstrdup(day->note);
        for (char *c = row->note; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
    }
    return 0;
}

static void history_apply_search(struct history_state *state)
{
    free(state->shown);
    state->shown = xcalloc(state->row_count + 1, sizeof *state->shown);
    state->shown_count = 0;
    /* journal_each_day walks oldest first; the list shows newest first. */
    for (size_t i = state->row_count; i-- > 0;) {
        const char *note = state->rows[i].note;
        if (state->search == NULL || (note != NULL && text_contains_folded(note, state->search)))
            state->shown[state->shown_count++] = i;
    }
    list_panel_set_count(&state->list, state->shown_count);
}

static void history_load(struct history_state *state)
{
    struct error err = {0};
    history_free_rows(state);
    if (journal_each_day(state->app->journal, DATE_NONE, DATE_NONE, history_add_day, state, &err) !=
        0)
        ui_error(state->app->ui, "%s", err.message);
    history_apply_search(state);
}

/* Appends one column of 4 (CONTENT_SHORT_NAME_WIDTH) columns and a blank to `line`. */
static void history_add_score(struct strlist *line, const struct history_row *row, size_t group)
{
    if (row->has_score[group])
        strlist_pushf(line, "%4.1f ", row->scores[group]);
    else
        strlist_push(line, "   - ");
}

/* The text of `parts`, joined, in `out`. */
static void history_join(const struct strlist *parts, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < parts->count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s", parts->items[i]);
    out[text_cut(out, size - 1)] = '\0';
}

static void history_draw_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    struct history_state *state = context;
    const struct history_row *day = &state->rows[state->shown[index]];
    enum theme_role role = selected ? THEME_SELECTED : THEME_NORMAL;
    draw_blank(row.y, row.x, row.width, role);
    struct strlist parts = STRLIST_INIT;
    strlist_pushf(&parts, "%s %s %s ", selected ? ">" : " ", day->date,
                  date_weekday_name(date_weekday(day->day_number)));
    for (size_t group = 0; group < state->app->content->group_count; group++)
        history_add_score(&parts, day, group);
    strlist_pushf(&parts, " %5zu", day->food_count);
    char line[512];
    history_join(&parts, line, sizeof line);
    strlist_release(&parts);
    /* The note's gap is drawn only where the note has room, so that a narrow list (44 columns
     * and a scroll bar) keeps the count of foods whole instead of cutting it to "…". */
    int x = row.x + draw_text(row.y, row.x, row.width, line, role) + 2;
    if (day->note != NULL && x < row.x + row.width)
        draw_text(row.y, x, row.x + row.width - x, day->note, selected ? THEME_SELECTED : THEME_DIM);
}

static struct draw_rect history_list_area(struct draw_rect area)
{
    return (struct draw_rect){area.y + 2, area.x, area.height - 2, area.width};
}

static void history_draw(void *opaque, struct app *app, struct draw_rect area)
{
    struct history_state *state = opaque;
    (void)app;
    if (state->search != NULL)
        draw_textf(area.y, area.x + 1, area.width - 2, THEME_MESSAGE,
                   "%zu of %zu days match the search (/ to change, Esc to clear)",
                   state->shown_count, state->row_count);
    else
        draw_textf(area.y, area.x + 1, area.width - 2, THEME_HEADING, "%zu day%s logged",
                   state->row_count, state->row_count == 1 ? "" : "s");
    draw_text(area.y + 1, area.x, area.width, state->heading, THEME_DIM);
    if (state->row_count == 0) {
        /* Wrapped, so that a narrow window shows it all rather than cut it off. */
        struct strlist lines = STRLIST_INIT;
        text_wrap("No days yet. Your check-ins will be listed here (press 1 to start one).",
                  area.width - 4, &lines);
        for (size_t i = 0; i < lines.count && (int)i + 3 < area.height; i++)
            draw_text(area.y + 3 + (int)i, area.x + 2, area.width - 4, lines.items[i], THEME_DIM);
        strlist_release(&lines);
        return;
    }
    list_panel_draw(&state->list, history_list_area(area));
}

static void history_search_changed(const char *text, void *context)
{
    struct history_state *state = context;
    free(state->search);
    state->search = text && text[0] ? text_fold(text) : NULL;
    history_apply_search(state);
}

static void history_delete(struct history_state *state)
{
    if (state->shown_count == 0)
        return;
    const struct history_row *row = &state->rows[state->shown[state->list.cursor]];
    char question[128];
    snprintf(question, sizeof question, "Delete everything logged on %s?", row->date);
    if (!ui_confirm(state->app->ui, question))
        return;
    struct error err = {0};
    char date[DATE_TEXT_SIZE]; /* for the message: reloading replaces the rows */
    memcpy(date, row->date, sizeof date);
    if (journal_delete_day(state->app->journal, row->day_number, &err) != 0) {
        ui_error(state->app->ui, "%s", err.message);
        return;
    }
    history_load(state);
    ui_message(state->app->ui, "Deleted %s", date);
}

static void history_read_note(struct history_state *state)
{
    if (state->shown_count == 0)
        return;
    const struct history_row *row = &state->rows[state->shown[state->list.cursor]];
    if (row->written == NULL || row->written[0] == '\0') {
        ui_message(state->app->ui, "No note on %s", row->date);
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "note of %s", row->date);
    ui_read_text(state->app->ui, title, row->written);
}

static enum screen_result history_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    struct history_state *state = opaque;
    enum screen_result moved =
        screen_panel_result(list_panel_key(&state->list, key, history_list_area(area)));
    if (moved != SCREEN_IGNORED)
        return moved;
    switch (key) {
    case KEYS_ENTER:
        if (state->shown_count > 0) {
            app->request.open_day = state->rows[state->shown[state->list.cursor]].day_number;
            ui_switch_screen(app->ui, SCREEN_CHECKIN);
        }
        return SCREEN_UNCHANGED; /* a switch is drawn by the manager */
    case 'v':
        history_read_note(state); /* the reader or a message: the manager's own */
        return SCREEN_UNCHANGED;
    case 'd':
    case KEYS_DELETE:
        history_delete(state);
        return SCREEN_REDRAW_BODY;
    case '/': {
        char *text = ui_prompt_live(app->ui, "Search notes:", "", history_search_changed, state);
        if (text == NULL)
            history_search_changed(NULL, state);
        free(text);
        return SCREEN_REDRAW_BODY;
    }
    case KEYS_ESCAPE:
        if (state->search == NULL)
            return SCREEN_UNCHANGED;
        history_search_changed(NULL, state);
        return SCREEN_REDRAW_BODY;
    default:
        return SCREEN_IGNORED;
    }
}

static enum screen_result history_click(void *opaque, struct app *app, int y, int x,
                                        struct draw_rect area)
{
    struct history_state *state = opaque;
    (void)app;
    (void)x;
    return list_panel_click(&state->list, y, history_list_area(area)) ? SCREEN_REDRAW_BODY
                                                                      : SCREEN_IGNORED;
}

/* "  Date           Skin  Gut  Imm Mood  Foods  Note": each group's short name right-aligned
 * over its scores. */
static void history_make_heading(struct history_state *state, const struct content *content)
{
    struct strlist parts = STRLIST_INIT;
    strlist_push(&parts, "  Date           ");
    for (size_t group = 0; group < content->group_count; group++) {
        const char *name = content->groups[group].short_name;
        int pad = CONTENT_SHORT_NAME_WIDTH - text_width(name);
        strlist_pushf(&parts, "%*s%s ", pad > 0 ? pad : 0, "", name);
    }
    strlist_push(&parts, " Foods  Note");
    history_join(&parts, state->heading, sizeof state->heading);
    strlist_release(&parts);
}

static void history_init(void *opaque, struct app *app)
{
    struct history_state *state = opaque;
    state->app = app;
    history_make_heading(state, app->content);
    list_panel_init(&state->list, history_draw_row, NULL, state);
}

static void history_enter(void *opaque, struct app *app)
{
    struct history_state *state = opaque;
    if (journal_is_stale(app->journal, &state->loaded_freshness))
        history_load(state);
}

static void history_release(void *opaque)
{
    struct history_state *state = opaque;
    history_free_rows(state);
    free(state->rows);
    free(state->shown);
    free(state->search);
}

static const struct screen_key_help history_help[] = {
    {"Enter", "open the day in the check-in"},
    {"v", "read the day's whole note (Esc or q closes)"},
    {"d  Delete", "delete the day (asks first)"},
    {"/", "search the notes (Esc clears)"},
    {NULL, NULL},
};

const struct screen_ops history_screen = {
    .title = "History",
    .state_size = sizeof(struct history_state),
    .init = history_init,
    .release = history_release,
    .enter = history_enter,
    .draw = history_draw,
    .key = history_key,
    .click = history_click,
    .about = "your past days; Enter opens one, / searches the notes",
    .status_hint = "Enter open  d delete  / search",
    .help = history_help,
};
