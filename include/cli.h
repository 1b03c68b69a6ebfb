/*
 * cli.h - the command line parser every subcommand shares, and its usage errors.
 *
 * A subcommand describes itself once (struct cli_command: name, usage line, help text, how many
 * positional arguments it takes) and lists its options in a table of struct cli_option, each
 * pointing at where its value goes. cli_parse() then reads the arguments the same way for every
 * command, as getopt_long does:
 *   --name VALUE, --name=VALUE, -x VALUE, -xVALUE; flags may be grouped (-nf csv); a long name
 *   may be shortened as long as it stays unambiguous (--dry for --dry-run);
 *   options and positional arguments may come in any order, and `--` ends the options;
 *   "-" (standard input) and a negative number such as "-3" (a day offset) are positional;
 *   an option with one value given twice (--note a --note b) is a usage error, never last-wins;
 *   -h and --help print the usage line and the help text to stdout.
 * A usage error is printed to stderr as "gutskin: MESSAGE" then "usage: USAGE"; its exit status
 * is 2.
 */
#ifndef GUTSKIN_CLI_H
#define GUTSKIN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strlist.h"

/* cli_parse() found nothing wrong: the command goes on. Every other return is an exit status
 * (0 to 255), so the sentinel is none of those, nor the -1 that means failure elsewhere. */
#define CLI_GO_ON 256
/* No upper limit on the number of positional arguments. */
#define CLI_ANY SIZE_MAX

struct cli_command {
    const char *name;    /* "export", for messages ("option --x for export ..."); NULL for
                            gutskin's own options, before the command */
    const char *usage;   /* printed after "usage: ", e.g. "gutskin export [-o FILE]" */
    const char *help;    /* printed after the usage line by --help */
    size_t min_args;     /* positional arguments */
    size_t max_args;     /* or CLI_ANY */
    const char *missing; /* message for fewer than min_args; NULL: a generic one */
    const char *extra;   /* printf format, with one %s for the first argument too many; NULL:
                            "unexpected argument '%s' for NAME" */
    bool options_first;  /* options end at the first positional argument, which is left with
                            everything after it (gutskin's own options, then the command) */
};

/* One option. Exactly one of `flag`, `value` and `list` is set. A table ends with {0}. */
struct cli_option {
    const char *name;     /* long name without the dashes */
    char letter;          /* short name, or 0 */
    bool *flag;           /* set to true when the option is given */
    const char **value;   /* the option's value; given twice is a usage error */
    struct strlist *list; /* every value, in order, for an option that may be repeated */
    /* Only these values are accepted (NULL-terminated), or NULL for any. A value outside them is
     * "unknown NAME 'VALUE' (A, B or C)". */
    const char *const *choices;
};

/* The positional arguments, in order; they point into argv. */
struct cli_args {
    char **items;
    size_t count;
};

/* Reads argv[1..argc) against `options` (NULL: none). Returns CLI_GO_ON with `args` (may be NULL)
 * filled, 0 after printing the help, or 2 after printing a usage error. Like getopt_long, it
 * reorders argv: the positional arguments are moved to its end. */
int cli_parse(const struct cli_command *command, const struct cli_option *options, int argc,
              char **argv, struct cli_args *args);

/* Reads a date given on the command line: YYYY-MM-DD, today, yesterday or -N days before `today`
 * (a day number, see dates.h). Returns CLI_GO_ON, or 2 after the usage error "[OPTION ]'TEXT' is
 * not a date (...)"; `option` ("--from") may be NULL for a positional argument. */
int cli_parse_date(const struct cli_command *command, const char *option, const char *text,
                   int today, int *day_number);

/* Finds `given` among a command's `count` verbs (`noun` names them: "track"). Returns CLI_GO_ON
 * with its index in `*verb`, or 2 after the usage error "unknown NOUN command 'GIVEN' (a, b or
 * c)". */
int cli_pick_verb(const struct cli_command *command, const char *noun, const char *const *verbs,
                  size_t count, const char *given, size_t *verb);

/* Prints "gutskin: MESSAGE" and the command's usage line to stderr; returns 2, the exit status. */
int cli_usage_error(const struct cli_command *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif
