/* cli.c - the command line parser the subcommands share (see cli.h). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "text.h"
#include "xalloc.h"

/* -h and --help are understood by every command, so they are not in the commands' tables. */
static const struct cli_option help_option = {.name = "help", .letter = 'h'};

struct parser {
    const struct cli_command *command;
    const struct cli_option *options;
    size_t option_count;
    int argc;
    char **argv;
    int next;          /* the next argument to read */
    bool *positional;  /* per argument */
    size_t count;      /* of positional arguments */
    bool *given;       /* per option: its value was given already */
    char for_name[64]; /* " for export" in messages; "" for gutskin's own options */
};

static void print_usage(const struct cli_command *command, FILE *out)
{
    fprintf(out, "usage: %s\n", command->usage);
}

int cli_usage_error(const struct cli_command *command, const char *format, ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    /* The message quotes what was typed, which may hold escape sequences. */
    fputs("gutskin: ", stderr);
    text_put_safe(stderr, message, text_cut(message, sizeof message - 1));
    fputc('\n', stderr);
    print_usage(command, stderr);
    return 2;
}

int cli_pick_verb(const struct cli_command *command, const char *noun, const char *const *verbs,
                  size_t count, const char *given, size_t *verb)
{
    for (*verb = 0; *verb < count; (*verb)++)
        if (strcmp(verbs[*verb], given) == 0)
            return CLI_GO_ON;
    char list[256] = "";
    for (size_t i = 0; i < count; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i == 0 ? "" : i + 1 == count ? " or " : ", ", verbs[i]);
    return cli_usage_error(command, "unknown %s command '%s' (%s)", noun, given, list);
}

int cli_parse_date(const struct cli_command *command, const char *option, const char *text,
                   int today, int *day_number)
{
    if (date_parse_relative(text, today, day_number))
        return CLI_GO_ON;
    return cli_usage_error(command, "%s%s'%s' is not a date (YYYY-MM-DD, today, yesterday or -N)",
                           option ? option : "", option ? " " : "", text);
}

static int print_help(const struct cli_command *command)
{
    print_usage(command, stdout);
    if (command->help != NULL)
        fputs(command->help, stdout);
    return 0;
}

/* The table's options, then --help. */
static const struct cli_option *option_at(const struct parser *p, size_t i)
{
    return i < p->option_count ? &p->options[i] : &help_option;
}

/* The option whose long name is `name` (`length` bytes), else the only one it starts; NULL when
 * there is none (*matches 0) or several (*matches > 1). */
static const struct cli_option *find_long(const struct parser *p, const char *name, size_t length,
                                          size_t *matches)
{
    const struct cli_option *found = NULL;
    *matches = 0;
    for (size_t i = 0; i <= p->option_count; i++) {
        const struct cli_option *option = option_at(p, i);
        if (strncmp(option->name, name, length) != 0)
            continue;
        if (option->name[length] == '\0') {
            *matches = 1;
            return option;
        }
        found = option;
        ++*matches;
    }
    return *matches == 1 ? found : NULL;
}

static const struct cli_option *find_short(const struct parser *p, char letter)
{
    for (size_t i = 0; i <= p->option_count; i++)
        if (option_at(p, i)->letter == letter)
            return option_at(p, i);
    return NULL;
}

static int choice_error(const struct cli_command *command, const struct cli_option *option,
                        const char *value)
{
    char choices[256] = "";
    size_t used = 0;
    for (size_t i = 0; option->choices[i] != NULL && used < sizeof choices; i++) {
        const char *separator = i == 0 ? "" : option->choices[i + 1] == NULL ? " or " : ", ";
        used += (size_t)snprintf(choices + used, sizeof choices - used, "%s%s", separator,
                                 option->choices[i]);
    }
    return cli_usage_error(command, "unknown %s '%s' (%s)", option->name, value, choices);
}

static int store(const struct parser *p, const struct cli_option *option, const char *value)
{
    if (option->choices != NULL) {
        size_t i = 0;
        while (option->choices[i] != NULL && strcmp(option->choices[i], value) != 0)
            i++;
        if (option->choices[i] == NULL)
            return choice_error(p->command, option, value);
    }
    if (option->list != NULL) {
        strlist_push(option->list, value);
        return CLI_GO_ON;
    }
    /* `--note a --note b` keeping only b would drop what the person wrote first. */
    bool *given = &p->given[option - p->options];
    if (*given)
        return cli_usage_error(p->command, "option --%s%s is given twice; give it once",
                               option->name, p->for_name);
    *given = true;
    *option->value = value;
    return CLI_GO_ON;
}

static int set_flag(const struct parser *p, const struct cli_option *option)
{
    if (option == &help_option)
        return print_help(p->command);
    *option->flag = true;
    return CLI_GO_ON;
}

/* The value is the next argument, whatever it looks like: `--date -3` is a date. */
static int take_next(struct parser *p, const struct cli_option *option, bool spelled_long)
{
    if (p->next < p->argc)
        return store(p, option, p->argv[p->next++]);
    if (spelled_long)
        return cli_usage_error(p->command, "option --%s%s needs a value", option->name,
                               p->for_name);
    return cli_usage_error(p->command, "option -%c%s needs a value", option->letter, p->for_name);
}

static int take_long(struct parser *p, const char *arg)
{
    const char *name = arg + 2, *equals = strchr(name, '=');
    size_t length = equals != NULL ? (size_t)(equals - name) : strlen(name), matches;
    const struct cli_option *option = find_long(p, name, length, &matches);
    if (option == NULL)
        return cli_usage_error(p->command, "%s option --%.*s%s",
                               matches > 1 ? "ambiguous" : "unknown", (int)length, name,
                               p->for_name);
    bool is_flag = option == &help_option || option->flag != NULL;
    if (is_flag && equals != NULL)
        return cli_usage_error(p->command, "option --%s%s takes no value", option->name,
                               p->for_name);
    if (is_flag)
        return set_flag(p, option);
    if (equals != NULL)
        return store(p, option, equals + 1);
    return take_next(p, option, true);
}

/* "-nf csv", "-fcsv": flags, then at most one option with a value, which takes the rest. */
static int take_short(struct parser *p, const char *arg)
{
    for (const char *c = arg + 1; *c != '\0'; c++) {
        const struct cli_option *option = find_short(p, *c);
        if (option == NULL && c == arg + 1)
            return cli_usage_error(p->command, "unknown option %s%s", arg, p->for_name);
        if (option == NULL)
            return cli_usage_error(p->command, "unknown option -%c%s", *c, p->for_name);
        if (option != &help_option && option->flag == NULL)
            return c[1] != '\0' ? store(p, option, c + 1) : take_next(p, option, false);
        int status = set_flag(p, option);
        if (status != CLI_GO_ON)
            return status;
    }
    return CLI_GO_ON;
}

static bool is_positional(const char *arg)
{
    return arg[0] != '-' || arg[1] == '\0' || (arg[1] >= '0' && arg[1] <= '9');
}

/* A stable partition of argv[1..argc): everything else first, then the positional arguments. */
static void move_positional_last(struct parser *p)
{
    if (p->count == 0)
        return;
    char **copy = xmalloc((size_t)p->argc * sizeof *copy);
    memcpy(copy, p->argv, (size_t)p->argc * sizeof *copy);
    int written = 1;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i < p->argc; i++)
            if (p->positional[i] == (pass == 1))
                p->argv[written++] = copy[i];
    free(copy);
}

static int check_count(const struct parser *p, struct cli_args *args)
{
    const struct cli_command *command = p->command;
    char **items = p->argv + (p->argc - (int)p->count);
    if (p->count < command->min_args && command->missing != NULL)
        return cli_usage_error(command, "%s", command->missing);
    if (p->count < command->min_args)
        return cli_usage_error(command, "missing argument%s", p->for_name);
    if (p->count > command->max_args && command->extra != NULL)
        return cli_usage_error(command, command->extra, items[command->max_args]);
    if (p->count > command->max_args)
        return cli_usage_error(command, "unexpected argument '%s'%s", items[command->max_args],
                               p->for_name);
    if (args != NULL) {
        args->items = items;
        args->count = p->count;
    }
    return CLI_GO_ON;
}

int cli_parse(const struct cli_command *command, const struct cli_option *options, int argc,
              char **argv, struct cli_args *args)
{
    struct parser p = {
        .command = command, .options = options, .argc = argc, .argv = argv, .next = 1};
    while (options != NULL && options[p.option_count].name != NULL)
        p.option_count++;
    p.positional = xcalloc((size_t)argc + 1, sizeof *p.positional);
    p.given = xcalloc(p.option_count + 1, sizeof *p.given);
    if (command->name != NULL)
        snprintf(p.for_name, sizeof p.for_name, " for %s", command->name);
    bool options_done = false;
    int status = CLI_GO_ON;
    while (status == CLI_GO_ON && p.next < argc) {
        int i = p.next++;
        const char *arg = argv[i];
        if (options_done || is_positional(arg)) {
            p.positional[i] = true;
            p.count++;
            options_done = options_done || command->options_first;
        } else if (strcmp(arg, "--") == 0) {
            options_done = true;
        } else {
            status = arg[1] == '-' ? take_long(&p, arg) : take_short(&p, arg);
        }
    }
    if (status == CLI_GO_ON) {
        move_positional_last(&p);
        status = check_count(&p, args);
    }
    free(p.positional);
    free(p.given);
    return status;
}
