/* test_scores.c - composite scores: the mean of the group's signs logged that day. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "content.h"
#include "scores.h"

static int load_content(void **state)
{
    struct strlist problems = STRLIST_INIT;
    *state = content_load(CONTENT_SOURCE_DIR, NULL, &problems);
    strlist_release(&problems);
    return *state == NULL ? -1 : 0;
}

static int free_content(void **state)
{
    content_free(*state);
    return 0;
}

static void test_group_ids(void **state)
{
    const struct content *content = *state;
    long skin = scores_group_index(content, "skin");
    assert_true(skin >= 0);
    assert_int_equal(scores_group_index(content, "no-such-group"), -1);
    struct strlist ids = STRLIST_INIT;
    size_t added = scores_group_ids(content, (size_t)skin, &ids);
    assert_int_equal(added, ids.count);
    assert_true(strlist_find(&ids, "acne") >= 0);
    assert_true(strlist_find(&ids, "itch") >= 0);
    assert_int_equal(strlist_find(&ids, "bloating"), -1);
    strlist_release(&ids);
}

static void test_group_mean(void **state)
{
    const struct content *content = *state;
    size_t skin = (size_t)scores_group_index(content, "skin");
    size_t digestive = (size_t)scores_group_index(content, "digestive");
    size_t immune = (size_t)scores_group_index(content, "immune");
    struct day day;
    day_init(&day, "2026-03-01");
    day_set_reading(&day, "acne", 3);
    day_set_reading(&day, "itch", 0);
    day_set_reading(&day, "redness", 2);
    day_set_reading(&day, "bloating", 4);
    day_set_reading(&day, "sleep-hours", 8); /* a habit: in no group */
    double value = -1;
    assert_true(scores_group_mean(content, &day, skin, &value));
    assert_true(fabs(value - 5.0 / 3) < 1e-12);
    assert_true(scores_group_mean(content, &day, digestive, &value));
    assert_true(value == 4);
    value = -1;
    assert_false(scores_group_mean(content, &day, immune, &value));
    assert_true(value == -1);
    day_release(&day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_ids),
        cmocka_unit_test(test_group_mean),
    };
    return cmocka_run_group_tests(tests, load_content, free_content);
}
