import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A filter driver's command, started as git starts it: `/bin/sh -c '<command>'` at the top of the working tree,
/// with pipes on stdin, stdout and stderr.
///
/// stderr is drained on a thread of its own from the start, so a chatty filter never blocks on it; what it said
/// (the first 64 KiB) goes into the error pm reports when the filter fails.
///
/// `@unchecked Sendable`: one thread writes stdin while another reads stdout and a third drains stderr; each pipe
/// has one user, and `finish()` runs only after the writer is done.
final class FilterProcess: @unchecked Sendable {
    private let process = Process()
    private let inputPipe = Pipe()
    private let outputPipe = Pipe()
    private let errorPipe = Pipe()
    private let errorCollected = DispatchGroup()
    private nonisolated(unsafe) var errorBytes: [UInt8] = []
    private var inputClosed = false

    /// Why a filter command could not do its work.
    enum Failure: Error {
        /// It could not be started at all.
        case cannotStart(String)
        /// It stopped reading its input or closed its output early (`EPIPE`, end of file).
        case brokenPipe
    }

    /// The most of a filter's stderr kept for an error message.
    static let errorLimit = 64 << 10

    /// Starts `command` with `/bin/sh -c` in `workingDirectory`.
    init(command: String, workingDirectory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw Failure.cannotStart(error.localizedDescription)
        }
        let handle = errorPipe.fileHandleForReading
        errorCollected.enter()
        DispatchQueue.global().async { [self] in
            var kept: [UInt8] = []
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                if kept.count < FilterProcess.errorLimit { kept += chunk.prefix(FilterProcess.errorLimit - kept.count) }
            }
            errorBytes = kept
            errorCollected.leave()
        }
    }

    deinit {
        closeInput()
        if process.isRunning { process.terminate() }
    }

    /// Writes all of `bytes` to the command's stdin; throws `brokenPipe` when it stopped reading.
    func write(_ bytes: [UInt8]) throws {
        let descriptor = inputPipe.fileHandleForWriting.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.brokenPipe
            }
            offset += written
        }
    }

    /// Stops the command (SIGTERM) if it is still running.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Closes the command's stdin, which tells a single-file filter that its input is complete.
    func closeInput() {
        guard !inputClosed else { return }
        inputClosed = true
        try? inputPipe.fileHandleForWriting.close()  // closed already by a process that exited: nothing to report
    }

    /// Reads exactly `count` bytes from the command's stdout; nil at end of file before that many arrived.
    func read(exactly count: Int) -> [UInt8]? {
        let descriptor = outputPipe.fileHandleForReading.fileDescriptor
        var result = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = result.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress.map { $0 + offset }, count - offset)
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            offset += got
        }
        return result
    }

    /// Reads the command's stdout until it closes it.
    func readToEnd() -> [UInt8] {
        [UInt8](outputPipe.fileHandleForReading.readDataToEndOfFile())
    }

    /// Closes stdin, waits for the command to exit, and returns its exit status and what it wrote on stderr.
    func finish() -> (status: Int32, errorText: String) {
        closeInput()
        try? outputPipe.fileHandleForReading.close()  // everything was read; the exit status is the answer
        process.waitUntilExit()
        errorCollected.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: errorBytes, as: UTF8.self))
    }

    /// Runs a single-file filter: `input` on stdin while stdout is read at the same time (a filter that writes
    /// before it has read everything would otherwise deadlock both sides on full pipes).
    static func run(command: String, input: [UInt8], workingDirectory: String) throws -> (
        status: Int32, output: [UInt8], errorText: String
    ) {
        try BrokenPipe.ignored {
            let child = try FilterProcess(command: command, workingDirectory: workingDirectory)
            let written = DispatchGroup()
            written.enter()
            DispatchQueue.global().async {
                // Like git, a filter that exits without reading all of its input is judged by its exit status
                // alone: the broken pipe is not an error of its own.
                try? child.write(input)
                child.closeInput()
                written.leave()
            }
            let output = child.readToEnd()
            written.wait()
            let (status, errorText) = child.finish()
            return (status, output, errorText)
        }
    }
}

/// `write(2)`, named apart from `FilterProcess.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// `read(2)`, named apart from `FilterProcess.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
