/*
 * welcome.h - the first start: one screen that asks which groups and signs the person wants to
 * track (all by default) and says how to add their own foods. The check-in shows it in its own
 * area, with the tab bar in place, on a journal with no saved day and no choice made yet, and
 * again when About asks for it.
 */
#ifndef GUTSKIN_UI_WELCOME_H
#define GUTSKIN_UI_WELCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/panel_list.h"
#include "ui/screen.h"

struct welcome {
    struct app *app;
    struct list_panel list;
    size_t *rows; /* a group (index | WELCOME_GROUP) or a sign index, in form order */
    size_t row_count;
    bool *tracked; /* per sign of the content: ticked */
};

enum welcome_result {
    WELCOME_GOING,   /* still open */
    WELCOME_DONE,    /* Enter: the choices were saved (hidden signs are hidden) */
    WELCOME_SKIPPED, /* Esc: nothing changed */
};

/* The first start's keys, for the `?` help while it shows (the check-in's do not apply). */
extern const struct screen_key_help welcome_help[];

void welcome_init(struct welcome *welcome, struct app *app);
void welcome_release(struct welcome *welcome);
void welcome_draw(struct welcome *welcome, struct draw_rect area);
/* Keys it does not take (q, Alt-digits, ?) come back as WELCOME_GOING with *handled
 * PANEL_IGNORED; a move at the end of the list with PANEL_STAYED (nothing to draw again). */
enum welcome_result welcome_key(struct welcome *welcome, int key, struct draw_rect area,
                                enum panel_key_result *handled);

#endif
