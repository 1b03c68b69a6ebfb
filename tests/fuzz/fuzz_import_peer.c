/*
 * fuzz_import_peer.c - libFuzzer target for the readers of other apps' exports. The first byte
 * chooses the format (its value modulo the number of peer formats in the table: daylio,
 * daylio-backup, bearable, loop, flaredown); the rest is written to a file in a private temporary
 * folder, read, mapped and converted as `gutskin import` does, and a plan without problems is
 * merged into a journal, which must accept it. The content is the source tree's
 * (FUZZ_CONTENT_DIR).
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
#include "import_formats.h"
#include "import_peer.h"
#include "journal.h"
#include "strlist.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *fuzz_peer_content;
static struct journal *fuzz_peer_journal;
static char fuzz_peer_dir[256];
static char fuzz_peer_db[300];
static char fuzz_peer_input[300];

static void fuzz_peer_cleanup(void)
{
    journal_close(fuzz_peer_journal);
    content_free(fuzz_peer_content);
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char name[320];
        snprintf(name, sizeof name, "%s%s", fuzz_peer_db, suffixes[i]);
        unlink(name);
    }
    unlink(fuzz_peer_input);
    rmdir(fuzz_peer_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct strlist problems = STRLIST_INIT;
    fuzz_peer_content = content_load(FUZZ_CONTENT_DIR, NULL, &problems);
    strlist_release(&problems);
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_peer_dir, sizeof fuzz_peer_dir, "%s/gutskin-fuzz-peer-XXXXXX",
             tmp ? tmp : "/tmp");
    if (fuzz_peer_content == NULL || mkdtemp(fuzz_peer_dir) == NULL)
        abort();
    snprintf(fuzz_peer_db, sizeof fuzz_peer_db, "%s/journal.db", fuzz_peer_dir);
    snprintf(fuzz_peer_input, sizeof fuzz_peer_input, "%s/input", fuzz_peer_dir);
    struct error err = {ERROR_NONE, ""};
    fuzz_peer_journal = journal_open(fuzz_peer_db, &err);
    if (fuzz_peer_journal == NULL) {
        fprintf(stderr, "%s\n", err.message);
        abort();
    }
    atexit(fuzz_peer_cleanup);
    return 0;
}

/* The peer format numbered `choice` (modulo how many there are). */
static const struct import_format_entry *fuzz_peer_format(unsigned choice)
{
    size_t count, peers = 0;
    const struct import_format_entry *formats = import_formats(&count);
    for (size_t i = 0; i < count; i++)
        peers += formats[i].read_peer != NULL;
    if (peers == 0)
        abort();
    choice %= (unsigned)peers;
    for (size_t i = 0; i < count; i++)
        if (formats[i].read_peer != NULL && choice-- == 0)
            return &formats[i];
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *out = fopen(fuzz_peer_input, "wb");
    if (out == NULL || fwrite(data + 1, 1, size - 1, out) != size - 1 || fclose(out) != 0)
        abort();
    struct strlist problems = STRLIST_INIT;
    struct peer_data peer;
    struct peer_import import;
    struct import_plan plan;
    struct peer_summary summary;
    import_plan_init(&plan);
    if (import_read_peer(fuzz_peer_format(data[0]), fuzz_peer_input, fuzz_peer_content, NULL, 0,
                         &peer, &import, &plan, &summary, &problems) == 0) {
        struct import_counts counts;
        struct error err = {ERROR_NONE, ""};
        plan.keep_notes = true;
        /* A plan the readers accepted must be writable: anything else is a bug. */
        if (import_apply(fuzz_peer_journal, &plan, IMPORT_MERGE, false, &counts, &err) != 0 ||
            counts.days != plan.count || summary.days != plan.count) {
            fprintf(stderr, "an accepted plan did not apply: %s\n", err.message);
            abort();
        }
    }
    peer_import_release(&import);
    peer_data_release(&peer);
    import_plan_release(&plan);
    strlist_release(&problems);
    return 0;
}
