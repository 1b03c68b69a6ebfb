/* editor.c - a text in the person's own editor (see editor.h). */
#include "ui/editor.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "text.h"
#include "xalloc.h"

int editor_open(struct editor_session *session, const char *text, struct error *err)
{
    memset(session, 0, sizeof *session);
    const char *tmp = getenv("TMPDIR");
    session->folder = xprintf("%s/gutskin-note-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (mkdtemp(session->folder) == NULL) { /* mkdtemp creates it 0700 */
        error_set(err, ERROR_SYSTEM, "cannot make a private folder %s for the editor: %s",
                  session->folder, strerror(errno));
        editor_close(session, false);
        return -1;
    }
    session->path = xprintf("%s/note.txt", session->folder);
    int fd = open(session->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool written = fd >= 0 && fileio_write_all(fd, text, strlen(text));
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && written) {
        written = false;
        saved = errno;
    }
    if (written)
        return 0;
    error_set(err, ERROR_SYSTEM, "cannot write the note to %s for the editor: %s", session->path,
              strerror(saved));
    editor_close(session, true);
    return -1;
}

/* In the child: the signals gutskin ignores while it waits are the editor's again. */
static void editor_exec(const char *editor, const char *path, const sigset_t *mask)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    /* Through the shell, so that "code -w" or "vim -u NONE" work as they do at a prompt. */
    execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
    _exit(127);
}

/* Waits for the child to end; a signal (SIGWINCH from a resize, SIGCHLD) interrupts waitpid
 * with EINTR, and a stopped editor is not an ended one. */
static int editor_wait(pid_t child, int *status)
{
    for (;;) {
        pid_t done = waitpid(child, status, 0);
        if (done == child && (WIFEXITED(*status) || WIFSIGNALED(*status)))
            return 0;
        if (done < 0 && errno != EINTR)
            return -1;
    }
}

void editor_run(struct ui *ui, struct editor_session *session)
{
    const char *editor = getenv("VISUAL");
    if (editor == NULL || editor[0] == '\0')
        editor = getenv("EDITOR");
    if (editor == NULL || editor[0] == '\0')
        editor = "vi";
    /* As system() does: Ctrl-C and Ctrl-\ reach the whole foreground group, and they are for
     * the editor (vim uses Ctrl-C), never a reason for gutskin to quit behind its back. */
    struct sigaction ignore, old_int, old_quit;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    sigset_t mask;
    sigprocmask(SIG_SETMASK, NULL, &mask);
    ui_suspend(ui);
    fflush(NULL);
    int status = 0;
    pid_t child = fork();
    if (child == 0)
        editor_exec(editor, session->path, &mask);
    session->status = -1;
    session->signal = 0;
    if (child > 0 && editor_wait(child, &status) == 0) {
        if (WIFEXITED(status))
            session->status = WEXITSTATUS(status);
        else
            session->signal = WTERMSIG(status);
    }
    ui_resume(ui);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
}

char *editor_read(const struct editor_session *session, size_t limit, bool *repaired,
                  struct error *err)
{
    size_t length = 0;
    char *raw = fileio_read_file(session->path, limit, &length, err);
    if (raw == NULL)
        return NULL;
    while (length > 0 && (raw[length - 1] == '\n' || raw[length - 1] == '\r'))
        length--;
    char *text = text_repair_utf8(raw, length, repaired);
    free(raw);
    return text;
}

/* The folder is gutskin's own: what an editor left in it (a backup file "note.txt~") goes too. */
static void editor_remove_folder(const char *folder)
{
    DIR *dir = opendir(folder);
    struct dirent *entry;
    while (dir != NULL && (entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char *path = xprintf("%s/%s", folder, entry->d_name);
        unlink(path);
        free(path);
    }
    if (dir != NULL)
        closedir(dir);
    rmdir(folder);
}

void editor_close(struct editor_session *session, bool remove)
{
    if (remove && session->folder != NULL)
        editor_remove_folder(session->folder);
    free(session->path);
    free(session->folder);
    session->path = session->folder = NULL;
}
