/* screen_foods.c - the Foods screen (being built: shows a placeholder). */
#include "ui/screen.h"

struct foods_state {
    int unused;
};

static void foods_init(void *state, struct app *app)
{
    (void)state;
    (void)app;
}

static void foods_draw(void *state, struct app *app, struct draw_rect area)
{
    (void)state;
    (void)app;
    draw_text(area.y + 1, area.x + 2, area.width - 4, "Foods: not built yet", THEME_DIM);
}

static enum screen_result foods_key(void *state, struct app *app, int key, struct draw_rect area)
{
    (void)state;
    (void)app;
    (void)key;
    (void)area;
    return SCREEN_IGNORED;
}

const struct screen_ops foods_screen = {
    .title = "Foods",
    .state_size = sizeof(struct foods_state),
    .init = foods_init,
    .draw = foods_draw,
    .key = foods_key,
};
