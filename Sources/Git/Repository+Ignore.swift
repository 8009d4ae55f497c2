import CLibgit2

extension Repository {
    /// Whether git's ignore rules (`.gitignore` files, `.git/info/exclude`, `core.excludesFile`) ignore `path`,
    /// relative to the working tree's root, as `git check-ignore` would say. A folder is named with a trailing `/`.
    public func isIgnored(_ path: String) throws -> Bool {
        var ignored: Int32 = 0
        try check(git_ignore_path_is_ignored(&ignored, pointer, path), "git_ignore_path_is_ignored(\(path))")
        return ignored == 1
    }
}
