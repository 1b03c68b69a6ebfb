/*
 * test_journal_crash.c - a writer killed with SIGKILL at random moments never loses a saved day
 * and never leaves half a day or half an import behind.
 *
 * A child process saves days (or imports batches of days) in a loop and reports through a pipe
 * each one whose save had returned; the parent waits for a number of them, kills it after a
 * further random pause, reopens the journal (which recovers the WAL) and checks: PRAGMA
 * integrity_check is ok, every reported day or batch is there, and every day in the journal is
 * whole (all of its readings and foods, all from the same save). Days are rewritten with new
 * values as well as added, so that a kill can land in an update as well as an insert. The counts
 * and pauses come from a seed, fixed unless GUTSKIN_CRASH_SEED gives another; it is printed so
 * that a failure can be replayed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "import.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

#define CRASH_METRICS 30
#define CRASH_FOODS 5
#define CRASH_SAVE_ROUNDS 25
#define CRASH_IMPORT_ROUNDS 15
#define CRASH_BATCH_DAYS 50
#define CRASH_MAX_DAYS 4000
/* Import batches live far from the saved days, one range of CRASH_BATCH_DAYS per batch. */
#define CRASH_IMPORT_FIRST_DAY 40000

/* What the child reports after a save or an import returned: the item and its version. */
struct crash_report {
    int item;
    int version;
};

struct crash_state {
    char *dir;
    char *path;
    int version[CRASH_MAX_DAYS]; /* highest version of each day reported saved; -1: none */
    int in_flight_version[CRASH_MAX_DAYS];
};

static unsigned crash_seed;

static int setup(void **state)
{
    struct crash_state *crash = xcalloc(1, sizeof *crash);
    crash->dir = testutil_make_temp_dir();
    crash->path = xprintf("%s/journal.db", crash->dir);
    for (size_t i = 0; i < CRASH_MAX_DAYS; i++)
        crash->version[i] = crash->in_flight_version[i] = -1;
    *state = crash;
    return 0;
}

static int teardown(void **state)
{
    struct crash_state *crash = *state;
    testutil_remove_tree(crash->dir);
    free(crash->dir);
    free(crash->path);
    free(crash);
    return 0;
}

/* The value of reading `k` of day `day` written by save number `version`: every reading of a
 * whole day names the same version. */
static double crash_value(int day, int version, int k)
{
    return (double)((day + version + k) % 97);
}

static int crash_version_of(int day, double value, int k)
{
    return (((int)value - day - k) % 97 + 97) % 97;
}

static void crash_fill_day(struct day *day, int day_number, int version)
{
    char id[16];
    day_release(day);
    day_init(day, day_number);
    for (int k = 0; k < CRASH_METRICS; k++) {
        snprintf(id, sizeof id, "metric-%02d", k);
        day_set_reading(day, id, crash_value(day_number, version, k));
    }
    for (int k = 0; k < CRASH_FOODS; k++) {
        snprintf(id, sizeof id, "food-%d", k);
        day_set_food(day, id, 1 + crash_value(day_number, version, k) / 10);
    }
    day_set_note(day, "a whole day");
}

/* --- the writers (children) --------------------------------------------------------------- */

static void crash_report(int fd, int item, int version)
{
    struct crash_report report = {item, version};
    if (write(fd, &report, sizeof report) != (ssize_t)sizeof report)
        _exit(3);
}

/* Saves new days from `next`, and every third save rewrites an older day with a new version. */
static int crash_save_forever(const char *path, int fd, int next, const int *versions)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(path, &err);
    if (journal == NULL)
        return 2;
    int *version = xcalloc(CRASH_MAX_DAYS, sizeof *version);
    memcpy(version, versions, CRASH_MAX_DAYS * sizeof *version);
    struct day day;
    day_init(&day, testutil_day("2000-01-01"));
    for (unsigned n = 0; next < CRASH_MAX_DAYS; n++) {
        int item = next;
        if (n % 3 == 2 && next > 10)
            item = (int)(n * 7919u % (unsigned)next);
        else
            next++;
        version[item]++;
        crash_fill_day(&day, 10000 + item, version[item]);
        if (journal_save_day(journal, &day, &err) != 0)
            return 4;
        crash_report(fd, item, version[item]);
    }
    return 0;
}

static int crash_import_forever(const char *path, int fd, int batch)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(path, &err);
    if (journal == NULL)
        return 2;
    for (;; batch++) {
        struct import_plan plan;
        import_plan_init(&plan);
        plan.days = xcalloc(CRASH_BATCH_DAYS, sizeof *plan.days);
        plan.capacity = CRASH_BATCH_DAYS;
        for (int d = 0; d < CRASH_BATCH_DAYS; d++) {
            day_init(&plan.days[d], testutil_day("2000-01-01"));
            crash_fill_day(&plan.days[d], CRASH_IMPORT_FIRST_DAY + batch * CRASH_BATCH_DAYS + d, 0);
        }
        plan.count = CRASH_BATCH_DAYS;
        struct import_counts counts;
        if (import_apply(journal, &plan, IMPORT_REPLACE, false, &counts, &err) != 0)
            return 4;
        import_plan_release(&plan);
        crash_report(fd, batch, 0);
    }
}

/* --- the parent --------------------------------------------------------------------------- */

/* Starts `writer` in a child, lets it report `wait_reports` finished steps, kills it with SIGKILL
 * after a further random pause and collects what it reported into `reports` (at most
 * `capacity`). Returns the number of reports. Waiting for reports rather than for a time makes
 * the writer's progress independent of the machine's speed or load; the pause after them is
 * what lands the kill anywhere within a step (or, with no report waited for, in the opening). */
typedef int crash_writer(const char *path, int fd, int next, const int *versions);

static size_t crash_run_and_kill(struct crash_state *crash, crash_writer *writer, int next,
                                 size_t wait_reports, long max_pause_ms,
                                 struct crash_report *reports, size_t capacity)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fds[0]);
        _exit(writer(crash->path, fds[1], next, crash->version));
    }
    close(fds[1]);
    size_t count = 0;
    struct crash_report report;
    while (count < wait_reports && count < capacity &&
           read(fds[0], &report, sizeof report) == (ssize_t)sizeof report)
        reports[count++] = report;
    long ms = (long)(rand_r(&crash_seed) % (unsigned)(max_pause_ms + 1));
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000 * 1000};
    nanosleep(&pause, NULL);
    kill(child, SIGKILL);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    if (WIFEXITED(status))
        fail_msg("the writer ended by itself with status %d before it was killed",
                 WEXITSTATUS(status));
    while (count < capacity && read(fds[0], &report, sizeof report) == (ssize_t)sizeof report)
        reports[count++] = report;
    close(fds[0]);
    return count;
}

/* The version of a stored day when it is whole, else fails the test. */
static int crash_check_day(const struct day *day, int day_number)
{
    assert_int_equal(day->reading_count, CRASH_METRICS);
    assert_int_equal(day->food_count, CRASH_FOODS);
    assert_non_null(day->note);
    int version = crash_version_of(day_number, day->readings[0].value, 0);
    for (size_t k = 0; k < day->reading_count; k++)
        if (crash_version_of(day_number, day->readings[k].value, (int)k) != version)
            fail_msg("day %d holds readings of two different saves", day->day_number);
    return version;
}

struct crash_walk {
    struct crash_state *crash;
    size_t days;
    int *seen; /* version found per saved day, or per import batch the count of its days */
};

static int crash_visit_saved(const struct day *day, void *context)
{
    struct crash_walk *walk = context;
    int number = day->day_number;
    int item = number - 10000;
    assert_true(item >= 0 && item < CRASH_MAX_DAYS);
    walk->seen[item] = crash_check_day(day, number);
    walk->days++;
    return 0;
}

static int crash_visit_imported(const struct day *day, void *context)
{
    struct crash_walk *walk = context;
    int number = day->day_number;
    crash_check_day(day, number);
    walk->seen[(number - CRASH_IMPORT_FIRST_DAY) / CRASH_BATCH_DAYS]++;
    walk->days++;
    return 0;
}

/* Reopens the journal as the next gutskin would and walks the days of one kind. */
static void crash_walk_journal(struct crash_state *crash, bool imported, struct crash_walk *walk)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = journal_open(crash->path, &err);
    if (journal == NULL)
        fail_msg("reopening after a kill: %s", err.message);
    if (journal_check_integrity(journal, &err) != 0)
        fail_msg("integrity check after a kill: %s", err.message);
    int from = imported ? CRASH_IMPORT_FIRST_DAY : 10000;
    int to = imported ? CRASH_IMPORT_FIRST_DAY + CRASH_MAX_DAYS * CRASH_BATCH_DAYS
                      : 10000 + CRASH_MAX_DAYS - 1;
    assert_int_equal(journal_each_day(journal, from, to,
                                      imported ? crash_visit_imported : crash_visit_saved, walk,
                                      &err),
                     0);
    journal_close(journal);
}

static void crash_pick_seed(void)
{
    const char *given = getenv("GUTSKIN_CRASH_SEED");
    /* A fixed seed by default, so that two runs of the suite try the same pauses. */
    crash_seed = given ? (unsigned)strtoul(given, NULL, 10) : 20260315u;
    print_message("GUTSKIN_CRASH_SEED=%u\n", crash_seed);
}

static double crash_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

/* The longest pause after the awaited reports: `floor_ms`, or more on a machine where one step
 * of `writer` (timed once, in a scratch journal) is slow, as under a sanitizer or a loaded
 * machine, so that a kill can land anywhere in the next steps. Only the scale depends on the
 * machine; where each kill lands within it still comes from the seed. */
static long crash_max_pause_ms(struct crash_state *crash, crash_writer *writer, long floor_ms)
{
    char *scratch = xprintf("%s/calibrate.db", crash->dir);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fds[0]);
        _exit(writer(scratch, fds[1], 0, crash->version));
    }
    close(fds[1]);
    struct crash_report report;
    /* The first report ends the journal's creation; the second is one whole step. */
    assert_int_equal(read(fds[0], &report, sizeof report), (ssize_t)sizeof report);
    double first = crash_now_ms();
    assert_int_equal(read(fds[0], &report, sizeof report), (ssize_t)sizeof report);
    double step = crash_now_ms() - first;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(fds[0]);
    free(scratch);
    long scaled = (long)(step * 4) + 2;
    print_message("one step took %.1f ms; kills come 0 to %ld ms after the awaited steps\n", step,
                  scaled > floor_ms ? scaled : floor_ms);
    return scaled > floor_ms ? scaled : floor_ms;
}

static int crash_save_writer(const char *path, int fd, int next, const int *versions)
{
    return crash_save_forever(path, fd, next, versions);
}

static void test_killed_while_saving_days(void **state)
{
    struct crash_state *crash = *state;
    crash_pick_seed();
    long max_pause_ms = crash_max_pause_ms(crash, crash_save_writer, 60);
    struct crash_report *reports = xcalloc(CRASH_MAX_DAYS * 4, sizeof *reports);
    int next = 0;
    size_t total = 0, waited = 0;
    for (int round = 0; round < CRASH_SAVE_ROUNDS && next < CRASH_MAX_DAYS - 500; round++) {
        size_t wait_reports = rand_r(&crash_seed) % 8; /* 0: the kill may land in the opening */
        waited += wait_reports;
        size_t count = crash_run_and_kill(crash, crash_save_writer, next, wait_reports,
                                          max_pause_ms, reports, CRASH_MAX_DAYS * 4);
        for (size_t i = 0; i < count; i++) {
            crash->version[reports[i].item] = reports[i].version;
            if (reports[i].item >= next)
                next = reports[i].item + 1;
        }
        total += count;
        struct crash_walk walk = {crash, 0, xcalloc(CRASH_MAX_DAYS, sizeof(int))};
        for (size_t i = 0; i < CRASH_MAX_DAYS; i++)
            walk.seen[i] = -1;
        crash_walk_journal(crash, false, &walk);
        for (int item = 0; item < CRASH_MAX_DAYS; item++) {
            /* A reported save is there; the one in flight may have landed too, whole. */
            int reported = crash->version[item], found = walk.seen[item];
            if (found < reported || found > reported + 1)
                fail_msg("day %d: saved version %d, found %d (round %d)", item, reported, found,
                         round);
            crash->version[item] = found;
        }
        free(walk.seen);
        /* The in-flight day that landed is a new day the next writer must not add again. */
        while (next < CRASH_MAX_DAYS && crash->version[next] >= 0)
            next++;
    }
    print_message("%zu saves reported over %d kills\n", total, CRASH_SAVE_ROUNDS);
    assert_true(total >= waited); /* every awaited save was reported, and checked above */
    free(reports);
}

static int crash_import_writer(const char *path, int fd, int next, const int *versions)
{
    (void)versions;
    return crash_import_forever(path, fd, next);
}

static void test_killed_while_importing(void **state)
{
    struct crash_state *crash = *state;
    crash_pick_seed();
    long max_pause_ms = crash_max_pause_ms(crash, crash_import_writer, 60);
    struct crash_report reports[256];
    int next = 0;
    size_t total = 0, waited = 0;
    for (int round = 0; round < CRASH_IMPORT_ROUNDS; round++) {
        size_t wait_reports = rand_r(&crash_seed) % 3; /* 0: the kill may land in the opening */
        waited += wait_reports;
        size_t count = crash_run_and_kill(crash, crash_import_writer, next, wait_reports,
                                          max_pause_ms, reports, 256);
        for (size_t i = 0; i < count; i++)
            if (reports[i].item >= next)
                next = reports[i].item + 1;
        total += count;
        struct crash_walk walk = {crash, 0, xcalloc(CRASH_MAX_DAYS, sizeof(int))};
        crash_walk_journal(crash, true, &walk);
        for (int batch = 0; batch < CRASH_MAX_DAYS; batch++) {
            int found = walk.seen[batch];
            if (found != 0 && found != CRASH_BATCH_DAYS)
                fail_msg("import batch %d is half there: %d of %d days", batch, found,
                         CRASH_BATCH_DAYS);
            if (batch < next && found != CRASH_BATCH_DAYS)
                fail_msg("import batch %d returned but is not there", batch);
            if (found == CRASH_BATCH_DAYS && batch >= next)
                next = batch + 1; /* the one in flight committed before the kill */
        }
        free(walk.seen);
    }
    print_message("%zu imports of %d days reported over %d kills\n", total, CRASH_BATCH_DAYS,
                  CRASH_IMPORT_ROUNDS);
    assert_true(total >= waited); /* every awaited import was reported, and checked above */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_killed_while_saving_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_while_importing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
