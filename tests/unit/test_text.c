/* test_text.c - display widths, cutting, wrapping and cleaning of UTF-8 text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

#define CJK_DAY "\xE6\x97\xA5"           /* U+65E5, two columns */
#define E_ACUTE "\xC3\xA9"               /* U+00E9 */
#define COMBINING_ACUTE "\xCC\x81"       /* U+0301, no column */
#define C1_CONTROL "\xC2\x85"            /* U+0085, next line */
#define REPLACEMENT "\xEF\xBF\xBD"       /* U+FFFD */
#define WOMAN "\xF0\x9F\x91\xA9"         /* U+1F469, two columns */
#define ZERO_WIDTH_JOINER "\xE2\x80\x8D" /* U+200D */

static void test_cut_never_splits_a_character(void **state)
{
    (void)state;
    const char *text = "ab" CJK_DAY "c";
    assert_int_equal(text_cut(text, 0), 0);
    assert_int_equal(text_cut(text, 2), 2);
    assert_int_equal(text_cut(text, 3), 2); /* one byte of three */
    assert_int_equal(text_cut(text, 4), 2); /* two bytes of three */
    assert_int_equal(text_cut(text, 5), 5);
    assert_int_equal(text_cut(text, 100), 6); /* the whole text */
    assert_int_equal(text_cut(WOMAN, 3), 0);
    assert_int_equal(text_cut(WOMAN, 4), 4);
}

/* The idiom the screens use after a snprintf that may have truncated the person's text. */
static void test_cut_after_truncating_snprintf(void **state)
{
    (void)state;
    char buffer[8];
    /* What snprintf(buffer, 8, "%s", "abcdef" E_ACUTE) leaves: "abcdef", half the e-acute. */
    memcpy(buffer, "abcdef" E_ACUTE, 7);
    buffer[7] = '\0';
    buffer[text_cut(buffer, sizeof buffer - 1)] = '\0';
    assert_string_equal(buffer, "abcdef");
    assert_true(text_is_valid_utf8(buffer, strlen(buffer)));
}

static void test_controls_take_one_column(void **state)
{
    (void)state;
    assert_int_equal(text_width("a\tb"), 3);
    assert_int_equal(text_width("a\x1b[31mb"), 7);
    assert_int_equal(text_width("a\x7f"
                                "b"),
                     3);
    assert_int_equal(text_width("a" C1_CONTROL "b"), 3);
    assert_int_equal(text_width("e" COMBINING_ACUTE), 1);
    assert_int_equal(text_width(CJK_DAY), 2);
    assert_true(text_is_control('\r'));
    assert_true(text_is_control(0x85));
    assert_false(text_is_control(' '));
    assert_false(text_is_control(0xA0));
}

static void test_printable_keeps_the_width(void **state)
{
    (void)state;
    const char *inputs[] = {
        "tab\there\rbell\a esc\x1b[31m end",
        "del\x7f c1" C1_CONTROL " bad\xff byte",
        "caf" E_ACUTE " e" COMBINING_ACUTE " " CJK_DAY " " WOMAN ZERO_WIDTH_JOINER WOMAN,
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        for (int ascii = 0; ascii <= 1; ascii++) {
            char *copy = strdup(inputs[i]);
            int width = text_width(copy);
            text_make_printable(copy, ascii);
            assert_int_equal(text_width(copy), width);
            for (const char *c = copy; *c != '\0'; c++) {
                assert_true((unsigned char)*c >= 32 && *c != 0x7f);
                if (ascii)
                    assert_true((unsigned char)*c < 128);
            }
            assert_true(text_is_valid_utf8(copy, strlen(copy)));
            free(copy);
        }
    }
}

static void test_printable_replacements(void **state)
{
    (void)state;
    char text[] = "a\tb\nc\rd\ae" C1_CONTROL "f";
    text_make_printable(text, false);
    assert_string_equal(text, "a b c d?e?f");
    char wide[] = CJK_DAY "x" E_ACUTE "e" COMBINING_ACUTE;
    text_make_printable(wide, true);
    assert_string_equal(wide, "??x?e");
    char utf8[] = CJK_DAY E_ACUTE;
    text_make_printable(utf8, false);
    assert_string_equal(utf8, CJK_DAY E_ACUTE);
}

static void test_repair_replaces_only_bad_bytes(void **state)
{
    (void)state;
    bool repaired = true;
    char *same = text_repair_utf8("caf" E_ACUTE, 5, &repaired);
    assert_false(repaired);
    assert_string_equal(same, "caf" E_ACUTE);
    free(same);
    const char latin1[] = "caf\xe9 au lait\0end";
    char *fixed = text_repair_utf8(latin1, sizeof latin1 - 1, &repaired);
    assert_true(repaired);
    assert_string_equal(fixed, "caf" REPLACEMENT " au lait" REPLACEMENT "end");
    free(fixed);
}

/* Every wrapped line must be whole characters, even where not one character fits. */
static void test_wrap_never_splits_a_character(void **state)
{
    (void)state;
    const char *text = CJK_DAY CJK_DAY " " WOMAN "x" E_ACUTE "e" COMBINING_ACUTE;
    for (int width = 1; width <= 4; width++) {
        struct strlist lines = STRLIST_INIT;
        text_wrap(text, width, &lines);
        size_t total = 0;
        for (size_t i = 0; i < lines.count; i++) {
            assert_true(text_is_valid_utf8(lines.items[i], strlen(lines.items[i])));
            total += strlen(lines.items[i]);
        }
        assert_true(total >= strlen(text) - 1); /* only the blank at a break is dropped */
        strlist_release(&lines);
    }
}

static void test_wrap_at_width_one_gives_one_character_a_line(void **state)
{
    (void)state;
    struct strlist lines = STRLIST_INIT;
    text_wrap(CJK_DAY CJK_DAY, 1, &lines);
    assert_int_equal(lines.count, 2);
    assert_string_equal(lines.items[0], CJK_DAY);
    assert_string_equal(lines.items[1], CJK_DAY);
    strlist_release(&lines);
}

static void test_safe_for_the_terminal(void **state)
{
    (void)state;
    char out[12];
    assert_string_equal(text_safe("plain", out, sizeof out), "plain");
    assert_true(text_is_printable("caf\xc3\xa9", 5));
    assert_false(text_is_printable("a\x1b[31m", 6));
    assert_false(text_is_printable("\xc2\x9b", 2)); /* C1 */
    assert_false(text_is_printable("\xff", 1));
    assert_string_equal(text_safe("a\x1b]0;t\a\tb", out, sizeof out), "a?]0;t? b");
    assert_string_equal(text_safe("\xc2\x9b" "31m", out, sizeof out), "?31m"); /* C1 CSI */
    assert_string_equal(text_safe("exactly 11c", out, sizeof out), "exactly 11c");
    assert_string_equal(text_safe("twelve bytes", out, sizeof out), "twelve b...");
    /* "é" is two bytes at 7..8: the cut at 8 would split it. */
    assert_string_equal(text_safe("caf\xc3\xa9 au l\xc3\xa9\xc3\xa9t", out, sizeof out),
                        "caf\xc3\xa9 au...");
    assert_string_equal(text_safe("1234567\xc3\xa9xxxx", out, sizeof out), "1234567...");
}

static void test_decode_encode_and_width(void **state)
{
    (void)state;
    long code;
    assert_int_equal(text_decode("\xc3\xa9t\xc3\xa9", &code), 2);
    assert_int_equal(code, 0xE9);
    assert_int_equal(text_decode("", &code), 0);
    assert_int_equal(text_decode("\xff", &code), 1);
    assert_int_equal(code, -1);
    char out[4];
    assert_int_equal(text_encode(0x1F600, out), 4);
    assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
    assert_true(text_is_code_point(0x10FFFF));
    assert_false(text_is_code_point(0xD800));
    assert_false(text_is_code_point(0x110000));
    assert_int_equal(text_char_width('a'), 1);
    assert_int_equal(text_char_width(0x4E2D), 2); /* CJK */
    assert_int_equal(text_char_width(0x1B), 1);   /* ESC: one column, shown as '?' */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_never_splits_a_character),
        cmocka_unit_test(test_cut_after_truncating_snprintf),
        cmocka_unit_test(test_controls_take_one_column),
        cmocka_unit_test(test_printable_keeps_the_width),
        cmocka_unit_test(test_printable_replacements),
        cmocka_unit_test(test_repair_replaces_only_bad_bytes),
        cmocka_unit_test(test_wrap_never_splits_a_character),
        cmocka_unit_test(test_wrap_at_width_one_gives_one_character_a_line),
        cmocka_unit_test(test_safe_for_the_terminal),
        cmocka_unit_test(test_decode_encode_and_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
