// GNU readline for the smr REPL. stdio.h must come before the readline headers.
//
// Swift 6 treats writes to C globals as concurrency errors, so every readline global
// the REPL sets or reads goes through one of these static inline helpers.
#ifndef SMR_CREADLINE_SHIM_H
#define SMR_CREADLINE_SHIM_H
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Installs the attempted-completion callback.
static inline void smr_rl_set_completion(rl_completion_func_t *fn) {
    rl_attempted_completion_function = fn;
}

/// Whether readline installs its own signal handlers (the REPL handles SIGINT itself).
static inline void smr_rl_set_catch_signals(int on) {
    rl_catch_signals = on;
    rl_catch_sigwinch = on;
}

/// The application name for ~/.inputrc conditionals (`$if smr`).
static inline void smr_rl_set_name(const char *name) { rl_readline_name = name; }

/// Characters that end a word for completion.
static inline void smr_rl_set_word_breaks(const char *chars) {
    rl_basic_word_break_characters = chars;
    rl_completer_word_break_characters = (char *)chars;
}

/// Called from the completion callback: no filename fallback, no appended space.
static inline void smr_rl_completion_options(int over, int suppress_append) {
    rl_attempted_completion_over = over;
    rl_completion_suppress_append = suppress_append;
}

/// Don't sort or show matches differently: keep readline's defaults but disable the
/// "Display all N possibilities?" question below this many matches.
static inline void smr_rl_set_query_items(int n) { rl_completion_query_items = n; }

/// The line being edited and the cursor position (for completion context).
static inline const char *smr_rl_line_buffer(void) { return rl_line_buffer ? rl_line_buffer : ""; }
static inline int smr_rl_point(void) { return rl_point; }

/// Forget the line being edited after Ctrl-C at the prompt.
static inline void smr_rl_cancel_line(void) {
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_cleanup_after_signal();
    rl_callback_handler_remove();
}

/// Auto-indent: text placed on the new line before the user types (the block's indentation).
static inline void smr_rl_prefill(const char *text) {
    if (text && *text) { rl_insert_text(text); }
}

/// Backspace inside leading spaces removes one indentation level (back to the previous
/// multiple of four), as IPython's does; elsewhere it deletes one character.
static inline int smr_rl_smart_backspace(int count, int key) {
    if (count == 1 && rl_point > 0 && rl_line_buffer) {
        int spaces = 1;
        for (int i = 0; i < rl_point; i++) if (rl_line_buffer[i] != ' ') { spaces = 0; break; }
        if (spaces) {
            int remove = rl_point % 4 == 0 ? 4 : rl_point % 4;
            rl_delete_text(rl_point - remove, rl_point);
            rl_point -= remove;
            return 0;
        }
    }
    return rl_rubout(count, key);
}

/// Bind Backspace (DEL and Ctrl-H) to `smr_rl_smart_backspace`. Call it after each
/// `rl_callback_handler_install`: installing prepares the terminal, and that binds the
/// terminal's erase character to readline's own rubout again, over any earlier binding.
static inline void smr_rl_bind_smart_backspace(void) {
    rl_bind_key(127, smr_rl_smart_backspace);
    rl_bind_key(8, smr_rl_smart_backspace);
}

/// The history list length.
static inline int smr_history_length(void) { return history_length; }

// MARK: SIGINT → a flag and a self-pipe byte, so that poll() wakes up.

// Static state: use these only from one Swift module (SMRNotebook).
static volatile sig_atomic_t smr_sigint_pending = 0;
static volatile sig_atomic_t smr_sigint_count = 0;
static int smr_sigint_exit_after = 0;
static int smr_sigint_pipe_write_fd = -1;
static void (*smr_sigint_callback)(void) = 0;

static inline void smr_sigint_handler(int sig) {
    (void)sig;
    smr_sigint_pending = 1;
    smr_sigint_count += 1;
    if (smr_sigint_exit_after > 0 && smr_sigint_count >= smr_sigint_exit_after) _exit(130);
    if (smr_sigint_callback) smr_sigint_callback();
    if (smr_sigint_pipe_write_fd >= 0) {
        char b = 'i';
        ssize_t r = write(smr_sigint_pipe_write_fd, &b, 1);
        (void)r;
    }
}

/// Install the SIGINT handler; `fd` is the write end of a non-blocking pipe (or -1),
/// `callback` runs in the handler (it must only set atomics), and after
/// `exit_after` presses (0: never) the process exits with status 130.
static inline void smr_install_sigint(int fd, void (*callback)(void), int exit_after) {
    smr_sigint_pipe_write_fd = fd;
    smr_sigint_callback = callback;
    smr_sigint_exit_after = exit_after;
    smr_sigint_count = 0;
    struct sigaction sa;
    sa.sa_handler = smr_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: poll() returns EINTR
    sigaction(SIGINT, &sa, NULL);
}

/// Forget earlier presses (the count toward `exit_after`).
static inline void smr_sigint_reset_count(void) { smr_sigint_count = 0; }

/// Read and clear the pending flag.
static inline int smr_sigint_take(void) {
    int p = smr_sigint_pending;
    smr_sigint_pending = 0;
    return p;
}

// MARK: test support — run a program on a new pseudo-terminal (its controlling
// terminal, so that Ctrl-C typed into the master raises SIGINT in it).

#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

/// Fork and exec `path` with `argv`/`envp` on a new pty of `rows`×`cols`; returns the
/// child's pid (or -1) and stores the master side in `*master_fd`.
static inline int smr_spawn_in_pty(const char *path, char *const argv[], char *const envp[],
                                   int rows, int cols, int *master_fd) {
    int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    int unlock = 0, n = -1;
    if (ioctl(m, TIOCSPTLCK, &unlock) != 0 || ioctl(m, TIOCGPTN, &n) != 0) { close(m); return -1; }
    char name[64];
    snprintf(name, sizeof name, "/dev/pts/%d", n);
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    int pid = fork();
    if (pid < 0) { close(m); return -1; }
    if (pid == 0) {
        setsid();
        int s = open(name, O_RDWR);
        if (s < 0) _exit(126);
        ioctl(s, TIOCSCTTY, 0);
        ioctl(s, TIOCSWINSZ, &ws);
        dup2(s, 0); dup2(s, 1); dup2(s, 2);
        if (s > 2) close(s);
        close(m);
        execve(path, argv, envp);
        _exit(127);
    }
    *master_fd = m;
    return pid;
}
#endif
