/* setup.c - the journal and content every command starts from. */
#include "setup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backups.h"
#include "fileio.h"
#include "paths.h"
#include "text.h"
#include "tracked.h"
#include "xalloc.h"

#define SETUP_MAX_PROBLEMS 20

struct journal *setup_open_journal(const struct command_options *options, struct error *err)
{
    char *path = paths_journal_file(options->db_path, err);
    if (path == NULL)
        return NULL;
    struct journal *journal = journal_open(path, err);
    free(path);
    if (journal != NULL)
        backups_attach(journal, backups_report_to_stderr, NULL);
    return journal;
}

struct journal *setup_open_journal_for_reading(const struct command_options *options,
                                               struct error *err)
{
    char *path = paths_journal_file(options->db_path, err);
    if (path == NULL)
        return NULL;
    struct journal *journal = journal_open_for_reading(path, err);
    free(path);
    return journal;
}

int setup_check_output(const struct command_options *options, const char *output, bool force,
                       struct error *err)
{
    if (output == NULL || strcmp(output, "-") == 0)
        return 0;
    char *journal = paths_journal_file(options->db_path, err);
    if (journal == NULL)
        return -1;
    int status = fileio_check_destination(output, journal, false, err);
    free(journal);
    return status == 0 ? fileio_refuse_existing(output, force, err) : -1;
}

void setup_print_journal_warning(const struct journal *journal)
{
    if (journal_warning(journal) != NULL)
        fprintf(stderr, "gutskin: warning: %s\n", journal_warning(journal));
}

/* Whether `path` names the file or pipe standard output is: the same device and inode. */
static bool is_standard_output(const char *path)
{
    struct stat named, output;
    return stat(path, &named) == 0 && fstat(STDOUT_FILENO, &output) == 0 &&
           named.st_dev == output.st_dev && named.st_ino == output.st_ino;
}

void setup_print_written(const char *what, const char *path, const char *details_format, ...)
{
    if (path == NULL || strcmp(path, "-") == 0 || is_standard_output(path))
        return;
    fprintf(stderr, "%s written to %s", what, path);
    if (details_format != NULL) {
        va_list args;
        va_start(args, details_format);
        fputs(" (", stderr);
        vfprintf(stderr, details_format, args);
        fputc(')', stderr);
        va_end(args);
    }
    fputc('\n', stderr);
}

static bool any_in(const struct strlist *problems, const char *dir)
{
    size_t length = strlen(dir);
    for (size_t i = 0; i < problems->count; i++)
        if (strncmp(problems->items[i], dir, length) == 0 && problems->items[i][length] == '/')
            return true;
    return false;
}

/* As many problems as fit in the message, then what to do: how many more there are, and, when
 * the person's own additions are at fault, where they are (they may have been made long ago). */
static void join_problems(const struct strlist *problems, const char *overlay, struct error *err)
{
    char message[sizeof err->message] = "", tail[sizeof err->message / 2] = "";
    if (overlay != NULL && any_in(problems, overlay))
        snprintf(tail, sizeof tail,
                 "\nthe problems are in your additions in %s: fix them, or move the file out "
                 "of that folder",
                 overlay);
    tail[text_cut(tail, sizeof tail - 1)] = '\0';
    /* Room for the tail and for a line counting the problems left out. */
    size_t room = sizeof message - strlen(tail) - 80, used = 0, shown = 0;
    for (; shown < problems->count && shown < SETUP_MAX_PROBLEMS; shown++) {
        int written = snprintf(message + used, room - used, "%s%s", shown ? "\n" : "",
                               problems->items[shown]);
        if (written < 0 || (size_t)written >= room - used)
            break;
        used += (size_t)written;
    }
    message[used] = '\0';
    if (shown < problems->count)
        snprintf(message + used, sizeof message - used,
                 "\n%zu more problem%s: 'gutskin content check' lists them all",
                 problems->count - shown, problems->count - shown == 1 ? "" : "s");
    error_set(err, ERROR_INPUT, "%s%s", message, tail);
}

struct content *setup_load_content(const struct command_options *options, struct error *err)
{
    char *base = paths_content_dir(options->content_dir, err);
    if (base == NULL)
        return NULL;
    char *overlay = paths_user_content_dir();
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    if (content != NULL && tracked_apply(content, overlay, &problems) > 0) {
        content_free(content);
        content = NULL;
    }
    if (content == NULL)
        join_problems(&problems, overlay, err);
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
        fputs("gutskin: ", stderr);
        text_put_safe(stderr, line, (size_t)length);
        fputc('\n', stderr);
        line = end ? end + 1 : NULL;
    }
    int status = error_exit_status(err);
    return status ? status : 1;
}
