import Foundation

/// Feeds commits to `git fast-import` on its standard input, which writes them into the repository as one pack:
/// tens of thousands of commits in seconds, where a `git commit` per commit would take many minutes. Generated paths
/// hold no spaces or quotes, so they go into the stream unquoted.
final class FastImportStream {
    private let child: ChildProcess
    private let branch: String
    /// The write end of fast-import's standard input, -1 once closed.
    private var input: Int32
    /// The stream not yet written to the pipe.
    private var buffer: [UInt8] = []
    /// How many bytes the buffer holds before a commit's end writes it out.
    private static let flushThreshold = 1 << 20

    /// Starts `git fast-import` in the repository at `directory`; commits go to `branch`.
    init(repository directory: String, branch: String) throws {
        let (readEnd, writeEnd) = try ChildProcess.makePipe()
        defer { close(readEnd) }
        do {
            child = try ChildProcess.start(
                "git", ["fast-import", "--quiet", "--done"], in: directory, input: .descriptor(readEnd))
        } catch {
            close(writeEnd)
            throw error
        }
        input = writeEnd
        self.branch = branch
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    deinit {
        if input >= 0 { close(input) }
    }

    /// Appends a commit on top of the previous one (the first becomes the root commit).
    func append(_ commit: GeneratedCommit) throws {
        let signature = "\(commit.author.name) <\(commit.author.email)> \(commit.time.secondsSinceEpoch) +0000\n"
        add("commit refs/heads/\(branch)\nauthor \(signature)committer \(signature)")
        addData(commit.message + "\n")
        for change in commit.changes {
            switch change {
            case .write(let path, let text):
                add("M 100644 inline \(path)\n")
                addData(text)
            case .delete(let path):
                add("D \(path)\n")
            case .rename(let source, let destination):
                add("R \(source) \(destination)\n")
            }
        }
        add("\n")
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Ends the stream and waits for fast-import; throws when it did not import everything.
    func finish() throws {
        add("done\n")
        try flush()
        close(input)
        input = -1
        let status = child.wait().status
        guard status == 0 else { throw BenchError("git fast-import exited \(status)") }
    }

    /// Adds a `data` command: the exact byte count, then the bytes.
    private func addData(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            add("data \(bytes.count)\n")
            buffer.append(contentsOf: bytes)
        }
        add("\n")
    }

    /// Adds text to the stream as it is.
    private func add(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Writes the buffer to fast-import's input; throws when fast-import stopped reading.
    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(input)
                input = -1
                let status = child.wait().status
                throw BenchError("git fast-import stopped reading its input (\(reason)), exited \(status)")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
