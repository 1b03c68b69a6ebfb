/*
 * content_values.c - reading the value a person typed (`gutskin log`) or a file holds (CSV
 * import) for a sign or habit, so that every way in accepts the same words (declared in
 * content.h). Numbers themselves are read by numbers.h; the range is checked elsewhere.
 */
#include <ctype.h>
#include <stddef.h>
#include <strings.h>

#include "content.h"
#include "numbers.h"

/* "none".."very-severe" (a space, '-' or '_' between words) as 0..4. */
static bool read_severity_word(const char *text, double *value)
{
    for (int severity = 0; severity <= CONTENT_SEVERITY_MAX; severity++) {
        const char *word = content_severity_word(severity);
        size_t i = 0;
        while (word[i] != '\0' && (tolower((unsigned char)text[i]) == word[i] ||
                                   (word[i] == ' ' && (text[i] == '-' || text[i] == '_'))))
            i++;
        if (word[i] == '\0' && text[i] == '\0') {
            *value = severity;
            return true;
        }
    }
    return false;
}

/* The words a yes-no habit takes, in any case; a table so the help and the reader agree. */
static const struct {
    const char *word;
    double value;
} yes_no_words[] = {{"yes", 1}, {"no", 0}, {"y", 1}, {"n", 0}, {"true", 1}, {"false", 0}};

static bool read_yes_no(const char *text, double *value)
{
    for (size_t i = 0; i < sizeof yes_no_words / sizeof yes_no_words[0]; i++)
        if (strcasecmp(text, yes_no_words[i].word) == 0) {
            *value = yes_no_words[i].value;
            return true;
        }
    /* Any number reads: whether 2 is refused (log) or kept with a warning (a backup) is the
     * range rule's call, not the reader's. */
    return num_parse(text, value);
}

static bool is_yes_no(const struct content *content, const char *id)
{
    const struct content_habit *habit = content_find_habit(content, id);
    return habit != NULL && habit->kind == CONTENT_HABIT_YES_NO;
}

bool content_read_value(const struct content *content, const char *id, const char *text,
                        double *value)
{
    if (content_find_sign(content, id) != NULL)
        return read_severity_word(text, value) || num_parse(text, value);
    if (is_yes_no(content, id))
        return read_yes_no(text, value);
    return num_parse(text, value);
}

const char *content_value_expected(const struct content *content, const char *id)
{
    if (content_find_sign(content, id) != NULL)
        return "0 to 4, or none, mild, moderate, severe, very-severe";
    if (is_yes_no(content, id))
        return "yes, no, y, n, true, false, 1 or 0";
    return NULL;
}
