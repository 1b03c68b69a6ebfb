/* faultvfs.c - a VFS that fails the Nth I/O step or loses power at the Nth sync (see
 * faultvfs.h). */
#include "faultvfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsops.h"
#include "testutil.h"
#include "xalloc.h"

/* --- State ----------------------------------------------------------------------------------- */

/* One change to a file not yet synced: its bytes before and after. */
struct record {
    char *path;
    bool truncation;
    sqlite3_int64 offset;
    char *before;
    int before_length;
    char *after; /* NULL for a truncation */
    int after_length;
    sqlite3_int64 size_before;
    sqlite3_int64 size_after;
};

/* A rename of gutskin's not yet made lasting by a sync of its folder. */
struct pending_rename {
    char *from;
    char *to;
    char *dir;
    char *replaced; /* what `to` held before, or NULL when it did not exist */
    size_t replaced_length;
};

static struct {
    sqlite3_vfs *real;
    long steps, fail_at;
    bool persistent, fault_hit;
    long syncs, crash_at;
    bool keep_some, crashed;
    unsigned seed;
    struct record *records;
    size_t record_count, record_capacity;
    struct pending_rename *renames;
    size_t rename_count, rename_capacity;
} fv;

struct fv_file {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct in the same allocation */
    char *path;         /* NULL for files without a name (temporary files) */
};

static void forget_record(struct record *record)
{
    free(record->path);
    free(record->before);
    free(record->after);
    record->path = NULL;
}

static void forget_path(const char *path)
{
    size_t kept = 0;
    for (size_t i = 0; i < fv.record_count; i++) {
        if (strcmp(fv.records[i].path, path) == 0)
            forget_record(&fv.records[i]);
        else
            fv.records[kept++] = fv.records[i];
    }
    fv.record_count = kept;
}

static void forget_rename(struct pending_rename *rename_)
{
    free(rename_->from);
    free(rename_->to);
    free(rename_->dir);
    free(rename_->replaced);
}

/* The renames into `dir` last now. */
static void forget_renames_in(const char *dir)
{
    size_t kept = 0;
    for (size_t i = 0; i < fv.rename_count; i++) {
        if (strcmp(fv.renames[i].dir, dir) == 0)
            forget_rename(&fv.renames[i]);
        else
            fv.renames[kept++] = fv.renames[i];
    }
    fv.rename_count = kept;
}

static void forget_all(void)
{
    for (size_t i = 0; i < fv.record_count; i++)
        forget_record(&fv.records[i]);
    fv.record_count = 0;
    for (size_t i = 0; i < fv.rename_count; i++)
        forget_rename(&fv.renames[i]);
    fv.rename_count = 0;
}

void faultvfs_reset(void)
{
    forget_all();
    fv.steps = fv.fail_at = fv.syncs = fv.crash_at = 0;
    fv.persistent = fv.fault_hit = fv.keep_some = fv.crashed = false;
}

void faultvfs_fail_at(long n, bool persistent)
{
    faultvfs_reset();
    fv.fail_at = n;
    fv.persistent = persistent;
}

void faultvfs_crash_at_sync(long n, bool keep_some, unsigned seed)
{
    faultvfs_reset();
    fv.crash_at = n;
    fv.keep_some = keep_some;
    fv.seed = seed;
}

long faultvfs_steps(void)
{
    return fv.steps;
}

long faultvfs_syncs(void)
{
    return fv.syncs;
}

bool faultvfs_fault_hit(void)
{
    return fv.fault_hit;
}

bool faultvfs_crashed(void)
{
    return fv.crashed;
}

static void lose_power(void);

void faultvfs_power_cut(void)
{
    if (!fv.crashed)
        lose_power();
}

/* Counts one I/O step; true when it must fail. */
static bool step_fails(void)
{
    if (fv.crashed)
        return true;
    fv.steps++;
    bool fails =
        fv.fail_at > 0 && (fv.steps == fv.fail_at || (fv.persistent && fv.steps > fv.fail_at));
    if (fails)
        fv.fault_hit = true;
    return fails;
}

/* --- Power loss ------------------------------------------------------------------------------ */

static void put_bytes(int fd, const char *bytes, int length, sqlite3_int64 offset)
{
    if (length > 0 && pwrite(fd, bytes, (size_t)length, (off_t)offset) != length)
        abort(); /* the test's own files: nothing sensible to do */
}

static void set_size(int fd, sqlite3_int64 size)
{
    if (ftruncate(fd, (off_t)size) != 0)
        abort();
}

/* A rename whose folder was not synced did not happen: the file is back under its old name,
 * and what the new name held before is back too. */
static void undo_renames(void)
{
    for (size_t i = fv.rename_count; i-- > 0;) {
        const struct pending_rename *pending = &fv.renames[i];
        if (rename(pending->to, pending->from) != 0)
            continue;
        if (pending->replaced == NULL)
            continue;
        int fd = open(pending->to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            abort();
        put_bytes(fd, pending->replaced, (int)pending->replaced_length, 0);
        close(fd);
    }
}

/* Undoes every unsynced change, newest first, then puts a random part back. */
static void lose_power(void)
{
    for (size_t i = fv.record_count; i-- > 0;) {
        const struct record *record = &fv.records[i];
        int fd = open(record->path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            continue; /* removed since: nothing to undo */
        set_size(fd, record->size_before);
        put_bytes(fd, record->before, record->before_length, record->offset);
        close(fd);
    }
    for (size_t i = 0; fv.keep_some && i < fv.record_count; i++) {
        const struct record *record = &fv.records[i];
        if (rand_r(&fv.seed) % 2 == 0)
            continue;
        int fd = open(record->path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (record->truncation)
            set_size(fd, record->size_after);
        else
            put_bytes(fd, record->after, record->after_length, record->offset);
        close(fd);
    }
    undo_renames();
    forget_all();
    fv.crashed = true;
}

/* Counts a sync point; true when the power goes now. */
static bool sync_loses_power(void)
{
    if (fv.crashed)
        return true;
    fv.syncs++;
    if (fv.crash_at > 0 && fv.syncs == fv.crash_at) {
        lose_power();
        return true;
    }
    return false;
}

static struct record *new_record(const char *path)
{
    xgrow(&fv.records, &fv.record_capacity, fv.record_count + 1, sizeof *fv.records);
    struct record *record = &fv.records[fv.record_count++];
    memset(record, 0, sizeof *record);
    record->path = xstrdup(path);
    return record;
}

/* The bytes [offset, offset + length) as they are, clipped to the file's size. */
static char *read_before(sqlite3_file *real, sqlite3_int64 offset, int length, sqlite3_int64 size,
                         int *got)
{
    *got = offset >= size ? 0 : (int)(size - offset < length ? size - offset : length);
    char *bytes = xmalloc(*got > 0 ? (size_t)*got : 1);
    if (*got > 0 && real->pMethods->xRead(real, bytes, *got, offset) != SQLITE_OK)
        abort();
    return bytes;
}

static void record_write(struct fv_file *file, const void *data, int length, sqlite3_int64 offset)
{
    if (file->path == NULL || fv.crash_at == 0)
        return;
    sqlite3_int64 size = 0;
    if (file->real->pMethods->xFileSize(file->real, &size) != SQLITE_OK)
        abort();
    struct record *record = new_record(file->path);
    record->offset = offset;
    record->before = read_before(file->real, offset, length, size, &record->before_length);
    record->after = xmalloc((size_t)length);
    memcpy(record->after, data, (size_t)length);
    record->after_length = length;
    record->size_before = size;
    record->size_after = offset + length > size ? offset + length : size;
}

static void record_truncation(struct fv_file *file, sqlite3_int64 new_size)
{
    if (file->path == NULL || fv.crash_at == 0)
        return;
    sqlite3_int64 size = 0;
    if (file->real->pMethods->xFileSize(file->real, &size) != SQLITE_OK)
        abort();
    if (new_size >= size)
        return;
    struct record *record = new_record(file->path);
    record->truncation = true;
    record->offset = new_size;
    record->before =
        read_before(file->real, new_size, (int)(size - new_size), size, &record->before_length);
    record->size_before = size;
    record->size_after = new_size;
}

/* --- The file methods ------------------------------------------------------------------------ */

static struct fv_file *as_file(sqlite3_file *file)
{
    return (struct fv_file *)file;
}

static int fv_close(sqlite3_file *file)
{
    struct fv_file *f = as_file(file);
    int rc = f->real->pMethods->xClose(f->real);
    free(f->path);
    f->path = NULL;
    return rc;
}

static int fv_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
    if (step_fails())
        return SQLITE_IOERR_READ;
    return as_file(file)->real->pMethods->xRead(as_file(file)->real, buffer, amount, offset);
}

static int fv_write(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    if (step_fails())
        return SQLITE_IOERR_WRITE;
    record_write(as_file(file), data, amount, offset);
    return as_file(file)->real->pMethods->xWrite(as_file(file)->real, data, amount, offset);
}

static int fv_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    if (step_fails())
        return SQLITE_IOERR_TRUNCATE;
    record_truncation(as_file(file), size);
    return as_file(file)->real->pMethods->xTruncate(as_file(file)->real, size);
}

static int fv_sync(sqlite3_file *file, int flags)
{
    if (step_fails() || sync_loses_power())
        return SQLITE_IOERR_FSYNC;
    /* The records model what a sync makes last; the disk itself is not asked, which keeps
     * the loops fast (thousands of runs). */
    (void)flags;
    struct fv_file *f = as_file(file);
    if (f->path != NULL)
        forget_path(f->path);
    return SQLITE_OK;
}

static int fv_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    return as_file(file)->real->pMethods->xFileSize(as_file(file)->real, size);
}

static int fv_lock(sqlite3_file *file, int level)
{
    if (step_fails())
        return SQLITE_IOERR_LOCK;
    return as_file(file)->real->pMethods->xLock(as_file(file)->real, level);
}

static int fv_unlock(sqlite3_file *file, int level)
{
    return as_file(file)->real->pMethods->xUnlock(as_file(file)->real, level);
}

static int fv_check_reserved_lock(sqlite3_file *file, int *out)
{
    return as_file(file)->real->pMethods->xCheckReservedLock(as_file(file)->real, out);
}

static int fv_file_control(sqlite3_file *file, int op, void *arg)
{
    return as_file(file)->real->pMethods->xFileControl(as_file(file)->real, op, arg);
}

static int fv_sector_size(sqlite3_file *file)
{
    return as_file(file)->real->pMethods->xSectorSize(as_file(file)->real);
}

static int fv_device_characteristics(sqlite3_file *file)
{
    return as_file(file)->real->pMethods->xDeviceCharacteristics(as_file(file)->real);
}

static int fv_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    return as_file(file)->real->pMethods->xShmMap(as_file(file)->real, page, size, extend, out);
}

static int fv_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    return as_file(file)->real->pMethods->xShmLock(as_file(file)->real, offset, n, flags);
}

static void fv_shm_barrier(sqlite3_file *file)
{
    as_file(file)->real->pMethods->xShmBarrier(as_file(file)->real);
}

static int fv_shm_unmap(sqlite3_file *file, int delete_flag)
{
    return as_file(file)->real->pMethods->xShmUnmap(as_file(file)->real, delete_flag);
}

/* No memory mapping: every read goes through fv_read, where it is counted. */
static int fv_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    (void)file;
    (void)offset;
    (void)amount;
    *out = NULL;
    return SQLITE_OK;
}

static int fv_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    (void)file;
    (void)offset;
    (void)page;
    return SQLITE_OK;
}

static const sqlite3_io_methods fv_methods = {
    3,
    fv_close,
    fv_read,
    fv_write,
    fv_truncate,
    fv_sync,
    fv_file_size,
    fv_lock,
    fv_unlock,
    fv_check_reserved_lock,
    fv_file_control,
    fv_sector_size,
    fv_device_characteristics,
    fv_shm_map,
    fv_shm_lock,
    fv_shm_barrier,
    fv_shm_unmap,
    fv_fetch,
    fv_unfetch,
};

/* --- The VFS methods ------------------------------------------------------------------------- */

static int fv_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    (void)vfs;
    struct fv_file *f = as_file(file);
    f->base.pMethods = NULL;
    f->real = (sqlite3_file *)(f + 1);
    f->path = NULL;
    if (fv.crashed)
        return SQLITE_CANTOPEN;
    int rc = fv.real->xOpen(fv.real, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK || f->real->pMethods == NULL)
        return rc;
    f->path = name != NULL ? xstrdup(name) : NULL;
    f->base.pMethods = &fv_methods;
    return SQLITE_OK;
}

static int fv_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    if (fv.crashed)
        return SQLITE_IOERR_DELETE;
    forget_path(name);
    return fv.real->xDelete(fv.real, name, sync_dir);
}

static int fv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return fv.real->xAccess(fv.real, name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out)
{
    (void)vfs;
    return fv.real->xFullPathname(fv.real, name, size, out);
}

static void *fv_dl_open(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return fv.real->xDlOpen(fv.real, name);
}

static void fv_dl_error(sqlite3_vfs *vfs, int size, char *out)
{
    (void)vfs;
    fv.real->xDlError(fv.real, size, out);
}

static void (*fv_dl_sym(sqlite3_vfs *vfs, void *handle, const char *name))(void)
{
    (void)vfs;
    return fv.real->xDlSym(fv.real, handle, name);
}

static void fv_dl_close(sqlite3_vfs *vfs, void *handle)
{
    (void)vfs;
    fv.real->xDlClose(fv.real, handle);
}

static int fv_randomness(sqlite3_vfs *vfs, int size, char *out)
{
    (void)vfs;
    return fv.real->xRandomness(fv.real, size, out);
}

static int fv_sleep(sqlite3_vfs *vfs, int micros)
{
    (void)vfs;
    return fv.real->xSleep(fv.real, micros);
}

static int fv_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return fv.real->xCurrentTime(fv.real, out);
}

static int fv_get_last_error(sqlite3_vfs *vfs, int size, char *out)
{
    (void)vfs;
    return fv.real->xGetLastError(fv.real, size, out);
}

static int fv_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return fv.real->xCurrentTimeInt64(fv.real, out);
}

static sqlite3_vfs fv_vfs = {
    2,
    0,
    0,
    NULL,
    "gutskin-fault",
    NULL,
    fv_open,
    fv_delete,
    fv_access,
    fv_full_pathname,
    fv_dl_open,
    fv_dl_error,
    fv_dl_sym,
    fv_dl_close,
    fv_randomness,
    fv_sleep,
    fv_current_time,
    fv_get_last_error,
    fv_current_time_int64,
    NULL,
    NULL,
    NULL,
};

/* --- gutskin's own steps --------------------------------------------------------------------- */

static void record_rename(const char *from, const char *to)
{
    if (fv.crash_at == 0)
        return;
    xgrow(&fv.renames, &fv.rename_capacity, fv.rename_count + 1, sizeof *fv.renames);
    struct pending_rename *pending = &fv.renames[fv.rename_count++];
    pending->from = xstrdup(from);
    pending->to = xstrdup(to);
    const char *slash = strrchr(to, '/');
    pending->dir = slash != NULL ? xstrndup(to, (size_t)(slash - to)) : xstrdup(".");
    pending->replaced = testutil_read_file(to, &pending->replaced_length);
}

static int fv_fsops(enum fsops_step step, const char *path, const char *from, void *context)
{
    (void)context;
    if (step_fails())
        return EIO;
    if (step == FSOPS_RENAME) {
        record_rename(from, path);
        return 0;
    }
    if (sync_loses_power())
        return EIO;
    if (step == FSOPS_FSYNC)
        forget_path(path);
    if (step == FSOPS_SYNC_DIR)
        forget_renames_in(path);
    return FSOPS_SKIP;
}

void faultvfs_install(void)
{
    if (fv.real == NULL) {
        fv.real = sqlite3_vfs_find(NULL);
        fv_vfs.szOsFile = (int)sizeof(struct fv_file) + fv.real->szOsFile;
        fv_vfs.mxPathname = fv.real->mxPathname;
        if (sqlite3_vfs_register(&fv_vfs, 1) != SQLITE_OK)
            abort();
    }
    fsops_set_hook(fv_fsops, NULL);
    faultvfs_reset();
}
