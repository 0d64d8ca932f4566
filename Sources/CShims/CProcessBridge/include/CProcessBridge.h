#ifndef CCG_PROCESS_BRIDGE_H
#define CCG_PROCESS_BRIDGE_H
// Starting a plugin's process: pipe2 and posix_spawn_file_actions_addchdir_np are GNU extensions that
// Swift's Glibc module does not declare; this one function uses them.
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Starts `path` with `argv` (NULL-terminated) and the current environment, in `directory`, in a process
/// group of its own, with the default dispositions of SIGPIPE, SIGINT, SIGTERM, SIGHUP and SIGQUIT and no
/// signal blocked. Its standard input, output and error are pipes; the parent's ends (close-on-exec,
/// non-blocking) are returned in `fds` (0: write to its input, 1: read its output, 2: read its errors).
/// Returns 0, or an errno value (nothing is left open then).
int ccg_spawn(const char *path, char *const argv[], const char *directory, int fds[3], pid_t *pid);

/// glibc's malloc_trim(0): gives the pages malloc holds free back to the system (malloc.h is not in
/// Swift's Glibc module). Returns 1 when memory was released.
int ccg_release_free_memory(void);

#ifdef __cplusplus
}
#endif
#endif
