/* test_command_import_peer.c - `gutskin import` of another app's export: the dry run prints the
 * mapping and writes the map file beside the input, the import makes the person's own items, a
 * second import changes nothing, usage errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include "command_run.h"
#include "journal.h"

#define FIXTURES TESTS_SOURCE_DIR "/import"

/* A copy of a fixture in the run's folder, so that the map file is written there. */
static char *copy_fixture(struct command_run *run, const char *name)
{
    char *source = xprintf("%s/%s", FIXTURES, name);
    char *text = testutil_read_file(source, NULL);
    assert_non_null(text);
    char *path = testutil_write_file(run->dir, name, text);
    free(text);
    free(source);
    return path;
}

static void test_dry_run_then_import_twice(void **state)
{
    struct command_run *run = *state;
    char *path = copy_fixture(run, "flaredown.csv");
    assert_int_equal(command_run(run, command_import, "import", "--dry-run", path, NULL), 0);
    assert_contains(run->out, "mapping (9 names):\n");
    assert_contains(run->out, "symptom \"Headache\"");
    assert_contains(run->out, "-> new sign headache");
    assert_contains(run->out, "days: 2 (2024-04-01 to 2024-04-02)");
    char *map = xprintf("%s.map.yaml", path);
    char *text = testutil_read_file(map, NULL);
    assert_non_null(text);
    assert_contains(text, "format: flaredown\n");
    assert_contains(text, "- from: treatment\n  name: Cetirizine\n  to: new habit cetirizine\n");
    free(text);
    assert_int_equal(command_run_saved_days(run), 0);

    /* The person corrects the map; a second dry run without --map keeps the file as it is. */
    char *corrected = testutil_read_file(map, NULL);
    assert_non_null(corrected);
    char *edited = xprintf("%s# checked by hand\n", corrected);
    free(testutil_write_file(run->dir, "flaredown.csv.map.yaml", edited));
    assert_int_equal(command_run(run, command_import, "import", "--dry-run", path, NULL), 0);
    assert_contains(run->out, "is there already and is kept");
    text = testutil_read_file(map, NULL);
    assert_string_equal(text, edited);
    free(text), free(edited), free(corrected);

    assert_int_equal(command_run(run, command_import, "import", path, "--map", map, NULL), 0);
    assert_contains(run->out, "imported 2 days (2 new, 0 merged)\n");
    assert_contains(run->out, "items of your own made: 6\n");
    assert_contains(run->out, "  new habit cetirizine (\"Cetirizine\")\n");
    char *tracked = xprintf("%s/gutskin/content/tracked.yaml", run->dir);
    text = testutil_read_file(tracked, NULL);
    assert_non_null(text);
    assert_contains(text, "id: cetirizine");
    free(text);
    assert_int_equal(command_run_saved_days(run), 2);

    /* Again, with and without the map: the items are the person's now; nothing changes. */
    assert_int_equal(command_run(run, command_import, "import", path, "--map", map, NULL), 0);
    assert_contains(run->out, "(0 new, 2 merged; 2 already up to date)\n");
    assert_contains(run->out, "items of your own made: 0\n");
    assert_int_equal(command_run(run, command_import, "import", path, NULL), 0);
    assert_contains(run->out, "2 already up to date");
    assert_int_equal(command_run(run, command_show, "show", "2024-04-01", NULL), 0);
    assert_contains(run->out, "Cetirizine: yes");
    free(tracked), free(map), free(path);
}

/* A journal that cannot be written (here: from a newer gutskin) gets nothing, and no item of the
 * person's own is made for data that was not written. */
static void test_unwritable_journal_makes_no_items(void **state)
{
    struct command_run *run = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(run->db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(command_run(run, command_import, "import", FIXTURES "/flaredown.csv", NULL),
                     1);
    assert_contains(run->err, "newer");
    char *tracked = xprintf("%s/gutskin/content/tracked.yaml", run->dir);
    assert_int_equal(testutil_file_mode(tracked), -1);
    free(tracked);
}

/* Imports `path` as `format`, which has a day after today (GUTSKIN_TODAY is 2026-03-10) at
 * `where`: refused with that place, and nothing of the file is saved or made. */
static void expect_future_refused(struct command_run *run, const char *format, const char *path,
                                  const char *where)
{
    assert_int_equal(command_run(run, command_import, "import", "--from", format, path, NULL), 1);
    char *message = xprintf("%s: 2026-03-11 is after today: only days that have happened can be "
                            "imported\n",
                            where);
    assert_contains(run->err, message);
    free(message);
    assert_int_equal(command_run_saved_days(run), 0);
    char *tracked = xprintf("%s/gutskin/content/tracked.yaml", run->dir);
    assert_null(testutil_read_file(tracked, NULL));
    free(tracked);
}

/* Every other app's format refuses a day after today as CSV and JSON do, naming the file and the
 * line; the past days of the same file are not saved either. */
static void test_future_days_refused(void **state)
{
    struct command_run *run = *state;
    char *daylio = testutil_write_file(
        run->dir, "daylio.csv",
        "full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
        "2026-03-01,March 1,Sunday,9:15 pm,good,walk,,,\n"
        "2026-03-11,March 11,Wednesday,8:05 am,awful,,,,\"Typed a day ahead\"\n");
    expect_future_refused(run, "daylio", daylio, "daylio.csv:3");
    char *bearable = testutil_write_file(
        run->dir, "bearable.csv",
        "\"date\",\"weekday\",\"time of day\",\"category\",\"rating/amount\",\"detail\","
        "\"notes\"\n"
        "\"1st Mar 2026\",\"Sun\",\"am\",\"Symptom\",\"1\",\"Bloating (Mild)\",\"\"\n"
        "\"11th Mar 2026\",\"Wed\",\"pm\",\"Notes\",\"\",\"\",\"only a note\"\n");
    expect_future_refused(run, "bearable", bearable, "bearable.csv:3");
    char *flaredown = testutil_write_file(run->dir, "flaredown.csv",
                                          "Date,Eczema,Tags,Foods,Weather summary\n"
                                          "2026-03-01,2,,,\n2026-03-11,3,stressed,,\n");
    expect_future_refused(run, "flaredown", flaredown, "flaredown.csv:3");
    char *loop = xprintf("%s/loop", run->dir);
    assert_int_equal(mkdir(loop, 0700), 0);
    free(testutil_write_file(loop, "Habits.csv",
                             "Position,Name,Type,Question,Description,FrequencyNumerator,"
                             "FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n"
                             "001,Walk,YES_NO,,,1,1,#00897B,,,,false\n"));
    free(testutil_write_file(loop, "Checkmarks.csv",
                             "Date,Walk,\n2026-03-11,YES_MANUAL,\n2026-03-01,NO,\n"));
    expect_future_refused(run, "loop", loop, "Checkmarks.csv:2");
    free(daylio), free(bearable), free(flaredown), free(loop);
}

/* Another app's values follow the rule of every import and merge (import_take_value()): a habit's
 * value outside today's range comes in with one warning line, a sign's severity outside 0-4 is
 * refused. */
static void test_values_outside_the_range(void **state)
{
    struct command_run *run = *state;
    char *loop = xprintf("%s/loop", run->dir);
    assert_int_equal(mkdir(loop, 0700), 0);
    free(testutil_write_file(loop, "Habits.csv",
                             "Position,Name,Type,Question,Description,FrequencyNumerator,"
                             "FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n"
                             "001,Sleep,NUMERICAL,,,1,1,#00897B,hours,AT_LEAST,8.0,false\n"));
    free(testutil_write_file(loop, "Checkmarks.csv",
                             "Date,Sleep,\n2026-03-02,30000,\n2026-03-01,7000,\n"));
    assert_int_equal(command_run(run, command_import, "import", "--from", "loop", loop, NULL), 0);
    assert_contains(run->err, "gutskin: warning: ");
    assert_contains(run->err, "loop: kept 1 value as it was, though today's content does not "
                              "allow it: 1 outside today's ranges (sleep-hours)\n");
    assert_int_equal(command_run_saved_days(run), 2);
    char *flaredown = testutil_write_file(run->dir, "flaredown.csv",
                                          "Date,Bloating,Tags,Foods,Weather summary\n"
                                          "2026-03-03,7,,,\n");
    assert_int_equal(
        command_run(run, command_import, "import", "--from", "flaredown", flaredown, NULL), 1);
    assert_contains(run->err, "flaredown.csv:2: '7' for 'Bloating' is not 0 to 4");
    assert_int_equal(command_run_saved_days(run), 2);
    free(loop), free(flaredown);
}

static void test_usage(void **state)
{
    struct command_run *run = *state;
    assert_int_equal(command_run(run, command_import, "import", "--from", "nope", "x", NULL), 2);
    assert_contains(run->err, "unknown");
    assert_int_equal(
        command_run(run, command_import, "import", "--from", "csv", "--map", "m", "x.csv", NULL),
        2);
    assert_contains(run->err, "--map and --date-order are for other apps' exports");
    assert_int_equal(command_run(run, command_import, "import", "--from", "daylio", "-", NULL), 2);
    assert_contains(run->err, "daylio is read from a file, not standard input");
    char *missing = xprintf("%s/missing.csv", run->dir);
    assert_int_equal(
        command_run(run, command_import, "import", "--from", "bearable", missing, NULL), 1);
    assert_contains(run->err, "cannot open");
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dry_run_then_import_twice, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_journal_makes_no_items, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_future_days_refused, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_values_outside_the_range, command_run_setup,
                                        command_run_teardown),
        cmocka_unit_test_setup_teardown(test_usage, command_run_setup, command_run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
