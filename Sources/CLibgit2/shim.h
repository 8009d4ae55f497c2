#ifndef PM_CLIBGIT2_SHIM_H
#define PM_CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <git2/sys/hashsig.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option pm sets. */
static inline int pm_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Bounds on what libgit2 keeps in memory: mapped pack windows and cached objects count in a process's resident
   memory, and reading a whole history would otherwise map every pack in full. */
static inline void pm_git_set_memory_limits(size_t window_size, size_t mapped_limit, ssize_t cache_size) {
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window_size);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped_limit);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, cache_size);
}
#endif
