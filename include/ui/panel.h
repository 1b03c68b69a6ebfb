/*
 * panel.h - what every panel's key handler answers, so that its owner can tell the screen
 * manager whether anything has to be drawn again (screen.h: enum screen_result).
 */
#ifndef GUTSKIN_UI_PANEL_H
#define GUTSKIN_UI_PANEL_H

/* PANEL_IGNORED is 0, so that `if (list_panel_key(...))` still reads "the key was the panel's". */
enum panel_key_result {
    PANEL_IGNORED = 0, /* not one of the panel's keys */
    PANEL_STAYED,      /* the panel's key, and nothing moved (Up on the first row): no redraw */
    PANEL_MOVED,       /* the cursor or the scroll position changed: the panel is drawn again */
};

#endif
