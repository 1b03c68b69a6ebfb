/*
 * command_content.c - `gutskin content check [DIR]` validates the content files and warns about
 * overclaiming words; `gutskin content sources` lists the published sources the guides cite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "content.h"
#include "paths.h"
#include "setup.h"
#include "strlist.h"
#include "tracked.h"

static const struct cli_command content_command = {
    .name = "content",
    .usage = "gutskin content check [DIR]\n"
             "       gutskin content sources",
    .help = "\nChecks the content files (foods.yaml, signs.yaml, lifestyle.yaml, about.yaml) and\n"
            "reports every problem as FILE:LINE:COLUMN. With DIR, checks that folder on its own.\n"
            "Without it, checks the content folder gutskin uses (--content, else the installed\n"
            "one), then your own additions in $XDG_CONFIG_HOME/gutskin/content merged over it.\n"
            "It also warns, without failing, about words the guides must not use unqualified:\n"
            "cure, heal, detox, proven, clinically, boost immunity.\n"
            "Exit status: 0 no problems, 1 problems found, 2 usage error.\n"
            "\n"
            "sources lists the published sources the guides rest on (author, year, title), each\n"
            "with the food groups, signs and interventions that cite it, and the levels of\n"
            "evidence the guides use.\n",
    .min_args = 1,
    .max_args = 2,
    .missing = "missing content command",
};

static void print_lines(FILE *out, const char *prefix, const struct strlist *lines)
{
    for (size_t i = 0; i < lines->count; i++)
        fprintf(out, "%s%s\n", prefix, lines->items[i]);
}

/* Warnings never change the exit status: a writer decides whether a word is qualified. */
static void warn_words(const char *dir)
{
    struct strlist warnings = STRLIST_INIT;
    content_check_words(dir, &warnings);
    print_lines(stderr, "gutskin: ", &warnings);
    strlist_release(&warnings);
}

static size_t check_folder(const char *dir)
{
    struct strlist summaries = STRLIST_INIT, problems = STRLIST_INIT;
    size_t count = content_check_dir(dir, &summaries, &problems);
    print_lines(stdout, "", &summaries);
    print_lines(stderr, "gutskin: ", &problems);
    warn_words(dir);
    strlist_release(&summaries);
    strlist_release(&problems);
    return count;
}

/* The overlay only means something merged over the base: load both, as the app does. */
static size_t check_overlay(const char *base, const char *overlay)
{
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    if (content != NULL && tracked_apply(content, overlay, &problems) > 0) {
        content_free(content);
        content = NULL;
    }
    print_lines(stderr, "gutskin: ", &problems);
    size_t count = problems.count;
    if (content != NULL)
        printf("with your additions in %s: %zu categories, %zu foods, %zu groups, %zu signs, "
               "%zu habits, %zu interventions, %zu about sections\n",
               overlay, content->category_count, content->food_count, content->group_count,
               content->sign_count, content->habit_count, content->intervention_count,
               content->about_count);
    content_free(content);
    strlist_release(&problems);
    return count;
}

static bool is_directory(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

static int check_default(const struct command_options *options)
{
    struct error err = {ERROR_NONE, ""};
    char *base = paths_content_dir(options->content_dir, &err);
    if (base == NULL) {
        return setup_report_error(&err);
    }
    size_t problems = check_folder(base);
    char *overlay = paths_user_content_dir();
    /* With a broken base every overlay check would repeat the base's problems. */
    if (problems == 0 && overlay != NULL && is_directory(overlay)) {
        problems = check_overlay(base, overlay);
        warn_words(overlay);
    }
    free(overlay);
    free(base);
    return problems > 0 ? 1 : 0;
}

/* "  cited by: sign acne, intervention supplements" for one source. The sources no item cites
 * are behind the about text and the sign groups' summaries, which carry no `sources`. */
static void print_citations(const struct content *content, const char *id)
{
    struct strlist cited = STRLIST_INIT;
    for (size_t i = 0; i < content->category_count; i++)
        if (strlist_find(&content->categories[i].sources, id) >= 0)
            strlist_pushf(&cited, "food group %s", content->categories[i].id);
    for (size_t i = 0; i < content->sign_count; i++)
        if (strlist_find(&content->signs[i].sources, id) >= 0)
            strlist_pushf(&cited, "sign %s", content->signs[i].id);
    for (size_t i = 0; i < content->intervention_count; i++)
        if (strlist_find(&content->interventions[i].sources, id) >= 0)
            strlist_pushf(&cited, "intervention %s", content->interventions[i].id);
    for (size_t i = 0; i < cited.count; i++)
        printf("%s%s", i == 0 ? "  cited by: " : ", ", cited.items[i]);
    printf("%s\n",
           cited.count > 0 ? "" : "  background for the About text and the group summaries");
    strlist_release(&cited);
}

static int list_sources(const struct command_options *options)
{
    struct error err = {ERROR_NONE, ""};
    char *base = paths_content_dir(options->content_dir, &err);
    if (base == NULL) {
        fprintf(stderr, "gutskin: %s\n", err.message);
        return 1;
    }
    char *overlay = paths_user_content_dir();
    struct strlist problems = STRLIST_INIT;
    struct content *content = content_load(base, overlay, &problems);
    print_lines(stderr, "gutskin: ", &problems);
    strlist_release(&problems);
    free(overlay);
    free(base);
    if (content == NULL)
        return 1;
    for (size_t i = 0; i < content->source_count; i++) {
        const struct content_source *source = &content->sources[i];
        printf("%s (%d). %s\n", source->author, source->year, source->title);
        print_citations(content, source->id);
    }
    printf("\nLevels of evidence:\n");
    for (int i = CONTENT_EVIDENCE_ESTABLISHED; i < CONTENT_EVIDENCE_COUNT; i++)
        printf("  %s: %s\n", content_evidence_word((enum content_evidence)i),
               content_evidence_meaning((enum content_evidence)i));
    content_free(content);
    return 0;
}

int command_content(const struct command_options *options, int argc, char **argv)
{
    struct cli_args args;
    int status = cli_parse(&content_command, NULL, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    if (strcmp(args.items[0], "sources") == 0) {
        if (args.count > 1)
            return cli_usage_error(&content_command, "'content sources' takes no folder");
        return list_sources(options);
    }
    if (strcmp(args.items[0], "check") != 0)
        return cli_usage_error(&content_command, "unknown content command '%s'", args.items[0]);
    if (args.count == 2)
        return check_folder(args.items[1]) > 0 ? 1 : 0;
    return check_default(options);
}
