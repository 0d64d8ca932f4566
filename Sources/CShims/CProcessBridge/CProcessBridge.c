#define _GNU_SOURCE
#include "CProcessBridge.h"

#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

extern char **environ;

static void close_all(int pipes[3][2]) {
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 2; j++) {
            if (pipes[i][j] >= 0) close(pipes[i][j]);
        }
    }
}

int ccg_spawn(const char *path, char *const argv[], const char *directory, int fds[3], pid_t *pid) {
    int pipes[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
    for (int i = 0; i < 3; i++) {
        // Close-on-exec from the start: a process another thread starts meanwhile inherits none of them.
        if (pipe2(pipes[i], O_CLOEXEC) != 0) {
            int error = errno;
            close_all(pipes);
            return error;
        }
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int error = posix_spawn_file_actions_init(&actions);
    if (error != 0) {
        close_all(pipes);
        return error;
    }
    error = posix_spawnattr_init(&attributes);
    if (error != 0) {
        posix_spawn_file_actions_destroy(&actions);
        close_all(pipes);
        return error;
    }
    // dup2 clears close-on-exec on the child's 0, 1 and 2.
    if (error == 0) error = posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0);
    if (error == 0) error = posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1);
    if (error == 0) error = posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2);
    if (error == 0) error = posix_spawn_file_actions_addchdir_np(&actions, directory);
    sigset_t defaults, none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGQUIT);
    sigemptyset(&none);
    if (error == 0) error = posix_spawnattr_setsigdefault(&attributes, &defaults);
    if (error == 0) error = posix_spawnattr_setsigmask(&attributes, &none);
    if (error == 0) error = posix_spawnattr_setpgroup(&attributes, 0);
    if (error == 0) error = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    if (error == 0) error = posix_spawn(pid, path, &actions, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    // The child's ends are the child's now (or nobody's, on failure).
    close(pipes[0][0]);
    close(pipes[1][1]);
    close(pipes[2][1]);
    if (error != 0) {
        close(pipes[0][1]);
        close(pipes[1][0]);
        close(pipes[2][0]);
        return error;
    }
    fds[0] = pipes[0][1];
    fds[1] = pipes[1][0];
    fds[2] = pipes[2][0];
    for (int i = 0; i < 3; i++) fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    return 0;
}

int ccg_release_free_memory(void) { return malloc_trim(0); }
