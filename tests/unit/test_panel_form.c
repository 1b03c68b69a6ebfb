/* test_panel_form.c - numbers typed in place: taken as soon as no longer number could be a
 * value, waiting while one could, refused when none starts so. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ui/panel_form.h"

static void test_number_prefix(void **state)
{
    (void)state;
    struct form_field sleep = {.kind = FORM_NUMBER, .min = 0, .max = 14, .step = 0.5};
    assert_int_equal(form_number_prefix(&sleep, "7"), 2);   /* 7 or 7.5 */
    assert_int_equal(form_number_prefix(&sleep, "7."), -1); /* 7.5 is coming */
    assert_int_equal(form_number_prefix(&sleep, "7.5"), 1);
    assert_int_equal(form_number_prefix(&sleep, "1"), 2); /* 1, 1.5, 10... */
    assert_int_equal(form_number_prefix(&sleep, "14"), 1);
    assert_int_equal(form_number_prefix(&sleep, "15"), 0);
    assert_int_equal(form_number_prefix(&sleep, "7.2"), 0);
    struct form_field stress = {.kind = FORM_NUMBER, .min = 0, .max = 10, .step = 1};
    assert_int_equal(form_number_prefix(&stress, "3"), 1);
    assert_int_equal(form_number_prefix(&stress, "1"), 2);
    assert_int_equal(form_number_prefix(&stress, "10"), 1);
    assert_int_equal(form_number_prefix(&stress, "."), 0);
    struct form_field quality = {.kind = FORM_NUMBER, .min = 1, .max = 5, .step = 1};
    assert_int_equal(form_number_prefix(&quality, "0"), 0);
    assert_int_equal(form_number_prefix(&quality, "5"), 1);
    /* A range too wide to look through always waits for Enter. */
    struct form_field steps = {.kind = FORM_NUMBER, .min = 0, .max = 100000, .step = 1};
    assert_int_equal(form_number_prefix(&steps, "9"), 2);
    assert_int_equal(form_number_prefix(&steps, "x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_number_prefix)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
