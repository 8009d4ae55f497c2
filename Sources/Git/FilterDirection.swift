import CLibgit2

/// Which way content goes through git's filters.
enum FilterDirection {
    /// From the working tree into the object database (`git add`): the driver's `clean`.
    case clean
    /// From the object database into the working tree (`git checkout`): the driver's `smudge`.
    case smudge

    /// The driver key and the long-running protocol's capability for this direction.
    var name: String { self == .clean ? "clean" : "smudge" }

    var mode: git_filter_mode_t { self == .clean ? GIT_FILTER_TO_ODB : GIT_FILTER_TO_WORKTREE }
}
