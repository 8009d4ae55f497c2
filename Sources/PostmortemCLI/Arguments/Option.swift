/// An option of a command, declared once as a static member of the command: the spec that parsing, help, usage and
/// completion scripts come from, and how to read its typed value from what was parsed (`context[ListCommand.sort]`).
///
/// A command reads its options only through these keys, never by name: a misspelt key does not compile, and its
/// type, default and checks are the ones help shows.
public struct Option<Value: Sendable>: Sendable {
    public var spec: OptionSpec
    /// The value from every text given for the option, in order (none when it was not given); the parser has
    /// checked each with the option's type.
    let read: @Sendable (_ given: [String]) -> Value
}

extension Option where Value == Bool {
    /// A flag: true when given.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> Option {
        Option(spec: .flag(long, short: short, help: help)) { !$0.isEmpty }
    }
}

extension Option {
    /// An option that takes one value of `type`, nil when it is not given; given twice, the last value wins (like git).
    public static func value<Wrapped>(
        _ long: String, short: Character? = nil, name: String, as type: ArgumentType<Wrapped>,
        completion: CompletionKind = .none, help: String
    ) -> Option where Value == Wrapped? {
        Option(spec: spec(long, short: short, name: name, type: type, completion: completion, help: help)) {
            $0.last.flatMap(type.value(of:))
        }
    }

    /// An option that takes one value of `type`, `fallback` when it is not given (help shows it as the default).
    public static func value(
        _ long: String, short: Character? = nil, name: String, as type: ArgumentType<Value>, default fallback: Value,
        completion: CompletionKind = .none, help: String
    ) -> Option {
        var spec = spec(long, short: short, name: name, type: type, completion: completion, help: help)
        spec.defaultValue = type.spelling(fallback)
        return Option(spec: spec) { $0.last.flatMap(type.value(of:)) ?? fallback }
    }

    /// An option that may be given many times, each with a value of `type`: every value, in order.
    public static func values<Element>(
        _ long: String, short: Character? = nil, name: String, as type: ArgumentType<Element>,
        completion: CompletionKind = .none, help: String
    ) -> Option where Value == [Element] {
        var spec = spec(long, short: short, name: name, type: type, completion: completion, help: help)
        spec.repeatable = true
        return Option(spec: spec) { $0.compactMap(type.value(of:)) }
    }

    private static func spec<Element>(
        _ long: String, short: Character?, name: String, type: ArgumentType<Element>, completion: CompletionKind,
        help: String
    ) -> OptionSpec {
        OptionSpec(
            long: long, short: short, kind: .value(name: name, choices: type.choices), check: type.check, help: help,
            completion: completion)
    }
}
