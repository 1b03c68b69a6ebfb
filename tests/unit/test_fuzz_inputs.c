/*
 * test_fuzz_inputs.c - replays the fuzz seed corpora and every input a fuzzer ever crashed on
 * (tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/) through the very fuzz
 * targets, in the normal build and under the sanitizer build, so that a fixed crash stays fixed
 * without clang. The targets' own checks abort on a broken property, which fails the test.
 *
 * Each target is a .c file defining the libFuzzer entry points; they are included here under
 * their own names so that one executable can hold them all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define FUZZ_CONTENT_DIR CONTENT_SOURCE_DIR

#define LLVMFuzzerInitialize fuzz_content_initialize
#define LLVMFuzzerTestOneInput fuzz_content_one
#include "fuzz/fuzz_content.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerInitialize fuzz_import_initialize
#define LLVMFuzzerTestOneInput fuzz_import_one
#include "fuzz/fuzz_import.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_dates_one
#include "fuzz/fuzz_dates.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerInitialize fuzz_import_peer_initialize
#define LLVMFuzzerTestOneInput fuzz_import_peer_one
#include "fuzz/fuzz_import_peer.c"
#undef LLVMFuzzerInitialize
#undef LLVMFuzzerTestOneInput

typedef int fuzz_one_fn(const uint8_t *data, size_t size);

/* Feeds every file of tests/fuzz/<kind>/<target>/ to `one`; returns how many there were. */
static size_t replay_dir(const char *kind, const char *target, fuzz_one_fn *one)
{
    char dir_path[512];
    snprintf(dir_path, sizeof dir_path, "%s/fuzz/%s/%s", TESTS_SOURCE_DIR, kind, target);
    DIR *dir = opendir(dir_path);
    if (dir == NULL)
        return 0;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char path[800];
        snprintf(path, sizeof path, "%s/%s", dir_path, entry->d_name);
        size_t length;
        char *data = testutil_read_file(path, &length);
        assert_non_null(data);
        print_message("replaying %s/%s/%s\n", kind, target, entry->d_name);
        assert_int_equal(one((const uint8_t *)data, length), 0);
        free(data);
        count++;
    }
    closedir(dir);
    return count;
}

static void replay(const char *target, fuzz_one_fn *one)
{
    size_t seeds = replay_dir("corpus", target, one);
    replay_dir("regressions", target, one);
    /* A missing or empty seed corpus would make this test pass without testing anything. */
    assert_true(seeds >= 3);
}

static void test_content_inputs(void **state)
{
    (void)state;
    fuzz_content_initialize(NULL, NULL);
    replay("content", fuzz_content_one);
}

static void test_import_inputs(void **state)
{
    (void)state;
    fuzz_import_initialize(NULL, NULL);
    fuzz_import_json = false;
    replay("import_csv", fuzz_import_one);
    fuzz_import_json = true;
    replay("import_json", fuzz_import_one);
}

static void test_import_peer_inputs(void **state)
{
    (void)state;
    fuzz_import_peer_initialize(NULL, NULL);
    replay("import_peer", fuzz_import_peer_one);
}

static void test_date_inputs(void **state)
{
    (void)state;
    replay("dates", fuzz_dates_one);
}

/* The empty input is the one an fmemopen-based target most easily gets wrong. */
static void test_empty_inputs(void **state)
{
    (void)state;
    fuzz_import_json = false;
    assert_int_equal(fuzz_import_one((const uint8_t *)"", 0), 0);
    assert_int_equal(fuzz_dates_one((const uint8_t *)"", 0), 0);
    assert_int_equal(fuzz_content_one((const uint8_t *)"", 0), 0);
    assert_int_equal(fuzz_import_peer_one((const uint8_t *)"", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_inputs),
        cmocka_unit_test(test_import_inputs),
        cmocka_unit_test(test_import_peer_inputs),
        cmocka_unit_test(test_date_inputs),
        cmocka_unit_test(test_empty_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
