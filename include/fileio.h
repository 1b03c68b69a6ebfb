/*
 * fileio.h - reading a whole file into memory, and writing an output file that is never left
 * half written.
 *
 * An output path that does not exist yet, or is a regular file, is written through a private
 * (0600) temporary file in the same folder, which fileio_output_commit() flushes to the disk and
 * only then renames over the path: a failed export or report leaves no half file and leaves an
 * earlier file of that name as it was. A path that exists and is not a regular file (a device
 * such as /dev/stdout, a pipe, a symbolic link) is written straight into instead, because a
 * rename would replace the device node or the link itself.
 */
#ifndef GUTSKIN_FILEIO_H
#define GUTSKIN_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

#define FILEIO_NO_LIMIT SIZE_MAX

/* Reads all of `in` into a NUL-terminated buffer (caller frees); *length (if not NULL) gets its
 * length. `name` names the input in messages. More than `limit` bytes is an ERROR_INPUT. */
char *fileio_read_stream(FILE *in, const char *name, size_t limit, size_t *length,
                         struct error *err);

/* Opens `path` and reads it as fileio_read_stream() does. */
char *fileio_read_file(const char *path, size_t limit, size_t *length, struct error *err);

/* The extension of the file name at the end of `path` (".csv", with its dot), or NULL when the
 * name has none: the one place that says how a file's format is seen from its name. */
const char *fileio_extension(const char *path);

/* Like fileio_read_file(), for files that must be regular files (content, settings): a FIFO or a
 * device is refused at once ("cannot read PATH: not a regular file"), never opened in a way that
 * waits for a writer. A missing file fails with errno ENOENT. */
char *fileio_read_regular_file(const char *path, size_t limit, size_t *length, struct error *err);

/* True when both paths name one existing file, however spelled (a link, "./", a hard link). */
bool fileio_same_file(const char *a, const char *b);

/* Refuses `destination` (an output file a command is asked to write) when writing there would
 * destroy a journal: it is `journal` (may be NULL), the journal's -wal or -shm file, or a link to
 * any of them, whether or not they exist yet; or it is an existing SQLite database (another
 * journal, a backup) unless `database_ok` (backup --force replacing an earlier backup). NULL and
 * "-" (standard output) are always fine. */
int fileio_check_destination(const char *destination, const char *journal, bool database_ok,
                             struct error *err);

/* Refuses an existing `destination` that is a regular file (or a link to one) unless `force`:
 * "FILE already exists; use --force to replace it". Devices and pipes are written into, not
 * replaced, so they need no --force. */
int fileio_refuse_existing(const char *destination, bool force, struct error *err);

/* Writes all `length` bytes to `fd`, again after EINTR and short writes; false (errno set) when
 * that fails. */
bool fileio_write_all(int fd, const char *bytes, size_t length);

struct fileio_output {
    FILE *file;      /* where to write */
    char *path;      /* the destination; NULL for standard output */
    char *temporary; /* renamed over `path` by the commit; NULL when writing in place */
};

/* Opens `path` for writing as described above; NULL or "-" is standard output. On failure there
 * is nothing to commit or abort. */
int fileio_output_open(struct fileio_output *output, const char *path, struct error *err);

/* Finishes the file: flushes and syncs it, then renames the temporary file into place. Fails if
 * anything written to `file` failed, and then removes the temporary file (the destination keeps
 * what it had). Either way the output is closed. */
int fileio_output_commit(struct fileio_output *output, struct error *err);

/* Gives up: closes the output and removes the temporary file. */
void fileio_output_abort(struct fileio_output *output);

#endif
