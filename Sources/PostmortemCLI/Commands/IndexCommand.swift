import Foundation
import PostmortemKit

/// `pm index`: the search index by hand — bring it up to date, rebuild it, or show what it holds.
enum IndexCommand: Command {
    static let rebuild = Option.flag("rebuild", help: "Build the index anew from the whole history.")
    static let statistics = Option.flag(
        "stats", help: "Show documents, revisions, terms, size on disk, build time and the refs it covers.")
    static let check = Option.flag(
        "check", help: "Read every part of the index against its checksums; rebuild it if any is damaged.")

    static let spec = CommandSpec(
        name: "index",
        abstract: "Bring the search index up to date, rebuild it, or show its statistics.",
        discussion: """
            pm search keeps the index up to date by itself; this command does it ahead of time (in a post-merge \
            hook, say) and shows what the index holds. The index is one file in the git folder \
            (.git/pm/search-index), never committed; deleting it is always safe.
            """,
        options: [rebuild.spec, statistics.spec, check.spec],
        examples: ["pm index", "pm index --rebuild", "pm index --check", "pm index --stats --json"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let (statistics, refresh) = try context.withSearchIndex(rebuild: context[rebuild]) { index in
            // Searches check what they read as they read it; --check reads it all now, as git fsck would.
            if context[check] { try index.check() }
            return (index.statistics, index.refresh)
        }
        // Bringing the index up to date is this command's whole job (with --stats it also reports): an index that
        // stayed in memory failed it, whatever the output format.
        if statistics.inMemory, !context[Self.statistics] {
            throw CLIError(
                "the search index could not be saved in \(store.pmFolder) (see the note above); "
                    + "searches still work, each building it in memory")
        }
        if context.json {
            context.stdout.line(JSONOutput.document(statistics, version: jsonVersion))
            return .success
        }
        guard context[Self.statistics] else {
            let done: String
            switch refresh {
            case .none: done = "Search index up to date"
            case .appended: done = "Search index updated"
            case .rebuilt: done = "Search index built in \(statistics.buildMilliseconds) ms"
            }
            context.stdout.line(
                "\(done): \(statistics.documents) postmortems, \(statistics.revisions) revisions, "
                    + "\(ByteCountText.format(statistics.bytes)).")
            return .success
        }
        let out = context.stdout
        let rows: [(String, String)] = [
            ("File", statistics.path.terminalSafe),
            (
                "Size",
                "\(ByteCountText.format(statistics.bytes)) in \(statistics.segments) segment\(statistics.segments == 1 ? "" : "s")"
            ),
            ("Postmortems", "\(statistics.documents) at HEAD"),
            ("Revisions", "\(statistics.revisions) distinct versions"),
            ("Commits", "\(statistics.commits) that changed a postmortem"),
            ("Terms", "\(statistics.terms)"),
            (
                "Built",
                "\(DateText.minutesWithZone(statistics.builtAt, in: store.configuration.timeZone)) in \(statistics.buildMilliseconds) ms"
            ),
            ("HEAD", statistics.head.isEmpty ? "(unborn)" : statistics.head.terminalSafe),
        ]
        for (label, value) in rows {
            out.line(out.styled(SearchCommand.pad(label, 12), .bold) + value)
        }
        for ref in statistics.refs {
            out.line(SearchCommand.pad("", 12) + "\(ref.target.prefix(7)) \(ref.name.terminalSafe)")
        }
        return .success
    }

    /// The version of `pm index --json`'s shape (docs/json/index.schema.json).
    static let jsonVersion = 1
}
