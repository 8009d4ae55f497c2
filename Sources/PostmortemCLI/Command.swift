import PostmortemKit

/// One `pm` command: its declarative spec (usage, help and completion come from it) and what it does.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ context: CommandContext) throws -> ExitCode
}

/// The filters shared by list, actions, stats and search.
enum SharedFilters {
    static let severity = Option.values(
        "severity", name: "severity", as: .text, help: "Only these severities (repeat or comma-separate).")
    static let status = Option.values(
        "status", name: "status", as: ArgumentType<Status>.choice(), help: "Only postmortems in this lifecycle state.")
    static let service = Option.values("service", name: "service", as: .text, help: "Only postmortems that name this service.")
    static let tag = Option.values("tag", name: "tag", as: .text, help: "Only postmortems with this tag.")
    static let author = Option.values("author", name: "author", as: .text, help: "Only postmortems written by this author.")
    static let since = Option.value("since", name: "date", as: .date, help: "Only incidents on or after this date (YYYY-MM-DD).")
    static let until = Option.value("until", name: "date", as: .date, help: "Only incidents on or before this date (YYYY-MM-DD).")

    static let options = [severity.spec, status.spec, service.spec, tag.spec, author.spec, since.spec, until.spec]
}
