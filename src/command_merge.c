/*
 * command_merge.c - `gutskin merge OTHER.db [--dry-run]`: bring in the days of another journal
 * (a copy from another machine, a backup) and say what was taken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backups.h"
#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "fileio.h"
#include "journal.h"
#include "merge.h"
#include "setup.h"
#include "text.h"
#include "xalloc.h"

#define SHOWN_CONFLICTS 50
#define MERGE_MAX_SHOWN 100 /* problems listed; more are counted */
#define NOTE_EXCERPT 40     /* bytes of a note shown in a conflict */

struct merge_arguments {
    const char *other;
    bool dry_run;
};

static const struct cli_command merge_command = {
    .name = "merge",
    .usage = "gutskin merge [--dry-run] OTHER.db",
    .help = "\n"
            "Brings every day, reading, food, note, mark and experiment of the journal\n"
            "OTHER.db into this one, for instance a copy kept on another computer. OTHER.db\n"
            "is only read, with SQLite's settings for files from elsewhere, and checked\n"
            "first: its integrity, and every date, id, value, note, mark and experiment with\n"
            "the same rules as import. If anything is wrong, every problem is listed and\n"
            "nothing is merged.\n"
            "\n"
            "Days and values only OTHER.db has are added. Where both journals hold a different\n"
            "value for the same thing, the one changed last is kept (on a tie, this journal's);\n"
            "each such conflict is listed. Two different notes for one day are both kept, one\n"
            "after the other, with a line between them. A day (or a mark) deleted in one\n"
            "journal is deleted in the other too, unless it was changed (or the mark added\n"
            "again) there after the deletion. A value removed from a day is removed in the\n"
            "other journal too, unless changed there after the removal; a note only when it\n"
            "is the text that was removed (a note changed since comes back, listed).\n"
            "Merging the same file again changes nothing, and merging in either direction\n"
            "gives the same days.\n"
            "\n"
            "An experiment is the same in both journals when its change, outcome, periods,\n"
            "start and seed are; one only OTHER.db has is added with its schedule as planned\n"
            "(and its stop, if stopped); one both have and OTHER.db stopped first is stopped\n"
            "here on that day. One experiment runs at a time: if the merge would leave two\n"
            "running, nothing is merged and both are named, so that you can end one with\n"
            "gutskin experiment stop (in OTHER.db: gutskin --db OTHER.db experiment stop).\n"
            "\n"
            "Before writing, a copy of this journal is kept in the backups folder\n"
            "(gutskin backup --list shows it).\n"
            "\n"
            "Options:\n"
            "  -n, --dry-run   run the same checks and say what would be done, writing nothing\n"
            "  -h, --help      show this help and exit\n"
            "\n"
            "Exit status: 0 when merged (or, with --dry-run, when it can be), 1 when OTHER.db\n"
            "is refused or the journal cannot be written, 2 for a wrong command line.\n",
    .min_args = 1,
    .max_args = 1,
    .missing = "merge needs the journal to bring in",
    .extra = "merge takes one other journal, not also %s",
};

/* Returns CLI_GO_ON, else the exit status. */
static int parse_arguments(int argc, char **argv, struct merge_arguments *arguments)
{
    const struct cli_option options[] = {{"dry-run", 'n', .flag = &arguments->dry_run}, {0}};
    struct cli_args args;
    int status = cli_parse(&merge_command, options, argc, argv, &args);
    if (status == CLI_GO_ON)
        arguments->other = args.items[0];
    return status;
}

/* --- Printing the report -------------------------------------------------------------------- */

static void print_count(size_t count, const char *singular, const char *plural,
                        const char *separator)
{
    printf("%s%zu %s", separator, count, count == 1 ? singular : plural);
}

static void print_summary(const struct merge_report *report, bool dry_run)
{
    if (merge_report_took_nothing(report) && report->kept_ours == 0 && report->kept_deleted == 0 &&
        report->kept_deleted_marks == 0 && report->kept_removed == 0) {
        puts("nothing to take: this journal already has everything the other one holds");
        return;
    }
    fputs(dry_run ? "would take " : "took ", stdout);
    if (merge_report_took_nothing(report)) {
        fputs("nothing", stdout);
    } else {
        print_count(report->new_days, "new day", "new days", "");
        print_count(report->newer_values, "newer value", "newer values", ", ");
        if (report->new_marks > 0)
            print_count(report->new_marks, "mark", "marks", ", ");
        if (report->notes_joined > 0)
            print_count(report->notes_joined, "note with both texts", "notes with both texts",
                        ", ");
        if (report->deleted_days > 0)
            print_count(report->deleted_days, "day deleted there", "days deleted there", ", ");
        if (report->new_deletions > 0)
            print_count(report->new_deletions, "deletion recorded", "deletions recorded", ", ");
        if (report->deleted_marks > 0)
            print_count(report->deleted_marks, "mark removed there", "marks removed there", ", ");
        if (report->new_mark_deletions > 0)
            print_count(report->new_mark_deletions, "mark removal recorded",
                        "mark removals recorded", ", ");
        if (report->removed_values > 0)
            print_count(report->removed_values, "value removed there", "values removed there",
                        ", ");
        if (report->new_value_removals > 0)
            print_count(report->new_value_removals, "value removal recorded",
                        "value removals recorded", ", ");
        if (report->new_experiments > 0)
            print_count(report->new_experiments, "experiment", "experiments", ", ");
        if (report->stopped_experiments > 0)
            print_count(report->stopped_experiments, "experiment stop", "experiment stops", ", ");
    }
    if (report->kept_ours > 0)
        printf(", %s %zu of ours where both changed", dry_run ? "would keep" : "kept",
               report->kept_ours);
    if (report->kept_deleted > 0)
        printf(", %s %zu day%s deleted here", dry_run ? "would keep" : "kept", report->kept_deleted,
               report->kept_deleted == 1 ? "" : "s");
    if (report->kept_removed > 0)
        printf(", %s %zu value%s removed here", dry_run ? "would keep" : "kept",
               report->kept_removed, report->kept_removed == 1 ? "" : "s");
    if (report->kept_deleted_marks > 0)
        printf(", %s %zu mark%s removed here", dry_run ? "would keep" : "kept",
               report->kept_deleted_marks, report->kept_deleted_marks == 1 ? "" : "s");
    putchar('\n');
}

static void print_time(int64_t seconds)
{
    if (seconds <= 0) {
        fputs("at an unknown time", stdout);
        return;
    }
    time_t when = (time_t)seconds;
    struct tm local;
    char text[32] = "";
    if (localtime_r(&when, &local) != NULL)
        strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    printf("%s", text);
}

/* The start of a note on one line, cut on a character boundary; the other journal's note may
 * hold escape sequences, which must not reach the terminal. */
static void print_note(const char *note)
{
    if (note == NULL) {
        fputs("no note", stdout);
        return;
    }
    char shown[NOTE_EXCERPT + 4];
    printf("\"%s\"", text_safe(note, shown, sizeof shown));
}

static void print_side(const char *side, const struct merge_conflict *conflict, bool theirs)
{
    printf("%s ", side);
    if (!theirs && conflict->ours_removed) {
        fputs("removed at ", stdout);
        print_time(conflict->ours_changed_at);
        return;
    }
    if (conflict->kind == MERGE_NOTE)
        print_note(theirs ? conflict->theirs_note : conflict->ours_note);
    else
        printf("%g", theirs ? conflict->theirs_value : conflict->ours_value);
    fputs(" (changed ", stdout);
    print_time(theirs ? conflict->theirs_changed_at : conflict->ours_changed_at);
    putchar(')');
}

static void print_conflict(const struct merge_conflict *conflict, bool dry_run)
{
    char date[DATE_TEXT_SIZE];
    date_format(conflict->day_number, date);
    printf("  %s ", date);
    if (conflict->kind == MERGE_NOTE)
        fputs("note", stdout);
    else
        printf("%s%s", conflict->kind == MERGE_FOOD ? "food " : "", conflict->id);
    fputs(": ", stdout);
    print_side("ours", conflict, false);
    fputs(", ", stdout);
    print_side("theirs", conflict, true);
    const char *outcome = conflict->kept_both     ? (dry_run ? "would keep both" : "kept both")
                          : conflict->took_theirs ? (dry_run ? "would take theirs" : "took theirs")
                          : conflict->ours_removed
                              ? (dry_run ? "would keep it removed" : "kept it removed")
                              : (dry_run ? "would keep ours" : "kept ours");
    printf(" -> %s\n", outcome);
}

/* "avoid category:dairy -> group:skin from 2026-03-01, 4 pairs of 7 days (washout 2), seed 7":
 * everything that makes the plan the same plan. Ids come from the other journal: made safe. */
static void print_plan(const struct experiment_plan *plan)
{
    char change[200], outcome[200], shown[200], start[DATE_TEXT_SIZE];
    experiment_change_text(plan, change, sizeof change);
    experiment_outcome_text(plan, outcome, sizeof outcome);
    date_format(plan->start_day, start);
    printf("%s", text_safe(change, shown, sizeof shown));
    printf(" -> %s from %s, %d pair%s of %d day%s (washout %d), seed %llu",
           text_safe(outcome, shown, sizeof shown), start, plan->pairs, plan->pairs == 1 ? "" : "s",
           plan->period_days, plan->period_days == 1 ? "" : "s", plan->washout_days,
           (unsigned long long)plan->seed);
}

static void print_experiments(const struct merge_report *report, bool dry_run)
{
    if (report->new_experiments + report->stopped_experiments == 0)
        return;
    puts("experiments:");
    for (size_t i = 0; i < report->experiment_count; i++) {
        const struct merge_experiment *item = &report->experiments[i];
        char stopped[DATE_TEXT_SIZE];
        if (item->theirs.stopped_day >= 0)
            date_format(item->theirs.stopped_day, stopped);
        if (item->action == MERGE_EXPERIMENT_ADDED) {
            fputs(dry_run ? "  would add " : "  added ", stdout);
            print_plan(&item->theirs);
            if (item->theirs.stopped_day >= 0)
                printf(", stopped %s", stopped);
        } else if (item->action == MERGE_EXPERIMENT_STOPPED) {
            printf(dry_run ? "  would stop on %s, as there: " : "  stopped on %s, as there: ",
                   stopped);
            print_plan(&item->theirs);
        } else {
            continue;
        }
        putchar('\n');
    }
}

static void print_report(const struct merge_report *report, bool dry_run)
{
    print_summary(report, dry_run);
    print_experiments(report, dry_run);
    if (report->conflict_count > 0)
        printf("conflicts (%zu):\n", report->conflict_count);
    for (size_t i = 0; i < report->conflict_count && i < SHOWN_CONFLICTS; i++)
        print_conflict(&report->conflicts[i], dry_run);
    if (report->conflict_count > SHOWN_CONFLICTS)
        printf("  ... and %zu more\n", report->conflict_count - SHOWN_CONFLICTS);
    if (dry_run)
        puts("dry run: nothing was written");
}

/* --- Running -------------------------------------------------------------------------------- */

static int refuse_same_file(struct journal *ours, const char *other, struct error *err)
{
    if (fileio_same_file(journal_path(ours), other))
        return error_set(err, ERROR_INPUT, "%s is this journal; there is nothing to merge", other);
    return 0;
}

/* Every problem of the other journal, then one line that nothing was merged. */
static void refuse(const char *other, const struct strlist *problems)
{
    for (size_t i = 0; i < problems->count && i < MERGE_MAX_SHOWN; i++)
        fprintf(stderr, "gutskin: %s: %s\n", other, problems->items[i]);
    if (problems->count > MERGE_MAX_SHOWN)
        fprintf(stderr, "gutskin: %s: ... and %zu more\n", other,
                problems->count - MERGE_MAX_SHOWN);
}

/* The other journal, opened read-only (with SQLite's defensive settings) and checked. */
static struct journal *open_checked_other(const struct command_options *options, const char *other,
                                          struct strlist *problems, struct error *err)
{
    struct content *content = setup_load_content(options, err);
    if (content == NULL)
        return NULL;
    struct strlist warnings = STRLIST_INIT;
    struct journal *theirs = journal_open_existing(other, true, err);
    if (theirs != NULL && merge_check(theirs, content, problems, &warnings, err) != 0) {
        journal_close(theirs);
        theirs = NULL;
    }
    for (size_t i = 0; theirs != NULL && problems->count == 0 && i < warnings.count; i++)
        fprintf(stderr, "gutskin: warning: %s\n", warnings.items[i]);
    strlist_release(&warnings);
    content_free(content);
    return theirs;
}

/* The real run: the same pass as the dry run first, and only when it would take something, a
 * copy of this journal, then the merge in one transaction. */
static int merge_for_real(struct journal *ours, struct journal *theirs, struct merge_report *report,
                          char **kept, struct error *err)
{
    if (merge_journals(ours, theirs, true, report, err) != 0)
        return -1;
    if (merge_report_took_nothing(report))
        return 0;
    size_t days = 0;
    if (journal_count_days(ours, DATE_NONE, DATE_NONE, &days, err) != 0)
        return -1;
    if (days > 0 && backups_make_before(ours, "merge", kept, err) != 0) {
        error_prefix(err, "nothing merged: a copy of the journal could not be kept first: ");
        return -1;
    }
    merge_report_release(report);
    merge_report_init(report);
    return merge_journals(ours, theirs, false, report, err);
}

static int run_merge(const struct command_options *options, const struct merge_arguments *arguments,
                     struct error *err)
{
    struct strlist problems = STRLIST_INIT;
    struct journal *theirs = open_checked_other(options, arguments->other, &problems, err);
    if (theirs == NULL) {
        strlist_release(&problems);
        return -1;
    }
    int status = 0;
    if (problems.count > 0) {
        refuse(arguments->other, &problems);
        status = error_set(err, ERROR_INPUT, "nothing merged: %zu problem%s in %s", problems.count,
                           problems.count == 1 ? "" : "s", arguments->other);
    }
    strlist_release(&problems);
    struct journal *ours = status == 0 ? setup_open_journal(options, err) : NULL;
    if (status == 0)
        status = ours != NULL ? refuse_same_file(ours, arguments->other, err) : -1;
    struct merge_report report;
    merge_report_init(&report);
    char *kept = NULL;
    if (status == 0)
        status = arguments->dry_run ? merge_journals(ours, theirs, true, &report, err)
                                    : merge_for_real(ours, theirs, &report, &kept, err);
    if (status == 0)
        print_report(&report, arguments->dry_run);
    if (status == 0 && kept != NULL)
        printf("a copy of the journal as it was is kept in %s\n", kept);
    free(kept);
    if (status == 0 && arguments->dry_run && !merge_report_took_nothing(&report))
        puts("without --dry-run, a copy of this journal would be kept in the backups folder "
             "first");
    merge_report_release(&report);
    journal_close(ours);
    journal_close(theirs);
    return status;
}

int command_merge(const struct command_options *options, int argc, char **argv)
{
    struct merge_arguments arguments = {NULL, false};
    int status = parse_arguments(argc, argv, &arguments);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    if (run_merge(options, &arguments, &err) != 0)
        return setup_report_error(&err);
    return 0;
}
