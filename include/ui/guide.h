/*
 * guide.h - what the guide screens (Foods, Signs, Lifestyle, About) share: the base of the three
 * browsing guides, the person's own recent figures for a metric or a food, the panel_text markup
 * their explanations are written in, the medical caution, and the jumps from a guide to the
 * check-in or to a trend.
 */
#ifndef GUTSKIN_UI_GUIDE_H
#define GUTSKIN_UI_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "dates.h"
#include "error.h"
#include "journal.h"
#include "strlist.h"
#include "ui/panel_browser.h"
#include "ui/screen.h"

/* The base of Foods, Signs and Lifestyle: lists beside a detail in a browser panel, read again
 * when the journal changed. Each of those screens' states starts with one, so that the
 * operations below serve as theirs. */
struct guide_screen {
    struct app *app;
    struct browser_panel browser;
    uint64_t loaded_freshness;
    /* Reads again what comes from the journal (figures, today's ticks) and the detail. */
    void (*reload)(void *state);
};

/* Operations for a screen_ops table: `state` is the screen's, starting with a guide_screen. */
void guide_screen_enter(void *state, struct app *app);
void guide_screen_draw(void *state, struct app *app, struct draw_rect area);
enum screen_result guide_screen_click(void *state, struct app *app, int y, int x,
                                      struct draw_rect area);
/* Releases the browser; a screen with more to free calls it from its own release. */
void guide_screen_release(void *state);

/* A metric's or a food's figures over the last `days` days up to today. */
struct guide_figures {
    int days;
    int logged;    /* days in the window with a value (for a food: saved days) */
    int positive;  /* of those, days with a value above 0: a "yes", a food eaten */
    double mean;   /* the mean of the logged days' values; 0 when none */
    bool has_last; /* a value was logged on or before today */
    int last_day;  /* the day of that value */
    double last_value;
};

/* Reads the figures of one metric (JOURNAL_SERIES_METRIC) or one food
 * (JOURNAL_SERIES_FOOD_SERVINGS) from the journal. */
int guide_read_figures(struct journal *journal, enum journal_series_kind kind, const char *id,
                       int today, int days, struct guide_figures *figures, struct error *err);

/* "Sat 14 Mar 2026" for a day, with " (today)" or " (yesterday)" when it is one of those. */
void guide_format_date(int day, int today, char *out, size_t size);

/* "s" unless `count` is 1, for "%d day%s". */
const char *guide_plural(long count);

/* Lines of panel_text markup: a heading or a paragraph, each after a blank line. */
void guide_add_heading(struct strlist *lines, const char *heading);
void guide_add_paragraph(struct strlist *lines, const char *text);

/* Content text right below what came before (a heading), without its trailing line breaks
 * (YAML literal blocks end with one). */
void guide_add_text(struct strlist *lines, const char *text);

/* "Evidence: being studied (Salem 2018, Yano 2015)": the level in a word and the sources cited,
 * by first author and year, as a paragraph. */
void guide_add_evidence(struct strlist *lines, const struct content *content,
                        enum content_evidence evidence, const struct strlist *sources);

/* "Salem 2018": a source by its first author's surname and its year. */
void guide_format_source(const struct content_source *source, char *out, size_t size);

/* The content's medical caution under its heading. */
void guide_add_caution(struct strlist *lines, const struct content *content);

/* The lines joined with line breaks; newly allocated. */
char *guide_join(const struct strlist *lines);

/* Shows `metric` in today's check-in (SCREEN_CHECKIN) or in its trend (SCREEN_TRENDS). */
void guide_open_metric(struct app *app, enum screen_id screen, const char *metric);

#endif
