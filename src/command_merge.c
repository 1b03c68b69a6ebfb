/* command_merge.c - `gutskin merge` (being built). */
#include <stdio.h>

#include "commands.h"

int command_merge(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'merge' is not built yet\n", stderr);
    return 1;
}
