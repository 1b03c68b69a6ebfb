/* test_draft.c - drafts beside the journal: private, whole, found again only when the app that
 * kept them is gone, and read back exactly (values, change times, the note). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "draft.h"
#include "testutil.h"
#include "xalloc.h"

static void fill(struct day *base, struct day *mine)
{
    day_init(base, testutil_day("2026-03-15"));
    day_init(mine, testutil_day("2026-03-15"));
    day_set_reading(base, "sleep-hours", 7);
    base->readings[0].changed_at = 1234;
    day_copy(mine, base);
    day_set_reading(mine, "acne", 3);
    day_set_food(mine, "kimchi", 2);
    day_set_note(mine, "line one\nline \"two\" \xC3\xA9");
}

/* A draft held by a running app is not offered; closing it normally removes it. */
static void test_own_draft_is_not_left(void **state)
{
    (void)state;
    char *dir = testutil_make_temp_dir();
    char *journal = xprintf("%s/journal.db", dir);
    struct day base, mine;
    fill(&base, &mine);
    struct error err = {0};
    struct draft_store *store = draft_store_open(journal, &err);
    assert_non_null(store);
    assert_int_equal(draft_store_write(store, &base, &mine, NULL, &err), 0);
    char *folder = xprintf("%s.drafts", journal);
    assert_int_equal(testutil_file_mode(folder), 0700);
    struct draft left;
    draft_init(&left);
    assert_int_equal(draft_find_left(journal, &left, &err), 0);
    draft_store_close(store);
    assert_int_equal(draft_find_left(journal, &left, &err), 0);
    draft_release(&left);
    day_release(&base);
    day_release(&mine);
    free(folder);
    free(journal);
    testutil_remove_tree(dir);
    free(dir);
}

/* An app that dies (here a child that exits without closing) leaves its draft to the next. */
static void test_left_draft_reads_back(void **state)
{
    (void)state;
    char *dir = testutil_make_temp_dir();
    char *journal = xprintf("%s/journal.db", dir);
    struct day base, mine;
    fill(&base, &mine);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        struct draft_store *store = draft_store_open(journal, NULL);
        _exit(store != NULL && draft_store_write(store, &base, &mine, NULL, NULL) == 0 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_int_equal(WEXITSTATUS(status), 0);
    struct draft left;
    draft_init(&left);
    struct error err = {0};
    assert_int_equal(draft_find_left(journal, &left, &err), 1);
    assert_int_equal(testutil_file_mode(left.path), 0600);
    assert_true(day_equal(&left.base, &base));
    assert_true(day_equal(&left.mine, &mine));
    assert_int_equal(left.mine.day_number, testutil_day("2026-03-15"));
    assert_int_equal(left.base.readings[0].changed_at, 1234);
    assert_true(left.written_at > 0);
    draft_remove(&left);
    draft_release(&left);
    assert_int_equal(draft_find_left(journal, &left, &err), 0);
    draft_release(&left);
    day_release(&base);
    day_release(&mine);
    free(journal);
    testutil_remove_tree(dir);
    free(dir);
}

/* A damaged draft file is skipped, never a reason to fail the start. */
static void test_damaged_draft_is_skipped(void **state)
{
    (void)state;
    char *dir = testutil_make_temp_dir();
    char *journal = xprintf("%s/journal.db", dir);
    char *folder = xprintf("%s.drafts", journal);
    assert_int_equal(mkdir(folder, 0700), 0);
    free(testutil_write_file(folder, "1-1.draft", "{\"version\":1,\"date\":"));
    struct draft left;
    draft_init(&left);
    struct error err = {0};
    assert_int_equal(draft_find_left(journal, &left, &err), 0);
    draft_release(&left);
    free(folder);
    free(journal);
    testutil_remove_tree(dir);
    free(dir);
}

/* Keeps a draft as an app that then dies: the child exits without closing its store. */
static void leave_draft(const char *journal, const struct day *base, const struct day *mine,
                        const struct draft_typing *typing)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        struct draft_store *store = draft_store_open(journal, NULL);
        _exit(store != NULL && draft_store_write(store, base, mine, typing, NULL) == 0 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* What an open prompt held comes back apart from the form's values, exactly as typed. */
static void test_typing_reads_back(void **state)
{
    (void)state;
    char *dir = testutil_make_temp_dir();
    char *journal = xprintf("%s/journal.db", dir);
    struct day base, mine;
    fill(&base, &mine);
    struct draft_typing typing;
    draft_typing_init(&typing);
    draft_typing_set(&typing, DRAFT_TYPING_NOTE, NULL, "half a sentence \xC3\xA9 \"quoted\"");
    leave_draft(journal, &base, &mine, &typing);
    struct draft left;
    draft_init(&left);
    struct error err = {0};
    assert_int_equal(draft_find_left(journal, &left, &err), 1);
    assert_true(draft_typing_equal(&left.typing, &typing));
    assert_true(day_equal(&left.mine, &mine)); /* the typed text is not in the values */
    draft_remove(&left);
    draft_release(&left);

    draft_typing_set(&typing, DRAFT_TYPING_READING, "sleep-hours", "7.5");
    leave_draft(journal, &base, &mine, &typing);
    assert_int_equal(draft_find_left(journal, &left, &err), 1);
    assert_int_equal(left.typing.kind, DRAFT_TYPING_READING);
    assert_string_equal(left.typing.id, "sleep-hours");
    assert_string_equal(left.typing.text, "7.5");
    draft_remove(&left);
    draft_release(&left);

    leave_draft(journal, &base, &mine, NULL); /* no prompt open */
    assert_int_equal(draft_find_left(journal, &left, &err), 1);
    assert_int_equal(left.typing.kind, DRAFT_TYPING_NONE);
    assert_null(left.typing.text);
    draft_release(&left);
    draft_typing_release(&typing);
    day_release(&base);
    day_release(&mine);
    free(journal);
    testutil_remove_tree(dir);
    free(dir);
}

/* Drafts written before prompts were kept (version 1) still read, with nothing typed; a draft
 * of a newer version is left alone (skipped, not removed) for the gutskin that wrote it; a typed
 * value of a kind this version does not know is dropped, the form's values are not. */
static void test_draft_versions(void **state)
{
    (void)state;
    static const char *const drafts[] = {
        "{\"version\":1,\"date\":\"2026-03-15\",\"written_at\":100,"
        "\"base\":{\"note\":null,\"note_changed_at\":0,\"readings\":[],\"foods\":[]},"
        "\"mine\":{\"note\":\"old\",\"note_changed_at\":0,\"readings\":[[\"acne\",3.0,0]],"
        "\"foods\":[]}}",
        "{\"version\":2,\"date\":\"2026-03-15\",\"written_at\":100,"
        "\"base\":{\"readings\":[],\"foods\":[]},"
        "\"mine\":{\"note\":\"old\",\"readings\":[[\"acne\",3.0,0]],\"foods\":[]},"
        "\"typing\":{\"kind\":\"sketch\",\"text\":\"x\"}}",
        "{\"version\":3,\"date\":\"2026-03-15\",\"written_at\":100,"
        "\"base\":{\"readings\":[],\"foods\":[]},"
        "\"mine\":{\"note\":\"old\",\"readings\":[[\"acne\",3.0,0]],\"foods\":[]}}",
    };
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++) {
        char *dir = testutil_make_temp_dir();
        char *journal = xprintf("%s/journal.db", dir);
        char *folder = xprintf("%s.drafts", journal);
        assert_int_equal(mkdir(folder, 0700), 0);
        char *path = testutil_write_file(folder, "1-1.draft", drafts[i]);
        struct draft left;
        draft_init(&left);
        struct error err = {0};
        int found = draft_find_left(journal, &left, &err);
        if (i < 2) {
            assert_int_equal(found, 1);
            assert_int_equal(left.written_at, 100);
            assert_string_equal(left.mine.note, "old");
            double value = 0;
            assert_true(day_get_reading(&left.mine, "acne", &value));
            assert_true(value == 3.0);
            assert_int_equal(left.typing.kind, DRAFT_TYPING_NONE);
        } else {
            assert_int_equal(found, 0);
            assert_int_equal(access(path, F_OK), 0);
        }
        draft_release(&left);
        free(path);
        free(folder);
        free(journal);
        testutil_remove_tree(dir);
        free(dir);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_draft_is_not_left),
        cmocka_unit_test(test_left_draft_reads_back),
        cmocka_unit_test(test_damaged_draft_is_skipped),
        cmocka_unit_test(test_typing_reads_back),
        cmocka_unit_test(test_draft_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
