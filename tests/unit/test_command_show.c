/* test_command_show.c - `gutskin show`: the exact text of a day, and a missing day. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "command_run.h"
#include "journal.h"

/* Saves `day` in the run's journal and releases it. */
static void save_day(struct command_run *run, struct day *day)
{
    struct error err;
    struct journal *journal = journal_open(run->db_path, &err);
    assert_non_null(journal);
    assert_int_equal(journal_save_day(journal, day, &err), 0);
    day_release(day);
    journal_close(journal);
}

static void save_full_day(struct command_run *run)
{
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "acne", 2);
    day_set_reading(&day, "bloating", 0);
    day_set_reading(&day, "sleep-hours", 7.5);
    day_set_reading(&day, "stress", 3);
    day_set_reading(&day, "probiotic-taken", 1);
    day_set_reading(&day, "old-itch", 1); /* an id the content no longer defines */
    day_set_food(&day, "kimchi", 1);
    day_set_food(&day, "kefir", 2);
    day_set_food(&day, "sugar", 1);
    day_set_food(&day, "natto", 1);
    day_set_note(&day, "line one\nline two");
    save_day(run, &day);
}

static void test_show_a_full_day(void **state)
{
    struct command_run *run = *state;
    save_full_day(run);
    assert_int_equal(command_run(run, command_show, "show", "2026-03-01", NULL), 0);
    assert_string_equal(run->out, "Sun 1 Mar 2026 (2026-03-01)\n"
                                  "\n"
                                  "Symptoms\n"
                                  "  Skin\n"
                                  "    Breakouts: moderate (2)\n"
                                  "  Digestive\n"
                                  "    Bloating: none (0)\n"
                                  "\n"
                                  "Habits\n"
                                  "  Sleep: 7.5 hours\n"
                                  "  Stress: 3 (0 to 10)\n"
                                  "  Probiotic taken: yes\n"
                                  "\n"
                                  "Foods\n"
                                  "  Probiotic-rich foods: Kimchi, Kefir (2 servings)\n"
                                  "  Foods to limit: Added sugar\n"
                                  "\n"
                                  "Not in the content\n"
                                  "  old-itch: 1\n"
                                  "  food natto: 1\n"
                                  "\n"
                                  "Note\n"
                                  "  line one\n"
                                  "  line two\n");
    assert_string_equal(run->err, "");
}

/* "1 hours" reads "1 hour": a unit after exactly 1 is singular. */
static void test_show_one_of_a_unit(void **state)
{
    struct command_run *run = *state;
    struct day day;
    day_init(&day, testutil_day("2026-03-02"));
    day_set_reading(&day, "sleep-hours", 1);
    save_day(run, &day);
    assert_int_equal(command_run(run, command_show, "show", "2026-03-02", NULL), 0);
    assert_contains(run->out, "  Sleep: 1 hour\n");
}

static void test_show_relative_and_missing(void **state)
{
    struct command_run *run = *state;
    save_full_day(run);
    /* GUTSKIN_TODAY is 2026-03-10: -9 is the saved day. */
    assert_int_equal(command_run(run, command_show, "show", "-9", NULL), 0);
    assert_contains(run->out, "(2026-03-01)");
    assert_int_equal(command_run(run, command_show, "show", NULL), 1);
    assert_string_equal(run->err, "gutskin: nothing logged on 2026-03-10\n");
    assert_string_equal(run->out, "");
    assert_int_equal(command_run(run, command_show, "show", "2026-02-30", NULL), 2);
    assert_contains(run->err, "'2026-02-30' is not a date");
    assert_int_equal(command_run(run, command_show, "show", "--verbose", NULL), 2);
    assert_int_equal(command_run(run, command_show, "show", "today", "yesterday", NULL), 2);
    assert_int_equal(command_run(run, command_show, "show", "-h", NULL), 0);
    assert_contains(run->out, "usage: gutskin show [DATE]");
}

/* A note with an escape sequence (from an imported file, say) must not reach the terminal as
 * one; Windows line ends are line ends. */
static void test_show_a_note_with_control_characters(void **state)
{
    struct command_run *run = *state;
    struct day day;
    day_init(&day, testutil_day("2026-03-02"));
    day_set_note(&day, "red \x1b[31mtext\x1b]0;title\a\r\nsecond\tline\r\n");
    save_day(run, &day);
    assert_int_equal(command_run(run, command_show, "show", "2026-03-02", NULL), 0);
    assert_contains(run->out, "\nNote\n"
                              "  red ?[31mtext?]0;title?\n"
                              "  second line\n");
    assert_null(strchr(run->out, '\x1b'));
    assert_null(strchr(run->out, '\r'));
}

/* A copy of the shipped content in the run's folder with the line `line` replaced by `by`, used
 * as the run's content; the caller frees the folder's name it returns after the run. */
static char *use_content_with(struct command_run *run, const char *line, const char *by)
{
    char *content = xprintf("%s/content", run->dir);
    static const char *const files[] = {"about.yaml", "foods.yaml", "lifestyle.yaml", "signs.yaml"};
    assert_int_equal(mkdir(content, 0700), 0);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *source = xprintf("%s/%s", COMMAND_RUN_CONTENT, files[i]);
        char *text = testutil_read_file(source, NULL);
        assert_non_null(text);
        char *found = strstr(text, line);
        if (found != NULL) {
            char *edited = xprintf("%.*s%s%s", (int)(found - text), text, by, found + strlen(line));
            free(text);
            text = edited;
        }
        free(testutil_write_file(content, files[i], text));
        free(text);
        free(source);
    }
    run->options.content_dir = content;
    return content;
}

/* A content label is text anyone may have written (an overlay, a shared file): an escape
 * sequence in it must not retitle or recolour the terminal. */
static void test_show_a_label_with_control_characters(void **state)
{
    struct command_run *run = *state;
    /* the rest of the line becomes a quoted label with ESC and BEL */
    char *content =
        use_content_with(run, "label: Breakouts\n", "label: \"\\e]0;title\\aBreak\\e[31mouts\"\n");
    save_full_day(run);
    assert_int_equal(command_run(run, command_show, "show", "2026-03-01", NULL), 0);
    assert_contains(run->out, "    ?]0;title?Break?[31mouts: moderate (2)\n");
    assert_null(strchr(run->out, '\x1b'));
    assert_null(strchr(run->out, '\a'));
    free(content);
}

/* A choice's word is content text too: the same rule. */
static void test_show_a_choice_with_control_characters(void **state)
{
    struct command_run *run = *state;
    char *content = use_content_with(run, "habits:\n",
                                     "habits:\n"
                                     "  - id: stool-form\n"
                                     "    label: Stool form\n"
                                     "    kind: choice\n"
                                     "    choices: [Hard, \"Smooth\\e[31m soft\"]\n"
                                     "    direction: 0\n");
    struct day day;
    day_init(&day, testutil_day("2026-03-03"));
    day_set_reading(&day, "stool-form", 2);
    save_day(run, &day);
    assert_int_equal(command_run(run, command_show, "show", "2026-03-03", NULL), 0);
    assert_contains(run->out, "  Stool form: 2 (Smooth?[31m soft)\n");
    assert_null(strchr(run->out, '\x1b'));
    free(content);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_show_a_full_day, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_show_one_of_a_unit, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_show_relative_and_missing, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_show_a_note_with_control_characters, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_show_a_choice_with_control_characters,
                                        command_run_setup, command_run_teardown),
        cmocka_unit_test_setup_teardown(test_show_a_label_with_control_characters,
                                        command_run_setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
