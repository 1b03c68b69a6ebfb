/* screen_signs.c - the Signs screen (being built: shows a placeholder). */
#include "ui/screen.h"

struct signs_state {
    int unused;
};

static void signs_init(void *state, struct app *app)
{
    (void)state;
    (void)app;
}

static void signs_draw(void *state, struct app *app, struct draw_rect area)
{
    (void)state;
    (void)app;
    draw_text(area.y + 1, area.x + 2, area.width - 4, "Signs: not built yet", THEME_DIM);
}

static enum screen_result signs_key(void *state, struct app *app, int key, struct draw_rect area)
{
    (void)state;
    (void)app;
    (void)key;
    (void)area;
    return SCREEN_IGNORED;
}

const struct screen_ops signs_screen = {
    .title = "Signs",
    .state_size = sizeof(struct signs_state),
    .init = signs_init,
    .draw = signs_draw,
    .key = signs_key,
};
