import PostmortemKit

/// The type of an option's or a positional's value: how the text given becomes a `Value`, and why a text is not one.
///
/// The parser reads every value through its type before any command runs, so a command only ever sees valid values,
/// and every invalid value of a type gets the same message: `Invalid value '0' for '--limit <n>'; expected a
/// positive whole number`.
public struct ArgumentType<Value: Sendable>: Sendable {
    /// What the parser checks, without the Swift type; it also goes into the option's spec.
    public let check: ValueCheck
    /// Every valid spelling, for a type with a few: help lists them and shells complete them.
    public let choices: [String]?
    let parse: @Sendable (String) -> Result<Value, ValueProblem>
    /// How a value is written on the command line, for the default that help shows.
    let spelling: @Sendable (Value) -> String

    /// A type named `name` (two specs using the same type compare equal) that reads values with `parse` and writes
    /// them with `spelling`.
    public init(
        name: String, choices: [String]? = nil, spelling: @escaping @Sendable (Value) -> String = { "\($0)" },
        parse: @escaping @Sendable (String) -> Result<Value, ValueProblem>
    ) {
        self.choices = choices
        self.parse = parse
        self.spelling = spelling
        check = ValueCheck(name: name) { text in
            if case .failure(let problem) = parse(text) { return problem }
            return nil
        }
    }

    /// The value of a text the parser accepted; nil only for a text it never saw.
    func value(of text: String) -> Value? {
        guard case .success(let value) = parse(text) else { return nil }
        return value
    }
}

extension ArgumentType where Value == String {
    /// Any text, as given.
    public static var text: ArgumentType {
        ArgumentType(name: "text") { .success($0) }
    }

    /// Text with something besides spaces in it, trimmed.
    public static var nonBlankText: ArgumentType {
        ArgumentType(name: "non-blank text") { text in
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? .failure(ValueProblem(expected: "text that is not blank")) : .success(trimmed)
        }
    }

    /// An absolute http or https URL without a query or fragment, without its trailing slashes.
    public static var webAddress: ArgumentType {
        ArgumentType(name: "http URL") { text in
            guard let url = Configuration.baseURL(text) else {
                return .failure(
                    ValueProblem(expected: "an absolute http or https URL, e.g. https://status.example.com/postmortems"))
            }
            return .success(url)
        }
    }
}

extension ArgumentType where Value == Int {
    /// A whole number above zero: a count or a limit.
    public static var positiveInteger: ArgumentType {
        ArgumentType(name: "positive whole number", spelling: { String($0) }) { text in
            guard let number = Int(text), number > 0 else { return .failure(ValueProblem(expected: "a positive whole number")) }
            return .success(number)
        }
    }
}

extension ArgumentType where Value == LocalDate {
    /// A calendar day written YYYY-MM-DD.
    public static var date: ArgumentType {
        ArgumentType(name: "date") { text in
            LocalDate.parse(text).mapError { problem in
                ValueProblem(expected: "a date as YYYY-MM-DD", reason: problem.isFormat ? nil : problem.reason)
            }
        }
    }
}

extension ArgumentType where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
    /// One of the cases, spelled as their raw values; `ignoringCase` also accepts `Published` for `published`.
    public static func choice(ignoringCase: Bool = false) -> ArgumentType {
        let words = Value.allCases.map(\.rawValue)
        let check = ValueCheck.choices(words, ignoringCase: ignoringCase)
        return ArgumentType(name: check.name, choices: words, spelling: \.rawValue) { text in
            let match = ignoringCase ? words.first { $0.lowercased() == text.lowercased() } : text
            if let match, let value = Value(rawValue: match) { return .success(value) }
            return .failure(check.problem(text) ?? ValueProblem(expected: "one of: " + words.joined(separator: ", ")))
        }
    }
}

/// What the parser checks of each value given to an option or a positional: an `ArgumentType` without its Swift type.
public struct ValueCheck: Sendable, Equatable {
    /// Names the type (`date`, `positive whole number`, `one of: text, json`), so that specs compare equal.
    public let name: String
    /// Nil when `text` is a valid value, else why it is not.
    let problem: @Sendable (_ text: String) -> ValueProblem?

    public init(name: String, problem: @escaping @Sendable (_ text: String) -> ValueProblem?) {
        self.name = name
        self.problem = problem
    }

    public static func == (lhs: ValueCheck, rhs: ValueCheck) -> Bool { lhs.name == rhs.name }

    /// Every text is valid.
    public static let anyText = ValueCheck(name: "text") { _ in nil }

    /// Only these words; a mistake gets the word it starts, else the nearest by edit distance.
    public static func choices(_ words: [String], ignoringCase: Bool = false) -> ValueCheck {
        let expected = "one of: " + words.joined(separator: ", ")
        return ValueCheck(name: expected + (ignoringCase ? " (any case)" : "")) { text in
            let given = ignoringCase ? text.lowercased() : text
            let candidates = ignoringCase ? words.map { $0.lowercased() } : words
            guard !candidates.contains(given) else { return nil }
            let suggestion =
                words.indices.first { !given.isEmpty && candidates[$0].hasPrefix(given) }.map { words[$0] }
                ?? EditDistance.nearest(to: given, among: candidates).flatMap { nearest in
                    candidates.firstIndex(of: nearest).map { words[$0] }
                }
            return ValueProblem(expected: expected, suggestion: suggestion)
        }
    }
}

/// Why a value given on the command line is not one of its type, for `Invalid value '…' for '…'; expected …`.
public struct ValueProblem: Error, Sendable, Equatable {
    /// What a valid value looks like: `a positive whole number`, `one of: text, json`.
    public var expected: String
    /// Why this value is not one, when the expectation does not say: `February 2026 has 28 days`.
    public var reason: String?
    /// The nearest valid value, shown as `Did you mean '…'?`.
    public var suggestion: String?

    public init(expected: String, reason: String? = nil, suggestion: String? = nil) {
        self.expected = expected
        self.reason = reason
        self.suggestion = suggestion
    }

    /// The usage error for `value` given to `synopsis` (`--limit <n>`, `<shell>`): one wording for every type.
    func usageError(value: String, for synopsis: String, commandPath: [String]) -> UsageError {
        UsageError(
            message: "Invalid value '\(value)' for '\(synopsis)'; expected \(expected)" + (reason.map { " (\($0))" } ?? ""),
            commandPath: commandPath, suggestion: suggestion)
    }
}
