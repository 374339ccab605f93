// GNU readline for the smr REPL. stdio.h must come before the readline headers.
#ifndef SMR_CREADLINE_SHIM_H
#define SMR_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Installs the attempted-completion callback. Setting the global from Swift 6 is a
/// concurrency error, so it goes through this C setter.
static inline void smr_rl_set_completion(rl_completion_func_t *fn) {
    rl_attempted_completion_function = fn;
}
#endif
