/*
 * draft.c - the check-in in progress beside the journal: written whole, locked while its app
 * runs, found again after a crash. See draft.h.
 */
#include "draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "paths.h"
#include "xalloc.h"

#define DRAFT_SUFFIX ".draft"
#define LOCK_SUFFIX ".lock"
#define DRAFT_LIMIT (4 * 1024 * 1024)
/* 1: base and mine; 2: and what an open prompt was typing. A newer version is left for the
 * gutskin that wrote it (skipped, never removed): its fields may carry words this one drops. */
#define DRAFT_VERSION 2

struct draft_store {
    char *draft_path;
    char *lock_path;
    int lock_fd;
    bool written;
};

static char *drafts_dir(const char *journal_path)
{
    return xprintf("%s.drafts", journal_path);
}

struct draft_store *draft_store_open(const char *journal_path, struct error *err)
{
    char *dir = drafts_dir(journal_path);
    if (paths_make_dirs(dir, 0700, err) != 0) {
        free(dir);
        return NULL;
    }
    struct draft_store *store = xcalloc(1, sizeof *store);
    long long stamp = (long long)time(NULL);
    store->draft_path = xprintf("%s/%lld-%ld" DRAFT_SUFFIX, dir, stamp, (long)getpid());
    store->lock_path = xprintf("%s/%lld-%ld" LOCK_SUFFIX, dir, stamp, (long)getpid());
    free(dir);
    store->lock_fd = open(store->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (store->lock_fd < 0 || flock(store->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        error_set(err, ERROR_SYSTEM, "cannot keep drafts in %s: %s", store->lock_path,
                  strerror(errno));
        draft_store_close(store);
        return NULL;
    }
    return store;
}

void draft_store_clear(struct draft_store *store)
{
    if (store != NULL && store->written) {
        (void)unlink(store->draft_path); /* already gone is fine */
        store->written = false;
    }
}

void draft_store_close(struct draft_store *store)
{
    if (store == NULL)
        return;
    draft_store_clear(store);
    if (store->lock_fd >= 0) {
        (void)unlink(store->lock_path);
        close(store->lock_fd);
    }
    free(store->draft_path);
    free(store->lock_path);
    free(store);
}

/* --- days as JSON ------------------------------------------------------------------------- */

static json_t *entries_to_json(const struct day_entry *entries, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(array, json_pack("[s f I]", entries[i].id, entries[i].value,
                                               (json_int_t)entries[i].changed_at));
    return array;
}

static json_t *day_to_json(const struct day *day)
{
    return json_pack("{s:s? s:I s:o s:o}", "note", day->note, "note_changed_at",
                     (json_int_t)day->note_changed_at, "readings",
                     entries_to_json(day->readings, day->reading_count), "foods",
                     entries_to_json(day->foods, day->food_count));
}

static void entries_from_json(json_t *array, struct day *day, bool food)
{
    size_t index;
    json_t *item;
    json_array_foreach(array, index, item)
    {
        const char *id = NULL;
        double value = 0;
        json_int_t changed_at = 0;
        if (json_unpack(item, "[s F I]", &id, &value, &changed_at) != 0)
            continue;
        if (food)
            day_set_food(day, id, value);
        else
            day_set_reading(day, id, value);
        struct day_entry *entries = food ? day->foods : day->readings;
        size_t count = food ? day->food_count : day->reading_count;
        for (size_t i = 0; i < count; i++)
            if (strcmp(entries[i].id, id) == 0)
                entries[i].changed_at = changed_at;
    }
}

static bool day_from_json(json_t *object, int day_number, struct day *day)
{
    json_t *note = NULL, *readings = NULL, *foods = NULL;
    json_int_t note_changed_at = 0;
    if (json_unpack(object, "{s?o s?I s:o s:o}", "note", &note, "note_changed_at", &note_changed_at,
                    "readings", &readings, "foods", &foods) != 0)
        return false;
    day_release(day);
    day_init(day, day_number);
    day_set_note(day, json_is_string(note) ? json_string_value(note) : NULL);
    day->note_changed_at = note_changed_at;
    entries_from_json(readings, day, false);
    entries_from_json(foods, day, true);
    return true;
}

/* --- a value being typed ------------------------------------------------------------------ */

static const char *const typing_kinds[] = {
    [DRAFT_TYPING_NONE] = "none", [DRAFT_TYPING_NOTE] = "note", [DRAFT_TYPING_READING] = "reading"};

void draft_typing_init(struct draft_typing *typing)
{
    memset(typing, 0, sizeof *typing);
}

void draft_typing_release(struct draft_typing *typing)
{
    free(typing->id);
    free(typing->text);
    draft_typing_init(typing);
}

void draft_typing_set(struct draft_typing *typing, enum draft_typing_kind kind, const char *id,
                      const char *text)
{
    char *new_id = id ? xstrdup(id) : NULL, *new_text = text ? xstrdup(text) : NULL;
    draft_typing_release(typing); /* after the copies: the arguments may be its own strings */
    typing->kind = kind;
    typing->id = new_id;
    typing->text = new_text;
}

static bool same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

bool draft_typing_equal(const struct draft_typing *a, const struct draft_typing *b)
{
    return a->kind == b->kind && same_text(a->id, b->id) && same_text(a->text, b->text);
}

static json_t *typing_to_json(const struct draft_typing *typing)
{
    return json_pack("{s:s s:s? s:s}", "kind", typing_kinds[typing->kind], "id", typing->id, "text",
                     typing->text ? typing->text : "");
}

/* A kind this version does not know is no typing: the form's values still read. */
static void typing_from_json(json_t *object, struct draft_typing *typing)
{
    const char *kind = NULL, *text = NULL;
    json_t *id_value = NULL; /* null for the note */
    draft_typing_release(typing);
    if (object == NULL ||
        json_unpack(object, "{s:s s?o s:s}", "kind", &kind, "id", &id_value, "text", &text) != 0)
        return;
    const char *id = json_is_string(id_value) ? json_string_value(id_value) : NULL;
    for (int k = DRAFT_TYPING_NOTE; k <= DRAFT_TYPING_READING; k++)
        if (strcmp(kind, typing_kinds[k]) == 0 && (k != DRAFT_TYPING_READING || id != NULL))
            draft_typing_set(typing, (enum draft_typing_kind)k, id, text);
}

int draft_store_write(struct draft_store *store, const struct day *base, const struct day *mine,
                      const struct draft_typing *typing, struct error *err)
{
    char date[DATE_TEXT_SIZE]; /* a draft is a file: its date is text */
    date_format(mine->day_number, date);
    json_t *root =
        json_pack("{s:i s:s s:I s:o s:o}", "version", DRAFT_VERSION, "date", date, "written_at",
                  (json_int_t)time(NULL), "base", day_to_json(base), "mine", day_to_json(mine));
    if (root != NULL && typing != NULL && typing->kind != DRAFT_TYPING_NONE) {
        json_t *typed = typing_to_json(typing);
        if (typed == NULL || json_object_set_new(root, "typing", typed) != 0) {
            json_decref(root);
            root = NULL;
        }
    }
    if (root == NULL)
        return error_set(err, ERROR_INPUT, "cannot keep the draft: the note is not valid text");
    struct fileio_output output;
    int status = fileio_output_open(&output, store->draft_path, err);
    if (status == 0) {
        if (json_dumpf(root, output.file, JSON_COMPACT) != 0)
            status = error_set(err, ERROR_SYSTEM, "cannot write the draft %s", store->draft_path);
        status =
            status == 0 ? fileio_output_commit(&output, err) : (fileio_output_abort(&output), -1);
    }
    json_decref(root);
    if (status == 0)
        store->written = true;
    return status;
}

/* --- drafts left behind ------------------------------------------------------------------- */

void draft_init(struct draft *draft)
{
    memset(draft, 0, sizeof *draft);
    day_init(&draft->base, DATE_NONE);
    day_init(&draft->mine, DATE_NONE);
    draft_typing_init(&draft->typing);
}

void draft_release(struct draft *draft)
{
    free(draft->path);
    day_release(&draft->base);
    day_release(&draft->mine);
    draft_typing_release(&draft->typing);
    draft_init(draft);
}

static char *lock_of(const char *draft_path)
{
    size_t length = strlen(draft_path) - strlen(DRAFT_SUFFIX);
    return xprintf("%.*s" LOCK_SUFFIX, (int)length, draft_path);
}

/* True when no running gutskin holds the draft's lock. */
static bool draft_is_left(const char *draft_path)
{
    char *lock = lock_of(draft_path);
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    free(lock);
    if (fd < 0)
        return errno == ENOENT;
    bool left = flock(fd, LOCK_EX | LOCK_NB) == 0;
    close(fd); /* releases the lock just taken */
    return left;
}

static bool draft_read(const char *path, struct draft *draft)
{
    size_t length = 0;
    char *text = fileio_read_file(path, DRAFT_LIMIT, &length, NULL);
    if (text == NULL)
        return false;
    json_t *root = json_loadb(text, length, 0, NULL);
    free(text);
    const char *date = NULL;
    int day_number = DATE_NONE, version = 1; /* the first drafts were all version 1 */
    json_int_t written_at = 0;
    json_t *base = NULL, *mine = NULL, *typing = NULL;
    bool ok = root != NULL &&
              json_unpack(root, "{s?i s:s s:I s:o s:o s?o}", "version", &version, "date", &date,
                          "written_at", &written_at, "base", &base, "mine", &mine, "typing",
                          &typing) == 0 &&
              version >= 1 && version <= DRAFT_VERSION && date_parse(date, &day_number) &&
              day_from_json(base, day_number, &draft->base) &&
              day_from_json(mine, day_number, &draft->mine);
    if (ok) {
        typing_from_json(version >= 2 ? typing : NULL, &draft->typing);
        draft->written_at = written_at;
        free(draft->path);
        draft->path = xstrdup(path);
    }
    json_decref(root);
    return ok;
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length > suffix_length && strcmp(name + length - suffix_length, suffix) == 0;
}

int draft_find_left(const char *journal_path, struct draft *draft, struct error *err)
{
    char *dir = drafts_dir(journal_path);
    DIR *folder = opendir(dir);
    if (folder == NULL) {
        int status = errno == ENOENT
                         ? 0
                         : error_set(err, ERROR_SYSTEM, "cannot read the drafts in %s: %s", dir,
                                     strerror(errno));
        free(dir);
        return status;
    }
    int found = 0;
    struct dirent *entry;
    struct draft candidate;
    draft_init(&candidate);
    while ((entry = readdir(folder)) != NULL) {
        if (!has_suffix(entry->d_name, DRAFT_SUFFIX))
            continue;
        char *path = xprintf("%s/%s", dir, entry->d_name);
        if (draft_is_left(path) && draft_read(path, &candidate) &&
            (!found || candidate.written_at > draft->written_at)) {
            draft_release(draft);
            *draft = candidate;
            draft_init(&candidate);
            found = 1;
        }
        free(path);
    }
    draft_release(&candidate);
    closedir(folder);
    free(dir);
    return found;
}

void draft_remove(const struct draft *draft)
{
    if (draft->path == NULL)
        return;
    char *lock = lock_of(draft->path);
    (void)unlink(draft->path);
    (void)unlink(lock);
    free(lock);
}
