/* backups.c - automatic daily copies of the journal, their rotation and their list (see
 * backups.h). */
#include "backups.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsops.h"
#include "paths.h"
#include "xalloc.h"

#define BACKUPS_MAX_KEEP 366
#define DATE_LENGTH 10 /* YYYY-MM-DD */

/* --- Policy and names ------------------------------------------------------------------------ */

int backups_policy_read(struct backups_policy *policy, struct error *err)
{
    *policy = (struct backups_policy){false, BACKUPS_DEFAULT_DAILY, BACKUPS_DEFAULT_WEEKLY};
    const char *text = getenv("GUTSKIN_BACKUPS");
    if (text == NULL || text[0] == '\0')
        return 0;
    if (strcmp(text, "off") == 0) {
        policy->off = true;
        return 0;
    }
    int daily = -1, weekly = -1, used = 0;
    if (sscanf(text, "%d,%d%n", &daily, &weekly, &used) != 2 || text[used] != '\0' || daily < 0 ||
        weekly < 0 || daily > BACKUPS_MAX_KEEP || weekly > BACKUPS_MAX_KEEP)
        return error_set(err, ERROR_USAGE,
                         "GUTSKIN_BACKUPS is \"%s\": write off, or how many daily and weekly "
                         "copies to keep, such as 7,4",
                         text);
    policy->daily = daily;
    policy->weekly = weekly;
    policy->off = daily == 0 && weekly == 0;
    return 0;
}

char *backups_dir(const char *journal_path)
{
    const char *slash = strrchr(journal_path, '/');
    if (slash == NULL)
        return xstrdup("backups");
    return xprintf("%.*s/backups", (int)(slash - journal_path), journal_path);
}

/* The journal's file name without a ".db" ending. */
static char *journal_stem(const char *journal_path)
{
    const char *slash = strrchr(journal_path, '/');
    const char *name = slash != NULL ? slash + 1 : journal_path;
    size_t length = strlen(name);
    if (length > 3 && strcmp(name + length - 3, ".db") == 0)
        length -= 3;
    return xstrndup(name, length);
}

static bool is_date_text(const char *text)
{
    char date[DATE_TEXT_SIZE];
    int number;
    memcpy(date, text, DATE_LENGTH);
    date[DATE_LENGTH] = '\0';
    return date_parse(date, &number);
}

/* STEM-DATE.db: true for a daily copy, with its date copied out. */
static bool parse_daily(const char *name, const char *stem, char date[DATE_TEXT_SIZE])
{
    size_t stem_length = strlen(stem);
    if (strlen(name) != stem_length + 1 + DATE_LENGTH + 3 ||
        strncmp(name, stem, stem_length) != 0 || name[stem_length] != '-' ||
        strcmp(name + stem_length + 1 + DATE_LENGTH, ".db") != 0 ||
        !is_date_text(name + stem_length + 1))
        return false;
    memcpy(date, name + stem_length + 1, DATE_LENGTH);
    date[DATE_LENGTH] = '\0';
    return true;
}

/* STEM-DATE-HHMMSS[-N]-before-WHY.db: true for a copy kept before something (any `why` when
 * NULL), with its date copied out. */
static bool parse_before(const char *name, const char *stem, const char *why,
                         char date[DATE_TEXT_SIZE])
{
    size_t stem_length = strlen(stem), length = strlen(name);
    if (length < stem_length + 1 + DATE_LENGTH + 7 + 8 + 3 ||
        strncmp(name, stem, stem_length) != 0 || name[stem_length] != '-' ||
        !is_date_text(name + stem_length + 1) || strcmp(name + length - 3, ".db") != 0)
        return false;
    const char *before = strstr(name + stem_length + 1 + DATE_LENGTH, "-before-");
    if (before == NULL)
        return false;
    if (why != NULL && (strncmp(before + 8, why, strlen(why)) != 0 ||
                        strcmp(before + 8 + strlen(why), ".db") != 0))
        return false;
    memcpy(date, name + stem_length + 1, DATE_LENGTH);
    date[DATE_LENGTH] = '\0';
    return true;
}

/* --- The list -------------------------------------------------------------------------------- */

void backups_list_init(struct backups_list *list)
{
    memset(list, 0, sizeof *list);
}

void backups_list_release(struct backups_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].name);
    free(list->items);
    free(list->dir);
    backups_list_init(list);
}

/* Newest first: by date, then by name (a later time of day sorts later). */
static int compare_entries(const void *a, const void *b)
{
    const struct backups_entry *x = a, *y = b;
    int by_date = strcmp(y->date, x->date);
    return by_date != 0 ? by_date : strcmp(y->name, x->name);
}

static void add_entry(struct backups_list *list, const char *name, const char *date, bool daily)
{
    char *path = xprintf("%s/%s", list->dir, name);
    struct stat info;
    bool regular = lstat(path, &info) == 0 && S_ISREG(info.st_mode);
    free(path);
    if (!regular)
        return;
    xgrow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    struct backups_entry *entry = &list->items[list->count++];
    entry->name = xstrdup(name);
    memcpy(entry->date, date, DATE_TEXT_SIZE);
    entry->daily = daily;
    entry->size = (int64_t)info.st_size;
    entry->modified = info.st_mtime;
}

int backups_list_read(const char *journal_path, struct backups_list *list, struct error *err)
{
    backups_list_release(list);
    list->dir = backups_dir(journal_path);
    DIR *dir = opendir(list->dir);
    if (dir == NULL)
        return errno == ENOENT ? 0
                               : error_set(err, ERROR_SYSTEM, "cannot read the backups in %s: %s",
                                           list->dir, strerror(errno));
    char *stem = journal_stem(journal_path);
    char date[DATE_TEXT_SIZE];
    const struct dirent *item;
    while ((item = readdir(dir)) != NULL) {
        if (parse_daily(item->d_name, stem, date))
            add_entry(list, item->d_name, date, true);
        else if (parse_before(item->d_name, stem, NULL, date))
            add_entry(list, item->d_name, date, false);
    }
    closedir(dir);
    free(stem);
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, compare_entries);
    return 0;
}

/* --- Making copies --------------------------------------------------------------------------- */

/* The backups folder, made (0700) when missing; caller frees. NULL with `err` set. */
static char *private_dir(const char *journal_path, struct error *err)
{
    char *dir = backups_dir(journal_path);
    struct stat info;
    bool existed = stat(dir, &info) == 0;
    if (!existed && paths_make_dirs(dir, 0700, err) != 0) {
        free(dir);
        return NULL;
    }
    int code = existed ? 0 : fsops_sync_dir_of(dir);
    if (code == 0 && chmod(dir, 0700) != 0)
        code = errno;
    if (code != 0) {
        error_set(err, ERROR_SYSTEM, "cannot make the backups folder %s: %s", dir, strerror(code));
        free(dir);
        return NULL;
    }
    return dir;
}

/* Removals are made lasting on a best-effort basis: a copy that comes back after a power cut is
 * only one copy too many. */
static void sync_dir(const char *dir)
{
    char *inside = xprintf("%s/.", dir);
    (void)fsops_sync_dir_of(inside);
    free(inside);
}

static void remove_copy(const char *dir, const char *name)
{
    char *path = xprintf("%s/%s", dir, name);
    (void)unlink(path); /* a copy that stays is only one too many */
    free(path);
}

/* Which daily copies stay: the newest `daily`, then the newest of each of `weekly` weeks. */
static void rotate_daily(const struct backups_list *list, const struct backups_policy *policy)
{
    int kept_days = 0, kept_weeks = 0, last_week = 0;
    bool removed = false;
    for (size_t i = 0; i < list->count; i++) {
        const struct backups_entry *entry = &list->items[i];
        if (!entry->daily)
            continue;
        int number;
        date_parse(entry->date, &number);
        int week = date_week_start(number);
        if (kept_days < policy->daily) {
            kept_days++;
        } else if (kept_weeks < policy->weekly && (kept_weeks == 0 || week != last_week)) {
            kept_weeks++;
            last_week = week;
        } else {
            remove_copy(list->dir, entry->name);
            removed = true;
        }
    }
    if (removed)
        sync_dir(list->dir);
}

static void rotate_before(const struct backups_list *list, const char *stem, const char *why)
{
    size_t kept = 0;
    char date[DATE_TEXT_SIZE];
    for (size_t i = 0; i < list->count; i++)
        if (!list->items[i].daily && parse_before(list->items[i].name, stem, why, date) &&
            ++kept > BACKUPS_KEEP_BEFORE)
            remove_copy(list->dir, list->items[i].name);
    if (kept > BACKUPS_KEEP_BEFORE)
        sync_dir(list->dir);
}

/* A copy is written as .NAME.XXXXXX beside its name and renamed when whole; a power cut in
 * between leaves the temporary file. One older than this is no copy in progress. */
#define BACKUPS_STALE_SECONDS (60 * 60)

static void remove_stale_temporaries(const char *dir, const char *stem)
{
    DIR *handle = opendir(dir);
    if (handle == NULL)
        return;
    char *prefix = xprintf(".%s-", stem);
    time_t now = time(NULL);
    const struct dirent *item;
    while ((item = readdir(handle)) != NULL) {
        if (strncmp(item->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char *path = xprintf("%s/%s", dir, item->d_name);
        struct stat info;
        if (lstat(path, &info) == 0 && S_ISREG(info.st_mode) &&
            now - info.st_mtime > BACKUPS_STALE_SECONDS)
            (void)unlink(path);
        free(path);
    }
    free(prefix);
    closedir(handle);
}

int backups_make_daily(struct journal *journal, const struct backups_policy *policy, bool *made,
                       struct error *err)
{
    if (made != NULL)
        *made = false;
    if (policy->off)
        return 0;
    const char *journal_file = journal_path(journal);
    size_t days = 0;
    if (journal_count_days(journal, DATE_NONE, DATE_NONE, &days, err) != 0)
        return -1;
    if (days == 0)
        return 0;
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    char *dir = backups_dir(journal_file), *stem = journal_stem(journal_file);
    char *path = xprintf("%s/%s-%s.db", dir, stem, today);
    free(dir);
    struct stat info;
    int status = 0;
    if (stat(path, &info) != 0) {
        dir = private_dir(journal_file, err);
        if (dir != NULL)
            remove_stale_temporaries(dir, stem);
        status = dir != NULL ? journal_backup(journal, path, err) : -1;
        free(dir);
        if (status == 0 && made != NULL)
            *made = true;
    }
    struct backups_list list;
    backups_list_init(&list);
    if (status == 0 && backups_list_read(journal_file, &list, err) == 0)
        rotate_daily(&list, policy);
    backups_list_release(&list);
    free(path);
    free(stem);
    return status;
}

/* A name for a copy kept before `why` that is not taken yet; caller frees. */
static char *name_before(const char *dir, const char *stem, const char *why)
{
    char today[DATE_TEXT_SIZE], clock[8] = "000000";
    date_format(date_today(), today);
    time_t now = time(NULL);
    struct tm local;
    if (localtime_r(&now, &local) != NULL)
        strftime(clock, sizeof clock, "%H%M%S", &local);
    char *path = xprintf("%s/%s-%s-%s-before-%s.db", dir, stem, today, clock, why);
    struct stat info;
    for (int n = 2; stat(path, &info) == 0; n++) {
        free(path);
        path = xprintf("%s/%s-%s-%s-%d-before-%s.db", dir, stem, today, clock, n, why);
    }
    return path;
}

int backups_make_before(struct journal *journal, const char *why, char **path, struct error *err)
{
    *path = NULL;
    const char *journal_file = journal_path(journal);
    char *dir = private_dir(journal_file, err);
    if (dir == NULL)
        return -1;
    char *stem = journal_stem(journal_file);
    char *copy = name_before(dir, stem, why);
    int status = journal_backup(journal, copy, err);
    struct backups_list list;
    backups_list_init(&list);
    if (status == 0 && backups_list_read(journal_file, &list, NULL) == 0)
        rotate_before(&list, stem, why);
    backups_list_release(&list);
    if (status == 0)
        *path = copy;
    else
        free(copy);
    free(stem);
    free(dir);
    return status;
}

/* --- The daily hook -------------------------------------------------------------------------- */

/* One journal is attached at a time (a process opens one journal to write to). */
static struct {
    backups_report_fn *report;
    void *context;
    bool reported;
} attached;

static void report_once(const char *message)
{
    if (attached.reported || attached.report == NULL)
        return;
    attached.reported = true;
    attached.report(message, attached.context);
}

static void daily_hook(struct journal *journal, void *context)
{
    (void)context;
    struct error err = {ERROR_NONE, ""};
    struct backups_policy policy;
    if (backups_policy_read(&policy, &err) != 0) {
        char message[sizeof err.message + 128];
        snprintf(message, sizeof message, "%s; keeping the default %d daily and %d weekly copies",
                 err.message, BACKUPS_DEFAULT_DAILY, BACKUPS_DEFAULT_WEEKLY);
        report_once(message);
        error_clear(&err);
    }
    if (backups_make_daily(journal, &policy, NULL, &err) != 0) {
        char message[sizeof err.message + 128];
        snprintf(message, sizeof message,
                 "today's automatic backup failed (%s); your entries are "
                 "saved as usual",
                 err.message);
        report_once(message);
    }
}

void backups_attach(struct journal *journal, backups_report_fn *report, void *context)
{
    attached.report = report;
    attached.context = context;
    attached.reported = false;
    journal_set_write_hook(journal, daily_hook, NULL);
}

void backups_report_to_stderr(const char *message, void *context)
{
    (void)context;
    fprintf(stderr, "gutskin: warning: %s\n", message);
}
