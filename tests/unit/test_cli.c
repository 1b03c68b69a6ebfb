/* test_cli.c - the shared command line parser: option spellings, values, lists, choices, `--`,
 * positional counts, help, and the usage errors with their exit status. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli.h"
#include "dates.h"
#include "command_run.h"

static const struct cli_command test_command = {
    .name = "test",
    .usage = "gutskin test [-n] [-f csv|json] FILE [FILE]",
    .help = "\nA command for the tests.\n",
    .min_args = 1,
    .max_args = 2,
    .missing = "which file?",
};

static const struct cli_command strict_command = {
    .name = "strict",
    .usage = "gutskin strict [FILE]",
    .max_args = 1,
    .extra = "strict takes one file, not also %s",
};

/* Like gutskin's own options: they end at the first positional argument (the command). */
static const struct cli_command leading_command = {
    .usage = "gutskin [-o FILE] [COMMAND [ARGS]]",
    .max_args = CLI_ANY,
    .options_first = true,
};

static const struct cli_command *parsed_command = &test_command;
/* What the last parse gave, as text: the values, then the arguments, then argv's new order. */
static char *parsed;

static void append(char **text, const char *format, const char *value)
{
    char *more = xprintf(format, value ? value : "-");
    char *joined = xprintf("%s%s", *text, more);
    free(*text);
    free(more);
    *text = joined;
}

static int parse_test(const struct command_options *unused, int argc, char **argv)
{
    (void)unused;
    static const char *const formats[] = {"csv", "json", NULL};
    bool dry_run = false, merge = false;
    const char *format = NULL, *output = NULL, *force = NULL;
    struct strlist foods = STRLIST_INIT;
    const struct cli_option options[] = {{"dry-run", 'n', .flag = &dry_run},
                                         {"merge", 0, .flag = &merge},
                                         {"format", 'f', .value = &format, .choices = formats},
                                         {"force-name", 0, .value = &force},
                                         {"output", 'o', .value = &output},
                                         {"food", 'F', .list = &foods},
                                         {0}};
    struct cli_args args = {NULL, 0};
    int status = cli_parse(parsed_command, options, argc, argv, &args);
    free(parsed);
    parsed = xprintf("n=%d merge=%d", dry_run, merge);
    append(&parsed, " f=%s", format);
    append(&parsed, " o=%s", output);
    append(&parsed, " force=%s", force);
    for (size_t i = 0; i < foods.count; i++)
        append(&parsed, " food=%s", foods.items[i]);
    for (size_t i = 0; i < args.count; i++)
        append(&parsed, " [%s]", args.items[i]);
    append(&parsed, " |%s", "");
    for (int i = 0; i < argc; i++)
        append(&parsed, " %s", argv[i]);
    strlist_release(&foods);
    return status;
}

static int setup(void **state)
{
    *state = command_run_new();
    parsed_command = &test_command;
    return 0;
}

static int teardown(void **state)
{
    command_run_free(*state);
    free(parsed);
    parsed = NULL;
    return 0;
}

static void test_spellings(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(
        command_run(run, parse_test, "test", "--format", "json", "--output=x", "a", NULL),
        CLI_GO_ON);
    assert_string_equal(parsed,
                        "n=0 merge=0 f=json o=x force=- [a] | test --format json --output=x a");
    assert_string_equal(run->out, "");
    assert_string_equal(run->err, "");
    assert_int_equal(command_run(run, parse_test, "test", "-fcsv", "-o", "out", "a", NULL),
                     CLI_GO_ON);
    assert_string_equal(parsed, "n=0 merge=0 f=csv o=out force=- [a] | test -fcsv -o out a");
    /* Grouped flags, then one option with a value taking the next argument. */
    assert_int_equal(command_run(run, parse_test, "test", "-nf", "json", "a", NULL), CLI_GO_ON);
    assert_string_equal(parsed, "n=1 merge=0 f=json o=- force=- [a] | test -nf json a");
    /* Unambiguous abbreviations, as getopt_long allows; an exact name beats a longer one. */
    assert_int_equal(command_run(run, parse_test, "test", "--dry", "--me", "--form=csv", "a", NULL),
                     CLI_GO_ON);
    assert_string_equal(parsed, "n=1 merge=1 f=csv o=- force=- [a] | test --dry --me --form=csv a");
}

static void test_values_lists_and_positional_order(void **state)
{
    struct command_run *run = *state;
    /* A value is the next argument even when it starts with a dash; a list keeps every value. */
    assert_int_equal(command_run(run, parse_test, "test", "a", "-o", "-3", "--food", "kimchi", "b",
                                 "-F", "kefir:2", NULL),
                     CLI_GO_ON);
    assert_string_equal(parsed, "n=0 merge=0 f=- o=-3 force=- food=kimchi food=kefir:2 [a] [b] "
                                "| test -o -3 --food kimchi -F kefir:2 a b");
    /* "-", negative numbers and everything after `--` are positional. */
    assert_int_equal(command_run(run, parse_test, "test", "-", "--", "--merge", NULL), CLI_GO_ON);
    assert_string_equal(parsed, "n=0 merge=0 f=- o=- force=- [-] [--merge] | test -- - --merge");
    assert_int_equal(command_run(run, parse_test, "test", "-3", NULL), CLI_GO_ON);
    assert_string_equal(parsed, "n=0 merge=0 f=- o=- force=- [-3] | test -3");
}

static void test_unknown_and_missing(void **state)
{
    struct command_run *run = *state;
    const char *usage = "usage: gutskin test [-n] [-f csv|json] FILE [FILE]\n";
    struct {
        const char *arguments[3];
        const char *message;
    } const cases[] = {
        {{"--bogus", "a"}, "gutskin: unknown option --bogus for test\n"},
        {{"--bogus=1", "a"}, "gutskin: unknown option --bogus for test\n"},
        {{"-x", "a"}, "gutskin: unknown option -x for test\n"},
        {{"-nx", "a"}, "gutskin: unknown option -x for test\n"},
        {{"--fo", "a"}, "gutskin: ambiguous option --fo for test\n"},
        {{"a", "--output"}, "gutskin: option --output for test needs a value\n"},
        {{"a", "-o"}, "gutskin: option -o for test needs a value\n"},
        {{"a", "--dry-run=yes"}, "gutskin: option --dry-run for test takes no value\n"},
        {{"a", "--help=1"}, "gutskin: option --help for test takes no value\n"},
        {{"a", "-f", "xml"}, "gutskin: unknown format 'xml' (csv or json)\n"},
        {{"--merge"}, "gutskin: which file?\n"},
        {{"a", "b", "c"}, "gutskin: unexpected argument 'c' for test\n"},
        /* Given twice, one value would be dropped without a word. */
        {{"-ox", "--output=y", "a"},
         "gutskin: option --output for test is given twice; give it once\n"},
        {{"-fcsv", "-fjson", "a"},
         "gutskin: option --format for test is given twice; give it once\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const *a = cases[i].arguments;
        assert_int_equal(command_run(run, parse_test, "test", a[0], a[1], a[2], NULL), 2);
        char *expected = xprintf("%s%s", cases[i].message, usage);
        assert_string_equal(run->err, expected);
        assert_string_equal(run->out, "");
        free(expected);
    }
}

static void test_counts_with_own_messages(void **state)
{
    struct command_run *run = *state;
    parsed_command = &strict_command;
    assert_int_equal(command_run(run, parse_test, "strict", NULL), CLI_GO_ON);
    assert_int_equal(command_run(run, parse_test, "strict", "a", "b", NULL), 2);
    assert_string_equal(
        run->err, "gutskin: strict takes one file, not also b\nusage: gutskin strict [FILE]\n");
    /* A command without help text still answers --help with its usage line. */
    assert_int_equal(command_run(run, parse_test, "strict", "--help", NULL), 0);
    assert_string_equal(run->out, "usage: gutskin strict [FILE]\n");
}

static void test_help_wins_over_later_problems(void **state)
{
    struct command_run *run = *state;
    /* No file given and an extra one later: --help is read first and answered. */
    assert_int_equal(command_run(run, parse_test, "test", "-h", "--bogus", NULL), 0);
    assert_string_equal(run->out, "usage: gutskin test [-n] [-f csv|json] FILE [FILE]\n"
                                  "\nA command for the tests.\n");
    assert_string_equal(run->err, "");
    assert_int_equal(command_run(run, parse_test, "test", "--he", NULL), 0);
    assert_int_equal(command_run(run, parse_test, "test", "-nh", NULL), 0);
    /* An earlier problem is reported first. */
    assert_int_equal(command_run(run, parse_test, "test", "--bogus", "--help", NULL), 2);
    assert_string_equal(run->out, "");
}

static int usage_error_test(const struct command_options *unused, int argc, char **argv)
{
    (void)unused;
    (void)argc;
    return cli_usage_error(&test_command, "'%s' is not a date", argv[1]);
}

static void test_usage_error(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, usage_error_test, "test", "soon", NULL), 2);
    assert_string_equal(run->err, "gutskin: 'soon' is not a date\n"
                                  "usage: gutskin test [-n] [-f csv|json] FILE [FILE]\n");
}

static int date_test(const struct command_options *unused, int argc, char **argv)
{
    (void)unused;
    int today, day_number;
    assert_true(date_parse("2026-03-10", &today));
    int status =
        cli_parse_date(&test_command, argc > 2 ? argv[2] : NULL, argv[1], today, &day_number);
    return status == CLI_GO_ON ? day_number - today : status;
}

static void test_dates(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, date_test, "test", "-3", NULL), -3);
    assert_int_equal(command_run(run, date_test, "test", "yesterday", NULL), -1);
    assert_int_equal(command_run(run, date_test, "test", "2026-03-12", NULL), 2);
    assert_string_equal(run->err, "");
    assert_int_equal(command_run(run, date_test, "test", "soon", NULL), 2);
    assert_string_equal(run->err,
                        "gutskin: 'soon' is not a date (YYYY-MM-DD, today, yesterday or -N)\n"
                        "usage: gutskin test [-n] [-f csv|json] FILE [FILE]\n");
    assert_int_equal(command_run(run, date_test, "test", "2026-02-30", "--from", NULL), 2);
    assert_contains(run->err, "gutskin: --from '2026-02-30' is not a date (YYYY-MM-DD, ");
}

static void test_options_first_stop_at_the_command(void **state)
{
    struct command_run *run = *state;
    parsed_command = &leading_command;
    assert_int_equal(command_run(run, parse_test, "gutskin", "-o", "x", "log", "-n", "--merge",
                                 "a", NULL),
                     CLI_GO_ON);
    assert_string_equal(parsed, "n=0 merge=0 f=- o=x force=- [log] [-n] [--merge] [a] "
                                "| gutskin -o x log -n --merge a");
    /* Messages about them name no command. */
    assert_int_equal(command_run(run, parse_test, "gutskin", "--bogus", "log", NULL), 2);
    assert_string_equal(run->err, "gutskin: unknown option --bogus\n"
                                  "usage: gutskin [-o FILE] [COMMAND [ARGS]]\n");
    assert_int_equal(command_run(run, parse_test, "gutskin", "-o", "a", "-o", "b", NULL), 2);
    assert_string_equal(run->err, "gutskin: option --output is given twice; give it once\n"
                                  "usage: gutskin [-o FILE] [COMMAND [ARGS]]\n");
    /* Never an exit status, nor the -1 of failure. */
    assert_true(CLI_GO_ON > 255);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_spellings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_lists_and_positional_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_with_own_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_wins_over_later_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_options_first_stop_at_the_command, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
