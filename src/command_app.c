/* command_app.c - starts the full-screen app on today's check-in. */
#include <stdio.h>
#include <string.h>

#include "backups.h"
#include "commands.h"
#include "setup.h"
#include "ui/ui.h"

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
    app.startup_notice = journal_warning(journal);
    backups_attach(journal, keep_backup_notice, &app);
    int status = ui_run(&app, app_screens, SCREEN_COUNT, SCREEN_CHECKIN);
    journal_close(journal);
    content_free(content);
    return status;
}
