import PostmortemKit

/// The one-line report of a commit pm made, in git's own shape: `[main 1a2b3c4] Add postmortem …`.
enum CommitSummary {
    static func line(_ result: CommitResult) -> String {
        let branch = result.branch.hasPrefix("refs/heads/") ? String(result.branch.dropFirst("refs/heads/".count)) : result.branch
        return "[\(branch) \(result.commit.short)] \(result.message)".terminalSafe
    }
}
