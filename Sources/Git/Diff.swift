import CLibgit2
import Foundation

/// A libgit2 diff (between trees, a tree and the index, or a tree and the working tree), freed with it: the one
/// place pm's diffs are made, limited to a folder, and searched for moves.
final class Diff {
    private let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_diff_free(pointer) }

    /// Runs `make` (a `git_diff_*` call, named `function` in errors) with options limited to paths under `prefix`
    /// (nil: every path) and `flags` added.
    static func make(
        under prefix: String?, flags: UInt32 = 0, function: String,
        _ make: (UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<git_diff_options>) -> Int32
    ) throws -> Diff? {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= flags
        var diff: OpaquePointer?
        let code: Int32
        if let prefix {
            let pattern = strdup(prefix.isEmpty ? "." : prefix)
            defer { free(pattern) }
            var strings = [pattern]
            code = strings.withUnsafeMutableBufferPointer { buffer in
                options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
                return make(&diff, &options)
            }
        } else {
            code = make(&diff, &options)
        }
        try check(code, function)
        return diff.map(Diff.init)
    }

    /// Pairs the deleted and added files that git's similarity detection takes for moves, as `git diff -M` does
    /// (`untracked`: untracked files count as added, as `git add -A` would make them).
    func findRenames(untracked: Bool = false) throws {
        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue | (untracked ? GIT_DIFF_FIND_FOR_UNTRACKED.rawValue : 0)
        try check(git_diff_find_similar(pointer, &find), "git_diff_find_similar")
    }

    /// The files moved (after `findRenames`): new path → old path.
    var renames: [String: String] {
        var result: [String: String] = [:]
        for delta in deltas where delta.status == GIT_DELTA_RENAMED || delta.status == GIT_DELTA_COPIED {
            result[lenientString(delta.new_file.path)] = lenientString(delta.old_file.path)
        }
        return result
    }

    /// The new side's path of every change but a deletion.
    var changedPaths: [String] {
        deltas.filter { $0.status != GIT_DELTA_DELETED }.map { lenientString($0.new_file.path) }
    }

    private var deltas: [git_diff_delta] {
        (0..<git_diff_num_deltas(pointer)).compactMap { git_diff_get_delta(pointer, $0)?.pointee }
    }
}
