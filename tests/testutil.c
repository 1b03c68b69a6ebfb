/* testutil.c - temporary folders and files for the unit tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "content.h"
#include "dates.h"
#include "journal.h"
#include "xalloc.h"

char *testutil_make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *template = xprintf("%s/gutskin-test-XXXXXX", base && base[0] ? base : "/tmp");
    char *made = mkdtemp(template);
    assert_non_null(made);
    return template;
}

void testutil_remove_tree(const char *path)
{
    DIR *dir = opendir(path);
    if (dir == NULL) {
        unlink(path);
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char *child = xprintf("%s/%s", path, entry->d_name);
        struct stat info;
        if (lstat(child, &info) == 0 && S_ISDIR(info.st_mode))
            testutil_remove_tree(child);
        else
            unlink(child);
        free(child);
    }
    closedir(dir);
    rmdir(path);
}

char *testutil_write_file(const char *dir, const char *name, const char *text)
{
    char *path = xprintf("%s/%s", dir, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, strlen(text), file), strlen(text));
    assert_int_equal(fclose(file), 0);
    return path;
}

char *testutil_read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    size_t capacity = 4096, used = 0;
    char *buffer = xmalloc(capacity);
    size_t got;
    while ((got = fread(buffer + used, 1, capacity - used - 1, file)) > 0) {
        used += got;
        if (capacity - used < 2)
            buffer = xrealloc(buffer, capacity *= 2);
    }
    fclose(file);
    buffer[used] = '\0';
    if (length != NULL)
        *length = used;
    return buffer;
}

int testutil_file_mode(const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return -1;
    return (int)(info.st_mode & 0777);
}

struct journal *testutil_open_journal(const char *dir)
{
    char *path = xprintf("%s/journal.db", dir);
    struct error err = {0};
    struct journal *journal = journal_open(path, &err);
    free(path);
    if (journal == NULL)
        fail_msg("cannot open the test journal: %s", err.message);
    return journal;
}

struct content *testutil_load_content(const char *dir)
{
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(dir, NULL, &problems);
    if (content == NULL || problems.count > 0)
        fail_msg("content %s: %s", dir, problems.count ? problems.items[0] : "not loaded");
    strlist_release(&problems);
    return content;
}

/* The schema of the first gutskin journals (version 1), as they were written, so that tests of
 * upgrades start from a real old file whatever later versions add. */
static const char v1_schema[] =
    "PRAGMA journal_mode = WAL;"
    "CREATE TABLE day (date TEXT PRIMARY KEY NOT NULL"
    " CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(date) IS date),"
    " note TEXT, note_changed_at INTEGER, changed_at INTEGER NOT NULL);"
    "CREATE TABLE reading (date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
    " metric TEXT NOT NULL, value REAL NOT NULL, changed_at INTEGER NOT NULL,"
    " PRIMARY KEY (date, metric)) WITHOUT ROWID;"
    "CREATE INDEX reading_by_metric ON reading (metric, date);"
    "CREATE TABLE food_eaten (date TEXT NOT NULL REFERENCES day (date) ON DELETE CASCADE,"
    " food TEXT NOT NULL, servings REAL NOT NULL, changed_at INTEGER NOT NULL,"
    " PRIMARY KEY (date, food)) WITHOUT ROWID;"
    "CREATE INDEX food_eaten_by_food ON food_eaten (food, date);"
    "PRAGMA user_version = 1;";

void testutil_write_v1_journal(const char *path, int days)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, v1_schema, NULL, NULL, NULL))
        fail_msg("cannot write a version 1 journal at %s: %s", path, sqlite3_errmsg(db));
    for (int i = 0; i < days; i++) {
        char *sql = xprintf("INSERT INTO day VALUES ('2025-01-%02d', 'old note %d', 100, 100);"
                            "INSERT INTO reading VALUES ('2025-01-%02d', 'acne', %d, 100);",
                            i + 1, i + 1, i + 1, i % 5);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            fail_msg("cannot fill the version 1 journal: %s", sqlite3_errmsg(db));
        free(sql);
    }
    sqlite3_close(db);
    chmod(path, 0600);
}

int testutil_day(const char *text)
{
    int day;
    if (text == NULL)
        return DATE_NONE;
    if (!date_parse(text, &day))
        fail_msg("\"%s\" is not a date", text);
    return day;
}
