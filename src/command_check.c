/* command_check.c - `gutskin check` (being built). */
#include <stdio.h>

#include "commands.h"

int command_check(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'check' is not built yet\n", stderr);
    return 1;
}
