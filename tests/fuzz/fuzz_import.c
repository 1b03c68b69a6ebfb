/*
 * fuzz_import.c - libFuzzer target for the CSV importer, or the JSON one when built with
 * FUZZ_IMPORT_JSON: the input is read as a whole file (through fmemopen, as import_read_* take a
 * FILE), and a plan without problems is applied to a journal in a private temporary folder,
 * alternately merged and replaced, so that whatever the reader accepts is also written.
 * The content is the source tree's (FUZZ_CONTENT_DIR).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "import.h"
#include "journal.h"
#include "strlist.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef FUZZ_IMPORT_JSON
static bool fuzz_import_json = true;
#else
static bool fuzz_import_json = false;
#endif
static struct content *fuzz_import_content;
static struct journal *fuzz_import_journal;
static char fuzz_import_dir[256];
static char fuzz_import_path[300];

static void fuzz_import_cleanup(void)
{
    journal_close(fuzz_import_journal);
    content_free(fuzz_import_content);
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char name[320];
        snprintf(name, sizeof name, "%s%s", fuzz_import_path, suffixes[i]);
        unlink(name);
    }
    rmdir(fuzz_import_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct strlist problems = STRLIST_INIT;
    fuzz_import_content = content_load(FUZZ_CONTENT_DIR, NULL, &problems);
    strlist_release(&problems);
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_import_dir, sizeof fuzz_import_dir, "%s/gutskin-fuzz-import-XXXXXX",
             tmp ? tmp : "/tmp");
    if (fuzz_import_content == NULL || mkdtemp(fuzz_import_dir) == NULL)
        abort();
    snprintf(fuzz_import_path, sizeof fuzz_import_path, "%s/journal.db", fuzz_import_dir);
    struct error err = {ERROR_NONE, ""};
    fuzz_import_journal = journal_open(fuzz_import_path, &err);
    if (fuzz_import_journal == NULL) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    atexit(fuzz_import_cleanup);
    return 0;
}

static size_t fuzz_import_read(FILE *in, struct import_plan *plan, struct strlist *problems,
                               struct strlist *warnings)
{
    if (fuzz_import_json)
        return import_read_json(in, "fuzz.json", fuzz_import_content, plan, problems, warnings);
    return import_read_csv(in, "fuzz.csv", fuzz_import_content, plan, problems, warnings);
}

static void fuzz_import_apply(const struct import_plan *plan)
{
    static bool replace;
    struct import_counts counts;
    struct error err = {ERROR_NONE, ""};
    replace = !replace;
    if (import_apply(fuzz_import_journal, plan, replace ? IMPORT_REPLACE : IMPORT_MERGE, false,
                     &counts, &err) != 0) {
        /* A plan the reader accepted must be writable: anything else is a bug. */
        fprintf(stderr, "import_apply failed on an accepted plan: %s\n", err.message);
        abort();
    }
    if (counts.days != plan->count)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* fmemopen needs a buffer of at least one byte, even for an empty input. */
    char *copy = malloc(size + 1);
    if (copy == NULL)
        abort();
    if (size > 0)
        memcpy(copy, data, size);
    FILE *in = fmemopen(copy, size ? size : 1, "rb");
    if (in == NULL)
        abort();
    if (size == 0)
        fseek(in, 0, SEEK_END);
    struct import_plan plan;
    import_plan_init(&plan);
    struct strlist problems = STRLIST_INIT, warnings = STRLIST_INIT;
    if (fuzz_import_read(in, &plan, &problems, &warnings) == 0)
        fuzz_import_apply(&plan);
    fclose(in);
    free(copy);
    import_plan_release(&plan);
    strlist_release(&problems);
    strlist_release(&warnings);
    return 0;
}
