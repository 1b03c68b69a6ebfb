/*
 * screen_checkin.c - the daily check-in: one day's symptoms, habits, foods and note as a form
 * generated from the content, saved to the journal in one transaction.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "experiment.h"
#include "fileio.h"
#include "numbers.h"
#include "text.h"
#include "tracked.h"
#include "ui/editor.h"
#include "ui/keys.h"
#include "ui/panel_form.h"
#include "ui/screen.h"
#include "ui/ui.h"
#include "ui/welcome.h"
#include "xalloc.h"

#define CHECKIN_NOTE_ID "note"
/* Seconds an unsaved change waits before it is kept as a draft: a burst of ratings is one write. */
#define CHECKIN_DRAFT_DELAY 2
/* Below the form: what the selected field means, and for a sign when to see a doctor. */
#define CHECKIN_DETAIL_LINES 4
#define CHECKIN_DETAIL_LINES_SMALL 2 /* below CHECKIN_TALL rows the form needs the room more */
#define CHECKIN_TALL 20
/* From this width the explanation sits beside the form, wrapped in full, instead of a few cramped
 * lines below it; the form keeps whole columns and the explanation the rest. */
#define CHECKIN_WIDE 120
#define CHECKIN_COLUMN 64   /* one form column: symptoms and habits, or foods */
#define CHECKIN_SIDE_MIN 32 /* the narrowest explanation worth reading beside the form */

static int checkin_detail_lines(struct draw_rect area)
{
    return area.height >= CHECKIN_TALL ? CHECKIN_DETAIL_LINES : CHECKIN_DETAIL_LINES_SMALL;
}

struct checkin_state {
    struct app *app;
    int day_number;
    bool exists;                /* the day is saved in the journal */
    struct day saved;           /* as in the journal when loaded: the base a save merges from */
    struct day edited;          /* as on screen */
    uint64_t freshness;         /* the journal's freshness when `saved` was loaded */
    bool changed_elsewhere;     /* the day changed in the journal while this form had changes */
    struct draft_store *drafts; /* opened at the first draft */
    struct day drafted;         /* what the last draft holds */
    time_t change_seen;         /* when a change not yet in a draft was first seen, or 0 */
    bool offered_draft;         /* a draft left by an earlier run was looked for */
    struct draft_typing typing; /* what the open note or number prompt holds, not confirmed */
    struct draft_typing drafted_typing; /* what the last draft holds of it */
    struct day recent;          /* the last value of each habit logged in the weeks before */
    struct form_field *fields;
    size_t field_count;
    char **details; /* owned detail lines of habit fields */
    struct form_panel form;
    char *filter;            /* folded food filter, or NULL */
    size_t filter_matches;   /* foods the filter shows */
    const char *adding_food; /* the name being added as a food, while its category is asked */
    struct welcome welcome;  /* the first start, shown instead of the form while `welcoming` */
    bool welcoming;
    size_t logged_last_30;
    size_t plants_this_week;
    char experiment_line[200]; /* today's instruction of a running experiment, or "" */
    char note_line[256];         /* the first line of the note, for the form */
    struct strlist doctor_shown; /* signs rated 4 whose doctor line the status line showed */
};

static bool checkin_has_changes(const struct checkin_state *state)
{
    return !day_equal(&state->saved, &state->edited);
}

static void checkin_day_title(int day_number, char *out, size_t size)
{
    char date[DATE_LONG_SIZE];
    date_format_long(day_number, date);
    snprintf(out, size, "%s", date);
}

/* --- the form's values ------------------------------------------------------------------- */

static bool checkin_get(void *context, const struct form_field *field, double *value)
{
    struct checkin_state *state = context;
    if (field->kind == FORM_CHECKBOX)
        return day_get_food(&state->edited, field->id, value);
    return day_get_reading(&state->edited, field->id, value);
}

/* A sign rated 4 (very severe) shows when to see a doctor about it, once per sign while gutskin
 * runs: the form has moved on to the next field, so its own line no longer shows it. */
static void checkin_note_very_severe(struct checkin_state *state, const struct form_field *field)
{
    const struct content_sign *sign = content_find_sign(state->app->content, field->id);
    if (sign == NULL || sign->see_doctor == NULL || sign->see_doctor[0] == '\0' ||
        strlist_find(&state->doctor_shown, sign->id) >= 0)
        return;
    strlist_push(&state->doctor_shown, sign->id);
    ui_message(state->app->ui, "%s rated very severe. %s", sign->label, sign->see_doctor);
}

static void checkin_set(void *context, const struct form_field *field, double value)
{
    struct checkin_state *state = context;
    if (field->kind == FORM_SEVERITY && value == CONTENT_SEVERITY_MAX)
        checkin_note_very_severe(state, field);
    if (field->kind == FORM_CHECKBOX)
        day_set_food(&state->edited, field->id, value);
    else
        day_set_reading(&state->edited, field->id, value);
}

static void checkin_clear(void *context, const struct form_field *field)
{
    struct checkin_state *state = context;
    if (field->kind == FORM_CHECKBOX)
        day_remove_food(&state->edited, field->id);
    else if (field->kind == FORM_TEXT)
        day_set_note(&state->edited, NULL);
    else
        day_remove_reading(&state->edited, field->id);
}

static const char *checkin_text(void *context, const struct form_field *field)
{
    struct checkin_state *state = context;
    (void)field;
    const char *note = state->edited.note;
    if (note == NULL)
        return NULL;
    /* The first line, without the \r of a note saved with Windows line ends, cut at a character
     * boundary so that the hint about more lines always fits. */
    size_t length = strcspn(note, "\n");
    const char *more = note[length] == '\n' ? " (more lines: v reads, e edits)" : "";
    if (length > 0 && note[length - 1] == '\r')
        length--;
    size_t room = sizeof state->note_line - strlen(more) - 1;
    if (length > room)
        length = text_cut(note, room);
    snprintf(state->note_line, sizeof state->note_line, "%.*s%s", (int)length, note, more);
    return state->note_line;
}

/* + and - on a habit with no value start from its last logged value. */
static bool checkin_start(void *context, const struct form_field *field, double *value)
{
    struct checkin_state *state = context;
    return day_get_reading(&state->recent, field->id, value) && *value >= field->min &&
           *value <= field->max;
}

static const struct form_value_ops checkin_values = {.get = checkin_get,
                                                     .set = checkin_set,
                                                     .unset = checkin_clear,
                                                     .text = checkin_text,
                                                     .start = checkin_start};

/* --- building the form from the content --------------------------------------------------- */

static struct form_field *checkin_add_field(struct checkin_state *state, size_t *capacity,
                                            enum form_field_kind kind, const char *id,
                                            const char *label)
{
    xgrow(&state->fields, capacity, state->field_count + 1, sizeof *state->fields);
    struct form_field *field = &state->fields[state->field_count++];
    *field = (struct form_field){.kind = kind, .id = id, .label = label};
    return field;
}

/* Hidden items are left out of the form; a value a day has for one stays in the day as it was
 * and is saved with it unchanged. A heading with nothing under it is left out too. */
static void checkin_add_signs(struct checkin_state *state, size_t *capacity)
{
    const struct content *content = state->app->content;
    for (size_t group = 0; group < content->group_count; group++) {
        bool heading = false;
        for (size_t i = 0; i < content->sign_count; i++) {
            const struct content_sign *sign = &content->signs[i];
            if (sign->group != group || sign->hidden)
                continue;
            if (!heading)
                checkin_add_field(state, capacity, FORM_HEADING, NULL, content->groups[group].name);
            heading = true;
            struct form_field *field =
                checkin_add_field(state, capacity, FORM_SEVERITY, sign->id, sign->label);
            field->detail = sign->explanation;
            field->max = CONTENT_SEVERITY_MAX;
            field->step = 1;
            field->word = content_severity_word;
        }
    }
}

static char *checkin_habit_detail(const struct content_habit *habit)
{
    char minimum[32], maximum[32], step[32];
    form_format_number(habit->min, minimum, sizeof minimum);
    form_format_number(habit->max, maximum, sizeof maximum);
    form_format_number(habit->step, step, sizeof step);
    if (habit->kind == CONTENT_HABIT_YES_NO)
        return xprintf("%s: y yes, n no, Space toggles, x clears", habit->label);
    if (habit->kind == CONTENT_HABIT_CHOICE) {
        char *text = xprintf("%s: type", habit->label);
        for (size_t i = 0; i < habit->choices.count; i++) {
            char *longer =
                xprintf("%s%s %zu %s", text, i ? ";" : "", i + 1, habit->choices.items[i]);
            free(text);
            text = longer;
        }
        return text;
    }
    return xprintf("%s: %s to %s%s%s, in steps of %s. + / - to step, or type a number; "
                   "x clears",
                   habit->label, minimum, maximum, habit->unit[0] ? " " : "", habit->unit, step);
}

static void checkin_add_habits(struct checkin_state *state, size_t *capacity)
{
    const struct content *content = state->app->content;
    checkin_add_field(state, capacity, FORM_HEADING, NULL, "Habits");
    state->details = xcalloc(content->habit_count + 1, sizeof *state->details);
    size_t shown = 0; /* details stay NULL-terminated with hidden habits left out */
    for (size_t i = 0; i < content->habit_count; i++) {
        const struct content_habit *habit = &content->habits[i];
        if (habit->hidden)
            continue;
        enum form_field_kind kind = habit->kind == CONTENT_HABIT_YES_NO ? FORM_YES_NO : FORM_NUMBER;
        struct form_field *field =
            checkin_add_field(state, capacity, kind, habit->id, habit->label);
        field->unit = habit->kind == CONTENT_HABIT_AMOUNT ? habit->unit : NULL;
        field->min = habit->min;
        field->max = habit->max;
        field->step = habit->step;
        field->words = habit->kind == CONTENT_HABIT_CHOICE ? habit->choices.items : NULL;
        field->word_count = habit->choices.count;
        state->details[shown] = checkin_habit_detail(habit);
        field->detail = state->details[shown++];
    }
}

static void checkin_add_foods(struct checkin_state *state, size_t *capacity)
{
    const struct content *content = state->app->content;
    for (size_t category = 0; category < content->category_count; category++) {
        bool heading = false;
        for (size_t i = 0; i < content->food_count; i++) {
            const struct content_food *food = &content->foods[i];
            if (food->category != category || food->hidden)
                continue;
            if (!heading)
                checkin_add_field(state, capacity, FORM_HEADING, NULL,
                                  content->categories[category].name);
            heading = true;
            struct form_field *field =
                checkin_add_field(state, capacity, FORM_CHECKBOX, food->id, food->name);
            field->detail = food->why;
        }
    }
}

static void checkin_build_form(struct checkin_state *state)
{
    size_t capacity = 0;
    checkin_add_signs(state, &capacity);
    checkin_add_habits(state, &capacity);
    checkin_add_foods(state, &capacity);
    checkin_add_field(state, &capacity, FORM_HEADING, NULL, "Note");
    struct form_field *note =
        checkin_add_field(state, &capacity, FORM_TEXT, CHECKIN_NOTE_ID, "Note");
    note->detail = "Enter: write the note here; e: open it in $VISUAL / $EDITOR; x clears";
    form_panel_set_fields(&state->form, state->fields, state->field_count);
}

static void checkin_free_form(struct checkin_state *state)
{
    for (size_t i = 0; state->details && state->details[i]; i++)
        free(state->details[i]);
    free(state->details);
    free(state->fields);
    state->details = NULL;
    state->fields = NULL;
    state->field_count = 0;
}

static bool checkin_food_matches(const struct form_field *field, void *context);

/* After the content changed (an item added, hidden or shown): the form again, the cursor on
 * `focus` (an id) when it is still there. */
static void checkin_rebuild_form(struct checkin_state *state, const char *focus)
{
    char id[TRACKED_ID_SIZE + 16] = "";
    if (focus != NULL)
        snprintf(id, sizeof id, "%s", focus);
    form_panel_set_fields(&state->form, NULL, 0); /* before the fields it points to go */
    checkin_free_form(state);
    checkin_build_form(state);
    if (state->filter != NULL)
        form_panel_filter(&state->form, checkin_food_matches, state->filter);
    if (id[0] != '\0')
        form_panel_focus(&state->form, id);
}

/* --- the journal ------------------------------------------------------------------------ */

struct plant_count {
    const struct content *content;
    struct strlist seen;
};

static int checkin_count_plants(const struct day *day, void *context)
{
    struct plant_count *count = context;
    for (size_t i = 0; i < day->food_count; i++) {
        const struct content_food *food = content_find_food(count->content, day->foods[i].id);
        if (food != NULL && food->plant && strlist_find(&count->seen, food->id) < 0)
            strlist_push(&count->seen, food->id);
    }
    return 0;
}

/* Gentle consistency, not streaks: days logged in the last 30, different plants this week. */
static void checkin_load_consistency(struct checkin_state *state)
{
    struct app *app = state->app;
    state->logged_last_30 = 0;
    journal_count_days(app->journal, app->today - 29, app->today, &state->logged_last_30, NULL);
    struct plant_count count = {app->content, STRLIST_INIT};
    journal_each_day(app->journal, date_week_start(app->today), app->today, checkin_count_plants,
                     &count, NULL);
    state->plants_this_week = count.seen.count;
    strlist_release(&count.seen);
}

/* The running experiment's instruction for the day shown (experiment.h words it). */
static void checkin_load_experiment(struct checkin_state *state)
{
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    state->experiment_line[0] = '\0';
    if (journal_list_experiments(state->app->journal, &plans, &count, NULL) == 0 && count > 0)
        experiment_day_line(state->app->content,
                            &plans[experiment_current(plans, count, state->app->today)],
                            state->day_number, state->app->today, state->experiment_line,
                            sizeof state->experiment_line);
    free(plans);
}

#define CHECKIN_RECENT_DAYS 60

static int checkin_keep_recent(const struct day *day, void *context)
{
    struct day *recent = context;
    for (size_t i = 0; i < day->reading_count; i++)
        day_set_reading(recent, day->readings[i].id, day->readings[i].value);
    return 0;
}

/* The values + and - start from: each metric's last value in the weeks before the day. */
static void checkin_load_recent(struct checkin_state *state, int day_number)
{
    day_release(&state->recent);
    day_init(&state->recent, day_number - 1);
    journal_each_day(state->app->journal, day_number - CHECKIN_RECENT_DAYS, day_number - 1,
                     checkin_keep_recent, &state->recent, NULL);
}

static void checkin_load_day(struct checkin_state *state, int day_number)
{
    struct error err = {0};
    state->day_number = day_number;
    checkin_load_experiment(state);
    /* Freshness first: a write landing during the load then shows as a change to look at. */
    state->freshness = journal_freshness(state->app->journal);
    state->changed_elsewhere = false;
    day_release(&state->saved);
    day_init(&state->saved, day_number);
    int found = journal_load_day(state->app->journal, day_number, &state->saved, &err);
    if (found < 0)
        ui_error(state->app->ui, "%s", err.message);
    state->exists = found > 0;
    day_copy(&state->edited, &state->saved);
    checkin_load_recent(state, day_number);
}

/* --- conflicts: a value changed here and elsewhere ---------------------------------------- */

static const char *checkin_label(const struct checkin_state *state, const struct day_conflict *c)
{
    if (c->kind == DAY_VALUE_NOTE)
        return "Note";
    for (size_t i = 0; i < state->field_count; i++)
        if (state->fields[i].id != NULL && strcmp(state->fields[i].id, c->id) == 0)
            return state->fields[i].label;
    return c->id;
}

/* "Sleep: yours 6, elsewhere 9 (10:02)" for one conflict. */
static void checkin_describe_conflict(const struct checkin_state *state,
                                      const struct day_conflict *c, char *out, size_t size)
{
    char mine[32] = "none", theirs[32] = "none", when[16] = "";
    if (c->kind == DAY_VALUE_NOTE) {
        snprintf(mine, sizeof mine, "%s", c->mine_set ? "your text" : "none");
        snprintf(theirs, sizeof theirs, "%s", c->theirs_set ? "other text" : "none");
    } else {
        if (c->mine_set)
            form_format_number(c->mine, mine, sizeof mine);
        if (c->theirs_set)
            form_format_number(c->theirs, theirs, sizeof theirs);
    }
    time_t at = (time_t)c->theirs_changed_at;
    struct tm local;
    if (at > 0 && localtime_r(&at, &local) != NULL)
        strftime(when, sizeof when, " (%H:%M)", &local);
    snprintf(out, size, "%s: yours %s, elsewhere %s%s", checkin_label(state, c), mine, theirs,
             when);
}

/* Asks how to settle the conflicts: 'm' keep mine, 'o' keep the other, 0 go back and look. */
static int checkin_ask_conflicts(struct checkin_state *state, const struct day_conflicts *list)
{
    char first[160], question[320];
    checkin_describe_conflict(state, &list->items[0], first, sizeof first);
    char more[48] = "";
    if (list->count > 1)
        snprintf(more, sizeof more, " and %zu more", list->count - 1);
    /* The choices first: a narrow status line cuts the end, never the keys. */
    snprintf(question, sizeof question,
             "Changed elsewhere too: m keep mine, o keep the other, Esc go back and look. %s%s ",
             first, more);
    return ui_choose(state->app->ui, question, "gmo");
}

/* After "go back and look": what the other side holds, so that the person can decide. */
static void checkin_show_conflicts(struct checkin_state *state, const struct day_conflicts *list)
{
    char text[256] = "", one[160];
    size_t used = 0;
    for (size_t i = 0; i < list->count && used < sizeof text; i++) {
        checkin_describe_conflict(state, &list->items[i], one, sizeof one);
        int written = snprintf(text + used, sizeof text - used, "%s%s", i ? "; " : "", one);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    ui_error(state->app->ui, "Not saved. %s. Ctrl-S asks again", text);
}

static void checkin_forget_draft(struct checkin_state *state)
{
    draft_store_clear(state->drafts);
    day_release(&state->drafted);
    day_init(&state->drafted, DATE_NONE);
    draft_typing_release(&state->drafted_typing);
    state->change_seen = 0;
}

/* Saves what the person changed as a merge over the day as it is in the journal now: values
 * changed elsewhere meanwhile are kept; a value changed on both sides is asked about. */
static bool checkin_save(struct checkin_state *state)
{
    struct app *app = state->app;
    struct error err = {0};
    struct day_conflicts conflicts;
    day_conflicts_init(&conflicts);
    int status = journal_merge_day(app->journal, &state->saved, &state->edited, DAY_MERGE_ASK,
                                   &conflicts, &err);
    if (status == 1) {
        int answer = checkin_ask_conflicts(state, &conflicts);
        if (answer == 'm' || answer == 'o')
            status = journal_merge_day(app->journal, &state->saved, &state->edited,
                                       answer == 'm' ? DAY_MERGE_KEEP_MINE : DAY_MERGE_KEEP_THEIRS,
                                       NULL, &err);
        else
            checkin_show_conflicts(state, &conflicts);
    }
    day_conflicts_release(&conflicts);
    if (status != 0) {
        if (status < 0)
            ui_error(app->ui, "not saved: %s", err.message);
        return false;
    }
    bool merged = state->changed_elsewhere;
    checkin_load_day(state, state->day_number);
    checkin_load_consistency(state);
    checkin_forget_draft(state);
    char title[64];
    checkin_day_title(state->day_number, title, sizeof title);
    ui_message(app->ui, merged ? "Saved %s, with the changes made elsewhere" : "Saved %s", title);
    return true;
}

/* Before the day or the screen changes: save, discard or stay. True when it may go on. */
static bool checkin_settle_changes(struct checkin_state *state)
{
    if (!checkin_has_changes(state))
        return true;
    char title[64], question[160];
    checkin_day_title(state->day_number, title, sizeof title);
    snprintf(question, sizeof question, "Save changes to %s? y save, n discard, Esc stay ", title);
    switch (ui_choose(state->app->ui, question, "yn")) {
    case 'y':
        return checkin_save(state);
    case 'n':
        day_copy(&state->edited, &state->saved);
        checkin_forget_draft(state);
        return true;
    default:
        return false;
    }
}

/* Days after today cannot be logged (a day is logged once it happened), nor days outside the
 * years dates have: [ and ] stop there with a word instead of going on. */
static bool checkin_day_reachable(struct checkin_state *state, int day_number)
{
    char date[DATE_TEXT_SIZE];
    if (day_number > state->app->today) {
        date_format(day_number, date);
        ui_message(state->app->ui, "%s is after today: only days that have happened can be logged",
                   date);
        return false;
    }
    if (day_number < date_from_parts(DATE_FIRST_YEAR, 1, 1)) {
        ui_message(state->app->ui, "%d-01-01 is the first day a journal can hold", DATE_FIRST_YEAR);
        return false;
    }
    return true;
}

static void checkin_go_to_day(struct checkin_state *state, int day_number)
{
    if (day_number == state->day_number || !checkin_day_reachable(state, day_number) ||
        !checkin_settle_changes(state))
        return;
    checkin_load_day(state, day_number);
}

/* --- editing ----------------------------------------------------------------------------- */

/* The typed text as a value of the field: the numbers `gutskin log` and import take (blanks
 * around it allowed), within the range and on a step. */
static bool checkin_parse_number(const struct form_field *field, const char *text, double *value)
{
    char trimmed[NUM_TEXT_SIZE * 2];
    while (*text == ' ')
        text++;
    size_t length = strlen(text);
    while (length > 0 && text[length - 1] == ' ')
        length--;
    if (length >= sizeof trimmed)
        return false;
    memcpy(trimmed, text, length);
    trimmed[length] = '\0';
    double number;
    if (!num_parse(trimmed, &number) || number < field->min || number > field->max ||
        !num_step_ok(number, field->min, field->step))
        return false;
    *value = number;
    return true;
}

static void checkin_refuse_number(struct checkin_state *state, const struct form_field *field,
                                  const char *text)
{
    char minimum[32], maximum[32];
    double value;
    form_format_number(field->min, minimum, sizeof minimum);
    form_format_number(field->max, maximum, sizeof maximum);
    if (num_parse_decimal_comma(text, &value))
        ui_error(state->app->ui, "'%s' is not a value for %s: write decimals with a point (%g)",
                 text, field->label, value);
    else
        ui_error(state->app->ui, "'%s' is not a value for %s: use %s to %s in steps of %g", text,
                 field->label, minimum, maximum, field->step);
}

static void checkin_keep_draft(struct checkin_state *state);

/* The open prompt's text, as it stands, goes into the draft like any change. */
static void checkin_keep_typed(const char *text, void *context)
{
    struct checkin_state *state = context;
    draft_typing_set(&state->typing, state->typing.kind, state->typing.id, text);
    checkin_keep_draft(state);
}

/* A prompt for a value of the day: what is typed in it is kept in the draft until Enter takes it
 * into the form or Escape drops it (the caller's key then keeps the draft up to date). */
static char *checkin_prompt_kept(struct checkin_state *state, enum draft_typing_kind kind,
                                 const char *id, const char *label, const char *initial)
{
    draft_typing_set(&state->typing, kind, id, initial);
    char *text = ui_prompt_kept(state->app->ui, label, initial, checkin_keep_typed, state);
    draft_typing_release(&state->typing);
    return text;
}

/* True when a value was set (the cursor then moves on). */
static bool checkin_edit_number(struct checkin_state *state, const struct form_field *field)
{
    char label[128], minimum[32], maximum[32];
    form_format_number(field->min, minimum, sizeof minimum);
    form_format_number(field->max, maximum, sizeof maximum);
    snprintf(label, sizeof label, "%s (%s-%s%s%s):", field->label, minimum, maximum,
             field->unit ? " " : "", field->unit ? field->unit : "");
    char *text =
        checkin_prompt_kept(state, DRAFT_TYPING_READING, field->id, label, state->form.typed);
    if (text == NULL)
        return false;
    double value;
    bool set = false;
    if (text[0] == '\0')
        day_remove_reading(&state->edited, field->id);
    else if ((set = checkin_parse_number(field, text, &value)))
        day_set_reading(&state->edited, field->id, value);
    else
        checkin_refuse_number(state, field, text);
    free(text);
    return set;
}

static void checkin_edit_note_inline(struct checkin_state *state)
{
    const char *note = state->edited.note;
    if (note != NULL && strchr(note, '\n') != NULL) {
        ui_message(state->app->ui, "This note has several lines: press e to edit it in your "
                                   "editor");
        return;
    }
    char *text = checkin_prompt_kept(state, DRAFT_TYPING_NOTE, NULL, "Note:", note ? note : "");
    if (text != NULL)
        day_set_note(&state->edited, text);
    free(text);
}

/* Notes are a few lines; a megabyte is far more than any editor session should produce. */
#define CHECKIN_NOTE_LIMIT (1024 * 1024)

/* Says how the editor ended when that was not a clean exit, and whether its text was kept. */
static void checkin_report_editor(struct ui *ui, const struct editor_session *session, bool changed)
{
    char how[64];
    if (session->signal != 0)
        snprintf(how, sizeof how, "was stopped by signal %d", session->signal);
    else if (session->status == -1)
        snprintf(how, sizeof how, "could not be started");
    else
        snprintf(how, sizeof how, "reported an error (status %d)", session->status);
    if (changed)
        ui_error(ui,
                 "the editor %s; its text is in the note, not saved yet: check it, then "
                 "Ctrl-S",
                 how);
    else
        ui_error(ui, "the editor %s: note unchanged", how);
}

/* The field shows the note's first line only: this shows all of it, as it stands (unsaved
 * changes included). */
static void checkin_read_note(struct checkin_state *state)
{
    const char *note = state->edited.note;
    char date[DATE_TEXT_SIZE];
    date_format(state->edited.day_number, date);
    if (note == NULL || note[0] == '\0') {
        ui_message(state->app->ui, "No note on %s yet: Enter writes one", date);
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "note of %s", date);
    ui_read_text(state->app->ui, title, note);
}

static void checkin_edit_note_external(struct checkin_state *state)
{
    struct ui *ui = state->app->ui;
    if (ui_is_headless(ui)) {
        ui_message(ui, "no editor in headless mode");
        return;
    }
    const char *before = state->edited.note ? state->edited.note : "";
    struct editor_session session;
    struct error err = {0};
    if (editor_open(&session, before, &err) != 0) {
        ui_error(ui, "%s", err.message);
        return;
    }
    editor_run(ui, &session);
    bool repaired = false;
    char *text = editor_read(&session, CHECKIN_NOTE_LIMIT, &repaired, &err);
    if (text == NULL) {
        /* The file stays: it may hold the only copy of what the person wrote. */
        ui_error(ui, "%s: note unchanged; the editor's file is kept", err.message);
        editor_close(&session, false);
        return;
    }
    /* An editor that saved and then failed (vim after a mistyped :command) still wrote the
     * person's words: they become an unsaved change, with the error said. */
    bool changed = strcmp(text, before) != 0;
    if (changed)
        day_set_note(&state->edited, text);
    editor_close(&session, true);
    if (session.status != 0)
        checkin_report_editor(ui, &session, changed);
    else if (repaired)
        ui_error(
            ui,
            "the note has bytes that are not UTF-8, shown as \xEF\xBF\xBD: press e to fix them");
    free(text);
}

/* Copies the habits (or the foods) of the day before the day shown: one key on a day like the
 * last. Values already entered that differ are replaced only when the person says so. */
struct checkin_copy {
    const struct day *from;
    struct day *to;
    bool foods;
};

static bool checkin_copy_item(const struct checkin_copy *copy, const char *id, double *value,
                              double *entered)
{
    bool there =
        copy->foods ? day_get_food(copy->from, id, value) : day_get_reading(copy->from, id, value);
    bool here =
        copy->foods ? day_get_food(copy->to, id, entered) : day_get_reading(copy->to, id, entered);
    return there && !(here && *entered == *value);
}

/* Visits the visible habits or foods that the day before has: returns how many differ from (or
 * are missing in) the day shown, and of those how many were entered already; sets them when
 * `apply` (the entered ones only with `replace`). */
static size_t checkin_copy_pass(struct checkin_state *state, const struct checkin_copy *copy,
                                bool apply, bool replace, size_t *entered_count)
{
    const struct content *content = state->app->content;
    size_t count = copy->foods ? content->food_count : content->habit_count, changed = 0;
    *entered_count = 0;
    for (size_t i = 0; i < count; i++) {
        bool hidden = copy->foods ? content->foods[i].hidden : content->habits[i].hidden;
        const char *id = copy->foods ? content->foods[i].id : content->habits[i].id;
        double value, entered;
        if (hidden || !checkin_copy_item(copy, id, &value, &entered))
            continue;
        bool here = copy->foods ? day_get_food(copy->to, id, &entered)
                                : day_get_reading(copy->to, id, &entered);
        *entered_count += here;
        if (!apply || (here && !replace))
            continue;
        if (copy->foods)
            day_set_food(copy->to, id, value);
        else
            day_set_reading(copy->to, id, value);
        changed++;
    }
    return changed;
}

static void checkin_copy_day_before(struct checkin_state *state, bool foods)
{
    struct app *app = state->app;
    char date[DATE_TEXT_SIZE]; /* the messages name the day */
    date_format(state->day_number - 1, date);
    struct day before;
    day_init(&before, state->day_number - 1);
    const char *what = foods ? "food" : "habit";
    struct checkin_copy copy = {&before, &state->edited, foods};
    size_t entered = 0;
    bool replace = false, go = true;
    if (journal_load_day(app->journal, before.day_number, &before, NULL) > 0)
        checkin_copy_pass(state, &copy, false, false, &entered);
    if (entered > 0) {
        char question[160];
        snprintf(question, sizeof question,
                 "%zu %s%s entered differ%s from %s: r replace, k keep, Esc cancel ", entered, what,
                 entered == 1 ? "" : "s", entered == 1 ? "s" : "", date);
        int answer = ui_choose(app->ui, question, "rk");
        replace = answer == 'r';
        go = answer != 0;
    }
    size_t copied = go ? checkin_copy_pass(state, &copy, true, replace, &entered) : 0;
    day_release(&before);
    if (!go)
        return;
    if (copied == 0)
        ui_message(app->ui, "Nothing to copy: no other %ss logged on %s", what, date);
    else
        ui_message(app->ui, "Copied %zu %s%s from %s (not saved yet: Ctrl-S)", copied, what,
                   copied == 1 ? "" : "s", date);
}

/* z: "none" for every sign of the cursor's group still blank; Z (or z off the signs): of the whole
 * form. The cursor then moves past them, as after any value. */
static void checkin_none_for_blank(struct checkin_state *state, bool whole_form)
{
    const struct form_field *current = form_panel_current(&state->form);
    size_t first = 0, end = state->field_count;
    if (!whole_form && current != NULL && current->kind == FORM_SEVERITY) {
        size_t at = (size_t)(current - state->fields);
        for (first = at; first > 0 && state->fields[first].kind != FORM_HEADING; first--)
            ;
        for (end = at + 1; end < state->field_count && state->fields[end].kind != FORM_HEADING;
             end++)
            ;
    }
    size_t set = 0, last = first;
    for (size_t i = first; i < end; i++) {
        double value;
        if (state->fields[i].kind != FORM_SEVERITY)
            continue;
        last = i;
        if (!day_get_reading(&state->edited, state->fields[i].id, &value)) {
            day_set_reading(&state->edited, state->fields[i].id, 0);
            set++;
        }
    }
    for (size_t i = last + 1; i < state->field_count; i++)
        if (state->fields[i].kind != FORM_HEADING &&
            form_panel_focus(&state->form, state->fields[i].id))
            break;
    ui_message(state->app->ui, "%zu sign%s set to none", set, set == 1 ? "" : "s");
}

static bool checkin_food_matches(const struct form_field *field, void *context)
{
    const char *filter = context;
    return field->kind != FORM_CHECKBOX || filter == NULL ||
           text_contains_folded(field->label, filter);
}

static void checkin_apply_filter(const char *text, void *context)
{
    struct checkin_state *state = context;
    free(state->filter);
    state->filter = text && text[0] ? text_fold(text) : NULL;
    form_panel_filter(&state->form, checkin_food_matches, state->filter);
    state->filter_matches = 0;
    for (size_t i = 0; i < state->form.visible_count; i++)
        state->filter_matches += state->fields[state->form.visible[i]].kind == FORM_CHECKBOX;
    /* Put the cursor on the first food that matches, so Space ticks it at once. */
    for (size_t i = 0; state->filter && i < state->form.visible_count; i++) {
        const struct form_field *field = &state->fields[state->form.visible[i]];
        if (field->kind == FORM_CHECKBOX) {
            list_panel_select(&state->form.list, i);
            break;
        }
    }
}

/* A name the filter found nothing for becomes a food of the person's own: they choose its
 * category (listed over the form while asked), it is kept in tracked.yaml and ticked. */
static void checkin_add_food(struct checkin_state *state, const char *name)
{
    struct app *app = state->app;
    const struct content *content = app->content;
    if (app->own_dir == NULL) {
        ui_error(app->ui, "cannot add '%s': no home folder to keep your foods in", name);
        return;
    }
    char choices[10] = "", question[200];
    for (size_t i = 0; i < content->category_count && i < 9; i++)
        choices[i] = (char)('1' + i);
    snprintf(question, sizeof question, "Add '%s' as a food: its category? 1-%zu, Esc cancels ",
             name, strlen(choices));
    state->adding_food = name;
    int answer = ui_choose(app->ui, question, choices);
    state->adding_food = NULL;
    if (answer == 0)
        return;
    const struct content_food_category *category = &content->categories[answer - '1'];
    /* Esc here cancels the whole addition, as it did for the category. */
    int plant = category->limit ? 'n'
                                : ui_choose(app->ui,
                                            "A plant (it counts towards plants this week)? y yes, "
                                            "n no, Esc cancels ",
                                            "yn");
    if (plant == 0) {
        ui_message(app->ui, "'%s' not added", name);
        return;
    }
    char id[TRACKED_ID_SIZE], *label = xstrdup(name);
    if (label[0] >= 'a' && label[0] <= 'z') /* "pizza" beside "Kimchi": Pizza */
        label[0] = (char)(label[0] - 'a' + 'A');
    struct error err = {ERROR_NONE, ""};
    int status = tracked_add_food(app->content, app->own_dir, label, category->id, plant == 'y', id,
                                  &err);
    free(label);
    if (status != 0) {
        ui_error(app->ui, "not added: %s", err.message);
        return;
    }
    checkin_apply_filter(NULL, state);
    checkin_rebuild_form(state, id);
    day_set_food(&state->edited, id, 1);
    ui_reload_screens(app->ui);
    ui_message(app->ui, "Added %s to %s, ticked for this day (not saved yet: Ctrl-S)",
               content_find_food(app->content, id)->name, category->name);
}

static void checkin_filter_foods(struct checkin_state *state)
{
    char *text = ui_prompt_live(state->app->ui, "Filter foods:", "", checkin_apply_filter, state);
    if (text == NULL)
        checkin_apply_filter(NULL, state);
    else if (state->filter != NULL && state->filter_matches == 0)
        checkin_add_food(state, text);
    free(text);
}

/* The sign, habit or food under the cursor for H or R, with its kind's word for tracked.h, or
 * NULL (the person told why). */
static const struct form_field *checkin_item_field(struct checkin_state *state, const char *what,
                                                   const char **kind)
{
    struct app *app = state->app;
    const struct form_field *field = form_panel_current(&state->form);
    if (field == NULL || field->kind == FORM_TEXT) {
        ui_message(app->ui, "%s a sign, a habit or a food", what);
        return NULL;
    }
    if (app->own_dir == NULL) {
        ui_error(app->ui, "cannot change the check-in: no home folder to keep your choices in");
        return NULL;
    }
    *kind = field->kind == FORM_SEVERITY ? "sign" : field->kind == FORM_CHECKBOX ? "food" : "habit";
    return field;
}

/* H: the sign, habit or food under the cursor leaves the check-in; its data stays. */
static void checkin_hide_current(struct checkin_state *state)
{
    struct app *app = state->app;
    const char *kind;
    const struct form_field *field = checkin_item_field(state, "H hides from the check-in", &kind);
    if (field == NULL)
        return;
    char question[200];
    snprintf(question, sizeof question,
             "Hide %s from the check-in? Its data stays; About brings it back", field->label);
    if (!ui_confirm(app->ui, question))
        return;
    const char *next = NULL; /* where the cursor goes: the next row, as after a value */
    for (size_t i = (size_t)(field - state->fields) + 1; next == NULL && i < state->field_count;
         i++)
        if (state->fields[i].kind != FORM_HEADING)
            next = state->fields[i].id;
    char label[160];
    snprintf(label, sizeof label, "%s", field->label);
    struct error err = {ERROR_NONE, ""};
    if (tracked_set_hidden(app->content, app->own_dir, kind, field->id, true, &err) != 0) {
        ui_error(app->ui, "not hidden: %s", err.message);
        return;
    }
    checkin_rebuild_form(state, next);
    ui_reload_screens(app->ui);
    ui_message(app->ui, "Hid %s; its data stays, and About lists it to bring it back", label);
}

/* R: a new label for the sign, habit or food under the cursor, as `gutskin track rename` gives
 * (the same rules and file; the id and the data stay). */
static void checkin_rename_current(struct checkin_state *state)
{
    struct app *app = state->app;
    const char *kind;
    const struct form_field *field = checkin_item_field(state, "R renames", &kind);
    if (field == NULL)
        return;
    char old[160], id[160];
    snprintf(old, sizeof old, "%s", field->label);
    snprintf(id, sizeof id, "%s", field->id);
    char *label = ui_prompt(app->ui, "New name:", old);
    if (label == NULL || strcmp(label, old) == 0) {
        free(label);
        return;
    }
    struct error err = {ERROR_NONE, ""};
    if (tracked_rename(app->content, app->own_dir, kind, id, label, &err) != 0) {
        ui_error(app->ui, "not renamed: %s", err.message);
    } else {
        checkin_rebuild_form(state, id);
        ui_reload_screens(app->ui);
        const struct form_field *renamed = form_panel_current(&state->form);
        ui_message(app->ui, "Renamed %s to %s; its data stays", old,
                   renamed != NULL ? renamed->label : label);
    }
    free(label);
}

static void checkin_jump_to_date(struct checkin_state *state)
{
    char *text = ui_prompt(state->app->ui, "Go to date (YYYY-MM-DD, today, yesterday, -N):", "");
    if (text == NULL)
        return;
    int day_number;
    if (date_parse_relative(text, state->app->today, &day_number))
        checkin_go_to_day(state, day_number);
    else if (text[0] != '\0')
        ui_error(state->app->ui, "'%s' is not a date: use YYYY-MM-DD, today, yesterday or -N",
                 text);
    free(text);
}

/* --- drawing ----------------------------------------------------------------------------- */

static void checkin_draw_header(struct checkin_state *state, struct draw_rect area)
{
    char title[64], right[128];
    checkin_day_title(state->day_number, title, sizeof title);
    const char *status = !checkin_has_changes(state) ? (state->exists ? "saved" : "new")
                         : state->changed_elsewhere  ? "changed here and elsewhere"
                                                     : "changed";
    enum theme_role status_role = checkin_has_changes(state) ? THEME_WARNING
                                  : state->exists            ? THEME_GOOD
                                                             : THEME_DIM;
    int x = area.x + 1;
    x += draw_text(area.y, x, area.width - 2, title, THEME_HEADING);
    if (state->day_number == state->app->today)
        x += draw_text(area.y, x, area.width - x, " (today)", THEME_HEADING);
    x += draw_text(area.y, x, area.width - x, " ", THEME_NORMAL);
    x += draw_textf(area.y, x, area.width - x, status_role, "[%s]", status);
    snprintf(right, sizeof right, "logged %zu/30 days %s %zu plant%s this week ",
             state->logged_last_30, theme_glyph(GLYPH_SEPARATOR), state->plants_this_week,
             state->plants_this_week == 1 ? "" : "s");
    int room = area.x + area.width - x - 2;
    /* A running experiment's instruction comes first: it is what today asks of the person. */
    if (state->experiment_line[0] != '\0') {
        char both[sizeof right + sizeof state->experiment_line + 8];
        snprintf(both, sizeof both, "%s %s %s", state->experiment_line,
                 theme_glyph(GLYPH_SEPARATOR), right);
        /* Narrower: the line alone, then without its "Experiment: " word, then cut. */
        const char *line = state->experiment_line;
        const char *shorter = strchr(line, ':') ? strchr(line, ':') + 2 : line;
        if (text_width(both) <= room)
            line = both;
        else if (text_width(line) > room)
            line = shorter;
        int width = text_width(line) < room ? text_width(line) : room;
        if (width > 0)
            draw_text(area.y, area.x + area.width - width - 1, width, line, THEME_MESSAGE);
        return;
    }
    if (text_width(right) <= room)
        draw_text_right(area.y, x, area.x + area.width - x, right, THEME_DIM);
}

/* What the food filter is doing, or NULL when nothing is filtered. */
static const char *checkin_filter_status(const struct checkin_state *state)
{
    if (state->filter == NULL)
        return NULL;
    return state->filter_matches == 0 ? " no food matches: Enter in the filter offers to add it "
                                      : " foods filtered: / to change, Esc in the filter to clear ";
}

/* The field's detail, then for a sign when to see a doctor, in `box`, with `gap` blank lines
 * between the two when there is room. The doctor line keeps all its lines when the two do not
 * fit, since it is the part that must not be cut. */
static void checkin_draw_explanation(const struct checkin_state *state, struct draw_rect box,
                                     int gap)
{
    const struct form_field *field = form_panel_current(&state->form);
    if (field == NULL || field->detail == NULL || box.height <= 0 || box.width <= 0)
        return;
    const struct content_sign *sign =
        field->kind == FORM_SEVERITY ? content_find_sign(state->app->content, field->id) : NULL;
    struct strlist lines = STRLIST_INIT, doctor = STRLIST_INIT;
    text_wrap(field->detail, box.width, &lines);
    if (sign != NULL && sign->see_doctor != NULL)
        text_wrap(sign->see_doctor, box.width, &doctor);
    size_t rows = (size_t)box.height;
    size_t doctor_rows = doctor.count < rows ? doctor.count : rows;
    size_t detail_rows = lines.count < rows - doctor_rows ? lines.count : rows - doctor_rows;
    int y = box.y;
    for (size_t i = 0; i < detail_rows; i++)
        draw_text(y++, box.x, box.width, lines.items[i], THEME_DIM);
    if (doctor_rows > 0 && detail_rows > 0 && detail_rows + doctor_rows + (size_t)gap <= rows)
        y += gap;
    for (size_t i = 0; i < doctor_rows; i++)
        draw_text(y++, box.x, box.width, doctor.items[i], THEME_NORMAL);
    strlist_release(&lines);
    strlist_release(&doctor);
}

/* Below the form on narrower terminals: a rule (carrying the filter's state), then a few lines. */
static void checkin_draw_detail(const struct checkin_state *state, struct draw_rect area)
{
    int rows = checkin_detail_lines(area);
    int top = area.y + area.height - rows;
    draw_hline(top - 1, area.x, area.width, THEME_DIM);
    const char *filter = checkin_filter_status(state);
    if (filter != NULL)
        draw_text(top - 1, area.x + 2, area.width - 4, filter, THEME_MESSAGE);
    checkin_draw_explanation(state, (struct draw_rect){top, area.x + 1, rows, area.width - 2}, 0);
}

/* Whole form columns on a wide terminal, leaving the rest of the width to the explanation. */
static int checkin_form_width(struct draw_rect area)
{
    int columns = (area.width - 1 - CHECKIN_SIDE_MIN) / CHECKIN_COLUMN;
    return (columns < 1 ? 1 : columns) * CHECKIN_COLUMN;
}

/* Beside the form on wide terminals: the filter's state, then the explanation wrapped in full. */
static void checkin_draw_side(const struct checkin_state *state, struct draw_rect area)
{
    int form_width = checkin_form_width(area);
    /* One blank column keeps the form's scroll arrow off the rule. */
    struct draw_rect side = {area.y + 1, area.x + form_width + 1, area.height - 1,
                             area.width - form_width - 1};
    draw_vline(side.y, side.x, side.height, THEME_DIM);
    struct draw_rect box = {side.y, side.x + 2, side.height, side.width - 3};
    const char *filter = checkin_filter_status(state);
    if (filter != NULL) {
        struct strlist lines = STRLIST_INIT;
        text_wrap(filter + 1, box.width, &lines); /* no frame to set it off from */
        for (size_t i = 0; i < lines.count && box.height > 1; i++, box.y++, box.height--)
            draw_text(box.y, box.x, box.width, lines.items[i], THEME_MESSAGE);
        strlist_release(&lines);
        box.y++;
        box.height--;
    }
    checkin_draw_explanation(state, box, 1);
}

static struct draw_rect checkin_form_area(struct draw_rect area)
{
    if (area.width >= CHECKIN_WIDE)
        return (struct draw_rect){area.y + 1, area.x, area.height - 1, checkin_form_width(area)};
    return (struct draw_rect){area.y + 1, area.x, area.height - 2 - checkin_detail_lines(area),
                              area.width};
}

/* The categories to choose from while a food is being added, over the form. */
static void checkin_draw_categories(struct checkin_state *state, struct draw_rect area)
{
    const struct content *content = state->app->content;
    int rows = (int)content->category_count + 2;
    int top = area.y + 1, width = area.width < 60 ? area.width : 60;
    for (int y = top; y < top + rows && y < area.y + area.height; y++)
        draw_blank(y, area.x, width, THEME_NORMAL);
    draw_textf(top, area.x + 1, width - 2, THEME_HEADING,
               "Add '%s' as a food in:", state->adding_food);
    for (size_t i = 0; i < content->category_count && i < 9; i++)
        draw_textf(top + 1 + (int)i, area.x + 3, width - 4, THEME_NORMAL, "%zu  %s", i + 1,
                   content->categories[i].name);
}

static void checkin_draw(void *opaque, struct app *app, struct draw_rect area)
{
    struct checkin_state *state = opaque;
    (void)app;
    if (state->welcoming) {
        welcome_draw(&state->welcome, area);
        return;
    }
    checkin_draw_header(state, area);
    form_panel_draw(&state->form, checkin_form_area(area));
    if (area.width >= CHECKIN_WIDE)
        checkin_draw_side(state, area);
    else
        checkin_draw_detail(state, area);
    if (state->adding_food != NULL)
        checkin_draw_categories(state, area);
}

static const char *checkin_mode_hint(void *opaque)
{
    const struct checkin_state *state = opaque;
    return state->welcoming ? "Space tick/untick  Enter start with these  Esc skip" : NULL;
}

static const struct screen_key_help *checkin_mode_help(void *opaque)
{
    const struct checkin_state *state = opaque;
    return state->welcoming ? welcome_help : NULL;
}

static void checkin_start_welcome(struct checkin_state *state)
{
    welcome_release(&state->welcome);
    welcome_init(&state->welcome, state->app);
    state->welcoming = true;
}

static enum screen_result checkin_welcome_key(struct checkin_state *state, int key,
                                              struct draw_rect area)
{
    enum panel_key_result handled;
    enum welcome_result result = welcome_key(&state->welcome, key, area, &handled);
    if (result == WELCOME_GOING)
        return screen_panel_result(handled);
    state->welcoming = false;
    state->app->welcome = false;
    if (result == WELCOME_DONE) {
        checkin_rebuild_form(state, NULL);
        ui_reload_screens(state->app->ui);
    }
    return SCREEN_REDRAW_BODY | SCREEN_REDRAW_STATUS; /* the first start's hint goes too */
}

/* --- keys and life cycle ------------------------------------------------------------------ */

static enum screen_result checkin_day_key(struct checkin_state *state, int key)
{
    switch (key) {
    case '[':
        checkin_go_to_day(state, state->day_number - 1);
        return SCREEN_REDRAW_BODY;
    case ']':
        checkin_go_to_day(state, state->day_number + 1);
        return SCREEN_REDRAW_BODY;
    case 't':
        checkin_go_to_day(state, state->app->today);
        return SCREEN_REDRAW_BODY;
    case ':':
    case 'o':
        checkin_jump_to_date(state);
        return SCREEN_REDRAW_BODY;
    case KEYS_CTRL('s'):
        checkin_save(state);
        return SCREEN_REDRAW_BODY;
    case 'c':
    case 'f':
        checkin_copy_day_before(state, key == 'f');
        return SCREEN_REDRAW_BODY;
    case 'H':
        checkin_hide_current(state);
        return SCREEN_REDRAW_BODY;
    case 'R':
        checkin_rename_current(state);
        return SCREEN_REDRAW_BODY;
    case 'z':
    case 'Z':
        checkin_none_for_blank(state, key == 'Z');
        return SCREEN_REDRAW_BODY;
    case '/':
        checkin_filter_foods(state);
        return SCREEN_REDRAW_BODY;
    case 'e':
        checkin_edit_note_external(state);
        return SCREEN_REDRAW_BODY;
    case 'v':
        checkin_read_note(state); /* the reader or a message: the manager's own */
        return SCREEN_UNCHANGED;
    case 'u':
        if (checkin_has_changes(state) && ui_confirm(state->app->ui, "Undo unsaved changes?")) {
            day_copy(&state->edited, &state->saved);
            checkin_forget_draft(state);
        }
        return SCREEN_REDRAW_BODY;
    default:
        return SCREEN_IGNORED;
    }
}

static enum screen_result checkin_handle_key(void *opaque, struct app *app, int key,
                                             struct draw_rect area)
{
    struct checkin_state *state = opaque;
    (void)app;
    if (state->welcoming)
        return checkin_welcome_key(state, key, area);
    if (key == KEYS_ESCAPE && state->filter != NULL) {
        checkin_apply_filter(NULL, state);
        return SCREEN_REDRAW_BODY;
    }
    switch (form_panel_key(&state->form, key, checkin_form_area(area))) {
    case FORM_EDIT_NUMBER:
        if (checkin_edit_number(state, form_panel_current(&state->form)))
            form_panel_key(&state->form, KEYS_DOWN, checkin_form_area(area));
        return SCREEN_REDRAW_BODY;
    case FORM_EDIT_TEXT:
        checkin_edit_note_inline(state);
        return SCREEN_REDRAW_BODY;
    case FORM_REFUSED:
        checkin_refuse_number(state, form_panel_current(&state->form), state->form.typed);
        return SCREEN_REDRAW_BODY;
    case FORM_CHANGED:
    case FORM_MOVED:
        return SCREEN_REDRAW_BODY;
    case FORM_STAYED:
        return SCREEN_UNCHANGED;
    case FORM_IGNORED:
        break;
    }
    return checkin_day_key(state, key);
}

/* After each key too, not only when idle: someone typing without a pause still gets a draft. */
static enum screen_result checkin_key(void *opaque, struct app *app, int key, struct draw_rect area)
{
    enum screen_result result = checkin_handle_key(opaque, app, key, area);
    checkin_keep_draft(opaque);
    return result;
}

static enum screen_result checkin_click(void *opaque, struct app *app, int y, int x,
                                        struct draw_rect area)
{
    struct checkin_state *state = opaque;
    (void)app;
    return form_panel_click(&state->form, y, x, checkin_form_area(area)) ? SCREEN_REDRAW_BODY
                                                                         : SCREEN_IGNORED;
}

static void checkin_init(void *opaque, struct app *app)
{
    struct checkin_state *state = opaque;
    state->app = app;
    day_init(&state->saved, DATE_NONE);
    day_init(&state->edited, DATE_NONE);
    day_init(&state->drafted, DATE_NONE);
    draft_typing_init(&state->typing);
    draft_typing_init(&state->drafted_typing);
    day_init(&state->recent, DATE_NONE);
    form_panel_init(&state->form, &checkin_values, state);
    strlist_init(&state->doctor_shown);
    /* Wide terminals show the form in columns: symptoms, habits and foods side by side. */
    list_panel_set_column_width(&state->form.list, CHECKIN_COLUMN);
    checkin_build_form(state);
    checkin_load_day(state, app->today);
    if (app->welcome)
        checkin_start_welcome(state);
}

/* --- drafts and writes made elsewhere ------------------------------------------------------ */

/* The open prompt's text when it holds words to keep: a note other than the one in the form, a
 * number (a blank text is nothing to lose: Enter would only clear the value). */
static const struct draft_typing *checkin_typed(const struct checkin_state *state)
{
    static const struct draft_typing none = {DRAFT_TYPING_NONE, NULL, NULL};
    const struct draft_typing *typing = &state->typing;
    const char *text = typing->text ? typing->text : "";
    if (text[strspn(text, " ")] == '\0')
        return &none;
    if (typing->kind == DRAFT_TYPING_NOTE &&
        strcmp(text, state->edited.note ? state->edited.note : "") == 0)
        return &none;
    return typing;
}

/* Something a draft should keep: changes in the form, or words typed in an open prompt. */
static bool checkin_has_unkept(const struct checkin_state *state)
{
    return checkin_has_changes(state) || checkin_typed(state)->kind != DRAFT_TYPING_NONE;
}

static bool checkin_write_draft(struct checkin_state *state, struct error *err)
{
    if (state->drafts == NULL &&
        (state->drafts = draft_store_open(state->app->journal_path, err)) == NULL)
        return false;
    const struct draft_typing *typed = checkin_typed(state);
    if (draft_store_write(state->drafts, &state->saved, &state->edited, typed, err) != 0)
        return false;
    day_copy(&state->drafted, &state->edited);
    draft_typing_set(&state->drafted_typing, typed->kind, typed->id, typed->text);
    state->change_seen = 0;
    return true;
}

/* A few seconds after a change, the form goes into a draft; without changes, no draft is kept. */
static void checkin_keep_draft(struct checkin_state *state)
{
    if (!checkin_has_unkept(state)) {
        if (state->drafted.day_number != DATE_NONE)
            checkin_forget_draft(state);
        return;
    }
    if (state->drafted.day_number == state->edited.day_number &&
        day_equal(&state->drafted, &state->edited) &&
        draft_typing_equal(&state->drafted_typing, checkin_typed(state))) {
        state->change_seen = 0;
        return;
    }
    time_t now = time(NULL);
    if (state->change_seen == 0) {
        state->change_seen = now;
        return;
    }
    if (now - state->change_seen < CHECKIN_DRAFT_DELAY)
        return;
    struct error err = {0};
    if (!checkin_write_draft(state, &err)) {
        ui_error(state->app->ui, "the check-in is not kept as a draft: %s", err.message);
        state->change_seen = now + 60; /* say it again in a minute, not every half second */
    }
}

/* True when the journal's copy of the day differs from the one the form was loaded from. */
static bool checkin_day_moved(struct checkin_state *state)
{
    struct day current;
    day_init(&current, state->saved.day_number);
    bool moved =
        journal_load_day(state->app->journal, state->saved.day_number, &current, NULL) >= 0 &&
        !day_equal(&current, &state->saved);
    day_release(&current);
    return moved;
}

/* Another gutskin wrote to the journal: a form without changes shows the day as it is now; one
 * with changes keeps them and says that saving will merge them into the day as it is now. */
static bool checkin_notice_elsewhere(struct checkin_state *state)
{
    struct app *app = state->app;
    uint64_t now = journal_freshness(app->journal);
    if (now == state->freshness)
        return false;
    if (!checkin_has_changes(state)) {
        checkin_load_day(state, state->day_number);
        checkin_load_consistency(state);
        return true;
    }
    state->freshness = now;
    if (!state->changed_elsewhere && checkin_day_moved(state)) {
        state->changed_elsewhere = true;
        ui_message(app->ui, "This day changed elsewhere: Ctrl-S merges your changes into it");
    }
    checkin_load_consistency(state);
    return true;
}

static enum screen_result checkin_tick(void *opaque, struct app *app)
{
    struct checkin_state *state = opaque;
    (void)app;
    bool reloaded = checkin_notice_elsewhere(state);
    checkin_keep_draft(state);
    return reloaded ? SCREEN_REDRAW_BODY : SCREEN_UNCHANGED;
}

/* Stopped by SIGHUP or SIGTERM: whatever is unsaved goes into the draft at once. */
static void checkin_interrupted(void *opaque, struct app *app)
{
    struct checkin_state *state = opaque;
    (void)app;
    if (checkin_has_unkept(state))
        checkin_write_draft(state, NULL);
    else
        draft_store_clear(state->drafts); /* an undone change leaves nothing to offer */
}

static const struct form_field *checkin_find_field(const struct checkin_state *state,
                                                   const char *id)
{
    for (size_t i = 0; i < state->field_count; i++)
        if (state->fields[i].kind == FORM_NUMBER && strcmp(state->fields[i].id, id) == 0)
            return &state->fields[i];
    return NULL;
}

/* What a prompt held when the draft was kept goes where Enter would have put it; `said` tells
 * the person it was never confirmed (or why a number could not be taken). */
static void checkin_restore_typed(struct checkin_state *state, const struct draft_typing *typed,
                                  char *said, size_t size)
{
    said[0] = '\0';
    if (typed->kind == DRAFT_TYPING_NOTE) {
        day_set_note(&state->edited, typed->text);
        form_panel_focus(&state->form, CHECKIN_NOTE_ID);
        snprintf(said, size, " with the note you were typing");
        return;
    }
    if (typed->kind != DRAFT_TYPING_READING)
        return;
    const struct form_field *field = checkin_find_field(state, typed->id);
    double value;
    if (field != NULL && checkin_parse_number(field, typed->text, &value)) {
        day_set_reading(&state->edited, field->id, value);
        form_panel_focus(&state->form, field->id);
        snprintf(said, size, " with %s %s, as typed", field->label, typed->text);
    } else {
        snprintf(said, size, "; '%.40s' typed for %.40s is no value, left out", typed->text,
                 field ? field->label : typed->id);
    }
}

static void checkin_restore_draft(struct checkin_state *state, struct draft *left)
{
    checkin_load_day(state, left->mine.day_number);
    day_copy(&state->saved, &left->base);
    day_copy(&state->edited, &left->mine);
    char typed[200];
    checkin_restore_typed(state, &left->typing, typed, sizeof typed);
    state->changed_elsewhere = checkin_day_moved(state);
    struct error err = {0};
    if (!checkin_write_draft(state, &err)) {
        ui_error(state->app->ui, "draft restored but not kept: %s", err.message);
        return;
    }
    draft_remove(left);
    ui_message(state->app->ui, "Draft restored%s: not saved yet (Ctrl-S saves%s)", typed,
               state->changed_elsewhere ? ", merging what changed elsewhere" : "");
}

/* At the first start after a crash, a closed terminal or a power cut: offer the draft back. */
static void checkin_offer_draft(struct checkin_state *state)
{
    state->offered_draft = true;
    struct draft left;
    draft_init(&left);
    struct error err = {0};
    int found = draft_find_left(state->app->journal_path, &left, &err);
    if (found < 0)
        ui_error(state->app->ui, "%s", err.message);
    if (found <= 0) {
        draft_release(&left);
        return;
    }
    char title[64] = "", when[32] = "", question[200];
    checkin_day_title(left.mine.day_number, title, sizeof title);
    time_t at = (time_t)left.written_at;
    struct tm local;
    if (localtime_r(&at, &local) != NULL)
        strftime(when, sizeof when, "%d %b %H:%M", &local);
    /* Short enough for 80 columns: the day, when it was kept, the keys. */
    snprintf(question, sizeof question, "Draft of %s (kept %s): r restore, d discard, Esc later ",
             title, when);
    switch (ui_choose(state->app->ui, question, "rd")) {
    case 'r':
        checkin_restore_draft(state, &left);
        break;
    case 'd':
        draft_remove(&left);
        ui_message(state->app->ui, "Draft discarded");
        break;
    default:
        ui_message(state->app->ui, "The draft is kept: it is offered again at the next start");
        break;
    }
    draft_release(&left);
}

static void checkin_enter(void *opaque, struct app *app)
{
    struct checkin_state *state = opaque;
    int day_number = app->request.open_day >= 0 ? app->request.open_day : state->day_number;
    app->request.open_day = -1;
    if (app->request.welcome)
        checkin_start_welcome(state);
    app->request.welcome = false;
    /* Leaving settled any changes, so reloading loses nothing and shows writes made elsewhere
     * (a food logged from the Foods guide, a day deleted in History). */
    checkin_load_day(state, day_number);
    checkin_load_consistency(state);
    if (app->request.metric[0] != '\0') {
        form_panel_focus(&state->form, app->request.metric);
        app->request.metric[0] = '\0';
    }
    if (!state->offered_draft)
        checkin_offer_draft(state);
}

static bool checkin_leave(void *opaque, struct app *app)
{
    (void)app;
    return checkin_settle_changes(opaque);
}

static void checkin_release(void *opaque)
{
    struct checkin_state *state = opaque;
    form_panel_release(&state->form);
    draft_store_close(state->drafts); /* a normal end: nothing unsaved is left to keep */
    day_release(&state->drafted);
    draft_typing_release(&state->typing);
    draft_typing_release(&state->drafted_typing);
    day_release(&state->saved);
    day_release(&state->edited);
    day_release(&state->recent);
    checkin_free_form(state);
    welcome_release(&state->welcome);
    free(state->filter);
    strlist_release(&state->doctor_shown);
}

static const struct screen_key_help checkin_help[] = {
    {"0-4", "rate a symptom: none, mild, moderate, severe, very severe"},
    {"+ -  digits", "step a habit, or type its value"},
    {"y n  Space", "yes / no; Space ticks a food"},
    {"x  Backspace", "clear a value (not logged)"},
    {"Enter", "edit the value or the note"},
    {"e", "edit the note in $VISUAL / $EDITOR"},
    {"v", "read the whole note (Esc or q closes)"},
    {"c  f", "copy the day before's habits / foods"},
    {"z  Z", "none for the group's blank signs / all"},
    {"H", "hide this sign, habit or food (About: back)"},
    {"R", "rename this sign, habit or food"},
    {"/", "filter the foods (Esc clears)"},
    {"[  ]  t", "previous day, next day, today"},
    {":  o", "go to a date"},
    {"Ctrl-S", "save the day"},
    {"u", "undo unsaved changes"},
    {NULL, NULL},
};

const struct screen_ops checkin_screen = {
    .title = "Check-in",
    .state_size = sizeof(struct checkin_state),
    .init = checkin_init,
    .release = checkin_release,
    .enter = checkin_enter,
    .leave = checkin_leave,
    .draw = checkin_draw,
    .key = checkin_key,
    .click = checkin_click,
    .digits_are_values = true,
    .mode_hint = checkin_mode_hint,
    .mode_help = checkin_mode_help,
    .tick = checkin_tick,
    .interrupted = checkin_interrupted,
    .about = "0-4 rate a sign, + and - step a habit, Space ticks a food, [ and ] change the day, "
             "Ctrl-S saves",
    .status_hint = "0-4 rate  z none  +/- habit  c/f copy  [ ] day  ^S save",
    .help = checkin_help,
};
