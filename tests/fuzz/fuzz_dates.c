/*
 * fuzz_dates.c - libFuzzer target for the date parsers, with properties checked on every input:
 * a date date_parse() accepts is formatted back to exactly the same text and splits into parts
 * that build the same day number; date_parse_relative() agrees with date_parse() on such text.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_TODAY 20527 /* 2026-03-15 */

static void fuzz_dates_check(bool ok, const char *what, const char *text)
{
    if (!ok) {
        fprintf(stderr, "property failed: %s for \"%s\"\n", what, text);
        abort();
    }
}

static void fuzz_dates_check_accepted(const char *text, int day)
{
    char back[DATE_TEXT_SIZE];
    date_format(day, back);
    fuzz_dates_check(strcmp(back, text) == 0, "date_format(date_parse(x)) == x", text);
    int year, month, mday;
    date_to_parts(day, &year, &month, &mday);
    fuzz_dates_check(date_from_parts(year, month, mday) == day, "parts round trip", text);
    fuzz_dates_check(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && mday >= 1 &&
                         mday <= 31,
                     "parts in range", text);
    int weekday = date_weekday(day);
    fuzz_dates_check(weekday >= 0 && weekday <= 6, "weekday in range", text);
    fuzz_dates_check(date_week_start(day) <= day && day - date_week_start(day) < 7, "week start",
                     text);
    fuzz_dates_check(date_month_start(day) <= day && day - date_month_start(day) < 31,
                     "month start", text);
    int relative;
    fuzz_dates_check(date_parse_relative(text, FUZZ_TODAY, &relative) && relative == day,
                     "date_parse_relative agrees", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64)
        return 0;
    char text[65];
    memcpy(text, data, size);
    text[size] = '\0';
    int day;
    if (date_parse(text, &day))
        fuzz_dates_check_accepted(text, day);
    int relative;
    if (date_parse_relative(text, FUZZ_TODAY, &relative)) {
        char back[DATE_TEXT_SIZE];
        date_format(relative, back); /* must not overflow or crash for any accepted offset */
    }
    return 0;
}
