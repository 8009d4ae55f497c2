/// What the command line said: the command chosen, its options and its positionals.
///
/// Commands read it through the typed keys they declare (`arguments[SearchCommand.limit]`), never by name.
public struct ParsedArguments: Sendable, Equatable {
    /// The chosen command from the root down, e.g. `["pm", "hooks", "install"]`.
    public var commandPath: [String]
    /// Every positional in order, after options and `--` are taken out.
    public var positionals: [String]
    /// The long names of the flags given.
    var flags: Set<String>
    /// The texts given for each option that takes a value, by long name, in order.
    var optionValues: [String: [String]]
    /// The texts given for each positional, by its spec's name.
    var positionalsByName: [String: [String]]
    /// The long names of the options and the names of the positionals the chosen command declares (global options
    /// included), so that reading a key the command does not declare is caught in debug builds.
    var declared: Set<String>

    public init(
        commandPath: [String],
        flags: Set<String> = [],
        values: [String: [String]] = [:],
        positionals: [String] = [],
        positionalsByName: [String: [String]] = [:],
        declared: Set<String> = []
    ) {
        self.commandPath = commandPath
        self.flags = flags
        self.optionValues = values
        self.positionals = positionals
        self.positionalsByName = positionalsByName
        self.declared = declared
    }

    /// The value of `option`: its default (or nil, false, none) when it was not given.
    public subscript<Value>(option: Option<Value>) -> Value {
        // A key read by a command that does not declare it would always read its default: a mistake in pm itself.
        assert(declared.isEmpty || declared.contains(option.spec.long), "--\(option.spec.long) is not declared")
        let long = option.spec.long
        return option.read(option.spec.takesValue ? optionValues[long] ?? [] : flags.contains(long) ? [long] : [])
    }

    /// The value of `argument`; a required one that was not given is the usage error the parser reports for it.
    public subscript<Value>(argument: Argument<Value>) -> Value {
        get throws(UsageError) {
            assert(declared.isEmpty || declared.contains("<\(argument.spec.name)>"), "<\(argument.spec.name)> is not declared")
            guard let value = argument.read(positionalsByName[argument.spec.name] ?? []) else {
                throw UsageError(message: "Missing expected argument '<\(argument.spec.name)>'", commandPath: commandPath)
            }
            return value
        }
    }

    mutating func setFlag(_ long: String) { flags.insert(long) }

    mutating func addValue(_ value: String, for long: String) { optionValues[long, default: []].append(value) }

    mutating func assign(_ values: [String], toPositional name: String) { positionalsByName[name] = values }
}
