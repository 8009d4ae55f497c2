/// One `pm` command: its declarative spec (usage, help and completion come from it) and what it does.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ context: CommandContext) throws -> ExitCode
}

/// The filters shared by list, actions, stats and search.
enum SharedFilters {
    static let options: [OptionSpec] = [
        .value("severity", name: "severity", repeatable: true, help: "Only these severities (repeat or comma-separate)."),
        .value(
            "status", name: "status", choices: ["draft", "in-review", "published"], repeatable: true,
            help: "Only postmortems in this lifecycle state."),
        .value("service", name: "service", repeatable: true, help: "Only postmortems that name this service."),
        .value("tag", name: "tag", repeatable: true, help: "Only postmortems with this tag."),
        .value("author", name: "author", repeatable: true, help: "Only postmortems written by this author."),
        .value("since", name: "date", help: "Only incidents on or after this date (YYYY-MM-DD)."),
        .value("until", name: "date", help: "Only incidents on or before this date (YYYY-MM-DD)."),
    ]
}
