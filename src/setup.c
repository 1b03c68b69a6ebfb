/* setup.c - the journal and content every command starts from. */
#include "setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "xalloc.h"

#define SETUP_MAX_PROBLEMS 20

struct journal *setup_open_journal(const struct command_options *options, struct error *err)
{
    char *path = paths_journal_file(options->db_path, err);
    if (path == NULL)
        return NULL;
    struct journal *journal = journal_open(path, err);
    free(path);
    return journal;
}

void setup_print_journal_warning(const struct journal *journal)
{
    if (journal_warning(journal) != NULL)
        fprintf(stderr, "gutskin: warning: %s\n", journal_warning(journal));
}

static void join_problems(const struct strlist *problems, struct error *err)
{
    char message[sizeof err->message] = "";
    size_t used = 0;
    for (size_t i = 0; i < problems->count && i < SETUP_MAX_PROBLEMS; i++) {
        int written = snprintf(message + used, sizeof message - used, "%s%s", i ? "\n" : "",
                               problems->items[i]);
        if (written < 0 || (size_t)written >= sizeof message - used)
            break;
        used += (size_t)written;
    }
    error_set(err, ERROR_INPUT, "%s", message);
}

struct content *setup_load_content(const struct command_options *options, struct error *err)
{
    char *base = paths_content_dir(options->content_dir, err);
    if (base == NULL)
        return NULL;
    char *overlay = paths_user_content_dir();
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    if (content == NULL)
        join_problems(&problems, err);
    strlist_release(&problems);
    free(overlay);
    free(base);
    return content;
}

int setup_report_error(const struct error *err)
{
    /* Multi-line messages (content problems) get the prefix on every line. */
    const char *line = err->message;
    while (line != NULL && *line != '\0') {
        const char *end = strchr(line, '\n');
        int length = end ? (int)(end - line) : (int)strlen(line);
        fprintf(stderr, "gutskin: %.*s\n", length, line);
        line = end ? end + 1 : NULL;
    }
    int status = error_exit_status(err);
    return status ? status : 1;
}
