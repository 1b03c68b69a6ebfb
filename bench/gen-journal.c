/*
 * gen-journal.c - writes a reproducible journal of N years with the sample generator, for the
 * benchmarks, and optionally exports it as CSV (the input of the import benchmark).
 *
 * usage: gen-journal --db PATH --years N [--content DIR] [--end YYYY-MM-DD] [--seed S]
 *                    [--csv PATH] [--every-day yes]
 * With --every-day, no day is missing: a day the sample generator skips is logged as a copy of
 * the day before it (the heaviest journal a person can keep: every day, the demo's foods).
 * The journal ends on --end (default: today, which GUTSKIN_TODAY pins) so that the check-in screen
 * opens on a logged day. The same arguments always give the same journal.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "content.h"
#include "dates.h"
#include "day.h"
#include "export.h"
#include "journal.h"
#include "sample.h"
#include "setup.h"

#define GEN_DEFAULT_SEED UINT64_C(20260315)

struct gen_options {
    const char *db;
    const char *csv;
    const char *end;
    struct command_options common;
    long years;
    uint64_t seed;
    bool every_day;
};

static int gen_usage(const char *problem)
{
    fprintf(stderr,
            "gen-journal: %s\n"
            "usage: gen-journal --db PATH --years N [--content DIR] [--end YYYY-MM-DD] "
            "[--seed S] [--csv PATH] [--every-day yes]\n",
            problem);
    return 2;
}

/* Returns -1 when the options are good, else the exit status. */
static int gen_parse(int argc, char **argv, struct gen_options *options)
{
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc)
            return gen_usage("every option needs a value");
        const char *name = argv[i], *value = argv[i + 1];
        if (strcmp(name, "--db") == 0)
            options->db = value;
        else if (strcmp(name, "--csv") == 0)
            options->csv = value;
        else if (strcmp(name, "--end") == 0)
            options->end = value;
        else if (strcmp(name, "--content") == 0)
            options->common.content_dir = value;
        else if (strcmp(name, "--years") == 0)
            options->years = strtol(value, NULL, 10);
        else if (strcmp(name, "--seed") == 0)
            options->seed = strtoull(value, NULL, 10);
        else if (strcmp(name, "--every-day") == 0)
            options->every_day = strcmp(value, "yes") == 0;
        else
            return gen_usage("unknown option");
    }
    if (options->db == NULL || options->years < 1 || options->years > 200)
        return gen_usage("--db and --years (1 to 200) are needed");
    return -1;
}

static int gen_export(struct journal *journal, const struct content *content, const char *path,
                      struct error *err)
{
    FILE *out = fopen(path, "wb");
    if (out == NULL)
        return error_set(err, ERROR_SYSTEM, "cannot write %s", path);
    int status = export_csv(out, journal, content, DATE_NONE, DATE_NONE, NULL, err);
    if (fclose(out) != 0 && status == 0)
        status = error_set(err, ERROR_SYSTEM, "cannot write %s", path);
    return status;
}

/* Every day from `first`: the generated days, and a copy of the previous day where the
 * generator skipped one. */
struct every_day {
    struct journal *journal;
    const struct content *content;
    int first, last, next;
    uint64_t seed;
    struct day previous;
    struct error *err;
};

static int save_copy(struct every_day *job, int number)
{
    struct day copy;
    day_init(&copy, DATE_NONE);
    day_copy(&copy, &job->previous);
    copy.day_number = number;
    int status = journal_save_day(job->journal, &copy, job->err);
    day_release(&copy);
    return status;
}

static int save_every_day(const struct day *day, void *context)
{
    struct every_day *job = context;
    int number = day->day_number;
    for (; job->next < number; job->next++)
        if (job->next > job->first && save_copy(job, job->next) != 0)
            return -1;
    job->next = number + 1;
    day_copy(&job->previous, day);
    return journal_save_day(job->journal, day, job->err);
}

static int every_day_in_transaction(struct journal *journal, void *context, struct error *err)
{
    (void)journal;
    (void)err;
    struct every_day *job = context;
    int status = sample_each_day(job->content, job->first, (size_t)(job->last - job->first + 1),
                                 job->seed, save_every_day, job);
    for (; status == 0 && job->next <= job->last; job->next++)
        status = save_copy(job, job->next);
    return status;
}

static int gen_every_day(struct journal *journal, const struct content *content, int first,
                         int last, uint64_t seed, struct error *err)
{
    struct every_day job = {.journal = journal,
                            .content = content,
                            .first = first,
                            .last = last,
                            .next = first,
                            .seed = seed,
                            .err = err};
    day_init(&job.previous, DATE_NONE);
    int status = journal_in_transaction(journal, every_day_in_transaction, &job, err);
    day_release(&job.previous);
    return status;
}

static int gen_run(const struct gen_options *options, struct error *err)
{
    int last;
    if (options->end != NULL) {
        if (!date_parse(options->end, &last))
            return error_set(err, ERROR_USAGE, "bad --end date %s", options->end);
    } else {
        last = date_today();
    }
    /* Whole calendar years of days, leap days included, ending on `last`. */
    int year, month, day;
    date_to_parts(last, &year, &month, &day);
    int first = date_from_parts(year - (int)options->years, month, day) + 1;
    struct content *content = setup_load_content(&options->common, err);
    if (content == NULL)
        return -1;
    struct journal *journal = journal_open(options->db, err);
    int status = journal != NULL ? 0 : -1;
    if (status == 0 && options->every_day)
        status = gen_every_day(journal, content, first, last, options->seed, err);
    else if (status == 0)
        status = sample_generate(journal, content, first, (size_t)(last - first + 1), options->seed,
                                 err);
    if (status == 0 && options->csv != NULL)
        status = gen_export(journal, content, options->csv, err);
    journal_close(journal);
    content_free(content);
    return status;
}

int main(int argc, char **argv)
{
    struct gen_options options = {.seed = GEN_DEFAULT_SEED};
    int status = gen_parse(argc, argv, &options);
    if (status >= 0)
        return status;
    struct error err = {ERROR_NONE, ""};
    if (gen_run(&options, &err) != 0) {
        fprintf(stderr, "gen-journal: %s\n", err.message);
        return 1;
    }
    return 0;
}
