/// One positional argument of a command, such as `<title>` or `[<path> ...]`.
public struct PositionalSpec: Sendable, Equatable {
    public var name: String
    public var help: String
    public var optional: Bool
    /// Takes every remaining argument; only the last positional of a command may be variadic.
    public var variadic: Bool
    /// When given, the only values accepted; they are also what the shell completes.
    public var choices: [String]?
    /// What the parser checks of each value given (by default: the choices, when there are some).
    public var check: ValueCheck
    public var completion: CompletionKind

    public init(
        name: String,
        help: String,
        optional: Bool = false,
        variadic: Bool = false,
        choices: [String]? = nil,
        check: ValueCheck? = nil,
        completion: CompletionKind = .none
    ) {
        self.name = name
        self.help = help
        self.optional = optional
        self.variadic = variadic
        self.choices = choices
        self.check = check ?? choices.map { .choices($0) } ?? .anyText
        self.completion = completion
    }
}

extension PositionalSpec {
    /// `<title>`, `[<ref>]`, `<path> ...` or `[<path> ...]`.
    var synopsis: String {
        let core = variadic ? "<\(name)> ..." : "<\(name)>"
        return optional ? "[\(core)]" : core
    }

    var effectiveCompletion: CompletionKind {
        if let choices { return .list(choices) }
        return completion
    }
}
