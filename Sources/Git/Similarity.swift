import CLibgit2

/// How alike two versions of a file look to libgit2's rename detection (`git_diff_find_similar` with its defaults),
/// which `Repository.renames(from:to:)` uses, and so `pm log` when it follows a file across a rename.
public enum Similarity {
    /// The score (0 to 100) libgit2 gives `new` as a rename of `old`: 100 for the same bytes, 0 when it would not
    /// compare them (sizes too far apart, content it cannot sign). A rename is found from 50 on.
    public static func libgit2Score(_ old: [UInt8], _ new: [UInt8]) -> Int {
        if old == new { return 100 }
        // libgit2 skips a pair whose sizes are more than eight times apart, unless one of them is tiny.
        if old.count > 127, new.count > 127, old.count > new.count << 3 || new.count > old.count << 3 { return 0 }
        Libgit2.ensureInitialized()
        let options = git_hashsig_option_t(
            rawValue: GIT_HASHSIG_SMART_WHITESPACE.rawValue | GIT_HASHSIG_ALLOW_SMALL_FILES.rawValue)
        guard let first = signature(old, options), let second = signature(new, options) else { return 0 }
        defer {
            git_hashsig_free(first)
            git_hashsig_free(second)
        }
        return max(0, Int(git_hashsig_compare(first, second)))
    }

    private static func signature(_ bytes: [UInt8], _ options: git_hashsig_option_t) -> OpaquePointer? {
        var signature: OpaquePointer?
        let code = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { git_hashsig_create(&signature, $0.baseAddress, $0.count, options) }
        }
        return code < 0 ? nil : signature
    }
}
