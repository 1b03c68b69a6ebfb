/*
 * faultvfs.h - an SQLite VFS for tests that makes I/O fail and that loses power, the way
 * SQLite tests itself.
 *
 * faultvfs_install() registers a VFS that wraps the default one and becomes the default, so that
 * every journal the code under test opens goes through it; it also installs the fsops hook, so
 * that gutskin's own steps (fsync, rename, folder sync) go through it too. Nothing changes until
 * a fault or a crash is armed.
 *
 * Faults: every read, write, sync, truncate and lock of an SQLite file, and every fsops step, is
 * one numbered I/O step. faultvfs_fail_at(N) makes step N fail (SQLITE_IOERR_*, or EIO for an
 * fsops step); with `persistent`, every step from N on fails, as on a disk that has gone away.
 *
 * Power loss: every write is kept as a record (what the bytes were before, what they became)
 * until its file is synced. faultvfs_crash_at_sync(N) makes the Nth sync (an SQLite xSync, or an
 * fsops fsync or folder sync) the moment the power goes: every write not yet synced is undone,
 * in every file, and with `keep_some` a random part of them (seeded) is put back, as a disk may
 * have written some of them and not others. From then on every I/O fails, as for a process that
 * no longer runs; the caller closes what it has open and then reopens the files afresh.
 *
 * A rename of gutskin's (fsops) lasts only once its folder is synced: at a power loss before
 * that, the file is back under its old name and the new name holds what it held before.
 *
 * Syncs are not passed to the disk: the records say what a sync made last, and the loops run
 * thousands of operations. Known simplifications: the creation and removal of files count as
 * lasting at once; after the power loss the code under test goes on to its error path (and so
 * removes its temporary files), where a real process would be gone; -shm files (shared memory,
 * rebuilt by SQLite after a crash) are passed through.
 */
#ifndef GUTSKIN_FAULTVFS_H
#define GUTSKIN_FAULTVFS_H

#include <stdbool.h>

void faultvfs_install(void);

/* Forgets every armed fault or crash, the counters and the unsynced writes. */
void faultvfs_reset(void);

/* Arms a fault at step `n` (1 = the first step after this call); 0 disarms. */
void faultvfs_fail_at(long n, bool persistent);

/* Arms a power loss at sync `n` (1 = the first sync after this call); 0 disarms. */
void faultvfs_crash_at_sync(long n, bool keep_some, unsigned seed);

/* The power goes now (after an operation returned): what was not synced is lost as above. */
void faultvfs_power_cut(void);

long faultvfs_steps(void); /* I/O steps counted since the last arming */
long faultvfs_syncs(void); /* sync points counted since the last arming */
bool faultvfs_fault_hit(void);
bool faultvfs_crashed(void);

#endif
