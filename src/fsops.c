/* fsops.c - file-system steps that tests can make fail (see fsops.h). */
#include "fsops.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

static fsops_hook *current_hook;
static void *current_context;

void fsops_set_hook(fsops_hook *hook, void *context)
{
    current_hook = hook;
    current_context = context;
}

static int injected(enum fsops_step step, const char *path, const char *from)
{
    return current_hook != NULL ? current_hook(step, path, from, current_context) : 0;
}

int fsops_fsync(int descriptor, const char *path)
{
    int code = injected(FSOPS_FSYNC, path, NULL);
    if (code != 0)
        return code == FSOPS_SKIP ? 0 : code;
    if (fsync(descriptor) != 0 && errno != EINVAL)
        return errno;
    return 0;
}

int fsops_rename(const char *from, const char *to)
{
    int code = injected(FSOPS_RENAME, to, from);
    if (code != 0 && code != FSOPS_SKIP)
        return code;
    return rename(from, to) == 0 ? 0 : errno;
}

int fsops_sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash == NULL   ? xstrdup(".")
                : slash == path ? xstrdup("/")
                                : xstrndup(path, (size_t)(slash - path));
    int code = injected(FSOPS_SYNC_DIR, dir, NULL);
    if (code == FSOPS_SKIP) {
        code = 0;
    } else if (code == 0) {
        int descriptor = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (descriptor < 0)
            code = errno;
        else if (fsync(descriptor) != 0 && errno != EINVAL)
            code = errno;
        if (descriptor >= 0)
            close(descriptor);
    }
    free(dir);
    return code;
}

int fsops_sync_file(const char *path)
{
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return errno;
    int code = fsops_fsync(descriptor, path);
    close(descriptor);
    return code;
}

int fsops_put_in_place(const char *from, const char *to, struct error *err)
{
    int code = fsops_rename(from, to);
    if (code != 0)
        return error_set(err, ERROR_SYSTEM, "cannot put %s in place: %s", to, strerror(code));
    code = fsops_sync_dir_of(to);
    if (code != 0)
        return error_set(err, ERROR_SYSTEM, "cannot make %s last on the disk (folder sync): %s", to,
                         strerror(code));
    return 0;
}
