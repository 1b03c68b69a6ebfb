/*
 * numbers.c - locale-free reading, writing and step checks of numbers (see numbers.h).
 */
#include "numbers.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longer text is refused: no number a person or a file means needs more. */
#define NUM_MAX_TEXT 64
/* How far from a whole number of steps a value may be and still count as on a step. */
#define NUM_STEP_TOLERANCE 1e-9

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skips digits; returns how many there were. */
static size_t skip_digits(const char **text)
{
    size_t count = 0;
    while (is_digit(**text)) {
        (*text)++;
        count++;
    }
    return count;
}

/* [+-] digits [. digits] [e [+-] digits], with at least one digit before the exponent. */
static bool plain_number_syntax(const char *text)
{
    if (*text == '+' || *text == '-')
        text++;
    size_t digits = skip_digits(&text);
    if (*text == '.') {
        text++;
        digits += skip_digits(&text);
    }
    if (digits == 0)
        return false;
    if (*text == 'e' || *text == 'E') {
        text++;
        if (*text == '+' || *text == '-')
            text++;
        if (skip_digits(&text) == 0)
            return false;
    }
    return *text == '\0';
}

bool num_parse(const char *text, double *value)
{
    if (strlen(text) >= NUM_MAX_TEXT || !plain_number_syntax(text))
        return false;
    /* strtod reads the locale's decimal point: swap the text's '.' for it. */
    const char *point = localeconv()->decimal_point;
    char local[NUM_MAX_TEXT + 8];
    const char *dot = strchr(text, '.');
    if (dot != NULL && point != NULL && strcmp(point, ".") != 0 && strlen(point) <= 4)
        snprintf(local, sizeof local, "%.*s%s%s", (int)(dot - text), text, point, dot + 1);
    else
        snprintf(local, sizeof local, "%s", text);
    char *end;
    double parsed = strtod(local, &end);
    if (*end != '\0' || !isfinite(parsed))
        return false;
    *value = parsed == 0 ? 0 : parsed;
    return true;
}

bool num_parse_decimal_comma(const char *text, double *value)
{
    const char *comma = strchr(text, ',');
    size_t length = strlen(text);
    if (comma == NULL || strchr(comma + 1, ',') != NULL || strchr(text, '.') != NULL ||
        length >= NUM_MAX_TEXT)
        return false;
    char dotted[NUM_MAX_TEXT];
    memcpy(dotted, text, length + 1);
    dotted[comma - text] = '.';
    return num_parse(dotted, value);
}

/* printf writes the locale's decimal point ("," in many locales); gutskin always writes ".". */
static void use_dot_decimal(char *text)
{
    const char *point = localeconv()->decimal_point;
    size_t length = point ? strlen(point) : 0;
    if (length == 0 || strcmp(point, ".") == 0)
        return;
    char *found = strstr(text, point);
    if (found == NULL)
        return;
    *found = '.';
    memmove(found + 1, found + length, strlen(found + length) + 1);
}

void num_format(double value, char out[NUM_TEXT_SIZE])
{
    if (value == 0)
        value = 0; /* no "-0" */
    /* 15 significant digits are enough for nearly every value a person logs; 17 always are. */
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(out, NUM_TEXT_SIZE, "%.*g", precision, value);
        if (precision == 17 || strtod(out, NULL) == value)
            break;
    }
    use_dot_decimal(out);
}

const char *num_unit(const char *number, const char *unit, char out[NUM_UNIT_SIZE])
{
    size_t length = strlen(unit);
    if (strcmp(number, "1") != 0 || length < 2 || length >= NUM_UNIT_SIZE ||
        unit[length - 1] != 's' || unit[length - 2] == 's')
        return unit;
    /* "glasses" loses "es", "hours" and "times" lose "s". */
    bool sses = length > 4 && strcmp(unit + length - 4, "sses") == 0;
    memcpy(out, unit, length);
    out[length - (sses ? 2 : 1)] = '\0';
    return out;
}

bool num_step_ok(double value, double min, double step)
{
    if (step <= 0)
        return true;
    double steps = (value - min) / step;
    return fabs(steps - round(steps)) <= NUM_STEP_TOLERANCE * fmax(1, fabs(steps));
}
