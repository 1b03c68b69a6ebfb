/* command_app.c - starts the full-screen app on today's check-in. */
#include <stdio.h>
#include <string.h>

#include "backups.h"
#include "commands.h"
#include "setup.h"
#include "ui/ui.h"

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
    int status = ui_run(&app, SCREEN_CHECKIN);
    journal_close(journal);
    content_free(content);
    return status;
}
