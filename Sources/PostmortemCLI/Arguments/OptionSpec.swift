/// One option of a command: a flag (`--json`) or an option with a value (`--severity SEV2`).
///
/// `long` is spelled `--long`, and is the key under which `ParsedArguments` stores what was given.
/// A one-character `long` (`"C"`) makes a git-style short-only option spelled `-C`.
public struct OptionSpec: Sendable, Equatable {
    /// Whether the option stands alone or takes a value.
    public enum Kind: Sendable, Equatable {
        /// Present or absent; giving it a value (`--json=1`) is a usage error.
        case flag
        /// Takes one value, shown as `<name>`; `choices`, when given, are the only values accepted
        /// and what the shell completes.
        case value(name: String, choices: [String]? = nil)
    }

    public var long: String
    public var short: Character?
    public var kind: Kind
    /// Whether giving the option more than once is expected; values are collected in order
    /// either way, and for a single value the last one given wins (like git).
    public var repeatable: Bool
    /// What the parser checks of each value given; the choices of a `.value` kind, when it has some.
    public var check: ValueCheck
    /// The value a command sees when the option is not given, as help shows it.
    public var defaultValue: String?
    /// A flag that stands for a value of this option (`--json` for `--format json`).
    public var shorthand: Shorthand?
    public var help: String
    public var completion: CompletionKind

    /// A flag that stands for one value of an option: giving the flag is giving that value, and giving the option
    /// another value as well is a usage error naming both.
    public struct Shorthand: Sendable, Equatable {
        /// The flag's long name: `json`.
        public var flag: String
        /// The value it stands for: `json`.
        public var value: String

        public init(flag: String, value: String) {
            self.flag = flag
            self.value = value
        }
    }

    public init(
        long: String,
        short: Character? = nil,
        kind: Kind = .flag,
        repeatable: Bool = false,
        check: ValueCheck? = nil,
        defaultValue: String? = nil,
        shorthand: Shorthand? = nil,
        help: String,
        completion: CompletionKind = .none
    ) {
        self.long = long
        self.short = short
        self.kind = kind
        self.repeatable = repeatable
        if let check {
            self.check = check
        } else if case .value(_, let choices?) = kind {
            self.check = .choices(choices)
        } else {
            self.check = .anyText
        }
        self.defaultValue = defaultValue
        self.shorthand = shorthand
        self.help = help
        self.completion = completion
    }

    /// A flag such as `--no-edit`.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, help: help)
    }

    /// An option that takes a value, such as `--severity <severity>`.
    public static func value(
        _ long: String,
        short: Character? = nil,
        name: String,
        choices: [String]? = nil,
        repeatable: Bool = false,
        completion: CompletionKind = .none,
        help: String
    ) -> OptionSpec {
        OptionSpec(
            long: long, short: short, kind: .value(name: name, choices: choices),
            repeatable: repeatable, help: help, completion: completion)
    }
}

extension OptionSpec {
    /// The spelling users see first: `--severity`, or `-C` for a short-only option.
    var displayName: String { isShortOnly ? "-\(long)" : "--\(long)" }

    /// Every spelling that selects this option, short one first: `["-s", "--severity"]`.
    var spellings: [String] {
        if isShortOnly { return [displayName] }
        if let short { return ["-\(short)", displayName] }
        return [displayName]
    }

    /// The single character that selects this option after one dash, if any.
    var shortCharacter: Character? { isShortOnly ? long.first : short }

    var isShortOnly: Bool { long.count == 1 }

    var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    var valueName: String? {
        if case .value(let name, _) = kind { return name }
        return nil
    }

    var choices: [String]? {
        if case .value(_, let choices) = kind { return choices }
        return nil
    }

    /// What the shell completes for the value: the choices when there are some.
    var effectiveCompletion: CompletionKind {
        if let choices { return .list(choices) }
        return completion
    }

    /// `--severity <severity>` or `--json`, as used in usage lines and messages.
    func synopsis(spelling: String? = nil) -> String {
        let name = spelling ?? displayName
        guard let valueName else { return name }
        return "\(name) <\(valueName)>"
    }
}
