/* test_sample.c - the sample journal generator: reproducible, in range, about one day in ten
 * skipped, patterns the insights can find, and written to a journal in one piece. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "dates.h"
#include "journal.h"
#include "sample.h"
#include "testutil.h"
#include "xalloc.h"

/* --- Helpers -------------------------------------------------------------------------------- */

static struct content *load_shipped_content(void)
{
    return testutil_load_content(CONTENT_SOURCE_DIR);
}

static int first_day(void)
{
    return date_from_parts(2026, 1, 5);
}

struct dump {
    char *text;
    size_t length;
};

static void dump_append(struct dump *dump, const char *text)
{
    size_t add = strlen(text);
    dump->text = xrealloc(dump->text, dump->length + add + 1);
    memcpy(dump->text + dump->length, text, add + 1);
    dump->length += add;
}

static void dump_entries(struct dump *dump, const char *kind, const struct day_entry *entries,
                         size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *line = xprintf(" %s:%s=%g", kind, entries[i].id, entries[i].value);
        dump_append(dump, line);
        free(line);
    }
}

/* One line per day, like an export: date, note, readings, foods (no timestamps). */
static int dump_day(const struct day *day, void *context)
{
    struct dump *dump = context;
    char date[DATE_TEXT_SIZE];
    date_format(day->day_number, date);
    dump_append(dump, date);
    dump_append(dump, " [");
    dump_append(dump, day->note ? day->note : "");
    dump_append(dump, "]");
    dump_entries(dump, "r", day->readings, day->reading_count);
    dump_entries(dump, "f", day->foods, day->food_count);
    dump_append(dump, "\n");
    return 0;
}

static char *dump_sample(const struct content *content, size_t days, uint64_t seed)
{
    struct dump dump = {xstrdup(""), 0};
    assert_int_equal(sample_each_day(content, first_day(), days, seed, dump_day, &dump), 0);
    return dump.text;
}

/* Collects the generated days for inspection. */
struct collected {
    struct day *days;
    size_t count;
    size_t capacity;
};

static int collect_day(const struct day *day, void *context)
{
    struct collected *collected = context;
    xgrow(&collected->days, &collected->capacity, collected->count + 1, sizeof *collected->days);
    struct day *copy = &collected->days[collected->count++];
    day_init(copy, DATE_NONE);
    day_copy(copy, day);
    return 0;
}

static void collected_release(struct collected *collected)
{
    for (size_t i = 0; i < collected->count; i++)
        day_release(&collected->days[i]);
    free(collected->days);
}

static struct collected collect(const struct content *content, size_t days, uint64_t seed)
{
    struct collected collected = {NULL, 0, 0};
    assert_int_equal(sample_each_day(content, first_day(), days, seed, collect_day, &collected), 0);
    return collected;
}

/* --- Reproducibility and skipped days ------------------------------------------------------- */

static void test_same_seed_same_days(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    char *a = dump_sample(content, 120, 42);
    char *b = dump_sample(content, 120, 42);
    char *c = dump_sample(content, 120, 43);
    assert_true(strlen(a) > 10000);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
    content_free(content);
}

static void test_about_one_day_in_ten_skipped(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    size_t logged_total = 0;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        struct collected collected = collect(content, 365, seed);
        double skipped = 1.0 - (double)collected.count / 365.0;
        assert_true(skipped > 0.04 && skipped < 0.18);
        logged_total += collected.count;
        collected_release(&collected);
    }
    double skipped = 1.0 - (double)logged_total / (5 * 365.0);
    assert_true(skipped > 0.07 && skipped < 0.13);
    content_free(content);
}

/* --- Values --------------------------------------------------------------------------------- */

static void assert_reading_in_range(const struct content *content, const struct day_entry *entry)
{
    double min, max, step;
    if (!content_metric_range(content, entry->id, &min, &max, &step))
        fail_msg("unknown metric %s", entry->id);
    if (entry->value < min || entry->value > max)
        fail_msg("%s = %g is outside %g..%g", entry->id, entry->value, min, max);
    double steps = (entry->value - min) / step;
    if (fabs(steps - round(steps)) > 1e-9)
        fail_msg("%s = %g is not on the step %g", entry->id, entry->value, step);
}

static bool is_valid_utf8(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        size_t extra = *s < 0x80         ? 0
                       : (*s >> 5) == 6  ? 1
                       : (*s >> 4) == 14 ? 2
                       : (*s >> 3) == 30 ? 3
                                         : 9;
        if (extra == 9)
            return false;
        for (size_t i = 1; i <= extra; i++)
            if ((s[i] & 0xC0) != 0x80)
                return false;
        s += extra + 1;
    }
    return true;
}

static void check_note(const char *note, bool *non_ascii)
{
    assert_true(note[0] != '\0' && strlen(note) < 1024);
    assert_true(is_valid_utf8(note));
    for (const char *c = note; *c; c++)
        *non_ascii = *non_ascii || (unsigned char)*c >= 0x80;
}

static void test_values_in_range(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    struct collected collected = collect(content, 365, 9);
    size_t metric_total = content->sign_count + content->habit_count;
    size_t partial = 0, notes = 0;
    bool non_ascii = false;
    for (size_t d = 0; d < collected.count; d++) {
        const struct day *day = &collected.days[d];
        for (size_t i = 0; i < day->reading_count; i++)
            assert_reading_in_range(content, &day->readings[i]);
        for (size_t i = 0; i < day->food_count; i++) {
            assert_non_null(content_find_food(content, day->foods[i].id));
            assert_true(day->foods[i].value > 0);
        }
        if (day->reading_count == metric_total)
            assert_true(day->food_count >= 3 && day->food_count <= 9);
        else
            partial++;
        if (day->note != NULL) {
            notes++;
            check_note(day->note, &non_ascii);
        }
    }
    assert_true(partial > 10 && partial < collected.count / 4);
    assert_true(notes > collected.count / 5 && notes < collected.count / 2);
    assert_true(non_ascii);
    collected_release(&collected);
    content_free(content);
}

static void test_every_metric_logged(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    struct collected collected = collect(content, 120, 5);
    for (size_t i = 0; i < content->sign_count + content->habit_count; i++) {
        const char *id = i < content->sign_count ? content->signs[i].id
                                                 : content->habits[i - content->sign_count].id;
        size_t logged = 0;
        for (size_t d = 0; d < collected.count; d++)
            logged += day_get_reading(&collected.days[d], id, NULL);
        if (logged < collected.count * 3 / 4)
            fail_msg("%s logged on only %zu of %zu days", id, logged, collected.count);
    }
    collected_release(&collected);
    content_free(content);
}

/* --- Patterns ------------------------------------------------------------------------------- */

/* The mean of the day's signs in a group; NAN when none was logged. */
static double group_mean(const struct content *content, const struct day *day, const char *group)
{
    double sum = 0;
    int count = 0;
    for (size_t i = 0; i < content->sign_count; i++) {
        double value;
        if (strcmp(content->groups[content->signs[i].group].id, group) == 0 &&
            day_get_reading(day, content->signs[i].id, &value)) {
            sum += value;
            count++;
        }
    }
    return count ? sum / count : NAN;
}

/* Fills per-calendar-day series (NAN for a skipped day or a value not logged). */
static void daily_series(const struct content *content, const struct collected *collected,
                         const char *group, double *series, size_t days)
{
    for (size_t i = 0; i < days; i++)
        series[i] = NAN;
    for (size_t d = 0; d < collected->count; d++) {
        int number = collected->days[d].day_number;
        series[number - first_day()] = group_mean(content, &collected->days[d], group);
    }
}

static double lagged_correlation(const double *x, const double *y, size_t days, size_t lag)
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    for (size_t t = lag; t < days; t++) {
        if (isnan(x[t - lag]) || isnan(y[t]))
            continue;
        sx += x[t - lag];
        sy += y[t];
        sxx += x[t - lag] * x[t - lag];
        syy += y[t] * y[t];
        sxy += x[t - lag] * y[t];
        n++;
    }
    double cov = sxy / n - sx / n * sy / n;
    return cov / sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
}

static double mean_between(const double *series, size_t from, size_t to)
{
    double sum = 0;
    int count = 0;
    for (size_t i = from; i < to; i++)
        if (!isnan(series[i])) {
            sum += series[i];
            count++;
        }
    return sum / count;
}

static void test_skin_follows_digestion(void **state)
{
    (void)state;
    enum { DAYS = 365 };
    struct content *content = load_shipped_content();
    struct collected collected = collect(content, DAYS, 3);
    double *skin = xcalloc(DAYS, sizeof *skin), *gut = xcalloc(DAYS, sizeof *gut);
    daily_series(content, &collected, "skin", skin, DAYS);
    daily_series(content, &collected, "digestive", gut, DAYS);
    /* Skin answers digestion two days later, more than digestion answers skin. */
    double forward = lagged_correlation(gut, skin, DAYS, 2);
    double backward = lagged_correlation(skin, gut, DAYS, 2);
    assert_true(forward > 0.4);
    assert_true(forward > backward);
    /* The daily probiotic starts about 40% of the way in; the last months are calmer. */
    assert_true(mean_between(skin, DAYS * 6 / 10, DAYS) < mean_between(skin, 0, DAYS * 35 / 100));
    free(skin);
    free(gut);
    collected_release(&collected);
    content_free(content);
}

static void test_drinks_cluster_at_weekends(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    struct collected collected = collect(content, 365, 11);
    double weekend = 0, weekday = 0;
    for (size_t d = 0; d < collected.count; d++) {
        int number = collected.days[d].day_number;
        double drinks;
        if (!day_get_reading(&collected.days[d], "alcohol", &drinks))
            continue;
        if (date_weekday(number) >= 4)
            weekend += drinks;
        else
            weekday += drinks;
        double servings = 0;
        day_get_food(&collected.days[d], "alcohol", &servings);
        assert_true(servings == drinks);
    }
    assert_true(weekend > weekday);
    collected_release(&collected);
    content_free(content);
}

/* --- Content the generator has no model for ------------------------------------------------- */

static void test_unknown_ids_get_generic_values(void **state)
{
    (void)state;
    struct content_food_category categories[] = {
        {.id = "snacks", .name = "Snacks", .food_count = 2}};
    struct content_food foods[] = {{.id = "crisps", .name = "Crisps", .category = 0},
                                   {.id = "pretzels", .name = "Pretzels", .category = 0}};
    struct content_sign_group groups[] = {{.id = "hair", .name = "Hair"}};
    struct content_sign signs[] = {{.id = "hair-loss", .label = "Hair loss", .group = 0}};
    struct content_habit habits[] = {
        {.id = "steps", .kind = CONTENT_HABIT_AMOUNT, .min = 0, .max = 30000, .step = 100},
        {.id = "mood", .kind = CONTENT_HABIT_SCALE, .min = 1, .max = 7, .step = 1},
        {.id = "meditated", .kind = CONTENT_HABIT_YES_NO, .min = 0, .max = 1, .step = 1},
    };
    struct content content = {.categories = categories,
                              .category_count = 1,
                              .foods = foods,
                              .food_count = 2,
                              .groups = groups,
                              .group_count = 1,
                              .signs = signs,
                              .sign_count = 1,
                              .habits = habits,
                              .habit_count = 3};
    struct collected collected = collect(&content, 200, 77);
    assert_true(collected.count > 150);
    bool saw_yes = false, saw_no = false;
    for (size_t d = 0; d < collected.count; d++) {
        const struct day *day = &collected.days[d];
        double value;
        if (day_get_reading(day, "steps", &value))
            assert_true(value >= 0 && value <= 30000 && fmod(value, 100) == 0);
        if (day_get_reading(day, "mood", &value))
            assert_true(value >= 1 && value <= 7 && value == round(value));
        if (day_get_reading(day, "hair-loss", &value))
            assert_true(value >= 0 && value <= 4 && value == round(value));
        if (day_get_reading(day, "meditated", &value)) {
            assert_true(value == 0 || value == 1);
            saw_yes = saw_yes || value == 1;
            saw_no = saw_no || value == 0;
        }
        assert_true(day->food_count <= 2);
    }
    assert_true(saw_yes && saw_no);
    collected_release(&collected);
}

/* --- Into a journal ------------------------------------------------------------------------- */

static void test_generate_into_journal(void **state)
{
    (void)state;
    struct content *content = load_shipped_content();
    char *dir = testutil_make_temp_dir();
    char *path = xprintf("%s/sample.db", dir);
    struct error err;
    error_clear(&err);
    struct journal *journal = journal_open(path, &err);
    assert_non_null(journal);
    assert_int_equal(sample_generate(journal, content, first_day(), 90, 21, &err), 0);

    struct dump from_journal = {xstrdup(""), 0};
    assert_int_equal(journal_each_day(journal, DATE_NONE, DATE_NONE, dump_day, &from_journal, &err),
                     0);
    char *generated = dump_sample(content, 90, 21);
    assert_string_equal(from_journal.text, generated);

    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    assert_int_equal(marks.count, 1);
    assert_string_equal(marks.items[0].label, SAMPLE_CHANGE_LABEL);
    int mark_day = marks.items[0].day_number;
    assert_true(mark_day > first_day() + 20 && mark_day < first_day() + 60);

    journal_mark_list_release(&marks);
    free(from_journal.text);
    free(generated);
    journal_close(journal);
    testutil_remove_tree(dir);
    free(dir);
    free(path);
    content_free(content);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_days),
        cmocka_unit_test(test_about_one_day_in_ten_skipped),
        cmocka_unit_test(test_values_in_range),
        cmocka_unit_test(test_every_metric_logged),
        cmocka_unit_test(test_skin_follows_digestion),
        cmocka_unit_test(test_drinks_cluster_at_weekends),
        cmocka_unit_test(test_unknown_ids_get_generic_values),
        cmocka_unit_test(test_generate_into_journal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
