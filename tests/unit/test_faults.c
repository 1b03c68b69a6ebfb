/*
 * test_faults.c - every I/O step of every operation that writes, made to fail in turn, and the
 * power lost at every sync point of the operations that save, the way SQLite proves itself.
 *
 * The VFS of tests/faultvfs.c wraps SQLite's own and is registered as the default before any
 * journal opens, so the code under test is the code gutskin runs (gutskin_core), with gutskin's
 * own fsync, rename and folder sync going through the same counter (include/fsops.h).
 *
 * Faults: for each operation, step N (every read, write, sync, truncate and lock of SQLite, and
 * every fsync, rename and folder sync of gutskin's) fails, for N = 1, 2, ... until the operation
 * runs without reaching step N. After each run: the journal passes PRAGMA integrity_check and
 * holds either what it held before or what the operation makes of it (exactly that, when the
 * operation said it succeeded), the previous automatic backup is unchanged, an output file is
 * either as it was or whole, no temporary file is left, and a failure gave a message.
 *
 * Power loss: for each operation, the power goes at sync point N: every write not yet synced is
 * thrown away (and, in a second pass, a random part of them kept, with the seed N). Every save
 * that returned success must be there, whole; the journal passes integrity_check.
 *
 * The number of fault points and sync points tried per operation is printed. FAULTS_SCALE=N
 * (bench/) makes the journals N times larger and tries persistent faults too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "backups.h"
#include "command_run.h"
#include "faultvfs.h"
#include "fsops.h"
#include "journal.h"
#include "merge.h"
#include "setup.h"

#define PREVIOUS_BACKUP "backups/journal-2026-03-09.db"

static int scale = 1;

/* --- Files ----------------------------------------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
    size_t length = 0;
    char *bytes = testutil_read_file(from, &length);
    assert_non_null(bytes);
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(bytes, 1, length, out), length);
    assert_int_equal(fclose(out), 0);
    chmod(to, 0600);
    free(bytes);
}

/* Copies the files of `from` (and of its subfolder backups/) into `to`, made afresh. */
static void copy_tree(const char *from, const char *to)
{
    testutil_remove_tree(to);
    assert_int_equal(mkdir(to, 0700), 0);
    DIR *dir = opendir(from);
    assert_non_null(dir);
    struct dirent *item;
    while ((item = readdir(dir)) != NULL) {
        if (item->d_name[0] == '.')
            continue;
        char *source = xprintf("%s/%s", from, item->d_name);
        char *target = xprintf("%s/%s", to, item->d_name);
        struct stat info;
        assert_int_equal(stat(source, &info), 0);
        if (S_ISDIR(info.st_mode))
            copy_tree(source, target);
        else
            copy_file(source, target);
        free(source);
        free(target);
    }
    closedir(dir);
}

/* Names starting with a dot (a temporary file left behind), in `dir` and its backups/. */
static void assert_no_leftovers(const char *dir)
{
    DIR *handle = opendir(dir);
    if (handle == NULL)
        return;
    struct dirent *item;
    while ((item = readdir(handle)) != NULL) {
        if (strcmp(item->d_name, ".") == 0 || strcmp(item->d_name, "..") == 0)
            continue;
        if (item->d_name[0] == '.')
            fail_msg("a temporary file was left: %s/%s", dir, item->d_name);
        if (strcmp(item->d_name, "backups") == 0) {
            char *inner = xprintf("%s/backups", dir);
            assert_no_leftovers(inner);
            free(inner);
        }
    }
    closedir(handle);
}

static char *file_bytes(const char *path)
{
    size_t length = 0;
    char *bytes = testutil_read_file(path, &length);
    return bytes != NULL ? bytes : xstrdup("(no file)");
}

/* --- What a journal holds -------------------------------------------------------------------- */

static void append_rows(sqlite3 *db, const char *sql, char **text)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return; /* a table this schema version does not have */
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(stmt); i++) {
            const unsigned char *value = sqlite3_column_text(stmt, i);
            char *joined = xprintf("%s%s%s", *text, i ? "|" : "", value ? (const char *)value : "");
            free(*text);
            *text = joined;
        }
        char *joined = xprintf("%s\n", *text);
        free(*text);
        *text = joined;
    }
    sqlite3_finalize(stmt);
}

/* Everything a person wrote, as text; "(no journal)" when the file does not exist. Fails the
 * test when the file does not pass integrity_check. *version gets the schema version. */
static char *journal_text(const char *path, int *version)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return xstrdup("(no journal)");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
    if (sqlite3_step(stmt) != SQLITE_ROW ||
        strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0)
        fail_msg("%s: integrity_check: %s (%s)", path,
                 sqlite3_column_text(stmt, 0) ? (const char *)sqlite3_column_text(stmt, 0) : "",
                 sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    char *text = xstrdup("");
    char *user_version = xstrdup("");
    append_rows(db, "PRAGMA user_version", &user_version);
    if (version != NULL)
        *version = atoi(user_version);
    free(user_version);
    append_rows(db, "SELECT date, note, note_changed_at FROM day ORDER BY date", &text);
    append_rows(db, "SELECT * FROM reading ORDER BY date, metric", &text);
    append_rows(db, "SELECT * FROM food_eaten ORDER BY date, food", &text);
    append_rows(db, "SELECT date, label FROM mark ORDER BY date, label", &text);
    append_rows(db, "SELECT * FROM deleted_day ORDER BY date", &text);
    append_rows(db, "SELECT * FROM deleted_mark ORDER BY date, label", &text);
    append_rows(db, "SELECT * FROM deleted_value ORDER BY date, kind, id", &text);
    append_rows(db,
                "SELECT change, change_id, outcome, outcome_id, pairs, period_days, washout_days,"
                " start, seed, stopped FROM experiment ORDER BY start, seed",
                &text);
    sqlite3_close(db);
    return text;
}

/* --- Scenarios ------------------------------------------------------------------------------- */

struct world {
    char *base;    /* the state every run starts from */
    char *work;    /* where a run happens */
    char *capture; /* the commands' stdout and stderr */
    char *journal; /* work/journal.db */
    struct command_run run;
    struct error err;
};

struct scenario {
    const char *name;
    void (*prepare)(struct world *world); /* in world->work, with no fault armed */
    int (*operate)(struct world *world);  /* 0 on success, else a message in stderr or err */
    const char *output;                   /* a file in work/ the operation writes, or NULL */
    bool output_is_journal;
    bool reports_by_command; /* the message is in stderr, not in world->err */
};

static int run_command(struct world *world, command_run_fn *fn, ...)
{
    va_list args;
    va_start(args, fn);
    int status = command_run_v(&world->run, world->capture, fn, args);
    va_end(args);
    return status;
}

static char *work_path(const struct world *world, const char *name)
{
    return xprintf("%s/%s", world->work, name);
}

/* Runs `command` [option] work/NAME. */
static int run_on_file(struct world *world, command_run_fn *fn, const char *command,
                       const char *option, const char *name)
{
    char *path = work_path(world, name);
    int status = option != NULL ? run_command(world, fn, command, option, path, NULL)
                                : run_command(world, fn, command, path, NULL);
    free(path);
    return status;
}

static void log_days(struct world *world, const char *today, int first_day, int count)
{
    setenv("GUTSKIN_TODAY", today, 1);
    int first;
    assert_true(date_parse("2026-02-01", &first));
    for (int i = 0; i < count; i++) {
        char date[DATE_TEXT_SIZE], acne[16], note[48];
        /* Days 1 to 20 of February, and for larger journals the days before them. */
        date_format(i < 20 ? first + (first_day - 1 + i) % 20 : first - (i - 19), date);
        snprintf(acne, sizeof acne, "acne=%d", i % 5);
        snprintf(note, sizeof note, "note of day %d", i);
        assert_int_equal(run_command(world, command_log, "log", "--date", date, acne,
                                     "sleep-hours=7", "--food", "kimchi", "--note", note, NULL),
                         0);
    }
    setenv("GUTSKIN_TODAY", "2026-03-10", 1);
}

/* A journal with a few days and the automatic copy of 2026-03-09. */
static void prepare_journal(struct world *world)
{
    unsetenv("GUTSKIN_BACKUPS");
    log_days(world, "2026-03-08", 1, 2 * scale);
    log_days(world, "2026-03-09", 3, 1);
    char *previous = work_path(world, PREVIOUS_BACKUP);
    assert_int_equal(testutil_file_mode(previous), 0600);
    free(previous);
}

static int op_log(struct world *world)
{
    return run_command(world, command_log, "log", "acne=3", "--note", "from the shell", NULL);
}

static int op_log_without_backups(struct world *world)
{
    setenv("GUTSKIN_BACKUPS", "off", 1);
    int status = op_log(world);
    unsetenv("GUTSKIN_BACKUPS");
    return status;
}

/* The app shows a failed automatic backup in its status line, not on stderr. */
static void quiet(const char *message, void *context)
{
    (void)message;
    (void)context;
}

/* The check-in's save: what the form changed, merged into the day as saved. */
static int op_checkin_save(struct world *world)
{
    error_clear(&world->err);
    struct journal *journal = setup_open_journal(&world->run.options, &world->err);
    if (journal == NULL)
        return -1;
    backups_attach(journal, quiet, NULL);
    struct day base, mine;
    day_init(&base, testutil_day("2026-02-01"));
    day_init(&mine, testutil_day("2026-02-01"));
    int status =
        journal_load_day(journal, testutil_day("2026-02-01"), &base, &world->err) < 0 ? -1 : 0;
    if (status == 0) {
        day_copy(&mine, &base);
        day_set_reading(&mine, "redness", 2);
        day_set_note(&mine, "changed in the check-in");
        status = journal_merge_day(journal, &base, &mine, DAY_MERGE_ASK, NULL, &world->err);
    }
    day_release(&base);
    day_release(&mine);
    journal_close(journal);
    return status;
}

static void prepare_import(struct world *world)
{
    prepare_journal(world);
    char *csv = work_path(world, "import.csv");
    FILE *file = fopen(csv, "w");
    assert_non_null(file);
    fputs("date,acne,sleep-hours,note\n", file);
    int first;
    assert_true(date_parse("2025-06-01", &first));
    for (int i = 0; i < 5 * scale; i++) {
        char date[DATE_TEXT_SIZE];
        date_format(first + i, date);
        fprintf(file, "%s,%d,%d,imported %d\n", date, i % 5, 6 + i % 3, i);
    }
    fclose(file);
    free(csv);
}

static int op_import(struct world *world)
{
    return run_on_file(world, command_import, "import", NULL, "import.csv");
}

/* Adds a mark to the journal at `path`, and with `remove` removes it again. */
static void put_mark(const char *path, const char *date, const char *label, bool remove)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(path, &err);
    assert_non_null(journal);
    assert_int_equal(journal_add_mark(journal, testutil_day(date), label, &err), 0);
    struct journal_mark_list marks;
    journal_mark_list_init(&marks);
    assert_int_equal(journal_list_marks(journal, &marks, &err), 0);
    if (remove)
        assert_int_equal(journal_delete_mark(journal, marks.items[marks.count - 1].id, &err), 0);
    journal_mark_list_release(&marks);
    journal_close(journal);
}

/* Removes a reading from a day of the journal at `path`, as the check-in does. */
static void remove_reading(const char *path, const char *date, const char *metric)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(path, &err);
    assert_non_null(journal);
    struct day day;
    day_init(&day, testutil_day(date));
    assert_int_equal(journal_load_day(journal, testutil_day(date), &day, &err), 1);
    day_remove_reading(&day, metric);
    assert_int_equal(journal_save_day(journal, &day, &err), 0);
    day_release(&day);
    journal_close(journal);
}

/* The other journal: the same first days changed later, and days of its own; a mark of its
 * own, and one both had that it removed; a reading removed from a day both have. */
static void prepare_merge(struct world *world)
{
    prepare_journal(world);
    put_mark(world->journal, "2026-02-02", "started kimchi", false);
    const char *journal = world->run.options.db_path;
    char *other = work_path(world, "other.db");
    world->run.options.db_path = other;
    setenv("GUTSKIN_BACKUPS", "off", 1);
    setenv("GUTSKIN_NOW", "1773600000", 1);
    log_days(world, "2026-03-09", 2, 3 * scale);
    assert_int_equal(run_command(world, command_log, "log", "--date", "2026-01-20", "acne=4",
                                 "--note", "theirs", NULL),
                     0);
    put_mark(other, "2026-02-02", "started kimchi", true);
    put_mark(other, "2026-02-03", "stopped coffee", false);
    remove_reading(other, "2026-02-03", "sleep-hours");
    /* A plan of its own there, stopped: the merge adds it and then its stop. */
    assert_int_equal(run_command(world, command_experiment, "experiment", "start", "--change",
                                 "take food:kefir", "--outcome", "acne", "--start", "2026-03-10",
                                 "--seed", "9", NULL),
                     0);
    assert_int_equal(run_command(world, command_experiment, "experiment", "stop", NULL), 0);
    setenv("GUTSKIN_NOW", "1773576000", 1);
    unsetenv("GUTSKIN_BACKUPS");
    world->run.options.db_path = journal;
    free(other);
}

static int op_merge(struct world *world)
{
    return run_on_file(world, command_merge, "merge", NULL, "other.db");
}

/* A journal of schema version 1, the first gutskin's. */
static void prepare_migration(struct world *world)
{
    testutil_write_v1_journal(world->journal, 3 * scale < 28 ? 3 * scale : 28);
}

static int op_migration(struct world *world)
{
    error_clear(&world->err);
    struct journal *journal = journal_open(world->journal, &world->err);
    journal_close(journal);
    return journal != NULL ? 0 : -1;
}

static int op_backup_force(struct world *world)
{
    return run_on_file(world, command_backup, "backup", "--force", "copy.db");
}

static void prepare_backup_force(struct world *world)
{
    prepare_journal(world);
    char *target = work_path(world, "copy.db");
    assert_int_equal(run_command(world, command_backup, "backup", target, NULL), 0);
    free(target);
    log_days(world, "2026-03-09", 10, 1); /* the journal moves on; the copy does not */
}

static void prepare_restore(struct world *world)
{
    prepare_journal(world);
    log_days(world, "2026-03-09", 12, 2); /* the journal moves on from the copy of 03-09 */
}

static int op_restore(struct world *world)
{
    return run_on_file(world, command_restore, "restore", NULL, PREVIOUS_BACKUP);
}

static int op_export(struct world *world)
{
    return run_on_file(world, command_export, "export", "-o", "out.csv");
}

static const struct scenario scenarios[] = {
    {"check-in save", prepare_journal, op_checkin_save, NULL, false, false},
    {"log", prepare_journal, op_log_without_backups, NULL, false, true},
    {"import", prepare_import, op_import, NULL, false, true},
    {"merge", prepare_merge, op_merge, NULL, false, true},
    {"migration", prepare_migration, op_migration, NULL, false, false},
    {"automatic backup", prepare_journal, op_log, NULL, false, true},
    {"backup --force", prepare_backup_force, op_backup_force, "copy.db", true, true},
    {"restore", prepare_restore, op_restore, NULL, false, true},
    {"export -o", prepare_journal, op_export, "out.csv", false, true},
};

#define SCENARIO_COUNT (sizeof scenarios / sizeof scenarios[0])

/* --- The loops ------------------------------------------------------------------------------- */

static void world_init(struct world *world)
{
    memset(world, 0, sizeof *world);
    char *root = testutil_make_temp_dir();
    world->base = xprintf("%s/base", root);
    world->work = xprintf("%s/work", root);
    world->capture = root;
    world->journal = xprintf("%s/journal.db", world->work);
    world->run.dir = root;
    world->run.options.db_path = world->journal;
    world->run.options.content_dir = COMMAND_RUN_CONTENT;
    setenv("XDG_CONFIG_HOME", root, 1);
    unsetenv("GUTSKIN_DB");
    unsetenv("GUTSKIN_BACKUPS");
    setenv("GUTSKIN_TODAY", "2026-03-10", 1);
    setenv("GUTSKIN_NOW", "1773576000", 1);
    assert_int_equal(mkdir(world->work, 0700), 0);
}

static void world_release(struct world *world)
{
    testutil_remove_tree(world->capture);
    free(world->capture);
    free(world->base);
    free(world->work);
    free(world->journal);
    free(world->run.out);
    free(world->run.err);
}

/* What the operation leaves: the journal's text, and its output's. */
struct outcome {
    char *journal;
    char *output;
};

static void outcome_release(struct outcome *outcome)
{
    free(outcome->journal);
    free(outcome->output);
}

static char *output_text(const struct world *world, const struct scenario *scenario)
{
    if (scenario->output == NULL)
        return xstrdup("");
    char *path = work_path(world, scenario->output);
    char *text = scenario->output_is_journal ? journal_text(path, NULL) : file_bytes(path);
    free(path);
    return text;
}

static struct outcome observe(const struct world *world, const struct scenario *scenario)
{
    struct outcome outcome = {journal_text(world->journal, NULL), output_text(world, scenario)};
    return outcome;
}

static void expect_message(const struct world *world, const struct scenario *scenario, long n)
{
    if (scenario->reports_by_command) {
        if (world->run.err == NULL || strncmp(world->run.err, "gutskin: ", 9) != 0 ||
            strlen(world->run.err) < 20)
            fail_msg("%s, fault %ld: failed without a clear message: '%s'", scenario->name, n,
                     world->run.err ? world->run.err : "");
    } else if (strlen(world->err.message) < 10) {
        fail_msg("%s, fault %ld: failed without a clear message", scenario->name, n);
    }
}

/* Checks one run that met a fault or a power loss: old state or new, whole. */
static void check_after(const struct world *world, const struct scenario *scenario,
                        const struct outcome *old, const struct outcome *new, int status,
                        const char *previous_backup, long n)
{
    struct outcome now = observe(world, scenario);
    bool is_new = strcmp(now.journal, new->journal) == 0 && strcmp(now.output, new->output) == 0;
    bool is_old_journal = strcmp(now.journal, old->journal) == 0;
    bool is_old_output = strcmp(now.output, old->output) == 0;
    if (status == 0 && !is_new)
        fail_msg("%s, point %ld: said it succeeded, but the result is not the new state:\n%s",
                 scenario->name, n, now.journal);
    if (!is_new && !(is_old_journal && (is_old_output || strcmp(now.output, new->output) == 0)))
        fail_msg("%s, point %ld: neither the old nor the new state:\n%s\n--- output:\n%.300s",
                 scenario->name, n, now.journal, now.output);
    if (previous_backup != NULL) {
        char *path = work_path(world, PREVIOUS_BACKUP);
        char *bytes = file_bytes(path);
        if (strcmp(bytes, previous_backup) != 0)
            fail_msg("%s, point %ld: the previous backup changed", scenario->name, n);
        free(bytes);
        free(path);
    }
    assert_no_leftovers(world->work);
    outcome_release(&now);
}

/* The clean run: the new state, and the number of steps and syncs it takes. */
static struct outcome run_clean(struct world *world, const struct scenario *scenario, long *steps,
                                long *syncs)
{
    copy_tree(world->base, world->work);
    faultvfs_fail_at(0, false);
    int status = scenario->operate(world);
    if (status != 0)
        fail_msg("%s without faults failed: %s%s", scenario->name, world->err.message,
                 world->run.err ? world->run.err : "");
    *steps = faultvfs_steps();
    *syncs = faultvfs_syncs();
    faultvfs_reset();
    return observe(world, scenario);
}

static char *prepare_base(struct world *world, const struct scenario *scenario, struct outcome *old)
{
    testutil_remove_tree(world->work);
    assert_int_equal(mkdir(world->work, 0700), 0);
    faultvfs_reset();
    scenario->prepare(world);
    copy_tree(world->work, world->base);
    copy_tree(world->base, world->work);
    *old = observe(world, scenario);
    char *previous = work_path(world, PREVIOUS_BACKUP);
    struct stat info;
    char *bytes = stat(previous, &info) == 0 ? file_bytes(previous) : NULL;
    free(previous);
    return bytes;
}

/* One scenario's loop: its world, the old and new states, and the previous backup's bytes. */
struct loop {
    struct world world;
    struct outcome old, new;
    char *previous_backup;
    long steps, syncs; /* of the clean run */
};

static void loop_begin(struct loop *loop, const struct scenario *scenario)
{
    world_init(&loop->world);
    loop->previous_backup = prepare_base(&loop->world, scenario, &loop->old);
    loop->new = run_clean(&loop->world, scenario, &loop->steps, &loop->syncs);
}

static void loop_end(struct loop *loop)
{
    outcome_release(&loop->old);
    outcome_release(&loop->new);
    free(loop->previous_backup);
    world_release(&loop->world);
}

static void run_again(struct loop *loop)
{
    copy_tree(loop->world.base, loop->world.work);
    error_clear(&loop->world.err);
}

static long fault_loop(const struct scenario *scenario, bool persistent)
{
    struct loop loop;
    loop_begin(&loop, scenario);
    long n = 1;
    for (;; n++) {
        run_again(&loop);
        faultvfs_fail_at(n, persistent);
        int status = scenario->operate(&loop.world);
        bool hit = faultvfs_fault_hit();
        faultvfs_reset();
        if (!hit)
            break;
        if (status != 0)
            expect_message(&loop.world, scenario, n);
        check_after(&loop.world, scenario, &loop.old, &loop.new, status, loop.previous_backup, n);
    }
    assert_true(n - 1 >= loop.steps * 9 / 10); /* every step of the clean run was tried */
    loop_end(&loop);
    return n - 1;
}

/* With `keep_some`, each sync point is tried with `scale` seeds (one in the suite). */
static long crash_loop(const struct scenario *scenario, bool keep_some)
{
    struct loop loop;
    loop_begin(&loop, scenario);
    long tried = 0;
    for (long seed = 1; seed <= (keep_some ? scale : 1); seed++) {
        for (long n = 1;; n++) {
            run_again(&loop);
            faultvfs_crash_at_sync(n, keep_some, (unsigned)(n * 1000 + seed));
            int status = scenario->operate(&loop.world);
            bool crashed = faultvfs_crashed();
            if (!crashed)
                faultvfs_power_cut(); /* last, the power goes after the operation returned */
            faultvfs_reset();
            check_after(&loop.world, scenario, &loop.old, &loop.new, status, loop.previous_backup,
                        n);
            tried++;
            if (!crashed)
                break;
        }
    }
    loop_end(&loop);
    return tried;
}

static void test_faults_at_every_step(void **state)
{
    (void)state;
    long total = 0;
    for (size_t i = 0; i < SCENARIO_COUNT; i++) {
        long points = fault_loop(&scenarios[i], false);
        if (scale > 1)
            points += fault_loop(&scenarios[i], true);
        print_message("faults: %-17s %4ld fault points tried%s\n", scenarios[i].name, points,
                      scale > 1 ? " (transient and persistent)" : "");
        total += points;
    }
    print_message("faults: %ld fault points in all\n", total);
}

/* Three check-in saves in a row in one app session: each that returned must be there whole. */
static void check_saves(struct world *world, const int status[3], long n)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(world->journal, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    for (int i = 0; i < 3; i++) {
        char *sql = xprintf("SELECT count(*) FROM reading WHERE date = '2026-02-0%d'"
                            " AND metric = 'redness' AND value = %d",
                            i + 1, i + 1);
        sqlite3_stmt *stmt = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        if (status[i] == 0 && sqlite3_column_int(stmt, 0) != 1)
            fail_msg("power lost at sync %ld: save %d had returned success but is not there", n,
                     i + 1);
        sqlite3_finalize(stmt);
        free(sql);
    }
    sqlite3_close(db);
    int version = 0;
    free(journal_text(world->journal, &version)); /* integrity_check */
}

static int three_saves(struct world *world, int status[3])
{
    error_clear(&world->err);
    struct journal *journal = setup_open_journal(&world->run.options, &world->err);
    if (journal != NULL)
        backups_attach(journal, quiet, NULL);
    for (int i = 0; i < 3; i++) {
        status[i] = -1;
        if (journal == NULL)
            continue;
        int day = date_from_parts(2026, 2, i + 1);
        struct day base, mine;
        day_init(&base, day);
        day_init(&mine, day);
        if (journal_load_day(journal, day, &base, &world->err) >= 0) {
            day_copy(&mine, &base);
            day_set_reading(&mine, "redness", i + 1);
            status[i] = journal_merge_day(journal, &base, &mine, DAY_MERGE_ASK, NULL, &world->err);
        }
        day_release(&base);
        day_release(&mine);
    }
    journal_close(journal);
    return status[0] == 0 && status[1] == 0 && status[2] == 0 ? 0 : -1;
}

static long save_crash_loop(bool keep_some)
{
    struct world world;
    world_init(&world);
    prepare_journal(&world);
    copy_tree(world.work, world.base);
    long n = 1;
    for (;; n++) {
        copy_tree(world.base, world.work);
        faultvfs_crash_at_sync(n, keep_some, (unsigned)n);
        int status[3];
        three_saves(&world, status);
        bool crashed = faultvfs_crashed();
        if (!crashed)
            faultvfs_power_cut(); /* last, the power goes after the saves returned */
        faultvfs_reset();
        check_saves(&world, status, n);
        if (!crashed)
            break;
    }
    world_release(&world);
    return n;
}

static void test_power_loss_at_every_sync(void **state)
{
    (void)state;
    long saves = save_crash_loop(false) + save_crash_loop(true);
    print_message("power loss: %-17s %4ld sync points tried (3 saves; all unsynced writes lost, "
                  "then a random part kept)\n",
                  "check-in saves", saves);
    long total = saves;
    for (size_t i = 1; i < SCENARIO_COUNT; i++) {
        long lost = crash_loop(&scenarios[i], false), kept = crash_loop(&scenarios[i], true);
        print_message("power loss: %-17s %4ld sync points tried (all lost, then part kept)\n",
                      scenarios[i].name, lost + kept);
        total += lost + kept;
    }
    print_message("power loss: %ld sync points in all\n", total);
}

/* Every rename of gutskin's is followed by a sync of its folder. */
struct fsops_trace {
    char steps[256];
    size_t count;
};

static int trace_steps(enum fsops_step step, const char *path, const char *from, void *context)
{
    (void)path;
    (void)from;
    struct fsops_trace *trace = context;
    if (trace->count < sizeof trace->steps - 1)
        trace->steps[trace->count++] = step == FSOPS_RENAME ? 'R' : step == FSOPS_FSYNC ? 'F' : 'D';
    return 0;
}

static void test_rename_then_folder_sync(void **state)
{
    (void)state;
    struct world world;
    world_init(&world);
    prepare_journal(&world);
    struct fsops_trace trace = {"", 0};
    fsops_set_hook(trace_steps, &trace);
    assert_int_equal(op_log(&world), 0); /* the automatic backup of 2026-03-10 */
    assert_int_equal(op_export(&world), 0);
    assert_int_equal(op_backup_force(&world), 0);
    faultvfs_install();
    trace.steps[trace.count] = '\0';
    assert_string_equal(trace.steps, "FRDFRDFRD");
    world_release(&world);
}

int main(void)
{
    /* Thousands of small journals are copied and removed: in memory that takes seconds, on a
     * disk with a journaling file system many times more. Durability is the VFS's model here,
     * not the disk's, so nothing is lost by it. */
    struct stat shm;
    if (getenv("TMPDIR") == NULL && stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) &&
        access("/dev/shm", W_OK) == 0)
        setenv("TMPDIR", "/dev/shm", 1);
    const char *text = getenv("FAULTS_SCALE");
    if (text != NULL && atoi(text) > 1)
        scale = atoi(text);
    faultvfs_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rename_then_folder_sync),
        cmocka_unit_test(test_faults_at_every_step),
        cmocka_unit_test(test_power_loss_at_every_sync),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
