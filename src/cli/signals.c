/* signals.c — SIGINT, SIGTERM and SIGHUP ask a run to stop (cli.h): the first sets the flag
 * the batch runner watches (it finishes the documents under way and writes them whole), a
 * second one of them ends the process at once, removing the temporary output file. The only
 * process-wide state of the program, as signal handlers need. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

_Static_assert(sizeof(sig_atomic_t) == sizeof(int), "the batch runner's stop flag is an int");

static volatile sig_atomic_t stop_sig;   /* the first signal that asked to stop, 0 none */
static char cleanup_path[4096];          /* a temporary output file to remove on a second signal */
static volatile sig_atomic_t have_cleanup;

static void on_signal(int sig)
{
    if (stop_sig) { /* asked twice: now */
        if (have_cleanup)
            unlink(cleanup_path);
        _exit(128 + sig);
    }
    stop_sig = sig;
    static const char msg[] = "feit extract: stopping after the documents under way (again to stop at once)\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
}

const volatile int *cli_stop_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* SA_RESTART: a read of a file or a write resumes rather than failing as an I/O error; a
     * wait for input from a pipe (poll, which is never restarted) ends at once, and the reader
     * stops there (feit_read_options.stop) */
    sa.sa_flags = SA_RESTART;
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* a signal ignored when we started (nohup, a background job's SIGINT) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
    return (const volatile int *)&stop_sig;
}

int cli_stop_signal(void) { return stop_sig; }

void cli_stop_cleanup(const char *path)
{
    have_cleanup = 0;
    if (path && strlen(path) < sizeof cleanup_path) {
        memcpy(cleanup_path, path, strlen(path) + 1);
        have_cleanup = 1;
    }
}
