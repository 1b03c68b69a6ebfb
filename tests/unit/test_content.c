/* test_content.c - the content loader: shipped files, every kind of problem, overlays, lookups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command_run.h"
#include "commands.h"
#include "content.h"
#include "strlist.h"
#include "testutil.h"
#include "xalloc.h"

/* A minimal valid content folder; the cases below break one file at a time. */
#define FOODS_HEAD                                                                                 \
    "categories:\n"                                                                                \
    "  - id: probiotic\n"                                                                          \
    "    name: Probiotic-rich foods\n"                                                             \
    "    summary: Live cultures.\n"                                                                \
    "    benefits: [Calmer skin]\n"                                                                \
    "    evidence: being-studied\n"                                                                \
    "foods:\n"
#define KIMCHI                                                                                     \
    "  - id: kimchi\n"                                                                             \
    "    name: Kimchi\n"                                                                           \
    "    category: probiotic\n"                                                                    \
    "    plant: true\n"                                                                            \
    "    why: Fermented.\n"
#define HABIT_HEAD                                                                                 \
    "habits:\n"                                                                                    \
    "  - id: h\n"                                                                                  \
    "    label: H\n"

#define SIGNS_HEAD                                                                                 \
    "groups:\n  - id: skin\n    name: Skin\n    summary: S\nsigns:\n  - id: acne\n"                \
    "    label: Breakouts\n    group: skin\n"
#define ABOUT_HEAD "sections:\n  - heading: H\n    text: T\ncaution: C\n"

#define KIMCHI_DETOX                                                                               \
    "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n    plant: true\n"                 \
    "    why: A detox food.\n"

static const char *const minimal_foods = FOODS_HEAD KIMCHI;
static const char *const minimal_signs = "groups:\n"
                                         "  - id: skin\n"
                                         "    name: Skin\n"
                                         "    summary: The skin.\n"
                                         "signs:\n"
                                         "  - id: acne\n"
                                         "    label: Breakouts\n"
                                         "    group: skin\n"
                                         "    explanation: Spots.\n"
                                         "    see_doctor: See a doctor if they scar.\n"
                                         "    evidence: some-evidence\n";
static const char *const minimal_lifestyle = "habits:\n"
                                             "  - id: sleep-hours\n"
                                             "    label: Sleep\n"
                                             "    kind: amount\n"
                                             "    unit: hours\n"
                                             "    min: 0\n"
                                             "    max: 14\n"
                                             "    step: 0.5\n"
                                             "    direction: 1\n"
                                             "  - id: probiotic-taken\n"
                                             "    label: Probiotic taken\n"
                                             "    kind: yes-no\n"
                                             "    when: you took a probiotic\n"
                                             "interventions:\n"
                                             "  - id: sleep\n"
                                             "    name: Improve sleep\n"
                                             "    summary: Sleep matters.\n"
                                             "    strategies:\n"
                                             "      - Keep a consistent bedtime\n"
                                             "    habits: [sleep-hours]\n"
                                             "    evidence: being-studied\n";
static const char *const minimal_about = "sections:\n"
                                         "  - heading: What is it?\n"
                                         "    text: |\n"
                                         "      Text.\n"
                                         "caution: Not medical advice.\n";

static void put_file(const char *dir, const char *name, const char *text)
{
    free(testutil_write_file(dir, name, text));
}

static char *make_minimal_dir(void)
{
    char *dir = testutil_make_temp_dir();
    put_file(dir, "foods.yaml", minimal_foods);
    put_file(dir, "signs.yaml", minimal_signs);
    put_file(dir, "lifestyle.yaml", minimal_lifestyle);
    put_file(dir, "about.yaml", minimal_about);
    return dir;
}

/* `pattern` with every '@' replaced by `dir`. */
static char *expand(const char *pattern, const char *dir)
{
    char *text = xstrdup("");
    for (const char *at; (at = strchr(pattern, '@')) != NULL; pattern = at + 1) {
        char *longer = xprintf("%s%.*s%s", text, (int)(at - pattern), pattern, dir);
        free(text);
        text = longer;
    }
    char *full = xprintf("%s%s", text, pattern);
    free(text);
    return full;
}

static void print_problems(const struct strlist *problems)
{
    for (size_t i = 0; i < problems->count; i++)
        print_message("problem: %s\n", problems->items[i]);
}

/* Both entry points must report exactly `expected` and nothing else. */
static void assert_single_problem(const char *dir, const char *expected)
{
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT;
    size_t count = content_check_dir(dir, &summaries, &problems);
    print_problems(&problems);
    assert_int_equal(count, 1);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0], expected);
    strlist_release(&problems);
    struct content *content = content_load(dir, NULL, &problems);
    assert_null(content);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0], expected);
    strlist_release(&problems);
    strlist_release(&summaries);
}

struct bad_case {
    const char *file;
    const char *text;     /* NULL: the file is removed */
    const char *expected; /* '@' stands for the folder */
};

static const struct bad_case bad_cases[] = {
    {"signs.yaml",
     "groups:\n  - id: skin\n    name: Skin\n    short: Skinny\n    summary: The skin.\n"
     "signs:\n  - id: acne\n    label: Breakouts\n    group: skin\n    explanation: Spots.\n"
     "    see_doctor: See a doctor if they scar.\n    evidence: some-evidence\n",
     "@/signs.yaml:4:12: short name 'Skinny' is wider than 4 columns"},
    {"foods.yaml", "foods: a: b\n",
     "@/foods.yaml:1:9: YAML syntax error: mapping values are not allowed in this context"},
    {"foods.yaml", "- 1\n", "@/foods.yaml:1:1: expected a mapping at top level"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    colour: red\n    category: probiotic\n"
                "    plant: true\n    why: Fermented.\n",
     "@/foods.yaml:10:5: unknown key 'colour' in food (expected id, name, category, plant, why)"},
    {"foods.yaml", FOODS_HEAD KIMCHI "extra: 1\n",
     "@/foods.yaml:13:1: unknown key 'extra' at top level (expected categories, foods)"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n"
                "    plant: true\n",
     "@/foods.yaml:8:5: missing required field 'why' in food"},
    {"foods.yaml", "categories: []\n",
     "@/foods.yaml:1:1: missing required field 'foods' at top level"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: [a]\n    category: probiotic\n"
                "    plant: true\n    why: W\n",
     "@/foods.yaml:9:11: expected a string for 'name'"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n"
                "    plant: true\n    why: \"\"\n",
     "@/foods.yaml:12:10: 'why' must not be empty"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n"
                "    plant: yes\n    why: W\n",
     "@/foods.yaml:11:12: expected true or false for 'plant'"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n"
                "    plant: \"true\"\n    why: W\n",
     "@/foods.yaml:11:12: expected true or false for 'plant'"},
    {"foods.yaml",
     "categories:\n  - id: p\n    name: P\n    summary: S\n    benefits: Calmer skin\n"
     "    evidence: established\nfoods: []\n",
     "@/foods.yaml:5:15: expected a list for 'benefits'"},
    {"foods.yaml",
     "categories:\n  - id: p\n    name: P\n    summary: S\n    benefits: [[a]]\n"
     "    evidence: established\nfoods: []\n",
     "@/foods.yaml:5:16: expected a string in 'benefits'"},
    {"foods.yaml", "categories: []\nfoods:\n  - kimchi\n",
     "@/foods.yaml:3:5: expected a mapping for each item of 'foods'"},
    {"foods.yaml", "categories: []\nfoods: kimchi\n",
     "@/foods.yaml:2:8: expected a list for 'foods'"},
    {"foods.yaml", FOODS_HEAD KIMCHI KIMCHI,
     "@/foods.yaml:13:9: duplicate food id 'kimchi' (first defined at line 8)"},
    {"foods.yaml",
     FOODS_HEAD "  - id: Kimchi\n    name: Kimchi\n    category: probiotic\n"
                "    plant: true\n    why: W\n",
     "@/foods.yaml:8:9: invalid id 'Kimchi' (use 1 to 48 lowercase letters, digits or '-')"},
    {"foods.yaml",
     FOODS_HEAD "  - id: a123456789b123456789c123456789d123456789e12345678\n    name: N\n"
                "    category: probiotic\n    plant: true\n    why: W\n",
     "@/foods.yaml:8:9: invalid id 'a123456789b123456789c123456789d123456789e12345678' (use 1 to "
     "48 lowercase letters, digits or '-')"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotics\n"
                "    plant: true\n    why: W\n",
     "@/foods.yaml:10:15: unknown category 'probiotics'"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    name: Kimchi again\n"
                "    category: probiotic\n    plant: true\n    why: W\n",
     "@/foods.yaml:10:5: duplicate key 'name' (first at line 9)"},
    {"foods.yaml",
     FOODS_HEAD "  - id: kimchi\n    name: Kim\xff"
                "chi\n",
     "@/foods.yaml:9:14: text is not valid UTF-8 (invalid leading UTF-8 octet 0xFF)"},
    {"foods.yaml", FOODS_HEAD "  - id: kimchi\n    name: Caf\xc3\xa9\xc3",
     "@/foods.yaml:9:15: text is not valid UTF-8 (incomplete UTF-8 octet sequence)"},
    {"foods.yaml", FOODS_HEAD "  - id: kimchi\n    name: a\x1b[31mb\n",
     "@/foods.yaml:9:12: control characters are not allowed (0x1B)"},
    {"foods.yaml", "categories: &c []\nfoods: *c\n",
     "@/foods.yaml:2:8: aliases are not allowed in content files"},
    {"foods.yaml", "foods: [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]\ncategories: []\n",
     "@/foods.yaml:1:23: nesting deeper than 16 levels is not allowed"},
    {"signs.yaml",
     "groups:\n  - id: skin\n    name: Skin\n    summary: S\nsigns:\n  - id: acne\n"
     "    label: Breakouts\n    group: skn\n    explanation: E\n    see_doctor: D\n"
     "    evidence: established\n",
     "@/signs.yaml:8:12: unknown group 'skn'"},
    {"signs.yaml", NULL, "@/signs.yaml: cannot open: No such file or directory"},
    /* the doctor line, the evidence level and the sources */
    {"signs.yaml", SIGNS_HEAD "    explanation: E\n    evidence: established\n",
     "@/signs.yaml:6:5: missing required field 'see_doctor' in sign"},
    {"signs.yaml",
     SIGNS_HEAD "    explanation: E\n    see_doctor: \"\"\n    evidence: established\n",
     "@/signs.yaml:10:17: 'see_doctor' must not be empty"},
    {"signs.yaml",
     SIGNS_HEAD "    explanation: E\n    see_doctor: [a]\n    evidence: established\n",
     "@/signs.yaml:10:17: expected a string for 'see_doctor'"},
    {"signs.yaml", SIGNS_HEAD "    explanation: E\n    see_doctor: D\n",
     "@/signs.yaml:6:5: missing required field 'evidence' in sign"},
    {"signs.yaml", SIGNS_HEAD "    explanation: E\n    see_doctor: D\n    evidence: strong\n",
     "@/signs.yaml:11:15: unknown evidence level 'strong' (expected established, some-evidence, "
     "being-studied or little-evidence)"},
    {"signs.yaml", SIGNS_HEAD "    explanation: E\n    see_doctor: D\n    evidence:\n",
     "@/signs.yaml:11:14: 'evidence' must not be empty"},
    {"signs.yaml",
     SIGNS_HEAD "    explanation: E\n    see_doctor: D\n    evidence: established\n"
                "    sources: [salem-2018]\n",
     "@/signs.yaml:12:15: unknown source 'salem-2018'"},
    {"foods.yaml",
     "categories:\n  - id: p\n    name: P\n    summary: S\n    benefits: [B]\nfoods: []\n",
     "@/foods.yaml:2:5: missing required field 'evidence' in category"},
    {"lifestyle.yaml",
     "habits: []\ninterventions:\n  - id: i\n    name: N\n    summary: S\n    strategies: [a]\n"
     "    evidence: proven\n",
     "@/lifestyle.yaml:7:15: unknown evidence level 'proven' (expected established, some-evidence, "
     "being-studied or little-evidence)"},
    {"about.yaml", ABOUT_HEAD "sources:\n  - id: salem-2018\n    author: Salem I\n    year: 2018\n",
     "@/about.yaml:6:5: missing required field 'title' in source"},
    {"about.yaml",
     ABOUT_HEAD "sources:\n  - id: salem-2018\n    author: Salem I\n    year: 2018.5\n"
                "    title: T\n",
     "@/about.yaml:8:11: year must be a whole number such as 2018"},
    {"about.yaml",
     ABOUT_HEAD "sources:\n  - id: a\n    author: A\n    year: 2018\n    title: T\n"
                "  - id: a\n    author: B\n    year: 2019\n    title: U\n",
     "@/about.yaml:10:9: duplicate source id 'a' (first defined at line 6)"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 1\n    max: five\n    step: 1\n"
                "interventions: []\n",
     "@/lifestyle.yaml:6:10: expected a number for 'max'"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 1\n    max: 0x10\n    step: 1\n"
                "interventions: []\n",
     "@/lifestyle.yaml:6:10: expected a number for 'max'"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 5\n    max: 5\n    step: 1\n"
                "interventions: []\n",
     "@/lifestyle.yaml:6:10: max (5) must be greater than min (5)"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 0\n    max: 5\n    step: 0\n"
                "interventions: []\n",
     "@/lifestyle.yaml:7:11: step (0) must be greater than 0"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 0\n    max: 5\n    step: 6\n"
                "interventions: []\n",
     "@/lifestyle.yaml:7:11: step (6) must not be larger than max - min (5)"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: yes-no\n    direction: 2\n    when: w\ninterventions: []\n",
     "@/lifestyle.yaml:5:16: direction must be -1, 0 or 1"},
    {"lifestyle.yaml", HABIT_HEAD "    kind: rating\ninterventions: []\n",
     "@/lifestyle.yaml:4:11: unknown habit kind 'rating' (expected amount, scale, yes-no or "
     "choice)"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    unit: points\n    min: 0\n    max: 5\n"
                "    step: 1\ninterventions: []\n",
     "@/lifestyle.yaml:5:5: 'unit' is only for amount habits"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: amount\n    min: 0\n    max: 5\n    step: 1\n"
                "interventions: []\n",
     "@/lifestyle.yaml:2:5: missing required field 'unit' in habit (amount habits need it)"},
    {"lifestyle.yaml", HABIT_HEAD "    kind: yes-no\n    max: 1\n    when: w\ninterventions: []\n",
     "@/lifestyle.yaml:5:5: 'max' is only for amount and scale habits"},
    {"lifestyle.yaml", HABIT_HEAD "    kind: yes-no\ninterventions: []\n",
     "@/lifestyle.yaml:2:5: missing required field 'when' in habit (shipped yes-no habits need "
     "it)"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: scale\n    min: 0\n    max: 5\n    step: 1\n    when: w\n"
                "interventions: []\n",
     "@/lifestyle.yaml:8:5: 'when' is only for yes-no habits"},
    {"lifestyle.yaml", HABIT_HEAD "    kind: yes-no\n    when: \"\"\ninterventions: []\n",
     "@/lifestyle.yaml:5:11: 'when' must not be empty"},
    {"lifestyle.yaml",
     HABIT_HEAD "    kind: yes-no\n    when: On days you took it\ninterventions: []\n",
     "@/lifestyle.yaml:5:11: 'when' follows \"on days\" or \"after days\": write it without "
     "\"on days\" (\"you took a probiotic\")"},
    {"lifestyle.yaml",
     "habits: []\ninterventions:\n  - id: i\n    name: N\n    summary: S\n    strategies: []\n"
     "    evidence: established\n",
     "@/lifestyle.yaml:6:17: 'strategies' must not be empty"},
    {"lifestyle.yaml",
     "habits: []\ninterventions:\n  - id: i\n    name: N\n    summary: S\n"
     "    strategies: [a]\n    habits: [sleep]\n    evidence: established\n",
     "@/lifestyle.yaml:7:14: unknown habit 'sleep'"},
    {"lifestyle.yaml",
     "habits:\n  - id: acne\n    label: A\n    kind: yes-no\n    when: w\ninterventions: []\n",
     "@/lifestyle.yaml:2:9: duplicate metric id 'acne' (already a sign at @/signs.yaml:6; signs "
     "and habits share ids)"},
    {"about.yaml", "", "@/about.yaml:1:1: file is empty"},
    {"about.yaml", "# nothing yet\n", "@/about.yaml:1:1: file is empty"},
    {"about.yaml", "sections: []\ncaution: C\n", "@/about.yaml:1:11: 'sections' must not be empty"},
    {"about.yaml", "sections:\n  - heading: H\n    text: T\ncaution: C\n---\nx: 1\n",
     "@/about.yaml:5:1: only one YAML document is allowed in a file"},
};

static void test_each_problem_is_reported_exactly(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *bad = &bad_cases[i];
        print_message("case %zu: %s\n", i, bad->expected);
        char *dir = make_minimal_dir();
        if (bad->text != NULL) {
            put_file(dir, bad->file, bad->text);
        } else {
            char *path = xprintf("%s/%s", dir, bad->file);
            unlink(path);
            free(path);
        }
        char *expected = expand(bad->expected, dir);
        assert_single_problem(dir, expected);
        free(expected);
        testutil_remove_tree(dir);
        free(dir);
    }
}

static void test_minimal_folder_loads(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT;
    assert_int_equal(content_check_dir(dir, &summaries, &problems), 0);
    assert_int_equal(summaries.count, 4);
    assert_string_equal(summaries.items[0], "foods.yaml: 1 category, 1 food");
    assert_string_equal(summaries.items[2], "lifestyle.yaml: 2 habits, 1 intervention");
    assert_string_equal(summaries.items[3], "about.yaml: 1 section");
    struct content *content = content_load(dir, NULL, &problems);
    print_problems(&problems);
    assert_non_null(content);
    assert_int_equal(problems.count, 0);
    assert_int_equal(content->categories[0].food_count, 1);
    assert_false(content->categories[0].limit);
    assert_string_equal(content->categories[0].benefits.items[0], "Calmer skin");
    assert_true(content->foods[0].plant);
    assert_string_equal(content->about[0].text, "Text."); /* no trailing line break */
    assert_string_equal(content->caution, "Not medical advice.");
    assert_string_equal(content->groups[0].short_name, "Skin"); /* the name's start */
    const struct content_habit *taken = content_find_habit(content, "probiotic-taken");
    assert_non_null(taken);
    assert_int_equal(taken->kind, CONTENT_HABIT_YES_NO);
    assert_string_equal(taken->unit, "");
    assert_true(taken->min == 0 && taken->max == 1 && taken->step == 1);
    assert_string_equal(taken->when, "you took a probiotic");
    assert_null(content_find_habit(content, "sleep-hours")->when);
    assert_int_equal(content_find_habit(content, "sleep-hours")->direction, 1);
    assert_string_equal(content->interventions[0].habits.items[0], "sleep-hours");
    content_free(content);
    strlist_release(&summaries);
    testutil_remove_tree(dir);
    free(dir);
}

static void test_lookups_and_metrics(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(dir, NULL, &problems);
    assert_non_null(content);
    assert_string_equal(content_find_food(content, "kimchi")->name, "Kimchi");
    assert_null(content_find_food(content, "kimch"));
    assert_string_equal(content_find_category(content, "probiotic")->name, "Probiotic-rich foods");
    assert_string_equal(content_find_group(content, "skin")->name, "Skin");
    assert_string_equal(content_find_sign(content, "acne")->label, "Breakouts");
    assert_string_equal(content_find_intervention(content, "sleep")->name, "Improve sleep");
    assert_null(content_find_sign(content, "sleep-hours"));
    double min = -1, max = -1, step = -1;
    assert_true(content_metric_range(content, "acne", &min, &max, &step));
    assert_true(min == 0 && max == 4 && step == 1);
    assert_true(content_metric_range(content, "sleep-hours", &min, &max, &step));
    assert_true(min == 0 && max == 14 && step == 0.5);
    assert_false(content_metric_range(content, "kimchi", &min, &max, &step));
    assert_string_equal(content_metric_label(content, "acne"), "Breakouts");
    assert_string_equal(content_metric_label(content, "sleep-hours"), "Sleep");
    assert_null(content_metric_label(content, "nothing"));
    assert_string_equal(content_severity_word(0), "none");
    assert_string_equal(content_severity_word(4), "very severe");
    assert_string_equal(content_severity_word(5), "");
    assert_string_equal(content_severity_word(-1), "");
    content_free(content);
    testutil_remove_tree(dir);
    free(dir);
}

static void test_shipped_content_loads(void **state)
{
    (void)state;
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT;
    size_t count = content_check_dir(CONTENT_SOURCE_DIR, &summaries, &problems);
    print_problems(&problems);
    assert_int_equal(count, 0);
    assert_int_equal(summaries.count, 4);
    struct content *content = content_load(CONTENT_SOURCE_DIR, NULL, &problems);
    assert_non_null(content);
    assert_true(content->category_count > 0 && content->food_count > 0);
    assert_true(content->sign_count > 0 && content->habit_count > 0);
    assert_true(content->about_count > 0 && content->caution[0] != '\0');
    size_t counted = 0;
    for (size_t i = 0; i < content->category_count; i++)
        counted += content->categories[i].food_count;
    assert_int_equal(counted, content->food_count);
    for (size_t i = 0; i < content->sign_count; i++)
        assert_true(content->signs[i].group < content->group_count);
    /* Every shipped yes/no habit says how it reads in a sentence. */
    for (size_t i = 0; i < content->habit_count; i++)
        assert_true((content->habits[i].when != NULL) ==
                    (content->habits[i].kind == CONTENT_HABIT_YES_NO));
    for (size_t i = 0; i < content->intervention_count; i++)
        for (size_t j = 0; j < content->interventions[i].habits.count; j++)
            assert_non_null(content_find_habit(content, content->interventions[i].habits.items[j]));
    content_free(content);
    strlist_release(&summaries);
}

/* Every sign says when to see a doctor; every category, sign and intervention has a level of
 * evidence, and every source it cites is listed; the shipped text has no overclaiming words. */
static void test_shipped_content_is_as_sure_as_its_evidence(void **state)
{
    (void)state;
    struct strlist problems = STRLIST_INIT, warnings = STRLIST_INIT;
    struct content *content = content_load(CONTENT_SOURCE_DIR, NULL, &problems);
    assert_non_null(content);
    assert_true(content->source_count > 0);
    for (size_t i = 0; i < content->sign_count; i++) {
        const struct content_sign *sign = &content->signs[i];
        print_message("sign %s\n", sign->id);
        assert_true(strstr(sign->see_doctor, "doctor") != NULL ||
                    strstr(sign->see_doctor, "help") != NULL);
        assert_string_not_equal(content_evidence_name(sign->evidence), "");
        assert_int_not_equal(sign->evidence, CONTENT_EVIDENCE_NONE);
        for (size_t j = 0; j < sign->sources.count; j++)
            assert_non_null(content_find_source(content, sign->sources.items[j]));
    }
    for (size_t i = 0; i < content->category_count; i++) {
        assert_string_not_equal(content_evidence_name(content->categories[i].evidence), "");
        for (size_t j = 0; j < content->categories[i].sources.count; j++)
            assert_non_null(content_find_source(content, content->categories[i].sources.items[j]));
    }
    for (size_t i = 0; i < content->intervention_count; i++) {
        assert_string_not_equal(content_evidence_name(content->interventions[i].evidence), "");
        for (size_t j = 0; j < content->interventions[i].sources.count; j++)
            assert_non_null(
                content_find_source(content, content->interventions[i].sources.items[j]));
    }
    /* Taking a probiotic is not "more is better": like antibiotics, it is neutral. */
    assert_int_equal(content_find_habit(content, "probiotic-taken")->direction, 0);
    assert_int_equal(content_find_habit(content, "antibiotics")->direction, 0);
    assert_int_equal(content_check_words(CONTENT_SOURCE_DIR, &warnings), 0);
    content_free(content);
    strlist_release(&warnings);
}

static void test_overclaiming_words_warn(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    put_file(dir, "foods.yaml",
             FOODS_HEAD "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n"
                        "    plant: true\n    why: >-\n      A healthy food that cures\n"
                        "      acne and boosts your immune system.\n");
    put_file(dir, "lifestyle.yaml",
             "habits: []\ninterventions:\n  - id: i\n    name: N\n"
             "    summary: Unproven, not healing; a CURE.\n"
             "    strategies: [Detox weekly]\n    evidence: established\n");
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT, warnings = STRLIST_INIT;
    assert_int_equal(content_check_dir(dir, &summaries, &problems), 0); /* warnings only */
    assert_int_equal(content_check_words(dir, &warnings), 5);
    const char *expected[] = {
        "@/foods.yaml:13:27: warning: 'cures' claims more than the evidence shows: say what is "
        "known (\"may help\", \"is being studied\") or use another word",
        "@/foods.yaml:14:16: warning: 'boosts' claims more than the evidence shows: say what is "
        "known (\"may help\", \"is being studied\") or use another word",
        "@/lifestyle.yaml:5:28: warning: 'healing' claims more than the evidence shows: say what "
        "is known (\"may help\", \"is being studied\") or use another word",
        "@/lifestyle.yaml:5:39: warning: 'cure' claims more than the evidence shows: say what is "
        "known (\"may help\", \"is being studied\") or use another word",
        "@/lifestyle.yaml:6:18: warning: 'detox' claims more than the evidence shows: say what is "
        "known (\"may help\", \"is being studied\") or use another word",
    };
    for (size_t i = 0; i < 5; i++) {
        char *line = expand(expected[i], dir);
        print_message("warning: %s\n", warnings.items[i]);
        assert_string_equal(warnings.items[i], line);
        free(line);
    }
    strlist_release(&summaries);
    strlist_release(&problems);
    strlist_release(&warnings);
    testutil_remove_tree(dir);
    free(dir);
}

/* A file full of the words gets 100 warnings and a line saying the rest were left out. */
static void test_overclaiming_words_are_capped(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    char *about = xstrdup("sections:\n");
    for (int i = 0; i < 150; i++) {
        char *longer = xprintf("%s  - heading: H\n    text: A cure.\n", about);
        free(about);
        about = longer;
    }
    char *full = xprintf("%scaution: C\n", about);
    put_file(dir, "about.yaml", full);
    struct strlist warnings = STRLIST_INIT;
    assert_int_equal(content_check_words(dir, &warnings), 101);
    assert_string_equal(warnings.items[100], "too many warnings: only the first 100 are shown");
    char *last = expand("@/about.yaml:201:13: warning: 'cure'", dir);
    assert_true(strncmp(warnings.items[99], last, strlen(last)) == 0);
    free(last);
    strlist_release(&warnings);
    free(full);
    free(about);
    testutil_remove_tree(dir);
    free(dir);
}

static void test_overlay_replaces_and_adds(void **state)
{
    (void)state;
    char *base = make_minimal_dir(), *overlay = testutil_make_temp_dir();
    put_file(overlay, "foods.yaml",
             "foods:\n  - id: sauerkraut\n    name: Sauerkraut\n    category: probiotic\n"
             "    plant: true\n    why: Cabbage.\n  - id: kimchi\n    name: Kimchi (homemade)\n"
             "    category: probiotic\n    plant: true\n    why: Fermented at home.\n");
    put_file(overlay, "lifestyle.yaml",
             "habits:\n  - id: water\n    label: Water\n    kind: amount\n    unit: glasses\n"
             "    min: 0\n    max: 20\n    step: 1\n"
             /* The person's yes/no habits may leave out `when` (their label is used)... */
             "  - id: probiotic-taken\n    label: Kefir\n    kind: yes-no\n"
             /* ...or give it. */
             "  - id: sunscreen\n    label: Sunscreen\n    kind: yes-no\n"
             "    when: you wore sunscreen\n");
    put_file(overlay, "about.yaml", "caution: Ask your doctor.\n");
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    print_problems(&problems);
    assert_non_null(content);
    assert_int_equal(content->food_count, 2);
    assert_string_equal(content->foods[0].id, "kimchi"); /* replaced where it was */
    assert_string_equal(content->foods[0].name, "Kimchi (homemade)");
    assert_string_equal(content->foods[1].id, "sauerkraut");
    assert_int_equal(content->categories[0].food_count, 2);
    assert_int_equal(content->habit_count, 4);
    assert_string_equal(content->habits[2].id, "water");
    /* Replaced as a whole: the base's phrase went with the base's item. */
    assert_null(content_find_habit(content, "probiotic-taken")->when);
    assert_string_equal(content_find_habit(content, "sunscreen")->when, "you wore sunscreen");
    assert_int_equal(content->intervention_count, 1);
    assert_string_equal(content->caution, "Ask your doctor.");
    assert_int_equal(content->about_count, 1);
    content_free(content);
    testutil_remove_tree(base);
    testutil_remove_tree(overlay);
    free(base);
    free(overlay);
}

static void test_missing_overlay_is_no_overlay(void **state)
{
    (void)state;
    char *base = make_minimal_dir();
    char *overlay = xprintf("%s/not-there", base);
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    assert_non_null(content);
    assert_int_equal(problems.count, 0);
    assert_int_equal(content->food_count, 1);
    content_free(content);
    testutil_remove_tree(base);
    free(base);
    free(overlay);
}

/* A file in the overlay with nothing in it yet (or everything commented out) changes nothing:
 * it used to stop every command with "file is empty". */
static void test_empty_overlay_file_changes_nothing(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "# my foods, later\n", "---\n", "~\n"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *base = make_minimal_dir(), *overlay = testutil_make_temp_dir();
        put_file(overlay, "foods.yaml", texts[i]);
        put_file(overlay, "about.yaml", texts[i]);
        struct strlist problems = STRLIST_INIT;
        struct content *content = content_load(base, overlay, &problems);
        print_problems(&problems);
        assert_non_null(content);
        assert_int_equal(problems.count, 0);
        assert_int_equal(content->food_count, 1);
        content_free(content);
        strlist_release(&problems);
        testutil_remove_tree(base);
        testutil_remove_tree(overlay);
        free(base);
        free(overlay);
    }
}

/* Loads `base` with an overlay holding one file and checks the single problem. */
static void assert_overlay_problem(const char *name, const char *text, const char *expected)
{
    char *base = make_minimal_dir(), *overlay = testutil_make_temp_dir();
    put_file(overlay, name, text);
    struct strlist problems = STRLIST_INIT;
    assert_null(content_load(base, overlay, &problems));
    print_problems(&problems);
    char *full = expand(expected, overlay);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0], full);
    free(full);
    strlist_release(&problems);
    testutil_remove_tree(base);
    testutil_remove_tree(overlay);
    free(base);
    free(overlay);
}

static void test_overlay_problems(void **state)
{
    (void)state;
    assert_overlay_problem("foods.yaml",
                           "foods:\n  - id: tempeh\n    name: T\n    category: fermented\n"
                           "    plant: true\n    why: W\n",
                           "@/foods.yaml:4:15: unknown category 'fermented'");
    assert_overlay_problem(
        "foods.yaml", "foods:\n" KIMCHI KIMCHI,
        "@/foods.yaml:7:9: duplicate food id 'kimchi' (first defined at line 2)");
    assert_overlay_problem("about.yaml", "sections: []\n",
                           "@/about.yaml:1:11: 'sections' must not be empty");
    assert_overlay_problem("foods.yaml", "snacks: []\n",
                           "@/foods.yaml:1:1: unknown key 'snacks' at top level (expected "
                           "categories, foods)");
}

/* A person's overlay written before see_doctor and evidence were required keeps loading: the sign
 * gets the general see_doctor line and no level (not rated); a value given is still checked. */
static void test_overlay_without_see_doctor_or_evidence(void **state)
{
    (void)state;
    char *base = make_minimal_dir(), *overlay = testutil_make_temp_dir();
    put_file(overlay, "signs.yaml",
             "signs:\n  - id: itch\n    label: Itchy scalp\n    group: skin\n"
             "    explanation: Mine.\n");
    put_file(overlay, "foods.yaml",
             "categories:\n  - id: mine\n    name: Mine\n    summary: S\n    benefits: [B]\n"
             "foods: []\n");
    put_file(overlay, "lifestyle.yaml",
             "interventions:\n  - id: walks\n    name: Walks\n    summary: S\n"
             "    strategies: [Walk]\n");
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    print_problems(&problems);
    assert_non_null(content);
    assert_int_equal(problems.count, 0);
    const struct content_sign *sign = content_find_sign(content, "itch");
    assert_non_null(sign);
    assert_string_equal(sign->see_doctor, CONTENT_SEE_DOCTOR_GENERAL);
    assert_int_equal(sign->evidence, CONTENT_EVIDENCE_NONE);
    assert_int_equal(content_find_sign(content, "acne")->evidence, CONTENT_EVIDENCE_SOME);
    assert_int_equal(content->categories[1].evidence, CONTENT_EVIDENCE_NONE);
    assert_int_equal(content_find_intervention(content, "walks")->evidence, CONTENT_EVIDENCE_NONE);
    content_free(content);
    testutil_remove_tree(base);
    testutil_remove_tree(overlay);
    free(base);
    free(overlay);
    assert_overlay_problem("signs.yaml",
                           "signs:\n  - id: itch\n    label: L\n    group: skin\n"
                           "    explanation: E\n    evidence: strong\n",
                           "@/signs.yaml:6:15: unknown evidence level 'strong' (expected "
                           "established, some-evidence, being-studied or little-evidence)");
    assert_overlay_problem("signs.yaml",
                           "signs:\n  - id: itch\n    label: L\n    group: skin\n"
                           "    explanation: E\n    see_doctor: \"\"\n",
                           "@/signs.yaml:6:17: 'see_doctor' must not be empty");
}

static void test_overlay_sign_clashing_with_base_habit(void **state)
{
    (void)state;
    char *base = make_minimal_dir(), *overlay = testutil_make_temp_dir();
    put_file(overlay, "signs.yaml",
             "signs:\n  - id: sleep-hours\n    label: L\n    group: skin\n    explanation: E\n"
             "    see_doctor: D\n    evidence: established\n");
    struct strlist problems = STRLIST_INIT;
    assert_null(content_load(base, overlay, &problems));
    char *expected = xprintf("%s/signs.yaml:2:9: duplicate metric id 'sleep-hours' (already a "
                             "habit at %s/lifestyle.yaml:2; signs and habits share ids)",
                             overlay, base);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0], expected);
    free(expected);
    strlist_release(&problems);
    testutil_remove_tree(base);
    testutil_remove_tree(overlay);
    free(base);
    free(overlay);
}

/* A file of exactly `size` bytes: the minimal foods padded with a comment. */
static void write_padded_foods(const char *dir, size_t size)
{
    size_t used = strlen(minimal_foods);
    char *text = xmalloc(size + 1);
    memcpy(text, minimal_foods, used);
    memset(text + used, 'x', size - used);
    memcpy(text + used, "#", 1);
    text[size - 1] = '\n';
    text[size] = '\0';
    put_file(dir, "foods.yaml", text);
    free(text);
}

static void test_size_limit(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    write_padded_foods(dir, 1048576);
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(dir, NULL, &problems);
    print_problems(&problems);
    assert_non_null(content);
    content_free(content);
    write_padded_foods(dir, 1048577);
    char *expected =
        xprintf("%s/foods.yaml: file is too large (1048577 bytes, limit 1048576)", dir);
    assert_single_problem(dir, expected);
    free(expected);
    testutil_remove_tree(dir);
    free(dir);
}

static void test_nesting_of_sixteen_levels_is_allowed(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    /* The top mapping is level 1, so 15 brackets reach level 16 exactly. */
    put_file(dir, "foods.yaml", "categories: []\nfoods: [[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]\n");
    char *expected = expand("@/foods.yaml:2:9: expected a mapping for each item of 'foods'", dir);
    assert_single_problem(dir, expected);
    free(expected);
    testutil_remove_tree(dir);
    free(dir);
}

static void test_problems_are_capped(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    char *text = xstrdup("categories: []\nfoods:\n");
    for (int i = 0; i < 150; i++) {
        char *longer = xprintf("%s  - %d\n", text, i);
        free(text);
        text = longer;
    }
    put_file(dir, "foods.yaml", text);
    free(text);
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT;
    assert_int_equal(content_check_dir(dir, &summaries, &problems), 150);
    assert_int_equal(problems.count, 101);
    assert_string_equal(problems.items[100], "too many problems: only the first 100 are shown");
    strlist_release(&summaries);
    strlist_release(&problems);
    testutil_remove_tree(dir);
    free(dir);
}

static int run_content_command(const char *content_dir, int argc, const char *a, const char *b,
                               const char *c)
{
    char *argv[] = {(char *)"content", (char *)a, (char *)b, (char *)c, NULL};
    struct command_options options = {NULL, content_dir};
    return command_content(&options, argc, argv);
}

static void test_content_command(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    char *config = testutil_make_temp_dir();
    setenv("XDG_CONFIG_HOME", config, 1);
    assert_int_equal(run_content_command(NULL, 2, "--help", NULL, NULL), 0);
    assert_int_equal(run_content_command(NULL, 1, NULL, NULL, NULL), 2);
    assert_int_equal(run_content_command(NULL, 2, "chek", NULL, NULL), 2);
    assert_int_equal(run_content_command(NULL, 4, "check", dir, "extra"), 2);
    assert_int_equal(run_content_command(NULL, 3, "check", "--frobnicate", NULL), 2);
    assert_int_equal(run_content_command(NULL, 3, "check", dir, NULL), 0);
    assert_int_equal(run_content_command(dir, 2, "check", NULL, NULL), 0);
    /* Without DIR, the user's additions are checked merged over the base. */
    char *overlay = xprintf("%s/gutskin/content", config);
    char *parent = xprintf("%s/gutskin", config);
    assert_int_equal(mkdir(parent, 0700), 0);
    assert_int_equal(mkdir(overlay, 0700), 0);
    put_file(overlay, "foods.yaml", "foods: 3\n");
    assert_int_equal(run_content_command(dir, 2, "check", NULL, NULL), 1);
    put_file(dir, "about.yaml", "caution: [\n");
    assert_int_equal(run_content_command(NULL, 3, "check", dir, NULL), 1);
    unsetenv("XDG_CONFIG_HOME");
    testutil_remove_tree(config);
    testutil_remove_tree(dir);
    free(overlay);
    free(parent);
    free(config);
    free(dir);
}

/* `content check DIR` warns about "cures" but passes; `content sources` lists each source with
 * what cites it. */
static void test_content_sources_and_word_commands(void **state)
{
    (void)state;
    char *dir = make_minimal_dir();
    put_file(dir, "about.yaml",
             ABOUT_HEAD "sources:\n  - id: salem-2018\n    author: Salem I, Ramser A\n"
                        "    year: 2018\n    title: The gut microbiome and the skin\n"
                        "  - id: other\n    author: Other B\n    year: 2020\n    title: T\n");
    put_file(dir, "signs.yaml",
             SIGNS_HEAD "    explanation: It cures nothing.\n    see_doctor: D\n"
                        "    evidence: being-studied\n    sources: [salem-2018]\n");
    struct command_run *run = command_run_new(); /* its own folder is XDG_CONFIG_HOME */
    assert_int_equal(command_run(run, command_content, "content", "check", dir, NULL), 0);
    char *warning = xprintf("gutskin: %s/signs.yaml:9:21: warning: 'cures' claims more than the "
                            "evidence shows",
                            dir);
    assert_non_null(strstr(run->err, warning));
    assert_non_null(strstr(run->out, "about.yaml: 1 section, 2 sources\n"));
    run->options.content_dir = dir;
    assert_int_equal(command_run(run, command_content, "content", "sources", NULL), 0);
    assert_non_null(strstr(run->out, "Salem I, Ramser A (2018). The gut microbiome and the skin\n"
                                     "  cited by: sign acne\n"
                                     "Other B (2020). T\n"
                                     "  background for the About text and the group summaries\n"));
    assert_non_null(strstr(run->out, "  being studied: early work"));
    assert_int_equal(command_run(run, command_content, "content", "sources", dir, NULL), 2);
    /* The person's additions are checked for the words too. */
    char *parent = xprintf("%s/gutskin", run->dir), *overlay = xprintf("%s/content", parent);
    assert_int_equal(mkdir(parent, 0700), 0);
    assert_int_equal(mkdir(overlay, 0700), 0);
    put_file(overlay, "foods.yaml", "foods:\n" KIMCHI_DETOX);
    assert_int_equal(command_run(run, command_content, "content", "check", NULL), 0);
    char *detox = xprintf("gutskin: %s/foods.yaml:6:12: warning: 'detox'", overlay);
    assert_non_null(strstr(run->err, detox));
    free(detox);
    free(overlay);
    free(parent);
    command_run_free(run);
    testutil_remove_tree(dir);
    free(warning);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_folder_loads),
        cmocka_unit_test(test_lookups_and_metrics),
        cmocka_unit_test(test_each_problem_is_reported_exactly),
        cmocka_unit_test(test_shipped_content_loads),
        cmocka_unit_test(test_shipped_content_is_as_sure_as_its_evidence),
        cmocka_unit_test(test_overclaiming_words_warn),
        cmocka_unit_test(test_overclaiming_words_are_capped),
        cmocka_unit_test(test_overlay_replaces_and_adds),
        cmocka_unit_test(test_missing_overlay_is_no_overlay),
        cmocka_unit_test(test_empty_overlay_file_changes_nothing),
        cmocka_unit_test(test_overlay_problems),
        cmocka_unit_test(test_overlay_without_see_doctor_or_evidence),
        cmocka_unit_test(test_overlay_sign_clashing_with_base_habit),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_nesting_of_sixteen_levels_is_allowed),
        cmocka_unit_test(test_problems_are_capped),
        cmocka_unit_test(test_content_command),
        cmocka_unit_test(test_content_sources_and_word_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
