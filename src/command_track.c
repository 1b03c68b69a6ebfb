/*
 * command_track.c - `gutskin track`: the person's own foods, signs and habits, and hiding,
 * showing and renaming any item, without editing YAML (the store is tracked.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "numbers.h"
#include "paths.h"
#include "setup.h"
#include "text.h"
#include "tracked.h"

static const struct cli_command track_command = {
    .name = "track",
    .usage = "gutskin track list [--hidden] | add food NAME --category C [--plant] | add sign "
             "LABEL --group G | add habit LABEL --kind amount|scale|yes-no [--unit U --min A "
             "--max B --step S] [--when PHRASE] | hide [KIND] ID | show [KIND] ID | rename [KIND] "
             "ID NEW-LABEL",
    .help = "\nWhat the check-in tracks, made yours.\n\n"
            "  list [--hidden]          the items the check-in shows (--hidden: the hidden ones)\n"
            "  add food NAME --category C [--plant]\n"
            "                           a food of your own; --plant counts it as a plant\n"
            "  add sign LABEL --group G a sign rated 0-4 in a group (skin, digestive...)\n"
            "  add habit LABEL --kind amount|scale|yes-no [--unit U --min A --max B --step S]\n"
            "                           a habit: amount (default 0-10), scale (1-5) or yes-no;\n"
            "                           products and medicines are yes-no or amount habits\n"
            "      --when PHRASE        a yes-no habit: how Trends and the report say its days,\n"
            "                           after \"on days\" (--when \"you took zinc\")\n"
            "  hide [KIND] ID           leave an item out of the check-in (its data stays)\n"
            "  show [KIND] ID           bring a hidden item back\n"
            "  rename [KIND] ID LABEL   a new label; the id, and the data saved under it, stay\n\n"
            "Ids are made from the name (Oat milk -> oat-milk) and never change. ID may also be\n"
            "the item's label, in any case; KIND (food, sign or habit) settles an id that is\n"
            "both a food and a habit. Your items are kept in tracked.yaml in\n"
            "$XDG_CONFIG_HOME/gutskin/content; your own files there are never rewritten.\n",
    .min_args = 1,
    .max_args = 4,
    .missing = "missing track command (list, add, hide, show or rename)",
};

struct track_options {
    bool hidden, plant;
    const char *category, *group, *kind, *unit, *min, *max, *step, *when;
};

/* Which subcommand each option belongs to, for a clear usage error. */
static int check_options(const struct track_options *o, const char *what)
{
    struct {
        const char *name;
        bool given;
        const char *owner;
    } table[] = {
        {"--hidden", o->hidden, "list"},
        {"--plant", o->plant, "add food"},
        {"--category", o->category != NULL, "add food"},
        {"--group", o->group != NULL, "add sign"},
        {"--kind", o->kind != NULL, "add habit"},
        {"--unit", o->unit != NULL, "add habit"},
        {"--min", o->min != NULL, "add habit"},
        {"--max", o->max != NULL, "add habit"},
        {"--step", o->step != NULL, "add habit"},
        {"--when", o->when != NULL, "add habit"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].given && strcmp(table[i].owner, what) != 0)
            return cli_usage_error(&track_command, "%s is only for 'track %s'", table[i].name,
                                   table[i].owner);
    return CLI_GO_ON;
}

static void print_item(const struct content *content, enum content_kind kind, size_t index)
{
    char label[256];
    snprintf(label, sizeof label, "%s", content_item_label(content, kind, index));
    label[text_cut(label, sizeof label - 1)] = '\0';
    text_make_printable(label, false);
    const char *own = kind == CONTENT_FOOD   ? (content->foods[index].own ? "  (yours)" : "")
                      : kind == CONTENT_SIGN ? (content->signs[index].own ? "  (yours)" : "")
                                             : (content->habits[index].own ? "  (yours)" : "");
    /* A yes-no habit's phrase is how Trends and the report name its days: worth seeing. */
    char when[256] = "";
    if (kind == CONTENT_HABIT && content->habits[index].when != NULL) {
        snprintf(when, sizeof when, "  (on days %s)", content->habits[index].when);
        when[text_cut(when, sizeof when - 1)] = '\0';
        text_make_printable(when, false);
    }
    printf("    %-22s %s%s%s\n", content_item_id(content, kind, index), label, own, when);
}

static size_t list_signs(const struct content *content, bool hidden)
{
    size_t shown = 0;
    for (size_t g = 0; g < content->group_count; g++) {
        bool heading = false;
        for (size_t i = 0; i < content->sign_count; i++) {
            if (content->signs[i].group != g || content->signs[i].hidden != hidden)
                continue;
            if (!heading)
                printf("%sSigns: %s\n", shown ? "" : "", content->groups[g].name);
            heading = true;
            print_item(content, CONTENT_SIGN, i);
            shown++;
        }
    }
    return shown;
}

static size_t list_habits(const struct content *content, bool hidden)
{
    size_t shown = 0;
    for (size_t i = 0; i < content->habit_count; i++) {
        if (content->habits[i].hidden != hidden)
            continue;
        if (shown++ == 0)
            puts("Habits");
        print_item(content, CONTENT_HABIT, i);
    }
    return shown;
}

static size_t list_foods(const struct content *content, bool hidden)
{
    size_t shown = 0;
    for (size_t c = 0; c < content->category_count; c++) {
        bool heading = false;
        for (size_t i = 0; i < content->food_count; i++) {
            if (content->foods[i].category != c || content->foods[i].hidden != hidden)
                continue;
            if (!heading)
                printf("Foods: %s\n", content->categories[c].name);
            heading = true;
            print_item(content, CONTENT_FOOD, i);
            shown++;
        }
    }
    return shown;
}

static int track_list(const struct content *content, bool hidden)
{
    size_t shown =
        list_signs(content, hidden) + list_habits(content, hidden) + list_foods(content, hidden);
    if (hidden && shown == 0)
        puts("nothing is hidden");
    if (!hidden) {
        size_t count = 0;
        for (size_t i = 0; i < content->sign_count; i++)
            count += content->signs[i].hidden;
        for (size_t i = 0; i < content->habit_count; i++)
            count += content->habits[i].hidden;
        for (size_t i = 0; i < content->food_count; i++)
            count += content->foods[i].hidden;
        if (count > 0)
            printf("(%zu hidden: gutskin track list --hidden)\n", count);
    }
    return 0;
}

static int parse_number(const char *option, const char *text, double *value, struct error *err)
{
    *value = NAN;
    if (text == NULL)
        return 0;
    if (num_parse(text, value))
        return 0;
    double comma;
    if (num_parse_decimal_comma(text, &comma))
        return error_set(err, ERROR_USAGE, "%s '%s': write decimals with a point (7.5)", option,
                         text);
    return error_set(err, ERROR_USAGE, "%s '%s' is not a number", option, text);
}

static int habit_kind(const char *text, enum content_habit_kind *kind, struct error *err)
{
    static const char *const names[] = {"amount", "scale", "yes-no"};
    if (text == NULL)
        return error_set(err, ERROR_USAGE, "add habit needs --kind amount, scale or yes-no");
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *kind = (enum content_habit_kind)i;
            return 0;
        }
    return error_set(err, ERROR_USAGE, "unknown --kind '%s' (amount, scale or yes-no)", text);
}

static int habit_spec(const struct track_options *o, const char *label,
                      struct tracked_habit_spec *spec, struct error *err)
{
    spec->label = label;
    spec->unit = o->unit;
    spec->when = o->when;
    if (habit_kind(o->kind, &spec->kind, err) != 0 ||
        parse_number("--min", o->min, &spec->min, err) != 0 ||
        parse_number("--max", o->max, &spec->max, err) != 0 ||
        parse_number("--step", o->step, &spec->step, err) != 0)
        return -1;
    return 0;
}

static void print_added(const struct content *content, enum content_kind kind, const char *id)
{
    size_t index;
    enum content_kind found;
    if (tracked_find(content, content_kind_name(kind), id, &found, &index, NULL) != 0)
        return;
    if (kind == CONTENT_FOOD) {
        const struct content_food *food = &content->foods[index];
        printf("added food %s: %s (%s%s)\n", id, food->name,
               content->categories[food->category].name, food->plant ? ", a plant" : "");
    } else if (kind == CONTENT_SIGN) {
        printf("added sign %s: %s (%s, rated 0-4)\n", id, content->signs[index].label,
               content->groups[content->signs[index].group].name);
    } else {
        const struct content_habit *habit = &content->habits[index];
        if (habit->kind == CONTENT_HABIT_YES_NO && habit->when != NULL)
            printf("added habit %s: %s (yes or no; its days read \"on days %s\")\n", id,
                   habit->label, habit->when);
        else if (habit->kind == CONTENT_HABIT_YES_NO)
            printf("added habit %s: %s (yes or no)\n", id, habit->label);
        else
            printf("added habit %s: %s (%s%s%g to %g, step %g)\n", id, habit->label, habit->unit,
                   habit->unit[0] ? ", " : "", habit->min, habit->max, habit->step);
    }
}

static int track_add(struct content *content, const char *dir, const struct cli_args *args,
                     const struct track_options *o, struct error *err)
{
    if (args->count < 3)
        return error_set(err, ERROR_USAGE,
                         "add needs what and a name: add food NAME, add sign "
                         "LABEL or add habit LABEL");
    if (args->count > 3)
        return error_set(err, ERROR_USAGE,
                         "unexpected argument '%s' (quote a name with spaces: \"oat milk\")",
                         args->items[3]);
    const char *what = args->items[1], *name = args->items[2];
    char id[TRACKED_ID_SIZE];
    enum content_kind kind;
    int status;
    if (strcmp(what, "food") == 0) {
        if (o->category == NULL)
            return error_set(err, ERROR_USAGE, "add food needs --category");
        kind = CONTENT_FOOD;
        status = tracked_add_food(content, dir, name, o->category, o->plant, id, err);
    } else if (strcmp(what, "sign") == 0) {
        if (o->group == NULL)
            return error_set(err, ERROR_USAGE, "add sign needs --group");
        kind = CONTENT_SIGN;
        status = tracked_add_sign(content, dir, name, o->group, id, err);
    } else if (strcmp(what, "habit") == 0) {
        struct tracked_habit_spec spec;
        if (habit_spec(o, name, &spec, err) != 0)
            return -1;
        kind = CONTENT_HABIT;
        status = tracked_add_habit(content, dir, &spec, id, err);
    } else {
        return error_set(err, ERROR_USAGE, "cannot add '%s' (food, sign or habit)", what);
    }
    if (status == 0)
        print_added(content, kind, id);
    return status;
}

/* hide/show/rename take an optional kind word before the id. */
static int track_change(struct content *content, const char *dir, const struct cli_args *args,
                        struct error *err)
{
    const char *command = args->items[0];
    bool rename = strcmp(command, "rename") == 0;
    size_t wanted = rename ? 3 : 2;
    const char *word = args->count > wanted ? args->items[1] : NULL;
    if (args->count < wanted)
        return error_set(err, ERROR_USAGE,
                         rename ? "rename needs an id and a new label" : "%s needs an id", command);
    if (args->count > wanted + 1)
        return error_set(err, ERROR_USAGE, "unexpected argument '%s'", args->items[wanted + 1]);
    const char *id = args->items[args->count - wanted + 1];
    enum content_kind kind;
    size_t index;
    if (tracked_find(content, word, id, &kind, &index, err) != 0)
        return -1;
    char item_id[TRACKED_ID_SIZE];
    snprintf(item_id, sizeof item_id, "%s", content_item_id(content, kind, index));
    const char *kind_word = content_kind_name(kind);
    if (rename) {
        char *before = strdup(content_item_label(content, kind, index));
        int status =
            tracked_rename(content, dir, kind_word, item_id, args->items[args->count - 1], err);
        if (status == 0)
            printf("renamed %s %s: %s -> %s\n", kind_word, item_id, before,
                   content_item_label(content, kind, index));
        free(before);
        return status;
    }
    bool hide = strcmp(command, "hide") == 0;
    bool was = tracked_item_hidden(content, kind, index);
    if (tracked_set_hidden(content, dir, kind_word, item_id, hide, err) != 0)
        return -1;
    const char *label = content_item_label(content, kind, index);
    if (was == hide)
        printf("%s %s (%s) was already %s; nothing changed\n", kind_word, item_id, label,
               hide ? "hidden" : "shown");
    else if (hide)
        printf("hid %s %s (%s): the check-in leaves it out; its data stays in History, Trends, "
               "show and export\n",
               kind_word, item_id, label);
    else
        printf("showing %s %s (%s) in the check-in again\n", kind_word, item_id, label);
    return 0;
}

static int track_run(struct content *content, const struct cli_args *args,
                     const struct track_options *o, struct error *err)
{
    const char *command = args->items[0];
    char *dir = paths_user_content_dir();
    int status;
    if (strcmp(command, "add") == 0)
        status = track_add(content, dir, args, o, err);
    else
        status = track_change(content, dir, args, err);
    free(dir);
    return status;
}

int command_track(const struct command_options *options, int argc, char **argv)
{
    struct track_options o = {0};
    const struct cli_option table[] = {
        {"hidden", 0, &o.hidden, NULL, NULL, NULL},
        {"plant", 0, &o.plant, NULL, NULL, NULL},
        {"category", 'c', NULL, &o.category, NULL, NULL},
        {"group", 'g', NULL, &o.group, NULL, NULL},
        {"kind", 'k', NULL, &o.kind, NULL, NULL},
        {"unit", 0, NULL, &o.unit, NULL, NULL},
        {"min", 0, NULL, &o.min, NULL, NULL},
        {"max", 0, NULL, &o.max, NULL, NULL},
        {"step", 0, NULL, &o.step, NULL, NULL},
        {"when", 0, NULL, &o.when, NULL, NULL},
        {0},
    };
    struct cli_args args;
    int status = cli_parse(&track_command, table, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    const char *command = args.items[0];
    static const char *const commands[] = {"list", "add", "hide", "show", "rename"};
    size_t known = 0;
    status = cli_pick_verb(&track_command, "track", commands, sizeof commands / sizeof *commands,
                           command, &known);
    if (status != CLI_GO_ON)
        return status;
    status = check_options(
        &o, known == 1 ? (args.count > 1 ? (strcmp(args.items[1], "food") == 0   ? "add food"
                                            : strcmp(args.items[1], "sign") == 0 ? "add sign"
                                                                                 : "add habit")
                                         : "add")
                       : command);
    if (status != CLI_GO_ON)
        return status;
    if (known == 0 && args.count > 1)
        return cli_usage_error(&track_command, "unexpected argument '%s'", args.items[1]);
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    if (known == 0)
        status = track_list(content, o.hidden);
    else
        status = track_run(content, &args, &o, &err) == 0 ? 0 : -1;
    content_free(content);
    if (status >= 0)
        return status;
    if (err.kind == ERROR_USAGE)
        return cli_usage_error(&track_command, "%s", err.message);
    return setup_report_error(&err);
}
