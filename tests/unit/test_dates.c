/* test_dates.c - calendar arithmetic and date parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "dates.h"

static void test_epoch_and_known_days(void **state)
{
    (void)state;
    assert_int_equal(date_from_parts(1970, 1, 1), 0);
    assert_int_equal(date_from_parts(2000, 3, 1), 11017);
    assert_int_equal(date_from_parts(1969, 12, 31), -1);
    char text[DATE_TEXT_SIZE];
    date_format(20417, text); /* 20417 days after the epoch */
    assert_string_equal(text, "2025-11-25");
}

static void test_round_trip_over_centuries(void **state)
{
    (void)state;
    for (int number = date_from_parts(1600, 1, 1); number < date_from_parts(2400, 12, 31);
         number += 7) {
        int year, month, day;
        date_to_parts(number, &year, &month, &day);
        assert_int_equal(date_from_parts(year, month, day), number);
    }
}

static void test_parse_rejects_impossible(void **state)
{
    (void)state;
    int number;
    assert_true(date_parse("2024-02-29", &number));
    assert_false(date_parse("2025-02-29", &number));
    assert_false(date_parse("2025-13-01", &number));
    assert_false(date_parse("2025-1-01", &number));
    assert_false(date_parse("2025-01-01x", &number));
    assert_false(date_parse("", &number));
    assert_false(date_parse(NULL, &number));
    assert_false(date_parse("0999-01-01", &number));
    assert_false(date_parse("2025-04-31", &number));
}

static void test_relative(void **state)
{
    (void)state;
    int today = date_from_parts(2026, 3, 15), number;
    assert_true(date_parse_relative("today", today, &number));
    assert_int_equal(number, today);
    assert_true(date_parse_relative("yesterday", today, &number));
    assert_int_equal(number, today - 1);
    assert_true(date_parse_relative("-3", today, &number));
    assert_int_equal(number, today - 3);
    assert_true(date_parse_relative("+2", today, &number));
    assert_int_equal(number, today + 2);
    assert_false(date_parse_relative("-", today, &number));
    assert_false(date_parse_relative("soon", today, &number));
}

static void test_weeks_and_months(void **state)
{
    (void)state;
    int wednesday = date_from_parts(2026, 11, 25);
    assert_int_equal(date_weekday(wednesday), 2);
    assert_int_equal(date_week_start(wednesday), date_from_parts(2026, 11, 23));
    assert_int_equal(date_month_start(wednesday), date_from_parts(2026, 11, 1));
    assert_int_equal(date_add_months(wednesday, 2), date_from_parts(2027, 1, 1));
    assert_int_equal(date_add_months(wednesday, -11), date_from_parts(2025, 12, 1));
    assert_int_equal(date_weekday(date_from_parts(1969, 12, 29)), 0);
}

static void test_long_form(void **state)
{
    (void)state;
    char text[DATE_LONG_SIZE];
    date_format_long(date_from_parts(2026, 3, 15), text);
    assert_string_equal(text, "Sun 15 Mar 2026");
    date_format_long(date_from_parts(1000, 1, 1), text);
    assert_string_equal(text, "Wed 1 Jan 1000");
}

static void test_today_override(void **state)
{
    (void)state;
    setenv("GUTSKIN_TODAY", "2024-02-29", 1);
    assert_int_equal(date_today(), date_from_parts(2024, 2, 29));
    unsetenv("GUTSKIN_TODAY");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_known_days), cmocka_unit_test(test_round_trip_over_centuries),
        cmocka_unit_test(test_parse_rejects_impossible), cmocka_unit_test(test_relative),
        cmocka_unit_test(test_weeks_and_months), cmocka_unit_test(test_today_override), cmocka_unit_test(test_long_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
