/* test_experiment.c - the n-of-1 analysis against values worked out by hand: the paired t
 * interval, the randomisation p enumerated for 3 pairs, the schedule, periods left out and the
 * adherence of "avoid" and "take" arms. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "journal.h"
#include "testutil.h"

#define NEAR(expected, actual, tolerance) assert_true(fabs((expected) - (actual)) < (tolerance))

static void test_t_critical(void **state)
{
    (void)state;
    /* Printed tables: t(0.975; 1) = 12.706, (3) = 3.182, (7) = 2.365, (1000) ~ 1.962. */
    NEAR(12.7062, experiment_t_critical(1), 1e-3);
    NEAR(3.18245, experiment_t_critical(3), 1e-4);
    NEAR(2.36462, experiment_t_critical(7), 1e-4);
    NEAR(1.96234, experiment_t_critical(1000), 1e-3);
}

static void test_paired_t_by_hand(void **state)
{
    (void)state;
    /* d = 1 2 3 6: mean 3; deviations -2 -1 0 3, squares 14, sd = sqrt(14/3) = 2.16025;
     * se = sd / 2 = 1.08012; half width 3.18245 * 1.08012 = 3.43743: interval -0.43743 to
     * 6.43743. t = 2.77746 on 3 df: with x = t / sqrt(3), p = 1 - (2/pi)(atan x + x/(1+x^2))
     * = 0.069137. */
    double d[] = {1, 2, 3, 6};
    struct experiment_paired out;
    assert_true(experiment_paired_t(d, 4, &out));
    NEAR(3.0, out.effect, 1e-12);
    NEAR(sqrt(14.0 / 3), out.sd, 1e-12);
    NEAR(-0.437435, out.ci_low, 1e-5);
    NEAR(6.437435, out.ci_high, 1e-5);
    NEAR(0.0691369, out.p_t, 1e-5);
    assert_false(experiment_paired_t(d, 1, &out));
    /* No spread: the interval is the point, p 0 for an effect, 1 for none. */
    double same[] = {0.5, 0.5, 0.5};
    assert_true(experiment_paired_t(same, 3, &out));
    NEAR(0.5, out.ci_low, 1e-12);
    NEAR(0.5, out.ci_high, 1e-12);
    NEAR(0.0, out.p_t, 1e-12);
}

static void test_randomisation_p_three_pairs(void **state)
{
    (void)state;
    /* d = 1 2 -0.5, observed sum 2.5. The 8 orders' sums: +++ 2.5, -++ 0.5, +-+ -1.5, --+ -3.5,
     * ++- 3.5, -+- 1.5, +-- -0.5, --- -2.5. |sum| >= 2.5: 2.5, -3.5, 3.5, -2.5: 4 of 8. */
    double d[] = {1, 2, -0.5};
    NEAR(0.5, experiment_randomisation_p(d, 3), 1e-12);
    /* d = 1 2 3: sums 6 4 2 0 0 -2 -4 -6; |sum| >= 6: 2 of 8. */
    double e[] = {1, 2, 3};
    NEAR(0.25, experiment_randomisation_p(e, 3), 1e-12);
    /* 4 pairs all the same way: the smallest p there is, 2/16. */
    double f[] = {1, 1.5, 0.7, 2};
    NEAR(0.125, experiment_randomisation_p(f, 4), 1e-12);
    /* Ties count as extreme: d = 1 -1 gives sums 0, 2, -2, 0, all >= 0. */
    double g[] = {1, -1};
    NEAR(1.0, experiment_randomisation_p(g, 2), 1e-12);
}

static struct experiment_plan plan_of(int pairs, int period_days, int washout, uint64_t seed)
{
    struct experiment_plan plan;
    memset(&plan, 0, sizeof plan);
    plan.change_kind = EXPERIMENT_AVOID_FOOD;
    snprintf(plan.change_id, sizeof plan.change_id, "milk");
    plan.outcome_kind = EXPERIMENT_OUTCOME_SIGN;
    snprintf(plan.outcome_id, sizeof plan.outcome_id, "acne");
    plan.pairs = pairs;
    plan.period_days = period_days;
    plan.washout_days = washout;
    plan.start_day = 20000;
    plan.seed = seed;
    plan.stopped_day = -1;
    return plan;
}

static void test_schedule(void **state)
{
    (void)state;
    struct experiment_plan plan = plan_of(4, 7, 2, 42);
    int with_count = 0;
    bool orders_differ = false;
    for (int pair = 0; pair < 4; pair++) {
        bool a = experiment_period_with(&plan, 2 * pair);
        bool b = experiment_period_with(&plan, 2 * pair + 1);
        assert_true(a != b); /* one of each in every pair */
        with_count += a + b;
        if (a != experiment_period_with(&plan, 0))
            orders_differ = true;
    }
    assert_int_equal(with_count, 4);
    (void)orders_differ;
    /* The same seed gives the same schedule; over many seeds both orders come up about evenly. */
    int first_with = 0;
    for (uint64_t seed = 0; seed < 1000; seed++) {
        struct experiment_plan p = plan_of(1, 7, 2, seed);
        first_with += experiment_period_with(&p, 0);
        assert_true(experiment_period_with(&p, 0) == experiment_period_with(&p, 0));
    }
    assert_in_range(first_with, 430, 570);
    assert_int_equal(experiment_period_start(&plan, 3), 20021);
    assert_int_equal(experiment_period_end(&plan, 3), 20027);
    assert_int_equal(experiment_last_day(&plan), 20055);
    int day_in = 0;
    assert_int_equal(experiment_period_of(&plan, 20023, &day_in), 3);
    assert_int_equal(day_in, 3);
    assert_int_equal(experiment_period_of(&plan, 19999, &day_in), -1);
    assert_int_equal(experiment_period_of(&plan, 20056, &day_in), -1);
}

static void test_check_plan(void **state)
{
    (void)state;
    struct error err;
    struct experiment_plan plan = plan_of(4, 7, 2, 1);
    assert_int_equal(experiment_check_plan(&plan, &err), 0);
    plan.period_days = 0;
    assert_int_equal(experiment_check_plan(&plan, &err), -1);
    plan = plan_of(4, 7, 7, 1);
    assert_int_equal(experiment_check_plan(&plan, &err), -1);
    plan = plan_of(0, 7, 2, 1);
    assert_int_equal(experiment_check_plan(&plan, &err), -1);
    plan = plan_of(EXPERIMENT_MAX_PAIRS + 1, 7, 2, 1);
    assert_int_equal(experiment_check_plan(&plan, &err), -1);
}

/* 2 pairs of 4 days, washout 1: 16 days. Outcome 3 on with days, 1 on without days, so every
 * difference is 2, plus 0.5 on the second pair's with period. */
static void test_analyse_by_hand(void **state)
{
    (void)state;
    struct experiment_plan plan = plan_of(2, 4, 1, 7);
    struct experiment_day days[16];
    for (int i = 0; i < 16; i++) {
        int period = i / 4;
        bool with = experiment_period_with(&plan, period);
        days[i].logged = true;
        days[i].agrees = 1;
        days[i].outcome = with ? 3 + (period >= 2 ? 0.5 : 0) : 1;
        if (i % 4 == 0)
            days[i].outcome = 100; /* washout: never counted */
    }
    struct experiment_result result;
    experiment_analyse(&plan, days, plan.start_day + 16, &result);
    assert_int_equal(result.pairs_complete, 2);
    assert_int_equal(result.periods_left_out, 0);
    assert_int_equal(result.periods[0].days_logged, 3);
    NEAR(2.0, result.differences[0], 1e-12);
    NEAR(2.5, result.differences[1], 1e-12);
    NEAR(2.25, result.effect, 1e-12);
    /* sd of 2, 2.5 = 0.353553, se 0.25, t(0.975; 1) 12.7062: 2.25 -+ 3.17655 */
    NEAR(2.25 - 3.176551, result.ci_low, 1e-4);
    NEAR(2.25 + 3.176551, result.ci_high, 1e-4);
    NEAR(0.5, result.p, 1e-12); /* sums 4.5 0.5 -0.5 -4.5: 2 of 4 */

    /* Today inside the last period: that pair is not complete, nothing is computed. */
    experiment_analyse(&plan, days, plan.start_day + 15, &result);
    assert_int_equal(result.pairs_complete, 1);
    assert_int_equal(result.periods[3].exclusion, EXPERIMENT_NOT_OVER);
    assert_true(isnan(result.effect));

    /* Period 1 with one measured day of three logged, period 2 with adherence 2/4 = 50%. */
    days[5].logged = days[6].logged = false;
    days[8].agrees = days[9].agrees = 0;
    experiment_analyse(&plan, days, plan.start_day + 16, &result);
    assert_int_equal(result.periods[1].exclusion, EXPERIMENT_FEW_DAYS);
    assert_int_equal(result.periods[1].days_logged, 1);
    assert_int_equal(result.periods[2].exclusion, EXPERIMENT_ADHERENCE);
    NEAR(0.5, result.periods[2].adherence, 1e-12);
    assert_int_equal(result.periods_left_out, 2);
    assert_int_equal(result.pairs_complete, 0);
}

static void test_adherence_of_arms(void **state)
{
    (void)state;
    struct content *content = testutil_load_content(CONTENT_SOURCE_DIR);
    struct experiment_plan plan = plan_of(1, 7, 2, 1);
    const struct content_food *food = &content->foods[0];
    snprintf(plan.change_id, sizeof plan.change_id, "%s", food->id);
    struct day day;
    day_init(&day, testutil_day("2026-03-01"));
    /* No food written down: cannot be judged either way. */
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), -1);
    day_set_food(&day, content->foods[1].id, 1);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), 1);  /* avoided */
    assert_int_equal(experiment_day_agrees(content, &plan, &day, false), 0); /* "have it" */
    day_set_food(&day, food->id, 1);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), 0);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, false), 1);
    plan.change_kind = EXPERIMENT_TAKE_FOOD;
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), 1);
    /* A category: any of its foods breaks "avoid". */
    plan.change_kind = EXPERIMENT_AVOID_CATEGORY;
    snprintf(plan.change_id, sizeof plan.change_id, "%s", content->categories[food->category].id);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), 0);
    day_remove_food(&day, food->id);
    int other_in_category = content->foods[1].category == food->category;
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), other_in_category ? 0 : 1);
    /* A habit: judged only when it has a reading. */
    plan.change_kind = EXPERIMENT_DO_HABIT;
    snprintf(plan.change_id, sizeof plan.change_id, "%s", content->habits[0].id);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), -1);
    day_set_reading(&day, content->habits[0].id, 1);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, true), 1);
    assert_int_equal(experiment_day_agrees(content, &plan, &day, false), 0);
    day_release(&day);
    content_free(content);
}

static void test_parse_change_and_outcome(void **state)
{
    (void)state;
    struct content *content = testutil_load_content(CONTENT_SOURCE_DIR);
    struct experiment_plan plan = plan_of(4, 7, 2, 1);
    struct error err;
    char text[200], change[160];
    snprintf(change, sizeof change, "avoid category:%s", content->categories[0].id);
    assert_int_equal(experiment_parse_change(content, change, &plan, &err), 0);
    assert_int_equal(plan.change_kind, EXPERIMENT_AVOID_CATEGORY);
    experiment_change_text(&plan, text, sizeof text);
    assert_string_equal(text, change);
    assert_int_equal(experiment_parse_change(content, "avoid food:no-such-food", &plan, &err), -1);
    assert_int_equal(err.kind, ERROR_INPUT);
    assert_non_null(strstr(err.message, "no-such-food"));
    assert_int_equal(experiment_parse_change(content, "eat more", &plan, &err), -1);
    assert_int_equal(err.kind, ERROR_USAGE);
    assert_int_equal(experiment_parse_outcome(content, content->groups[0].id, &plan, &err), 0);
    assert_int_equal(plan.outcome_kind, EXPERIMENT_OUTCOME_GROUP);
    snprintf(change, sizeof change, "sign:%s", content->signs[0].id);
    assert_int_equal(experiment_parse_outcome(content, change, &plan, &err), 0);
    assert_int_equal(plan.outcome_kind, EXPERIMENT_OUTCOME_SIGN);
    assert_int_equal(experiment_parse_outcome(content, "group:nope", &plan, &err), -1);
    content_free(content);
}

/* The change and the outcome name items by id or label, any case and accents (content.h's one
 * rule); a misspelt one gets "did you mean". */
static void test_parse_labels(void **state)
{
    (void)state;
    struct content *content = testutil_load_content(CONTENT_SOURCE_DIR);
    struct experiment_plan plan = plan_of(4, 7, 2, 1);
    struct error err;
    assert_int_equal(experiment_parse_change(content, "avoid category:FOODS TO LIMIT", &plan, &err),
                     0);
    assert_string_equal(plan.change_id, "limit");
    assert_int_equal(experiment_parse_change(content, "take food:Kéfir", &plan, &err), 0);
    assert_string_equal(plan.change_id, "kefir");
    assert_int_equal(plan.change_kind, EXPERIMENT_TAKE_FOOD);
    assert_int_equal(experiment_parse_change(content, "do habit:sleep", &plan, &err), 0);
    assert_string_equal(plan.change_id, "sleep-hours");
    assert_int_equal(experiment_parse_outcome(content, "breakouts", &plan, &err), 0);
    assert_string_equal(plan.outcome_id, "acne");
    assert_int_equal(plan.outcome_kind, EXPERIMENT_OUTCOME_SIGN);
    assert_int_equal(experiment_parse_outcome(content, "group:DIGESTIVE", &plan, &err), 0);
    assert_string_equal(plan.outcome_id, "digestive");
    assert_int_equal(plan.outcome_kind, EXPERIMENT_OUTCOME_GROUP);
    assert_int_equal(experiment_parse_outcome(content, "Breakots", &plan, &err), -1);
    assert_string_equal(err.message,
                        "--outcome: unknown sign or group 'Breakots'; did you mean 'acne' "
                        "(Breakouts)?");
    assert_int_equal(experiment_parse_change(content, "take food:kefri", &plan, &err), -1);
    assert_string_equal(err.message, "--change: unknown food 'kefri'; did you mean 'kefir'?");
    content_free(content);
}

static void test_journal_store(void **state)
{
    (void)state;
    char *dir = testutil_make_temp_dir();
    struct journal *journal = testutil_open_journal(dir);
    struct error err;
    struct experiment_plan plan = plan_of(3, 10, 3, UINT64_C(0xFEDCBA9876543210));
    struct experiment_plan *plans;
    size_t count;
    assert_int_equal(journal_list_experiments(journal, &plans, &count, &err), 0);
    assert_int_equal(count, 0);
    free(plans);
    assert_int_equal(journal_add_experiment(journal, &plan, &err), 0);
    assert_true(plan.id > 0);
    assert_int_equal(journal_list_experiments(journal, &plans, &count, &err), 0);
    assert_int_equal(count, 1);
    /* Every field comes back, the seed's top bit included. */
    assert_int_equal(plans[0].id, plan.id);
    assert_string_equal(plans[0].change_id, "milk");
    assert_int_equal(plans[0].change_kind, EXPERIMENT_AVOID_FOOD);
    assert_int_equal(plans[0].outcome_kind, EXPERIMENT_OUTCOME_SIGN);
    assert_int_equal(plans[0].pairs, 3);
    assert_int_equal(plans[0].period_days, 10);
    assert_int_equal(plans[0].washout_days, 3);
    assert_int_equal(plans[0].start_day, 20000);
    assert_true(plans[0].seed == UINT64_C(0xFEDCBA9876543210));
    assert_int_equal(plans[0].stopped_day, -1);
    free(plans);
    assert_int_equal(journal_stop_experiment(journal, plan.id, 20005, &err), 0);
    assert_int_equal(journal_stop_experiment(journal, plan.id, 20006, &err), -1);
    assert_int_equal(err.kind, ERROR_INPUT);
    assert_int_equal(journal_list_experiments(journal, &plans, &count, &err), 0);
    assert_int_equal(plans[0].stopped_day, 20005);
    assert_int_equal(experiment_status_of(&plans[0], 20001), EXPERIMENT_STOPPED);
    free(plans);
    journal_close(journal);
    testutil_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_t_critical),
        cmocka_unit_test(test_paired_t_by_hand),
        cmocka_unit_test(test_randomisation_p_three_pairs),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_check_plan),
        cmocka_unit_test(test_analyse_by_hand),
        cmocka_unit_test(test_adherence_of_arms),
        cmocka_unit_test(test_parse_change_and_outcome),
        cmocka_unit_test(test_parse_labels),
        cmocka_unit_test(test_journal_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
