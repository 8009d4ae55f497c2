import CLibgit2

/// Walks commits from some starting points back through their parents.
public final class RevWalk: Sequence, IteratorProtocol {
    private let pointer: OpaquePointer
    private let repository: Repository

    /// Order of the walk.
    public enum Order: Sendable {
        /// Parents after all their children, newest first among those (like `git log --topo-order`).
        case topological
        /// Oldest first, parents before children (like `git log --reverse --topo-order`).
        case topologicalReverse
    }

    /// Starts a walk from `starts`, hiding everything reachable from `hidden` (like `git log A..B`).
    public init(repository: Repository, starts: [OID], hiding hidden: [OID] = [], order: Order = .topological) throws {
        var raw: OpaquePointer?
        try check(git_revwalk_new(&raw, repository.pointer), "git_revwalk_new")
        guard let raw else { throw GitError(message: "no revision walker", function: "git_revwalk_new") }
        pointer = raw
        self.repository = repository
        var mode = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        if order == .topologicalReverse { mode |= GIT_SORT_REVERSE.rawValue }
        try check(git_revwalk_sorting(raw, mode), "git_revwalk_sorting")
        for start in starts {
            try start.withRaw { try check(git_revwalk_push(raw, $0), "git_revwalk_push(\(start.short))") }
        }
        for hide in hidden {
            try hide.withRaw { try check(git_revwalk_hide(raw, $0), "git_revwalk_hide(\(hide.short))") }
        }
    }

    deinit {
        git_revwalk_free(pointer)
    }

    /// The next commit id, or nil at the end (a walk error also ends it; see `error`).
    public func next() -> OID? {
        var oid = git_oid()
        let code = git_revwalk_next(&oid, pointer)
        if code < 0 {
            if code != GIT_ITEROVER.rawValue { error = GitError.last("git_revwalk_next", code: code) }
            return nil
        }
        return OID(oid)
    }

    /// Set when the walk stopped because of an error rather than at its end.
    public private(set) var error: GitError?
}
