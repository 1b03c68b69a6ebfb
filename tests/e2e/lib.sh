# lib.sh - helpers for end-to-end tests that run the real gutskin in tmux, as a person would.
# Source it with the gutskin binary as $1:  . "$(dirname "$0")/lib.sh" "$1"
set -euo pipefail

GUTSKIN=$(readlink -f "$1")
E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-e2e-XXXXXX")
E2E_SOCKET="gutskin-e2e-$$"
export HOME="$E2E_WORK/home" XDG_DATA_HOME="$E2E_WORK/data" XDG_CONFIG_HOME="$E2E_WORK/config"
# The first start (a screen for a new journal) is off; test-make-it-mine.sh turns it on.
export GUTSKIN_TODAY=2026-03-15 LC_ALL=C.UTF-8 TZ=UTC GUTSKIN_FIRST_START=off
unset GUTSKIN_DB GUTSKIN_TEST_SCRIPT NO_COLOR TMUX
mkdir -p "$HOME"
JOURNAL="$XDG_DATA_HOME/gutskin/journal.db"

e2e_cleanup() {
    tmux -L "$E2E_SOCKET" kill-server 2>/dev/null || true
    rm -rf "$E2E_WORK"
}
trap e2e_cleanup EXIT

# e2e_new_server: stops the current tmux server and moves to a new socket, so that the next
# session never races with a server that is still shutting down.
E2E_SERVERS=0
e2e_new_server() {
    tmux -L "$E2E_SOCKET" kill-server 2>/dev/null || true
    E2E_SERVERS=$((E2E_SERVERS + 1))
    E2E_SOCKET="gutskin-e2e-$$-$E2E_SERVERS"
}

# A test that cannot run here exits with this status, which ctest reports as skipped (never as
# passed). E2E_SKIP_STATUS is set as SKIP_RETURN_CODE in tests/CMakeLists.txt.
E2E_SKIP_STATUS=77

# e2e_skip REASON: the whole test cannot run here.
e2e_skip() {
    echo "SKIP: $*"
    exit "$E2E_SKIP_STATUS"
}

# e2e_need PROGRAM...: the test cannot run without these programs; skipped when one is missing.
e2e_need() {
    local program
    for program in "$@"; do
        command -v "$program" >/dev/null 2>&1 || e2e_skip "$program is not installed"
    done
}

# e2e_skip_part REASON: one part of the test cannot run here; the others still run, and
# e2e_finish then reports the test as skipped instead of passed.
E2E_SKIPPED_PARTS=()
e2e_skip_part() {
    echo "SKIP: $*"
    E2E_SKIPPED_PARTS+=("$*")
}

# e2e_finish: the last line of a test with parts: "ok", or skipped when a part could not run.
e2e_finish() {
    if [ "${#E2E_SKIPPED_PARTS[@]}" -gt 0 ]; then
        local IFS=';'
        echo "the other parts passed; skipped: ${E2E_SKIPPED_PARTS[*]}"
        exit "$E2E_SKIP_STATUS"
    fi
    echo "ok"
}

fail() {
    echo "FAIL: $*" >&2
    echo "--- screen ---" >&2
    e2e_screen >&2 || true
    exit 1
}

# e2e_expect STATUS PATTERN ARGS...: gutskin ARGS (no terminal) exits with STATUS and says
# PATTERN on stderr; its output is left in $E2E_WORK/out and $E2E_WORK/err.
e2e_expect() {
    local want=$1 pattern=$2 status=0
    shift 2
    timeout 10 "$GUTSKIN" "$@" >"$E2E_WORK/out" 2>"$E2E_WORK/err" </dev/null || status=$?
    [ "$status" = "$want" ] || fail "gutskin $*: status $status, not $want ($(cat "$E2E_WORK/err"))"
    grep -q -- "$pattern" "$E2E_WORK/err" ||
        fail "gutskin $*: expected '$pattern', got: $(cat "$E2E_WORK/err")"
}

# e2e_start WIDTH HEIGHT [ARGS...]: starts gutskin in a fresh tmux session (TERM is
# xterm-256color, or E2E_TERM).
e2e_start() {
    e2e_need tmux
    local width=$1 height=$2
    shift 2
    local command
    # The exit line starts at column 0 whatever the app left behind: after a SIGKILL the terminal
    # is still raw (a newline does not return the cursor), and a line that began mid-row would
    # wrap and split "gutskin-exited-137" across two rows, depending on the path's length.
    command="env TERM=${E2E_TERM:-xterm-256color} $(printf '%q ' "$GUTSKIN" "$@"); printf '\\r\\ngutskin-exited-%s\\r\\n' \$?; sleep 30"
    # A busy machine occasionally loses a freshly started tmux server: try again before failing.
    for _ in 1 2 3; do
        if tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -s main -x "$width" -y "$height" \
            "$command" 2>"$E2E_WORK/tmux.err"; then
            return 0
        fi
        sleep 0.2
    done
    cat "$E2E_WORK/tmux.err" >&2
    fail "tmux would not start"
}

e2e_keys() { tmux -L "$E2E_SOCKET" send-keys -t main "$@"; }
e2e_type() { tmux -L "$E2E_SOCKET" send-keys -t main -l "$1"; }
e2e_screen() { tmux -L "$E2E_SOCKET" capture-pane -p -t main; }
e2e_resize() { tmux -L "$E2E_SOCKET" resize-window -t main -x "$1" -y "$2"; }

# e2e_gutskin_pid: the process id of the gutskin running in the tmux pane (the shell's child).
e2e_gutskin_pid() {
    local shell
    shell=$(tmux -L "$E2E_SOCKET" display-message -p -t main '#{pane_pid}')
    pgrep -P "$shell" | head -1
}

# e2e_drafts: how many check-in drafts lie beside the journal.
e2e_drafts() { find "$JOURNAL.drafts" -name '*.draft' 2>/dev/null | wc -l; }

# How long a wait for the screen lasts, in tenths of a second: long, because a loaded machine
# (the suite in parallel, under a sanitizer) can be slow, and a wait that succeeds ends at once.
E2E_WAIT_TENTHS=${E2E_WAIT_TENTHS:-200}

# e2e_wait_for TEXT: waits up to E2E_WAIT_TENTHS for TEXT to appear on the screen.
e2e_wait_for() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        if e2e_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.1
    done
    fail "did not see '$1'"
}

# e2e_wait_gone TEXT: waits up to E2E_WAIT_TENTHS for TEXT to disappear.
e2e_wait_gone() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        if ! e2e_screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.1
    done
    fail "'$1' is still on the screen"
}
