/* scores.c - composite scores: the mean severity over all of a group's signs, blank as none. */
#include "scores.h"

#include <math.h>
#include <string.h>

size_t scores_group_ids(const struct content *content, size_t group_index, struct strlist *ids)
{
    size_t added = 0;
    for (size_t i = 0; i < content->sign_count; i++) {
        if (content->signs[i].group != group_index)
            continue;
        strlist_push(ids, content->signs[i].id);
        added++;
    }
    return added;
}

/* One loop for both forms: the severities come from `day` or, when it is NULL, from
 * `severities` (per sign, NAN when not rated). */
static bool group_mean(const struct content *content, const struct day *day,
                       const double *severities, size_t group_index, double *value)
{
    double sum = 0;
    size_t logged = 0, signs = 0;
    for (size_t i = 0; i < content->sign_count; i++) {
        if (content->signs[i].group != group_index)
            continue;
        signs++;
        double severity;
        if (day != NULL ? !day_get_reading(day, content->signs[i].id, &severity)
                        : isnan(severity = severities[i]))
            continue;
        sum += severity;
        logged++;
    }
    if (logged == 0)
        return false;
    /* Divided by all of the group's signs, not by those rated: a blank counts as none, so
     * rating the zeros, or tracking more signs, does not move the score by itself. */
    *value = sum / (double)signs;
    return true;
}

bool scores_group_mean(const struct content *content, const struct day *day, size_t group_index,
                       double *value)
{
    return group_mean(content, day, NULL, group_index, value);
}

bool scores_group_mean_of(const struct content *content, const double *severities,
                          size_t group_index, double *value)
{
    return group_mean(content, NULL, severities, group_index, value);
}

long scores_group_index(const struct content *content, const char *group_id)
{
    for (size_t i = 0; i < content->group_count; i++)
        if (strcmp(content->groups[i].id, group_id) == 0)
            return (long)i;
    return -1;
}
