/* Unit tests for numbers.c: the one grammar, format and step check every part of gutskin uses. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "numbers.h"

static void test_parse_takes_plain_decimals_only(void **state)
{
    (void)state;
    static const char *const good[] = {"0", "-1.5", "+2", ".5", "5.", "2e3", "1E-2"};
    static const char *const bad[] = {"",     " 1",  "1 ",  "inf", "nan",  "0x10",  "0x8",
                                      "1,5",  "e5",  "1e",  "--1", "1.2.3", "1e999", "-inf",
                                      "NaN",  "0X1p3", "8h", "."};
    double value;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(num_parse(good[i], &value));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(num_parse(bad[i], &value));
    assert_true(num_parse("-1.5", &value) && value == -1.5);
    assert_true(num_parse("-0", &value) && value == 0 && !signbit(value));
}

static void test_parse_decimal_comma(void **state)
{
    (void)state;
    double value;
    assert_true(num_parse_decimal_comma("7,5", &value) && value == 7.5);
    assert_true(num_parse_decimal_comma("-0,25", &value) && value == -0.25);
    assert_false(num_parse_decimal_comma("7.5", &value));
    assert_false(num_parse_decimal_comma("1,2,3", &value));
    assert_false(num_parse_decimal_comma("1.000,5", &value));
    assert_false(num_parse_decimal_comma("seven,5", &value));
    assert_false(num_parse_decimal_comma("0x8,5", &value));
}

static void test_format_is_shortest_round_trip(void **state)
{
    (void)state;
    static const double values[] = {7.5, 3, 0.1, 1e-7, 123456789.125, 0.1 + 0.2};
    static const char *const expected[] = {"7.5", "3", "0.1", "1e-07", "123456789.125",
                                           "0.30000000000000004"};
    char text[NUM_TEXT_SIZE];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        num_format(values[i], text);
        assert_string_equal(text, expected[i]);
        double back;
        assert_true(num_parse(text, &back) && back == values[i]);
    }
    num_format(-0.0, text);
    assert_string_equal(text, "0");
}

static void test_step_check(void **state)
{
    (void)state;
    assert_true(num_step_ok(7.5, 0, 0.5));
    assert_false(num_step_ok(7.25, 0, 0.5));
    assert_true(num_step_ok(7.3, 0, 0.1)); /* 72.99999999999999 steps: rounding, not an error */
    assert_true(num_step_ok(0.3, 0.1, 0.1));
    assert_false(num_step_ok(0.35, 0.1, 0.1));
    assert_true(num_step_ok(3, 1, 2));
    assert_false(num_step_ok(2, 1, 2));
    assert_true(num_step_ok(0.123, 0, 0)); /* no step: anything */
}

/* Text always uses '.', even where printf and strtod use ','. */
static void test_unit_after_one_reads_singular(void **state)
{
    (void)state;
    char out[NUM_UNIT_SIZE];
    assert_string_equal(num_unit("1", "times", out), "time");
    assert_string_equal(num_unit("1", "hours", out), "hour");
    assert_string_equal(num_unit("1", "glasses", out), "glass");
    assert_string_equal(num_unit("1", "drinks", out), "drink");
    /* Not after 1, not a plural in s, or too short to tell: as it is. */
    assert_string_equal(num_unit("2", "times", out), "times");
    assert_string_equal(num_unit("1.5", "hours", out), "hours");
    assert_string_equal(num_unit("0", "drinks", out), "drinks");
    assert_string_equal(num_unit("1", "mg", out), "mg");
    assert_string_equal(num_unit("1", "class", out), "class");
    assert_string_equal(num_unit("1", "s", out), "s");
    assert_string_equal(num_unit("1", "", out), "");
}

static void test_numbers_ignore_the_locale(void **state)
{
    (void)state;
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8"};
    size_t i = 0;
    while (i < sizeof names / sizeof names[0] && setlocale(LC_NUMERIC, names[i]) == NULL)
        i++;
    if (i == sizeof names / sizeof names[0])
        skip(); /* no locale with a decimal comma is installed */
    char text[NUM_TEXT_SIZE];
    num_format(7.5, text);
    double value = 0;
    bool parsed = num_parse("0.25", &value);
    bool comma_refused = !num_parse("0,25", &value);
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(text, "7.5");
    assert_true(parsed && value == 0.25);
    assert_true(comma_refused);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_takes_plain_decimals_only),
        cmocka_unit_test(test_parse_decimal_comma),
        cmocka_unit_test(test_format_is_shortest_round_trip),
        cmocka_unit_test(test_step_check),
        cmocka_unit_test(test_unit_after_one_reads_singular),
        cmocka_unit_test(test_numbers_ignore_the_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
