/*
 * dates.c - local calendar dates as day numbers.
 *
 * The conversions use the usual era arithmetic of the proleptic Gregorian calendar (400-year
 * eras of 146097 days, years counted from March so that the leap day comes last).
 */
#include "dates.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_from_parts(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int year_of_era = y - era * 400;
    int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void date_to_parts(int day_number, int *year, int *month, int *day)
{
    int z = day_number + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int day_of_era = z - era * 146097;
    int year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int month_index = (5 * day_of_year + 2) / 153;
    int d = day_of_year - (153 * month_index + 2) / 5 + 1;
    int m = month_index < 10 ? month_index + 3 : month_index - 9;
    *year = year_of_era + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

static bool all_digits(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (!isdigit((unsigned char)text[i]))
            return false;
    return true;
}

bool date_parse(const char *text, int *day_number)
{
    if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!all_digits(text, 4) || !all_digits(text + 5, 2) || !all_digits(text + 8, 2))
        return false;
    int year = atoi(text);
    int month = atoi(text + 5);
    int day = atoi(text + 8);
    if (year < DATE_FIRST_YEAR || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    int number = date_from_parts(year, month, day);
    int y, m, d;
    date_to_parts(number, &y, &m, &d);
    if (y != year || m != month || d != day)
        return false; /* 2025-02-29 rolls over to March: not a real date */
    *day_number = number;
    return true;
}

bool date_is_valid(int day_number)
{
    return day_number >= date_from_parts(DATE_FIRST_YEAR, 1, 1) &&
           day_number <= date_from_parts(DATE_LAST_YEAR, 12, 31);
}

bool date_parse_relative(const char *text, int today, int *day_number)
{
    if (text == NULL)
        return false;
    if (strcmp(text, "today") == 0) {
        *day_number = today;
        return true;
    }
    if (strcmp(text, "yesterday") == 0) {
        *day_number = today - 1;
        return true;
    }
    if ((text[0] == '-' || text[0] == '+') && text[1] != '\0' &&
        all_digits(text + 1, strlen(text + 1))) {
        errno = 0;
        long offset = strtol(text, NULL, 10);
        if (errno != 0 || offset < -36500 || offset > 36500)
            return false;
        *day_number = today + (int)offset;
        return true;
    }
    return date_parse(text, day_number);
}

void date_format(int day_number, char out[DATE_TEXT_SIZE])
{
    int year, month, day;
    date_to_parts(day_number, &year, &month, &day);
    if (year < 0 || year > 9999) {
        snprintf(out, DATE_TEXT_SIZE, "0000-00-00");
        return;
    }
    /* The remainders change no valid date; they let the compiler see that the text fits. */
    snprintf(out, DATE_TEXT_SIZE, "%04u-%02u-%02u", (unsigned)year % 10000u,
             (unsigned)month % 100u, (unsigned)day % 100u);
}

int date_weekday(int day_number)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int weekday = (day_number + 3) % 7;
    return weekday < 0 ? weekday + 7 : weekday;
}

int date_week_start(int day_number)
{
    return day_number - date_weekday(day_number);
}

int date_month_start(int day_number)
{
    int year, month, day;
    date_to_parts(day_number, &year, &month, &day);
    return day_number - (day - 1);
}

int date_add_months(int day_number, int months)
{
    int year, month, day;
    date_to_parts(day_number, &year, &month, &day);
    int index = year * 12 + (month - 1) + months;
    int new_year = index / 12;
    int new_month = index % 12;
    if (new_month < 0) {
        new_month += 12;
        new_year -= 1;
    }
    return date_from_parts(new_year, new_month + 1, 1);
}

int date_today(void)
{
    const char *fixed = getenv("GUTSKIN_TODAY");
    int day_number;
    if (fixed != NULL && date_parse(fixed, &day_number))
        return day_number;
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    return date_from_parts(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

const char *date_weekday_name(int weekday)
{
    static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "";
}

const char *date_month_name(int month)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? names[month - 1] : "";
}

void date_format_long(int day_number, char out[DATE_LONG_SIZE])
{
    int year, month, day;
    date_to_parts(day_number, &year, &month, &day);
    /* Years outside 0-9999 are never shown; the remainders let the compiler see the text fits. */
    snprintf(out, DATE_LONG_SIZE, "%s %u %s %u", date_weekday_name(date_weekday(day_number)),
             (unsigned)day % 100u, date_month_name(month), (unsigned)year % 10000u);
}
