/* screen_about.c - the About screen (being built: shows a placeholder). */
#include "ui/screen.h"

struct about_state {
    int unused;
};

static void about_init(void *state, struct app *app)
{
    (void)state;
    (void)app;
}

static void about_draw(void *state, struct app *app, struct draw_rect area)
{
    (void)state;
    (void)app;
    draw_text(area.y + 1, area.x + 2, area.width - 4, "About: not built yet", THEME_DIM);
}

static enum screen_result about_key(void *state, struct app *app, int key, struct draw_rect area)
{
    (void)state;
    (void)app;
    (void)key;
    (void)area;
    return SCREEN_IGNORED;
}

const struct screen_ops about_screen = {
    .title = "About",
    .state_size = sizeof(struct about_state),
    .init = about_init,
    .draw = about_draw,
    .key = about_key,
};
