/* guide.c - figures, text and jumps shared by the guide screens. */
#include "ui/guide.h"

#include <stdio.h>
#include <string.h>

#include "ui/ui.h"
#include "xalloc.h"

static void guide_add_points(struct guide_figures *figures, const struct journal_series *series)
{
    double total = 0;
    for (size_t i = 0; i < series->count; i++) {
        total += series->points[i].mean;
        figures->positive += series->points[i].mean > 0;
    }
    figures->logged = (int)series->count;
    figures->mean = series->count > 0 ? total / (double)series->count : 0;
}

static void guide_set_last(struct guide_figures *figures, const struct journal_series *series)
{
    if (series->count == 0)
        return;
    const struct journal_point *last = &series->points[series->count - 1];
    figures->has_last = true;
    figures->last_day = last->day;
    figures->last_value = last->mean;
}

int guide_read_figures(struct journal *journal, enum journal_series_kind kind, const char *id,
                       int today, int days, struct guide_figures *figures, struct error *err)
{
    memset(figures, 0, sizeof *figures);
    figures->days = days;
    const char *ids[] = {id};
    struct journal_series_query query = {kind, ids, 1, today - days + 1, today, JOURNAL_BY_DAY};
    struct journal_series series;
    journal_series_init(&series);
    int status = journal_read_series(journal, &query, &series, err);
    if (status == 0 && series.count == 0) {
        /* Nothing recent: the last value, if any, is older than the window. */
        query.from = DATE_NONE;
        status = journal_read_series(journal, &query, &series, err);
        guide_set_last(figures, &series);
    } else if (status == 0) {
        guide_add_points(figures, &series);
        guide_set_last(figures, &series);
    }
    journal_series_release(&series);
    return status;
}

void guide_format_date(int day, int today, char *out, size_t size)
{
    char long_date[DATE_LONG_SIZE];
    date_format_long(day, long_date);
    const char *relative = day == today ? " (today)" : day == today - 1 ? " (yesterday)" : "";
    snprintf(out, size, "%s%s", long_date, relative);
}

const char *guide_plural(long count)
{
    return count == 1 ? "" : "s";
}

static void guide_separate(struct strlist *lines)
{
    if (lines->count > 0)
        strlist_push(lines, "");
}

void guide_add_heading(struct strlist *lines, const char *heading)
{
    guide_separate(lines);
    strlist_pushf(lines, "# %s", heading);
}

void guide_add_text(struct strlist *lines, const char *text)
{
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
        length--;
    strlist_pushf(lines, "%.*s", (int)length, text);
}

void guide_add_paragraph(struct strlist *lines, const char *text)
{
    guide_separate(lines);
    guide_add_text(lines, text);
}

void guide_format_source(const struct content_source *source, char *out, size_t size)
{
    /* Authors are written "Surname I, ..." or "Surname I et al.": the surname ends at a space. */
    size_t surname = strcspn(source->author, " ,");
    snprintf(out, size, "%.*s %d", (int)surname, source->author, source->year);
}

void guide_add_evidence(struct strlist *lines, const struct content *content,
                        enum content_evidence evidence, const struct strlist *sources)
{
    char cited[512] = "";
    for (size_t i = 0; i < sources->count; i++) {
        const struct content_source *source = content_find_source(content, sources->items[i]);
        char one[128];
        if (source == NULL)
            continue;
        guide_format_source(source, one, sizeof one);
        size_t used = strlen(cited);
        snprintf(cited + used, sizeof cited - used, "%s%s", used ? ", " : "", one);
    }
    guide_separate(lines);
    if (evidence == CONTENT_EVIDENCE_NONE) /* the person's own item, or their text without one */
        strlist_push(lines, "Evidence: not rated (your own addition)");
    else if (cited[0] != '\0')
        strlist_pushf(lines, "Evidence: %s (%s)", content_evidence_word(evidence), cited);
    else
        strlist_pushf(lines, "Evidence: %s", content_evidence_word(evidence));
}

void guide_add_caution(struct strlist *lines, const struct content *content)
{
    if (content->caution == NULL || content->caution[0] == '\0')
        return;
    guide_add_heading(lines, "A word of caution");
    guide_add_text(lines, content->caution);
}

char *guide_join(const struct strlist *lines)
{
    size_t size = 1;
    for (size_t i = 0; i < lines->count; i++)
        size += strlen(lines->items[i]) + 1;
    char *text = xmalloc(size), *end = text;
    for (size_t i = 0; i < lines->count; i++) {
        size_t length = strlen(lines->items[i]);
        memcpy(end, lines->items[i], length);
        end += length;
        *end++ = '\n';
    }
    *end = '\0';
    return text;
}

void guide_open_metric(struct app *app, enum screen_id screen, const char *metric)
{
    if (screen == SCREEN_CHECKIN)
        app->request.open_day = app->today;
    snprintf(app->request.metric, sizeof app->request.metric, "%s", metric);
    ui_switch_screen(app->ui, screen);
}

/* --- The base of the browsing guides ------------------------------------------------------- */

void guide_screen_enter(void *state, struct app *app)
{
    struct guide_screen *base = state;
    if (journal_is_stale(app->journal, &base->loaded_freshness))
        base->reload(state);
}

void guide_screen_draw(void *state, struct app *app, struct draw_rect area)
{
    struct guide_screen *base = state;
    (void)app;
    browser_panel_draw(&base->browser, area);
}

enum screen_result guide_screen_click(void *state, struct app *app, int y, int x,
                                      struct draw_rect area)
{
    struct guide_screen *base = state;
    (void)app;
    return screen_panel_result(browser_panel_click(&base->browser, y, x, area));
}

void guide_screen_release(void *state)
{
    struct guide_screen *base = state;
    browser_panel_release(&base->browser);
}
