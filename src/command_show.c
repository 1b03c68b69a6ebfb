/* command_show.c - `gutskin show` (being built). */
#include <stdio.h>

#include "commands.h"

int command_show(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'show' is not built yet\n", stderr);
    return 1;
}
