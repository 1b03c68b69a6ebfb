/* test_panel_browser.c - the browser panel on a simulated terminal: lists beside the detail when
 * there is room and above it when not, focus moves, the owner told of selections, headings never
 * selected, Space paging the detail, clicks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/keys.h"
#include "ui/panel_browser.h"
#include "xalloc.h"

static SCREEN *terminal;
static FILE *null_file;

static const char *const kinds[] = {"Fruit", "Vegetables"};
static const char *const items[] = {"Kinds", "Apple", "Pear"}; /* a heading, then two items */

struct owner {
    struct browser_panel browser;
    int calls;
    int last_list;
};

static void owner_row(void *context, int list, size_t index, struct browser_row *row)
{
    (void)context;
    if (list == 0) {
        row->text = kinds[index];
        row->right = "2";
        return;
    }
    row->text = items[index];
    row->heading = index == 0;
}

static void owner_selected(void *context, int list)
{
    struct owner *owner = context;
    owner->calls++;
    owner->last_list = list;
}

static int group_setup(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C.UTF-8");
    null_file = fopen("/dev/null", "r+");
    assert_non_null(null_file);
    setenv("COLUMNS", "120", 1);
    setenv("LINES", "30", 1);
    terminal = newterm("xterm", null_file, null_file);
    if (terminal == NULL)
        terminal = newterm("vt100", null_file, null_file);
    assert_non_null(terminal);
    theme_init(false, true);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    endwin();
    delscreen(terminal);
    fclose(null_file);
    return 0;
}

static int setup(void **state)
{
    struct owner *owner = xcalloc(1, sizeof *owner);
    browser_panel_init(&owner->browser, 2, owner_row, owner_selected, owner);
    browser_panel_set_size(&owner->browser, 0, 10, 1, 2); /* 2 + 10 + 2 + 2 = 16 columns */
    browser_panel_set_size(&owner->browser, 1, 8, 0, 3);  /* 2 + 8 + 2 = 12 columns */
    browser_panel_set_title(&owner->browser, 0, "Kinds", NULL);
    browser_panel_set_title(&owner->browser, 1, "Items", NULL);
    browser_panel_set_count(&owner->browser, 0, 2);
    browser_panel_set_count(&owner->browser, 1, 3);
    browser_panel_set_detail(&owner->browser, "About pears", "Pears are fruit.", false);
    erase();
    *state = owner;
    return 0;
}

static int teardown(void **state)
{
    struct owner *owner = *state;
    browser_panel_release(&owner->browser);
    free(owner);
    return 0;
}

/* The screen row `y` as UTF-8, trailing blanks removed. */
static void screen_row(int y, char *out, size_t size)
{
    wchar_t wide[256];
    int length = mvinnwstr(y, 0, wide, 255);
    wide[length > 0 ? length : 0] = L'\0';
    size_t bytes = wcstombs(out, wide, size - 1);
    out[bytes == (size_t)-1 ? 0 : bytes] = '\0';
    for (size_t end = strlen(out); end > 0 && out[end - 1] == ' '; end--)
        out[end - 1] = '\0';
}

static void test_side_by_side_when_wide(void **state)
{
    struct owner *owner = *state;
    browser_panel_draw(&owner->browser, (struct draw_rect){0, 0, 20, 120});
    char row[1024];
    screen_row(0, row, sizeof row);
    /* lists of 16 and 12 columns, each followed by a rule; a blank; then the detail */
    assert_string_equal(row, "  Kinds         │  Items     │ About pears");
    screen_row(1, row, sizeof row);
    assert_string_equal(row, "> Fruit       2 │ Kinds      │ Pears are fruit.");
    screen_row(2, row, sizeof row);
    assert_string_equal(row, "  Vegetables  2 │• Apple     │");
}

static void test_stacked_when_narrow(void **state)
{
    struct owner *owner = *state;
    /* 16 + 12 + 4 + 44 columns do not fit in 60: the detail goes below, after the lists' 3 rows
     * and their title */
    browser_panel_draw(&owner->browser, (struct draw_rect){0, 0, 20, 60});
    char row[1024];
    screen_row(1, row, sizeof row);
    assert_string_equal(row, "> Fruit       2 │ Kinds      │");
    screen_row(4, row, sizeof row);
    assert_int_equal(strncmp(row, "─ About pears ──", strlen("─ About pears ──")), 0);
    screen_row(5, row, sizeof row);
    assert_string_equal(row, " Pears are fruit.");
}

static void test_focus_moves_between_panes(void **state)
{
    struct owner *owner = *state;
    struct draw_rect area = {0, 0, 20, 120};
    assert_int_equal(owner->browser.focus, 0);
    assert_int_equal(browser_panel_key(&owner->browser, 'h', area), PANEL_IGNORED);
    assert_int_equal(browser_panel_key(&owner->browser, 'l', area), PANEL_MOVED);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_RIGHT, area), PANEL_MOVED);
    assert_int_equal(owner->browser.focus, 2);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_RIGHT, area), PANEL_IGNORED);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_LEFT, area), PANEL_MOVED);
    assert_int_equal(owner->browser.focus, 1);
    assert_int_equal(owner->calls, 0);
}

static void test_owner_told_when_cursor_moves(void **state)
{
    struct owner *owner = *state;
    struct draw_rect area = {0, 0, 20, 120};
    assert_int_equal(browser_panel_key(&owner->browser, 'j', area), PANEL_MOVED);
    assert_int_equal(owner->calls, 1);
    assert_int_equal(owner->last_list, 0);
    assert_int_equal(browser_panel_cursor(&owner->browser, 0), 1);
    /* at the end: a list key, but nothing moved (nothing to draw again), nobody told */
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_DOWN, area), PANEL_STAYED);
    assert_int_equal(owner->calls, 1);
    assert_int_equal(browser_panel_key(&owner->browser, 'z', area), PANEL_IGNORED);
}

static void test_headings_are_never_selected(void **state)
{
    struct owner *owner = *state;
    struct draw_rect area = {0, 0, 20, 120};
    assert_int_equal(browser_panel_cursor(&owner->browser, 1), 1);
    browser_panel_set_focus(&owner->browser, 1);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_UP, area), PANEL_STAYED);
    assert_int_equal(browser_panel_cursor(&owner->browser, 1), 1);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_END, area), PANEL_MOVED);
    assert_int_equal(browser_panel_cursor(&owner->browser, 1), 2);
    assert_int_equal(owner->calls, 1);
    assert_int_equal(owner->last_list, 1);
}

static void test_space_pages_the_detail_from_a_list(void **state)
{
    struct owner *owner = *state;
    struct draw_rect area = {0, 0, 10, 120};
    char *text = xstrdup("");
    for (int i = 0; i < 40; i++) {
        char *longer = xprintf("%sLine %d\n\n", text, i);
        free(text);
        text = longer;
    }
    browser_panel_set_detail(&owner->browser, "Long", text, false);
    free(text);
    browser_panel_draw(&owner->browser, area);
    assert_int_equal(browser_panel_key(&owner->browser, ' ', area), PANEL_MOVED);
    assert_true(owner->browser.detail.top > 0);
    /* The detail scrolls back to its top; there, a key that would scroll up moves nothing. */
    browser_panel_set_focus(&owner->browser, 2);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_HOME, area), PANEL_MOVED);
    assert_int_equal(browser_panel_key(&owner->browser, KEYS_UP, area), PANEL_STAYED);
    assert_int_equal(owner->browser.detail.top, 0);
    assert_int_equal(browser_panel_key(&owner->browser, ' ', area), PANEL_MOVED);
    browser_panel_set_focus(&owner->browser, 0);
    assert_int_equal(owner->browser.focus, 0);
    assert_int_equal(browser_panel_cursor(&owner->browser, 0), 0);
    /* Refreshing the same item keeps the reader's place; another item starts at the top. */
    size_t top = owner->browser.detail.top;
    char *same = xstrdup(owner->browser.detail.source);
    browser_panel_set_detail(&owner->browser, "Long", same, true);
    free(same);
    assert_int_equal(owner->browser.detail.top, top);
    browser_panel_set_detail(&owner->browser, "Other", "Short.", false);
    assert_int_equal(owner->browser.detail.top, 0);
}

static void test_clicks_focus_and_select(void **state)
{
    struct owner *owner = *state;
    struct draw_rect area = {1, 0, 20, 120};
    browser_panel_draw(&owner->browser, area);
    /* row 3 of the screen is the second body row; column 20 is in the second list */
    assert_int_equal(browser_panel_click(&owner->browser, 3, 20, area), PANEL_MOVED);
    assert_int_equal(owner->browser.focus, 1);
    assert_int_equal(browser_panel_cursor(&owner->browser, 1), 1);
    assert_int_equal(owner->calls, 0); /* already there */
    assert_int_equal(browser_panel_click(&owner->browser, 4, 20, area), PANEL_MOVED);
    assert_int_equal(browser_panel_cursor(&owner->browser, 1), 2);
    assert_int_equal(owner->calls, 1);
    /* The row already chosen, in the list already focused: nothing moves. */
    assert_int_equal(browser_panel_click(&owner->browser, 4, 20, area), PANEL_STAYED);
    assert_int_equal(owner->calls, 1);
    assert_int_equal(browser_panel_click(&owner->browser, 10, 60, area), PANEL_MOVED);
    assert_int_equal(owner->browser.focus, 2);
    assert_int_equal(browser_panel_click(&owner->browser, 10, 60, area), PANEL_STAYED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_side_by_side_when_wide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stacked_when_narrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_moves_between_panes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_told_when_cursor_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headings_are_never_selected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_space_pages_the_detail_from_a_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clicks_focus_and_select, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
