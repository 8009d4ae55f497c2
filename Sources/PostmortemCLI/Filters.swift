import Foundation
import PostmortemKit

/// Reads the filter options list, actions, stats and search share, and other list-like option values, validating each.
enum Filters {
    /// The shared filters as a `PostmortemFilter`.
    static func parse(_ context: CommandContext) throws -> PostmortemFilter {
        var filter = PostmortemFilter()
        filter.severities = try list(context[SharedFilters.severity]).map {
            try severity($0, option: SharedFilters.severity, in: context)
        }
        // --status is checked against its choices by the parser, so it is repeat-only (no commas).
        filter.statuses = context[SharedFilters.status]
        filter.services = list(context[SharedFilters.service])
        filter.tags = list(context[SharedFilters.tag])
        filter.authors = list(context[SharedFilters.author])
        filter.since = context[SharedFilters.since]
        filter.until = context[SharedFilters.until]
        if let since = filter.since, let until = filter.until, since > until {
            throw UsageError(
                message: "'--since \(since)' is after '--until \(until)'", commandPath: context.arguments.commandPath)
        }
        return filter
    }

    /// A severity matched case-insensitively against pm.severities, in its configured spelling.
    static func severity<Value>(_ given: String, option: Option<Value>, in context: CommandContext) throws -> String {
        let severities = try context.store().configuration.severities
        if let match = severities.first(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) { return match }
        throw UsageError(
            message:
                "Unknown severity '\(given)' for '\(option.spec.displayName)'; use one of \(severities.joined(separator: ", "))",
            commandPath: context.arguments.commandPath)
    }

    /// Whether an action item's `owner` is one of `owners` (given to `--owner`, `@` dropped), compared without case
    /// or accents as the shared filters compare names; an empty list accepts every item.
    static func matches(owner: String?, among owners: [String]) -> Bool {
        guard !owners.isEmpty else { return true }
        guard let owner else { return false }
        return owners.contains { $0.compare(owner, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
    }

    /// `--owner` of the commands that list action items: repeatable, comma-separated, with or without the `@`.
    static let owner = Option.values(
        "owner", name: "owner", as: .text, help: "Only items of this owner (with or without @).")

    /// The `--owner` values, without the `@` of a mention.
    static func owners(_ context: CommandContext) -> [String] {
        list(context[owner]).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
    }

    /// Values of a repeatable option, each also split at commas, trimmed, without empties or repeats.
    static func list(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).terminalSafe }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
