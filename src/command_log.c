/* command_log.c - `gutskin log` (being built). */
#include <stdio.h>

#include "commands.h"

int command_log(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'log' is not built yet\n", stderr);
    return 1;
}
