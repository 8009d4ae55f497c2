import Foundation
import PostmortemKit

/// Everything a command needs from the outside world: its arguments, where to print, the environment.
public final class CommandContext {
    public let arguments: ParsedArguments
    public let stdout: Terminal
    public let stderr: Terminal
    public let environment: [String: String]
    /// `--json`: print machine-readable data instead of text.
    public let json: Bool
    /// The folder the command runs in, after every `-C`.
    public let currentDirectory: String
    /// True when both stdin and stdout are terminals: only then does pm open an editor.
    public let isInteractive: Bool

    init(
        arguments: ParsedArguments, stdout: Terminal, stderr: Terminal, environment: [String: String], currentDirectory: String,
        isInteractive: Bool
    ) {
        self.arguments = arguments
        self.stdout = stdout
        self.stderr = stderr
        self.environment = environment
        json = arguments[PM.json]
        self.currentDirectory = currentDirectory
        self.isInteractive = isInteractive
    }

    private var cachedStore: PostmortemStore?

    /// The postmortem store of the repository around the current folder, opened once.
    public func store() throws -> PostmortemStore {
        if let cachedStore { return cachedStore }
        let store = try PostmortemStore.open(at: currentDirectory)
        for warning in store.configuration.warnings { warn("\(warning)") }
        let stderr = self.stderr
        store.notify = { stderr.line("note: " + $0.terminalSafe) }
        store.warn = { [weak self] in self?.warn($0) }
        cachedStore = store
        return store
    }

    /// Prints a warning on stderr.
    public func warn(_ message: String) {
        stderr.line(stderr.styled("warning:", .yellow, .bold) + " " + message.terminalSafe)
    }

    /// Reports a commit pm made, as git does (`[main 1a2b3c4] Add postmortem …`), and any index warning.
    func report(_ result: CommitResult?) {
        guard let result else { return }
        note(CommitSummary.line(result))
    }

    /// Prints a note on stderr (progress, hints), never on stdout where data goes.
    public func note(_ message: String) {
        stderr.line(message)
    }

    /// The value of one of the command's options.
    public subscript<Value>(option: Option<Value>) -> Value { arguments[option] }

    /// The value of one of the command's positionals (a missing required one is a usage error).
    public subscript<Value>(argument: Argument<Value>) -> Value {
        get throws(UsageError) { try arguments[argument] }
    }

    /// Checks a document before pm commits it, unless `--no-verify` was given: prints its warnings, and throws
    /// its errors (exit 1) with `hint`, so nothing is committed.
    /// `movedFrom`: the path the file had before a move in the same commit; the baseline's entries for it count.
    func verify(_ file: PostmortemFile, store: PostmortemStore, hint: String, movedFrom: String? = nil) throws {
        guard !self[Self.noVerify] else { return }
        var findings = try CheckingValidator().findings(in: store.parse(file), store: store)
        // pm commits the file onto HEAD's tree, so HEAD's baseline is the one the commit carries, and the one the
        // hooks will match it against.
        if var baseline = try store.baseline(at: .head) {
            if let movedFrom { baseline = baseline.moving([(movedFrom, file.path)]) }
            findings = baseline.match(findings, sources: [file.path: file.bytes], checkedPaths: [file.path]).shown
        }
        guard findings.contains(where: { $0.severity == .error }) else {
            if !findings.isEmpty { PM.report(DocumentProblems(findings: findings, hint: ""), to: stderr) }
            return
        }
        throw DocumentProblems(findings: findings, hint: hint)
    }

    /// The `--no-verify` option of commands that commit.
    static let noVerify = Option.flag("no-verify", help: "Commit even when the checks find errors (like git commit --no-verify).")
}
