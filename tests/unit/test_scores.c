/* test_scores.c - composite scores: the mean over all of a group's signs, a blank as none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "content.h"
#include "scores.h"
#include "testutil.h"

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
    day_init(&day, testutil_day("2026-03-01"));
    day_set_reading(&day, "acne", 3);
    day_set_reading(&day, "itch", 0);
    day_set_reading(&day, "redness", 2);
    day_set_reading(&day, "bloating", 4);
    day_set_reading(&day, "sleep-hours", 8); /* a habit: in no group */
    struct strlist ids = STRLIST_INIT;
    double skin_signs = (double)scores_group_ids(content, skin, &ids);
    double digestive_signs = (double)scores_group_ids(content, digestive, &ids);
    strlist_release(&ids);
    double value = -1;
    assert_true(scores_group_mean(content, &day, skin, &value));
    assert_true(fabs(value - 5.0 / skin_signs) < 1e-12);
    assert_true(scores_group_mean(content, &day, digestive, &value));
    assert_true(fabs(value - 4.0 / digestive_signs) < 1e-12);
    value = -1;
    assert_false(scores_group_mean(content, &day, immune, &value));
    assert_true(value == -1);
    day_release(&day);
}

/* The score measures the skin, not how thoroughly it was rated: acne 2 alone and acne 2 with
 * every other skin sign rated "none" are the same score, and so is a day where more signs are
 * tracked (rated 0) than on an earlier day. */
static void test_blank_is_none(void **state)
{
    const struct content *content = *state;
    size_t skin = (size_t)scores_group_index(content, "skin");
    struct strlist ids = STRLIST_INIT;
    size_t signs = scores_group_ids(content, skin, &ids);
    assert_true(signs >= 2);
    struct day terse, thorough, some;
    day_init(&terse, testutil_day("2026-03-01"));
    day_init(&thorough, testutil_day("2026-03-02"));
    day_init(&some, testutil_day("2026-03-03"));
    day_set_reading(&terse, "acne", 2);
    for (size_t i = 0; i < ids.count; i++) {
        double value = strcmp(ids.items[i], "acne") == 0 ? 2 : 0;
        day_set_reading(&thorough, ids.items[i], value);
        if (i < 2 || value > 0)
            day_set_reading(&some, ids.items[i], value);
    }
    double a = -1, b = -2, c = -3;
    assert_true(scores_group_mean(content, &terse, skin, &a));
    assert_true(scores_group_mean(content, &thorough, skin, &b));
    assert_true(scores_group_mean(content, &some, skin, &c));
    /* Hand computed: 2 / the number of skin signs, whatever else was rated. */
    assert_true(a == 2.0 / (double)signs);
    assert_true(b == a);
    assert_true(c == a);
    /* A blank day (nothing of the group rated) has no score: not a zero. */
    struct day blank;
    day_init(&blank, testutil_day("2026-03-04"));
    day_set_reading(&blank, "bloating", 1);
    double none = -1;
    assert_false(scores_group_mean(content, &blank, skin, &none));
    assert_true(none == -1);
    day_release(&blank);
    day_release(&terse);
    day_release(&thorough);
    day_release(&some);
    strlist_release(&ids);
}

/* The score from a per-sign array is the score from the day, to the bit, and leaves a group
 * with no sign rated untouched. */
static void test_mean_of_severities(void **state)
{
    const struct content *content = *state;
    double severities[256];
    assert_true(content->sign_count <= 256);
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    for (size_t i = 0; i < content->sign_count; i++) {
        severities[i] = NAN;
        if (i % 3 != 1)
            continue;
        severities[i] = (double)(i % 5) * 0.7;
        day_set_reading(&day, content->signs[i].id, severities[i]);
    }
    for (size_t g = 0; g < content->group_count; g++) {
        double from_day = -1, from_array = -1;
        bool rated = scores_group_mean(content, &day, g, &from_day);
        assert_int_equal(scores_group_mean_of(content, severities, g, &from_array), rated);
        assert_memory_equal(&from_day, &from_array, sizeof from_day);
    }
    for (size_t i = 0; i < content->sign_count; i++)
        severities[i] = NAN;
    double untouched = -1;
    assert_false(scores_group_mean_of(content, severities, 0, &untouched));
    assert_true(untouched == -1);
    day_release(&day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_ids),
        cmocka_unit_test(test_group_mean),
        cmocka_unit_test(test_blank_is_none),
        cmocka_unit_test(test_mean_of_severities),
    };
    return cmocka_run_group_tests(tests, load_content, free_content);
}
