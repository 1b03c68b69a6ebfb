/* test_day.c - the in-memory day: sorted readings and foods, notes, copies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "day.h"
#include "testutil.h"

static void test_readings_sorted_and_replaced(void **state)
{
    (void)state;
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "stress", 4);
    day_set_reading(&day, "acne", 2);
    day_set_reading(&day, "bloating", 1);
    day_set_reading(&day, "acne", 3);
    assert_int_equal(day.reading_count, 3);
    assert_string_equal(day.readings[0].id, "acne");
    assert_string_equal(day.readings[2].id, "stress");
    double value = 0;
    assert_true(day_get_reading(&day, "acne", &value));
    assert_true(value == 3);
    day_remove_reading(&day, "bloating");
    assert_false(day_get_reading(&day, "bloating", &value));
    assert_int_equal(day.reading_count, 2);
    day_remove_reading(&day, "not-there");
    assert_int_equal(day.reading_count, 2);
    day_release(&day);
}

static void test_empty_note_and_equality(void **state)
{
    (void)state;
    struct day a, b;
    day_init(&a, testutil_day("2026-03-01"));
    day_init(&b, testutil_day("2026-03-01"));
    assert_true(day_is_empty(&a));
    day_set_note(&a, "");
    assert_true(day_is_empty(&a));
    day_set_note(&a, "calm day");
    day_set_food(&a, "kimchi", 1);
    assert_false(day_is_empty(&a));
    assert_false(day_equal(&a, &b));
    day_copy(&b, &a);
    assert_true(day_equal(&a, &b));
    assert_string_equal(b.note, "calm day");
    day_set_food(&b, "kimchi", 2);
    assert_false(day_equal(&a, &b));
    day_release(&a);
    day_release(&b);
}

static void test_many_entries(void **state)
{
    (void)state;
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    char id[16];
    for (int i = 99; i >= 0; i--) {
        snprintf(id, sizeof id, "food-%03d", i);
        day_set_food(&day, id, i);
    }
    assert_int_equal(day.food_count, 100);
    for (size_t i = 1; i < day.food_count; i++)
        assert_true(strcmp(day.foods[i - 1].id, day.foods[i].id) < 0);
    double servings;
    assert_true(day_get_food(&day, "food-042", &servings));
    assert_true(servings == 42);
    day_release(&day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readings_sorted_and_replaced),
        cmocka_unit_test(test_empty_note_and_equality),
        cmocka_unit_test(test_many_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
