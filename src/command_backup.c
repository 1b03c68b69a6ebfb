/* command_backup.c - `gutskin backup` (being built). */
#include <stdio.h>

#include "commands.h"

int command_backup(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'backup' is not built yet\n", stderr);
    return 1;
}
