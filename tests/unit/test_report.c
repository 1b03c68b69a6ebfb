/* test_report.c - the practitioner report on a small journal whose averages are worked out by
 * hand, in Markdown and in HTML. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "dates.h"
#include "journal.h"
#include "report.h"
#include "testutil.h"
#include "xalloc.h"

struct fixture {
    char *dir;
    struct journal *journal;
    struct content *content;
};

struct reading {
    const char *id;
    double value;
};

static void save(struct fixture *fixture, const char *date, const struct reading *readings,
                 const char *foods, const char *note)
{
    struct day day;
    day_init(&day, testutil_day(date));
    for (size_t i = 0; readings != NULL && readings[i].id != NULL; i++)
        day_set_reading(&day, readings[i].id, readings[i].value);
    char *list = xstrdup(foods ? foods : "");
    for (char *food = strtok(list, " "); food != NULL; food = strtok(NULL, " "))
        day_set_food(&day, food, 1);
    free(list);
    day_set_note(&day, note);
    struct error err;
    assert_int_equal(journal_save_day(fixture->journal, &day, &err), 0);
    day_release(&day);
}

/* Period 2026-03-01..10: the skin signs rated sum to 2, 4, 3, 1 over the 8 skin signs (scores
 * 0.25, 0.5, 0.375, 0.125, mean 0.3125); bloating 3, 1, 0 over the 6 digestive signs (mean 2/9);
 * sleep 7, 8, 6; kimchi on two days. Previous period: skin 3, 2, 1 over 8 (mean 0.25), no
 * digestive sign. */
static void save_days(struct fixture *fixture)
{
    save(fixture, "2026-02-20", (struct reading[]){{"acne", 3}, {NULL, 0}}, NULL, NULL);
    save(fixture, "2026-02-25", (struct reading[]){{"acne", 1}, {"itch", 1}, {NULL, 0}}, NULL,
         NULL);
    save(fixture, "2026-02-26", (struct reading[]){{"acne", 1}, {NULL, 0}}, NULL, NULL);
    save(fixture, "2026-03-01",
         (struct reading[]){
             {"acne", 2}, {"itch", 0}, {"bloating", 3}, {"sleep-hours", 7}, {NULL, 0}},
         "kimchi", "<b>Tom & Jerry</b>");
    save(fixture, "2026-03-02",
         (struct reading[]){{"acne", 4}, {"bloating", 1}, {"sleep-hours", 8}, {NULL, 0}},
         "kimchi garlic", NULL);
    save(fixture, "2026-03-03",
         (struct reading[]){{"itch", 1}, {"redness", 2}, {"sleep-hours", 6}, {NULL, 0}}, NULL,
         NULL);
    save(fixture, "2026-03-05",
         (struct reading[]){{"acne", 1}, {"bloating", 0}, {"probiotic-taken", 1}, {NULL, 0}}, NULL,
         NULL);
    save(fixture, "2026-03-09", NULL, NULL, "second line\nnext");
    save(fixture, "2026-03-11", (struct reading[]){{"acne", 4}, {NULL, 0}}, NULL,
         "outside-the-period");
    struct error err;
    assert_int_equal(
        journal_add_mark(fixture->journal, testutil_day("2026-03-05"), "Started <kefir>", &err), 0);
}

static int setup(void **state)
{
    struct fixture *fixture = xcalloc(1, sizeof *fixture);
    fixture->dir = testutil_make_temp_dir();
    fixture->journal = testutil_open_journal(fixture->dir);
    fixture->content = testutil_load_content(CONTENT_SOURCE_DIR);
    save_days(fixture);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fixture = *state;
    journal_close(fixture->journal);
    content_free(fixture->content);
    testutil_remove_tree(fixture->dir);
    free(fixture->dir);
    free(fixture);
    return 0;
}

/* The report of from..to as a string (caller frees). */
static char *render(struct fixture *fixture, const char *from, const char *to,
                    enum report_format format)
{
    struct report_options options;
    assert_true(date_parse(from, &options.from));
    assert_true(date_parse(to, &options.to));
    assert_true(date_parse("2026-03-12", &options.written_on));
    options.format = format;
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    assert_non_null(out);
    struct error err;
    int status = report_write(out, fixture->journal, fixture->content, &options, &err);
    fclose(out);
    assert_int_equal(status, 0);
    return text;
}

static size_t occurrences(const char *text, const char *needle)
{
    size_t count = 0;
    for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle))
        count++;
    return count;
}

static void test_markdown_averages(void **state)
{
    struct fixture *fixture = *state;
    char *text = render(fixture, "2026-03-01", "2026-03-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "# Gut-skin journal report\n"));
    assert_non_null(strstr(text, "Period: 2026-03-01 to 2026-03-10 (10 days)"));
    assert_non_null(strstr(text, "Days logged: 5 of 10 (50%)"));
    assert_non_null(strstr(text, "| Skin | 0.31 | 4 | 0.25 | +0.06 |\n"));
    assert_non_null(strstr(text, "| Digestive | 0.22 | 3 | \xe2\x80\x94 | \xe2\x80\x94 |\n"));
    assert_non_null(strstr(text, "| Sleep | 7.0 hours | 3 |\n"));
    assert_non_null(strstr(text, "| Probiotic taken | yes on 1 of 1 days (100%) | 1 |\n"));
    assert_non_null(strstr(text, "| Kimchi | Fermented foods | 2 | 40% |\n"));
    /* Breakouts: rated 2, 4, 1 -> present on 3 days, mean 7/3, highest 4 */
    assert_non_null(strstr(text, "| Breakouts | Skin | 3 | 3 | 2.33 | 4 (very severe) |\n"));
    assert_non_null(strstr(text, "No factor and symptom reached"));
    assert_non_null(strstr(text, fixture->content->caution));
    assert_null(strstr(text, "outside-the-period"));
    free(text);
}

static void test_markdown_escapes_notes_and_marks(void **state)
{
    struct fixture *fixture = *state;
    char *text = render(fixture, "2026-03-01", "2026-03-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "- **2026-03-01**: \\<b\\>Tom & Jerry\\</b\\>\n"));
    assert_non_null(strstr(text, "- **2026-03-09**: second line  \n  next\n"));
    assert_null(strstr(text, "<b>"));
    assert_non_null(strstr(text, "### 2026-03-05: Started \\<kefir\\>\n"));
    free(text);
}

/* Control characters in a note, ESC and the C1 CSI alike, become blanks: a report printed on a
 * terminal must not drive it. Accents stay. */
static void test_markdown_note_controls_become_blanks(void **state)
{
    struct fixture *fixture = *state;
    /* A day of its own, far from the other tests' periods (the fixture is shared). */
    save(fixture, "2025-06-07", NULL, NULL,
         "a\x1b[31mb\xc2\x9b"
         "2Jc caf\xc3\xa9");
    char *text = render(fixture, "2025-06-01", "2025-06-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "- **2025-06-07**: a \\[31mb 2Jc caf\xc3\xa9\n"));
    assert_null(strchr(text, '\x1b'));
    assert_null(strstr(text, "\xc2\x9b"));
    free(text);
}

/* Only what Markdown would read as markup is escaped: a note's lines that would become a list,
 * a heading or a numbered item, an entity, an image; "&" and "!" in prose read as written. */
static void test_markdown_escapes_only_markup(void **state)
{
    struct fixture *fixture = *state;
    save(fixture, "2025-05-07", NULL, NULL,
         "Fish & chips! Wow\n- milk\n# tired\n12. twelve\n&amp; ![x](y) 3.5 hours");
    char *text = render(fixture, "2025-05-01", "2025-05-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "- **2025-05-07**: Fish & chips! Wow  \n  \\- milk  \n  "
                                 "\\# tired  \n  12\\. twelve  \n  \\&amp; \\!\\[x\\](y) "
                                 "3.5 hours\n"));
    free(text);
}

static void test_html_well_formed_and_escaped(void **state)
{
    struct fixture *fixture = *state;
    char *text = render(fixture, "2026-03-01", "2026-03-10", REPORT_HTML);
    assert_int_equal(strncmp(text, "<!DOCTYPE html>\n", 16), 0);
    size_t length = strlen(text);
    assert_string_equal(text + length - 8, "</html>\n");
    assert_int_equal(occurrences(text, "<svg"), fixture->content->group_count);
    assert_int_equal(occurrences(text, "</svg>"), fixture->content->group_count);
    assert_int_equal(occurrences(text, "<table>"), occurrences(text, "</table>"));
    assert_int_equal(occurrences(text, "<tr>"), occurrences(text, "</tr>"));
    assert_int_equal(occurrences(text, "<figure"), occurrences(text, "</figure>"));
    assert_non_null(strstr(text, "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"));
    assert_null(strstr(text, "<b>"));
    assert_non_null(strstr(text, "Started &lt;kefir&gt;"));
    assert_null(strstr(text, "<script"));
    assert_null(strstr(text, "http"));
    assert_non_null(strstr(text, "@media print"));
    assert_non_null(strstr(text, "<td>Skin</td><td class=\"n\">0.31</td>"));
    free(text);
}

static void test_html_chart_gaps(void **state)
{
    struct fixture *fixture = *state;
    char *text = render(fixture, "2026-03-01", "2026-03-10", REPORT_HTML);
    /* Skin has scores on days 1-3 and 5: one path for the run, a dot for the lone day. */
    char *first = strstr(text, "<svg");
    char *end = strstr(first, "</svg>");
    *end = '\0';
    assert_int_equal(occurrences(first, "<path class=\"line\""), 1);
    assert_int_equal(occurrences(first, "<circle class=\"dot\""), 1);
    /* x for days 1, 2, 3 of 10 across 634 units from 34: 34.0, 104.4, 174.9 */
    assert_non_null(strstr(first, "d=\"M34.0 "));
    assert_non_null(strstr(first, " L104.4 "));
    assert_non_null(strstr(first, " L174.9 "));
    free(text);
}

/* 40 days where breakouts follow kimchi by a day: the association table must show it. */
static void test_association_listed(void **state)
{
    struct fixture *fixture = *state;
    static const char pattern[] = "1100111001001101010011010011100101100101";
    int first;
    assert_true(date_parse("2025-06-01", &first));
    for (int i = 0; i < 40; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(first + i, date);
        double acne = (i > 0 && pattern[i - 1] == '1' ? 3 : 1) + (i % 3 == 0 ? 1 : 0);
        save(fixture, date, (struct reading[]){{"acne", acne}, {"bloating", i % 4}, {NULL, 0}},
             pattern[i] == '1' ? "kimchi oats" : "oats", NULL);
    }
    char *text = render(fixture, "2025-06-01", "2025-07-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "| Kimchi | Breakouts | 1 day later | "));
    /* The threshold in words, not "Digestive score above 0.333". */
    assert_non_null(strstr(text, "on days that followed a day when digestive symptoms were "
                                 "higher than usual (score over 0.3), against days that"));
    assert_null(strstr(text, "No association reached"));
    free(text);
}

/* A factor that switched once is named in the report's words, as in the other tables: sleep
 * went from 6 to 8 hours halfway through, above the median of 7 from then on. */
static void test_switch_in_words(void **state)
{
    struct fixture *fixture = *state;
    int first;
    assert_true(date_parse("2024-09-01", &first));
    for (int i = 0; i < 40; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(first + i, date);
        save(fixture, date,
             (struct reading[]){{"acne", 1 + i % 3}, {"sleep-hours", i < 20 ? 6 : 8}, {NULL, 0}},
             NULL, NULL);
    }
    char *text = render(fixture, "2024-09-01", "2024-10-10", REPORT_MARKDOWN);
    assert_non_null(strstr(text, "### Changes that happened once"));
    assert_non_null(
        strstr(text, "| More sleep than usual (over 7 hours), started 2024-09-21 | Skin | "));
    assert_null(strstr(text, "Sleep over 7 hours, started"));
    free(text);
}

static void test_empty_period(void **state)
{
    struct fixture *fixture = *state;
    char *text = render(fixture, "2024-01-01", "2024-01-30", REPORT_HTML);
    assert_non_null(strstr(text, "Days logged: 0 of 30 (0%)"));
    assert_non_null(strstr(text, "No day was logged in this period"));
    assert_null(strstr(text, "<svg"));
    assert_string_equal(text + strlen(text) - 8, "</html>\n");
    free(text);
}

static void test_formats_and_errors(void **state)
{
    struct fixture *fixture = *state;
    enum report_format format = REPORT_MARKDOWN;
    assert_true(report_format_from_file("out/report.HTML", &format));
    assert_int_equal(format, REPORT_HTML);
    assert_true(report_format_from_file("report.md", &format));
    assert_int_equal(format, REPORT_MARKDOWN);
    assert_false(report_format_from_file("report.d/notes", &format));
    assert_false(report_format_from_file("report.txt", &format));
    assert_true(report_format_from_name("html", &format));
    assert_int_equal(format, REPORT_HTML);
    assert_false(report_format_from_name("pdf", &format));
    struct report_options options = {100, 99, REPORT_MARKDOWN, 100};
    struct error err;
    assert_int_equal(report_write(stdout, fixture->journal, fixture->content, &options, &err), -1);
    assert_int_equal(err.kind, ERROR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_averages),
        cmocka_unit_test(test_markdown_escapes_notes_and_marks),
        cmocka_unit_test(test_markdown_note_controls_become_blanks),
        cmocka_unit_test(test_markdown_escapes_only_markup),
        cmocka_unit_test(test_html_well_formed_and_escaped),
        cmocka_unit_test(test_html_chart_gaps),
        cmocka_unit_test(test_association_listed),
        cmocka_unit_test(test_switch_in_words),
        cmocka_unit_test(test_empty_period),
        cmocka_unit_test(test_formats_and_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
