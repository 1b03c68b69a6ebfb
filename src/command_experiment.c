/*
 * command_experiment.c - `gutskin experiment`: plan, follow and read a test of one change (an
 * n-of-1 trial; the plan and the analysis are experiment.h, the storage journal.h).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "dates.h"
#include "experiment.h"
#include "journal.h"
#include "numbers.h"
#include "setup.h"
#include "text.h"
#include "xalloc.h"

static const struct cli_command experiment_command = {
    .name = "experiment",
    .usage =
        "gutskin experiment start --change C --outcome O [--periods N] [--period-days D] "
        "[--washout-days W] [--start DATE] [--seed S] | show [ID] [--format text|json] | stop | "
        "list",
    .help =
        "\nA planned test of one change: periods with and without it, in pairs, the order\n"
        "in each pair drawn at random, and at the end an answer with its uncertainty.\n\n"
        "  start      plan an experiment and print its schedule (one runs at a time)\n"
        "    --change C         avoid food:ID, avoid category:ID, take food:ID or do habit:ID\n"
        "    --outcome O        a sign or a group (sign:ID or group:ID when both exist);\n"
        "                       every ID may also be the item's label, any case or accents\n"
        "    --periods N        pairs of periods (default 4)\n"
        "    --period-days D    days in a period (default 7)\n"
        "    --washout-days W   first days of each period left out of the result (default 2)\n"
        "    --start DATE       first day (default today); a past day only while no day\n"
        "                       from it to today is logged\n"
        "    --seed S           the seed of the order (default: drawn from the clock)\n"
        "  show [ID]  the plan, today's instruction, each period's days logged, adherence\n"
        "             and mean, and once two pairs are complete, the result (ID: one of\n"
        "             list's numbers; default the running one, else the last to end)\n"
        "    --format text|json\n"
        "  stop       end the running experiment early (it is kept, shown as stopped)\n"
        "  list       every experiment\n\n"
        "The result compares period means over complete pairs: the difference with the\n"
        "change minus without it, a 95% interval (paired t), and p, the exact randomisation\n"
        "p over the orders the seed could have drawn (p_t: the paired t-test's p). Periods\n"
        "with fewer than half their measured days logged or under 70% adherence are left out.\n",
    .min_args = 1,
    .max_args = 2,
    .missing = "missing experiment command (start, show, stop or list)",
};

struct experiment_options {
    const char *change, *outcome, *periods, *period_days, *washout_days, *start, *seed, *format;
};

/* A whole number from the command line in [min, max]; 2 after a usage error. */
static int parse_count(const char *option, const char *text, long min, long max, int *out)
{
    double value;
    if (!num_parse(text, &value) || value != floor(value) || value < (double)min ||
        value > (double)max)
        return cli_usage_error(&experiment_command,
                               "%s must be a whole number from %ld to %ld, "
                               "not '%s'",
                               option, min, max, text);
    *out = (int)value;
    return CLI_GO_ON;
}

static int parse_seed(const char *text, uint64_t *seed)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return cli_usage_error(&experiment_command, "--seed must be a whole number, not '%s'",
                               text);
    unsigned long long value = strtoull(text, &end, 10);
    if (*end != '\0')
        return cli_usage_error(&experiment_command, "--seed must be a whole number, not '%s'",
                               text);
    *seed = (uint64_t)value;
    return CLI_GO_ON;
}

/* The plan's numbers and dates from the options; CLI_GO_ON or a usage exit status. */
static int read_numbers(const struct experiment_options *o, int today, struct experiment_plan *plan)
{
    plan->pairs = EXPERIMENT_DEFAULT_PAIRS;
    plan->period_days = EXPERIMENT_DEFAULT_PERIOD_DAYS;
    plan->washout_days = EXPERIMENT_DEFAULT_WASHOUT_DAYS;
    plan->start_day = today;
    plan->stopped_day = -1;
    plan->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    int status = CLI_GO_ON;
    if (status == CLI_GO_ON && o->periods)
        status = parse_count("--periods", o->periods, 1, EXPERIMENT_MAX_PAIRS, &plan->pairs);
    if (status == CLI_GO_ON && o->period_days)
        status = parse_count("--period-days", o->period_days, 1, EXPERIMENT_MAX_PERIOD_DAYS,
                             &plan->period_days);
    if (status == CLI_GO_ON && o->washout_days)
        status = parse_count("--washout-days", o->washout_days, 0, EXPERIMENT_MAX_PERIOD_DAYS,
                             &plan->washout_days);
    if (status == CLI_GO_ON && o->start)
        status = cli_parse_date(&experiment_command, "--start", o->start, today, &plan->start_day);
    if (status == CLI_GO_ON && o->seed)
        status = parse_seed(o->seed, &plan->seed);
    struct error err = {ERROR_NONE, ""};
    if (status == CLI_GO_ON && experiment_check_plan(plan, &err) != 0)
        status = cli_usage_error(&experiment_command, "%s", err.message);
    return status;
}

/* Prints text that came from content files or the command line through text.h's rule. */
static void put(const char *text)
{
    text_put_safe(stdout, text, strlen(text));
}

static void print_schedule(const struct content *content, const struct experiment_plan *plan)
{
    for (int period = 0; period < 2 * plan->pairs; period++) {
        char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE], instruction[200];
        date_format(experiment_period_start(plan, period), start);
        date_format(experiment_period_end(plan, period), end);
        bool with = experiment_period_with(plan, period);
        experiment_instruction(content, plan, with, instruction, sizeof instruction);
        printf("  %2d  %s to %s  %-7s  ", period + 1, start, end, with ? "with" : "without");
        put(instruction);
        putchar('\n');
    }
}

struct start_context {
    struct experiment_plan *plan;
    int today;
};

/* Inside one write transaction: no other experiment runs, no day of the plan is logged yet. */
static int start_in_journal(struct journal *journal, void *context, struct error *err)
{
    struct start_context *start = context;
    struct experiment_plan *plans;
    size_t count;
    if (journal_list_experiments(journal, &plans, &count, err) != 0)
        return -1;
    int running = -1;
    for (size_t i = 0; i < count; i++)
        if (experiment_status_of(&plans[i], start->today) == EXPERIMENT_RUNNING)
            running = (int)i;
    if (running >= 0) {
        char change[200];
        experiment_change_text(&plans[running], change, sizeof change);
        error_set(err, ERROR_INPUT,
                  "an experiment is already running (%s); one runs at a time: finish it or end "
                  "it with gutskin experiment stop",
                  change);
    }
    free(plans);
    if (running >= 0)
        return -1;
    if (start->plan->start_day <= start->today) {
        size_t logged = 0;
        if (journal_count_days(journal, start->plan->start_day, start->today, &logged, err) != 0)
            return -1;
        char from[DATE_TEXT_SIZE];
        date_format(start->plan->start_day, from);
        if (logged > 0)
            return error_set(err, ERROR_INPUT,
                             "cannot start on %s: %zu day%s from then to today %s already logged "
                             "without the plan's instructions; start today or later",
                             from, logged, logged == 1 ? "" : "s", logged == 1 ? "is" : "are");
    }
    return journal_add_experiment(journal, start->plan, err);
}

static int experiment_start(const struct command_options *options,
                            const struct experiment_options *o)
{
    if (o->change == NULL || o->outcome == NULL)
        return cli_usage_error(&experiment_command,
                               "experiment start needs --change and --outcome");
    int today = date_today();
    struct experiment_plan plan = {0};
    int status = read_numbers(o, today, &plan);
    if (status != CLI_GO_ON)
        return status;
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    if (experiment_parse_change(content, o->change, &plan, &err) != 0 ||
        experiment_parse_outcome(content, o->outcome, &plan, &err) != 0) {
        content_free(content);
        return err.kind == ERROR_USAGE ? cli_usage_error(&experiment_command, "%s", err.message)
                                       : setup_report_error(&err);
    }
    struct journal *journal = setup_open_journal(options, &err);
    struct start_context start = {&plan, today};
    if (journal == NULL || journal_in_transaction(journal, start_in_journal, &start, &err) != 0) {
        journal_close(journal);
        content_free(content);
        return setup_report_error(&err);
    }
    journal_close(journal);
    char change[200], outcome[200];
    experiment_change_text(&plan, change, sizeof change);
    experiment_outcome_text(&plan, outcome, sizeof outcome);
    printf("experiment %lld started: ", (long long)plan.id);
    put(change);
    fputs(", outcome ", stdout);
    put(outcome);
    printf(" (%s)\n%d pairs of %d-day periods; the first %d day%s of each period are not "
           "measured; seed %llu\n\n",
           experiment_outcome_name(content, &plan), plan.pairs, plan.period_days, plan.washout_days,
           plan.washout_days == 1 ? "" : "s", (unsigned long long)plan.seed);
    print_schedule(content, &plan);
    content_free(content);
    return 0;
}

/* --- show ------------------------------------------------------------------------------------ */

/* The result in words (experiment.h), each line printed through text.h's rule. */
static void print_result(const struct content *content, const struct experiment_plan *plan,
                         const struct experiment_result *r)
{
    struct strlist lines = STRLIST_INIT;
    experiment_summary(content, plan, r, &lines);
    fputs("\nResult: ", stdout);
    for (size_t i = 0; i < lines.count; i++) {
        put(lines.items[i]);
        putchar('\n');
    }
    strlist_release(&lines);
}

static void print_periods(const struct experiment_plan *plan, const struct experiment_result *r)
{
    printf("\n  #   dates                      arm      logged  adherence  mean\n");
    for (int i = 0; i < r->period_count; i++) {
        const struct experiment_period *p = &r->periods[i];
        char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE], mean[NUM_TEXT_SIZE] = "-";
        date_format(p->start, start);
        date_format(p->end, end);
        if (!isnan(p->mean))
            num_format(round(p->mean * 100) / 100, mean);
        char adherence[16] = "-";
        if (!isnan(p->adherence))
            snprintf(adherence, sizeof adherence, "%.0f%%", p->adherence * 100);
        bool kept = p->exclusion == EXPERIMENT_KEPT;
        printf("  %-2d  %s to %s   %-7s  %d/%-4d  %-9s  %-*s%s\n", i + 1, start, end,
               p->with ? "with" : "without", p->days_logged, p->days_measured, adherence,
               kept ? 0 : 7, mean, kept ? "" : experiment_exclusion_words(p->exclusion));
    }
    (void)plan;
}

static void print_today(const struct content *content, const struct experiment_plan *plan,
                        int today)
{
    int day_in = 0;
    int period = experiment_period_of(plan, today, &day_in);
    if (plan->stopped_day >= 0 || period < 0) {
        if (today < plan->start_day) {
            char start[DATE_TEXT_SIZE];
            date_format(plan->start_day, start);
            printf("Today: nothing yet; it starts on %s.\n", start);
        }
        return;
    }
    char instruction[200];
    experiment_instruction(content, plan, experiment_period_with(plan, period), instruction,
                           sizeof instruction);
    fputs("Today: ", stdout);
    put(instruction);
    printf(", day %d of %d (period %d of %d)%s\n", day_in, plan->period_days, period + 1,
           2 * plan->pairs, day_in <= plan->washout_days ? "; a washout day, not measured" : "");
}

static void show_text(const struct content *content, const struct experiment_plan *plan,
                      const struct experiment_result *r, int today)
{
    char change[200], outcome[200], start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
    experiment_change_text(plan, change, sizeof change);
    experiment_outcome_text(plan, outcome, sizeof outcome);
    date_format(plan->start_day, start);
    date_format(experiment_last_day(plan), end);
    printf("Experiment %lld (%s): ", (long long)plan->id,
           experiment_status_word(experiment_status_of(plan, today)));
    put(change);
    fputs(", outcome ", stdout);
    put(outcome);
    printf("\n%d pairs of %d-day periods, %s to %s; the first %d day%s of each not measured; "
           "seed %llu\n",
           plan->pairs, plan->period_days, start, end, plan->washout_days,
           plan->washout_days == 1 ? "" : "s", (unsigned long long)plan->seed);
    print_today(content, plan, today);
    print_periods(plan, r);
    print_result(content, plan, r);
}

static json_t *number_or_null(double value)
{
    return isnan(value) ? json_null() : json_real(value);
}

static int show_json(const struct content *content, const struct experiment_plan *plan,
                     const struct experiment_result *r, int today)
{
    char change[200], outcome[200], date[DATE_TEXT_SIZE];
    experiment_change_text(plan, change, sizeof change);
    experiment_outcome_text(plan, outcome, sizeof outcome);
    json_t *root = json_object();
    json_object_set_new(root, "id", json_integer(plan->id));
    json_object_set_new(root, "change", json_string(change));
    json_object_set_new(root, "outcome", json_string(outcome));
    json_object_set_new(root, "status",
                        json_string(experiment_status_word(experiment_status_of(plan, today))));
    date_format(plan->start_day, date);
    json_object_set_new(root, "start", json_string(date));
    date_format(experiment_last_day(plan), date);
    json_object_set_new(root, "end", json_string(date));
    json_object_set_new(root, "pairs", json_integer(plan->pairs));
    json_object_set_new(root, "period_days", json_integer(plan->period_days));
    json_object_set_new(root, "washout_days", json_integer(plan->washout_days));
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)plan->seed);
    json_object_set_new(root, "seed", json_string(seed));
    int day_in;
    int period = plan->stopped_day < 0 ? experiment_period_of(plan, today, &day_in) : -1;
    if (period >= 0) {
        char instruction[200];
        experiment_instruction(content, plan, experiment_period_with(plan, period), instruction,
                               sizeof instruction);
        json_object_set_new(root, "today",
                            json_pack("{s:s,s:i,s:i}", "instruction", instruction, "day", day_in,
                                      "period", period + 1));
    } else {
        json_object_set_new(root, "today", json_null());
    }
    json_t *periods = json_array();
    for (int i = 0; i < r->period_count; i++) {
        const struct experiment_period *p = &r->periods[i];
        json_t *item = json_object();
        date_format(p->start, date);
        json_object_set_new(item, "start", json_string(date));
        date_format(p->end, date);
        json_object_set_new(item, "end", json_string(date));
        json_object_set_new(item, "arm", json_string(p->with ? "with" : "without"));
        json_object_set_new(item, "days_logged", json_integer(p->days_logged));
        json_object_set_new(item, "days_measured", json_integer(p->days_measured));
        json_object_set_new(item, "adherence", number_or_null(p->adherence));
        json_object_set_new(item, "mean", number_or_null(p->mean));
        json_object_set_new(item, "used", json_boolean(p->exclusion == EXPERIMENT_KEPT));
        json_object_set_new(item, "note", json_string(experiment_exclusion_words(p->exclusion)));
        json_array_append_new(periods, item);
    }
    json_object_set_new(root, "periods", periods);
    json_object_set_new(root, "pairs_complete", json_integer(r->pairs_complete));
    json_object_set_new(root, "periods_left_out", json_integer(r->periods_left_out));
    json_object_set_new(root, "effect", number_or_null(r->effect));
    json_object_set_new(root, "ci_low", number_or_null(r->ci_low));
    json_object_set_new(root, "ci_high", number_or_null(r->ci_high));
    json_object_set_new(root, "p", number_or_null(r->p));
    json_object_set_new(root, "p_t", number_or_null(r->p_t));
    struct strlist lines = STRLIST_INIT;
    experiment_summary(content, plan, r, &lines);
    json_t *summary = json_array();
    for (size_t i = 0; i < lines.count; i++)
        json_array_append_new(summary, json_string(lines.items[i]));
    strlist_release(&lines);
    json_object_set_new(root, "summary", summary);
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    putchar('\n');
    json_decref(root);
    return rc == 0 ? 0 : 1;
}

/* Experiment `id` (as `list` numbers them), or with id 0 the current one (experiment_current:
 * the running one, else the one that ended last). */
static int load_plan(struct journal *journal, int64_t id, struct experiment_plan *plan,
                     struct error *err)
{
    struct experiment_plan *plans;
    size_t count;
    if (journal_list_experiments(journal, &plans, &count, err) != 0)
        return -1;
    size_t found = id == 0 ? experiment_current(plans, count, date_today()) : count;
    for (size_t i = 0; id != 0 && i < count; i++)
        if (plans[i].id == id)
            found = i;
    if (found < count)
        *plan = plans[found];
    free(plans);
    if (count == 0)
        return error_set(err, ERROR_INPUT,
                         "there is no experiment yet; plan one with gutskin experiment start");
    if (found == count)
        return error_set(err, ERROR_INPUT,
                         "there is no experiment %lld (gutskin experiment list shows them)",
                         (long long)id);
    return 0;
}

static int experiment_show(const struct command_options *options,
                           const struct experiment_options *o, int64_t id)
{
    struct error err = {ERROR_NONE, ""};
    struct content *content = setup_load_content(options, &err);
    if (content == NULL)
        return setup_report_error(&err);
    struct journal *journal = setup_open_journal_for_reading(options, &err);
    struct experiment_plan plan;
    struct experiment_result result;
    int today = date_today();
    int status = journal == NULL || load_plan(journal, id, &plan, &err) != 0 ||
                         experiment_load(journal, content, &plan, today, &result, &err) != 0
                     ? -1
                     : 0;
    journal_close(journal);
    if (status == 0) {
        if (o->format && strcmp(o->format, "json") == 0)
            status = show_json(content, &plan, &result, today);
        else
            show_text(content, &plan, &result, today);
    }
    content_free(content);
    return status == 0 ? 0 : status > 0 ? status : setup_report_error(&err);
}

static int experiment_stop(const struct command_options *options)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = setup_open_journal(options, &err);
    struct experiment_plan plan;
    int today = date_today();
    int status = journal == NULL || load_plan(journal, 0, &plan, &err) != 0 ? -1 : 0;
    if (status == 0 && experiment_status_of(&plan, today) != EXPERIMENT_RUNNING)
        status = error_set(&err, ERROR_INPUT, "no experiment is running (the last one is %s)",
                           experiment_status_word(experiment_status_of(&plan, today)));
    if (status == 0)
        status = journal_stop_experiment(journal, plan.id, today, &err);
    journal_close(journal);
    if (status != 0)
        return setup_report_error(&err);
    printf("experiment %lld stopped; it stays in the journal (gutskin experiment show)\n",
           (long long)plan.id);
    return 0;
}

static int experiment_list(const struct command_options *options)
{
    struct error err = {ERROR_NONE, ""};
    struct journal *journal = setup_open_journal_for_reading(options, &err);
    struct experiment_plan *plans = NULL;
    size_t count = 0;
    int status =
        journal == NULL || journal_list_experiments(journal, &plans, &count, &err) != 0 ? -1 : 0;
    journal_close(journal);
    if (status != 0)
        return setup_report_error(&err);
    if (count == 0)
        printf("no experiments yet; plan one with gutskin experiment start\n");
    int today = date_today();
    for (size_t i = 0; i < count; i++) {
        char change[200], outcome[200], start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
        experiment_change_text(&plans[i], change, sizeof change);
        experiment_outcome_text(&plans[i], outcome, sizeof outcome);
        date_format(plans[i].start_day, start);
        date_format(experiment_last_day(&plans[i]), end);
        printf("%lld  %s to %s  %-8s  ", (long long)plans[i].id, start, end,
               experiment_status_word(experiment_status_of(&plans[i], today)));
        put(change);
        fputs(" -> ", stdout);
        put(outcome);
        putchar('\n');
    }
    free(plans);
    return 0;
}

/* The experiment commands: a registry, so that the usage check and the dispatch agree. */
enum experiment_verb { VERB_START, VERB_SHOW, VERB_STOP, VERB_LIST, VERB_COUNT };
static const char *const verbs[VERB_COUNT] = {"start", "show", "stop", "list"};

int command_experiment(const struct command_options *options, int argc, char **argv)
{
    struct experiment_options o = {0};
    static const char *const formats[] = {"text", "json", NULL};
    const struct cli_option table[] = {
        {"change", 0, NULL, &o.change, NULL, NULL},
        {"outcome", 0, NULL, &o.outcome, NULL, NULL},
        {"periods", 0, NULL, &o.periods, NULL, NULL},
        {"period-days", 0, NULL, &o.period_days, NULL, NULL},
        {"washout-days", 0, NULL, &o.washout_days, NULL, NULL},
        {"start", 0, NULL, &o.start, NULL, NULL},
        {"seed", 0, NULL, &o.seed, NULL, NULL},
        {"format", 0, NULL, &o.format, NULL, formats},
        {0},
    };
    struct cli_args args;
    int status = cli_parse(&experiment_command, table, argc, argv, &args);
    if (status != CLI_GO_ON)
        return status;
    size_t verb = 0;
    status = cli_pick_verb(&experiment_command, "experiment", verbs, VERB_COUNT, args.items[0],
                           &verb);
    if (status != CLI_GO_ON)
        return status;
    bool plan_options =
        o.change || o.outcome || o.periods || o.period_days || o.washout_days || o.start || o.seed;
    if (verb != VERB_START && plan_options)
        return cli_usage_error(&experiment_command, "plan options go with experiment start only");
    if (verb != VERB_SHOW && o.format)
        return cli_usage_error(&experiment_command, "--format goes with experiment show only");
    int id = 0;
    if (args.count > 1 && verb != VERB_SHOW)
        return cli_usage_error(&experiment_command, "unexpected argument '%s'", args.items[1]);
    if (args.count > 1 &&
        (status = parse_count("experiment show ID", args.items[1], 1, INT32_MAX, &id)) != CLI_GO_ON)
        return status;
    switch ((enum experiment_verb)verb) {
    case VERB_START:
        return experiment_start(options, &o);
    case VERB_SHOW:
        return experiment_show(options, &o, id);
    case VERB_STOP:
        return experiment_stop(options);
    default:
        return experiment_list(options);
    }
}
