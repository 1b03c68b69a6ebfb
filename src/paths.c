/* paths.c - resolving the journal file and the content folders from options and XDG variables. */
#include "paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static bool is_set(const char *value)
{
    return value != NULL && value[0] != '\0';
}

/* $VARIABLE/suffix when the variable is an absolute path (as the XDG spec asks), else
 * $HOME/fallback/suffix; NULL when neither is usable. */
static char *xdg_path(const char *variable, const char *fallback, const char *suffix)
{
    const char *base = getenv(variable);
    if (is_set(base) && base[0] == '/')
        return xprintf("%s/%s", base, suffix);
    const char *home = getenv("HOME");
    if (!is_set(home))
        return NULL;
    return xprintf("%s/%s/%s", home, fallback, suffix);
}

char *paths_journal_file(const char *option, struct error *err)
{
    if (is_set(option))
        return xstrdup(option);
    const char *from_environment = getenv("GUTSKIN_DB");
    if (is_set(from_environment))
        return xstrdup(from_environment);
    char *path = xdg_path("XDG_DATA_HOME", ".local/share", "gutskin/journal.db");
    if (path == NULL)
        error_set(err, ERROR_SYSTEM,
                  "cannot find a place for the journal: neither XDG_DATA_HOME nor HOME is set "
                  "(use --db PATH)");
    return path;
}

static bool is_directory(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

char *paths_content_dir(const char *option, struct error *err)
{
    if (is_set(option)) {
        if (!is_directory(option)) {
            error_set(err, ERROR_INPUT, "content folder %s does not exist", option);
            return NULL;
        }
        return xstrdup(option);
    }
    if (is_directory(GUTSKIN_CONTENT_INSTALL_DIR))
        return xstrdup(GUTSKIN_CONTENT_INSTALL_DIR);
    if (is_directory(GUTSKIN_CONTENT_SOURCE_DIR))
        return xstrdup(GUTSKIN_CONTENT_SOURCE_DIR);
    error_set(err, ERROR_SYSTEM, "cannot find the content folder (looked in %s and %s)",
              GUTSKIN_CONTENT_INSTALL_DIR, GUTSKIN_CONTENT_SOURCE_DIR);
    return NULL;
}

char *paths_user_content_dir(void)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", "gutskin/content");
}

int paths_make_dirs(const char *dir, unsigned mode, struct error *err)
{
    char *path = xstrdup(dir);
    int status = 0;
    for (char *slash = strchr(path + 1, '/');; slash = strchr(slash + 1, '/')) {
        if (slash != NULL)
            *slash = '\0';
        if (path[0] != '\0' && mkdir(path, (mode_t)mode) != 0 && errno != EEXIST) {
            status =
                error_set(err, ERROR_SYSTEM, "cannot create folder %s: %s", path, strerror(errno));
            break;
        }
        if (slash == NULL)
            break;
        *slash = '/';
    }
    free(path);
    return status;
}
