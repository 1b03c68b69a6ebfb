/*
 * command_show.c - `gutskin show`: one day of the journal as readable text.
 *
 * Readings are shown with the content's labels, grouped the way the check-in groups them;
 * readings and foods whose ids the content no longer defines are still shown, by id, so that
 * nothing saved is hidden.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "content.h"
#include "dates.h"
#include "day.h"
#include "journal.h"
#include "numbers.h"
#include "setup.h"
#include "text.h"
#include "xalloc.h"

static const struct cli_command show_command = {
    .name = "show",
    .usage = "gutskin show [DATE]",
    .help = "\nPrints a saved day: symptoms by group with their severity, habits with\n"
            "their units, foods by category, and the note.\n\n"
            "  DATE        YYYY-MM-DD, today, yesterday or -N days (default: today)\n"
            "  -h, --help  show this help\n\n"
            "Exit status: 0 shown, 1 nothing is saved for that day (or the journal\n"
            "cannot be read), 2 a usage error.\n",
    .max_args = 1,
};

/* Content labels and ids come from files anyone may have written: printed through text.h's
 * rule, an ESC in them cannot reach the terminal. */
static void put(const char *before, const char *text, const char *after)
{
    fputs(before, stdout);
    text_put_safe(stdout, text, strlen(text));
    fputs(after, stdout);
}

/* Prints `heading` once, before the first line under it. */
static void heading_once(const char *heading, bool *printed)
{
    if (!*printed)
        printf("\n%s\n", heading);
    *printed = true;
}

static void show_symptoms(const struct content *content, const struct day *day)
{
    bool printed = false;
    double value;
    for (size_t g = 0; g < content->group_count; g++) {
        bool group_printed = false;
        for (size_t i = 0; i < content->sign_count; i++) {
            const struct content_sign *sign = &content->signs[i];
            if (sign->group != g || !day_get_reading(day, sign->id, &value))
                continue;
            heading_once("Symptoms", &printed);
            if (!group_printed)
                put("  ", content->groups[g].name, "\n");
            group_printed = true;
            const char *word = content_severity_word((int)value);
            char number[NUM_TEXT_SIZE];
            num_format(value, number);
            put("    ", sign->label, ": ");
            printf("%s%s%s%s\n", word, word[0] ? " (" : "", number, word[0] ? ")" : "");
        }
    }
}

static void show_habit(const struct content_habit *habit, double value)
{
    char number[NUM_TEXT_SIZE], low[NUM_TEXT_SIZE], high[NUM_TEXT_SIZE], unit[NUM_UNIT_SIZE];
    num_format(value, number);
    num_format(habit->min, low);
    num_format(habit->max, high);
    put("  ", habit->label, ": ");
    if (habit->kind == CONTENT_HABIT_YES_NO)
        printf("%s\n", value != 0 ? "yes" : "no");
    else if (content_choice_word(habit, value) != NULL) {
        printf("%s", number);
        put(" (", content_choice_word(habit, value), ")\n");
    } else if (habit->kind == CONTENT_HABIT_SCALE || habit->kind == CONTENT_HABIT_CHOICE)
        printf("%s (%s to %s)\n", number, low, high);
    else {
        printf("%s", number);
        put(" ", num_unit(number, habit->unit, unit), "\n");
    }
}

static void show_habits(const struct content *content, const struct day *day)
{
    bool printed = false;
    double value;
    for (size_t i = 0; i < content->habit_count; i++) {
        if (!day_get_reading(day, content->habits[i].id, &value))
            continue;
        heading_once("Habits", &printed);
        show_habit(&content->habits[i], value);
    }
}

static void show_food(const struct content_food *food, double servings, bool first)
{
    char number[NUM_TEXT_SIZE];
    num_format(servings, number);
    put(first ? "" : ", ", food->name, "");
    if (servings != 1)
        printf(" (%s servings)", number);
}

static void show_foods(const struct content *content, const struct day *day)
{
    bool printed = false;
    double servings;
    for (size_t c = 0; c < content->category_count; c++) {
        bool first = true;
        for (size_t i = 0; i < content->food_count; i++) {
            const struct content_food *food = &content->foods[i];
            if (food->category != c || !day_get_food(day, food->id, &servings))
                continue;
            heading_once("Foods", &printed);
            if (first)
                put("  ", content->categories[c].name, ": ");
            show_food(food, servings, first);
            first = false;
        }
        if (!first)
            putchar('\n');
    }
}

/* Readings and foods the content does not define (retired ids, another person's content). */
static void show_unknown(const struct content *content, const struct day *day)
{
    bool printed = false;
    char number[NUM_TEXT_SIZE];
    const char *heading = "Not in the content";
    for (size_t i = 0; i < day->reading_count; i++) {
        if (content_metric_label(content, day->readings[i].id) != NULL)
            continue;
        heading_once(heading, &printed);
        num_format(day->readings[i].value, number);
        put("  ", day->readings[i].id, ": ");
        printf("%s\n", number);
    }
    for (size_t i = 0; i < day->food_count; i++) {
        if (content_find_food(content, day->foods[i].id) != NULL)
            continue;
        heading_once(heading, &printed);
        num_format(day->foods[i].value, number);
        put("  food ", day->foods[i].id, ": ");
        printf("%s\n", number);
    }
}

/* The note, indented, line by line. Control characters are shown as '?' and a Windows line end
 * as a line end: a note imported from someone's file could otherwise hold escape sequences the
 * terminal would obey. */
static void show_note(const char *note)
{
    if (note == NULL)
        return;
    fputs("\nNote\n", stdout);
    for (const char *line = note; *line != '\0';) {
        size_t length = strcspn(line, "\n");
        fputs("  ", stdout);
        text_put_safe(stdout, line, length > 0 && line[length - 1] == '\r' ? length - 1 : length);
        putchar('\n');
        line += length + (line[length] == '\n');
    }
}

static void show_day(const struct content *content, const struct day *day, const char *date)
{
    char long_date[DATE_LONG_SIZE];
    date_format_long(day->day_number, long_date);
    printf("%s (%s)\n", long_date, date);
    show_symptoms(content, day);
    show_habits(content, day);
    show_foods(content, day);
    show_unknown(content, day);
    show_note(day->note);
}

/* Loads and prints the day; returns the exit status. */
static int show_saved_day(const struct command_options *options, const char *date, int day_number)
{
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    struct journal *journal = setup_open_journal_for_reading(options, &err);
    int found = -1;
    struct day day;
    day_init(&day, day_number);
    if (journal != NULL) {
        setup_print_journal_warning(journal);
        found = journal_load_day(journal, day_number, &day, &err);
        journal_close(journal);
    }
    int status = found < 0 ? setup_report_error(&err) : 0;
    if (found == 0) {
        fprintf(stderr, "gutskin: nothing logged on %s\n", date);
        status = 1;
    } else if (found > 0) {
        show_day(content, &day, date);
    }
    day_release(&day);
    content_free(content);
    return status;
}

int command_show(const struct command_options *options, int argc, char **argv)
{
    struct cli_args args;
    int status = cli_parse(&show_command, NULL, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    const char *text = args.count > 0 ? args.items[0] : "today";
    int day_number;
    char date[DATE_TEXT_SIZE];
    status = cli_parse_date(&show_command, NULL, text, date_today(), &day_number);
    if (status != CLI_GO_ON)
        return status;
    date_format(day_number, date);
    return show_saved_day(options, date, day_number);
}
