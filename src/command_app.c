/* command_app.c - starts the full-screen app (being built). */
#include <stdio.h>

#include "commands.h"

int command_app(const struct command_options *options, int argc, char **argv)
{
    (void)options;
    (void)argc;
    (void)argv;
    fputs("gutskin: the full-screen app is not built yet\n", stderr);
    return 1;
}
