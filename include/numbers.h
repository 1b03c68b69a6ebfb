/*
 * numbers.h - the one home of how gutskin reads, writes and checks numbers, whatever the locale.
 *
 * Every number a person types (the check-in, `gutskin log`) or a file holds (import, content,
 * export) goes through here, so that they all accept the same things: plain decimal notation
 * with a `.` point, never hexadecimal, "inf" or "nan", and the same tolerance for "on a step".
 */
#ifndef GUTSKIN_NUMBERS_H
#define GUTSKIN_NUMBERS_H

#include <stdbool.h>

/* Room for any number num_format() writes. */
#define NUM_TEXT_SIZE 32

/* Reads `text` when it is all of [+-] digits [. digits] [e [+-] digits] with at least one digit
 * before the exponent, and the value is finite. "-0" reads as 0. Locale-independent. */
bool num_parse(const char *text, double *value);

/* Reads a number written with a decimal comma ("7,5", one comma, no point); false otherwise.
 * For messages that tell the person to write a point, and for files that use commas. */
bool num_parse_decimal_comma(const char *text, double *value);

/* Shortest text that reads back as exactly `value` ("7.5", "3", "0.1"), with a `.` point
 * whatever the locale, and never "-0". */
void num_format(double value, char out[NUM_TEXT_SIZE]);

/* True when `value` is a whole number of `step`s above `min` (within rounding: one part in 1e9
 * of the number of steps); any value is on a step when `step` is not more than 0. */
bool num_step_ok(double value, double min, double step);

/* Room for a unit num_unit() makes singular; a longer unit is left as it is. */
#define NUM_UNIT_SIZE 64

/* The unit as it reads after `number` (as num_format wrote it): after "1", a plural ending in s
 * reads singular ("1 hour", "1 glass", "1 time"), written into `out`; otherwise it returns
 * `unit` itself ("2 hours", "1 mg", "1.5 glasses"). */
const char *num_unit(const char *number, const char *unit, char out[NUM_UNIT_SIZE]);

#endif
