/* test_import_peer.c - other apps' exports (tests/import/), each imported and checked value by
 * value: Daylio CSV and backup, Bearable, Loop (folder, zip, wide file, databases at schema 12
 * and 22), Flaredown; malformed files; importing twice; the map file's round trip; an activity
 * an entry leaves out saved as "no", and how that meets saved values. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "content.h"
#include "import.h"
#include "import_formats.h"
#include "import_peer.h"
#include "journal.h"
#include "testutil.h"
#include "xalloc.h"

#define FIXTURES TESTS_SOURCE_DIR "/import"

struct fixture {
    char *dir;
    struct content *content;
    struct journal *journal;
    struct strlist problems;
    struct peer_data data;
    struct peer_import import;
    struct import_plan plan;
    struct peer_summary summary;
    bool read;
};

static void release_run(struct fixture *f)
{
    if (f->read) {
        peer_import_release(&f->import);
        peer_data_release(&f->data);
    }
    import_plan_release(&f->plan);
    strlist_release(&f->problems);
    f->read = false;
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->dir = testutil_make_temp_dir();
    f->content = testutil_load_content(CONTENT_SOURCE_DIR);
    f->journal = testutil_open_journal(f->dir);
    import_plan_init(&f->plan);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    release_run(f);
    journal_close(f->journal);
    content_free(f->content);
    testutil_remove_tree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Reads `path` as `format` (NULL: recognised from the file); returns the number of problems. */
static size_t run(struct fixture *f, const char *format, const char *path, const char *map)
{
    release_run(f);
    const struct import_format_entry *entry = NULL;
    if (format != NULL) {
        entry = import_format_find(format);
    } else {
        unsigned char head[IMPORT_HEAD_SIZE] = {0};
        struct stat info;
        bool is_dir = stat(path, &info) == 0 && S_ISDIR(info.st_mode);
        FILE *in = is_dir ? NULL : fopen(path, "rb");
        struct import_input input = {path, path, is_dir, head, 0};
        if (in != NULL) {
            input.head_length = fread(head, 1, sizeof head, in);
            fclose(in);
        }
        entry = import_format_detect(&input);
    }
    assert_non_null(entry);
    assert_non_null(entry->read_peer);
    f->read = true;
    return import_read_peer(entry, path, f->content, map, 0, &f->data, &f->import, &f->plan,
                            &f->summary, &f->problems);
}

static void apply(struct fixture *f, struct import_counts *counts)
{
    struct error err;
    f->plan.keep_notes = true;
    assert_int_equal(import_apply(f->journal, &f->plan, IMPORT_MERGE, false, counts, &err), 0);
}

static void expect_clean_run(struct fixture *f, const char *format, const char *path,
                             const char *map)
{
    size_t count = run(f, format, path, map);
    for (size_t i = 0; i < f->problems.count; i++)
        print_error("unexpected: %s\n", f->problems.items[i]);
    assert_int_equal(count, 0);
    struct import_counts counts;
    apply(f, &counts);
}

static void load(struct fixture *f, const char *date, struct day *day)
{
    struct error err;
    day_init(day, testutil_day(date));
    assert_int_equal(journal_load_day(f->journal, testutil_day(date), day, &err), 1);
}

/* "id=value" readings, "food:id=servings" foods; the day must hold exactly these. */
static void expect_day(struct fixture *f, const char *date, const char *const *values,
                       const char *note)
{
    struct day day;
    load(f, date, &day);
    size_t readings = 0, foods = 0;
    for (; *values != NULL; values++) {
        char id[80];
        double expected, got = -1;
        assert_int_equal(sscanf(*values, "%79[^=]=%lf", id, &expected), 2);
        bool food = strncmp(id, "food:", 5) == 0;
        bool found = food ? day_get_food(&day, id + 5, &got) : day_get_reading(&day, id, &got);
        if (!found || got != expected)
            fail_msg("%s: %s: expected %g, got %s%g", date, id, expected, found ? "" : "nothing ",
                     got);
        food ? foods++ : readings++;
    }
    assert_int_equal(day.reading_count, readings);
    assert_int_equal(day.food_count, foods);
    if (note == NULL)
        assert_null(day.note);
    else
        assert_string_equal(day.note, note);
    day_release(&day);
}

static void expect_problem(const struct fixture *f, const char *text)
{
    for (size_t i = 0; i < f->problems.count; i++)
        if (strstr(f->problems.items[i], text) != NULL)
            return;
    for (size_t i = 0; i < f->problems.count; i++)
        print_error("problem: %s\n", f->problems.items[i]);
    fail_msg("no problem says '%s'", text);
}

static size_t saved_days(struct fixture *f)
{
    size_t count;
    assert_int_equal(journal_count_days(f->journal, DATE_NONE, DATE_NONE, &count, NULL), 0);
    return count;
}

/* --- Building fixtures ------------------------------------------------------------------------ */

static char *base64(const char *text)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t length = strlen(text), used = 0;
    char *out = xmalloc(length * 4 / 3 + 8);
    for (size_t i = 0; i < length; i += 3) {
        unsigned bits = (unsigned char)text[i] << 16;
        if (i + 1 < length)
            bits |= (unsigned char)text[i + 1] << 8;
        if (i + 2 < length)
            bits |= (unsigned char)text[i + 2];
        out[used++] = digits[bits >> 18];
        out[used++] = digits[(bits >> 12) & 63];
        out[used++] = i + 1 < length ? digits[(bits >> 6) & 63] : '=';
        out[used++] = i + 2 < length ? digits[bits & 63] : '=';
    }
    out[used] = '\0';
    return out;
}

/* A zip at `path` with the entries name1, text1, name2, text2, ..., NULL. */
static void make_zip(const char *path, ...)
{
    int error;
    zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    assert_non_null(archive);
    va_list args;
    va_start(args, path);
    for (const char *name; (name = va_arg(args, const char *)) != NULL;) {
        const char *text = va_arg(args, const char *);
        zip_source_t *source = zip_source_buffer(archive, text, strlen(text), 0);
        assert_true(zip_file_add(archive, name, source, ZIP_FL_OVERWRITE) >= 0);
    }
    va_end(args);
    assert_int_equal(zip_close(archive), 0);
}

static char *read_fixture(const char *name)
{
    char *path = xprintf("%s/%s", FIXTURES, name);
    char *text = testutil_read_file(path, NULL);
    assert_non_null(text);
    free(path);
    return text;
}

static char *make_db(struct fixture *f, const char *name, const char *sql)
{
    char *path = xprintf("%s/%s", f->dir, name);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
        fail_msg("%s", message);
    sqlite3_close(db);
    return path;
}

/* --- Daylio ----------------------------------------------------------------------------------- */

static void test_daylio_csv_and_map_round_trip(void **state)
{
    struct fixture *f = *state;
    const char *path = FIXTURES "/daylio.csv";
    /* A custom mood ("so-so ", with its trailing space) has no level until the map gives one. */
    assert_int_equal(run(f, NULL, path, NULL), 1);
    expect_problem(f, "daylio.csv:2: mood 'so-so' is not one of the app's named levels");
    assert_int_equal(saved_days(f), 0);

    char *map = xprintf("%s/daylio.map.yaml", f->dir);
    struct error err;
    assert_int_equal(peer_write_map(map, "daylio", &f->data, &f->import, f->content, &err), 0);
    char *text = testutil_read_file(map, NULL);
    char *level = strstr(text, "name: so-so\n  level:\n");
    assert_non_null(level);
    /* The person's corrections: so-so is level 3, and walking is exercise, 30 minutes. */
    char *edited = xprintf("%.*sname: so-so\n  level: 3\n%s", (int)(level - text), text,
                           level + strlen("name: so-so\n  level:\n"));
    char *walk = strstr(edited, "to: new habit walk\n");
    assert_non_null(walk);
    char *final = xprintf("%.*sto: habit exercise\n  value: 30\n%s", (int)(walk - edited), edited,
                          walk + strlen("to: new habit walk\n"));
    free(testutil_write_file(f->dir, "daylio.map.yaml", final));
    free(text), free(edited), free(final);

    expect_clean_run(f, NULL, path, map);
    assert_int_equal(f->summary.days, 3);
    assert_int_equal(f->summary.first, testutil_day("2024-02-29"));
    assert_int_equal(f->summary.last, testutil_day("2024-03-02"));
    /* Worst mood of the day (awful: 4), stomachache, bad sleep, the food, the sleep scale. */
    expect_day(f, "2024-03-02",
               (const char *const[]){"low-mood=4", "abdominal-pain=2", "exercise=30",
                                     "sleep-quality=2", "sleep-hours=6.5", "food:kimchi=1", NULL},
               "21:15 Evening: Felt better\nafter the walk & tea");
    expect_day(f, "2024-03-01", (const char *const[]){"low-mood=1", "sleep-quality=3", NULL},
               "12:30 Plain note\n12:30 Weather: windy");
    expect_day(f, "2024-02-29", (const char *const[]){"low-mood=2", "exercise=30", NULL},
               "00:00 A \"quoted\" word\nand a second line");

    /* Writing the map again keeps the corrections. */
    assert_int_equal(peer_write_map(map, "daylio", &f->data, &f->import, f->content, &err), 0);
    text = testutil_read_file(map, NULL);
    assert_non_null(strstr(text, "name: so-so\n  level: 3\n"));
    assert_non_null(strstr(text, "to: habit exercise\n  value: 30\n"));
    free(text);
    free(map);
}

static void test_daylio_oldest_layout_and_date_order(void **state)
{
    struct fixture *f = *state;
    const char *path = FIXTURES "/daylio-old.csv";
    assert_int_equal(run(f, NULL, path, NULL), 1);
    expect_problem(f, "daylio-old.csv:3: '05/17' could be day-month or month-day: give "
                      "--date-order dmy or mdy");
    release_run(f);
    f->read = true;
    assert_int_equal(import_read_peer(import_format_find("daylio"), path, f->content, NULL,
                                      IMPORT_DATE_MDY, &f->data, &f->import, &f->plan, &f->summary,
                                      &f->problems),
                     0);
    struct import_counts counts;
    apply(f, &counts);
    expect_day(f, "2018-05-18", (const char *const[]){"low-mood=1", "clean=1", "cook=1", NULL},
               "23:54 Went to a party");
    /* An entry lists every activity done: the others were not done that day. */
    expect_day(f, "2018-05-17", (const char *const[]){"low-mood=3", "clean=0", "cook=0", NULL},
               NULL);
    expect_day(f, "2018-05-19", (const char *const[]){"low-mood=4", "clean=0", "cook=0", NULL},
               "18:50 In Spanish, the time is p. m.");
    /* A month named in the phone's language. */
    expect_day(f, "2018-05-20", (const char *const[]){"low-mood=0", "clean=0", "cook=0", NULL},
               NULL);
}

static const char backup_json[] =
    "{\"version\": 15, \"customMoods\": ["
    "{\"id\": 1, \"custom_name\": \"\", \"mood_group_id\": 1, \"predefined_name_id\": 1},"
    "{\"id\": 2, \"custom_name\": \"wiped out \", \"mood_group_id\": 5, "
    "\"predefined_name_id\": -1},"
    "{\"id\": 3, \"custom_name\": \"\", \"mood_group_id\": 3, \"predefined_name_id\": 3}],"
    "\"tags\": [{\"id\": 7, \"name\": \"Yogurt\"}, {\"id\": 8, \"name\": \"bad sleep\"}],"
    "\"dayEntries\": ["
    "{\"id\": 1, \"minute\": 5, \"hour\": 22, \"day\": 15, \"month\": 0, \"year\": 2024, "
    "\"mood\": 2, \"note\": \"line one<br>line two\", \"note_title\": \"\", \"tags\": [8],"
    " \"newKey\": true},"
    "{\"id\": 2, \"minute\": 30, \"hour\": 7, \"day\": 15, \"month\": 0, \"year\": 2024, "
    "\"mood\": 3, \"note\": \"\", \"note_title\": \"\", \"tags\": [7]},"
    "{\"id\": 3, \"minute\": -1, \"hour\": -1, \"day\": 31, \"month\": 11, \"year\": 2023, "
    "\"mood\": 1, \"note\": \"new year's eve\", \"note_title\": \"\", \"tags\": []}],"
    "\"prefs\": []}";

static void test_daylio_backup(void **state)
{
    struct fixture *f = *state;
    char *encoded = base64(backup_json);
    char *zipped = xprintf("%s/backup.daylio", f->dir);
    make_zip(zipped, "backup.daylio", encoded, NULL);
    /* The level comes from mood_group_id, whatever the mood is called; month counts from 0. */
    expect_clean_run(f, NULL, zipped, NULL);
    expect_day(f, "2024-01-15",
               (const char *const[]){"low-mood=4", "sleep-quality=2", "food:yogurt=1", NULL},
               "22:05 line one\nline two");
    expect_day(f, "2023-12-31", (const char *const[]){"low-mood=0", NULL}, "new year's eve");

    /* A bare base64 file reads the same. */
    free(testutil_write_file(f->dir, "bare.daylio", encoded));
    char *bare = xprintf("%s/bare.daylio", f->dir);
    assert_int_equal(run(f, NULL, bare, NULL), 0);
    assert_int_equal(f->summary.days, 2);

    /* A damaged zip (cut short) is refused and changes nothing. */
    size_t length;
    char *bytes = testutil_read_file(zipped, &length);
    FILE *out = fopen(zipped, "wb");
    fwrite(bytes, 1, length / 2, out);
    fclose(out);
    assert_true(run(f, "daylio-backup", zipped, NULL) > 0);
    expect_problem(f, "backup.daylio");
    /* JSON that is not a backup. */
    char *not_backup = base64("{\"version\": 15}");
    free(testutil_write_file(f->dir, "other.daylio", not_backup));
    char *other = xprintf("%s/other.daylio", f->dir);
    assert_int_equal(run(f, "daylio-backup", other, NULL), 1);
    expect_problem(f, "not a Daylio backup");
    free(bytes), free(encoded), free(zipped), free(bare), free(not_backup), free(other);
}

/* --- Bearable --------------------------------------------------------------------------------- */

static void test_bearable(void **state)
{
    struct fixture *f = *state;
    expect_clean_run(f, NULL, FIXTURES "/bearable.csv", NULL);
    /* Bloating am 1 and pm 3: the worst; mood 7 of 10 -> low mood 1; energy 2 of 5 and "Tired"
     * -> fatigue 3; sleep quality 4 of 5 -> 4 on a 1-5 habit. */
    expect_day(f, "2024-03-03",
               (const char *const[]){"bloating=3", "back-lower-pain=2", "sleep-hours=7.5",
                                     "low-mood=1", "calm=1", "fatigue=3", "alcohol=1",
                                     "with-friends=1", "ibuprofen=400", "sleep-quality=4",
                                     "food:kimchi=1", "food:oat-porridge=1", "food:apples=1", NULL},
               "A quiet day\nSleep: 7.5 hours Asleep 23:30 - 07:00");
    expect_day(f, "2024-03-21", (const char *const[]){"bloating=4", NULL},
               "Gratitude: A sunny walk");
    /* A count of bowel movements goes to the content's habit, its detail to the note. */
    expect_day(f, "2024-03-22", (const char *const[]){"bowel-movements=3", NULL},
               "Bowel movements: 2 times Type 4\nBowel movements: 1 times Type 6");
    assert_int_equal(f->summary.items_created, 5);
    /* The newer layout's extra column of ISO dates is read in place of the ordinal date. */
    assert_int_equal(run(f, NULL, FIXTURES "/bearable-iso-date.csv", NULL), 0);
    assert_int_equal(f->plan.count, 1);
    assert_int_equal(f->plan.days[0].day_number, testutil_day("2024-03-03"));
}

/* --- Loop ------------------------------------------------------------------------------------- */

static void expect_loop_folder_days(struct fixture *f)
{
    /* Water is stored x1000; -1 (unknown) and YES_AUTO are missing, not 0. */
    expect_day(f, "2024-01-01", (const char *const[]){"water=8", "stretch=1", NULL},
               "Water: Hot day, lots of \"fizzy\" water");
    expect_day(f, "2024-01-02", (const char *const[]){"stretch=0", NULL}, "Stretch: Sick");
    expect_day(f, "2024-01-03", (const char *const[]){"water=6", NULL}, NULL);
}

static void test_loop_folder_and_zip(void **state)
{
    struct fixture *f = *state;
    expect_clean_run(f, NULL, FIXTURES "/loop-folder", NULL);
    expect_loop_folder_days(f);

    /* The same export zipped, as the app writes it. */
    char *habits = read_fixture("loop-folder/Habits.csv");
    char *water = read_fixture("loop-folder/001 Water/Checkmarks.csv");
    char *stretch = read_fixture("loop-folder/002 Stretch/Checkmarks.csv");
    char *zipped = xprintf("%s/Loop Habits CSV 2024-01-04.zip", f->dir);
    make_zip(zipped, "Habits.csv", habits, "001 Water/Checkmarks.csv", water,
             "002 Stretch/Checkmarks.csv", stretch, NULL);
    journal_close(f->journal);
    char *db = xprintf("%s/journal.db", f->dir);
    remove(db);
    f->journal = testutil_open_journal(f->dir);
    expect_clean_run(f, NULL, zipped, NULL);
    expect_loop_folder_days(f);
    free(habits), free(water), free(stretch), free(zipped), free(db);
}

static void test_loop_wide_file(void **state)
{
    struct fixture *f = *state;
    /* Only Habits.csv and the wide Checkmarks.csv, with its trailing comma. */
    expect_clean_run(f, "loop", FIXTURES "/loop-wide", NULL);
    expect_day(f, "2024-02-03", (const char *const[]){"probiotic-taken=1", NULL}, NULL);
    expect_day(f, "2024-02-02", (const char *const[]){"probiotic-taken=0", NULL}, NULL);
    expect_day(f, "2024-02-01", (const char *const[]){"walk=1", NULL}, NULL);
    assert_int_equal(f->summary.days, 3);
}

static const char loop_v12[] =
    "CREATE TABLE Habits (Id INTEGER PRIMARY KEY AUTOINCREMENT, archived INTEGER, color INTEGER,"
    " description TEXT, freq_den INTEGER, freq_num INTEGER, highlight INTEGER, name TEXT,"
    " position INTEGER, reminder_days INTEGER, reminder_hour INTEGER, reminder_min INTEGER);"
    "CREATE TABLE Repetitions (Id INTEGER PRIMARY KEY AUTOINCREMENT, habit INTEGER REFERENCES"
    " Habits(Id), timestamp INTEGER);"
    "INSERT INTO Habits VALUES (1, 0, -16742021, '', 7, 3, 0, 'Meditate', 0, 127, NULL, NULL);"
    "INSERT INTO Repetitions VALUES (1, 1, 1704067200000), (2, 1, 1704153600000);"
    "PRAGMA user_version = 12;";

static const char loop_v22[] =
    "CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer,"
    " description text, freq_den integer, freq_num integer, highlight integer, name text,"
    " position integer, reminder_hour integer, reminder_min integer, reminder_days integer not"
    " null default 127, type integer not null default 0, target_type integer not null default 0,"
    " target_value real not null default 0, unit text not null default '');"
    "CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer not null"
    " references habits(id), timestamp integer not null, value integer not null);"
    "INSERT INTO Habits (id, name, position, type, unit) VALUES (1, 'Tea', 0, 1, 'cups'),"
    " (2, 'Stretch', 1, 0, '');"
    "INSERT INTO Repetitions (habit, timestamp, value) VALUES (1, 1704067200000, 2500),"
    " (1, 1704153600000, -1), (2, 1704067200000, 2), (2, 1704153600000, 0),"
    " (2, 1704240000000, 1);"
    "PRAGMA user_version = 22;";

static void test_loop_databases(void **state)
{
    struct fixture *f = *state;
    char *old = make_db(f, "old.db", loop_v12);
    expect_clean_run(f, NULL, old, NULL);
    expect_day(f, "2024-01-01", (const char *const[]){"meditate=1", NULL}, NULL);
    expect_day(f, "2024-01-02", (const char *const[]){"meditate=1", NULL}, NULL);

    char *newer = make_db(f, "newer.db", loop_v22);
    expect_clean_run(f, NULL, newer, NULL);
    expect_day(f, "2024-01-01", (const char *const[]){"meditate=1", "tea=2.5", "stretch=1", NULL},
               NULL);
    expect_day(f, "2024-01-02", (const char *const[]){"meditate=1", "stretch=0", NULL}, NULL);
    assert_int_equal(saved_days(f), 2); /* YES_AUTO on the 3rd is not a day */

    /* A repetition of a habit that does not exist, and a database without the tables. */
    char *broken = make_db(f, "broken.db",
                           "CREATE TABLE Habits (id integer primary key, name text);"
                           "CREATE TABLE Repetitions (id integer primary key, habit integer,"
                           " timestamp integer, value integer);"
                           "INSERT INTO Repetitions VALUES (4, 9, 1704067200000, 2);");
    assert_int_equal(run(f, "loop", broken, NULL), 1);
    expect_problem(f, "broken.db: entry 4: repetition of habit 9, which is not in Habits");
    char *empty = make_db(f, "empty.db", "CREATE TABLE t (x);");
    assert_int_equal(run(f, "loop", empty, NULL), 1);
    expect_problem(f, "not a Loop backup");
    /* A repetition on a day after today (2100-01-01) is refused by its entry, as in every format. */
    char *future = make_db(f, "future.db",
                           "CREATE TABLE Habits (id integer primary key, name text);"
                           "CREATE TABLE Repetitions (id integer primary key, habit integer,"
                           " timestamp integer, value integer);"
                           "INSERT INTO Habits VALUES (1, 'Walk');"
                           "INSERT INTO Repetitions VALUES (3, 1, 1704067200000, 2),"
                           " (7, 1, 4102444800000, 2);");
    assert_int_equal(run(f, "loop", future, NULL), 1);
    expect_problem(f, "future.db: entry 7: 2100-01-01 is after today: only days that have "
                      "happened can be imported");
    free(old), free(newer), free(broken), free(empty), free(future);
}

/* --- Flaredown -------------------------------------------------------------------------------- */

static void test_flaredown(void **state)
{
    struct fixture *f = *state;
    expect_clean_run(f, NULL, FIXTURES "/flaredown.csv", NULL);
    /* 0-4 as it is; a blank cell is missing; a dose is a yes with the dose in the note. */
    expect_day(f, "2024-04-01",
               (const char *const[]){"eczema=2", "bloating=1", "cetirizine=1", "omega-3=0",
                                     "stress=7", "late-night=1", "food:bread-rye=1",
                                     "food:kimchi=1", NULL},
               "Cetirizine: 10 mg");
    expect_day(f, "2024-04-02",
               (const char *const[]){"eczema=3", "bloating=0", "headache=1", "cetirizine=1",
                                     "omega-3=1", NULL},
               NULL);
}

/* --- Malformed files, importing twice, notes kept --------------------------------------------- */

static void test_malformed(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *format, *file, *problem;
    } cases[] = {
        {"daylio", "bad/daylio-empty-line.csv", "daylio-empty-line.csv:3: empty line"},
        {"daylio", "bad/daylio-unknown-column.csv",
         "daylio-unknown-column.csv:1: unknown column 'colour' (column 6)"},
        {"daylio", "bad/daylio-wrong-cells.csv", "daylio-wrong-cells.csv:3: expected 8 cells"},
        {"daylio", "bad/daylio-wrong-cells.csv", "daylio-wrong-cells.csv:4: '2024-13-01' is not"},
        {"bearable", "bad/bearable-bad-values.csv",
         "bearable-bad-values.csv:2: '32nd Mar 2024' is not a date"},
        {"bearable", "bad/bearable-bad-values.csv",
         "bearable-bad-values.csv:3: symptom severity '7' is not 0 to 4"},
        {"flaredown", "bad/flaredown-out-of-range.csv",
         "flaredown-out-of-range.csv:2: '5' for 'Eczema' is not 0 to 4"},
        {"loop", "daylio.csv", "not a Loop export"},
        {"bearable", "loop-wide", "cannot read"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = xprintf("%s/%s", FIXTURES, cases[i].file);
        assert_true(run(f, cases[i].format, path, NULL) > 0);
        expect_problem(f, cases[i].problem);
        free(path);
    }
    /* A binary file, for every format that reads text. */
    char binary[512];
    for (size_t i = 0; i < sizeof binary; i++)
        binary[i] = (char)(i * 37 + 1);
    binary[sizeof binary - 1] = '\0';
    free(testutil_write_file(f->dir, "binary.csv", binary));
    char *path = xprintf("%s/binary.csv", f->dir);
    static const char *const text_formats[] = {"daylio", "bearable", "flaredown", "daylio-backup"};
    for (size_t i = 0; i < 4; i++) {
        assert_true(run(f, text_formats[i], path, NULL) > 0);
        expect_problem(f, "binary.csv");
    }
    free(path);
    /* A Loop zip that is damaged, a folder whose Habits.csv has unknown columns, an empty file. */
    free(testutil_write_file(f->dir, "damaged.zip", "PK\003\004 this is not really a zip"));
    path = xprintf("%s/damaged.zip", f->dir);
    assert_true(run(f, "loop", path, NULL) > 0);
    expect_problem(f, "damaged.zip: not a readable zip archive");
    free(path);
    char *folder = xprintf("%s/loop", f->dir);
    assert_int_equal(mkdir(folder, 0700), 0);
    free(testutil_write_file(folder, "Habits.csv", "Position,Name,Colour\n001,Walk,red\n"));
    assert_true(run(f, "loop", folder, NULL) > 0);
    expect_problem(f, "Habits.csv:1: unknown column 'Colour' (column 3)");
    free(folder);
    free(testutil_write_file(f->dir, "empty.csv", ""));
    path = xprintf("%s/empty.csv", f->dir);
    assert_true(run(f, "bearable", path, NULL) > 0);
    expect_problem(f, "empty.csv:1: the file is empty");
    free(path);
    assert_int_equal(saved_days(f), 0);
}

static void test_twice_changes_nothing_and_keeps_notes(void **state)
{
    struct fixture *f = *state;
    /* A day the person wrote before the import keeps its note, the imported one after it. */
    struct day mine;
    day_init(&mine, testutil_day("2024-03-21"));
    day_set_note(&mine, "my own words");
    day_set_reading(&mine, "acne", 1);
    assert_int_equal(journal_save_day(f->journal, &mine, NULL), 0);
    day_release(&mine);

    expect_clean_run(f, "bearable", FIXTURES "/bearable.csv", NULL);
    expect_day(f, "2024-03-21", (const char *const[]){"acne=1", "bloating=4", NULL},
               "my own words\n\nGratitude: A sunny walk");
    struct import_counts counts;
    assert_int_equal(run(f, "bearable", FIXTURES "/bearable.csv", NULL), 0);
    apply(f, &counts);
    assert_int_equal(counts.days, 3);
    assert_int_equal(counts.unchanged, 3);
    expect_day(f, "2024-03-21", (const char *const[]){"acne=1", "bloating=4", NULL},
               "my own words\n\nGratitude: A sunny walk");
}

/* --- An activity an entry leaves out is a "no" ------------------------------------------------ */

/* Three days of entries (May 3rd has none); "Probiotic taken" (the content's yes/no habit) on one
 * day, yoga (a new yes/no habit) in one of two entries of another, kimchi a food. */
static const char daylio_days[] =
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2024-05-04,May 4,Saturday,8:00 pm,good,\"\",\"\",\"\"\n"
    "2024-05-02,May 2,Thursday,9:00 pm,meh,\"Kimchi\",\"\",\"\"\n"
    "2024-05-02,May 2,Thursday,8:00 am,good,\"yoga\",\"\",\"\"\n"
    "2024-05-01,May 1,Wednesday,9:00 pm,bad,\"Probiotic taken | Kimchi\",\"\",\"\"\n";

static void expect_no_day(struct fixture *f, const char *date)
{
    struct day day;
    struct error err;
    day_init(&day, testutil_day(date));
    assert_int_equal(journal_load_day(f->journal, testutil_day(date), &day, &err), 0);
    day_release(&day);
}

static void test_daylio_left_out_is_no(void **state)
{
    struct fixture *f = *state;
    char *path = testutil_write_file(f->dir, "days.csv", daylio_days);
    expect_clean_run(f, "daylio", path, NULL);
    assert_int_equal(f->summary.days, 3);
    assert_int_equal(f->summary.nos, 4);
    expect_day(
        f, "2024-05-01",
        (const char *const[]){"low-mood=3", "probiotic-taken=1", "yoga=0", "food:kimchi=1", NULL},
        NULL);
    expect_day(
        f, "2024-05-02",
        (const char *const[]){"low-mood=2", "probiotic-taken=0", "yoga=1", "food:kimchi=1", NULL},
        NULL);
    expect_day(f, "2024-05-04",
               (const char *const[]){"low-mood=1", "probiotic-taken=0", "yoga=0", NULL}, NULL);
    /* A day the file has no entry for gets nothing. */
    expect_no_day(f, "2024-05-03");
    assert_int_equal(saved_days(f), 3);
    /* The mapping says so for the habit, not for the food. */
    for (size_t i = 0; i < f->data.name_count; i++) {
        char rule[400];
        peer_rule_text(&f->data.names[i], &f->import.mappings[i], &f->import, f->content, rule,
                       sizeof rule);
        bool habit = strcmp(f->data.names[i].name, "yoga") == 0;
        if (habit || strcmp(f->data.names[i].name, "Kimchi") == 0)
            assert_int_equal(strstr(rule, "left out of a day's entries = 0") != NULL, habit);
    }
    free(path);
}

static void test_left_out_meets_saved_values(void **state)
{
    struct fixture *f = *state;
    /* The person saved yes on May 4th, when the file leaves probiotics out. */
    struct day mine;
    day_init(&mine, testutil_day("2024-05-04"));
    day_set_reading(&mine, "probiotic-taken", 1);
    assert_int_equal(journal_save_day(f->journal, &mine, NULL), 0);
    day_release(&mine);
    char *path = testutil_write_file(f->dir, "days.csv", daylio_days);

    /* merge: a saved value wins over a "no" the file only implies; twice changes nothing. */
    expect_clean_run(f, "daylio", path, NULL);
    expect_day(f, "2024-05-04",
               (const char *const[]){"low-mood=1", "probiotic-taken=1", "yoga=0", NULL}, NULL);
    struct import_counts counts;
    assert_int_equal(run(f, "daylio", path, NULL), 0);
    apply(f, &counts);
    assert_int_equal(counts.unchanged, 3);

    /* replace: the day becomes what the file says, the "no" included. */
    struct error err;
    assert_int_equal(run(f, "daylio", path, NULL), 0);
    assert_int_equal(import_apply(f->journal, &f->plan, IMPORT_REPLACE, false, &counts, &err), 0);
    expect_day(f, "2024-05-04",
               (const char *const[]){"low-mood=1", "probiotic-taken=0", "yoga=0", NULL}, NULL);
    free(path);
}

static void test_bearable_and_flaredown_left_out_is_no(void **state)
{
    struct fixture *f = *state;
    /* Bearable: a day's Factors row lists them all; a day without one says nothing of them. */
    char *path = testutil_write_file(
        f->dir, "factors.csv",
        "\"date\",\"weekday\",\"time of day\",\"category\",\"rating/amount\",\"detail\","
        "\"notes\"\n"
        "\"1st May 2024\",\"Wed\",\"all day\",\"Factors\",\"\",\"Probiotic taken | With "
        "friends\",\"\"\n"
        "\"2nd May 2024\",\"Thu\",\"all day\",\"Factors\",\"\",\"With friends\",\"\"\n"
        "\"3rd May 2024\",\"Fri\",\"am\",\"Symptom\",\"2\",\"Bloating (Moderate)\",\"\"\n");
    expect_clean_run(f, "bearable", path, NULL);
    expect_day(f, "2024-05-01", (const char *const[]){"probiotic-taken=1", "with-friends=1", NULL},
               NULL);
    expect_day(f, "2024-05-02", (const char *const[]){"probiotic-taken=0", "with-friends=1", NULL},
               NULL);
    expect_day(f, "2024-05-03", (const char *const[]){"bloating=2", NULL}, NULL);
    free(path);

    /* Flaredown: a check-in's tags are all it had; one with no tags says nothing of them. */
    path = testutil_write_file(f->dir, "tags.csv",
                               "Date,Eczema,Tags,Foods\n"
                               "2024-06-01,1,sauna; late night,\n"
                               "2024-06-02,2,late night,\n"
                               "2024-06-03,0,,\n");
    expect_clean_run(f, "flaredown", path, NULL);
    expect_day(f, "2024-06-01", (const char *const[]){"eczema=1", "sauna=1", "late-night=1", NULL},
               NULL);
    expect_day(f, "2024-06-02", (const char *const[]){"eczema=2", "sauna=0", "late-night=1", NULL},
               NULL);
    expect_day(f, "2024-06-03", (const char *const[]){"eczema=0", NULL}, NULL);
    free(path);
}

static void test_map_file_problems(void **state)
{
    struct fixture *f = *state;
    free(testutil_write_file(f->dir, "bad.map.yaml",
                             "format: flaredown\n"
                             "items:\n"
                             "- from: symptom\n"
                             "  name: Eczema\n"
                             "  to: sign nope\n"
                             "- from: tag\n"
                             "  name: stressed\n"
                             "  to: new habit Bad Id\n"
                             "- from: food\n"
                             "  name: Kimchi\n"
                             "  to: somewhere\n"
                             "  colour: red\n"));
    char *map = xprintf("%s/bad.map.yaml", f->dir);
    assert_int_equal(run(f, "flaredown", FIXTURES "/flaredown.csv", map), 4);
    expect_problem(f, "bad.map.yaml:3: unknown sign 'nope'");
    expect_problem(f, "bad.map.yaml:6: an id is lowercase letters, digits and '-': Bad Id");
    expect_problem(f, "bad.map.yaml:12: unknown key");
    expect_problem(f, "bad.map.yaml:9: to: must be");
    free(testutil_write_file(f->dir, "broken.map.yaml", "items: [\n"));
    free(map);
    map = xprintf("%s/broken.map.yaml", f->dir);
    assert_int_equal(run(f, "flaredown", FIXTURES "/flaredown.csv", map), 1);
    expect_problem(f, "broken.map.yaml:2:1:");
    free(map);
}

/* A map file names items as the command line does: by id or label, any case or accents, and a
 * misspelt one gets "did you mean". */
static void test_map_file_labels(void **state)
{
    struct fixture *f = *state;
    free(testutil_write_file(f->dir, "labels.map.yaml",
                             "format: flaredown\n"
                             "items:\n"
                             "- from: symptom\n"
                             "  name: Eczema\n"
                             "  to: sign BREAKOUTS\n"
                             "- from: symptom\n"
                             "  name: Headache\n"
                             "  to: new sign headache\n"
                             "  group: ImMune\n"
                             "- from: food\n"
                             "  name: Kimchi\n"
                             "  to: food kímchi\n"));
    char *map = xprintf("%s/labels.map.yaml", f->dir);
    expect_clean_run(f, "flaredown", FIXTURES "/flaredown.csv", map);
    expect_day(f, "2024-04-02",
               (const char *const[]){"acne=3", "bloating=0", "headache=1", "cetirizine=1",
                                     "omega-3=1", NULL},
               NULL);
    bool found = false;
    for (size_t i = 0; i < f->import.count; i++)
        if (f->import.mappings[i].place != NULL &&
            strcmp(f->import.mappings[i].place, "immune") == 0)
            found = true;
    assert_true(found);
    free(testutil_write_file(f->dir, "typo.map.yaml",
                             "format: flaredown\n"
                             "items:\n"
                             "- from: symptom\n"
                             "  name: Eczema\n"
                             "  to: sign Breakots\n"
                             "- from: symptom\n"
                             "  name: Headache\n"
                             "  to: new sign headache\n"
                             "  group: imune\n"));
    free(map);
    map = xprintf("%s/typo.map.yaml", f->dir);
    assert_int_equal(run(f, "flaredown", FIXTURES "/flaredown.csv", map), 2);
    expect_problem(f, "typo.map.yaml:3: unknown sign 'Breakots'; did you mean 'acne' (Breakouts)?");
    expect_problem(f, "typo.map.yaml:6: unknown group 'imune'; did you mean 'immune'?");
    free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_daylio_csv_and_map_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_daylio_oldest_layout_and_date_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_daylio_backup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bearable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_folder_and_zip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_wide_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loop_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flaredown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_twice_changes_nothing_and_keeps_notes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_daylio_left_out_is_no, setup, teardown),
        cmocka_unit_test_setup_teardown(test_left_out_meets_saved_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bearable_and_flaredown_left_out_is_no, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_map_file_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_file_labels, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
