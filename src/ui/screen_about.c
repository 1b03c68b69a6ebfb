/*
 * screen_about.c - the About guide: what the gut-skin axis is (from the content), how to use
 * gutskin, where the journal is kept, and the medical caution, as one scrolling text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backups.h"
#include "insights.h"
#include "paths.h"
#include "tracked.h"
#include "xalloc.h"
#include "ui/guide.h"
#include "ui/keys.h"
#include "ui/panel_text.h"
#include "ui/screen.h"
#include "ui/ui.h"

#define ABOUT_MAX_WIDTH 100 /* wider lines are hard to read */

struct about_state {
    struct text_panel text;
};

/* The keys in a few lines, then a line for each screen from the app's screen table; each
 * screen's `?` help has the rest. */
static void about_add_usage(struct strlist *lines, const struct app *app)
{
    size_t count = app->screen_count;
    strlist_pushf(lines,
                  "- 1 to %zu (or Tab and Shift-Tab) switch screens; Alt-1 to Alt-%zu also work in "
                  "the check-in, where digits are ratings",
                  count, count);
    strlist_push(lines, "- ? shows the keys of the screen you are on; q quits, asking first when "
                        "changes are unsaved");
    strlist_push(lines, "- Arrows or h j k l move; g and G go to the first and the last row");
    for (size_t i = 0; i < count; i++)
        if (app->screens[i]->about != NULL)
            strlist_pushf(lines, "- %s (%zu): %s", app->screens[i]->title, i + 1,
                          app->screens[i]->about);
    strlist_push(lines, "- From the shell: gutskin log, show, report, export, import and backup "
                        "(gutskin --help lists them)");
}

/* Where the automatic copies are and which is the newest, read when the screen is built. */
static void about_add_backups(struct strlist *lines, const struct app *app)
{
    if (app->journal_path == NULL)
        return;
    struct backups_list list;
    backups_list_init(&list);
    struct error err = {ERROR_NONE, ""};
    int status = backups_list_read(app->journal_path, &list, &err);
    struct backups_policy policy;
    char *keeping =
        backups_policy_read(&policy, NULL) != 0
            ? xstrdup("Before the first change of each day gutskin keeps a copy of the journal")
        : policy.off ? xstrdup("Automatic copies are off (GUTSKIN_BACKUPS=off); earlier ones "
                               "stay")
                     : xprintf("Before the first change of each day gutskin keeps a copy of the "
                               "journal (the last %d daily and %d weekly)",
                               policy.daily, policy.weekly);
    char *where = xprintf("%s; gutskin backup --list shows them and gutskin restore FILE puts one "
                          "back. They are in this folder:",
                          keeping);
    guide_add_paragraph(lines, where);
    guide_add_paragraph(lines, list.dir);
    free(where);
    free(keeping);
    char *last = status != 0       ? xprintf("The copies cannot be read: %s.", err.message)
                 : list.count == 0 ? xstrdup("There is no copy yet.")
                                   : xprintf("The last copy is from %s: %s.", list.items[0].date,
                                             list.items[0].name);
    guide_add_paragraph(lines, last);
    free(last);
    backups_list_release(&list);
}

static void about_add_journal(struct strlist *lines, const struct app *app)
{
    guide_add_heading(lines, "Your journal");
    guide_add_text(lines, "Everything you log is kept in one file on this computer, and "
                          "gutskin never sends it anywhere:");
    guide_add_paragraph(lines, app->journal_path ? app->journal_path : "(unknown)");
    guide_add_paragraph(lines, "gutskin backup makes a safe copy of it, gutskin export writes it "
                               "as CSV or JSON, and gutskin report makes a summary to bring to a "
                               "practitioner.");
    about_add_backups(lines, app);
    char *overlay = paths_user_content_dir();
    if (overlay != NULL) {
        guide_add_paragraph(lines, "Your own foods, signs and advice can be added in this folder "
                                   "(man gutskin explains how):");
        guide_add_paragraph(lines, overlay);
        free(overlay);
    }
}

/* What each level of evidence in the guides means, and the sources the guides cite. */
static void about_add_evidence(struct strlist *lines, const struct content *content)
{
    guide_add_heading(lines, "How sure the guides are");
    guide_add_text(lines, "Each food group, sign and lifestyle change says how well studies in "
                          "people support what it says about the gut and the skin:");
    for (int i = CONTENT_EVIDENCE_ESTABLISHED; i < CONTENT_EVIDENCE_COUNT; i++)
        strlist_pushf(lines, "- %s: %s", content_evidence_word((enum content_evidence)i),
                      content_evidence_meaning((enum content_evidence)i));
    if (content->source_count == 0)
        return;
    guide_add_heading(lines, "Sources");
    for (size_t i = 0; i < content->source_count; i++) {
        const struct content_source *source = &content->sources[i];
        strlist_pushf(lines, "- %s (%d). %s", source->author, source->year, source->title);
    }
}

/* What the check-in leaves out, and how to bring it back. */
static void about_add_hidden(struct strlist *lines, const struct app *app)
{
    static const enum content_kind kinds[] = {CONTENT_SIGN, CONTENT_HABIT, CONTENT_FOOD};
    guide_add_heading(lines, "Hidden from the check-in");
    size_t shown = 0;
    for (size_t k = 0; k < 3; k++) {
        size_t count = kinds[k] == CONTENT_FOOD   ? app->content->food_count
                       : kinds[k] == CONTENT_SIGN ? app->content->sign_count
                                                  : app->content->habit_count;
        for (size_t i = 0; i < count; i++) {
            if (!tracked_item_hidden(app->content, kinds[k], i))
                continue;
            strlist_pushf(lines, "- %s (%s %s)", content_item_label(app->content, kinds[k], i),
                          content_kind_name(kinds[k]), content_item_id(app->content, kinds[k], i));
            shown++;
        }
    }
    guide_add_paragraph(lines, shown ? "Their data stays in History, Trends, show and export. s "
                                       "shows one in the check-in again, n renames one; w opens "
                                       "the first-start choice of signs."
                                     : "Nothing is hidden. In the check-in, H hides a sign, a "
                                       "habit or a food you never have and R renames one (n "
                                       "here); w here opens the first-start choice of signs.");
}

static char *about_build(const struct app *app)
{
    const struct content *content = app->content;
    struct strlist lines = STRLIST_INIT;
    for (size_t i = 0; i < content->about_count; i++) {
        guide_add_heading(&lines, content->about[i].heading);
        guide_add_text(&lines, content->about[i].text);
    }
    about_add_evidence(&lines, content);
    guide_add_heading(&lines, "Using gutskin");
    about_add_usage(&lines, app);
    guide_add_heading(&lines, "Your numbers");
    guide_add_text(&lines, INSIGHTS_SCORE_DEFINITION);
    guide_add_paragraph(&lines, INSIGHTS_PROMISE);
    about_add_journal(&lines, app);
    about_add_hidden(&lines, app);
    guide_add_caution(&lines, content);
    char *text = guide_join(&lines);
    strlist_release(&lines);
    return text;
}

/* A readable column, centred when the terminal is much wider. */
static struct draw_rect about_text_area(struct draw_rect area)
{
    int width = area.width - 2 < ABOUT_MAX_WIDTH ? area.width - 2 : ABOUT_MAX_WIDTH;
    int x = area.x + (area.width - width) / 2;
    return (struct draw_rect){area.y + 1, x, area.height - 1, width};
}

static void about_init(void *opaque, struct app *app)
{
    struct about_state *state = opaque;
    text_panel_init(&state->text);
    char *text = about_build(app);
    text_panel_set(&state->text, text);
    free(text);
}

/* An item named by its label or id in a prompt: false when cancelled or unknown (said why). */
static bool about_ask_item(struct app *app, const char *question, enum content_kind *kind,
                           size_t *index)
{
    if (app->own_dir == NULL) {
        ui_error(app->ui, "cannot change the check-in: no home folder to keep your choices in");
        return false;
    }
    char *text = ui_prompt(app->ui, question, "");
    struct error err = {ERROR_NONE, ""};
    bool found = text != NULL && text[0] != '\0' &&
                 content_resolve(app->content, CONTENT_ITEMS, text, kind, index, &err) == 0;
    if (!found && err.message[0] != '\0')
        ui_error(app->ui, "%s", err.message);
    free(text);
    return found;
}

/* After a change to the items: this text and the other screens built again. */
static void about_changed(struct about_state *state, struct app *app)
{
    size_t top = state->text.top; /* where the person was reading (the list of hidden items) */
    text_panel_release(&state->text);
    about_init(state, app);
    state->text.top = top;
    ui_reload_screens(app->ui);
}

/* s: a hidden item back in the check-in, named by its label or id. */
static void about_show_item(struct about_state *state, struct app *app)
{
    enum content_kind kind;
    size_t index;
    if (!about_ask_item(app, "Show again in the check-in (its name or id):", &kind, &index))
        return;
    struct error err = {ERROR_NONE, ""};
    if (tracked_set_hidden(app->content, app->own_dir, content_kind_name(kind),
                           content_item_id(app->content, kind, index), false, &err) != 0) {
        ui_error(app->ui, "%s", err.message);
        return;
    }
    ui_message(app->ui, "%s is back in the check-in",
               content_item_label(app->content, kind, index));
    about_changed(state, app);
}

/* n: a new label for any item, hidden ones too, as `gutskin track rename` gives. */
static void about_rename_item(struct about_state *state, struct app *app)
{
    enum content_kind kind;
    size_t index;
    if (!about_ask_item(app, "Rename (its name or id):", &kind, &index))
        return;
    char old[160], id[160];
    snprintf(old, sizeof old, "%s", content_item_label(app->content, kind, index));
    snprintf(id, sizeof id, "%s", content_item_id(app->content, kind, index));
    char *label = ui_prompt(app->ui, "New name:", old);
    struct error err = {ERROR_NONE, ""};
    if (label != NULL && strcmp(label, old) != 0) {
        if (tracked_rename(app->content, app->own_dir, content_kind_name(kind), id, label, &err) !=
            0) {
            ui_error(app->ui, "not renamed: %s", err.message);
        } else {
            ui_message(app->ui, "Renamed %s to %s; its data stays", old,
                       content_item_label(app->content, kind, index));
            about_changed(state, app);
        }
    }
    free(label);
}

static void about_draw(void *opaque, struct app *app, struct draw_rect area)
{
    struct about_state *state = opaque;
    (void)app;
    text_panel_draw(&state->text, about_text_area(area));
}

static enum screen_result about_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    struct about_state *state = opaque;
    if (key == 's') {
        about_show_item(state, app);
        return SCREEN_REDRAW_BODY;
    }
    if (key == 'n') {
        about_rename_item(state, app);
        return SCREEN_REDRAW_BODY;
    }
    if (key == 'w') {
        app->request.welcome = true;
        ui_switch_screen(app->ui, SCREEN_CHECKIN); /* drawn by the manager */
        return SCREEN_UNCHANGED;
    }
    return screen_panel_result(text_panel_key(&state->text, key, about_text_area(area)));
}

static void about_release(void *opaque)
{
    struct about_state *state = opaque;
    text_panel_release(&state->text);
}

static const struct screen_key_help about_help[] = {
    {"Up Down  j k", "scroll"},
    {"PgUp PgDn Space", "scroll a page"},
    {"g G", "the top, the end"},
    {"s", "show a hidden item in the check-in again"},
    {"n", "rename any item, hidden ones too (by its name or id)"},
    {"w", "the first-start choice of signs"},
    {NULL, NULL},
};

const struct screen_ops about_screen = {
    .title = "About",
    .state_size = sizeof(struct about_state),
    .init = about_init,
    .release = about_release,
    .draw = about_draw,
    .key = about_key,
    .status_hint = "j/k scroll  Space page  s show hidden  n rename  w signs",
    .help = about_help,
};
