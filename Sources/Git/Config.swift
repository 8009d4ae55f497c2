import CLibgit2

/// One `name = value` of a configuration, with its full dotted name in lower case (`pm.directory`).
public struct ConfigEntry: Hashable, Sendable {
    public let name: String
    public let value: String
}

/// A read-only view of git configuration: the repository's, or one file's (like `.pmconfig`).
public final class Config {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_config_free(pointer)
    }

    /// Reads a single file in git-config syntax; fails with libgit2's message (which names the line) when it does not parse.
    public static func file(at path: String) throws -> Config {
        Libgit2.ensureInitialized()
        var raw: OpaquePointer?
        try check(git_config_new(&raw), "git_config_new")
        guard let raw else { throw GitError(message: "no configuration", function: "git_config_new") }
        let config = Config(raw)
        try check(git_config_add_file_ondisk(raw, path, GIT_CONFIG_LEVEL_LOCAL, nil, 0), "git_config_add_file_ondisk")
        return config
    }

    /// The last value of `name`, or nil when it is not set.
    ///
    /// Throws when libgit2 fails for another reason (an unreadable include, a value it cannot convert), so a
    /// broken configuration is reported instead of being read as "not set".
    public func string(_ name: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_config_get_string_buf(&buffer, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_config_get_string_buf(\(name))")
        guard let text = buffer.ptr else { return nil }
        return lenientString(text)
    }

    /// The last value of `name` read as a git boolean (`true`/`yes`/`on`/`1`, `false`/`no`/`off`/`0`, or set without a
    /// value), or nil when it is not set; throws when the value is not a boolean.
    public func bool(_ name: String) throws -> Bool? {
        var value: Int32 = 0
        let code = git_config_get_bool(&value, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_config_get_bool(\(name))")
        return value != 0
    }

    /// Every entry, in file order (a multi-valued name appears once per value).
    public func entries() throws -> [ConfigEntry] {
        var iterator: OpaquePointer?
        try check(git_config_iterator_new(&iterator, pointer), "git_config_iterator_new")
        guard let iterator else { return [] }
        defer { git_config_iterator_free(iterator) }
        var result: [ConfigEntry] = []
        while true {
            var entry: UnsafeMutablePointer<git_config_entry>?
            let code = git_config_next(&entry, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_config_next")
            guard let entry else { break }
            result.append(ConfigEntry(name: lenientString(entry.pointee.name), value: lenientString(entry.pointee.value)))
        }
        return result
    }
}
