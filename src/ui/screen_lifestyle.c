/* screen_lifestyle.c - the Lifestyle screen (being built: shows a placeholder). */
#include "ui/screen.h"

struct lifestyle_state {
    int unused;
};

static void lifestyle_init(void *state, struct app *app)
{
    (void)state;
    (void)app;
}

static void lifestyle_draw(void *state, struct app *app, struct draw_rect area)
{
    (void)state;
    (void)app;
    draw_text(area.y + 1, area.x + 2, area.width - 4, "Lifestyle: not built yet", THEME_DIM);
}

static enum screen_result lifestyle_key(void *state, struct app *app, int key, struct draw_rect area)
{
    (void)state;
    (void)app;
    (void)key;
    (void)area;
    return SCREEN_IGNORED;
}

const struct screen_ops lifestyle_screen = {
    .title = "Lifestyle",
    .state_size = sizeof(struct lifestyle_state),
    .init = lifestyle_init,
    .draw = lifestyle_draw,
    .key = lifestyle_key,
};
