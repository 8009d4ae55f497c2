import Foundation
import PostmortemKit

/// Reads the filter options list, actions, stats and search share, and other list-like option values, validating each.
enum Filters {
    /// The shared filters as a `PostmortemFilter`.
    static func parse(_ context: CommandContext) throws -> PostmortemFilter {
        let arguments = context.arguments
        var filter = PostmortemFilter()
        filter.severities = try list(arguments.values("severity")).map { try severity($0, option: "severity", in: context) }
        // --status is checked against its choices by the parser, so it is repeat-only (no commas).
        filter.statuses = arguments.values("status").compactMap(Status.init(rawValue:))
        filter.services = list(arguments.values("service"))
        filter.tags = list(arguments.values("tag"))
        filter.authors = list(arguments.values("author"))
        filter.since = try context.date(option: "since")
        filter.until = try context.date(option: "until")
        if let since = filter.since, let until = filter.until, since > until {
            throw UsageError(message: "'--since \(since)' is after '--until \(until)'", commandPath: arguments.commandPath)
        }
        return filter
    }

    /// A severity matched case-insensitively against pm.severities, in its configured spelling.
    static func severity(_ given: String, option: String, in context: CommandContext) throws -> String {
        let severities = try context.store().configuration.severities
        if let match = severities.first(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) { return match }
        throw UsageError(
            message: "Unknown severity '\(given)' for '--\(option)'; use one of \(severities.joined(separator: ", "))",
            commandPath: context.arguments.commandPath)
    }

    /// Whether an action item's `owner` is one of `owners` (given to `--owner`, `@` dropped), compared without case
    /// or accents as the shared filters compare names; an empty list accepts every item.
    static func owner(_ owner: String?, isIn owners: [String]) -> Bool {
        guard !owners.isEmpty else { return true }
        guard let owner else { return false }
        return owners.contains { $0.compare(owner, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
    }

    /// The `--owner` values: repeatable, comma-separated, with or without the `@` of a mention.
    static func owners(_ context: CommandContext) -> [String] {
        list(context.arguments.values("owner")).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
    }

    /// Values of a repeatable option, each also split at commas, trimmed, without empties or repeats.
    static func list(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).terminalSafe }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
