/*
 * spawn-time.c - how long a command takes from start to exit, as a shell prompt would see it:
 * `spawn-time RUNS COMMAND [ARG...]` starts the command RUNS times (posix_spawn, output to
 * /dev/null, waits for each), times each run with the monotonic clock and prints the median, the
 * fastest and the 90th percentile in milliseconds. Nothing else is started per run (timing with
 * `date` in a shell loop adds a process start of its own to every run).
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: spawn-time RUNS COMMAND [ARG...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1)
        runs = 1;
    double *times = malloc((size_t)runs * sizeof *times);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    for (int i = 0; i < runs; i++) {
        double start = now_ms();
        pid_t pid;
        if (posix_spawn(&pid, argv[2], &actions, NULL, argv + 2, environ) != 0) {
            perror(argv[2]);
            return 1;
        }
        int status;
        waitpid(pid, &status, 0);
        times[i] = now_ms() - start;
    }
    qsort(times, (size_t)runs, sizeof *times, compare);
    printf("median %.2f ms, fastest %.2f ms, 90%% %.2f ms (%d runs)\n", times[runs / 2], times[0],
           times[runs * 9 / 10], runs);
    posix_spawn_file_actions_destroy(&actions);
    free(times);
    return 0;
}
