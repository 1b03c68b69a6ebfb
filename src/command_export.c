/* command_export.c - `gutskin export` (being built). */
#include <stdio.h>

#include "commands.h"

int command_export(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'export' is not built yet\n", stderr);
    return 1;
}
