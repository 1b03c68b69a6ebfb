/* Unit tests for the table of file formats (import_formats.h): every row is found again by its
 * names and its extensions, and a name the table does not hold is refused as it always was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "command_run.h"
#include "export.h"
#include "import_formats.h"
#include "report.h"
#include "xalloc.h"

static const enum format_use uses[] = {FORMAT_IMPORT, FORMAT_EXPORT, FORMAT_REPORT};

static bool used_for(const struct import_format_entry *format, enum format_use use)
{
    if (use == FORMAT_IMPORT)
        return format->read_days != NULL || format->read_peer != NULL;
    return format->written_by == use;
}

/* `name` is among the choices `use` offers. */
static bool offered(enum format_use use, const char *name)
{
    for (const char *const *names = format_names(use); *names != NULL; names++)
        if (strcmp(*names, name) == 0)
            return true;
    return false;
}

static void test_every_row_is_found_by_its_names(void **state)
{
    (void)state;
    size_t count;
    const struct import_format_entry *formats = import_formats(&count);
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++)
        for (size_t u = 0; u < sizeof uses / sizeof uses[0]; u++) {
            const struct import_format_entry *expected =
                used_for(&formats[i], uses[u]) ? &formats[i] : NULL;
            assert_ptr_equal(format_find(uses[u], formats[i].name), expected);
            assert_int_equal(offered(uses[u], formats[i].name), expected != NULL);
            if (formats[i].alias != NULL) {
                assert_ptr_equal(format_find(uses[u], formats[i].alias), expected);
                assert_int_equal(offered(uses[u], formats[i].alias), expected != NULL);
            }
        }
}

/* Each extension of a written format, in its own case and in capitals, under a folder whose name
 * has a dot of its own. */
static void test_every_extension_names_its_row(void **state)
{
    (void)state;
    size_t count;
    const struct import_format_entry *formats = import_formats(&count);
    for (size_t i = 0; i < count; i++)
        for (size_t e = 0; e < FORMAT_MAX_EXTENSIONS && formats[i].extensions[e] != NULL; e++) {
            const char *extension = formats[i].extensions[e];
            assert_true(formats[i].written_by != FORMAT_IMPORT);
            char *path = xprintf("out.d/file%s", extension);
            assert_ptr_equal(format_from_path(formats[i].written_by, path), &formats[i]);
            for (char *c = path; *c; c++)
                *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
            assert_ptr_equal(format_from_path(formats[i].written_by, path), &formats[i]);
            free(path);
            path = xprintf("out%s/file", extension);
            assert_null(format_from_path(formats[i].written_by, path));
            free(path);
        }
}

/* The writers' own enums come from the rows: a name and an extension give the same writer. */
static void test_rows_give_their_writers(void **state)
{
    (void)state;
    size_t count;
    const struct import_format_entry *formats = import_formats(&count);
    for (size_t i = 0; i < count; i++) {
        enum export_format as_export = EXPORT_CSV, by_path = EXPORT_CSV;
        enum report_format as_report = REPORT_MARKDOWN, by_file = REPORT_MARKDOWN;
        char *path = xprintf("file%s", formats[i].extensions[0] ? formats[i].extensions[0] : "");
        if (formats[i].written_by == FORMAT_EXPORT) {
            assert_true(export_format_from_name(formats[i].name, &as_export));
            assert_true(export_format_from_path(path, &by_path));
            assert_int_equal(as_export, formats[i].writer);
            assert_int_equal(by_path, formats[i].writer);
        } else if (formats[i].written_by == FORMAT_REPORT) {
            assert_true(report_format_from_name(formats[i].name, &as_report));
            assert_true(report_format_from_file(path, &by_file));
            assert_int_equal(as_report, formats[i].writer);
            assert_int_equal(by_file, formats[i].writer);
        } else {
            assert_false(export_format_from_name(formats[i].name, &as_export));
            assert_false(report_format_from_name(formats[i].name, &as_report));
        }
        free(path);
    }
    enum export_format kept = EXPORT_JSON;
    assert_false(export_format_from_name("md", &kept));
    assert_false(export_format_from_path("report.html", &kept));
    assert_int_equal(kept, EXPORT_JSON);
}

/* The messages for a name no row holds, word for word as they were before the table. */
static void test_unknown_names_are_refused_as_before(void **state)
{
    (void)state;
    struct command_run *run = command_run_new();
    assert_int_equal(command_run(run, command_export, "export", "--format", "xml", NULL), 2);
    assert_non_null(strstr(run->err, "gutskin: unknown format 'xml' (csv or json)\n"));
    assert_int_equal(command_run(run, command_export, "export", "--format", "md", NULL), 2);
    assert_non_null(strstr(run->err, "gutskin: unknown format 'md' (csv or json)\n"));
    assert_int_equal(command_run(run, command_report, "report", "--format", "pdf", NULL), 2);
    assert_non_null(strstr(run->err, "gutskin: unknown format 'pdf' (md, markdown or html)\n"));
    assert_int_equal(command_run(run, command_import, "import", "--from", "html", "x.csv", NULL),
                     2);
    assert_non_null(strstr(run->err, "gutskin: unknown from 'html' (daylio, daylio-backup, "
                                     "bearable, loop, flaredown, csv or json)\n"));
    command_run_free(run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_is_found_by_its_names),
        cmocka_unit_test(test_every_extension_names_its_row),
        cmocka_unit_test(test_rows_give_their_writers),
        cmocka_unit_test(test_unknown_names_are_refused_as_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
