/* test_factor_words.c - how each kind of factor reads: foods, categories, yes/no, amount, scale
 * and choice habits, group scores; and the threshold number they carry. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "factor_words.h"

static struct content_habit habit(const char *label, enum content_habit_kind kind, const char *unit,
                                  double min, double max)
{
    struct content_habit h;
    memset(&h, 0, sizeof h);
    h.id = "x";
    h.label = (char *)label;
    h.unit = (char *)unit;
    h.kind = kind;
    h.min = min;
    h.max = max;
    h.step = 1;
    return h;
}

static void assert_words(struct factor_words *w, const char *label, const char *words,
                         const char *days)
{
    assert_string_equal(w->label, label);
    assert_string_equal(w->words, words);
    assert_string_equal(w->days, days);
    factor_words_release(w);
    assert_null(w->label);
}

static void test_food_and_category(void **state)
{
    (void)state;
    struct factor_words w;
    factor_words_food(&w, "Kimchi");
    assert_int_equal(w.number_at, 0);
    assert_words(&w, "Kimchi", "Kimchi", "with kimchi");
    /* A capital inside the first word is a name's: left alone. */
    factor_words_food(&w, "McDonald's fries");
    assert_words(&w, "McDonald's fries", "McDonald's fries", "with McDonald's fries");
    factor_words_category(&w, "Fermented foods");
    assert_words(&w, "Fermented foods", "Any fermented foods", "with any fermented foods");
}

static void test_yes_no(void **state)
{
    (void)state;
    struct content_habit late = habit("Caffeine after 3 pm", CONTENT_HABIT_YES_NO, "", 0, 1);
    struct factor_words w;
    factor_words_done(&w, &late);
    assert_int_equal(w.number_at, 0);
    assert_words(&w, "Caffeine after 3 pm", "Caffeine after 3 pm", "with caffeine after 3 pm");
    /* The content's phrase, when it gives one, reads after "on days" and "after days". */
    struct content_habit period = habit("Period day", CONTENT_HABIT_YES_NO, "", 0, 1);
    period.when = "you had your period";
    factor_words_done(&w, &period);
    assert_words(&w, "Period day", "Period day", "you had your period");
    period.when = NULL;
    factor_words_done(&w, &period);
    assert_words(&w, "Period day", "Period day", "with period day");
}

static void test_amount(void **state)
{
    (void)state;
    struct content_habit sleep = habit("Sleep", CONTENT_HABIT_AMOUNT, "hours", 0, 14);
    struct factor_words w;
    factor_words_above(&w, &sleep, "7.5");
    /* The parts a narrow cell keeps: the name may be cut, never "7.5". */
    assert_int_equal(w.name_end, strlen("Sleep"));
    assert_int_equal(w.number_at, strlen("Sleep over "));
    assert_int_equal(w.unit_at, strlen("Sleep over 7.5"));
    assert_words(&w, "Sleep over 7.5 hours", "More sleep than usual (over 7.5 hours)",
                 "with more sleep than usual (over 7.5 hours)");
    /* One of a unit reads in the singular. */
    factor_words_above(&w, &sleep, "1");
    assert_string_equal(w.label, "Sleep over 1 hour");
    factor_words_release(&w);
    struct content_habit water = habit("Water", CONTENT_HABIT_AMOUNT, "glasses", 0, 20);
    factor_words_above(&w, &water, "1");
    assert_string_equal(w.label, "Water over 1 glass");
    factor_words_release(&w);
    factor_words_above(&w, &water, "1.5");
    assert_string_equal(w.label, "Water over 1.5 glasses");
    factor_words_release(&w);
    /* Above nothing at all: any of it, with no number to misread. */
    struct content_habit alcohol = habit("Alcohol", CONTENT_HABIT_AMOUNT, "drinks", 0, 20);
    factor_words_above(&w, &alcohol, "0");
    assert_int_equal(w.number_at, 0);
    assert_words(&w, "Any alcohol", "Any alcohol (more than 0 drinks)", "with any alcohol");
    /* An amount of the person's own with no unit. */
    struct content_habit pills = habit("Zinc", CONTENT_HABIT_AMOUNT, "", 0, 10);
    factor_words_above(&w, &pills, "2");
    assert_words(&w, "Zinc over 2", "More zinc than usual (over 2)",
                 "with more zinc than usual (over 2)");
}

static void test_scale(void **state)
{
    (void)state;
    struct content_habit stress = habit("Stress", CONTENT_HABIT_SCALE, "", 0, 10);
    struct factor_words w;
    factor_words_above(&w, &stress, "6");
    assert_int_equal(w.unit_at, strlen("Stress over 6"));
    assert_words(&w, "Stress over 6 of 10", "Higher stress than usual (over 6 on its 0-10 scale)",
                 "with higher stress than usual (over 6 on its 0-10 scale)");
}

static void test_choice(void **state)
{
    (void)state;
    char *words[] = {"Separate hard lumps",    "Lumpy, sausage-shaped",   "Sausage with cracks",
                     "Smooth, soft sausage",   "Soft blobs, clear edges", "Mushy, ragged pieces",
                     "Watery, no solid pieces"};
    struct content_habit form = habit("Stool form (Bristol)", CONTENT_HABIT_CHOICE, "", 1, 7);
    form.choices.items = words;
    form.choices.count = 7;
    struct factor_words w;
    factor_words_above(&w, &form, "4");
    assert_words(&w, "Stool form (Bristol) over 4",
                 "Stool form (Bristol) 5 or higher (5: Soft blobs, clear edges)",
                 "with stool form (Bristol) 5 or higher (5: Soft blobs, clear edges)");
    /* Between whole values: the next whole one (a day holds whole values only). */
    factor_words_above(&w, &form, "5.5");
    assert_string_equal(w.days, "with stool form (Bristol) 6 or higher (6: Mushy, ragged pieces)");
    factor_words_release(&w);
    /* No choice above it: the number as it is. */
    factor_words_above(&w, &form, "7");
    assert_words(&w, "Stool form (Bristol) over 7", "Stool form (Bristol) over 7",
                 "with stool form (Bristol) over 7");
}

static void test_score(void **state)
{
    (void)state;
    struct factor_words w;
    factor_words_score(&w, "Digestive", "0.8");
    assert_int_equal(w.number_at, strlen("Digestive score over "));
    assert_words(&w, "Digestive score over 0.8",
                 "Digestive symptoms higher than usual (score over 0.8)",
                 "when digestive symptoms were higher than usual (score over 0.8)");
    factor_words_score(&w, "Mood and energy", "0");
    assert_int_equal(w.number_at, 0);
    assert_words(&w, "Any mood and energy symptoms", "Any mood and energy symptoms (score over 0)",
                 "with any mood and energy symptoms");
}

/* The threshold shown splits the days exactly where the median does, in as few digits as that
 * allows: a median on a value (days at it are not above it) is rounded up, never down. */
static void test_threshold(void **state)
{
    (void)state;
    char out[NUM_TEXT_SIZE];
    const double sixths[] = {0, 1 / 6.0, 5 / 6.0, 5 / 6.0, 1, 7 / 6.0, NAN};
    factor_words_threshold(5 / 6.0, sixths, 7, out);
    assert_string_equal(out, "0.9"); /* not 0.833: 5/6 is above 0.833 but not above the median */
    const double sleep[] = {6, 7, 7.5, 8, 8.5};
    factor_words_threshold(7.5, sleep, 5, out);
    assert_string_equal(out, "7.5"); /* 8 would put the 8-hour days below */
    const double drinks[] = {0, 0, 0, 1, 2};
    factor_words_threshold(0, drinks, 5, out);
    assert_string_equal(out, "0");
    const double close[] = {0.12344, 0.12345, 0.12346};
    factor_words_threshold(0.12345, close, 3, out);
    assert_string_equal(out, "0.12345");
    const double servings[] = {0.5, 0.75, 0.8125, 1};
    factor_words_threshold(0.78125, servings, 4, out);
    assert_string_equal(out, "0.8");
    const double negative[] = {-1, -0.5, 0};
    factor_words_threshold(-0.5, negative, 3, out);
    assert_string_equal(out, "-0.5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_food_and_category),
        cmocka_unit_test(test_yes_no),
        cmocka_unit_test(test_amount),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
