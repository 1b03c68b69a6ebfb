/*
 * export.h - writing journal days as CSV or JSON.
 *
 * CSV (RFC 4180, UTF-8, records ended by CRLF): a header line, then one row per saved day, oldest
 * first. Columns: `date`; one column per metric (the content's signs, then its habits, in
 * content order, then metric ids found in the exported days that the content does not define,
 * sorted); one `food:<id>` column per food (content order, then unknown food ids, sorted);
 * `note`. A blank cell means "not logged". A metric whose id is `date` or `note` is written as
 * `metric:<id>` so that it cannot be mistaken for those columns.
 *
 * JSON: an array with one object per day, oldest first:
 *   {"date": "2026-03-01", "foods": {"kimchi": 1}, "marks": ["started new moisturiser"],
 *    "note": "calm day" or null, "readings": {"acne": 2, "sleep-hours": 7.5}}
 * "marks" (the labels of the day's marks, journal_add_mark(), oldest first) is there only on a
 * day that has marks; a marked day with nothing saved is written with empty readings and foods
 * and a null note. The layout changes by additions only, so a reader of the first layout (days
 * without "marks") that skips keys it does not know reads every later one; a journal without
 * marks gives the same bytes as the first layout. CSV holds the days only.
 * Keys are sorted and the layout is fixed (two-space indent), so the same journal always gives
 * the same bytes.
 *
 * Numbers are written in the shortest form that reads back as the same double, with a `.`
 * decimal point whatever the locale.
 */
#ifndef GUTSKIN_EXPORT_H
#define GUTSKIN_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "content.h"
#include "error.h"
#include "journal.h"

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* "csv" or "json" (exact, lowercase). */
bool export_format_from_name(const char *name, enum export_format *format);

/* From a file name's extension (".csv", ".json", any case); false when there is none of those. */
bool export_format_from_path(const char *path, enum export_format *format);

/* Writes the days from `from` to `to` inclusive (day numbers, DATE_NONE: open end) to `out`, and
 * when `days` is not NULL how many it wrote (rows; JSON objects, a day with marks only too).
 * Returns 0, or -1 with `err` filled when the journal cannot be read or `out` cannot be written. */
int export_csv(FILE *out, struct journal *journal, const struct content *content, int from, int to,
               size_t *days, struct error *err);
int export_json(FILE *out, struct journal *journal, int from, int to, size_t *days,
                struct error *err);

/* Either of the above. */
int export_write(FILE *out, enum export_format format, struct journal *journal,
                 const struct content *content, int from, int to, size_t *days, struct error *err);

#endif
