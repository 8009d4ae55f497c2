import Foundation

/// A program started with posix_spawn: Foundation's Process adds tens of milliseconds per launch, which would drown
/// what is measured.
struct ChildProcess {
    /// Where one of a child's standard streams goes.
    enum Stream {
        /// The benchmark's own stream.
        case inherited
        /// /dev/null.
        case discarded
        /// An open file descriptor (a pipe's end, a file), duplicated onto the child's stream.
        case descriptor(Int32)
    }

    /// What a child reported when it ended.
    struct Outcome {
        /// The exit status, or 128 + the number of the signal that ended it.
        let status: Int32
        /// Wall time from spawn to exit, process start included.
        let milliseconds: Double
        /// The child's peak resident set (`ru_maxrss`).
        let peakResidentKiB: Int
    }

    /// The command line, for messages.
    let commandLine: String
    private let pid: pid_t
    private let startNanoseconds: UInt64

    /// Starts `program` (looked up in PATH unless it contains a slash) in `directory`.
    static func start(
        _ program: String, _ arguments: [String], in directory: String, input: Stream = .inherited,
        output: Stream = .inherited, errors: Stream = .inherited
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target, mode) in [(input, Int32(0), O_RDONLY), (output, 1, O_WRONLY), (errors, 2, O_WRONLY)] {
            switch stream {
            case .inherited: break
            case .discarded: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0)
            case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let commandLine = ([program] + arguments).joined(separator: " ")
        // The bench is single-threaded: change folder around the spawn (glibc's addchdir is not exposed to Swift).
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw BenchError("cannot enter \(directory)") }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var pid = pid_t()
        let startNanoseconds = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(spawned)))") }
        return ChildProcess(commandLine: commandLine, pid: pid, startNanoseconds: startNanoseconds)
    }

    /// Waits for the child to end.
    func wait() -> Outcome {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - startNanoseconds) / 1_000_000
        #if os(Linux)
            let peakResidentKiB = Int(usage.ru_maxrss)
        #else
            let peakResidentKiB = Int(usage.ru_maxrss) / 1_024  // bytes on Darwin
        #endif
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: code, milliseconds: milliseconds, peakResidentKiB: peakResidentKiB)
    }

    /// Runs a program to its end, its output shown; throws unless it exits 0.
    static func run(_ program: String, _ arguments: [String], in directory: String) throws {
        let child = try start(program, arguments, in: directory)
        let status = child.wait().status
        guard status == 0 else { throw BenchError("\(child.commandLine) exited \(status)") }
    }

    /// Runs a program with its output discarded and returns what it reported; throws unless its status is one of
    /// `statuses`, with what it wrote to standard error.
    static func measure(_ program: String, _ arguments: [String], in directory: String, expecting statuses: Set<Int32>)
        throws -> Outcome
    {
        let errorLog = tmpfile()
        defer { if let errorLog { fclose(errorLog) } }
        let child = try start(
            program, arguments, in: directory, output: .discarded,
            errors: errorLog.map { .descriptor(fileno($0)) } ?? .discarded)
        let outcome = child.wait()
        guard statuses.contains(outcome.status) else {
            var message = "\(child.commandLine) exited \(outcome.status)"
            if let errorLog, let text = Self.contents(of: errorLog), !text.isEmpty { message += ": \(text)" }
            throw BenchError(message)
        }
        return outcome
    }

    /// The standard output of a pipeline (`a | b | …`, each stage a program and its arguments) and what each stage
    /// reported; throws unless every stage exits 0.
    static func capture(_ pipeline: [[String]], in directory: String) throws -> (output: Data, outcomes: [Outcome]) {
        try runPipeline(pipeline, in: directory) { FileHandle(fileDescriptor: $0, closeOnDealloc: false).readDataToEndOfFile() }
    }

    /// Runs a pipeline and hands `body` each line of its output (without the newline) as it arrives, so that a long
    /// output is never held whole; throws unless every stage exits 0.
    static func forEachLine(of pipeline: [[String]], in directory: String, _ body: (ArraySlice<UInt8>) -> Void) throws {
        _ = try runPipeline(pipeline, in: directory) { reader in
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = read(reader, &chunk, chunk.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending += chunk[..<count]
                var lineStart = 0
                while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                    body(pending[lineStart..<newline])
                    lineStart = newline + 1
                }
                pending.removeFirst(lineStart)
            }
            if !pending.isEmpty { body(pending[...]) }
        }
    }

    /// Starts a pipeline, gives `readOutput` the read end of the last stage's standard output, then waits for every
    /// stage; throws unless each exits 0.
    private static func runPipeline<Output>(
        _ pipeline: [[String]], in directory: String, readOutput: (Int32) -> Output
    ) throws -> (output: Output, outcomes: [Outcome]) {
        var children: [ChildProcess] = []
        var input = Stream.discarded
        defer { if case .descriptor(let reader) = input { close(reader) } }
        for stage in pipeline {
            let (readEnd, writeEnd) = try makePipe()
            defer { close(writeEnd) }
            let child: ChildProcess
            do {
                child = try start(stage[0], Array(stage.dropFirst()), in: directory, input: input, output: .descriptor(writeEnd))
            } catch {
                close(readEnd)
                // The stages already started see the end of the pipe (or a broken one) and exit.
                if case .descriptor(let previous) = input { close(previous) }
                input = .discarded
                children.forEach { _ = $0.wait() }
                throw error
            }
            if case .descriptor(let previous) = input { close(previous) }
            children.append(child)
            input = .descriptor(readEnd)
        }
        guard case .descriptor(let reader) = input else { throw BenchError("an empty pipeline") }
        let output = readOutput(reader)
        let outcomes = children.map { $0.wait() }
        for (child, outcome) in zip(children, outcomes) where outcome.status != 0 {
            throw BenchError("\(child.commandLine) exited \(outcome.status)")
        }
        return (output, outcomes)
    }

    /// The standard output of one program and what it reported; throws unless it exits 0.
    static func capture(_ program: String, _ arguments: [String], in directory: String) throws -> (
        output: Data, outcome: Outcome
    ) {
        let (output, outcomes) = try capture([[program] + arguments], in: directory)
        return (output, outcomes[0])
    }

    /// A pipe whose ends are closed in every child that does not get them as a standard stream, so that a reader
    /// sees the end of its input once the writer is gone.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw BenchError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }

    private static func contents(of file: UnsafeMutablePointer<FILE>) -> String? {
        rewind(file)
        let data = FileHandle(fileDescriptor: fileno(file), closeOnDealloc: false).readDataToEndOfFile()
        return String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A benchmark step that could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
