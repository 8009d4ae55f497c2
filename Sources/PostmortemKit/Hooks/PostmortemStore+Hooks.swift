extension PostmortemStore {
    /// The installer of pm's hooks into this repository's hook folder.
    public func hookInstaller() throws -> HookInstaller {
        try HookInstaller(repository: repository)
    }
}
