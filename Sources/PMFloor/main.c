/* pm-floor: what every pm command pays before its own work, and no more: libgit2 starts (on Debian, its TLS library
   parses the system's CA bundle) and opens the repository found from the current folder, or from the folder given.
   `make bench` times pm's warm search and `pm check --staged` against it, in the same run (docs/performance.md).

   The Makefile compiles it with cc and pkg-config, not SwiftPM: SwiftPM links a C executable through swiftc, which
   adds the Swift runtime, libstdc++ and libm to it, and a floor that loads more than libgit2 would flatter pm. */
#include <git2.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc > 2) {
        fprintf(stderr, "usage: pm-floor [folder]\n");
        return 64;
    }
    const char *path = argc == 2 ? argv[1] : ".";
    if (git_libgit2_init() < 0) {
        const git_error *error = git_error_last();
        fprintf(stderr, "pm-floor: libgit2 did not start: %s\n", error ? error->message : "unknown error");
        return 2;
    }
    git_repository *repository = NULL;
    int status = 0;
    /* The flags pm opens a repository with: search upward from the folder, across file systems refused. */
    if (git_repository_open_ext(&repository, path, 0, NULL) < 0) {
        const git_error *error = git_error_last();
        fprintf(stderr, "pm-floor: cannot open a git repository at or above '%s': %s\n", path,
                error ? error->message : "unknown error");
        status = 2;
    }
    git_repository_free(repository);
    git_libgit2_shutdown();
    return status;
}
