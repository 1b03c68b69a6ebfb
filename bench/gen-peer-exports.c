/*
 * gen-peer-exports.c - writes the inputs of the import benchmark: a year of a Daylio CSV export
 * (365 days, 3 to 5 entries a day, custom moods, 30 activities, HTML notes) and a 5-year Loop
 * backup database (12 habits, 4 of them numeric, schema 25 with notes). Made-up content from a
 * fixed seed, so every run measures the same files.
 *
 * usage: gen-peer-exports DIR     (writes DIR/daylio.csv, DIR/daylio.map.yaml, DIR/loop.db)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

static unsigned long long state = 20260315;

static unsigned next(unsigned limit)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((state >> 33) % limit);
}

static const char *const moods[] = {"awful", "bad", "so-so ", "good", "rad"};
static const char *const activities[] = {
    "walk",    "stomachache", "bad sleep",  "good sleep", "alcohol",  "coffee",
    "kimchi",  "yogurt",      "work",       "friends",    "reading",  "gaming",
    "cooking", "gym",         "meditation", "tired",      "stressed", "bloated",
    "oats",    "berries",     "date",       "cleaning",   "shopping", "movies",
    "music",   "sauna",       "rain",       "travel",     "family",   "headache"};

static int write_daylio(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/daylio.csv", dir);
    FILE *out = fopen(path, "w");
    if (out == NULL)
        return -1;
    fputs("full_date,date,weekday,time,mood,activities,note_title,note\n", out);
    int first = date_from_parts(2025, 1, 1);
    for (int day = first + 364; day >= first; day--) {
        char date[DATE_TEXT_SIZE];
        date_format(day, date);
        unsigned entries = 3 + next(3);
        for (unsigned e = 0; e < entries; e++) {
            unsigned minute = 23 * 60 - e * 200 - next(60);
            fprintf(out, "%s,%s,%s,%u:%02u,%s,\"", date, date, "Monday", minute / 60, minute % 60,
                    moods[next(5)]);
            unsigned count = next(6);
            for (unsigned a = 0; a < count; a++)
                fprintf(out, "%s%s", a ? " | " : "", activities[next(30)]);
            fprintf(out, "\",\"\",\"%s\"\n",
                    next(3) == 0 ? "Long <b>day</b><br>slept badly &amp; ate late" : "");
        }
    }
    fclose(out);
    snprintf(path, sizeof path, "%s/daylio.map.yaml", dir);
    out = fopen(path, "w");
    if (out == NULL)
        return -1;
    fputs("format: daylio\nitems:\n- from: mood\n  name: so-so\n  level: 3\n  to: sign low-mood\n",
          out);
    return fclose(out);
}

static int write_loop(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/loop.db", dir);
    remove(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return -1;
    sqlite3_exec(db,
                 "PRAGMA user_version = 25;"
                 "CREATE TABLE Habits (id integer primary key autoincrement, archived integer,"
                 " color integer, description text, freq_den integer, freq_num integer,"
                 " highlight integer, name text, position integer, reminder_hour integer,"
                 " reminder_min integer, reminder_days integer not null default 127, type integer"
                 " not null default 0, target_type integer not null default 0, target_value real"
                 " not null default 0, unit text not null default '', question text, uuid text);"
                 "CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer not"
                 " null references habits(id), timestamp integer not null, value integer not null,"
                 " notes text, UNIQUE (habit, timestamp));"
                 "BEGIN;",
                 NULL, NULL, NULL);
    static const char *const names[] = {"Water",    "Tea",       "Steps",    "Pages",
                                        "Meditate", "Stretch",   "No sugar", "Floss",
                                        "Journal",  "Vitamin D", "Walk",     "Probiotic"};
    sqlite3_stmt *habit, *repetition;
    sqlite3_prepare_v2(db,
                       "INSERT INTO Habits (id, name, position, type, unit) VALUES (?, ?, ?, ?, ?)",
                       -1, &habit, NULL);
    sqlite3_prepare_v2(
        db, "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (?, ?, ?, ?)", -1,
        &repetition, NULL);
    for (int h = 0; h < 12; h++) {
        bool numeric = h < 4;
        sqlite3_bind_int(habit, 1, h + 1);
        sqlite3_bind_text(habit, 2, names[h], -1, SQLITE_STATIC);
        sqlite3_bind_int(habit, 3, h);
        sqlite3_bind_int(habit, 4, numeric);
        sqlite3_bind_text(habit, 5, numeric ? (h == 2 ? "steps" : "cups") : "", -1, SQLITE_STATIC);
        sqlite3_step(habit);
        sqlite3_reset(habit);
        int first = date_from_parts(2021, 1, 1);
        for (int day = first; day < first + 5 * 365; day++) {
            long long value = numeric ? (long long)(1 + next(8)) * (h == 2 ? 1000000 : 1000)
                                      : (long long[]){2, 2, 0, 1, -1}[next(5)];
            sqlite3_bind_int(repetition, 1, h + 1);
            sqlite3_bind_int64(repetition, 2, (long long)day * 86400000LL);
            sqlite3_bind_int64(repetition, 3, value);
            if (next(50) == 0)
                sqlite3_bind_text(repetition, 4, "felt great", -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(repetition, 4);
            sqlite3_step(repetition);
            sqlite3_reset(repetition);
        }
    }
    sqlite3_finalize(habit);
    sqlite3_finalize(repetition);
    int status = sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL);
    sqlite3_close(db);
    return status == SQLITE_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen-peer-exports DIR\n");
        return 2;
    }
    if (write_daylio(argv[1]) != 0 || write_loop(argv[1]) != 0) {
        fprintf(stderr, "gen-peer-exports: cannot write in %s\n", argv[1]);
        return 1;
    }
    return 0;
}
