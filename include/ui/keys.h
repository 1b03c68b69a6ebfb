/*
 * keys.h - one integer space for every key a screen can receive.
 *
 * Characters are their Unicode code points; curses function keys are moved above the Unicode
 * range so that the two never collide (curses' KEY_UP and U+0103 share a value otherwise).
 * Enter, Backspace and Shift-Tab are normalised: every terminal's variant arrives as one value.
 */
#ifndef GUTSKIN_UI_KEYS_H
#define GUTSKIN_UI_KEYS_H

#include <curses.h>

#define KEYS_FUNCTION_BASE 0x110000
#define KEYS_FUNCTION(code) (KEYS_FUNCTION_BASE + (code))
#define KEYS_CTRL(letter) ((letter)&0x1f)
/* Alt-1 .. Alt-9: switch screens even where plain digits are values (the check-in). */
#define KEYS_ALT_DIGIT(digit) (KEYS_FUNCTION_BASE + 0x10000 + (digit))

enum {
    KEYS_TAB = '\t',
    KEYS_ENTER = '\n',
    KEYS_ESCAPE = 27,
    KEYS_BACKSPACE = 127,
    KEYS_UP = KEYS_FUNCTION(KEY_UP),
    KEYS_DOWN = KEYS_FUNCTION(KEY_DOWN),
    KEYS_LEFT = KEYS_FUNCTION(KEY_LEFT),
    KEYS_RIGHT = KEYS_FUNCTION(KEY_RIGHT),
    KEYS_HOME = KEYS_FUNCTION(KEY_HOME),
    KEYS_END = KEYS_FUNCTION(KEY_END),
    KEYS_PAGE_UP = KEYS_FUNCTION(KEY_PPAGE),
    KEYS_PAGE_DOWN = KEYS_FUNCTION(KEY_NPAGE),
    KEYS_DELETE = KEYS_FUNCTION(KEY_DC),
    KEYS_BACKTAB = KEYS_FUNCTION(KEY_BTAB),
    KEYS_RESIZE = KEYS_FUNCTION(KEY_RESIZE),
    KEYS_MOUSE = KEYS_FUNCTION(KEY_MOUSE),
    KEYS_F1 = KEYS_FUNCTION(KEY_F(1)),
    /* Not a key: the current screen has work pending and no key came (see screen.h). */
    KEYS_WORK = KEYS_FUNCTION_BASE + 0x20000,
    /* Not a key: a bracketed paste from the terminal, its text in ui_paste_text(). */
    KEYS_PASTE = KEYS_FUNCTION_BASE + 0x20001,
};

/* Keys that move a cursor, whatever the screen: arrows and their vi equivalents. */
static inline int keys_vi_to_arrow(int key)
{
    switch (key) {
    case 'k':
        return KEYS_UP;
    case 'j':
        return KEYS_DOWN;
    case 'h':
        return KEYS_LEFT;
    case 'l':
        return KEYS_RIGHT;
    case 'g':
        return KEYS_HOME;
    case 'G':
        return KEYS_END;
    default:
        return key;
    }
}

#endif
