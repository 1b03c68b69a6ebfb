/*
 * ui.c - the screen manager: terminal set-up and teardown, tabs, status line, help overlay,
 * dialogs and the event loop. The only file that refreshes the terminal.
 */
#include "ui/ui.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <termios.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "fileio.h"
#include "text.h"
#include "ui/keys.h"
#include "ui/panel_text.h"
#include "ui/script.h"
#include "ui/theme.h"
#include "xalloc.h"

#define UI_MIN_WIDTH 44
#define UI_MIN_HEIGHT 12
#define UI_MESSAGE_ROWS 4 /* the most rows a long status message takes */
/* Not a key: the idle tick marked something to draw (the main loop's reader returns it). */
#define UI_KEY_IDLE (KEYS_FUNCTION_BASE + 0x2ffff)

/* The parts of the frame that must be drawn again (enum screen_result says which a screen's
 * handler changed; the manager marks its own). Each is blanked and drawn whole; ncurses then
 * sends the terminal only the cells that differ. */
enum ui_part {
    UI_TABS = 1 << 0,
    UI_BODY = 1 << 1,    /* the screen's area, then the overlays over it */
    UI_STATUS = 1 << 2,  /* the status line, and the rows a long message takes above it */
    UI_OVERLAY = 1 << 3, /* the reader or the help only, over what is there */
    UI_ALL = UI_TABS | UI_BODY | UI_STATUS | UI_OVERLAY,
    UI_REPAINT = 1 << 4, /* the terminal's copy is unknown (a new size, back from the shell) */
    /* A question or a prompt opens: a screen asks from inside a handler, after changing what
     * it shows (the check-in's list of categories under "which category?"). */
    UI_DIALOG = UI_BODY | UI_STATUS,
};

/* How many times each part was drawn: the `redraws` script command reports them. */
struct ui_redraws {
    int frames; /* calls that sent anything to the terminal */
    int tabs;
    int body;
    int status;
    int overlay;
};

struct ui {
    struct app *app;
    const struct screen_ops *const *screens; /* the table given to ui_run, in tab order */
    int screen_count;
    void **states; /* one per screen */
    enum screen_id current;
    int *tab_start; /* columns of the tab bar, for mouse clicks; screen_count + 1 */
    char message[256];
    bool message_is_error;
    const char *prompt; /* a question or an input line in the status line */
    int prompt_cursor;  /* column of the text cursor in the status line, or -1 */
    int mouse_y;
    int mouse_x;
    bool help_visible;
    int help_top;  /* first line of the help shown, when it does not fit */
    int help_room; /* lines the help showed, and how many it has, at the last draw */
    int help_lines;
    bool reader_visible;      /* ui_read_text's view of a long text, over the screen */
    struct text_panel reader; /* its text, wrapped and scrolled by the text panel */
    char reader_title[96];
    unsigned dirty;   /* enum ui_part: what the next frame draws */
    int message_rows; /* rows the status line took at the last draw (a long message) */
    struct ui_redraws redraws;
    bool quit;
    bool idle_ticks;         /* waiting for a key in the main loop: idle ticks may run */
    uint64_t seen_freshness; /* the journal's freshness when the screen was last drawn */
    struct script *script;   /* headless mode when not NULL */
    bool script_ended;
    SCREEN *terminal;
    FILE *null_file;
    FILE *frame_times; /* GUTSKIN_FRAME_TIMES, for the benchmarks; NULL when not asked */
    struct timespec frame_start;
    /* The open prompt whose text is a value of the day (ui_prompt_kept), or NULL. */
    const struct ui_line *kept_line;
    void (*keep)(const char *text, void *context);
    void *keep_context;
    char *paste; /* the last bracketed paste's text */
    size_t paste_length;
    size_t paste_capacity;
};

static volatile sig_atomic_t ui_terminate_signal;
static volatile sig_atomic_t ui_curses_active;
/* The terminal's settings before curses changed them, for the crash handler. */
static struct termios ui_saved_termios;
static volatile sig_atomic_t ui_saved_termios_valid;

/* Marks parts of the frame to be drawn again by the next ui_draw. */
static void ui_mark(struct ui *ui, unsigned parts)
{
    ui->dirty |= parts;
}

/* --- terminal set-up and teardown ------------------------------------------------------- */

/* Bracketed paste: the terminal wraps pasted text in ESC [200~ ... ESC [201~, so that a pasted
 * note cannot act as keys (digits rating symptoms, q quitting). Off whenever another program or
 * the shell has the terminal. */
static void ui_bracketed_paste(bool on)
{
    static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";
    if (!isatty(STDOUT_FILENO))
        return;
    fflush(stdout);
    fileio_write_all(STDOUT_FILENO, on ? enable : disable,
                     on ? sizeof enable - 1 : sizeof disable - 1);
}

static void ui_restore_terminal(void)
{
    if (ui_curses_active) {
        ui_curses_active = false;
        ui_bracketed_paste(false);
        endwin();
    }
}

static void ui_on_terminate(int signal_number)
{
    ui_terminate_signal = signal_number;
}

/* A crash must not leave the terminal in raw mode, yet a signal handler may only call
 * async-signal-safe functions (endwin() is not: it allocates and writes through stdio). So the
 * handler writes fixed sequences with write() - leave the alternate screen, normal attributes,
 * cursor visible, mouse reporting off - and puts back the saved terminal settings with
 * tcsetattr(), then dies as the signal asks. */
static void ui_on_crash(int signal_number)
{
    if (ui_curses_active && isatty(STDOUT_FILENO)) {
        static const char reset[] = "\033[0m\033[?1000l\033[?1002l\033[?1006l\033[?2004l"
                                    "\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
        if (ui_saved_termios_valid)
            tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_termios);
    }
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void ui_install_signals(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = ui_on_terminate;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    action.sa_handler = ui_on_crash;
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);
    sigaction(SIGFPE, &action, NULL);
    sigaction(SIGABRT, &action, NULL);
    atexit(ui_restore_terminal);
}

static bool ui_locale_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* A terminal that cannot move the cursor ("dumb", a printer) cannot show a full screen. */
static bool ui_can_address_cursor(void)
{
    char name[] = "cup";
    const char *move = tigetstr(name);
    return move != NULL && move != (char *)-1;
}

static bool ui_start_headless(struct ui *ui, const char *script_path)
{
    int width = 80, height = 24;
    script_read_size(script_path, &width, &height);
    ui->script = script_open(script_path);
    ui->null_file = fopen("/dev/null", "r+");
    if (ui->script == NULL || ui->null_file == NULL) {
        fprintf(stderr, "gutskin: cannot read the test script %s\n", script_path);
        return false;
    }
    char columns[16], lines[16];
    snprintf(columns, sizeof columns, "%d", width);
    snprintf(lines, sizeof lines, "%d", height);
    setenv("COLUMNS", columns, 1);
    setenv("LINES", lines, 1);
    ui->terminal = newterm("xterm", ui->null_file, ui->null_file);
    if (ui->terminal == NULL)
        ui->terminal = newterm("vt100", ui->null_file, ui->null_file);
    if (ui->terminal == NULL) {
        fputs("gutskin: no terminal description for the headless mode\n", stderr);
        return false;
    }
    resize_term(height, width);
    return true;
}

static bool ui_start(struct ui *ui)
{
    const char *script_path = getenv("GUTSKIN_TEST_SCRIPT");
    if (script_path != NULL && script_path[0] != '\0') {
        ui_install_signals();
        if (!ui_start_headless(ui, script_path))
            return false;
    } else {
        /* newterm, unlike initscr, returns NULL instead of exiting on a terminal it cannot
         * drive (TERM unset, unknown or "dumb"), so the message below can say what to do. */
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fputs("gutskin: the full-screen app needs a terminal on standard input and output; "
                  "use a command to script gutskin (gutskin --help)\n",
                  stderr);
            return false;
        }
        if (tcgetattr(STDIN_FILENO, &ui_saved_termios) == 0)
            ui_saved_termios_valid = 1;
        ui_install_signals();
        ui->terminal = newterm(NULL, stdout, stdin);
        if (ui->terminal != NULL && !ui_can_address_cursor()) {
            endwin();
            delscreen(ui->terminal);
            ui->terminal = NULL;
        }
        if (ui->terminal == NULL) {
            const char *term = getenv("TERM");
            fprintf(stderr,
                    "gutskin: cannot start the full-screen app on terminal type '%s'; run it in "
                    "a terminal such as xterm, or use a command (gutskin --help)\n",
                    term && term[0] ? term : "(TERM is not set)");
            return false;
        }
    }
    ui_curses_active = true;
    raw(); /* Ctrl-S saves and Ctrl-C asks before quitting, instead of flow control/signals */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    wtimeout(stdscr, 500); /* wake up now and then to notice SIGTERM */
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    theme_init(true, ui_locale_is_utf8());
    if (ui->script == NULL)
        ui_bracketed_paste(true);
    return true;
}

static void ui_stop(struct ui *ui)
{
    ui_restore_terminal();
    if (ui->terminal != NULL)
        delscreen(ui->terminal);
    if (ui->null_file != NULL)
        fclose(ui->null_file);
    if (ui->frame_times != NULL)
        fclose(ui->frame_times);
    script_close(ui->script);
    free(ui->paste);
}

/* --- drawing ---------------------------------------------------------------------------- */

static bool ui_too_small(void)
{
    return COLS < UI_MIN_WIDTH || LINES < UI_MIN_HEIGHT;
}

static struct draw_rect ui_screen_area(void)
{
    return (struct draw_rect){1, 0, LINES - 2, COLS};
}

/* The tab bar shows each screen with the key that switches to it from the current screen: a
 * digit, or, where digits are values (the check-in), no digit and "Alt-1..N Tab" at the end, so
 * that no key shown does something else here. Full titles when they fit; otherwise numbers,
 * with the current screen's title spelled out. */
static void ui_draw_tabs(struct ui *ui)
{
    char alt_hint[32], alt_compact[40];
    snprintf(alt_hint, sizeof alt_hint, " Alt-1..%d Tab ", ui->screen_count);
    snprintf(alt_compact, sizeof alt_compact, " Alt-1..%d Tab: screens ", ui->screen_count);
    bool digits = ui->screens[ui->current]->digits_are_values;
    int full = digits ? text_width(alt_hint) : 0;
    for (int i = 0; i < ui->screen_count; i++)
        full += text_width(ui->screens[i]->title) + (digits ? 3 : 4);
    bool compact = full > COLS;
    draw_blank(0, 0, COLS, THEME_TAB);
    int x = 0;
    for (int i = 0; i < ui->screen_count; i++) {
        char label[64];
        bool active = (enum screen_id)i == ui->current;
        ui->tab_start[i] = x;
        if (compact && !active && digits)
            continue; /* no key to show: Alt-N is in the hint */
        if (compact && !active)
            snprintf(label, sizeof label, " %d ", i + 1);
        else if (digits)
            snprintf(label, sizeof label, " %s ", ui->screens[i]->title);
        else
            snprintf(label, sizeof label, " %d %s ", i + 1, ui->screens[i]->title);
        x += draw_text(0, x, COLS - x, label, active ? THEME_TAB_ACTIVE : THEME_TAB);
        if (x < COLS)
            x += draw_text(0, x, 1, " ", THEME_TAB);
    }
    ui->tab_start[ui->screen_count] = x;
    if (digits && x < COLS)
        draw_text_right(0, x, COLS - x, compact ? alt_compact : alt_hint, THEME_TAB);
}

/* A message too long for the status line takes the rows above it too (up to three in all)
 * until the next key, rather than losing its end: it may be advice that matters. */
static int ui_message_lines(const struct ui *ui, struct strlist *lines)
{
    if (ui->prompt == NULL && text_width(ui->message) > COLS && LINES >= UI_MIN_HEIGHT)
        text_wrap(ui->message, COLS, lines);
    return lines->count <= 1                ? 1
           : lines->count < UI_MESSAGE_ROWS ? (int)lines->count
                                            : UI_MESSAGE_ROWS;
}

/* The rows the status line takes now: 1, or more for a long message. */
static int ui_status_rows(const struct ui *ui)
{
    struct strlist lines = STRLIST_INIT;
    int rows = ui_message_lines(ui, &lines);
    strlist_release(&lines);
    return rows;
}

static void ui_draw_message(struct ui *ui)
{
    enum theme_role role = ui->message_is_error ? THEME_WARNING : THEME_MESSAGE;
    struct strlist lines = STRLIST_INIT;
    int rows = ui_message_lines(ui, &lines);
    if (rows <= 1) {
        draw_text(LINES - 1, 0, COLS, ui->message, role);
    } else {
        for (int i = 0; i < rows; i++) {
            draw_blank(LINES - rows + i, 0, COLS, THEME_STATUS);
            draw_text(LINES - rows + i, 0, COLS, lines.items[i], role);
        }
    }
    strlist_release(&lines);
}

static void ui_draw_status(struct ui *ui)
{
    int y = LINES - 1;
    draw_blank(y, 0, COLS, THEME_STATUS);
    if (ui->prompt != NULL) {
        draw_text(y, 0, COLS, ui->prompt, THEME_MESSAGE);
        return;
    }
    if (ui->message[0] != '\0') {
        ui_draw_message(ui);
        return;
    }
    char hint[256];
    const struct screen_ops *ops = ui->screens[ui->current];
    const char *mode_hint = ops->mode_hint ? ops->mode_hint(ui->states[ui->current]) : NULL;
    const char *screen_hint = mode_hint ? mode_hint : ops->status_hint;
    snprintf(hint, sizeof hint, " %s%s? help  q quit", screen_hint ? screen_hint : "",
             screen_hint ? "  " : "");
    draw_text(y, 0, COLS, hint, THEME_STATUS);
}

static void ui_draw_too_small(void)
{
    char text[64];
    snprintf(text, sizeof text, "terminal too small (need %dx%d)", UI_MIN_WIDTH, UI_MIN_HEIGHT);
    struct strlist lines = STRLIST_INIT;
    text_wrap(text, COLS > 0 ? COLS : 1, &lines);
    for (size_t i = 0; i < lines.count && (int)i < LINES; i++)
        draw_text((int)i, 0, COLS, lines.items[i], THEME_WARNING);
    strlist_release(&lines);
}

static void ui_help_line(int y, int x, int width, const char *keys, const char *what)
{
    draw_text(y, x, 16, keys, THEME_HEADING);
    draw_text(y, x + 17, width - 17, what, THEME_NORMAL);
}

/* After the two lines that name the screens' keys, which come from the screen table. */
static const struct screen_key_help ui_global_help[] = {
    {"arrows hjkl", "move (g/G: first/last)"},
    {"?", "this help (any key closes it)"},
    {"q  Ctrl-C", "quit (asks when changes are unsaved)"},
    {"Ctrl-Z", "suspend to the shell (fg comes back)"},
    {NULL, NULL},
};

/* A framed, blank box over the screen, its title in the top border (the help, the reader). */
static void ui_draw_box(struct draw_rect box, const char *title, const char *subject)
{
    for (int y = box.y; y < box.y + box.height; y++)
        draw_blank(y, box.x, box.width, THEME_NORMAL);
    draw_hline(box.y, box.x, box.width, THEME_DIM);
    draw_hline(box.y + box.height - 1, box.x, box.width, THEME_DIM);
    draw_vline(box.y + 1, box.x, box.height - 2, THEME_DIM);
    draw_vline(box.y + 1, box.x + box.width - 1, box.height - 2, THEME_DIM);
    draw_textf(box.y, box.x + 2, box.width - 4, THEME_HEADING, " %s: %s ", title, subject);
}

static int ui_help_rows(const struct screen_key_help *help)
{
    int rows = 0;
    while (help != NULL && help[rows].keys != NULL)
        rows++;
    return rows;
}

/* The help overlay: the screen's keys, then the keys every screen shares. When it does not fit
 * the terminal it scrolls (arrows, j/k, PgUp/PgDn) and says so; any other key closes it. */
static void ui_draw_help(struct ui *ui)
{
    const struct screen_ops *ops = ui->screens[ui->current];
    const struct screen_key_help *local =
        ops->mode_help ? ops->mode_help(ui->states[ui->current]) : NULL;
    if (local == NULL)
        local = ops->help;
    char digit_keys[32], alt_keys[32];
    /* Where digits are values (the check-in), they do not switch screens: say so. */
    bool digits = ui->screens[ui->current]->digits_are_values;
    snprintf(digit_keys, sizeof digit_keys, digits ? "Tab S-Tab" : "1-%d Tab S-Tab",
             ui->screen_count);
    snprintf(alt_keys, sizeof alt_keys, "Alt-1..%d", ui->screen_count);
    const struct screen_key_help switching[] = {
        {digit_keys, "switch screens"},
        {alt_keys, digits ? "switch screens (digits are values here)"
                          : "switch screens, on the check-in too"},
        {0}};
    const struct screen_key_help blank[] = {{"", ""}, {0}};
    const struct screen_key_help *parts[] = {local, blank, switching, ui_global_help};
    int lines = 0;
    for (size_t p = 0; p < 4; p++)
        lines += ui_help_rows(parts[p]);
    /* 68 columns, wider where a line needs it and the terminal has room. */
    int need = 68;
    for (size_t p = 0; p < 4; p++)
        for (int i = 0; parts[p] != NULL && parts[p][i].keys != NULL; i++) {
            int line_width = 4 + 17 + text_width(parts[p][i].what);
            need = line_width > need ? line_width : need;
        }
    int width = COLS > 72 ? (need < COLS - 2 ? need : COLS - 2) : COLS - 2;
    int height = lines + 2 < LINES - 2 ? lines + 2 : LINES - 2;
    int room = height - 2;
    ui->help_room = room;
    ui->help_lines = lines;
    if (ui->help_top > lines - room)
        ui->help_top = lines - room > 0 ? lines - room : 0;
    int top = (LINES - height) / 2, left = (COLS - width) / 2;
    ui_draw_box((struct draw_rect){top, left, height, width}, "Keys", ops->title);
    if (lines > room)
        draw_textf(top + height - 1, left + 2, width - 4, THEME_HEADING,
                   " %s%s %d-%d of %d, arrows scroll ",
                   ui->help_top > 0 ? "▲" : "", ui->help_top + room < lines ? "▼" : "",
                   ui->help_top + 1, ui->help_top + room, lines);
    int line = 0, y = top + 1;
    for (size_t p = 0; p < 4; p++)
        for (int i = 0; parts[p] != NULL && parts[p][i].keys != NULL; i++, line++)
            if (line >= ui->help_top && y < top + 1 + room)
                ui_help_line(y++, left + 2, width - 4, parts[p][i].keys, parts[p][i].what);
}

/* Where the reader's text goes: inside a box over the whole screen area. */
static struct draw_rect ui_reader_area(void)
{
    struct draw_rect area = ui_screen_area();
    return (struct draw_rect){area.y + 1, area.x + 2, area.height - 2, area.width - 3};
}

static void ui_draw_reader(struct ui *ui)
{
    struct draw_rect area = ui_screen_area(), text = ui_reader_area();
    ui_draw_box(area, "Read", ui->reader_title);
    text_panel_draw(&ui->reader, text);
    size_t lines = text_panel_line_count(&ui->reader, text.width - 1);
    size_t last = ui->reader.top + (size_t)text.height;
    draw_textf(area.y + area.height - 1, area.x + 2, area.width - 4, THEME_HEADING,
               " %zu-%zu of %zu, q or Esc closes ", lines ? ui->reader.top + 1 : 0,
               last < lines ? last : lines, lines);
}

void ui_read_text(struct ui *ui, const char *title, const char *text)
{
    snprintf(ui->reader_title, sizeof ui->reader_title, "%s", title);
    text_panel_set_plain(&ui->reader, text);
    ui->reader_visible = true;
    ui_mark(ui, UI_OVERLAY);
}

/* What a screen's handler asked for (enum screen_result) in the manager's parts. */
static void ui_mark_result(struct ui *ui, enum screen_result result)
{
    if ((result & SCREEN_REDRAW_ALL) == SCREEN_REDRAW_ALL)
        ui_mark(ui, UI_ALL);
    if ((result & SCREEN_REDRAW_BODY) == SCREEN_REDRAW_BODY)
        ui_mark(ui, UI_BODY);
    if ((result & SCREEN_REDRAW_STATUS) == SCREEN_REDRAW_STATUS)
        ui_mark(ui, UI_STATUS);
}

/* Blanks rows [top, bottom) as erase() would, before a part is drawn again over them. */
static void ui_blank_rows(int top, int bottom)
{
    for (int y = top; y < bottom; y++) {
        move(y, 0);
        clrtoeol();
    }
}

/* A long message takes rows of the area: when it comes or goes, the area is drawn again under
 * it, and when the area is drawn again, the message again over it. */
static unsigned ui_widen_parts(struct ui *ui, unsigned parts)
{
    if (parts & UI_STATUS) {
        int rows = ui_status_rows(ui);
        if (rows > 1 || ui->message_rows > 1)
            parts |= UI_BODY;
        ui->message_rows = rows;
    }
    if ((parts & UI_BODY) && ui->message_rows > 1)
        parts |= UI_STATUS;
    if (parts & UI_BODY)
        parts |= UI_OVERLAY;
    return parts;
}

static void ui_draw_parts(struct ui *ui, unsigned parts)
{
    if ((parts & UI_ALL) == UI_ALL) {
        erase();
    } else {
        if (parts & UI_TABS)
            ui_blank_rows(0, 1);
        if (parts & UI_BODY)
            ui_blank_rows(1, LINES - 1);
        if (parts & UI_STATUS)
            ui_blank_rows(LINES - ui->message_rows, LINES);
    }
    if (parts & UI_TABS) {
        ui_draw_tabs(ui);
        ui->redraws.tabs++;
    }
    if (parts & UI_BODY) {
        ui->screens[ui->current]->draw(ui->states[ui->current], ui->app, ui_screen_area());
        ui->seen_freshness = journal_freshness(ui->app->journal);
        ui->redraws.body++;
    }
    if (parts & UI_STATUS) {
        ui_draw_status(ui);
        ui->redraws.status++;
    }
    if ((parts & UI_OVERLAY) && (ui->reader_visible || ui->help_visible)) {
        if (ui->reader_visible)
            ui_draw_reader(ui);
        if (ui->help_visible)
            ui_draw_help(ui);
        ui->redraws.overlay++;
    }
}

/* Draws the parts marked since the last frame, and only those; a frame with none marked sends
 * nothing. ncurses compares what was drawn with what the terminal shows and sends the
 * difference (wnoutrefresh, then doupdate once). */
static void ui_draw(struct ui *ui)
{
    if (ui->dirty == 0)
        return;
    if (ui->dirty & UI_REPAINT)
        clearok(curscr, TRUE);
    /* A second pass draws what drawing marked (a screen's draw may set a message). */
    for (int pass = 0; pass < 2 && ui->dirty != 0; pass++) {
        unsigned parts = ui->dirty;
        ui->dirty = 0;
        if (ui_too_small()) {
            erase();
            ui_draw_too_small();
            ui->message_rows = 1;
        } else {
            ui_draw_parts(ui, ui_widen_parts(ui, parts));
        }
    }
    /* The cursor is hidden but where a prompt types: elsewhere ncurses need not move it after
     * the cells it sends (leaveok), which saves bytes on every frame. */
    bool typing = ui->prompt != NULL && ui->prompt_cursor >= 0 && !ui_too_small();
    leaveok(stdscr, !typing);
    if (typing) {
        move(LINES - 1, ui->prompt_cursor < COLS ? ui->prompt_cursor : COLS - 1);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
    ui->redraws.frames++;
}

/* Writes the screen as text, one line per row, trailing blanks removed. */
static void ui_dump(void)
{
    wchar_t row[1024];
    char bytes[4096];
    for (int y = 0; y < LINES; y++) {
        int length = mvwinnwstr(stdscr, y, 0, row, COLS < 1023 ? COLS : 1023);
        if (length < 0)
            length = 0;
        row[length] = L'\0';
        size_t written = wcstombs(bytes, row, sizeof bytes - 1);
        if (written == (size_t)-1)
            written = 0;
        bytes[written] = '\0';
        while (written > 0 && bytes[written - 1] == ' ')
            bytes[--written] = '\0';
        printf("%s\n", bytes);
    }
    printf("--\n");
    fflush(stdout);
}

/* Writes how often each part was drawn since the last report, for screen tests that check a
 * key draws no more than it changed; or only starts counting again (`redraws reset`). */
static void ui_report_redraws(struct ui *ui, bool write)
{
    const struct ui_redraws *r = &ui->redraws;
    if (write) {
        printf("redraws: frames %d, tabs %d, area %d, status %d, overlay %d\n", r->frames, r->tabs,
               r->body, r->status, r->overlay);
        fflush(stdout);
    }
    memset(&ui->redraws, 0, sizeof ui->redraws);
}

/* --- input ------------------------------------------------------------------------------ */

static void ui_keep_typing(struct ui *ui);

static void ui_exit_on_signal(struct ui *ui)
{
    if (ui_terminate_signal == 0)
        return;
    /* First what the person typed (a draft: an open prompt's text, then what each screen
     * holds), then the terminal, which may be gone already. */
    ui_keep_typing(ui);
    for (int i = 0; ui->states != NULL && i < ui->screen_count; i++)
        if (ui->states[i] != NULL && ui->screens[i]->interrupted != NULL)
            ui->screens[i]->interrupted(ui->states[i], ui->app);
    ui_restore_terminal();
    fprintf(stderr,
            "gutskin: stopped by signal %d; changes not saved with Ctrl-S were not "
            "saved\n",
            (int)ui_terminate_signal);
    exit(1);
}

static int ui_normalise_function_key(struct ui *ui, int code)
{
    switch (code) {
    case KEY_ENTER:
        return KEYS_ENTER;
    case KEY_BACKSPACE:
        return KEYS_BACKSPACE;
    case KEY_MOUSE: {
        MEVENT event;
        if (getmouse(&event) != OK)
            return -1;
        /* The wheel scrolls like the arrow keys, in every list and text. */
        if (event.bstate & BUTTON4_PRESSED)
            return KEYS_UP;
        if (event.bstate & BUTTON5_PRESSED)
            return KEYS_DOWN;
        ui->mouse_y = event.y;
        ui->mouse_x = event.x;
        return KEYS_MOUSE;
    }
    default:
        return KEYS_FUNCTION(code);
    }
}

/* Pasted text larger than this is cut (and the rest read and dropped): a note is a few lines. */
#define UI_PASTE_LIMIT (256 * 1024)

/* Reads the characters that follow Escape '[' and match `tail` ("200~"); true when all do. Those
 * read otherwise go back, '[' included, so that the key after Escape is not lost. */
static bool ui_read_marker_tail(const char *tail)
{
    wint_t got[8];
    size_t count = 0;
    bool match = true;
    wtimeout(stdscr, 50);
    for (; tail[count] != '\0'; count++) {
        if (wget_wch(stdscr, &got[count]) != OK || got[count] != (wint_t)tail[count]) {
            match = false;
            break;
        }
    }
    wtimeout(stdscr, 500);
    if (match)
        return true;
    /* What was read (the last one may be a failed read) goes back, newest first. */
    for (size_t i = count; i-- > 0;)
        unget_wch((wchar_t)got[i]);
    unget_wch(L'[');
    return false;
}

static void ui_paste_add(struct ui *ui, long code)
{
    char bytes[4];
    size_t length = text_encode(code, bytes);
    if (ui->paste_length + length >= UI_PASTE_LIMIT)
        return;
    xgrow(&ui->paste, &ui->paste_capacity, ui->paste_length + length + 1, 1);
    memcpy(ui->paste + ui->paste_length, bytes, length);
    ui->paste_length += length;
    ui->paste[ui->paste_length] = '\0';
}

/* The text of a bracketed paste, up to ESC [201~ (or a second without input: a terminal that
 * lost the end marker must not keep the app waiting). */
static void ui_read_paste(struct ui *ui)
{
    xgrow(&ui->paste, &ui->paste_capacity, 1, 1);
    ui->paste_length = 0;
    ui->paste[0] = '\0';
    wtimeout(stdscr, 1000);
    for (;;) {
        wint_t code;
        int status = wget_wch(stdscr, &code);
        if (status == ERR)
            break;
        if (status == KEY_CODE_YES)
            continue; /* a sequence in the text that curses took for a key */
        if (code == KEYS_ESCAPE) {
            wint_t next;
            if (wget_wch(stdscr, &next) == OK && next == '[' && ui_read_marker_tail("201~"))
                break;
            continue;
        }
        ui_paste_add(ui, code == '\r' ? '\n' : (long)code);
    }
    wtimeout(stdscr, 500);
}

const char *ui_paste_text(const struct ui *ui)
{
    return ui->paste != NULL ? ui->paste : "";
}

/* The longest escape sequence read whole; a longer one is dropped (its rest too). */
#define UI_SEQUENCE_MAX 32

/* The key a CSI (Escape '[') or SS3 (Escape 'O') sequence stands for when terminfo did not
 * know it (TERM naming a terminal without Home or End, say): the common xterm and vt forms, a
 * modifier (";5" for Ctrl) dropped. -1: a sequence gutskin has no use for. */
static int ui_sequence_key(const char *params, int final)
{
    if (final == '~') {
        switch (atoi(params)) {
        case 1:
        case 7:
            return KEYS_HOME;
        case 4:
        case 8:
            return KEYS_END;
        case 3:
            return KEYS_DELETE;
        case 5:
            return KEYS_PAGE_UP;
        case 6:
            return KEYS_PAGE_DOWN;
        default:
            return -1;
        }
    }
    if (params[0] != '\0' && strncmp(params, "1;", 2) != 0)
        return -1;
    switch (final) {
    case 'A':
        return KEYS_UP;
    case 'B':
        return KEYS_DOWN;
    case 'C':
        return KEYS_RIGHT;
    case 'D':
        return KEYS_LEFT;
    case 'H':
        return KEYS_HOME;
    case 'F':
        return KEYS_END;
    case 'Z':
        return KEYS_BACKTAB;
    default:
        return -1;
    }
}

/* Reads the rest of a sequence after Escape and `introducer` ('[' or 'O'): parameter and
 * intermediate bytes, then one final byte. Returns its key, KEYS_PASTE for the start of a
 * bracketed paste, Escape when nothing followed the introducer (which goes back), or -1 when
 * it is to be ignored: its characters are never keys of their own ('[' is the day before in
 * the check-in). A key typed into a broken sequence goes back. */
static int ui_read_sequence(wint_t introducer)
{
    char params[UI_SEQUENCE_MAX + 1];
    size_t length = 0;
    wint_t code;
    int status;
    wtimeout(stdscr, 50);
    while ((status = wget_wch(stdscr, &code)) == OK && code >= 0x20 && code <= 0x3f)
        if (length < UI_SEQUENCE_MAX)
            params[length++] = (char)code;
    params[length] = '\0';
    bool whole = status == OK && code >= 0x40 && code <= 0x7e;
    if (whole && introducer == '[' && code == 'M' && length == 0) {
        wint_t skipped; /* an old-style mouse report curses did not take: three bytes follow */
        for (int i = 0; i < 3 && wget_wch(stdscr, &skipped) != ERR; i++)
            ;
    }
    wtimeout(stdscr, 500);
    if (whole && introducer == '[' && code == '~' && strcmp(params, "200") == 0)
        return KEYS_PASTE;
    if (whole)
        return length < UI_SEQUENCE_MAX ? ui_sequence_key(params, (int)code) : -1;
    if (status == ERR && length == 0) {
        /* Nothing followed: Alt-[ or Alt-O, Escape and the key as before. */
        unget_wch((wchar_t)introducer);
        return KEYS_ESCAPE;
    }
    if (status == KEY_CODE_YES)
        ungetch((int)code);
    else if (status == OK)
        unget_wch((wchar_t)code);
    return -1;
}

/* Terminals send Alt-x as Escape then x: an Escape followed at once by a digit is Alt-digit;
 * Escape [ or Escape O at once is a sequence (Escape [200~ starts a bracketed paste). -1: the
 * sequence is ignored, no key. */
static int ui_read_alt_key(struct ui *ui)
{
    wint_t next;
    wtimeout(stdscr, 0);
    int status = wget_wch(stdscr, &next);
    wtimeout(stdscr, 500);
    if (status == OK && (next == '[' || next == 'O')) {
        int key = ui_read_sequence(next);
        if (key == KEYS_PASTE)
            ui_read_paste(ui);
        return key;
    }
    if (status == OK && next >= '1' && next <= '9')
        return KEYS_ALT_DIGIT((int)(next - '0'));
    /* Whatever came after goes back as it came: a function key (an arrow typed just after
     * Escape) pushed back as a character would be lost. */
    if (status == KEY_CODE_YES)
        ungetch((int)next);
    else if (status == OK)
        unget_wch((wchar_t)next);
    return KEYS_ESCAPE;
}

/* Half a second without a key in the main loop: the screen's own idle work, then a new frame
 * when the journal changed elsewhere (screens reload what they show when they draw). */
static enum screen_result ui_tick(struct ui *ui)
{
    const struct screen_ops *ops = ui->screens[ui->current];
    enum screen_result result =
        ops->tick != NULL ? ops->tick(ui->states[ui->current], ui->app) : SCREEN_UNCHANGED;
    if (journal_is_stale(ui->app->journal, &ui->seen_freshness)) {
        /* A screen without idle work of its own reloads as when it becomes visible. */
        if (ops->tick == NULL && ops->enter != NULL)
            ops->enter(ui->states[ui->current], ui->app);
        result |= SCREEN_REDRAW_BODY;
    }
    return result;
}

/* Whether the current screen has work to do between keys (screen.h: pending, work). */
static bool ui_pending(struct ui *ui)
{
    const struct screen_ops *ops = ui->screens[ui->current];
    return ui->idle_ticks && ops->pending != NULL && ops->work != NULL &&
           ops->pending(ui->states[ui->current], ui->app);
}

static int ui_read_terminal_key(struct ui *ui)
{
    for (;;) {
        ui_exit_on_signal(ui);
        wint_t character;
        bool pending = ui_pending(ui);
        wtimeout(stdscr, pending ? 0 : 500);
        int status = wget_wch(stdscr, &character);
        wtimeout(stdscr, 500);
        if (status == ERR) {
            if (pending)
                return KEYS_WORK;
            ui_keep_typing(ui); /* a pause in a prompt: its text may go into a draft */
            if (ui->idle_ticks) {
                ui_mark_result(ui, ui_tick(ui));
                if (ui->dirty != 0)
                    return UI_KEY_IDLE; /* the next frame draws what the tick marked */
            }
            continue;
        }
        if (status == KEY_CODE_YES) {
            int key = ui_normalise_function_key(ui, (int)character);
            if (key >= 0)
                return key;
            continue;
        }
        if (character == '\r')
            return KEYS_ENTER;
        if (character == KEYS_ESCAPE) {
            int key = ui_read_alt_key(ui);
            if (key >= 0)
                return key;
            continue;
        }
        if (character == 8)
            return KEYS_BACKSPACE;
        return (int)character;
    }
}

static int ui_read_script_key(struct ui *ui)
{
    /* A script's next key waits until the work is done, so that what it sees is repeatable;
     * each slice is still a frame of its own. */
    if (ui_pending(ui))
        return KEYS_WORK;
    for (;;) {
        struct script_event event = script_next(ui->script);
        switch (event.kind) {
        case SCRIPT_KEY:
            return event.a;
        case SCRIPT_RESIZE:
            resize_term(event.b, event.a);
            return KEYS_RESIZE;
        case SCRIPT_CLICK:
            ui->mouse_y = event.a;
            ui->mouse_x = event.b;
            return KEYS_MOUSE;
        case SCRIPT_DUMP:
            ui_dump();
            break;
        case SCRIPT_REDRAWS:
            ui_report_redraws(ui, event.a != 0);
            break;
        case SCRIPT_END:
            ui->script_ended = true;
            return KEYS_ESCAPE;
        }
    }
}

/* The next key from the keyboard or the script. Every modal loop reads through here. At a new
 * size the whole terminal is sent again: it may have reflowed or cleared its rows. */
static int ui_read_key(struct ui *ui)
{
    if (ui->script_ended)
        return KEYS_ESCAPE;
    int key = ui->script ? ui_read_script_key(ui) : ui_read_terminal_key(ui);
    if (key == KEYS_RESIZE)
        ui_mark(ui, UI_ALL | UI_REPAINT);
    return key;
}

/* --- messages and dialogs --------------------------------------------------------------- */

static void ui_set_message(struct ui *ui, bool is_error, const char *format, va_list args)
{
    vsnprintf(ui->message, sizeof ui->message, format, args);
    /* A long message quoting the person's text must not end in half a character. */
    ui->message[text_cut(ui->message, sizeof ui->message - 1)] = '\0';
    ui->message_is_error = is_error;
    ui_mark(ui, UI_STATUS);
}

/* A message lasts until the next key. */
static void ui_clear_message(struct ui *ui)
{
    if (ui->message[0] == '\0')
        return;
    ui->message[0] = '\0';
    ui_mark(ui, UI_STATUS);
}

void ui_message(struct ui *ui, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ui_set_message(ui, false, format, args);
    va_end(args);
}

void ui_error(struct ui *ui, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ui_set_message(ui, true, format, args);
    va_end(args);
}

int ui_choose(struct ui *ui, const char *question, const char *choices)
{
    ui->prompt = question;
    ui->prompt_cursor = -1;
    ui_mark(ui, UI_DIALOG);
    int answer = 0;
    for (;;) {
        ui_draw(ui);
        int key = ui_read_key(ui);
        if (key == KEYS_ESCAPE || ui->script_ended)
            break;
        if (key == KEYS_ENTER) {
            answer = choices[0];
            break;
        }
        if (key > 0 && key < 128 && strchr(choices, key) != NULL) {
            answer = key;
            break;
        }
    }
    ui->prompt = NULL;
    ui_mark(ui, UI_STATUS);
    return answer;
}

bool ui_confirm(struct ui *ui, const char *question)
{
    char text[300];
    snprintf(text, sizeof text, "%s (y/n) ", question);
    /* Enter takes the first choice: "no", the safe one. */
    return ui_choose(ui, text, "ny") == 'y';
}

/* A line being edited, as code points (what wget_wch gives in a UTF-8 locale): the cursor moves
 * by character, and the text goes back to UTF-8 as it came, whatever its length. */
struct ui_line {
    long *text;
    size_t length;
    size_t capacity;
    size_t cursor;
};

static void ui_line_insert(struct ui_line *line, long code)
{
    xgrow(&line->text, &line->capacity, line->length + 1, sizeof *line->text);
    memmove(&line->text[line->cursor + 1], &line->text[line->cursor],
            (line->length - line->cursor) * sizeof *line->text);
    line->text[line->cursor++] = code;
    line->length++;
}

/* A byte that is not UTF-8 becomes U+FFFD, visibly, instead of the whole text being lost. */
static void ui_line_init(struct ui_line *line, const char *initial)
{
    memset(line, 0, sizeof *line);
    const char *bytes = initial ? initial : "";
    long code;
    for (size_t step; (step = text_decode(bytes, &code)) > 0; bytes += step)
        ui_line_insert(line, code >= 0 ? code : 0xFFFD);
}

static void ui_line_release(struct ui_line *line)
{
    free(line->text);
    memset(line, 0, sizeof *line);
}

/* The characters [from, to) as a newly allocated UTF-8 string. */
static char *ui_line_to_utf8(const struct ui_line *line, size_t from, size_t to)
{
    char *bytes = xmalloc(4 * (to - from) + 1);
    size_t used = 0;
    for (size_t i = from; i < to; i++)
        used += text_encode(line->text[i], bytes + used);
    bytes[used] = '\0';
    return bytes;
}

/* Applies an editing key; returns true when the text changed. */
static bool ui_line_edit(struct ui_line *line, int key)
{
    if (key == KEYS_LEFT && line->cursor > 0)
        line->cursor--;
    else if (key == KEYS_RIGHT && line->cursor < line->length)
        line->cursor++;
    else if (key == KEYS_HOME || key == KEYS_CTRL('a'))
        line->cursor = 0;
    else if (key == KEYS_END || key == KEYS_CTRL('e'))
        line->cursor = line->length;
    else if (key == KEYS_BACKSPACE && line->cursor > 0) {
        line->cursor--;
        return ui_line_edit(line, KEYS_DELETE);
    } else if (key == KEYS_DELETE && line->cursor < line->length) {
        memmove(&line->text[line->cursor], &line->text[line->cursor + 1],
                (line->length - line->cursor - 1) * sizeof *line->text);
        line->length--;
        return true;
    } else if (key == KEYS_CTRL('u')) {
        line->length = line->cursor = 0;
        return true;
    } else if (key >= 32 && key < KEYS_FUNCTION_BASE && !text_is_control(key) &&
               text_is_code_point(key)) {
        ui_line_insert(line, key);
        return true;
    }
    return false;
}

/* Inserts pasted text: a one-line field takes line breaks and tabs as spaces and drops other
 * control characters; true when anything was inserted. */
static bool ui_line_paste(struct ui_line *line, const char *text)
{
    bool inserted = false;
    long code;
    for (size_t step; (step = text_decode(text, &code)) > 0; text += step) {
        if (code == '\n' || code == '\t')
            code = ' ';
        if (code < 0)
            code = 0xFFFD;
        if (code >= 32 && !text_is_control(code) && text_is_code_point(code)) {
            ui_line_insert(line, code);
            inserted = true;
        }
    }
    return inserted;
}

/* Shows "label text" in the status line, scrolled by whole characters so that the cursor is
 * visible. */
static char *ui_line_render(struct ui *ui, const char *label, const struct ui_line *line)
{
    int label_width = text_width(label) + 1;
    int room = COLS - label_width - 1;
    int cursor_columns = 0;
    for (size_t i = 0; i < line->cursor; i++)
        cursor_columns += text_char_width(line->text[i]);
    size_t first = 0;
    while (cursor_columns > room && first < line->cursor)
        cursor_columns -= text_char_width(line->text[first++]);
    ui->prompt_cursor = label_width + cursor_columns;
    char *shown = ui_line_to_utf8(line, first, line->length);
    char *rendered = xprintf("%s %s", label, shown);
    free(shown);
    return rendered;
}

/* Hands an open kept prompt's text, as it stands, to its screen. */
static void ui_keep_typing(struct ui *ui)
{
    if (ui->keep == NULL || ui->kept_line == NULL)
        return;
    char *text = ui_line_to_utf8(ui->kept_line, 0, ui->kept_line->length);
    ui->keep(text, ui->keep_context);
    free(text);
}

/* The prompt's loop: `changed` after each edit (a live prompt), or `keep` after each edit, at
 * each pause and at a stopping signal (a kept prompt). */
static char *ui_prompt_run(struct ui *ui, const char *label, const char *initial,
                           void (*changed)(const char *text, void *context),
                           void (*keep)(const char *text, void *context), void *context)
{
    struct ui_line line;
    ui_line_init(&line, initial);
    char *result = NULL;
    /* A prompt opened from a kept prompt's screen (never today) still gives the outer one back. */
    const struct ui_line *outer_line = ui->kept_line;
    void (*outer_keep)(const char *, void *) = ui->keep;
    void *outer_context = ui->keep_context;
    if (keep != NULL) {
        /* Given back to outer_line before this function returns, on every path. */
        // cppcheck-suppress autoVariables
        ui->kept_line = &line;
        ui->keep = keep;
        ui->keep_context = context;
    }
    ui_mark(ui, UI_DIALOG);
    char *shown = NULL;
    int shown_cursor = -1;
    for (;;) {
        char *rendered = ui_line_render(ui, label, &line);
        /* A key that changes nothing in the line (Left at its start) draws nothing. */
        if (shown == NULL || strcmp(rendered, shown) != 0 || ui->prompt_cursor != shown_cursor)
            ui_mark(ui, UI_STATUS);
        free(shown);
        shown = rendered;
        ui->prompt = rendered;
        shown_cursor = ui->prompt_cursor;
        ui_draw(ui);
        int key = ui_read_key(ui);
        ui->prompt = NULL;
        if (key == KEYS_ESCAPE || ui->script_ended)
            break;
        if (key == KEYS_ENTER) {
            result = ui_line_to_utf8(&line, 0, line.length);
            break;
        }
        bool edited =
            key == KEYS_PASTE ? ui_line_paste(&line, ui_paste_text(ui)) : ui_line_edit(&line, key);
        if (edited && changed != NULL) {
            char *text = ui_line_to_utf8(&line, 0, line.length);
            changed(text, context);
            free(text);
            ui_mark(ui, UI_BODY); /* the screen filters behind the prompt */
        }
        if (edited && keep != NULL)
            ui_keep_typing(ui); /* someone typing without a pause still gets a draft */
    }
    free(shown);
    ui->kept_line = outer_line;
    ui->keep = outer_keep;
    ui->keep_context = outer_context;
    ui_line_release(&line);
    ui->prompt_cursor = -1;
    ui_mark(ui, UI_STATUS);
    return result;
}

char *ui_prompt_live(struct ui *ui, const char *label, const char *initial,
                     void (*changed)(const char *text, void *context), void *context)
{
    return ui_prompt_run(ui, label, initial, changed, NULL, context);
}

char *ui_prompt_kept(struct ui *ui, const char *label, const char *initial,
                     void (*keep)(const char *text, void *context), void *context)
{
    return ui_prompt_run(ui, label, initial, NULL, keep, context);
}

char *ui_prompt(struct ui *ui, const char *label, const char *initial)
{
    return ui_prompt_run(ui, label, initial, NULL, NULL, NULL);
}

void ui_busy(struct ui *ui, const char *text)
{
    if (ui_too_small())
        return;
    draw_blank(LINES - 1, 0, COLS, THEME_STATUS);
    draw_text(LINES - 1, 1, COLS - 1, text, THEME_MESSAGE);
    wnoutrefresh(stdscr);
    doupdate();
    ui_mark(ui, UI_STATUS); /* the next frame puts the status line back */
}

void ui_suspend(struct ui *ui)
{
    (void)ui;
    def_prog_mode();
    ui_bracketed_paste(false);
    endwin();
}

void ui_resume(struct ui *ui)
{
    reset_prog_mode();
    ui_bracketed_paste(true);
    /* Another program had the terminal: the frame as it was, all of it sent, at once (the
     * screen's handler has not finished), and the next frame drawn whole. */
    clearok(curscr, TRUE);
    wnoutrefresh(stdscr);
    doupdate();
    ui_mark(ui, UI_ALL);
}

bool ui_is_headless(const struct ui *ui)
{
    return ui->script != NULL;
}

/* --- screens and the event loop --------------------------------------------------------- */

static void ui_enter_current(struct ui *ui)
{
    const struct screen_ops *ops = ui->screens[ui->current];
    if (ops->enter != NULL)
        ops->enter(ui->states[ui->current], ui->app);
}

static bool ui_leave_current(struct ui *ui)
{
    const struct screen_ops *ops = ui->screens[ui->current];
    return ops->leave == NULL || ops->leave(ui->states[ui->current], ui->app);
}

void ui_switch_screen(struct ui *ui, enum screen_id screen)
{
    if (screen == ui->current || (int)screen >= ui->screen_count || !ui_leave_current(ui))
        return;
    ui->current = screen;
    ui_enter_current(ui);
    ui_mark(ui, UI_ALL);
}

static void ui_try_quit(struct ui *ui)
{
    if (ui_leave_current(ui))
        ui->quit = true;
}

static void ui_handle_click(struct ui *ui)
{
    if (ui->mouse_y == 0) {
        for (int i = 0; i < ui->screen_count; i++)
            if (ui->mouse_x >= ui->tab_start[i] && ui->mouse_x < ui->tab_start[i + 1])
                ui_switch_screen(ui, (enum screen_id)i);
        return;
    }
    const struct screen_ops *ops = ui->screens[ui->current];
    struct draw_rect area = ui_screen_area();
    if (ops->click != NULL && ui->mouse_y >= area.y && ui->mouse_y < area.y + area.height)
        ui_mark_result(
            ui, ops->click(ui->states[ui->current], ui->app, ui->mouse_y, ui->mouse_x, area));
}

/* Keys every screen shares, tried when the screen did not take the key. */
/* Raw mode turns off the terminal's own Ctrl-Z, so the app suspends itself: the shell's job
 * control works as usual and the screen comes back on `fg`. Unsaved changes stay in memory. */
static void ui_stop_job(struct ui *ui)
{
    if (ui->script != NULL)
        return;
    ui_suspend(ui);
    raise(SIGTSTP);
    ui_resume(ui);
}

static void ui_handle_global_key(struct ui *ui, int key)
{
    bool digits = ui->screens[ui->current]->digits_are_values;
    if (key >= '0' && key <= '9' && digits)
        ui_message(ui, "%c is not a value for this row; Alt-%c or Tab switches screens", key,
                   key >= '1' && key < '1' + ui->screen_count ? key : '1');
    else if (key >= '1' && key < '1' + ui->screen_count)
        ui_switch_screen(ui, (enum screen_id)(key - '1'));
    else if (key >= KEYS_ALT_DIGIT(1) && key < KEYS_ALT_DIGIT(1) + ui->screen_count)
        ui_switch_screen(ui, (enum screen_id)(key - KEYS_ALT_DIGIT(1)));
    else if (key == KEYS_TAB)
        ui_switch_screen(ui, (enum screen_id)((ui->current + 1) % ui->screen_count));
    else if (key == KEYS_BACKTAB)
        ui_switch_screen(
            ui, (enum screen_id)(((int)ui->current + ui->screen_count - 1) % ui->screen_count));
    else if (key == '?' || key == KEYS_F1) {
        ui->help_visible = true;
        ui->help_top = 0;
        ui_mark(ui, UI_OVERLAY);
    } else if (key == 'q' || key == KEYS_CTRL('c'))
        ui_try_quit(ui);
    else if (key == KEYS_CTRL('z'))
        ui_stop_job(ui);
}

/* A key while the help shows: 1 when it scrolled it (only when the help does not fit). */
static int ui_help_scroll(struct ui *ui, int key)
{
    int last = ui->help_lines - ui->help_room;
    if (last <= 0)
        return 0;
    int step = 0;
    switch (keys_vi_to_arrow(key)) {
    case KEYS_DOWN:
        step = 1;
        break;
    case KEYS_UP:
        step = -1;
        break;
    case KEYS_PAGE_DOWN:
        step = ui->help_room;
        break;
    case KEYS_PAGE_UP:
        step = -ui->help_room;
        break;
    case KEYS_HOME:
        step = -ui->help_lines;
        break;
    case KEYS_END:
        step = ui->help_lines;
        break;
    default:
        return 0;
    }
    ui->help_top += step;
    ui->help_top = ui->help_top < 0 ? 0 : ui->help_top > last ? last : ui->help_top;
    ui_mark(ui, UI_OVERLAY);
    return 1;
}

/* The help or the reader closes: what was under it is drawn again, all of it. */
static void ui_close_overlay(struct ui *ui, bool *visible)
{
    *visible = false;
    ui_mark(ui, UI_ALL);
}

/* A key while the reader shows: it scrolls, or Esc, q or Enter closes it; Ctrl-C quits as
 * everywhere; nothing else acts. */
static void ui_reader_key(struct ui *ui, int key)
{
    if (key == KEYS_CTRL('c')) {
        ui_close_overlay(ui, &ui->reader_visible);
        ui_try_quit(ui);
    } else if (key == KEYS_ESCAPE || key == 'q' || key == KEYS_ENTER) {
        ui_close_overlay(ui, &ui->reader_visible);
    } else if (text_panel_key(&ui->reader, key, ui_reader_area())) {
        ui_mark(ui, UI_OVERLAY);
    } else {
        ui_message(ui, "Esc or q closes the text");
    }
}

static void ui_handle_key(struct ui *ui, int key)
{
    ui_clear_message(ui);
    if (ui->help_visible) {
        int scroll = ui_help_scroll(ui, key);
        if (scroll == 0)
            ui_close_overlay(ui, &ui->help_visible);
        return;
    }
    if (ui_too_small()) {
        if (key == 'q' || key == KEYS_CTRL('c'))
            ui_try_quit(ui);
        return;
    }
    if (ui->reader_visible) {
        ui_reader_key(ui, key);
        return;
    }
    if (key == KEYS_MOUSE) {
        ui_handle_click(ui);
        return;
    }
    const struct screen_ops *ops = ui->screens[ui->current];
    enum screen_result result = ops->key(ui->states[ui->current], ui->app, key, ui_screen_area());
    ui_mark_result(ui, result);
    if ((result & SCREEN_QUIT) == SCREEN_QUIT)
        ui_try_quit(ui);
    else if (result == SCREEN_IGNORED)
        ui_handle_global_key(ui, key);
}

/* GUTSKIN_FRAME_TIMES=FILE appends the time of every frame of the main loop (handling a key,
 * then drawing) to FILE in microseconds, one per line: bench/run.sh measures Trends with it. */
static void ui_frame_begin(struct ui *ui)
{
    if (ui->frame_times != NULL)
        clock_gettime(CLOCK_MONOTONIC, &ui->frame_start);
}

static void ui_frame_end(struct ui *ui)
{
    if (ui->frame_times == NULL)
        return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long micros = (end.tv_sec - ui->frame_start.tv_sec) * 1000000LL +
                       (end.tv_nsec - ui->frame_start.tv_nsec) / 1000;
    fprintf(ui->frame_times, "%lld\n", micros);
}

static void ui_loop(struct ui *ui)
{
    const char *frame_times = getenv("GUTSKIN_FRAME_TIMES");
    if (frame_times != NULL && frame_times[0] != '\0')
        ui->frame_times = fopen(frame_times, "a");
    ui_frame_begin(ui);
    /* Marked before too: a screen's enter may ask at once (the check-in offers a draft back),
     * and its question is drawn over the whole first frame, tab bar included. */
    ui_mark(ui, UI_ALL | UI_REPAINT);
    ui_enter_current(ui);
    ui_mark(ui, UI_ALL | UI_REPAINT);
    while (!ui->quit) {
        ui_draw(ui);
        ui_frame_end(ui);
        ui->idle_ticks = true;
        int key = ui_read_key(ui);
        ui->idle_ticks = false;
        ui_frame_begin(ui);
        if (ui->script_ended)
            break;
        if (key == KEYS_RESIZE || key == UI_KEY_IDLE)
            continue; /* marked already: the next frame draws it */
        if (key == KEYS_WORK) {
            ui_mark_result(ui, ui->screens[ui->current]->work(ui->states[ui->current], ui->app));
            continue;
        }
        if (key == KEYS_PASTE) {
            /* Pasted text is never keys: ten lines of a note must not rate, save or quit. */
            ui_message(ui, "Pasted text goes into a text field: press Enter on the note (or a "
                           "search) first, then paste. Nothing was changed");
            continue;
        }
        ui_handle_key(ui, key);
        if (ui->app->backup_notice[0] != '\0') {
            ui_error(ui, "%s", ui->app->backup_notice);
            ui->app->backup_notice[0] = '\0';
        }
    }
}

static void ui_init_screens(struct ui *ui)
{
    ui->states = xcalloc((size_t)ui->screen_count, sizeof *ui->states);
    ui->tab_start = xcalloc((size_t)ui->screen_count + 1, sizeof *ui->tab_start);
    for (int i = 0; i < ui->screen_count; i++) {
        ui->states[i] = xcalloc(1, ui->screens[i]->state_size);
        ui->screens[i]->init(ui->states[i], ui->app);
    }
}

void ui_reload_screens(struct ui *ui)
{
    for (int i = 0; i < ui->screen_count; i++) {
        if (i == (int)ui->current || ui->states[i] == NULL)
            continue;
        if (ui->screens[i]->reload != NULL) {
            ui->screens[i]->reload(ui->states[i], ui->app);
            continue;
        }
        if (ui->screens[i]->release != NULL)
            ui->screens[i]->release(ui->states[i]);
        memset(ui->states[i], 0, ui->screens[i]->state_size);
        ui->screens[i]->init(ui->states[i], ui->app);
    }
}

static void ui_release_screens(struct ui *ui)
{
    for (int i = 0; ui->states != NULL && i < ui->screen_count; i++) {
        if (ui->states[i] == NULL)
            continue;
        if (ui->screens[i]->release != NULL)
            ui->screens[i]->release(ui->states[i]);
        free(ui->states[i]);
    }
    free(ui->states);
    free(ui->tab_start);
    text_panel_release(&ui->reader);
}

int ui_run(struct app *app, const struct screen_ops *const *screens, size_t count,
           enum screen_id first)
{
    struct ui ui;
    memset(&ui, 0, sizeof ui);
    text_panel_init(&ui.reader);
    ui.app = app;
    ui.screens = screens;
    ui.screen_count = (int)count;
    app->screens = screens;
    app->screen_count = count;
    ui.current = first;
    ui.prompt_cursor = -1;
    /* The pointer is cleared again before ui_run returns. */
    // cppcheck-suppress autoVariables
    app->ui = &ui;
    if (!ui_start(&ui)) {
        ui_stop(&ui);
        app->ui = NULL;
        return 1;
    }
    ui_init_screens(&ui);
    if (app->startup_notice != NULL)
        ui_error(&ui, "%s", app->startup_notice);
    ui_loop(&ui);
    ui_release_screens(&ui);
    ui_stop(&ui);
    app->ui = NULL;
    return 0;
}
