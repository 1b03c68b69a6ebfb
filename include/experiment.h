/*
 * experiment.h - a planned test of one change (an n-of-1 trial) and its analysis.
 *
 * A person tests one change ("avoid category:dairy", "take food:kefir", "do habit:walk") against
 * one outcome (a sign, or a group score) over N pairs of periods. Within each pair the change is
 * made in one period ("with") and not in the other ("without"), in an order drawn at random (with
 * first or without first) from a small deterministic generator seeded by the plan's seed, so the
 * same plan always gives the same schedule. The first `washout_days` of every period are not
 * measured: skin and gut take a few days to follow a change.
 *
 * The analysis works on period means, one number per period, so that day-to-day persistence does
 * not fake certainty:
 *   - a period's mean is over its measured (non-washout) days that have an outcome value;
 *     `days_logged` counts those days;
 *   - a period is left out when fewer than half its measured days are logged, or when its
 *     adherence (below) is under 70% or cannot be judged; left-out periods are counted and shown;
 *   - a pair is complete when both its periods are over (ended before `today`) and kept;
 *   - effect = mean over complete pairs of (mean with - mean without), with a Student t 95%
 *     interval on k - 1 degrees of freedom (k = complete pairs, at least 2) and the t-test's
 *     two-sided p (`p_t`);
 *   - `p` is the exact randomisation p-value: the share of the 2^k within-pair orders (each pair's
 *     difference with its sign flipped or not) whose |mean difference| is at least the observed
 *     one. It is exact under "the change does nothing", but coarse: with 4 pairs the smallest
 *     possible p is 2/16 = 0.125. "Detected" means the 95% interval leaves out 0.
 *
 * Adherence: a day agrees with its period's instruction when its check-in shows it. For a food or
 * a category, a day is judged only when it lists at least one food (a day with no food written
 * down cannot tell "avoided" from "not recorded"); "avoid" agrees when none of the food (or of the
 * category's foods) is listed, "take" / the without-arm of "avoid" ("have it today") agree when
 * some is. For a habit, a day is judged only when the habit has a reading: done means above 0.
 * A period's adherence is agreeing days over judged days, over all its days including washout.
 *
 * Pure: no SQL, no curses. The journal stores plans (journal.h); callers pass the days.
 */
#ifndef GUTSKIN_EXPERIMENT_H
#define GUTSKIN_EXPERIMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "day.h"
#include "error.h"
#include "strlist.h"

#define EXPERIMENT_ID_SIZE 80
#define EXPERIMENT_MAX_PAIRS 20
#define EXPERIMENT_MAX_PERIOD_DAYS 365
#define EXPERIMENT_DEFAULT_PAIRS 4
#define EXPERIMENT_DEFAULT_PERIOD_DAYS 7
#define EXPERIMENT_DEFAULT_WASHOUT_DAYS 2
/* Adherence under this share leaves a period out. */
#define EXPERIMENT_MIN_ADHERENCE 0.70

enum experiment_change_kind {
    EXPERIMENT_AVOID_FOOD,
    EXPERIMENT_AVOID_CATEGORY,
    EXPERIMENT_TAKE_FOOD,
    EXPERIMENT_DO_HABIT,
};

enum experiment_outcome_kind { EXPERIMENT_OUTCOME_SIGN, EXPERIMENT_OUTCOME_GROUP };

enum experiment_status { EXPERIMENT_RUNNING, EXPERIMENT_FINISHED, EXPERIMENT_STOPPED };

struct experiment_plan {
    enum experiment_change_kind change_kind;
    char change_id[EXPERIMENT_ID_SIZE];
    enum experiment_outcome_kind outcome_kind;
    char outcome_id[EXPERIMENT_ID_SIZE];
    int pairs;
    int period_days;
    int washout_days;
    int start_day; /* day number (dates.h) of the first period's first day */
    uint64_t seed;
    /* Set by the journal: its row id, and when it was stopped (day number; -1 when not). */
    int64_t id;
    int stopped_day;
};

/* Reads "avoid food:ID", "avoid category:ID", "take food:ID" or "do habit:ID" into the plan
 * (the id checked against the content). Returns 0, or -1 with a message. */
int experiment_parse_change(const struct content *content, const char *text,
                            struct experiment_plan *plan, struct error *err);
/* Reads "sign:ID", "group:ID" or a bare sign or group id. Returns 0, or -1 with a message. */
int experiment_parse_outcome(const struct content *content, const char *text,
                             struct experiment_plan *plan, struct error *err);
/* Writes the change and the outcome back in the form they are read ("avoid category:dairy"). */
void experiment_change_text(const struct experiment_plan *plan, char *out, size_t size);
void experiment_outcome_text(const struct experiment_plan *plan, char *out, size_t size);

/* The words a change's kind and an outcome's kind are stored under ("avoid food", "sign"), and
 * back (false for a word no gutskin wrote). */
const char *experiment_change_kind_word(enum experiment_change_kind kind);
bool experiment_change_kind_of(const char *word, enum experiment_change_kind *kind);
const char *experiment_outcome_kind_word(enum experiment_outcome_kind kind);
bool experiment_outcome_kind_of(const char *word, enum experiment_outcome_kind *kind);

/* Running (not stopped, `today` not past its last day), finished or stopped. */
enum experiment_status experiment_status_of(const struct experiment_plan *plan, int today);
const char *experiment_status_word(enum experiment_status status);

/* True when both are the same planned experiment: the same change, outcome, numbers, start and
 * seed, so the same schedule (a merge's identity of a plan). The journal's id and the stop are
 * not part of it: a copy of a plan stopped in one journal is still the same plan. */
bool experiment_same_plan(const struct experiment_plan *a, const struct experiment_plan *b);

/* The plan the screens and `experiment show`/`stop` mean by "the experiment": the running one
 * (only one runs at a time), else the one that ended last (its stop, or its last day; on a tie
 * the later saved). `count` when there is none. Not simply the last saved: a merge saves plans
 * of another journal after this journal's own, whatever their dates. */
size_t experiment_current(const struct experiment_plan *plans, size_t count, int today);

/* Checks the numbers of a plan (pairs 1..EXPERIMENT_MAX_PAIRS, period days 1..365, washout
 * 0..period_days - 1). Returns 0, or -1 with a message. */
int experiment_check_plan(const struct experiment_plan *plan, struct error *err);

/* The deterministic generator behind the schedule (splitmix64), exposed for the tests. */
uint64_t experiment_random_next(uint64_t *state);

/* Whether the change is made in period `period` (0 .. 2 * pairs - 1): the pair's order comes
 * from the seed, one draw per pair in pair order. */
bool experiment_period_with(const struct experiment_plan *plan, int period);
int experiment_period_start(const struct experiment_plan *plan, int period);
int experiment_period_end(const struct experiment_plan *plan, int period);
/* The plan's last day. */
int experiment_last_day(const struct experiment_plan *plan);

/* Today's place in the plan: the period (-1 before the start or after the end) and the day in it
 * (1-based). */
int experiment_period_of(const struct experiment_plan *plan, int day_number, int *day_in_period);

/* The instruction of an arm in a few words: "no dairy", "have dairy", "take kefir", "no kefir",
 * "do a walk", "no walk". Names come from the content. */
void experiment_instruction(const struct content *content, const struct experiment_plan *plan,
                            bool with, char *out, size_t size);
/* The line the check-in shows for a day of a running plan: "Experiment: no Dairy today, day 3 of
 * 7" ("today" only when the day is `today`; ", washout" on a day not measured). False when the
 * plan is stopped or the day is outside it. */
bool experiment_day_line(const struct content *content, const struct experiment_plan *plan,
                         int day_number, int today, char *out, size_t size);
/* What the arm means in a sentence's "the weeks ..." place: "without dairy" / "with dairy". */
void experiment_arm_words(const struct content *content, const struct experiment_plan *plan,
                          bool with, char *out, size_t size);
/* The outcome's name ("Acne", "skin score"). */
const char *experiment_outcome_name(const struct content *content,
                                    const struct experiment_plan *plan);

/* The outcome on a day; false when it was not rated. */
bool experiment_day_outcome(const struct content *content, const struct experiment_plan *plan,
                            const struct day *day, double *value);
/* Whether a day agrees with the arm (1), does not (0), or cannot be judged (-1); see the top. */
int experiment_day_agrees(const struct content *content, const struct experiment_plan *plan,
                          const struct day *day, bool with);

/* One day's facts for the analysis. */
struct experiment_day {
    bool logged;
    double outcome; /* NaN when not rated */
    int agrees;     /* 1, 0, or -1 not judged */
};

enum experiment_exclusion {
    EXPERIMENT_KEPT,
    EXPERIMENT_NOT_OVER,  /* the period has not ended yet */
    EXPERIMENT_FEW_DAYS,  /* fewer than half its measured days logged */
    EXPERIMENT_ADHERENCE, /* adherence under 70% */
    EXPERIMENT_UNJUDGED,  /* no day could be judged */
};

struct experiment_period {
    int start, end; /* day numbers */
    bool with;
    int days_logged;   /* measured (non-washout) days with an outcome value */
    int days_measured; /* period_days - washout_days */
    int days_judged, days_agreeing;
    double adherence; /* NaN when no day could be judged */
    double mean;      /* NaN when no measured day has a value */
    enum experiment_exclusion exclusion;
};

struct experiment_result {
    struct experiment_period periods[2 * EXPERIMENT_MAX_PAIRS];
    int period_count;
    int pairs_complete;
    int periods_left_out;                     /* over, but left out (few days, adherence) */
    double differences[EXPERIMENT_MAX_PAIRS]; /* with - without, complete pairs in order */
    double effect, sd, ci_low, ci_high;       /* NaN with fewer than 2 complete pairs */
    double p;                                 /* exact randomisation p */
    double p_t;                               /* paired t-test p */
};

/* Analyses the plan given days[0 .. 2 * pairs * period_days - 1] (day i is start_day + i) and
 * today's day number: periods ending on or after today are not over. */
void experiment_analyse(const struct experiment_plan *plan, const struct experiment_day *days,
                        int today, struct experiment_result *result);

/* The statistics alone, for the tests and the benchmark. */
struct experiment_paired {
    double effect, sd, ci_low, ci_high, p_t;
};
/* Paired t over `count` differences (count >= 2): mean, 95% interval, two-sided p. */
bool experiment_paired_t(const double *differences, size_t count, struct experiment_paired *out);
/* Exact randomisation p over the 2^count sign flips (count 1 .. EXPERIMENT_MAX_PAIRS). */
double experiment_randomisation_p(const double *differences, size_t count);
/* The two-sided 95% critical value of Student's t with `df` degrees of freedom. */
double experiment_t_critical(double df);

const char *experiment_exclusion_words(enum experiment_exclusion exclusion);

/* --- From the journal, and in words (src/experiment_load.c) --------------------------------- */

struct journal;

/* Reads the plan's days through journal.h and analyses them as of `today` (a stopped plan: as
 * of the day it was stopped). Returns 0, or -1 with a message. */
int experiment_load(struct journal *journal, const struct content *content,
                    const struct experiment_plan *plan, int today, struct experiment_result *result,
                    struct error *err);

/* The result in sentences, appended to `lines`: "in these 8 weeks (4 complete pairs), your Skin
 * score was 0.6 points worse in the periods with Dairy than in those without Dairy (95% interval
 * 0.2 to 1; ...)", what the interval says, and what the result does not mean. Before two pairs
 * are complete, one line saying so. */
void experiment_summary(const struct content *content, const struct experiment_plan *plan,
                        const struct experiment_result *r, struct strlist *lines);

#endif
