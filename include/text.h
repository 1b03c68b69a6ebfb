/*
 * text.h - UTF-8 text measured in terminal columns, wrapped and folded for search.
 *
 * Widths come from utf8proc's character width tables, so accents, CJK (two columns) and emoji
 * line up. Nothing here knows about curses.
 */
#ifndef GUTSKIN_TEXT_H
#define GUTSKIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "strlist.h"

/* True when `text` (of `length` bytes) is valid UTF-8. */
bool text_is_valid_utf8(const char *text, size_t length);

/* A newly allocated copy of `length` bytes of `text` with every byte that is not UTF-8, and every
 * NUL, replaced by U+FFFD; `*repaired` says whether there was any. For text from outside (a file
 * an editor wrote) that must not be lost for a few bad bytes. */
char *text_repair_utf8(const char *text, size_t length, bool *repaired);

/* Display width in columns; invalid bytes and control characters count one column each. */
int text_width(const char *text);

/* How many bytes of `text` fit in `columns` columns without splitting a character; the width
 * they take is stored in `*used` when not NULL. */
size_t text_fit(const char *text, int columns, int *used);

/* How many of the first `limit` bytes of `text` to keep so that the cut does not fall inside a
 * character: after a snprintf that may have truncated, `buffer[text_cut(buffer, size - 1)] = 0`
 * drops the half character at the end. */
size_t text_cut(const char *text, size_t limit);

/* Decodes the character at `text`: returns its length in bytes (0 at the terminating NUL) and
 * stores its code point in `*code`, or -1 (with length 1) for a byte that does not start valid
 * UTF-8. The one door to Unicode for the rest of the program, with the functions below. */
size_t text_decode(const char *text, long *code);

/* Writes the UTF-8 of `code` (a valid code point) at `out`; returns the number of bytes (1 to 4). */
size_t text_encode(long code, char out[4]);

/* True for a Unicode scalar value: at most U+10FFFF, not a surrogate. */
bool text_is_code_point(long code);

/* Columns one character takes, as text_width() counts them. */
int text_char_width(long code);

/* True for the control characters (C0, DEL and C1), which the screen shows as one column. */
bool text_is_control(long code);

/* Appends the lines of `text` wrapped at word boundaries to `width` columns. A newline starts a
 * new line; a word longer than the width is cut. An empty paragraph gives an empty line. */
void text_wrap(const char *text, int width, struct strlist *lines);

/* A newly allocated copy folded for searching: lower case, accents removed, compatibility forms
 * unified ("Crème" -> "creme"). */
char *text_fold(const char *text);

/* True when the folded `haystack` contains `folded_needle` (already folded). */
bool text_contains_folded(const char *haystack, const char *folded_needle);

/* Makes `text` safe to draw, in place, in exactly text_width(text) columns: tabs and line breaks
 * become blanks, other control characters and bytes that are not UTF-8 become `?`. With `ascii`
 * (a terminal that is not UTF-8), every character outside ASCII also becomes as many `?` as it
 * takes columns. */
void text_make_printable(char *text, bool ascii);

/* text_make_printable(text, true). */
void text_to_ascii(char *text);

/* --- Text that reaches a terminal ----------------------------------------------------------
 * The one rule for text printed on a terminal (a message quoting input, `show`, `merge`, `log`):
 * text_make_printable(text, false), so that an ESC in a label or a note cannot retitle or
 * recolour the terminal, and cuts that never split a character. */

/* True when the `length` bytes of `text` are already printable: UTF-8 without control
 * characters (C0, DEL, C1), so that text_make_printable would change nothing. */
bool text_is_printable(const char *text, size_t length);

/* Copies `text`, made printable, into `out` (`size` bytes, at least 4). Text longer than
 * `size - 1` bytes is cut at a character boundary and ends in "...". Returns `out`. */
char *text_safe(const char *text, char *out, size_t size);

/* Writes the first `length` bytes of `text`, made printable, to `stream`. */
void text_put_safe(FILE *stream, const char *text, size_t length);

#endif
