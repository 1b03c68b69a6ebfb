/* command_demo.c - `gutskin demo` (being built). */
#include <stdio.h>

#include "commands.h"

int command_demo(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'demo' is not built yet\n", stderr);
    return 1;
}
