/*
 * dates.h - local calendar dates.
 *
 * A day in the journal is a local calendar date written `YYYY-MM-DD`. Internally dates are
 * counted as days since 1970-01-01 (a "day number"), which makes ranges and lags plain integer
 * arithmetic. The proleptic Gregorian calendar is used throughout; years 1000 to 9999 are accepted.
 */
#ifndef GUTSKIN_DATES_H
#define GUTSKIN_DATES_H

#include <limits.h>
#include <stdbool.h>

#define DATE_TEXT_SIZE 11 /* "YYYY-MM-DD" and its terminator */
#define DATE_LONG_SIZE 20 /* "Sun 15 Mar 2026" and its terminator, with room to spare */
/* The years date_parse() accepts. */
#define DATE_FIRST_YEAR 1000
#define DATE_LAST_YEAR 9999

/* "No day": a day number that is never a date. An open end of a range, a journal with no days. */
#define DATE_NONE INT_MIN

/* True when the day number is a date date_parse() accepts (years DATE_FIRST_YEAR..LAST_YEAR). */
bool date_is_valid(int day_number);

/* Parses exactly `YYYY-MM-DD` into a day number. Returns false for anything else, including
 * impossible dates such as 2025-02-29. */
bool date_parse(const char *text, int *day_number);

/* Parses what a person might type: `YYYY-MM-DD`, `today`, `yesterday`, or a signed offset in days
 * such as `-3`. `today` is the reference day number. */
bool date_parse_relative(const char *text, int today, int *day_number);

/* Writes `YYYY-MM-DD` into `out` (DATE_TEXT_SIZE bytes). */
void date_format(int day_number, char out[DATE_TEXT_SIZE]);

/* Builds a day number from its parts; no validation. */
int date_from_parts(int year, int month, int day);
void date_to_parts(int day_number, int *year, int *month, int *day);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(int day_number);

/* The Monday on or before the day; the first of its month. */
int date_week_start(int day_number);
int date_month_start(int day_number);

/* The first day of the month `months` months after the month of `day_number`. */
int date_add_months(int day_number, int months);

/* Today in the local time zone. The environment variable GUTSKIN_TODAY (`YYYY-MM-DD`) overrides
 * it, so that tests and demos see a fixed calendar. */
int date_today(void);

/* "Sun 15 Mar 2026": the one long form of a date, in the check-in, the guides, the charts and
 * `show`. */
void date_format_long(int day_number, char out[DATE_LONG_SIZE]);

/* Short English names: "Mon", "Jan". */
const char *date_weekday_name(int weekday);
const char *date_month_name(int month);

#endif
