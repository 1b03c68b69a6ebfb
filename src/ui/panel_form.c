/* panel_form.c - drawing and editing a form of severities, numbers, toggles and text. */
#include "ui/panel_form.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers.h"
#include "text.h"
#include "ui/keys.h"
#include "xalloc.h"

#define FORM_LABEL_WIDTH 24

static bool form_row_selectable(void *context, size_t index);
static void form_draw_row(void *context, size_t index, bool selected, struct draw_rect row);

void form_panel_init(struct form_panel *form, const struct form_value_ops *values, void *context)
{
    memset(form, 0, sizeof *form);
    form->values = values;
    form->context = context;
    list_panel_init(&form->list, form_draw_row, form_row_selectable, form);
}

void form_panel_release(struct form_panel *form)
{
    free(form->visible);
    form->visible = NULL;
    form->visible_count = 0;
}

static const struct form_field *form_visible_field(const struct form_panel *form, size_t index)
{
    return &form->fields[form->visible[index]];
}

static bool form_row_selectable(void *context, size_t index)
{
    const struct form_panel *form = context;
    return form_visible_field(form, index)->kind != FORM_HEADING;
}

void form_panel_set_fields(struct form_panel *form, const struct form_field *fields, size_t count)
{
    form->visible_count = 0; /* the old fields may be gone: nothing of them is looked at */
    form->fields = fields;
    form->field_count = count;
    form_panel_filter(form, NULL, NULL);
}

void form_panel_filter(struct form_panel *form,
                       bool (*keep)(const struct form_field *field, void *context), void *context)
{
    const struct form_field *selected = form_panel_current(form);
    const char *selected_id = selected ? selected->id : NULL;
    form->typing = false;
    free(form->visible);
    form->visible = xcalloc(form->field_count + 1, sizeof *form->visible);
    form->visible_count = 0;
    long heading = -1; /* a heading waits until a field under it is kept */
    for (size_t i = 0; i < form->field_count; i++) {
        if (form->fields[i].kind == FORM_HEADING) {
            heading = (long)i;
            continue;
        }
        if (keep != NULL && !keep(&form->fields[i], context))
            continue;
        if (heading >= 0)
            form->visible[form->visible_count++] = (size_t)heading;
        heading = -1;
        form->visible[form->visible_count++] = i;
    }
    list_panel_set_count(&form->list, form->visible_count);
    if (selected_id == NULL || !form_panel_focus(form, selected_id))
        list_panel_select(&form->list, 0);
}

const struct form_field *form_panel_current(const struct form_panel *form)
{
    if (form->visible_count == 0 || form->list.cursor >= form->visible_count)
        return NULL;
    const struct form_field *field = form_visible_field(form, form->list.cursor);
    return field->kind == FORM_HEADING ? NULL : field;
}

bool form_panel_focus(struct form_panel *form, const char *id)
{
    for (size_t i = 0; i < form->visible_count; i++) {
        const struct form_field *field = form_visible_field(form, i);
        if (field->kind != FORM_HEADING && field->id != NULL && strcmp(field->id, id) == 0) {
            form->list.cursor = i;
            return true;
        }
    }
    return false;
}

void form_format_number(double value, char *out, size_t size)
{
    if (fabs(value - round(value)) < 1e-9)
        snprintf(out, size, "%.0f", value);
    else
        snprintf(out, size, "%.2f", value);
    /* "7.50" -> "7.5" */
    char *dot = strchr(out, '.');
    if (dot != NULL) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
}

/* --- drawing ----------------------------------------------------------------------------- */

static int form_draw_severity(const struct form_field *field, int y, int x, int width,
                              bool has_value, double value)
{
    int severity = has_value ? (int)lround(value) : -1;
    int used = 0;
    for (int dot = 1; dot <= (int)field->max && used < width; dot++) {
        bool full = severity >= dot;
        used += draw_text(y, x + used, width - used,
                          theme_glyph(full ? GLYPH_DOT_FULL : GLYPH_DOT_EMPTY),
                          full ? theme_severity_role(severity) : THEME_DIM);
    }
    used += draw_text(y, x + used, width - used, " ", THEME_NORMAL);
    if (has_value)
        used += draw_text(y, x + used, width - used, field->word(severity),
                          theme_severity_role(severity));
    else
        used += draw_text(y, x + used, width - used, "-", THEME_DIM);
    return used;
}

static void form_draw_number(const struct form_field *field, int y, int x, int width,
                             bool has_value, double value)
{
    if (!has_value) {
        draw_text(y, x, width, "-", THEME_DIM);
        return;
    }
    char number[32], maximum[32], singular[NUM_UNIT_SIZE];
    form_format_number(value, number, sizeof number);
    form_format_number(field->max, maximum, sizeof maximum);
    size_t word = (size_t)value;
    if (field->words != NULL && value == (double)word && word >= 1 && word <= field->word_count)
        draw_textf(y, x, width, THEME_NORMAL, "%s %s", number, field->words[word - 1]);
    else if (field->unit != NULL && field->unit[0] != '\0')
        draw_textf(y, x, width, THEME_NORMAL, "%s %s", number,
                   num_unit(number, field->unit, singular));
    else
        draw_textf(y, x, width, THEME_NORMAL, "%s / %s", number, maximum);
}

static void form_draw_value(struct form_panel *form, const struct form_field *field, int y, int x,
                            int width)
{
    double value = 0;
    bool has_value = form->values->get(form->context, field, &value);
    if (form->typing && field == form_panel_current(form)) {
        draw_textf(y, x, width, THEME_MESSAGE, "%s_  (Enter takes it)", form->typed);
        return;
    }
    switch (field->kind) {
    case FORM_SEVERITY:
        form_draw_severity(field, y, x, width, has_value, value);
        break;
    case FORM_NUMBER:
        form_draw_number(field, y, x, width, has_value, value);
        break;
    case FORM_YES_NO:
        draw_text(y, x, width, has_value ? (value >= 0.5 ? "yes" : "no") : "-",
                  has_value ? THEME_NORMAL : THEME_DIM);
        break;
    case FORM_TEXT: {
        const char *text = form->values->text(form->context, field);
        draw_text(y, x, width, text && text[0] ? text : "- (Enter to write, e for $EDITOR)",
                  text && text[0] ? THEME_NORMAL : THEME_DIM);
        break;
    }
    default:
        break;
    }
}

static void form_draw_checkbox(struct form_panel *form, const struct form_field *field,
                               struct draw_rect row, attr_t attributes)
{
    double servings = 0;
    bool eaten = form->values->get(form->context, field, &servings);
    int x = row.x + 4;
    x += draw_text_attr(row.y, x, row.width - (x - row.x),
                        theme_glyph(eaten ? GLYPH_CHECK_ON : GLYPH_CHECK_OFF), attributes);
    x += draw_text_attr(row.y, x, row.width - (x - row.x), " ", attributes);
    x += draw_text_attr(row.y, x, row.width - (x - row.x), field->label, attributes);
    if (eaten && servings != 1) {
        char number[32];
        form_format_number(servings, number, sizeof number);
        draw_textf(row.y, x, row.width - (x - row.x), THEME_DIM, " x%s", number);
    }
}

static void form_draw_row(void *context, size_t index, bool selected, struct draw_rect row)
{
    struct form_panel *form = context;
    const struct form_field *field = form_visible_field(form, index);
    if (field->kind == FORM_HEADING) {
        draw_text(row.y, row.x, row.width, field->label, THEME_HEADING);
        return;
    }
    attr_t attributes = theme_attr(selected ? THEME_SELECTED : THEME_NORMAL);
    if (selected)
        draw_blank(row.y, row.x, row.width, THEME_SELECTED);
    draw_text_attr(row.y, row.x, 2, selected ? ">" : " ", attributes);
    if (field->kind == FORM_CHECKBOX) {
        form_draw_checkbox(form, field, row, attributes);
        return;
    }
    int label_width = row.width > 50 ? FORM_LABEL_WIDTH : row.width / 2;
    draw_text_attr(row.y, row.x + 2, label_width - 1, field->label, attributes);
    int value_x = row.x + 2 + label_width;
    form_draw_value(form, field, row.y, value_x, row.width - (value_x - row.x));
}

void form_panel_draw(struct form_panel *form, struct draw_rect area)
{
    list_panel_draw(&form->list, area);
}

bool form_panel_click(struct form_panel *form, int y, int x, struct draw_rect area)
{
    form->typing = false;
    return list_panel_click_at(&form->list, y, x, area);
}

/* --- editing ----------------------------------------------------------------------------- */

static double form_clamp(const struct form_field *field, double value)
{
    if (value < field->min)
        return field->min;
    if (value > field->max)
        return field->max;
    return value;
}

/* + and -: a number moves by its step (starting from its minimum when not logged); a food's
 * servings move by one and dropping below one unticks it. */
static enum form_action form_step(struct form_panel *form, const struct form_field *field,
                                  int direction)
{
    double value = 0;
    bool has_value = form->values->get(form->context, field, &value);
    if (field->kind == FORM_NUMBER) {
        double start = field->min;
        if (!has_value && form->values->start != NULL &&
            !form->values->start(form->context, field, &start))
            start = field->min;
        double next = has_value ? value + direction * field->step : start;
        form->values->set(form->context, field, form_clamp(field, next));
        return FORM_CHANGED;
    }
    if (field->kind == FORM_CHECKBOX) {
        double next = (has_value ? value : 0) + direction;
        if (next < 1)
            form->values->unset(form->context, field);
        else
            form->values->set(form->context, field, next);
        return FORM_CHANGED;
    }
    return FORM_IGNORED;
}

static enum form_action form_toggle(struct form_panel *form, const struct form_field *field)
{
    double value = 0;
    bool has_value = form->values->get(form->context, field, &value);
    if (field->kind == FORM_CHECKBOX && has_value)
        form->values->unset(form->context, field);
    else if (field->kind == FORM_CHECKBOX)
        form->values->set(form->context, field, 1);
    else
        form->values->set(form->context, field, has_value && value >= 0.5 ? 0 : 1);
    return FORM_CHANGED;
}

static void form_advance(struct form_panel *form, struct draw_rect area)
{
    list_panel_key(&form->list, KEYS_DOWN, area);
}

/* A value was set: the cursor moves on, the same way for every kind of field. */
static enum form_action form_set_and_advance(struct form_panel *form,
                                             const struct form_field *field, double value,
                                             struct draw_rect area)
{
    form->values->set(form->context, field, value);
    form_advance(form, area);
    return FORM_CHANGED;
}

#define FORM_PREFIX_LIMIT 20000 /* values to look through; a wider range always waits */

int form_number_prefix(const struct form_field *field, const char *text)
{
    size_t length = strlen(text);
    double count = field->step > 0 ? floor((field->max - field->min) / field->step + 1e-9) + 1 : 0;
    if (length == 0)
        return -1;
    if (count < 1 || count > FORM_PREFIX_LIMIT) {
        double value;
        bool valid = num_parse(text, &value) && value >= field->min && value <= field->max &&
                     num_step_ok(value, field->min, field->step);
        return valid ? 2 : -1;
    }
    bool valid = false, longer = false;
    for (double k = 0; k < count; k++) {
        char candidate[NUM_TEXT_SIZE];
        num_format(field->min + k * field->step, candidate);
        if (strncmp(candidate, text, length) != 0)
            continue;
        if (candidate[length] == '\0')
            valid = true;
        else
            longer = true;
    }
    return valid ? (longer ? 2 : 1) : (longer ? -1 : 0);
}

/* A digit or '.' typed in place: taken at once when nothing longer could be a value. */
static enum form_action form_type_digit(struct form_panel *form, const struct form_field *field,
                                        int key, struct draw_rect area)
{
    size_t length = form->typing ? strlen(form->typed) : 0;
    if (length + 2 > sizeof form->typed)
        return FORM_IGNORED;
    form->typed[length] = (char)key;
    form->typed[length + 1] = '\0';
    int prefix = form_number_prefix(field, form->typed);
    form->typing = prefix != 0;
    if (prefix == 0)
        return FORM_REFUSED;
    if (prefix == 1) {
        double value;
        num_parse(form->typed, &value);
        form->typing = false;
        return form_set_and_advance(form, field, value, area);
    }
    return FORM_CHANGED;
}

/* Keys while a number is being typed in place; FORM_IGNORED lets the key act as usual after the
 * number was taken (or dropped, when it was not a value yet). */
static enum form_action form_typing_key(struct form_panel *form, const struct form_field *field,
                                        int key, struct draw_rect area)
{
    if ((key >= '0' && key <= '9') || key == '.')
        return form_type_digit(form, field, key, area);
    if (key == KEYS_BACKSPACE) {
        size_t length = strlen(form->typed);
        form->typed[length - 1] = '\0';
        form->typing = length > 1;
        return FORM_CHANGED;
    }
    form->typing = false;
    double value;
    bool valid = form_number_prefix(field, form->typed) > 0 && num_parse(form->typed, &value);
    if (key == KEYS_ESCAPE)
        return FORM_CHANGED;
    if (key == KEYS_ENTER)
        return valid ? form_set_and_advance(form, field, value, area) : FORM_REFUSED;
    if (valid)
        form->values->set(form->context, field, value);
    return FORM_IGNORED;
}

static enum form_action form_value_key(struct form_panel *form, const struct form_field *field,
                                       int key, struct draw_rect area)
{
    if (form->typing) {
        enum form_action action = form_typing_key(form, field, key, area);
        if (action != FORM_IGNORED)
            return action;
    }
    if (key == 'x' || key == KEYS_BACKSPACE || key == KEYS_DELETE) {
        form->values->unset(form->context, field);
        return FORM_CHANGED;
    }
    switch (field->kind) {
    case FORM_SEVERITY:
        if (key >= '0' && key <= '0' + (int)field->max)
            return form_set_and_advance(form, field, key - '0', area);
        break;
    case FORM_NUMBER:
        if (key == '+' || key == '=' || key == '-')
            return form_step(form, field, key == '-' ? -1 : +1);
        if ((key >= '0' && key <= '9') || key == '.')
            return form_type_digit(form, field, key, area);
        if (key == KEYS_ENTER) {
            form->typed[0] = '\0';
            return FORM_EDIT_NUMBER;
        }
        break;
    case FORM_YES_NO:
        if (key == 'y' || key == 'n')
            return form_set_and_advance(form, field, key == 'y' ? 1 : 0, area);
        if (key == ' ' || key == KEYS_ENTER) {
            form_toggle(form, field);
            form_advance(form, area);
            return FORM_CHANGED;
        }
        break;
    case FORM_CHECKBOX:
        if (key == '+' || key == '=' || key == '-')
            return form_step(form, field, key == '-' ? -1 : +1);
        if (key == ' ' || key == KEYS_ENTER) {
            form_toggle(form, field);
            form_advance(form, area);
            return FORM_CHANGED;
        }
        break;
    case FORM_TEXT:
        if (key == KEYS_ENTER)
            return FORM_EDIT_TEXT;
        break;
    default:
        break;
    }
    return FORM_IGNORED;
}

enum form_action form_panel_key(struct form_panel *form, int key, struct draw_rect area)
{
    const struct form_field *field = form_panel_current(form);
    if (field != NULL) {
        enum form_action action = form_value_key(form, field, key, area);
        if (action != FORM_IGNORED)
            return action;
    }
    switch (list_panel_key(&form->list, key, area)) {
    case PANEL_MOVED:
        return FORM_MOVED;
    case PANEL_STAYED:
        return FORM_STAYED;
    case PANEL_IGNORED:
        break;
    }
    return FORM_IGNORED;
}
