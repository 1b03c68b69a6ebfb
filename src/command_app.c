/* command_app.c - starts the full-screen app on today's check-in. */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <sys/stat.h>

#include "backups.h"
#include "commands.h"
#include "paths.h"
#include "setup.h"
#include "tracked.h"
#include "ui/ui.h"
#include "xalloc.h"

/* The screens of the app, in tab order: a new screen is one file and one line here (and its id
 * in ui/screen.h). The tab bar, the help's keys and About's list are made from this table. */
static const struct screen_ops *const app_screens[SCREEN_COUNT] = {
    [SCREEN_CHECKIN] = &checkin_screen, [SCREEN_HISTORY] = &history_screen,
    [SCREEN_TRENDS] = &trends_screen,   [SCREEN_FOODS] = &foods_screen,
    [SCREEN_SIGNS] = &signs_screen,     [SCREEN_LIFESTYLE] = &lifestyle_screen,
    [SCREEN_ABOUT] = &about_screen,
};

/* A failed automatic backup is shown in the status line, not printed over the screen. */
static void keep_backup_notice(const char *message, void *context)
{
    struct app *app = context;
    snprintf(app->backup_notice, sizeof app->backup_notice, "%s", message);
}

/* The first start: a journal with no saved day, and no choice made yet (no tracked.yaml). A test
 * script never meets it (it opens it from About), nor a session with GUTSKIN_FIRST_START=off;
 * `demo` never does, its journal has days. */
static bool first_start(struct journal *journal, const char *own_dir)
{
    int first, last;
    struct stat info;
    const char *setting = getenv("GUTSKIN_FIRST_START");
    if (getenv("GUTSKIN_TEST_SCRIPT") != NULL || (setting != NULL && strcmp(setting, "off") == 0) ||
        own_dir == NULL || journal_day_span(journal, &first, &last, NULL) != 0 ||
        first != DATE_NONE)
        return false;
    char *path = xprintf("%s/%s", own_dir, TRACKED_FILE);
    bool chosen = stat(path, &info) == 0;
    free(path);
    return !chosen;
}

int command_app(const struct command_options *options, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct error err = {0};
    /* Content first: a broken content file must stop us before the journal is touched. */
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    struct journal *journal = setup_open_journal(options, &err);
    if (journal == NULL) {
        content_free(content);
        return setup_report_error(&err);
    }
    struct app app;
    memset(&app, 0, sizeof app);
    app.journal = journal;
    app.content = content;
    app.journal_path = journal_path(journal);
    app.today = date_today();
    app.request.open_day = -1;
    app.own_dir = paths_user_content_dir();
    app.welcome = first_start(journal, app.own_dir);
    app.startup_notice = journal_warning(journal);
    backups_attach(journal, keep_backup_notice, &app);
    int status = ui_run(&app, app_screens, SCREEN_COUNT, SCREEN_CHECKIN);
    free(app.own_dir);
    journal_close(journal);
    content_free(content);
    return status;
}
