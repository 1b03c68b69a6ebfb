/* panel_text.c - wrapped, scrolling text with headings and bullets. */
#include "ui/panel_text.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui/keys.h"
#include "xalloc.h"

/* Each wrapped line starts with one marker byte saying how to draw it. */
#define MARK_PLAIN 'p'
#define MARK_HEADING 'h'
#define MARK_BULLET 'b'  /* first line of a bullet */
#define MARK_HANGING 'c' /* continuation of a bullet */

void text_panel_init(struct text_panel *panel)
{
    memset(panel, 0, sizeof *panel);
    strlist_init(&panel->lines);
}

void text_panel_release(struct text_panel *panel)
{
    free(panel->source);
    strlist_release(&panel->lines);
    text_panel_init(panel);
}

void text_panel_set(struct text_panel *panel, const char *text)
{
    free(panel->source);
    panel->source = xstrdup(text ? text : "");
    panel->wrapped_width = 0;
    panel->top = 0;
    panel->plain = false;
}

void text_panel_set_plain(struct text_panel *panel, const char *text)
{
    text_panel_set(panel, text);
    panel->plain = true;
}

static void push_wrapped(struct strlist *out, const char *text, int width, char first_mark,
                         char next_mark)
{
    struct strlist wrapped = STRLIST_INIT;
    text_wrap(text, width, &wrapped);
    for (size_t i = 0; i < wrapped.count; i++)
        strlist_pushf(out, "%c%s", i == 0 ? first_mark : next_mark, wrapped.items[i]);
    strlist_release(&wrapped);
}

/* Flushes a paragraph being collected. */
static void flush_paragraph(struct strlist *out, char **paragraph, int width)
{
    if (*paragraph == NULL)
        return;
    push_wrapped(out, *paragraph, width, MARK_PLAIN, MARK_PLAIN);
    free(*paragraph);
    *paragraph = NULL;
}

static void add_source_line(struct strlist *out, char **paragraph, const char *line, int width)
{
    if (strncmp(line, "# ", 2) == 0) {
        flush_paragraph(out, paragraph, width);
        push_wrapped(out, line + 2, width, MARK_HEADING, MARK_HEADING);
    } else if (strncmp(line, "- ", 2) == 0) {
        flush_paragraph(out, paragraph, width);
        push_wrapped(out, line + 2, width > 4 ? width - 2 : width, MARK_BULLET, MARK_HANGING);
    } else if (line[0] == '\0') {
        flush_paragraph(out, paragraph, width);
        strlist_pushf(out, "%c", MARK_PLAIN);
    } else if (*paragraph == NULL) {
        *paragraph = xstrdup(line);
    } else {
        char *joined = xprintf("%s %s", *paragraph, line);
        free(*paragraph);
        *paragraph = joined;
    }
}

static void rewrap(struct text_panel *panel, int width)
{
    if (panel->wrapped_width == width)
        return;
    strlist_release(&panel->lines);
    char *paragraph = NULL;
    const char *start = panel->source ? panel->source : "";
    while (*start != '\0') {
        const char *end = strchr(start, '\n');
        char *line = end ? xstrndup(start, (size_t)(end - start)) : xstrdup(start);
        if (panel->plain)
            push_wrapped(&panel->lines, line, width, MARK_PLAIN, MARK_PLAIN);
        else
            add_source_line(&panel->lines, &paragraph, line, width);
        free(line);
        start = end ? end + 1 : start + strlen(start);
    }
    flush_paragraph(&panel->lines, &paragraph, width);
    /* Trailing blank lines only add scrolling. */
    while (panel->lines.count > 0 && panel->lines.items[panel->lines.count - 1][1] == '\0')
        free(panel->lines.items[--panel->lines.count]);
    panel->wrapped_width = width;
}

size_t text_panel_line_count(struct text_panel *panel, int width)
{
    rewrap(panel, width);
    return panel->lines.count;
}

static void clamp_top(struct text_panel *panel, int height)
{
    size_t rows = height > 0 ? (size_t)height : 1;
    size_t last_top = panel->lines.count > rows ? panel->lines.count - rows : 0;
    if (panel->top > last_top)
        panel->top = last_top;
}

void text_panel_draw(struct text_panel *panel, struct draw_rect area)
{
    if (area.width < 4 || area.height <= 0)
        return;
    rewrap(panel, area.width - 1);
    clamp_top(panel, area.height);
    for (int row = 0; row < area.height; row++) {
        size_t index = panel->top + (size_t)row;
        if (index >= panel->lines.count)
            break;
        const char *line = panel->lines.items[index];
        int y = area.y + row, width = area.width - 1;
        switch (line[0]) {
        case MARK_HEADING:
            draw_text(y, area.x, width, line + 1, THEME_HEADING);
            break;
        case MARK_BULLET:
            draw_text(y, area.x, 2, theme_glyph(GLYPH_BULLET), THEME_DIM);
            draw_text(y, area.x + 2, width - 2, line + 1, THEME_NORMAL);
            break;
        case MARK_HANGING:
            draw_text(y, area.x + 2, width - 2, line + 1, THEME_NORMAL);
            break;
        default:
            draw_text(y, area.x, width, line + 1, THEME_NORMAL);
        }
    }
    if (panel->top > 0)
        draw_text(area.y, area.x + area.width - 1, 1, theme_glyph(GLYPH_ARROW_UP), THEME_DIM);
    if (panel->top + (size_t)area.height < panel->lines.count)
        draw_text(area.y + area.height - 1, area.x + area.width - 1, 1,
                  theme_glyph(GLYPH_ARROW_DOWN), THEME_DIM);
}

enum panel_key_result text_panel_key(struct text_panel *panel, int key, struct draw_rect area)
{
    size_t page = area.height > 2 ? (size_t)area.height - 1 : 1;
    size_t before = panel->top;
    switch (keys_vi_to_arrow(key)) {
    case KEYS_UP:
        panel->top = panel->top > 0 ? panel->top - 1 : 0;
        break;
    case KEYS_DOWN:
        panel->top++;
        break;
    case KEYS_PAGE_UP:
        panel->top = panel->top > page ? panel->top - page : 0;
        break;
    case KEYS_PAGE_DOWN:
    case ' ':
        panel->top += page;
        break;
    case KEYS_HOME:
        panel->top = 0;
        break;
    case KEYS_END:
        panel->top = panel->lines.count;
        break;
    default:
        return PANEL_IGNORED;
    }
    rewrap(panel, area.width - 1);
    clamp_top(panel, area.height);
    return panel->top != before ? PANEL_MOVED : PANEL_STAYED;
}
