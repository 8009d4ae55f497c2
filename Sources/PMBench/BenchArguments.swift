import Foundation

/// The command line of one pm-bench command: a directory, then `--name value` (or `--name=value`) options.
struct BenchArguments {
    let directory: String
    private var values: [String: String] = [:]

    /// Parses `arguments`; `options` are the names this command accepts.
    init(_ arguments: [String], options: Set<String>) throws {
        var directory: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else {
                guard directory == nil else { throw UsageError("unexpected argument '\(argument)'") }
                directory = argument
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard options.contains(parts[0]) else { throw UsageError("unknown option '\(parts[0])'") }
            guard let value = parts.count == 2 ? parts[1] : remaining.popFirst() else {
                throw UsageError("\(parts[0]) needs a value")
            }
            values[parts[0]] = value
        }
        guard let directory else { throw UsageError("missing the repository folder") }
        self.directory = directory
    }

    /// The integer value of `name`, at least `minimum`.
    func integer(_ name: String, default value: Int, minimum: Int = 1) throws -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number >= minimum else {
            throw UsageError("\(name) must be an integer of at least \(minimum), not '\(text)'")
        }
        return number
    }

    /// The text value of `name`, nil when it was not given.
    func value(_ name: String) -> String? { values[name] }

    /// The program `name` names (`pm` on PATH by default), made absolute when it is a relative path: commands run
    /// inside the repository.
    func program(_ name: String) -> String {
        let program = values[name] ?? "pm"
        guard program.contains("/"), !program.hasPrefix("/") else { return program }
        return FileManager.default.currentDirectoryPath + "/" + program
    }
}

/// A command line pm-bench does not understand.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
