/// The output formats of a command that has `--format`. Every such command offers JSON, and the global `--json` is
/// short for `--format json`: giving both with another format is a usage error that names both (see
/// `OptionSpec.Shorthand`), so the rule is the same for every command.
protocol OutputFormat: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    /// The format `--json` asks for.
    static var json: Self { get }
}

extension Option where Value: OutputFormat {
    /// `--format <format>`, one of the format's cases (`fallback` when not given), with `--json` as its shorthand.
    static func format(short: Character? = nil, default fallback: Value, help: String) -> Option {
        var option = value("format", short: short, name: "format", as: .choice(), default: fallback, help: help)
        option.spec.shorthand = OptionSpec.Shorthand(flag: PM.json.spec.long, value: Value.json.rawValue)
        return option
    }
}
