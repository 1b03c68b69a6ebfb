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

/* The demo writes freely into its journal: never let that be the user's own. */
static int refuse_own_journal(const char *path, struct error *err)
{
    struct error ignored;
    char *own = paths_journal_file(NULL, &ignored);
    bool same = own != NULL && (strcmp(own, path) == 0 || fileio_same_file(own, path));
    free(own);
    if (same)
        return error_set(err, ERROR_INPUT,
                         "%s is your journal; the demo needs a file of its own (use --db PATH)",
                         path);
    return 0;
}

/* A reset must not empty a real journal given by mistake with --db: a journal with days is only
 * emptied when it carries the mark the generator leaves. */
static int refuse_foreign(struct journal *journal, struct error *err)
{
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    int status = journal_list_marks(journal, &marks, err);
    bool demo = false;
    for (size_t i = 0; status == 0 && i < marks.count; i++)
        demo = demo || strcmp(marks.items[i].label, SAMPLE_CHANGE_LABEL) == 0;
    journal_mark_list_release(&marks);
    if (status == 0 && !demo)
        status =
            error_set(err, ERROR_INPUT, "%s does not look like a demo journal; not emptying it",
                      journal_path(journal));
    return status;
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
    struct strlist dates = STRLIST_INIT;
    int status = journal_list_dates(journal, NULL, NULL, &dates, err);
    for (size_t i = 0; status == 0 && i < dates.count; i++)
        status = journal_delete_day(journal, dates.items[i], err);
    strlist_release(&dates);
    return status;
}

/* Emptying and filling happen in one transaction, so that a failed reset leaves the old demo. */
static int refill(struct journal *journal, void *context, struct error *err)
{
    const struct content *content = context;
    int today = date_today();
    if (delete_days(journal, err) != 0 || delete_marks(journal, err) != 0)
        return -1;
    return sample_generate(journal, content, today - (DEMO_DAYS - 1), DEMO_DAYS, DEMO_SEED, err);
}

static int prepare_demo(const struct command_options *options, const char *path, bool reset,
                        struct error *err)
{
    struct content *content = setup_load_content(options, err);
    if (content == NULL)
        return -1;
    struct journal *journal = journal_open(path, err);
    size_t days = 0;
    int status = journal != NULL ? journal_count_days(journal, NULL, NULL, &days, err) : -1;
    if (status == 0 && reset && days > 0 && options->db_path != NULL)
        status = refuse_foreign(journal, err);
    if (status == 0 && (reset || days == 0))
        status = journal_in_transaction(journal, refill, content, err);
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
