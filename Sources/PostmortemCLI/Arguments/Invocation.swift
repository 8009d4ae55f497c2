/// What the caller should do after parsing: run a command, or print help or the version.
public enum Invocation: Sendable, Equatable {
    case run(ParsedArguments)
    /// Print help for the command at this path (stdout, exit 0).
    case help(commandPath: [String])
    /// Print the version (stdout, exit 0).
    case version
}
