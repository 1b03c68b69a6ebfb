/* fileio.c - whole-file reads and output files written safely (see fileio.h). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsops.h"
#include "xalloc.h"

#define FILEIO_MIB (1024 * 1024)

/* --- Reading --------------------------------------------------------------------------------- */

static void set_too_large(const char *name, size_t limit, struct error *err)
{
    if (limit >= FILEIO_MIB && limit % FILEIO_MIB == 0)
        error_set(err, ERROR_INPUT, "cannot read %s: it is larger than %zu MiB", name,
                  limit / FILEIO_MIB);
    else
        error_set(err, ERROR_INPUT, "cannot read %s: it is larger than %zu bytes", name, limit);
}

char *fileio_read_stream(FILE *in, const char *name, size_t limit, size_t *length,
                         struct error *err)
{
    size_t capacity = 4096, used = 0, got;
    char *buffer = xmalloc(capacity);
    while ((got = fread(buffer + used, 1, capacity - used - 1, in)) > 0) {
        used += got;
        if (used > limit) {
            set_too_large(name, limit, err);
            free(buffer);
            return NULL;
        }
        if (capacity - used < 2)
            buffer = xrealloc(buffer, capacity *= 2);
    }
    if (ferror(in)) {
        error_set(err, ERROR_SYSTEM, "cannot read %s: %s", name, strerror(errno));
        free(buffer);
        return NULL;
    }
    buffer[used] = '\0';
    if (length != NULL)
        *length = used;
    return buffer;
}

char *fileio_read_file(const char *path, size_t limit, size_t *length, struct error *err)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        error_set(err, ERROR_SYSTEM, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = fileio_read_stream(in, path, limit, length, err);
    fclose(in);
    return text;
}

char *fileio_read_regular_file(const char *path, size_t limit, size_t *length, struct error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0) {
        int saved = errno;
        error_set(err, ERROR_SYSTEM, "cannot open %s: %s", path, strerror(saved));
        if (fd >= 0)
            close(fd);
        errno = saved;
        return NULL;
    }
    if (!S_ISREG(info.st_mode)) {
        close(fd);
        error_set(err, ERROR_INPUT, "cannot read %s: not a regular file", path);
        errno = EINVAL;
        return NULL;
    }
    FILE *in = fdopen(fd, "rb");
    if (in == NULL) {
        error_set(err, ERROR_SYSTEM, "cannot open %s: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    char *text = fileio_read_stream(in, path, limit, length, err);
    fclose(in);
    return text;
}

bool fileio_same_file(const char *a, const char *b)
{
    struct stat first, second;
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev &&
           first.st_ino == second.st_ino;
}

bool fileio_write_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        bytes += written;
        length -= (size_t)written;
    }
    return true;
}

/* --- Destinations ---------------------------------------------------------------------------- */

/* The file `path` finally names, links followed even when their target does not exist yet (a
 * link to a journal's -wal that is absent between sessions): the real folder plus the name. */
static char *final_target(const char *path)
{
    char *current = xstrdup(path);
    for (int depth = 0; depth < 40; depth++) {
        char target[4096];
        ssize_t length = readlink(current, target, sizeof target - 1);
        if (length < 0)
            break;
        target[length] = '\0';
        char *next;
        const char *slash = strrchr(current, '/');
        if (target[0] == '/' || slash == NULL)
            next = xstrdup(target);
        else
            next = xprintf("%.*s/%s", (int)(slash - current), current, target);
        free(current);
        current = next;
    }
    const char *slash = strrchr(current, '/');
    char *folder = slash == NULL      ? xstrdup(".")
                   : slash == current ? xstrdup("/")
                                      : xprintf("%.*s", (int)(slash - current), current);
    char *real = realpath(folder, NULL);
    char *result = real != NULL ? xprintf("%s/%s", real, slash ? slash + 1 : current) : NULL;
    free(real);
    free(folder);
    free(current);
    return result;
}

/* True when `a` and `b` are one file: the same inode, or the same final name. */
static bool names_same_file(const char *a, const char *b)
{
    if (fileio_same_file(a, b))
        return true;
    char *first = final_target(a), *second = final_target(b);
    bool same = first != NULL && second != NULL && strcmp(first, second) == 0;
    free(first);
    free(second);
    return same;
}

static bool is_sqlite_file(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char header[16];
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat info;
    bool sqlite = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
                  read(fd, header, sizeof header) == (ssize_t)sizeof header &&
                  memcmp(header, magic, sizeof magic) == 0;
    close(fd);
    return sqlite;
}

int fileio_check_destination(const char *destination, const char *journal, bool database_ok,
                             struct error *err)
{
    if (destination == NULL || strcmp(destination, "-") == 0)
        return 0;
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; journal != NULL && i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *file = xprintf("%s%s", journal, suffixes[i]);
        bool same = names_same_file(destination, file);
        free(file);
        if (same)
            return error_set(err, ERROR_INPUT,
                             "%s is %sthe journal %s; choose another file to write", destination,
                             i == 0   ? ""
                             : i == 1 ? "the -wal file of "
                                      : "the -shm file of ",
                             journal);
    }
    if (!database_ok && is_sqlite_file(destination))
        return error_set(err, ERROR_INPUT,
                         "%s is an SQLite database (a journal or a backup?); gutskin does not "
                         "write over one: choose another file",
                         destination);
    return 0;
}

int fileio_refuse_existing(const char *destination, bool force, struct error *err)
{
    struct stat info;
    if (force || destination == NULL || strcmp(destination, "-") == 0 ||
        stat(destination, &info) != 0 || !S_ISREG(info.st_mode))
        return 0;
    return error_set(err, ERROR_INPUT, "%s already exists; use --force to replace it", destination);
}

/* --- Writing --------------------------------------------------------------------------------- */

static bool is_standard_output(const char *path)
{
    return path == NULL || strcmp(path, "-") == 0;
}

/* True when `path` exists and is something a rename would destroy (a device, a pipe, a link). */
static bool exists_but_not_regular(const char *path)
{
    struct stat info;
    return lstat(path, &info) == 0 && !S_ISREG(info.st_mode);
}

static int write_error(const struct fileio_output *output, int code, struct error *err)
{
    const char *name = output->path != NULL ? output->path : "standard output";
    if (code != 0)
        return error_set(err, ERROR_SYSTEM, "cannot write %s: %s", name, strerror(code));
    return error_set(err, ERROR_SYSTEM, "cannot write %s", name);
}

static void release(struct fileio_output *output)
{
    if (output->temporary != NULL)
        unlink(output->temporary);
    free(output->temporary);
    free(output->path);
    memset(output, 0, sizeof *output);
}

/* `descriptor` is open on the destination or the temporary file. */
static int open_stream(struct fileio_output *output, int descriptor, struct error *err)
{
    output->file = fdopen(descriptor, "wb");
    if (output->file != NULL)
        return 0;
    int code = errno;
    close(descriptor);
    write_error(output, code, err);
    release(output);
    return -1;
}

int fileio_output_open(struct fileio_output *output, const char *path, struct error *err)
{
    memset(output, 0, sizeof *output);
    if (is_standard_output(path)) {
        output->file = stdout;
        return 0;
    }
    output->path = xstrdup(path);
    if (exists_but_not_regular(path)) {
        int descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (descriptor >= 0)
            return open_stream(output, descriptor, err);
        write_error(output, errno, err);
        release(output);
        return -1;
    }
    const char *slash = strrchr(path, '/');
    output->temporary = slash ? xprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
                              : xprintf(".%s.XXXXXX", path);
    int descriptor = mkstemp(output->temporary); /* created 0600 */
    if (descriptor >= 0)
        return open_stream(output, descriptor, err);
    error_set(err, ERROR_SYSTEM, "cannot create a file beside %s: %s", path, strerror(errno));
    free(output->temporary);
    output->temporary = NULL;
    release(output);
    return -1;
}

/* Flushes, syncs and closes the file; the error of a write that failed earlier counts too. */
static int finish_file(struct fileio_output *output, struct error *err)
{
    errno = 0;
    int code = 0;
    if (fflush(output->file) != 0 || ferror(output->file))
        code = errno != 0 ? errno : EIO;
    /* Pipes and terminals cannot be synced (EINVAL), and need not be. */
    if (code == 0)
        code = fsops_fsync(fileno(output->file), output->path);
    if (fclose(output->file) != 0 && code == 0)
        code = errno;
    output->file = NULL;
    return code != 0 ? write_error(output, code, err) : 0;
}

int fileio_output_commit(struct fileio_output *output, struct error *err)
{
    if (output->path == NULL) {
        errno = 0;
        int status = fflush(stdout) != 0 || ferror(stdout) ? write_error(output, errno, err) : 0;
        release(output);
        return status;
    }
    int status = finish_file(output, err);
    /* Checked again: should the path have become a device or a link since the open, replacing
     * it would be the one harm the in-place writing is there to avoid. */
    if (status == 0 && output->temporary != NULL && exists_but_not_regular(output->path))
        status = error_set(err, ERROR_SYSTEM, "cannot write %s: it is no longer a regular file",
                           output->path);
    if (status == 0 && output->temporary != NULL)
        status = fsops_put_in_place(output->temporary, output->path, err);
    if (status == 0) { /* renamed: nothing to remove */
        free(output->temporary);
        output->temporary = NULL;
    }
    release(output);
    return status;
}

void fileio_output_abort(struct fileio_output *output)
{
    if (output->file != NULL && output->path != NULL)
        fclose(output->file);
    release(output);
}

const char *fileio_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot != NULL && strchr(dot, '/') == NULL ? dot : NULL;
}
