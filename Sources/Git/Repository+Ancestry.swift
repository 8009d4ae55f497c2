import CLibgit2

extension Repository {
    /// True when `commit` is `ancestor` or one of its descendants (`git merge-base --is-ancestor ancestor commit`).
    public func contains(_ ancestor: OID, in commit: OID) throws -> Bool {
        if ancestor == commit { return true }
        let code = commit.withRaw { commitID in
            ancestor.withRaw { ancestorID in git_graph_descendant_of(pointer, commitID, ancestorID) }
        }
        try check(code, "git_graph_descendant_of")
        return code == 1
    }
}
