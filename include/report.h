/*
 * report.h - the summary a person brings to a healthcare practitioner.
 *
 * One period of the journal, written as Markdown or as one self-contained HTML file (inline CSS,
 * inline SVG charts, no scripts, no external links; prints cleanly). Sections: the period and
 * how many days were logged; each group's composite score (see scores.h) against the previous
 * period of the same length; the most frequent and the most severe symptoms; habit averages;
 * the foods logged most; changes the person marked (scores before and after); the strongest
 * associations found by insights.h, with the number of days on each side, p-values and the
 * content's medical caution; the notes with their dates.
 *
 * Every piece of the person's text (notes, mark labels) is escaped for the format. Wording
 * follows the data: "associated with", never "causes".
 */
#ifndef GUTSKIN_REPORT_H
#define GUTSKIN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "content.h"
#include "error.h"
#include "journal.h"

enum report_format { REPORT_MARKDOWN, REPORT_HTML };

/* The default length of the period, in days. */
#define REPORT_DEFAULT_DAYS 30
/* Days compared on each side of a mark. */
#define REPORT_MARK_DAYS 14
/* Most rows in each "top" table and in the list of associations. */
#define REPORT_TOP_ROWS 10
/* Associations are listed only below this p-value. */
#define REPORT_MAX_P 0.05

struct report_options {
    int from; /* day numbers, inclusive; from <= to */
    int to;
    enum report_format format;
    int written_on; /* the day number printed as the date of writing (usually date_today()) */
};

/* Writes the report to `out`. Returns 0, or -1 with `err` filled when the journal cannot be read
 * or `out` cannot be written. */
int report_write(FILE *out, struct journal *journal, const struct content *content,
                 const struct report_options *options, struct error *err);

/* The format named by "md", "markdown" or "html"; false for anything else. */
bool report_format_from_name(const char *name, enum report_format *format);

/* The format implied by a file name's extension (.md, .markdown, .html, .htm, any case); false
 * when the extension says nothing. */
bool report_format_from_file(const char *path, enum report_format *format);

#endif
