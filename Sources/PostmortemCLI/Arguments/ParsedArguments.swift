/// What the command line said: the command chosen, its options and its positionals.
public struct ParsedArguments: Sendable, Equatable {
    /// The chosen command from the root down, e.g. `["pm", "hooks", "install"]`.
    public var commandPath: [String]
    /// Every positional in order, after options and `--` are taken out.
    public var positionals: [String]
    private var flags: Set<String>
    private var optionValues: [String: [String]]
    private var positionalsByName: [String: [String]]

    public init(
        commandPath: [String],
        flags: Set<String> = [],
        values: [String: [String]] = [:],
        positionals: [String] = [],
        positionalsByName: [String: [String]] = [:]
    ) {
        self.commandPath = commandPath
        self.flags = flags
        self.optionValues = values
        self.positionals = positionals
        self.positionalsByName = positionalsByName
    }

    /// Whether the flag with this `long` name was given.
    public func flag(_ long: String) -> Bool { flags.contains(long) }

    /// The last value given for the option with this `long` name.
    public func value(_ long: String) -> String? { optionValues[long]?.last }

    /// Every value given for the option with this `long` name, in order.
    public func values(_ long: String) -> [String] { optionValues[long] ?? [] }

    /// The value of the positional with this spec name (the first, for a variadic one).
    public func positional(_ name: String) -> String? { positionalsByName[name]?.first }

    /// Every value of the positional with this spec name.
    public func positionals(_ name: String) -> [String] { positionalsByName[name] ?? [] }

    mutating func setFlag(_ long: String) { flags.insert(long) }

    mutating func addValue(_ value: String, for long: String) { optionValues[long, default: []].append(value) }

    mutating func assign(_ values: [String], toPositional name: String) { positionalsByName[name] = values }
}
