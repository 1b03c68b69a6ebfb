/*
 * test_backups.c - the automatic daily copies (made before the first change of a day, private,
 * rotated to 7 daily and 4 weekly, configurable or off, a failure that never stops a save and is
 * said once), `backup --list`, and `backup --force` that keeps the old copy whole when any step of
 * writing the new one fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include "backups.h"
#include "command_run.h"
#include "fsops.h"
#include "journal.h"

static char *backup_path(const struct command_run *run, const char *date)
{
    return xprintf("%s/backups/journal-%s.db", run->dir, date);
}

static bool exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0;
}

static void log_on(struct command_run *run, const char *today, const char *value)
{
    setenv("GUTSKIN_TODAY", today, 1);
    assert_int_equal(command_run(run, command_log, "log", value, NULL), 0);
}

/* The days a journal file holds, through `check`-free plain reading. */
static size_t days_in(const char *path)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open_existing(path, true, &err);
    if (journal == NULL)
        fail_msg("%s", err.message);
    size_t count = 0;
    assert_int_equal(journal_count_days(journal, DATE_NONE, DATE_NONE, &count, &err), 0);
    assert_int_equal(journal_check_integrity(journal, &err), 0);
    journal_close(journal);
    return count;
}

static void test_policy(void **state)
{
    (void)state;
    struct backups_policy policy;
    struct error err = {ERROR_NONE, ""};
    unsetenv("GUTSKIN_BACKUPS");
    assert_int_equal(backups_policy_read(&policy, &err), 0);
    assert_false(policy.off);
    assert_int_equal(policy.daily, 7);
    assert_int_equal(policy.weekly, 4);
    setenv("GUTSKIN_BACKUPS", "14,8", 1);
    assert_int_equal(backups_policy_read(&policy, &err), 0);
    assert_int_equal(policy.daily, 14);
    assert_int_equal(policy.weekly, 8);
    setenv("GUTSKIN_BACKUPS", "off", 1);
    assert_int_equal(backups_policy_read(&policy, &err), 0);
    assert_true(policy.off);
    setenv("GUTSKIN_BACKUPS", "seven", 1);
    assert_int_equal(backups_policy_read(&policy, &err), -1);
    assert_int_equal(err.kind, ERROR_USAGE);
    assert_non_null(strstr(err.message, "GUTSKIN_BACKUPS"));
    unsetenv("GUTSKIN_BACKUPS");
}

static void test_daily_copy_before_first_change(void **state)
{
    (void)state;
    unsetenv("GUTSKIN_BACKUPS");
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    char *first = backup_path(run, "2026-03-10");
    assert_false(exists(first)); /* nothing to keep before the very first day */
    log_on(run, "2026-03-11", "acne=2");
    char *second = backup_path(run, "2026-03-11");
    assert_true(exists(second));
    assert_int_equal(testutil_file_mode(second), 0600);
    char *dir = xprintf("%s/backups", run->dir);
    assert_int_equal(testutil_file_mode(dir), 0700);
    assert_int_equal(days_in(second), 1); /* the journal as it was before the day's change */
    /* Later changes that day leave the day's copy alone. */
    struct stat before, after;
    assert_int_equal(stat(second, &before), 0);
    log_on(run, "2026-03-11", "acne=3");
    assert_int_equal(stat(second, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino);
    /* --list names it with its date and size. */
    assert_int_equal(command_run(run, command_backup, "backup", "--list", NULL), 0);
    assert_contains(run->out, "2026-03-11");
    assert_contains(run->out, "journal-2026-03-11.db");
    assert_contains(run->out, "KiB");
    assert_contains(run->out, "7 daily and 4 weekly");
    free(dir);
    free(first);
    free(second);
    command_run_free(run);
}

static void test_off_makes_no_copy(void **state)
{
    (void)state;
    struct command_run *run = command_run_new();
    setenv("GUTSKIN_BACKUPS", "off", 1);
    log_on(run, "2026-03-10", "acne=1");
    log_on(run, "2026-03-11", "acne=2");
    char *copy = backup_path(run, "2026-03-11");
    assert_false(exists(copy));
    assert_int_equal(command_run(run, command_backup, "backup", "--list", NULL), 0);
    assert_contains(run->out, "automatic backups are off");
    unsetenv("GUTSKIN_BACKUPS");
    free(copy);
    command_run_free(run);
}

/* Forty days of copies: the newest 7 stay, then the newest of each of 4 earlier weeks. */
static void test_rotation(void **state)
{
    (void)state;
    unsetenv("GUTSKIN_BACKUPS");
    struct command_run *run = command_run_new();
    log_on(run, "2026-01-01", "acne=1");
    int first;
    date_parse("2026-01-02", &first);
    for (int day = first; day < first + 40; day++) {
        char date[DATE_TEXT_SIZE];
        date_format(day, date);
        log_on(run, date, "acne=2");
    }
    struct backups_list list;
    backups_list_init(&list);
    struct error err = {ERROR_NONE, ""};
    assert_int_equal(backups_list_read(run->db_path, &list, &err), 0);
    assert_int_equal(list.count, 11);
    /* 2026-01-02 + 39 = 2026-02-10 (a Tuesday): 02-04 .. 02-10 daily, then the newest of the
     * weeks starting 02-02 (02-03), 01-26 (02-01), 01-19 (01-25) and 01-12 (01-18). */
    const char *expected[] = {"2026-02-10", "2026-02-09", "2026-02-08", "2026-02-07",
                              "2026-02-06", "2026-02-05", "2026-02-04", "2026-02-03",
                              "2026-02-01", "2026-01-25", "2026-01-18"};
    for (size_t i = 0; i < list.count; i++)
        assert_string_equal(list.items[i].date, expected[i]);
    backups_list_release(&list);
    command_run_free(run);
}

/* A backups folder that cannot be made: the save goes ahead, and says so once. */
static void test_failure_never_blocks_a_save(void **state)
{
    (void)state;
    unsetenv("GUTSKIN_BACKUPS");
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    free(testutil_write_file(run->dir, "backups", "not a folder"));
    log_on(run, "2026-03-11", "acne=2");
    assert_contains(run->err, "automatic backup failed");
    assert_contains(run->err, "saved as usual");
    assert_int_equal(days_in(run->db_path), 2);
    command_run_free(run);
}

/* --- backup --force -----------------------------------------------------------------------------
 */

struct fail_step {
    enum fsops_step step;
    int calls;
};

static int fail_one_step(enum fsops_step step, const char *path, const char *from, void *context)
{
    (void)path;
    (void)from;
    struct fail_step *fail = context;
    if (step == fail->step) {
        fail->calls++;
        return EIO;
    }
    return 0;
}

static void test_force_keeps_old_copy_when_a_step_fails(void **state)
{
    (void)state;
    setenv("GUTSKIN_BACKUPS", "off", 1);
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    char *target = xprintf("%s/copy.db", run->dir);
    assert_int_equal(command_run(run, command_backup, "backup", target, NULL), 0);
    assert_string_equal(run->out, ""); /* the confirmation is on standard error */
    char *said = xprintf("backup written to %s\n", target);
    assert_string_equal(run->err, said);
    free(said);
    log_on(run, "2026-03-11", "acne=2");
    const enum fsops_step steps[] = {FSOPS_FSYNC, FSOPS_RENAME};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        struct fail_step fail = {steps[i], 0};
        fsops_set_hook(fail_one_step, &fail);
        assert_int_equal(command_run(run, command_backup, "backup", "--force", target, NULL), 1);
        fsops_set_hook(NULL, NULL);
        assert_true(fail.calls > 0);
        assert_contains(run->err, "gutskin: ");
        assert_contains(run->err, "copy.db");
        assert_int_equal(days_in(target), 1); /* the old copy, whole */
        assert_int_equal(command_run(run, command_check, "check", NULL), 0);
    }
    /* Nothing left beside it but the copy (and the journal's own files). */
    assert_int_equal(command_run(run, command_backup, "backup", "--force", target, NULL), 0);
    assert_int_equal(days_in(target), 2);
    assert_int_equal(testutil_file_mode(target), 0600);
    char *listing = xprintf("ls -A %s | grep -c '^\\.copy' > %s/count", run->dir, run->dir);
    assert_int_equal(system(listing), 256); /* grep -c found none: exit status 1 */
    free(listing);
    unsetenv("GUTSKIN_BACKUPS");
    free(target);
    command_run_free(run);
}

/* A journal from the first gutskin is upgraded in a temporary copy and restored; the file given
 * is only read, and nothing is left beside the copies. */
static void test_restore_older_schema(void **state)
{
    (void)state;
    unsetenv("GUTSKIN_BACKUPS");
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    char *old = xprintf("%s/old.db", run->dir);
    testutil_write_v1_journal(old, 3);
    char *sum = xprintf("sha256sum %s > %s/sum1", old, run->dir);
    assert_int_equal(system(sum), 0);
    assert_int_equal(command_run(run, command_restore, "restore", old, NULL), 0);
    assert_contains(run->out, "3 days, from 2025-01-01 to 2025-01-03");
    assert_contains(run->out, "the journal now: 1 day");
    assert_int_equal(days_in(run->db_path), 3);
    assert_int_equal(command_run(run, command_show, "show", "2025-01-02", NULL), 0);
    assert_contains(run->out, "old note 2");
    char *again = xprintf("sha256sum %s | cmp - %s/sum1", old, run->dir);
    assert_int_equal(system(again), 0);
    char *leftovers = xprintf("ls -A %s/backups | grep -v before-restore | grep -q .", run->dir);
    assert_int_not_equal(system(leftovers), 0);
    free(leftovers);
    free(again);
    free(sum);
    free(old);
    command_run_free(run);
}

static int page_size_of(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int size = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return size;
}

/* A copy whose pages differ in size from the journal's (made by another SQLite build, or by hand)
 * is restored all the same: SQLite cannot copy it into a WAL journal as it is (its bare
 * "read-only" told the person nothing), so it goes through a copy with the journal's page size,
 * beside the journal and removed after. The file given is only read. */
static void test_restore_other_page_size(void **state)
{
    (void)state;
    setenv("GUTSKIN_BACKUPS", "off", 1);
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    char *copy = xprintf("%s/copy.db", run->dir);
    assert_int_equal(command_run(run, command_backup, "backup", copy, NULL), 0);
    log_on(run, "2026-03-11", "acne=2");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
    int other = page_size_of(run->db_path) == 8192 ? 4096 : 8192;
    char *resize = xprintf("PRAGMA page_size = %d; VACUUM;", other);
    assert_int_equal(sqlite3_exec(db, resize, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(page_size_of(copy), other);
    char *sum = xprintf("sha256sum %s > %s/sum1", copy, run->dir);
    assert_int_equal(system(sum), 0);
    int before = page_size_of(run->db_path);
    assert_int_equal(command_run(run, command_restore, "restore", copy, NULL), 0);
    assert_contains(run->out, "restored");
    assert_int_equal(days_in(run->db_path), 1);
    assert_int_equal(page_size_of(run->db_path), before);
    assert_int_equal(command_run(run, command_check, "check", NULL), 0);
    char *again = xprintf("sha256sum %s | cmp - %s/sum1", copy, run->dir);
    assert_int_equal(system(again), 0);
    char *leftovers = xprintf("ls -A %s | grep -q '^\\.'", run->dir);
    assert_int_not_equal(system(leftovers), 0); /* no temporary copy left beside the journal */
    free(leftovers);
    free(again);
    free(sum);
    free(resize);
    free(copy);
    unsetenv("GUTSKIN_BACKUPS");
    command_run_free(run);
}

/* A temporary copy a power cut left behind goes with the next day's copy; one being written
 * now by another gutskin stays. */
static void test_stale_temporary_removed(void **state)
{
    (void)state;
    unsetenv("GUTSKIN_BACKUPS");
    struct command_run *run = command_run_new();
    log_on(run, "2026-03-10", "acne=1");
    log_on(run, "2026-03-11", "acne=2");
    char *dir = xprintf("%s/backups", run->dir);
    char *stale = testutil_write_file(dir, ".journal-2026-03-11.db.AbC123", "half");
    char *fresh = testutil_write_file(dir, ".journal-2026-03-12.db.XyZ789", "in progress");
    struct utimbuf old = {time(NULL) - 2 * 60 * 60, time(NULL) - 2 * 60 * 60};
    assert_int_equal(utime(stale, &old), 0);
    log_on(run, "2026-03-12", "acne=3");
    assert_false(exists(stale));
    assert_true(exists(fresh));
    free(stale);
    free(fresh);
    free(dir);
    command_run_free(run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_daily_copy_before_first_change),
        cmocka_unit_test(test_off_makes_no_copy),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_failure_never_blocks_a_save),
        cmocka_unit_test(test_force_keeps_old_copy_when_a_step_fails),
        cmocka_unit_test(test_restore_older_schema),
        cmocka_unit_test(test_restore_other_page_size),
        cmocka_unit_test(test_stale_temporary_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
