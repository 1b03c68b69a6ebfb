/*
 * panel_form.h - a scrolling form of labelled fields: severities, numbers, toggles and text.
 *
 * The form knows field kinds and how to draw and change values, not what the fields mean: the
 * owner supplies the fields and reads and writes values through callbacks. Keys:
 *   0-4            rate a severity
 *   + / -          step a number up or down (or a food's servings); a number with no value
 *                  starts from the owner's starting value (the last one logged)
 *   Space, Enter   toggle a yes/no or a checkbox; Enter edits a number or text
 *   y / n          yes / no on a yes/no field
 *   x, Backspace   clear the value (not logged)
 *   digits, .      type a number in place: it is taken as soon as no longer number could be a
 *                  value (max 10: "3" at once, "1" waits for a second digit or Enter)
 * After every value set (a rating, a typed number, yes/no, a tick) the cursor moves to the next
 * field, always; stepping with + / - stays.
 */
#ifndef GUTSKIN_UI_PANEL_FORM_H
#define GUTSKIN_UI_PANEL_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/panel_list.h"

enum form_field_kind {
    FORM_HEADING,  /* a group title, not selectable */
    FORM_SEVERITY, /* 0..max (at most 9, one key each) with a word for each */
    FORM_NUMBER,   /* min..max by step, with a unit */
    FORM_YES_NO,   /* 1 yes, 0 no */
    FORM_CHECKBOX, /* present or not, with a count (servings) */
    FORM_TEXT,     /* free text, edited by the owner */
};

struct form_field {
    enum form_field_kind kind;
    const char *id;
    const char *label;
    const char *unit; /* FORM_NUMBER: "hours"; NULL for a scale shown as "3 / 10" */
    double min;
    double max;
    double step;
    const char *detail; /* a line shown below the form when the field is selected, or NULL */
    const char *(*word)(int value); /* FORM_SEVERITY: the word for a value ("mild") */
    /* FORM_NUMBER of described values 1..word_count (a choice): the word beside the number */
    char *const *words;
    size_t word_count;
};

struct form_value_ops {
    /* The current value; false when not logged. */
    bool (*get)(void *context, const struct form_field *field, double *value);
    void (*set)(void *context, const struct form_field *field, double value);
    void (*unset)(void *context, const struct form_field *field);
    /* FORM_TEXT: the text shown (first line). */
    const char *(*text)(void *context, const struct form_field *field);
    /* FORM_NUMBER: where + / - start when there is no value yet (false: the minimum).
     * Optional. */
    bool (*start)(void *context, const struct form_field *field, double *value);
};

enum form_action {
    FORM_IGNORED,     /* not a form key */
    FORM_MOVED,       /* the cursor moved */
    FORM_STAYED,      /* a movement key, and the cursor was at that end already */
    FORM_CHANGED,     /* a value changed */
    FORM_EDIT_NUMBER, /* the owner should ask for a number; `typed` holds what was typed */
    FORM_EDIT_TEXT,   /* the owner should edit the text field */
    FORM_REFUSED,     /* a typed number cannot become a value: `typed` holds it, for a message */
};

struct form_panel {
    const struct form_field *fields;
    size_t field_count;
    size_t *visible; /* indices of the fields shown, in order */
    size_t visible_count;
    struct list_panel list;
    const struct form_value_ops *values;
    void *context;
    char typed[16]; /* the number being typed in place, or the start of one for the owner */
    bool typing;    /* `typed` is being typed into the current field */
};

void form_panel_init(struct form_panel *form, const struct form_value_ops *values, void *context);
void form_panel_release(struct form_panel *form);

/* Shows `fields` (not copied: they must outlive the form); all visible. */
void form_panel_set_fields(struct form_panel *form, const struct form_field *fields, size_t count);

/* Shows only the fields for which `keep` returns true (headings are kept when a field under
 * them is). NULL shows all. */
void form_panel_filter(struct form_panel *form,
                       bool (*keep)(const struct form_field *field, void *context), void *context);

void form_panel_draw(struct form_panel *form, struct draw_rect area);
enum form_action form_panel_key(struct form_panel *form, int key, struct draw_rect area);
bool form_panel_click(struct form_panel *form, int y, int x, struct draw_rect area);

/* The selected field, or NULL when the form is empty. */
const struct form_field *form_panel_current(const struct form_panel *form);

/* Moves the cursor to the field with this id; false when it is not visible. */
bool form_panel_focus(struct form_panel *form, const char *id);

/* True when the field could take the number being typed: 1 when `text` is itself a value, 2 when
 * it is a value and a longer number could be too (it waits), 0 when no value starts so, -1 when
 * it is the start of a value but not one yet ("7." for 7.5). */
int form_number_prefix(const struct form_field *field, const char *text);

/* Formats a number with no needless decimals ("7.5", "8"). */
void form_format_number(double value, char *out, size_t size);

#endif
