/*
 * script.h - scripted keys for headless screen tests (see src/ui/script.c for the language).
 */
#ifndef GUTSKIN_UI_SCRIPT_H
#define GUTSKIN_UI_SCRIPT_H

#include <stdbool.h>

enum script_event_kind {
    SCRIPT_KEY,
    SCRIPT_RESIZE,
    SCRIPT_CLICK,
    SCRIPT_DUMP,
    SCRIPT_REDRAWS, /* report how often each part of the frame was drawn since the last report */
    SCRIPT_END
};

/* SCRIPT_KEY: a = the key. SCRIPT_RESIZE: a = width, b = height. SCRIPT_CLICK: a = y, b = x.
 * SCRIPT_REDRAWS: a = 1 writes the counts, 0 only starts counting again. */
struct script_event {
    enum script_event_kind kind;
    int a;
    int b;
};

struct script;

struct script *script_open(const char *path);
void script_close(struct script *script);
struct script_event script_next(struct script *script);

/* The `size W H` line of a script, read before the terminal is set up. */
bool script_read_size(const char *path, int *width, int *height);

#endif
