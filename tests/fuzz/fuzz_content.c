/*
 * fuzz_content.c - libFuzzer target for the YAML content loader.
 *
 * content.c reads files from a folder and has no entry point for a buffer, so the input is
 * written as one of the content files into a private temporary folder beside small valid
 * versions of the others. The first byte chooses the file: '0' foods.yaml, '1' signs.yaml,
 * '2' lifestyle.yaml, '3' about.yaml, '4' foods.yaml of the overlay merged over valid base files
 * (any other byte: its low three bits modulo 5). The rest of the input is the file's text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "strlist.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_content_minimal_foods[] =
    "categories:\n"
    "  - id: probiotic\n    name: Probiotic foods\n    summary: Live cultures.\n"
    "    benefits:\n      - May add variety\n    evidence: being-studied\n"
    "    sources: [salem-2018]\n"
    "  - id: sugar\n    name: Foods to limit\n    summary: Linked with breakouts.\n"
    "    benefits: [More breakouts in some studies]\n    limit: true\n"
    "    evidence: some-evidence\n"
    "foods:\n"
    "  - id: kimchi\n    name: Kimchi\n    category: probiotic\n    plant: true\n"
    "    why: Fermented cabbage.\n"
    "  - id: soda\n    name: Soda\n    category: sugar\n    plant: false\n    why: Sugar.\n";

static const char fuzz_content_minimal_signs[] =
    "groups:\n"
    "  - id: skin\n    name: Skin\n    summary: Skin signs.\n"
    "  - id: digestive\n    name: Digestive\n    summary: Gut signs.\n"
    "signs:\n"
    "  - id: acne\n    label: Breakouts\n    group: skin\n    explanation: Spots.\n"
    "    see_doctor: See a doctor if they scar.\n    evidence: some-evidence\n"
    "    sources: [salem-2018]\n"
    "  - id: bloating\n    label: Bloating\n    group: digestive\n    explanation: Gas.\n"
    "    see_doctor: See a doctor if it lasts.\n    evidence: established\n";

static const char fuzz_content_minimal_lifestyle[] =
    "habits:\n"
    "  - id: sleep-hours\n    label: Sleep\n    kind: amount\n    unit: hours\n    min: 0\n"
    "    max: 14\n    step: 0.5\n    direction: 1\n"
    "  - id: stress\n    label: Stress\n    kind: scale\n    min: 0\n    max: 10\n    step: 1\n"
    "  - id: probiotic-taken\n    label: Probiotic\n    kind: yes-no\n"
    "interventions:\n"
    "  - id: sleep\n    name: Sleep well\n    summary: Rest helps.\n"
    "    strategies: [Keep a bedtime]\n    habits: [sleep-hours]\n    evidence: being-studied\n";

static const char fuzz_content_minimal_about[] =
    "sections:\n"
    "  - heading: What it is\n"
    "    text: |\n      A paragraph.\n\n      Another.\n"
    "caution: Not medical advice.\n"
    "sources:\n"
    "  - id: salem-2018\n    author: Salem I et al.\n    year: 2018\n    title: The gut and the skin\n";

static const char *const fuzz_content_file_names[] = {"foods.yaml", "signs.yaml", "lifestyle.yaml",
                                                      "about.yaml"};
static const char *const fuzz_content_minimal_texts[] = {
    fuzz_content_minimal_foods, fuzz_content_minimal_signs, fuzz_content_minimal_lifestyle,
    fuzz_content_minimal_about};

static char fuzz_content_base_dir[256];
static char fuzz_content_overlay_dir[300];

static void fuzz_content_write_file(const char *dir, const char *name, const void *data,
                                    size_t size)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "wb");
    if (file == NULL || fwrite(data, 1, size, file) != size || fclose(file) != 0) {
        perror(path);
        abort();
    }
}

static void fuzz_content_remove_dirs(void)
{
    char path[400];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_content_base_dir, fuzz_content_file_names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/foods.yaml", fuzz_content_overlay_dir);
    unlink(path);
    rmdir(fuzz_content_overlay_dir);
    rmdir(fuzz_content_base_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_content_base_dir, sizeof fuzz_content_base_dir, "%s/gutskin-fuzz-content-XXXXXX",
             tmp ? tmp : "/tmp");
    if (mkdtemp(fuzz_content_base_dir) == NULL) {
        perror(fuzz_content_base_dir);
        abort();
    }
    snprintf(fuzz_content_overlay_dir, sizeof fuzz_content_overlay_dir, "%s/overlay",
             fuzz_content_base_dir);
    atexit(fuzz_content_remove_dirs);
    return 0;
}

static void fuzz_content_reset_base(void)
{
    for (size_t i = 0; i < 4; i++)
        fuzz_content_write_file(fuzz_content_base_dir, fuzz_content_file_names[i],
                                fuzz_content_minimal_texts[i],
                                strlen(fuzz_content_minimal_texts[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned choice = (data[0] & 7u) % 5u;
    fuzz_content_reset_base();
    struct strlist problems = STRLIST_INIT;
    if (choice < 4) {
        fuzz_content_write_file(fuzz_content_base_dir, fuzz_content_file_names[choice], data + 1,
                                size - 1);
        struct strlist summaries = STRLIST_INIT, warnings = STRLIST_INIT;
        content_check_dir(fuzz_content_base_dir, &summaries, &problems);
        content_check_words(fuzz_content_base_dir, &warnings);
        strlist_release(&summaries);
        strlist_release(&warnings);
        strlist_release(&problems);
        content_free(content_load(fuzz_content_base_dir, NULL, &problems));
    } else {
        if (access(fuzz_content_overlay_dir, F_OK) != 0 &&
            mkdir(fuzz_content_overlay_dir, 0700) != 0) {
            perror(fuzz_content_overlay_dir);
            abort();
        }
        fuzz_content_write_file(fuzz_content_overlay_dir, "foods.yaml", data + 1, size - 1);
        content_free(content_load(fuzz_content_base_dir, fuzz_content_overlay_dir, &problems));
    }
    strlist_release(&problems);
    return 0;
}
