/*
 * command_demo.c - `gutskin demo [--reset]`: the app on a separate journal of sample check-ins.
 *
 * The demo journal lives beside the default journal as demo.db (or at --db). It is filled once,
 * with about four months of generated days ending today, so that the charts and insights have
 * something to show; --reset empties it and fills it again. The user's own journal is never
 * opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "content.h"
#include "dates.h"
#include "fileio.h"
#include "journal.h"
#include "paths.h"
#include "sample.h"
#include "setup.h"
#include "xalloc.h"

#define DEMO_DAYS 120
#define DEMO_SEED UINT64_C(20260301)

static const struct cli_command demo_command = {
    .name = "demo",
    .usage = "gutskin [--db PATH] demo [--reset]",
    .help = "\n"
            "Opens gutskin on a demo journal of made-up check-ins (about four months, ending\n"
            "today), to try the charts and insights before you have data of your own. The demo\n"
            "journal is a separate file, $XDG_DATA_HOME/gutskin/demo.db (or PATH); your own\n"
            "journal is never opened. It is filled the first time; changes you make stay.\n"
            "The demo marks the journal it creates and refuses any other existing file.\n"
            "\n"
            "Options:\n"
            "  --reset      empty the demo journal and fill it again with days ending today\n"
            "  -h, --help   show this help and exit\n",
};

/* $XDG_DATA_HOME/gutskin/demo.db, else ~/.local/share/gutskin/demo.db: the default journal's
 * folder even when $GUTSKIN_DB points the journal elsewhere. */
static char *demo_path(const char *option, struct error *err)
{
    if (option != NULL && option[0] != '\0')
        return xstrdup(option);
    const char *data = getenv("XDG_DATA_HOME");
    if (data != NULL && data[0] == '/')
        return xprintf("%s/gutskin/demo.db", data);
    const char *home = getenv("HOME");
    if (home != NULL && home[0] != '\0')
        return xprintf("%s/.local/share/gutskin/demo.db", home);
    error_set(err, ERROR_SYSTEM,
              "cannot find a place for the demo journal: neither XDG_DATA_HOME nor HOME is set "
              "(use --db PATH)");
    return NULL;
}

/* The demo writes freely into its journal: never let that be the person's own, its -wal or
 * -shm, or a link to them. */
static int refuse_own_journal(const char *path, struct error *err)
{
    struct error ignored;
    char *own = paths_journal_file(NULL, &ignored);
    int status = 0;
    if (own != NULL && (strcmp(own, path) == 0 || fileio_same_file(own, path)))
        status =
            error_set(err, ERROR_INPUT,
                      "%s is your journal; the demo needs a file of its own (use --db PATH)", path);
    else if (own != NULL)
        status = fileio_check_destination(path, own, true, err);
    free(own);
    return status;
}

static bool file_has_content(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && info.st_size > 0;
}

/* The demo fills and empties only a journal it created: a new file, or one with the demo's
 * mark. The default demo.db from before marks existed is gutskin's own file and gets the mark; a
 * journal named with --db without it is refused, whatever its days or marks say, and is only
 * read (never migrated) to find that out. */
static int refuse_foreign(const char *path, bool default_path, bool *marked, struct error *err)
{
    *marked = false;
    if (!file_has_content(path))
        return 0;
    struct journal *journal = journal_open_existing(path, true, err);
    if (journal == NULL || journal_is_demo(journal, marked, err) != 0) {
        journal_close(journal);
        return -1;
    }
    journal_close(journal);
    if (*marked || default_path)
        return 0;
    return error_set(err, ERROR_INPUT,
                     "%s was not made by gutskin demo; the demo uses a new file of its own, not "
                     "an existing journal (use --db with a new PATH)",
                     path);
}

static int delete_marks(struct journal *journal, struct error *err)
{
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    int status = journal_list_marks(journal, &marks, err);
    for (size_t i = 0; status == 0 && i < marks.count; i++)
        status = journal_delete_mark(journal, marks.items[i].id, err);
    journal_mark_list_release(&marks);
    return status;
}

static int delete_days(struct journal *journal, struct error *err)
{
    int *days = NULL;
    size_t count = 0;
    int status = journal_list_days(journal, DATE_NONE, DATE_NONE, &days, &count, err);
    for (size_t i = 0; status == 0 && i < count; i++)
        status = journal_delete_day(journal, days[i], err);
    free(days);
    return status;
}

/* Emptying, filling and marking happen in one transaction, so that a failed reset leaves the
 * old demo. */
static int refill(struct journal *journal, void *context, struct error *err)
{
    const struct content *content = context;
    int today = date_today();
    if (delete_days(journal, err) != 0 || delete_marks(journal, err) != 0 ||
        journal_set_demo(journal, err) != 0)
        return -1;
    return sample_generate(journal, content, today - (DEMO_DAYS - 1), DEMO_DAYS, DEMO_SEED, err);
}

static int prepare_demo(const struct command_options *options, const char *path, bool reset,
                        struct error *err)
{
    struct content *content = setup_load_content(options, err);
    if (content == NULL)
        return -1;
    bool marked = false;
    struct journal *journal = NULL;
    size_t days = 0;
    int status = refuse_foreign(path, options->db_path == NULL, &marked, err);
    if (status == 0 && (journal = journal_open(path, err)) == NULL)
        status = -1;
    if (status == 0)
        status = journal_count_days(journal, DATE_NONE, DATE_NONE, &days, err);
    if (status == 0 && (reset || days == 0))
        status = journal_in_transaction(journal, refill, content, err);
    else if (status == 0 && !marked)
        status = journal_set_demo(journal, err);
    journal_close(journal);
    content_free(content);
    return status;
}

int command_demo(const struct command_options *options, int argc, char **argv)
{
    bool reset = false;
    const struct cli_option cli_options[] = {{"reset", 0, .flag = &reset}, {0}};
    int status = cli_parse(&demo_command, cli_options, argc, argv, NULL);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    char *path = demo_path(options->db_path, &err);
    if (path == NULL || refuse_own_journal(path, &err) != 0 ||
        prepare_demo(options, path, reset, &err) != 0) {
        free(path);
        return setup_report_error(&err);
    }
    struct command_options demo_options = *options;
    demo_options.db_path = path;
    status = command_app(&demo_options, 0, argv + argc);
    free(path);
    return status;
}
