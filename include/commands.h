/*
 * commands.h - the subcommands of the gutskin command line.
 *
 * Each subcommand lives in its own src/command_<name>.c and is called by main() with the
 * arguments after the global options, `argv[0]` being the subcommand's name. Global options
 * (--db, --content) are passed in `struct command_options`. The return value is the process exit
 * status: 0 success, 1 a problem with the user's data or input, 2 a usage error. Messages go to
 * stderr and start with "gutskin: ".
 */
#ifndef GUTSKIN_COMMANDS_H
#define GUTSKIN_COMMANDS_H

struct command_options {
    const char *db_path;     /* --db, or NULL */
    const char *content_dir; /* --content, or NULL */
};

int command_content(const struct command_options *options, int argc, char **argv);
int command_log(const struct command_options *options, int argc, char **argv);
int command_show(const struct command_options *options, int argc, char **argv);
int command_export(const struct command_options *options, int argc, char **argv);
int command_import(const struct command_options *options, int argc, char **argv);
int command_report(const struct command_options *options, int argc, char **argv);
int command_merge(const struct command_options *options, int argc, char **argv);
int command_backup(const struct command_options *options, int argc, char **argv);
int command_restore(const struct command_options *options, int argc, char **argv);
int command_check(const struct command_options *options, int argc, char **argv);
int command_status(const struct command_options *options, int argc, char **argv);
int command_track(const struct command_options *options, int argc, char **argv);
int command_demo(const struct command_options *options, int argc, char **argv);
int command_experiment(const struct command_options *options, int argc, char **argv);

/* The full-screen app (no subcommand). */
int command_app(const struct command_options *options, int argc, char **argv);

#endif
