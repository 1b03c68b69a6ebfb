/* screen_trends.c - the Trends screen (being built: shows a placeholder). */
#include "ui/screen.h"

struct trends_state {
    int unused;
};

static void trends_init(void *state, struct app *app)
{
    (void)state;
    (void)app;
}

static void trends_draw(void *state, struct app *app, struct draw_rect area)
{
    (void)state;
    (void)app;
    draw_text(area.y + 1, area.x + 2, area.width - 4, "Trends: not built yet", THEME_DIM);
}

static enum screen_result trends_key(void *state, struct app *app, int key, struct draw_rect area)
{
    (void)state;
    (void)app;
    (void)key;
    (void)area;
    return SCREEN_IGNORED;
}

const struct screen_ops trends_screen = {
    .title = "Trends",
    .state_size = sizeof(struct trends_state),
    .init = trends_init,
    .draw = trends_draw,
    .key = trends_key,
};
