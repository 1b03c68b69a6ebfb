/*
 * script.c - the headless key source used by screen tests.
 *
 * A script is a text file of commands, one per line:
 *   size W H          the terminal size to start with (first line)
 *   key NAME...       keys by name: Up Down Left Right Home End PgUp PgDn Tab S-Tab Enter Esc
 *                     Space Backspace Delete F1, C-x for Ctrl-x, or a single character
 *   type TEXT         the characters of TEXT, one key each (UTF-8)
 *   resize W H        the terminal changes size
 *   click Y X         a mouse click at row Y, column X
 *   dump              write the screen as text to standard output
 *   redraws           write how many frames and parts of them (tab bar, screen area, status
 *                     line, help or reader) were drawn since the last `redraws`
 *   redraws reset     start counting again, writing nothing (after work done in slices of time,
 *                     whose number of frames depends on the machine's speed)
 *   # ...             a comment
 * When the script ends the app quits without questions.
 */
#include "ui/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui/keys.h"
#include "xalloc.h"

struct key_name {
    const char *name;
    int key;
};

static const struct key_name key_names[] = {
    {"Up", KEYS_UP},         {"Down", KEYS_DOWN},           {"Left", KEYS_LEFT},
    {"Right", KEYS_RIGHT},   {"Home", KEYS_HOME},           {"End", KEYS_END},
    {"PgUp", KEYS_PAGE_UP},  {"PgDn", KEYS_PAGE_DOWN},      {"Tab", KEYS_TAB},
    {"S-Tab", KEYS_BACKTAB}, {"Enter", KEYS_ENTER},         {"Esc", KEYS_ESCAPE},
    {"Space", ' '},          {"Backspace", KEYS_BACKSPACE}, {"Delete", KEYS_DELETE},
    {"F1", KEYS_F1},
};

struct script {
    FILE *file;
    int queue[256];
    size_t queue_length;
    size_t queue_next;
    int line_number;
};

struct script *script_open(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return NULL;
    struct script *script = xcalloc(1, sizeof *script);
    script->file = file;
    return script;
}

void script_close(struct script *script)
{
    if (script == NULL)
        return;
    fclose(script->file);
    free(script);
}

static void queue_key(struct script *script, int key)
{
    if (script->queue_length < sizeof script->queue / sizeof script->queue[0])
        script->queue[script->queue_length++] = key;
}

static int parse_key_name(const char *name)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcmp(name, key_names[i].name) == 0)
            return key_names[i].key;
    if (name[0] == 'C' && name[1] == '-' && name[2] != '\0' && name[3] == '\0')
        return KEYS_CTRL(name[2]);
    if (name[0] == 'M' && name[1] == '-' && name[2] >= '1' && name[2] <= '9' && name[3] == '\0')
        return KEYS_ALT_DIGIT(name[2] - '0');
    long code;
    size_t length = text_decode(name, &code);
    if (length > 0 && code >= 0 && name[length] == '\0')
        return (int)code;
    return -1;
}

static void queue_names(struct script *script, char *names)
{
    for (char *name = strtok(names, " \t"); name != NULL; name = strtok(NULL, " \t")) {
        int key = parse_key_name(name);
        if (key < 0)
            fprintf(stderr, "script line %d: unknown key name '%s'\n", script->line_number, name);
        else
            queue_key(script, key);
    }
}

static void queue_text(struct script *script, const char *text)
{
    long code;
    for (size_t length; (length = text_decode(text, &code)) > 0 && code >= 0; text += length)
        queue_key(script, (int)code);
}

/* Reads script lines until there is a key or a command for the caller. */
struct script_event script_next(struct script *script)
{
    char line[1024];
    for (;;) {
        if (script->queue_next < script->queue_length)
            return (struct script_event){SCRIPT_KEY, script->queue[script->queue_next++], 0};
        script->queue_next = script->queue_length = 0;
        if (fgets(line, sizeof line, script->file) == NULL)
            return (struct script_event){SCRIPT_END, 0, 0};
        script->line_number++;
        line[strcspn(line, "\r\n")] = '\0';
        int a, b;
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (strncmp(line, "key ", 4) == 0)
            queue_names(script, line + 4);
        else if (strncmp(line, "type ", 5) == 0)
            queue_text(script, line + 5);
        else if (strcmp(line, "dump") == 0)
            return (struct script_event){SCRIPT_DUMP, 0, 0};
        else if (strcmp(line, "redraws") == 0)
            return (struct script_event){SCRIPT_REDRAWS, 1, 0};
        else if (strcmp(line, "redraws reset") == 0)
            return (struct script_event){SCRIPT_REDRAWS, 0, 0};
        else if (sscanf(line, "resize %d %d", &a, &b) == 2 ||
                 sscanf(line, "size %d %d", &a, &b) == 2)
            return (struct script_event){SCRIPT_RESIZE, a, b};
        else if (sscanf(line, "click %d %d", &a, &b) == 2)
            return (struct script_event){SCRIPT_CLICK, a, b};
        else
            fprintf(stderr, "script line %d: unknown command '%s'\n", script->line_number, line);
    }
}

bool script_read_size(const char *path, int *width, int *height)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return false;
    char line[256];
    bool found = false;
    while (!found && fgets(line, sizeof line, file) != NULL)
        found = sscanf(line, "size %d %d", width, height) == 2;
    fclose(file);
    return found;
}
