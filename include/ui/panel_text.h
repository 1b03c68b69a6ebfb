/*
 * panel_text.h - a scrolling panel of wrapped text.
 *
 * The text is light markup: a line starting with "# " is a heading, one starting with "- " is a
 * bullet (wrapped with a hanging indent), a blank line separates paragraphs, and other single
 * line breaks inside a paragraph are joined with a space (as YAML literal blocks keep them).
 * The panel re-wraps itself when its width changes.
 */
#ifndef GUTSKIN_UI_PANEL_TEXT_H
#define GUTSKIN_UI_PANEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"
#include "ui/draw.h"
#include "ui/panel.h"

struct text_panel {
    char *source;
    struct strlist lines; /* wrapped lines, each prefixed by a one-byte style marker */
    int wrapped_width;
    size_t top;
    bool plain; /* a person's own text: every line break kept, no headings or bullets */
};

void text_panel_init(struct text_panel *panel);
void text_panel_release(struct text_panel *panel);

/* Replaces the text (copied) and scrolls back to the top. */
void text_panel_set(struct text_panel *panel, const char *text);

/* The same for a person's own text (a note): each line is wrapped on its own, none is joined
 * and none is read as a heading or a bullet. */
void text_panel_set_plain(struct text_panel *panel, const char *text);

void text_panel_draw(struct text_panel *panel, struct draw_rect area);

/* Scrolling keys (arrows, j/k, PgUp/PgDn, space, g/G): PANEL_MOVED when the text scrolled,
 * PANEL_STAYED when it was at that end already, PANEL_IGNORED for any other key. */
enum panel_key_result text_panel_key(struct text_panel *panel, int key, struct draw_rect area);

/* The number of wrapped lines at `width` (for layouts that size a pane to its text). */
size_t text_panel_line_count(struct text_panel *panel, int width);

#endif
