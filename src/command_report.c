/* command_report.c - `gutskin report` (being built). */
#include <stdio.h>

#include "commands.h"

int command_report(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: 'report' is not built yet\n", stderr);
    return 1;
}
