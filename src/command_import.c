/* command_import.c - `gutskin import` (being built). */
#include <stdio.h>

#include "commands.h"

int command_import(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'import' is not built yet\n", stderr);
    return 1;
}
