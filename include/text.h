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

#include "strlist.h"

/* True when `text` (of `length` bytes) is valid UTF-8. */
bool text_is_valid_utf8(const char *text, size_t length);

/* Display width in columns; invalid bytes count one column each. */
int text_width(const char *text);

/* How many bytes of `text` fit in `columns` columns without splitting a character; the width
 * they take is stored in `*used` when not NULL. */
size_t text_fit(const char *text, int columns, int *used);

/* Appends the lines of `text` wrapped at word boundaries to `width` columns. A newline starts a
 * new line; a word longer than the width is cut. An empty paragraph gives an empty line. */
void text_wrap(const char *text, int width, struct strlist *lines);

/* A newly allocated copy folded for searching: lower case, accents removed, compatibility forms
 * unified ("Crème" -> "creme"). */
char *text_fold(const char *text);

/* True when the folded `haystack` contains `folded_needle` (already folded). */
bool text_contains_folded(const char *haystack, const char *folded_needle);

/* Replaces every character outside ASCII with `?`, in place (for non-UTF-8 terminals). */
void text_to_ascii(char *text);

#endif
