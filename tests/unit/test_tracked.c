/* test_tracked.c - `gutskin track` and the own-items store: ids from names, every refusal
 * changing nothing, the person's hand-written overlay untouched byte for byte, and hidden items
 * keeping their data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "command_run.h"
#include "content.h"
#include "paths.h"
#include "tracked.h"

#define OVERLAY_FOODS                                                                              \
    "# my own foods, by hand\n"                                                                    \
    "foods:\n"                                                                                     \
    "  - id: natto   # sticky\n"                                                                   \
    "    name: Nattō\n"                                                                           \
    "    category: probiotic\n"                                                                    \
    "    plant: true\n"                                                                            \
    "    why: 'Fermented soy.'\n"

struct fixture {
    struct command_run *run;
    char *overlay; /* the person's content folder */
    char *tracked; /* its tracked.yaml */
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->run = command_run_new();
    f->overlay = xprintf("%s/gutskin/content", f->run->dir);
    f->tracked = xprintf("%s/tracked.yaml", f->overlay);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    command_run_free(f->run);
    free(f->overlay);
    free(f->tracked);
    free(f);
    return 0;
}

#define TRACK(f, ...) command_run((f)->run, command_track, "track", __VA_ARGS__, NULL)

static void test_make_id(void **state)
{
    (void)state;
    char id[TRACKED_ID_SIZE];
    assert_true(tracked_make_id("Pizza", id));
    assert_string_equal(id, "pizza");
    assert_true(tracked_make_id("  Oat milk ", id));
    assert_string_equal(id, "oat-milk");
    assert_true(tracked_make_id("Crème fraîche (full-fat)", id));
    assert_string_equal(id, "creme-fraiche-full-fat");
    assert_false(tracked_make_id("☕!", id));
    char long_name[200];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_true(tracked_make_id(long_name, id));
    assert_int_equal(strlen(id), TRACKED_ID_SIZE - 1);
}

static void test_add_each_kind(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(TRACK(f, "add", "food", "Pizza", "--category", "limit-these"), 0);
    assert_string_equal(f->run->out, "added food pizza: Pizza (Foods to limit)\n");
    assert_int_equal(
        TRACK(f, "add", "food", "Oat milk", "--category", "PROBIOTIC-rich foods", "--plant"), 0);
    assert_string_equal(f->run->out,
                        "added food oat-milk: Oat milk (Probiotic-rich foods, a plant)\n");
    assert_int_equal(TRACK(f, "add", "sign", "Hair loss", "--group", "SKÍN"), 0);
    assert_string_equal(f->run->out, "added sign hair-loss: Hair loss (Skin, rated 0-4)\n");
    assert_int_equal(
        TRACK(f, "add", "habit", "Coffee", "--kind", "amount", "--unit", "cups", "--max", "8"), 0);
    assert_string_equal(f->run->out, "added habit coffee: Coffee (cups, 0 to 8, step 1)\n");
    assert_int_equal(TRACK(f, "add", "habit", "New moisturiser", "--kind", "yes-no"), 0);
    assert_string_equal(f->run->out, "added habit new-moisturiser: New moisturiser (yes or no)\n");
    /* The items are there for every command: log them, list them. */
    assert_int_equal(command_run(f->run, command_log, "log", "hair-loss=2", "coffee=3",
                                 "new-moisturiser=1", "--food", "pizza", NULL),
                     0);
    assert_int_equal(TRACK(f, "list"), 0);
    assert_contains(f->run->out, "    pizza                  Pizza  (yours)\n");
    assert_contains(f->run->out, "    hair-loss              Hair loss  (yours)\n");
    struct content *content = testutil_load_content(COMMAND_RUN_CONTENT);
    struct strlist problems = STRLIST_INIT;
    assert_int_equal(tracked_apply(content, f->overlay, &problems), 0);
    assert_non_null(content_find_food(content, "pizza"));
    assert_true(content_find_food(content, "oat-milk")->plant);
    assert_true(content_find_habit(content, "coffee")->max == 8);
    strlist_release(&problems);
    content_free(content);
}

/* Every refusal says what is wrong and leaves tracked.yaml as it was, byte for byte. */
static void test_bad_input_changes_nothing(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(TRACK(f, "add", "food", "Pizza", "--category", "limit-these"), 0);
    char *before = testutil_read_file(f->tracked, NULL);
    static const struct {
        const char *args[10];
        int status;
        const char *message;
    } cases[] = {
        {{"add", "food", "Bread", "--category", "bakery"},
         1,
         "gutskin: unknown category 'bakery' (one of: probiotic, limit-these)\n"},
        {{"add", "food", "PIZZA", "--category", "probiotic"},
         1,
         "gutskin: there is already a food named 'Pizza' (id pizza)\n"},
        {{"add", "food", "Pizza!", "--category", "probiotic"},
         1,
         "gutskin: there is already a food named 'Pizza' (id pizza)\n"},
        {{"add", "food", "Sugar", "--category", "limit-these"},
         1,
         "gutskin: the id 'sugar' is already used by the food 'Added sugar': choose another "
         "name\n"},
        {{"add", "food", "Pizza (frozen)", "--category", "probiotic"}, 0, NULL},
        {{"add", "food", "pizza frozen", "--category", "probiotic"},
         1,
         "gutskin: there is already a food named 'Pizza (frozen)' (id pizza-frozen)\n"},
        {{"add", "sign", "Breakouts!", "--group", "skin"},
         1,
         "gutskin: there is already a sign named 'Breakouts' (id acne)\n"},
        {{"add", "habit", "Acne", "--kind", "yes-no"},
         1,
         "gutskin: the id 'acne' is already used by the sign 'Breakouts': choose another name\n"},
        {{"add", "sign", "Hives", "--group", "mood"},
         1,
         "gutskin: unknown group 'mood' (one of: skin, digestive)\n"},
        {{"add", "sign", "Hives", "--group", "digestiv"},
         1,
         "gutskin: unknown group 'digestiv'; did you mean 'digestive'?\n"},
        {{"add", "food", "Bread", "--category", "Probiotc-rich foods"},
         1,
         "gutskin: unknown category 'Probiotc-rich foods'; did you mean 'probiotic' "
         "(Probiotic-rich foods)?\n"},
        {{"hide", "sign", "Kéfir"}, 1, "gutskin: unknown sign 'Kéfir'"},
        {{"add", "habit", "Tea", "--kind", "cups"}, 2, "gutskin: unknown --kind 'cups'"},
        {{"add", "habit", "Tea", "--kind", "amount", "--min", "5", "--max", "2"},
         1,
         "do not make a range"},
        {{"add", "habit", "Tea", "--kind", "yes-no", "--unit", "cups"},
         1,
         "a yes-no habit has no unit"},
        {{"add", "habit", "Tea", "--kind", "amount", "--step", "0,5"},
         2,
         "write decimals with a point"},
        {{"add", "food", "  ", "--category", "probiotic"}, 1, "the name must not be empty"},
        {{"add", "food", "☕", "--category", "probiotic"}, 1, "cannot make an id from '☕'"},
        {{"add", "food", "Tea", "--group", "skin"}, 2, "--group is only for 'track add sign'"},
        {{"hide", "eczema"},
         1,
         "gutskin: unknown item 'eczema' (gutskin track list shows them all)\n"},
        {{"hide", "acen"}, 1, "gutskin: unknown item 'acen'; did you mean 'acne' (Breakouts)?\n"},
        {{"show", "plant", "acne"}, 2, "unknown kind 'plant'"},
        {{"rename", "kimchi", "Kefir"}, 1, "there is already a food named 'Kefir' (id kefir)"},
        {{"rename", "nothing", "Anything"}, 1, "unknown item 'nothing'"},
        {{"frobnicate"}, 2, "unknown track command 'frobnicate'"},
        /* --when, by the content files' rule for `when`. */
        {{"add", "habit", "Zinc", "--kind", "amount", "--when", "you took zinc"},
         1,
         "gutskin: only a yes-no habit has a --when phrase"},
        {{"add", "habit", "Zinc", "--kind", "yes-no", "--when", "  "},
         1,
         "gutskin: the --when phrase must not be empty\n"},
        {{"add", "habit", "Zinc", "--kind", "yes-no", "--when", "on days you took zinc"},
         1,
         "gutskin: --when follows \"on days\" or \"after days\": write it without \"on days\""},
        {{"add", "habit", "Zinc", "--kind", "yes-no", "--when", "After days you took zinc"},
         1,
         "write it without \"after days\""},
        {{"add", "habit", "Zinc", "--kind", "yes-no", "--when", "days you took zinc"},
         1,
         "write it without \"days\""},
        {{"add", "habit", "Zinc", "--kind", "yes-no", "--when", "you took\x01zinc"},
         1,
         "the --when phrase has control characters"},
        {{"add", "sign", "Hives", "--group", "skin", "--when", "x"},
         2,
         "--when is only for 'track add habit'"},
        {{"add", "habit", "Acne", "--kind", "yes-no", "--when", "you had acne"},
         1,
         "is already used by the sign 'Breakouts'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const *a = cases[i].args;
        command_run(f->run, command_track, "track", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                    a[8], a[9], NULL);
        if (f->run->status != cases[i].status)
            fail_msg("case %zu: status %d, printed:\n%s%s", i, f->run->status, f->run->out,
                     f->run->err);
        char *now = testutil_read_file(f->tracked, NULL);
        if (cases[i].message == NULL) { /* a good one, for the next case */
            free(before);
            before = now;
            continue;
        }
        assert_contains(f->run->err, cases[i].message);
        assert_string_equal(f->run->out, "");
        assert_string_equal(now, before);
        free(now);
    }
    free(before);
}

static void test_overlay_untouched(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(paths_make_dirs(f->overlay, 0700, NULL), 0);
    free(testutil_write_file(f->overlay, "foods.yaml", OVERLAY_FOODS));
    assert_int_equal(TRACK(f, "add", "food", "Pizza", "--category", "limit-these"), 0);
    assert_int_equal(TRACK(f, "hide", "natto"), 0);
    assert_int_equal(TRACK(f, "rename", "Nattō", "Natto beans"), 0);
    assert_string_equal(f->run->out, "renamed food natto: Nattō -> Natto beans\n");
    assert_int_equal(TRACK(f, "add", "sign", "Hives", "--group", "skin"), 0);
    assert_int_equal(TRACK(f, "show", "natto"), 0);
    char *path = xprintf("%s/foods.yaml", f->overlay);
    char *after = testutil_read_file(path, NULL);
    assert_string_equal(after, OVERLAY_FOODS);
    free(after);
    free(path);
}

/* Hiding leaves the data: `show` still prints a hidden sign's value, and its label. */
static void test_hidden_keeps_data(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(
        command_run(f->run, command_log, "log", "--date", "2026-03-09", "redness=3", NULL), 0);
    assert_int_equal(TRACK(f, "hide", "Redness"), 0);
    assert_string_equal(f->run->out,
                        "hid sign redness (Redness): the check-in leaves it out; its data stays "
                        "in History, Trends, show and export\n");
    assert_int_equal(TRACK(f, "hide", "redness"), 0);
    assert_contains(f->run->out, "was already hidden; nothing changed");
    assert_int_equal(command_run(f->run, command_show, "show", "2026-03-09", NULL), 0);
    assert_contains(f->run->out, "Redness");
    assert_int_equal(command_run(f->run, command_export, "export", NULL), 0);
    assert_contains(f->run->out, "redness");
    assert_int_equal(TRACK(f, "list", "--hidden"), 0);
    assert_string_equal(f->run->out, "Signs: Skin\n    redness                Redness\n");
    assert_int_equal(TRACK(f, "list"), 0);
    assert_contains(f->run->out, "(1 hidden: gutskin track list --hidden)\n");
    assert_int_equal(TRACK(f, "show", "redness"), 0);
    assert_string_equal(f->run->out, "showing sign redness (Redness) in the check-in again\n");
    assert_int_equal(TRACK(f, "list", "--hidden"), 0);
    assert_string_equal(f->run->out, "nothing is hidden\n");
}

/* A broken tracked.yaml is named with its line and column, and is not rewritten. */
static void test_broken_file(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(paths_make_dirs(f->overlay, 0700, NULL), 0);
    const char *broken = "foods:\n  - id: Pizza\n    name: Pizza\n    category: limit-these\n";
    free(testutil_write_file(f->overlay, "tracked.yaml", broken));
    assert_int_equal(TRACK(f, "list"), 1);
    assert_contains(f->run->err, "tracked.yaml:2:9: invalid id 'Pizza'");
    char *now = testutil_read_file(f->tracked, NULL);
    assert_string_equal(now, broken);
    free(now);
    free(testutil_write_file(f->overlay, "tracked.yaml",
                             "signs:\n  - id: hives\n    label: Hives\n    group: nowhere\n"));
    assert_int_equal(TRACK(f, "list"), 1);
    assert_contains(f->run->err, "unknown group 'nowhere' for the sign 'hives'");
    free(testutil_write_file(f->overlay, "tracked.yaml", "hidden:\n  - {sign: acne, food: x}\n"));
    assert_int_equal(TRACK(f, "list"), 1);
    assert_contains(f->run->err, "tracked.yaml:2:5: expected one of food, sign or habit in hidden");
}

/* A yes-no habit's --when phrase is kept in tracked.yaml, read back as the content's `when` (how
 * Trends and the report say its days), and shown by list. */
static void test_add_habit_when(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(TRACK(f, "add", "habit", "Zinc", "--kind", "yes-no", "--when",
                           "  you took zinc: \"50 mg\" "),
                     0);
    assert_string_equal(f->run->out, "added habit zinc: Zinc (yes or no; its days read \"on days "
                                     "you took zinc: \"50 mg\"\")\n");
    char *file = testutil_read_file(f->tracked, NULL);
    assert_contains(file, "  when: \"you took zinc: \\\"50 mg\\\"\"\n");
    free(file);
    assert_int_equal(TRACK(f, "add", "habit", "Iron", "--kind", "yes-no"), 0);
    assert_int_equal(TRACK(f, "list"), 0);
    assert_contains(
        f->run->out,
        "    zinc                   Zinc  (yours)  (on days you took zinc: \"50 mg\")\n");
    assert_contains(f->run->out, "    iron                   Iron  (yours)\n");
    struct content *content = testutil_load_content(COMMAND_RUN_CONTENT);
    struct strlist problems = STRLIST_INIT;
    assert_int_equal(tracked_apply(content, f->overlay, &problems), 0);
    assert_string_equal(content_find_habit(content, "zinc")->when, "you took zinc: \"50 mg\"");
    assert_null(content_find_habit(content, "iron")->when);
    strlist_release(&problems);
    content_free(content);
    /* The file is checked by the same rule when it is read. */
    free(testutil_write_file(f->overlay, "tracked.yaml",
                             "habits:\n  - id: tea\n    label: Tea\n    kind: yes-no\n"
                             "    when: On days you had tea\n"));
    assert_int_equal(TRACK(f, "list"), 1);
    assert_contains(f->run->err, "tracked.yaml:5:11: 'when' follows \"on days\" or \"after days\"");
    free(testutil_write_file(f->overlay, "tracked.yaml",
                             "habits:\n  - id: tea\n    label: Tea\n    kind: scale\n"
                             "    when: you had tea\n    min: 1\n    max: 5\n    step: 1\n"));
    assert_int_equal(TRACK(f, "list"), 1);
    assert_contains(f->run->err, "tracked.yaml:5:11: 'when' is only for yes-no habits");
}

/* Labels with quotes, colons and accents survive the round trip through the file. */
static void test_labels_round_trip(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(
        TRACK(f, "add", "food", "Mum's \"special\": stew #2", "--category", "probiotic"), 0);
    assert_contains(f->run->out, "added food mum-s-special-stew-2: Mum's \"special\": stew #2");
    assert_int_equal(TRACK(f, "rename", "acne", "Pickel: yes/no? ü"), 0);
    assert_int_equal(TRACK(f, "list"), 0);
    assert_contains(f->run->out, "Mum's \"special\": stew #2  (yours)");
    assert_contains(f->run->out, "    acne                   Pickel: yes/no? ü\n");
    assert_int_equal(testutil_file_mode(f->tracked), 0600);
}

/* A renamed habit drops the content's phrase, written for the old name: "Kefir drink" must not
 * read "on days you took a probiotic". */
static void test_rename_drops_when(void **state)
{
    struct fixture *f = *state;
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(COMMAND_RUN_CONTENT, NULL, &problems);
    assert_non_null(content);
    assert_string_equal(content_find_habit(content, "probiotic-taken")->when,
                        "you took a probiotic");
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(
        tracked_rename(content, f->overlay, "habit", "probiotic-taken", "Kefir drink", &err), 0);
    assert_null(content_find_habit(content, "probiotic-taken")->when);
    content_free(content);
    /* And so it stays when the content is read again. */
    content = content_load(COMMAND_RUN_CONTENT, NULL, &problems);
    assert_int_equal(tracked_apply(content, f->overlay, &problems), 0);
    assert_string_equal(content_find_habit(content, "probiotic-taken")->label, "Kefir drink");
    assert_null(content_find_habit(content, "probiotic-taken")->when);
    content_free(content);
    strlist_release(&problems);
}

/* The first start's choice is kept even when it changes no item: an empty tracked.yaml is
 * written once, and an existing file (here with a hidden sign) is left byte for byte. */
static void test_keep_choices(void **state)
{
    struct fixture *f = *state;
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(testutil_file_mode(f->tracked), -1);
    assert_int_equal(tracked_keep_choices(f->overlay, &err), 0);
    assert_int_equal(testutil_file_mode(f->tracked), 0600);
    assert_int_equal(TRACK(f, "list"), 0);
    assert_int_equal(TRACK(f, "hide", "acne"), 0);
    char *before = testutil_read_file(f->tracked, NULL);
    assert_int_equal(tracked_keep_choices(f->overlay, &err), 0);
    char *after = testutil_read_file(f->tracked, NULL);
    assert_string_equal(after, before);
    free(before);
    free(after);
    free(testutil_write_file(f->overlay, "tracked.yaml", "hidden: [\n"));
    assert_int_equal(tracked_keep_choices(f->overlay, &err), -1);
    assert_contains(err.message, "tracked.yaml");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_make_id),
        cmocka_unit_test_setup_teardown(test_add_each_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlay_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hidden_keeps_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_habit_when, setup, teardown),
        cmocka_unit_test_setup_teardown(test_labels_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rename_drops_when, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
